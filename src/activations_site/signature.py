"""The signature block of a function page, the way an API reference shows one.

Everything comes from the function itself: the signature and annotations from
``inspect.signature``, the parameter and return descriptions from its numpydoc
docstring (English pages; the Korean pages take the parameters' Korean
descriptions from the registry, whose parameters ``tests/test_registry.py``
checks against the signature), and the accepted dtypes, the shapes and the
returned types by *calling* it: each dtype in :data:`DTYPES` is passed in and
the result's dtype (or the error raised) is what the block states.
"""

from __future__ import annotations

import html
import inspect
import re
from dataclasses import dataclass

import numpy as np

from activations.registry import Activation

DTYPES = ("bool", "int64", "float16", "float32", "float64", "complex128")
SECTION = re.compile(r"^(?P<title>[A-Z][A-Za-z ]+)\n-{3,}\n", re.M)

TEXT = {
    "ko": {
        "title": "시그니처 (signature)",
        "parameter": "매개변수",
        "kind": "종류",
        "default": "기본값",
        "description": "설명",
        "required": "필수",
        "positional": "위치 인자",
        "keyword": "키워드 전용",
        "dtypes": "입력 dtype → 출력 dtype",
        "shapes": "모양 (shape)",
        "returns": "반환값",
        "error": "{error} 발생",
        "scalar": "파이썬 스칼라 → <code>{type}</code>",
        "x_elementwise": "배열처럼 쓸 수 있는 값 (array_like): 스칼라, 리스트, 임의 모양의 배열",
        "x_vector": "배열처럼 쓸 수 있는 값 (array_like), 1차원 이상; "
        "<code>axis</code>를 따라 계산",
        "measured": "dtype과 모양은 이 함수를 직접 호출해 얻은 결과입니다.",
    },
    "en": {
        "title": "Signature",
        "parameter": "Parameter",
        "kind": "Kind",
        "default": "Default",
        "description": "Description",
        "required": "required",
        "positional": "positional",
        "keyword": "keyword-only",
        "dtypes": "Input dtype → output dtype",
        "shapes": "Shapes",
        "returns": "Returns",
        "error": "raises {error}",
        "scalar": "Python scalar → <code>{type}</code>",
        "x_elementwise": "",
        "x_vector": "",
        "measured": "The dtypes and shapes are measured by calling the function.",
    },
}


@dataclass(frozen=True)
class Documented:
    name: str
    type: str
    description: str


def _sections(doc: str) -> dict[str, str]:
    text = inspect.cleandoc(doc)
    found = list(SECTION.finditer(text))
    return {
        m["title"]: text[m.end() : found[i + 1].start() if i + 1 < len(found) else len(text)]
        for i, m in enumerate(found)
    }


def _items(section: str) -> list[Documented]:
    """numpydoc items: ``name : type`` then indented description lines."""
    items: list[list[str]] = []
    for line in section.splitlines():
        if line and not line.startswith(" "):
            names, _, kind = line.partition(" : ")
            items.append([names.strip(), kind.strip(), ""])
        elif line.strip() and items:
            items[-1][2] = f"{items[-1][2]} {line.strip()}".strip()
    # "min_val, max_val : float" documents two parameters at once.
    return [
        Documented(name.strip(), kind, description)
        for names, kind, description in items
        for name in names.split(",")
    ]


def documented(function: object) -> tuple[list[Documented], list[Documented]]:
    """The Parameters and Returns sections of a numpydoc docstring."""
    sections = _sections(function.__doc__ or "")
    if "Parameters" not in sections or "Returns" not in sections:
        raise ValueError(f"{function.__name__}: docstring lacks Parameters or Returns")
    return _items(sections["Parameters"]), _items(sections["Returns"])


def _rst(text: str) -> str:
    """Docstring reST inline markup as HTML (``code``, :func:`name`)."""
    escaped = html.escape(text, quote=False)
    escaped = re.sub(r":\w+:`~?([^`]+)`", r"<code>\1</code>", escaped)
    return re.sub(r"``([^`]+)``", r"<code>\1</code>", escaped)


