"""Framework code on a function page: NumPy, PyTorch, JAX and Keras tabs from the registry.

Each tab is a complete program that computes the function at this package's
defaults on the same input, built from the registry's
``FrameworkEquivalent.calls`` (the first call is the program; the others are
listed), with the registry's note on default differences and a link to the
framework's API page under it. The tab labels are the same on every page, so
Material's ``content.tabs.link`` keeps a reader's choice from page to page.

``scripts/check_frameworks.py`` runs every framework program shown here (and
every registry call) in a scratch environment that has the frameworks, and
``--record`` writes the run's summary to ``docs/data/framework-check.json``;
the pages show that record ("checked against PyTorch x.y ... on DATE"), and
``tests/test_downloads.py`` checks that it covers every call shown.

Nothing here imports a framework: the programs are text. The NumPy tab's
printed output is produced by running its program at build time.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from activations.registry import Activation, FrameworkEquivalent

ROOT = Path(__file__).resolve().parents[2]
RECORD = ROOT / "docs" / "data" / "framework-check.json"

# Tab order; the labels are also the keys that link the tabs across pages.
FRAMEWORKS = (("pytorch", "PyTorch"), ("jax", "JAX"), ("keras", "Keras"))
# What a framework program imports, and the module the check environment needs.
IMPORTS = {"pytorch": "torch", "jax": "jax", "keras": "keras"}
ELEMENTWISE_INPUT = "[-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0]"
VECTOR_INPUT = "[[1.0, -2.0, 0.5, 3.0], [0.0, 0.0, -1.0, 1.0]]"
# The framework's own array constructor, so each program runs on its own.
ARRAYS = {
    "pytorch": "torch.tensor({values})",
    "jax": "jax.numpy.array({values})",
    "keras": "keras.ops.convert_to_tensor({values})",
}
# keras.ops functions documented with the NumPy-like ops rather than the nn ops.
KERAS_NUMPY_OPS = {"heaviside", "tanh"}
KERAS_LAYER_PAGES = {"PReLU": "prelu", "LeakyReLU": "leaky_relu"}

TEXT = {
    "ko": {
        "ours": "이 패키지의 기본값으로 계산합니다.",
        "also": "같은 계산",
        "api": "API 문서",
        "no_builtin": "내장 함수가 없습니다.",
        "defaults": "기본값 차이",
        "none": "없음 (같은 기본값)",
        "checked": "프레임워크 코드는 {versions}에서 {date}에 검사했습니다 "
        "(검사 {checks}건, 불일치 {mismatches}건; `scripts/check_frameworks.py`).",
        "unchecked": "프레임워크 코드의 마지막 검사 기록(docs/data/framework-check.json)이 "
        "없습니다.",
    },
    "en": {
        "ours": "Computed at this package's defaults.",
        "also": "Same computation",
        "api": "API reference",
        "no_builtin": "No built-in.",
        "defaults": "Default differences",
        "none": "none (same defaults)",
        "checked": "The framework code was checked against {versions} on {date} "
        "({checks} checks, {mismatches} mismatches; `scripts/check_frameworks.py`).",
        "unchecked": "No record of a framework check (docs/data/framework-check.json).",
    },
}


@dataclass(frozen=True)
class Program:
    """One tab's code: a complete program, and the call it shows."""

    framework: str  # "numpy" or a registry framework id
    call: str
    code: str


def _input(entry: Activation) -> str:
    return VECTOR_INPUT if entry.kind == "vector" else ELEMENTWISE_INPUT


def _uses_x(call: str) -> bool:
    tree = ast.parse(call, mode="eval")
    return any(isinstance(n, ast.Name) and n.id == "x" for n in ast.walk(tree))


def numpy_program(entry: Activation) -> Program:
    arguments = ", ".join(f"{p.name}={p.default!r}" for p in entry.parameters)
    call = f"activations.{entry.id}(x{', ' + arguments if arguments else ''})"
    code = f"import numpy as np\nimport activations\n\nx = np.array({_input(entry)})\n"
    code += f"y = {call}\nprint(y)\n"
    return Program("numpy", call, code)


def framework_program(entry: Activation, framework: str, call: str) -> Program:
    """The program for one registry call: import, input, the call, print."""
    module = IMPORTS[framework]
    array = ARRAYS[framework].format(values=_input(entry))
    lines = [f"import {module}", "", f"x = {array}"]
    if _uses_x(call):
        lines.append(f"y = {call}")
    else:  # a layer or module constructor: build it, then apply it
        lines += [f"layer = {call}", "y = layer(x)"]
    lines.append("print(y)")
    return Program(framework, call, "\n".join(lines) + "\n")


