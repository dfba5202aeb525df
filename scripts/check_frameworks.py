r"""Check the registry's framework claims against PyTorch, JAX, Keras 3 and TensorFlow.

``src/activations/registry.py`` states, for every activation, which framework calls
compute the same function, where their default parameters differ from ours, and what
each framework's autograd returns at a kink. Many of those facts were first taken from
reading framework source; this script asks the installed frameworks themselves.

For every registry entry and every framework that is importable it checks

(a) values: each call the registry lists (``FrameworkEquivalent.calls``, evaluated as
    written, with ``x`` bound to a float64 array) against our function at its default
    parameters on a fixed set of points (0, ±1, ±3, ±6, the breakpoints, a -20..20
    grid); and each *stated* framework default (e.g. ``keras.activations.leaky_relu``
    without ``negative_slope`` is our leaky ReLU with 0.2) the same way. The measure is
    ``|f_framework - f_ours| / max(|f_ours|, 1e-6)``: relative, except that values
    below 1e-6 in size are compared with an absolute tolerance of 1e-12, so an
    underflowing tail (exact GELU at -20 is -5.5e-88 here, 0 in PyTorch) is not a
    difference of definition. Flagged above 1e-6.
(b) derivatives at the kinks of ``KinkConvention`` (PyTorch ``torch.autograd.grad``;
    JAX ``jax.grad`` eagerly and under ``jax.jit``; Keras 3 on JAX through ``jax.grad``;
    TensorFlow ``tf.GradientTape`` on the native ``tf.nn`` op where one exists, and on
    Keras 3 with the TensorFlow backend) against the registry's per-framework value;
    Keras on JAX is held to the ``jax`` column, Keras on TensorFlow to the
    ``tensorflow`` column. At the breakpoints of C1 functions (ELU, CELU, softsign),
    where the registry states no kink, every framework must return our derivative.
(c) defaults: for each keyword argument a registry call passes, the framework's own
    default (``inspect.signature``, or the first docstring line for PyTorch builtins);
    a default different from ours must be mentioned in the registry's note. The
    defaults the notes state explicitly are checked against the signature, and a
    framework entry with no call is checked to have no function of that name.

Keras runs with ``KERAS_BACKEND=jax`` in this process. If TensorFlow is importable the
script runs itself once more in a child process with ``KERAS_BACKEND=tensorflow`` for
the TensorFlow and Keras-on-TensorFlow rows. It prints one Markdown table of every
check and exits 1 on any mismatch.

This is a maintenance script, not a test and not a project dependency. Usage, from the
repository root, with a scratch environment holding the frameworks::

    PYTHONPATH=src /tmp/torchvenv/bin/python scripts/check_frameworks.py [--record]

``--record`` writes the run's summary (framework versions, date, number of checks and
mismatches, and every registry call and site tab program checked, with its result) to
``docs/data/framework-check.json``, which the function pages show. It also runs the
site's framework tab programs (:mod:`activations_site.framework_tabs`) as a reader
would and compares their output with ours.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import datetime
import importlib.util
import inspect
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

TF_WORKER = "--tensorflow-worker"
_WORKER = TF_WORKER in sys.argv
# Keras reads its backend once, at import; it has to be set before anything imports keras.
os.environ["KERAS_BACKEND"] = "tensorflow" if _WORKER else "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402

from activations.registry import REGISTRY, Activation  # noqa: E402
from activations_site import framework_tabs  # noqa: E402

GRID = np.linspace(-20.0, 20.0, 161)
SPECIAL = (0.0, 1.0, -1.0, 3.0, -3.0, 6.0, -6.0, 0.5, -0.5, 2.5, -2.5, 1e-3, -1e-3, 1e-8, -1e-8)
VALUE_RTOL = 1e-6
VALUE_FLOOR = 1e-6
GRAD_TOL = 1e-12
# The site's tab programs compute in the framework's default float32.
PROGRAM_RTOL = 1e-5

# The registry's ``tensorflow`` column is the native tf.nn op's gradient where one exists.
TF_NATIVE = {
    "relu": "tf.nn.relu(x)",
    "relu6": "tf.nn.relu6(x)",
    "leaky_relu": "tf.nn.leaky_relu(x, alpha=0.01)",
    "selu": "tf.nn.selu(x)",
    "elu": "tf.nn.elu(x)",
    "softsign": "tf.nn.softsign(x)",
}

# Framework defaults the registry notes state, with the words of the note that state them:
# (id, framework, callable, parameter, stated default, text in note_en).
STATED_DEFAULTS: tuple[tuple[str, str, str, str, object, str], ...] = (
    ("leaky_relu", "keras", "keras.activations.leaky_relu", "negative_slope", 0.2, "uses 0.2"),
    ("leaky_relu", "keras", "keras.layers.LeakyReLU", "negative_slope", 0.3, "uses 0.3"),
    ("gelu", "keras", "keras.activations.gelu", "approximate", False, "approximate=False"),
    ("gelu", "keras", "keras.ops.gelu", "approximate", True, "approximate=True"),
    ("gelu", "jax", "jax.nn.gelu", "approximate", True, "approximate=True"),
    ("softplus", "pytorch", "torch.nn.functional.softplus", "threshold", 20, "default 20"),
    ("relu", "keras", "keras.activations.relu", "negative_slope", 0.0, "defaults 0, None, 0"),
    ("relu", "keras", "keras.activations.relu", "max_value", None, "defaults 0, None, 0"),
    ("relu", "keras", "keras.activations.relu", "threshold", 0.0, "defaults 0, None, 0"),
    ("prelu", "keras", "keras.layers.PReLU", "alpha_initializer", "Zeros", "'Zeros'"),
    ("prelu", "keras", "keras.layers.PReLU", "shared_axes", None, "shared_axes"),
    ("softmax", "pytorch", "torch.nn.functional.softmax", "dim", None, "picks a dimension"),
)

# The same stated defaults, by behaviour: the call without the argument must equal our
# function with the stated value. (id, framework, call, our id, our keyword arguments).
DEFAULT_BEHAVIOUR: tuple[tuple[str, str, str, str, dict[str, float]], ...] = (
    ("leaky_relu", "pytorch", "torch.nn.functional.leaky_relu(x)", "leaky_relu", {}),
    ("leaky_relu", "keras", "keras.activations.leaky_relu(x)", "leaky_relu",
     {"negative_slope": 0.2}),
    ("leaky_relu", "keras", "keras.layers.LeakyReLU()", "leaky_relu", {"negative_slope": 0.3}),
    ("leaky_relu", "jax", "jax.nn.leaky_relu(x)", "leaky_relu", {}),
    ("gelu", "keras", "keras.activations.gelu(x)", "gelu", {}),
    ("gelu", "keras", "keras.ops.gelu(x)", "gelu_tanh", {}),
    ("gelu", "jax", "jax.nn.gelu(x)", "gelu_tanh", {}),
    ("gelu", "pytorch", "torch.nn.functional.gelu(x)", "gelu", {}),
    ("prelu", "keras", "keras.layers.PReLU()", "relu", {}),
    ("prelu", "pytorch", "torch.nn.PReLU()", "prelu", {}),
    ("hard_tanh", "pytorch", "torch.nn.functional.hardtanh(x)", "hard_tanh", {}),
    ("elu", "pytorch", "torch.nn.functional.elu(x)", "elu", {}),
    ("elu", "keras", "keras.activations.elu(x)", "elu", {}),
    ("elu", "jax", "jax.nn.elu(x)", "elu", {}),
    ("celu", "pytorch", "torch.nn.functional.celu(x)", "celu", {}),
    ("celu", "keras", "keras.activations.celu(x)", "celu", {}),
    ("celu", "jax", "jax.nn.celu(x)", "celu", {}),
    ("softplus", "pytorch", "torch.nn.functional.softplus(x)", "softplus", {}),
)

# Derivatives at a C1 join that a registry note documents as differing from ours:
# (id, backend label, point, value, text in that framework's note_en).
DOCUMENTED_JOIN_GRADIENTS: tuple[tuple[str, str, float, float, str], ...] = (
    ("celu", "Keras (TensorFlow backend)", 0.0, 2.0, "returns 2 at 0"),
)

# Where a framework entry lists no call, no function named after the activation (its id
# or an alias) that computes it may exist in these modules.
ABSENCE_NAMESPACES = {
    "pytorch": ("torch.nn.functional",),
    "keras": ("keras.activations", "keras.ops"),
    "jax": ("jax.nn",),
}


@dataclass
class Row:
    """One line of the report."""

    section: str
    activation: str
    framework: str
    check: str
    expected: str
    got: str
    status: str  # "ok", "MISMATCH", "n/a" (no claim to check) or "note" (worth a look)
    key: str = ""  # registry framework id, for the rows that check a registry call
    call: str = ""  # the registry call (section "value") or tab program (section "tab")


# --- frameworks -----------------------------------------------------------------------


class Backend:
    """A framework (or Keras on one backend): arrays, evaluation and gradients."""

    key: str  # the registry's framework id whose calls this backend evaluates
    label: str
    namespace: dict[str, Any]

    def array(self, values: np.ndarray) -> Any:
        raise NotImplementedError

    def numpy(self, y: Any) -> np.ndarray:
        raise NotImplementedError

    def gradients(self, fn: Callable[[Any], Any], point: float) -> Iterator[tuple[str, Any]]:
        """Yield (method, d fn / dx at point, or None when there is no gradient)."""
        raise NotImplementedError

    def compile(self, call: str) -> Callable[[Any], Any]:
        """Turn a registry call string into a function of x.

        A call that mentions ``x`` is evaluated per input; one that does not is a
        constructor (``torch.nn.ReLU()``, ``keras.layers.LeakyReLU(...)``), built once
        so that a layer's weights are not created inside a JAX trace.
        """
        tree = ast.parse(call, mode="eval")
        code = compile(tree, f"<registry: {call}>", "eval")
        if any(isinstance(n, ast.Name) and n.id == "x" for n in ast.walk(tree)):
            namespace = self.namespace
            return lambda x: eval(code, {**namespace, "x": x})
        return eval(code, dict(self.namespace))


class TorchBackend(Backend):
    key = "pytorch"
    label = "PyTorch"

    def __init__(self) -> None:
        import torch

        # Registry calls build tensors (torch.tensor([0.25])) and modules (nn.PReLU)
        # themselves; float64 must be the default for those to match a float64 input.
        torch.set_default_dtype(torch.float64)
        self.torch = torch
        self.namespace = {"torch": torch}
        self.version = f"torch {torch.__version__}"

    def array(self, values: np.ndarray) -> Any:
        return self.torch.tensor(values, dtype=self.torch.float64)

    def numpy(self, y: Any) -> np.ndarray:
        return y.detach().cpu().numpy()

    def gradients(self, fn: Callable[[Any], Any], point: float) -> Iterator[tuple[str, Any]]:
        t = self.torch.tensor([point], dtype=self.torch.float64, requires_grad=True)
        try:
            (g,) = self.torch.autograd.grad(fn(t).sum(), t)
        except RuntimeError as exc:
            yield "torch.autograd.grad", f"error: {exc}".splitlines()[0]
            return
        yield "torch.autograd.grad", float(g[0])


class JaxBackend(Backend):
    key = "jax"
    label = "JAX"

    def __init__(self) -> None:
        import jax

        jax.config.update("jax_enable_x64", True)
        import jax.numpy as jnp
        import jaxlib

        self.jax = jax
        self.jnp = jnp
        self.namespace = {"jax": jax}
        self.version = f"jax {jax.__version__}, jaxlib {jaxlib.__version__}"

    def array(self, values: np.ndarray) -> Any:
        return self.jnp.asarray(values, dtype=self.jnp.float64)

    def numpy(self, y: Any) -> np.ndarray:
        return np.asarray(y, dtype=np.float64)

    def gradients(self, fn: Callable[[Any], Any], point: float) -> Iterator[tuple[str, Any]]:
        jnp = self.jnp

        def total(t: Any) -> Any:
            return jnp.sum(fn(t))

        grad = self.jax.grad(total)
        x = jnp.asarray([point], dtype=jnp.float64)
        yield "jax.grad", float(grad(x)[0])
        yield "jax.jit(jax.grad)", float(self.jax.jit(grad)(x)[0])


class KerasJaxBackend(JaxBackend):
    key = "keras"
    label = "Keras (JAX backend)"

    def __init__(self) -> None:
        super().__init__()
        import keras

        keras.config.set_floatx("float64")
        self.namespace = {"keras": keras, "jax": self.jax}
        self.version = f"keras {keras.__version__} (backend {keras.backend.backend()})"


class TensorFlowBackend(Backend):
    key = "tensorflow"
    label = "TensorFlow"

    def __init__(self) -> None:
        import tensorflow as tf

        self.tf = tf
        self.namespace = {"tf": tf}
        self.version = f"tensorflow {tf.__version__}"

    def array(self, values: np.ndarray) -> Any:
        return self.tf.constant(values, dtype=self.tf.float64)

    def numpy(self, y: Any) -> np.ndarray:
        return np.asarray(y, dtype=np.float64)

    def gradients(self, fn: Callable[[Any], Any], point: float) -> Iterator[tuple[str, Any]]:
        x = self.tf.constant([point], dtype=self.tf.float64)
        with self.tf.GradientTape() as tape:
            tape.watch(x)
            y = self.tf.reduce_sum(fn(x))
        g = tape.gradient(y, x)
        yield "tf.GradientTape", None if g is None else float(g.numpy()[0])


class KerasTensorFlowBackend(TensorFlowBackend):
    key = "keras"
    label = "Keras (TensorFlow backend)"

    def __init__(self) -> None:
        super().__init__()
        import keras

        keras.config.set_floatx("float64")
        self.namespace = {"keras": keras, "tf": self.tf}
        self.version = f"keras {keras.__version__} (backend {keras.backend.backend()})"


def load(factory: type[Backend]) -> Backend | None:
    try:
        return factory()
    except ImportError:
        return None


# --- checks ---------------------------------------------------------------------------


def fmt(value: object) -> str:
    if isinstance(value, float):
        return repr(value)
    return "no gradient" if value is None else str(value)


def value_inputs(entry: Activation) -> list[np.ndarray]:
    if entry.kind == "elementwise":
        kinks = entry.kink.points if entry.kink else ()
        return [np.unique(np.concatenate([GRID, SPECIAL, entry.breakpoints, kinks]))]
    # Vector functions act along the last axis, which must have even length for GLU.
    return [GRID[:160].reshape(4, 40), np.array([SPECIAL[:8]]), np.array([[0.0, 0.0]])]


def max_difference(got: np.ndarray, ours: np.ndarray) -> float:
    if got.shape != ours.shape:
        return float("inf")
    with np.errstate(invalid="ignore"):
        diff = np.abs(got - ours) / np.maximum(np.abs(ours), VALUE_FLOOR)
    both_equal = got == ours  # equal infinities give nan above
    return float(np.max(np.where(both_equal, 0.0, diff)))


def compare_values(
    backend: Backend, entry: Activation, call: str, section: str, reference: Activation,
    kwargs: dict[str, float],
) -> Row:
    worst = 0.0
    try:
        fn = backend.compile(call)
        for x in value_inputs(entry):
            got = backend.numpy(fn(backend.array(x)))
            ours = np.asarray(reference.function(x, **kwargs), dtype=np.float64)
            worst = max(worst, max_difference(got, ours))
    except Exception as exc:  # a call the registry lists must run as written
        return Row(section, entry.id, backend.label, f"`{call}`", "runs",
                   f"{type(exc).__name__}: {exc}".splitlines()[0], "MISMATCH",
                   backend.key, call)
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    target = f"ours {reference.id}({args})" if args or reference is not entry else "ours"
    status = "ok" if worst <= VALUE_RTOL else "MISMATCH"
    return Row(section, entry.id, backend.label, f"`{call}` vs {target}",
               f"rel. diff <= {VALUE_RTOL:g}", f"{worst:.2g}", status, backend.key, call)


def check_programs(backend: Backend) -> Iterator[Row]:
    """Run each framework tab of the site as the reader copies it; compare its ``y``.

    The programs build their own float32 input; they are compared with our function
    at its defaults on the same values, within float32 rounding.
    """
    for entry in REGISTRY.values():
        for program in framework_tabs.programs(entry):
            if program.framework != backend.key:
                continue
            namespace: dict[str, Any] = {}
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(compile(program.code, f"<tab {entry.id}>", "exec"), namespace)
                got = np.asarray(backend.numpy(namespace["y"]), dtype=np.float64)
                x = np.array(ast.literal_eval(framework_tabs._input(entry)))
                ours = np.asarray(entry.function(x), dtype=np.float64)
                worst = max_difference(got, ours)
            except Exception as exc:
                yield Row("tab", entry.id, backend.label, "site tab program runs", "runs",
                          f"{type(exc).__name__}: {exc}".splitlines()[0], "MISMATCH",
                          backend.key, program.call)
                continue
            status = "ok" if worst <= PROGRAM_RTOL else "MISMATCH"
            yield Row("tab", entry.id, backend.label, f"site tab program `{program.call}`",
                      f"rel. diff <= {PROGRAM_RTOL:g}", f"{worst:.2g}", status, backend.key,
                      program.call)


def gradient_rows(
    backend: Backend, entry: Activation, call: str, point: float, expected: float | None,
    section: str, *, unclaimed: bool = False,
) -> Iterator[Row]:
    fn = backend.compile(call)
    try:
        results = list(backend.gradients(fn, point))
    except Exception as exc:  # no gradient defined is an answer, not a crash
        results = [("gradient", f"error: {type(exc).__name__}: {exc}".splitlines()[0])]
    for method, got in results:
        shown = fmt(got)
        if expected is None:
            status = "ok" if not isinstance(got, float) else "MISMATCH"
        elif not isinstance(got, float):
            status = "MISMATCH"
        elif abs(got - expected) <= GRAD_TOL * max(1.0, abs(expected)):
            status = "ok"
        elif got == float(np.float32(expected)):
            # TensorFlow stores op attributes such as leaky_relu's alpha as float32.
            status, shown = "ok", f"{shown} (float32 of expected)"
        else:
            status = "MISMATCH"
        if unclaimed:
            status = "n/a"
        yield Row(section, entry.id, backend.label, f"{method} of `{call}` at x = {point:g}",
                  "no claim" if unclaimed else fmt(expected), shown, status)


def kink_column(backend: Backend, entry: Activation) -> tuple[float | None, ...] | None:
    assert entry.kink is not None
    if backend.key == "pytorch":
        return entry.kink.torch
    if isinstance(backend, JaxBackend):  # JAX itself and Keras on JAX
        return entry.kink.jax
    return entry.kink.tensorflow


def calls_for(backend: Backend, entry: Activation) -> tuple[str, ...]:
    if backend.key == "tensorflow":
        native = TF_NATIVE.get(entry.id)
        return (native,) if native else ()
    for equivalent in entry.frameworks:
        if equivalent.framework == backend.key:
            return equivalent.calls
    return ()


def check_backend(backend: Backend) -> Iterator[Row]:
    for entry in REGISTRY.values():
        calls = calls_for(backend, entry)
        if backend.key != "tensorflow":
            for call in calls:
                yield compare_values(backend, entry, call, "value", entry, {})
        if entry.kind != "elementwise":
            continue
        if entry.kink is not None:
            column = kink_column(backend, entry)
            assert column is not None
            if (
                backend.key == "keras" and isinstance(backend, TensorFlowBackend)
                and entry.id in TF_NATIVE
            ):
                column = entry.kink.tensorflow  # held to the native op's column as well
            # The jax column is about jax.nn; where it says "no such op" it makes no
            # claim about Keras running on JAX.
            unclaimed = backend.key == "keras" and column is entry.kink.jax
            for point, expected in zip(entry.kink.points, column, strict=True):
                if not calls:
                    # Native TensorFlow without an op: its column is Keras-on-TF's.
                    status = "ok" if expected is None else "n/a"
                    yield Row("kink", entry.id, backend.label, f"no op; x = {point:g}",
                              fmt(expected), "no op", status)
                for call in calls:
                    yield from gradient_rows(backend, entry, call, point, expected, "kink",
                                             unclaimed=unclaimed and expected is None)
        elif entry.breakpoints:
            # A C1 function has a derivative at its breakpoints: every framework must
            # return it, whatever the formula's case split.
            assert entry.derivative is not None
            for point in entry.breakpoints:
                expected = float(entry.derivative(point))  # type: ignore[arg-type]
                for entry_id, label, at, value, words in DOCUMENTED_JOIN_GRADIENTS:
                    note = note_for(entry, backend.key if backend.key != "tensorflow"
                                    else "keras")
                    if (entry_id, label, at) == (entry.id, backend.label, point) and (
                        words in note
                    ):
                        expected = value
                for call in calls:
                    yield from gradient_rows(backend, entry, call, point, expected,
                                             "C1 join")


def check_stated_default_values(backend: Backend) -> Iterator[Row]:
    for entry_id, framework, call, our_id, kwargs in DEFAULT_BEHAVIOUR:
        if framework == backend.key:
            yield compare_values(backend, REGISTRY[entry_id], call, "default",
                                 REGISTRY[our_id], kwargs)


def docstring_defaults(obj: Any) -> dict[str, object]:
    """Defaults from a PyTorch builtin's first docstring line, 'name(a, b=1) -> Tensor'."""
    first = next((ln for ln in (obj.__doc__ or "").splitlines() if ln.strip()), "")
    match = re.match(r"\s*\w+\((.*)\)\s*->", first)
    if not match:
        raise ValueError(f"no signature for {obj!r}")
    defaults: dict[str, object] = {}
    for part in match.group(1).split(","):
        name, sep, value = part.partition("=")
        name = name.strip().lstrip("*").split(":")[0].strip()
        if sep:
            try:
                defaults[name] = ast.literal_eval(value.strip())
            except (ValueError, SyntaxError):
                defaults[name] = value.strip()
        elif name:
            defaults[name] = inspect.Parameter.empty
    return defaults


