"""Accuracy of every activation and derivative against 25-digit mpmath references.

The references are in ``tests/data/`` (written by ``scripts/make_reference.py``);
the ULP error and the bars are defined in ``tests/_ulp.py``. Each failure names
the function, the worst x, the computed and the true value and the error, and
every (function, parameters, dtype, f or f') is its own test.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import numpy as np
import pytest

import activations


def _load_ulp():
    path = Path(__file__).with_name("_ulp.py")
    spec = importlib.util.spec_from_file_location("_activations_ulp", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


U = _load_ulp()

STEMS = U.table_stems()
DTYPES = ("float64", "float32", "float16")
KINDS = {"f": "", "d": "_derivative"}
# f(-x) = -f(x): the sign of a zero input is kept, as for tanh in IEEE 754.
ODD = {"identity", "tanh", "softsign", "hard_tanh"}


def _function(stem: str) -> str:
    return stem.split("__")[0]


def _describe(t, kind: str, dtype: str, x, computed, ref, err, i: int) -> str:
    name = t.label if kind == "f" else f"{t.function}_derivative{t.label[len(t.function):]}"
    return (f"{name} [{dtype}]: worst x = {x[i]!r}, computed = {computed[i]!r}, "
            f"true = {ref.text[i]}, error = {err[i]:.4g} ULP")


def _bar_cases():
    for stem in STEMS:
        for kind, bars in (("f", U.FORWARD_BARS), ("d", U.DERIVATIVE_BARS)):
            for n, bar in enumerate(bars.get(_function(stem), [])):
                yield pytest.param(stem, kind, n, id=f"{stem}-{kind}-{bar.ulps:g}ulp")


@pytest.mark.parametrize(("stem", "kind", "n"), list(_bar_cases()))
def test_float64_bar(stem: str, kind: str, n: int) -> None:
    t = U.load_table(stem)
    bar = (U.FORWARD_BARS if kind == "f" else U.DERIVATIVE_BARS)[t.function][n]
    computed = U.evaluate(t, kind, "float64")
    assert computed.dtype == np.float64
    ref = t.ref(kind)
    err = U.ulp_error(computed, ref, "float64")
    mask = bar.where(t)
    i = U.worst(err, mask)
    assert i is not None, f"{stem}: no reference point in the domain {bar.domain}"
    assert err[i] <= bar.ulps, (
        f"exceeds {bar.ulps:g} ULP on {bar.domain}: "
        + _describe(t, kind, "float64", t.x, computed, ref, err, i))


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("dtype", ["float32", "float16"])
@pytest.mark.parametrize("stem", STEMS)
def test_low_precision_rounded_once(stem: str, dtype: str, kind: str) -> None:
    t = U.load_table(stem)
    rows = U.representable(t.x, dtype)
    x = t.x[rows]
    computed = U.evaluate(t, kind, dtype, rows)
    assert computed.dtype == np.dtype(dtype)
    ref = t.ref(kind).take(rows)
    err = U.ulp_error(computed, ref, dtype)
    i = U.worst(err, np.ones(x.shape, dtype=bool))
    assert err[i] <= U.LOW_PRECISION_BAR, (
        f"exceeds {U.LOW_PRECISION_BAR:g} ULP: " + _describe(t, kind, dtype, x, computed, ref,
                                                            err, i))


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("stem", STEMS)
def test_no_false_zero_infinity_or_sign(stem: str, dtype: str, kind: str) -> None:
    """Where the true value rounds to a finite nonzero number, so does the result."""
    t = U.load_table(stem)
    rows = U.representable(t.x, dtype)
    x = t.x[rows]
    ref = t.ref(kind).take(rows)
    computed = U.evaluate(t, kind, dtype, rows).astype(np.float64)
    should = U.rounds_to_nonzero(ref, dtype) & ~U.rounds_to_inf(ref, dtype)
    bad = should & ~(np.isfinite(computed) & (np.sign(computed) == np.sign(ref.m_hi)))
    if bad.any():
        err = U.ulp_error(computed, ref, dtype)
        i = int(np.nonzero(bad)[0][0])
        pytest.fail(f"{int(bad.sum())} result(s) zero, infinite, NaN or of the wrong sign "
                    "where the true value is finite and nonzero; first: "
                    + _describe(t, kind, dtype, x, computed, ref, err, i))


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("stem", STEMS)
def test_overflow_to_infinity(stem: str, dtype: str, kind: str) -> None:
    """Where the true value exceeds the largest finite number, the result is that infinity."""
    t = U.load_table(stem)
    rows = U.representable(t.x, dtype)
    ref = t.ref(kind).take(rows)
    over = U.rounds_to_inf(ref, dtype)
    computed = U.evaluate(t, kind, dtype, rows).astype(np.float64)
    expected = np.sign(ref.m_hi[over]) * np.inf
    assert np.array_equal(computed[over], expected), (t.x[rows][over], computed[over])


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("stem", STEMS)
def test_limits_at_infinity(stem: str, dtype: str, kind: str) -> None:
    t = U.load_table(stem)
    rows = np.isinf(t.x)
    assert rows.sum() == 2
    ref = t.ref(kind).take(rows)
    with np.errstate(over="ignore"):
        expected = ref.approx.astype(dtype)
    computed = U.evaluate(t, kind, dtype, rows)
    assert computed.dtype == np.dtype(dtype)
    assert np.array_equal(computed, expected), (
        f"{t.label} {kind} [{dtype}] at x = [-inf, inf]: computed {computed.tolist()}, "
        f"limits {expected.tolist()} (true values at -+10**1000: {list(ref.text)})")


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("stem", STEMS)
def test_signed_zeros(stem: str, dtype: str) -> None:
    t = U.load_table(stem)
    f = getattr(activations, t.function)
    d = getattr(activations, t.function + "_derivative")
    zeros = np.array([0.0, -0.0], dtype=dtype)
    fz = f(zeros, **t.params)
    dz = d(zeros, **t.params)
    # A derivative convention at a kink may not depend on the sign of zero.
    assert np.array_equal(dz[0], dz[1], equal_nan=True), (t.label, dz)
    if t.function in ODD:
        assert fz[0] == 0 and not np.signbit(fz[0]), (t.label, fz)
        assert fz[1] == 0 and np.signbit(fz[1]), (t.label, fz)
    else:
        assert fz[0] == fz[1], (t.label, fz)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("stem", STEMS)
def test_nan_propagates(stem: str, dtype: str) -> None:
    t = U.load_table(stem)
    x = np.array([np.nan, 1.0, np.nan], dtype=dtype)
    for suffix in KINDS.values():
        y = getattr(activations, t.function + suffix)(x, **t.params)
        assert np.isnan(y[[0, 2]]).all() and not np.isnan(y[1]), (t.label, suffix, y)


def _softmax_cases():
    for name in U.softmax_row_names():
        for func in U.SOFTMAX_BARS:
            yield pytest.param(name, func, id=f"{func}-{name}")


@pytest.mark.parametrize(("name", "func"), list(_softmax_cases()))
def test_softmax_rows(name: str, func: str) -> None:
    row = U.load_softmax_row(name)
    bar = U.SOFTMAX_BARS[func] if row.dtype == "float64" else U.LOW_PRECISION_BAR
    x = row.x.astype(row.dtype)
    computed = getattr(activations, func)(x)
    assert computed.dtype == np.dtype(row.dtype)
    ref = getattr(row, func)
    err = U.ulp_error(computed, ref, row.dtype)
    i = U.worst(err, np.ones(x.shape, dtype=bool))
    assert err[i] <= bar, (
        f"{func} [{row.dtype}] on row {name} exceeds {bar:g} ULP: worst entry {i}, "
        f"x = {row.x[i]!r}, computed = {computed[i]!r}, true = {ref.text[i]}, "
        f"error = {err[i]:.4g} ULP")


# The self-gated functions state a measured maximum in their docstrings
# ("at most X ULP", for the default parameters, first in the Numerics section).
# The grid holds the worst points found off it (WORST_POINTS in
# scripts/make_reference.py), so the claim is checked where it is tightest.
CLAIMS = [(name, kind) for name in ("gelu", "silu", "mish") for kind in KINDS]


def _claimed_ulps(func) -> float:
    numerics = func.__doc__.split("Numerics", 1)[1]
    match = re.search(r"at most (\d+(?:\.\d+)?) ULP", " ".join(numerics.split()))
    assert match, f"{func.__name__}: no 'at most X ULP' in its Numerics section"
    return float(match.group(1))


@pytest.mark.parametrize(("name", "kind"), CLAIMS, ids=[f"{n}-{k}" for n, k in CLAIMS])
def test_docstring_maximum_holds_on_the_grid(name: str, kind: str) -> None:
    func = getattr(activations, name + KINDS[kind])
    claimed = _claimed_ulps(func)
    t = U.load_table(name)
    bars = (U.FORWARD_BARS if kind == "f" else U.DERIVATIVE_BARS)[name]
    computed = U.evaluate(t, kind, "float64")
    err = U.ulp_error(computed, t.ref(kind), "float64")
    i = U.worst(err, bars[0].where(t))
    assert err[i] <= claimed, (
        f"{func.__name__}'s docstring says at most {claimed:g} ULP ({bars[0].domain}): "
        + _describe(t, kind, "float64", t.x, computed, t.ref(kind), err, i))
    assert claimed <= bars[0].ulps