def equivalent(entry: Activation, framework: str) -> FrameworkEquivalent:
    return next(f for f in entry.frameworks if f.framework == framework)


def programs(entry: Activation) -> list[Program]:
    """Every framework program a page shows (the first call of each framework)."""
    shown = []
    for framework, _ in FRAMEWORKS:
        calls = equivalent(entry, framework).calls
        if calls:
            shown.append(framework_program(entry, framework, calls[0]))
    return shown


def api_url(call: str) -> str:
    """The framework's API page of the function or class a call uses."""
    path = ast.unparse(ast.parse(call, mode="eval").body.func)  # type: ignore[attr-defined]
    name = path.rsplit(".", 1)[-1]
    if path.startswith("torch."):
        return f"https://docs.pytorch.org/docs/stable/generated/{path}.html"
    if path.startswith("jax."):
        return f"https://docs.jax.dev/en/latest/_autosummary/{path}.html"
    if path.startswith("keras.activations."):
        return f"https://keras.io/api/layers/activations/#{name}-function"
    if path.startswith("keras.ops."):
        group = "numpy" if name in KERAS_NUMPY_OPS else "nn"
        return f"https://keras.io/api/ops/{group}/#{name}-function"
    if path.startswith("keras.layers."):
        page = KERAS_LAYER_PAGES.get(name, name.lower())
        return f"https://keras.io/api/layers/activation_layers/{page}/"
    raise ValueError(f"no API page known for {path!r}")


def run_numpy(program: Program) -> str:
    """The NumPy program's printed output, by running it (at build time)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(program.code, f"<numpy tab: {program.call}>", "exec"), {})
    return out.getvalue()


def as_doctest(code: str, output: str) -> str:
    lines = []
    for line in code.splitlines():
        if line:
            lines.append(f">>> {line}")
    return "\n".join(lines) + "\n" + output


def load_record() -> dict | None:
    if not RECORD.is_file():
        return None
    return json.loads(RECORD.read_text(encoding="utf-8"))


def checked_line(language: str, record: dict | None = None) -> str:
    record = record if record is not None else load_record()
    t = TEXT[language]
    if record is None:
        return t["unchecked"]
    versions = ", ".join(
        f"{name} {version}" for name, version in record["frameworks"].items() if version
    )
    return t["checked"].format(
        versions=versions,
        date=record["date"],
        checks=record["checks"],
        mismatches=record["mismatches"],
    )


def _fence(code: str, attributes: str = "") -> str:
    header = f"``` {{.python {attributes}}}" if attributes else "```python"
    return f"{header}\n{code.rstrip()}\n```"


def _indent(text: str) -> str:
    return textwrap.indent(text, "    ", lambda line: bool(line.strip()))


def render(language: str, entry: Activation, code: Callable[[str], str]) -> str:
    """The Markdown of the tabs; ``code`` formats a call as inline code for prose."""
    t = TEXT[language]
    ours = numpy_program(entry)
    parts = [
        '=== "NumPy"\n',
        _indent(_fence(as_doctest(ours.code, run_numpy(ours)))) + "\n",
        _indent(t["ours"]) + "\n",
    ]
    for framework, label in FRAMEWORKS:
        found = equivalent(entry, framework)
        note = getattr(found, f"note_{language}").replace("](", "]&#40;")
        parts.append(f'=== "{label}"\n')
        body = []
        if found.calls:
            program = framework_program(entry, framework, found.calls[0])
            body.append(_fence(program.code, f'data-runs-with="{IMPORTS[framework]}"'))
            if len(found.calls) > 1:
                body.append(f"{t['also']}: " + ", ".join(code(c) for c in found.calls[1:]))
            body.append(f"{t['defaults']}: {note or t['none']}")
            body.append(f"[{t['api']}: {code_name(found.calls[0])}]({api_url(found.calls[0])})")
        else:
            body.append(f"{t['no_builtin']} {note}".strip())
        parts.append(_indent("\n\n".join(body)) + "\n")
    parts.append(checked_line(language) + "\n")
    return "\n".join(parts)


def code_name(call: str) -> str:
    path = ast.unparse(ast.parse(call, mode="eval").body.func)  # type: ignore[attr-defined]
    return f"`{path}`"