def signature_defaults(obj: Any) -> dict[str, object]:
    try:
        params = inspect.signature(obj).parameters
    except (TypeError, ValueError):
        return docstring_defaults(obj)
    return {name: p.default for name, p in params.items()}


def resolve(path: str, namespace: dict[str, Any]) -> Any:
    return eval(compile(ast.parse(path, mode="eval"), path, "eval"), dict(namespace))


def same(a: object, b: object) -> bool:
    """Equal as parameter values: 20 == 20.0, 'zeros' == 'Zeros', but True != 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    return a == b


def note_for(entry: Activation, framework: str) -> str:
    return next(f.note_en for f in entry.frameworks if f.framework == framework)


def check_defaults(backend: Backend) -> Iterator[Row]:
    """Keyword arguments of the registry's calls against the framework's own defaults."""
    for entry in REGISTRY.values():
        note = note_for(entry, backend.key)
        for call in calls_for(backend, entry):
            node = ast.parse(call, mode="eval").body
            assert isinstance(node, ast.Call)
            path = ast.unparse(node.func)
            try:
                defaults = signature_defaults(resolve(path, backend.namespace))
            except (ValueError, AttributeError) as exc:
                yield Row("default", entry.id, backend.label, f"signature of `{path}`",
                          "readable", str(exc), "MISMATCH")
                continue
            for kw in node.keywords:
                try:
                    passed = ast.literal_eval(kw.value)
                except ValueError:
                    continue  # an object (an initializer); its default is a stated claim
                default = defaults.get(kw.arg or "", "missing")
                if default == "missing":
                    yield Row("default", entry.id, backend.label, f"`{path}` has `{kw.arg}`",
                              "parameter exists", "no such parameter", "MISMATCH")
                    continue
                shown = "required" if default is inspect.Parameter.empty else fmt(default)
                if default is inspect.Parameter.empty or same(default, passed):
                    expected, status = f"ours, {fmt(passed)}", "ok"
                elif kw.arg and kw.arg in note:
                    expected, status = f"differs from ours ({fmt(passed)}): in note", "ok"
                else:
                    # The call is still right (it passes the value); the note is missing.
                    expected, status = f"ours ({fmt(passed)}) or a note", "note"
                yield Row("default", entry.id, backend.label, f"`{path}` default `{kw.arg}`",
                          expected, shown, status)
    for entry_id, framework, path, param, value, words in STATED_DEFAULTS:
        if framework != backend.key:
            continue
        in_note = words in note_for(REGISTRY[entry_id], framework)
        try:
            default = signature_defaults(resolve(path, backend.namespace)).get(param, "missing")
        except (ValueError, AttributeError) as exc:
            default = f"unreadable: {exc}"
        status = "ok" if in_note and same(default, value) else "MISMATCH"
        got = fmt(default) if in_note else f"{fmt(default)}; note lacks {words!r}"
        yield Row("default", entry_id, backend.label, f"stated: `{path}` `{param}`",
                  fmt(value), got, status)


def computes(backend: Backend, entry: Activation, path: str) -> str | None:
    """The call of ``path`` that computes the entry's function, if one does.

    A name can be taken by something else (keras.ops.threshold is a different function),
    so a found name counts only when f(x) or f(x, 1.0) (value at 0 for a step) matches.
    """
    for call in (f"{path}(x)", f"{path}(x, 1.0)"):
        try:
            if compare_values(backend, entry, call, "", entry, {}).status == "ok":
                return call
        except Exception:  # a signature that does not fit is not this function
            continue
    return None


def check_absences(backend: Backend) -> Iterator[Row]:
    for entry in REGISTRY.values():
        if calls_for(backend, entry):
            continue
        names = {entry.id, *(a.lower().replace(" ", "_").replace("-", "_") for a in entry.aliases)}
        same_name, same_function = [], []
        for module_path in ABSENCE_NAMESPACES[backend.key]:
            module = resolve(module_path, backend.namespace)
            for name in sorted(names):
                if hasattr(module, name):
                    path = f"{module_path}.{name}"
                    works = computes(backend, entry, path)
                    (same_function if works else same_name).append(works or path)
        where = ", ".join(ABSENCE_NAMESPACES[backend.key])
        got = ", ".join(same_function) or "absent"
        if same_name:
            got += f"; same name, other function: {', '.join(same_name)}"
        yield Row("no built-in", entry.id, backend.label,
                  f"none of {', '.join(sorted(names))} in {where}", "absent", got,
                  "MISMATCH" if same_function else "ok")


def run(backends: list[Backend]) -> list[Row]:
    rows: list[Row] = []
    for backend in backends:
        rows += check_backend(backend)
        if backend.key != "tensorflow":
            rows += check_stated_default_values(backend)
            rows += check_defaults(backend)
            rows += check_absences(backend)
            if not isinstance(backend, TensorFlowBackend):
                rows += check_programs(backend)
    return rows


def tensorflow_rows() -> tuple[list[Row], list[str]]:
    """The TensorFlow and Keras-on-TensorFlow rows, from a child process."""
    if importlib.util.find_spec("tensorflow") is None:
        return [], ["tensorflow: not installed (TensorFlow and Keras-on-TensorFlow skipped)"]
    done = subprocess.run(
        [sys.executable, os.path.abspath(__file__), TF_WORKER],
        capture_output=True, text=True, check=False, env=dict(os.environ),
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        return [Row("setup", "-", "TensorFlow", "worker process", "runs", tail[0],
                    "MISMATCH")], []
    payload = json.loads(done.stdout)
    return [Row(**r) for r in payload["rows"]], payload["versions"]


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


FRAMEWORK_LABELS = {"torch": "PyTorch", "jax": "JAX", "keras": "Keras", "tensorflow": "TensorFlow"}


def record(rows: list[Row], versions: list[str]) -> dict[str, Any]:
    """The summary the site shows: versions, counts, and every registry call checked."""
    numbers = {}
    for version in versions:
        name, number = version.split()[:2]
        if name in FRAMEWORK_LABELS:
            numbers[FRAMEWORK_LABELS[name]] = number.rstrip(",")
    claims = sorted(
        {(r.activation, r.key, r.call, r.section, r.status) for r in rows
         if r.section in ("value", "tab") and r.call
         and r.framework != KerasTensorFlowBackend.label}
    )
    return {
        "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "frameworks": {label: numbers.get(label) for label in FRAMEWORK_LABELS.values()},
        "checks": len(rows),
        "mismatches": sum(r.status == "MISMATCH" for r in rows),
        "notes": sum(r.status == "note" for r in rows),
        "claims": [
            {"activation": a, "framework": k, "call": c, "section": sec, "status": st}
            for a, k, c, sec, st in claims
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(TF_WORKER, action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--record", action="store_true",
        help=f"write the run's summary to {framework_tabs.RECORD.relative_to(framework_tabs.ROOT)}",
    )
    args = parser.parse_args()
    if _WORKER:
        backends = [b for b in (load(TensorFlowBackend), load(KerasTensorFlowBackend)) if b]
        rows = run(backends)
        json.dump({"rows": [asdict(r) for r in rows],
                   "versions": [b.version for b in backends]}, sys.stdout)
        return 0
    loaded = [load(f) for f in (TorchBackend, JaxBackend, KerasJaxBackend)]
    backends = [b for b in loaded if b is not None]
    versions = [b.version for b in backends]
    rows = run(backends)
    tf_rows, tf_versions = tensorflow_rows()
    rows += tf_rows
    versions += tf_versions
    print("# Framework check of src/activations/registry.py\n")
    print(f"Python {sys.version.split()[0]}, NumPy {np.__version__}; " + "; ".join(versions))
    print()
    print("| section | activation | framework | check | expected | got | result |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(cell(v) for v in (r.section, r.activation, r.framework,
                                                   r.check, r.expected, r.got, r.status)) + " |")
    bad = [r for r in rows if r.status == "MISMATCH"]
    notes = sum(r.status == "note" for r in rows)
    print(f"\n{len(rows)} checks, {len(bad)} mismatches, {notes} notes.")
    if args.record:
        summary = record(rows, versions)
        framework_tabs.RECORD.parent.mkdir(parents=True, exist_ok=True)
        framework_tabs.RECORD.write_text(
            json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"Recorded in {framework_tabs.RECORD}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