def _sample(entry: Activation) -> tuple[int, ...]:
    return (2, 4) if entry.kind == "vector" else (2, 3)


def dtype_map(entry: Activation) -> list[tuple[str, str]]:
    """(input dtype, output dtype or the exception raised), by calling the function."""
    results = []
    for name in DTYPES:
        x = np.ones(_sample(entry), dtype=name)
        try:
            with np.errstate(all="ignore"):
                y = entry.function(x)
        except (TypeError, ValueError) as error:
            results.append((name, type(error).__name__))
            continue
        results.append((name, str(np.asarray(y).dtype)))
    return results


def shapes(entry: Activation) -> tuple[str, str, str]:
    """(input shape, output shape, type returned for a Python scalar or None)."""
    shape = _sample(entry)
    y = entry.function(np.zeros(shape))
    try:
        scalar = type(entry.function(0.5)).__name__
        scalar = f"numpy.{scalar}" if scalar.startswith(("float", "int")) else scalar
    except (TypeError, ValueError):
        scalar = ""
    return str(shape), str(np.shape(y)), scalar


def render(language: str, entry: Activation) -> str:
    t = TEXT[language]
    function = entry.function
    sig = inspect.signature(function)
    params, returns = documented(function)
    described = {p.name: p for p in params}
    korean = {p.name: p.ko for p in entry.parameters}
    shown = str(sig.replace(return_annotation=inspect.Signature.empty)).replace("'", "")
    rows = [
        f"<tr><th>{t['parameter']}</th><th>{t['kind']}</th><th>{t['default']}</th>"
        f"<th>{t['description']}</th></tr>"
    ]
    for name, parameter in sig.parameters.items():
        doc = described.get(name)
        if doc is None:
            raise ValueError(f"{entry.id}: parameter {name!r} is not in the docstring")
        keyword = parameter.kind is inspect.Parameter.KEYWORD_ONLY
        default = (
            t["required"] if parameter.default is inspect.Parameter.empty
            else f"<code>{parameter.default!r}</code>"
        )
        if language == "ko":
            description = korean.get(name) or t[f"x_{entry.kind}"]
            description = html.escape(description, quote=False) if name in korean else description
        else:
            description = _rst(doc.description)
        rows.append(
            f"<tr><td><code>{name}</code></td><td>{t['keyword' if keyword else 'positional']}"
            f" · <code>{html.escape(doc.type.split(',')[0])}</code></td><td>{default}</td>"
            f"<td>{description}</td></tr>"
        )
    dtypes = ", ".join(
        f"<code>{i}</code> → "
        + (f"<code>{o}</code>" if not o.endswith("Error") else t["error"].format(error=o))
        for i, o in dtype_map(entry)
    )
    shape_in, shape_out, scalar = shapes(entry)
    shape_text = f"<code>{shape_in}</code> → <code>{shape_out}</code>"
    if scalar:
        shape_text += "; " + t["scalar"].format(type=scalar)
    returned = returns[0]
    returns_text = f"<code>{html.escape(returned.name)}</code>"
    if language == "en":
        returns_text += f" — {_rst(returned.description)}"
    return (
        f'<div class="activation-signature">\n'
        f"<p><strong>{t['title']}</strong></p>\n"
        f"<p><code>activations.{entry.id}{html.escape(shown)}</code></p>\n"
        f"<table>\n<thead>{rows[0]}</thead>\n<tbody>{''.join(rows[1:])}</tbody>\n</table>\n"
        f"<p>{t['dtypes']}: {dtypes}</p>\n"
        f"<p>{t['shapes']}: {shape_text}</p>\n"
        f"<p>{t['returns']}: {returns_text}</p>\n"
        f"<p><small>{t['measured']}</small></p>\n"
        f"</div>\n"
    )
