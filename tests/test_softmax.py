"""Tests for softmax, log_softmax, their vector-Jacobian products and Jacobians."""

from __future__ import annotations

import importlib
import math
from fractions import Fraction

import mpmath as mp
import numpy as np
import pytest

from activations import (
    log_softmax,
    log_softmax_jacobian,
    log_softmax_vjp,
    softmax,
    softmax_jacobian,
    softmax_vjp,
)

mp.mp.dps = 60
# The module, not the function that ``activations.softmax`` names.
softmax_module = importlib.import_module("activations.softmax")


def reference(row):
    """Softmax and log-softmax of one row in 60-digit arithmetic."""
    values = [mp.mpf(float(v)) for v in row]
    top = max(values)
    j = values.index(top)
    rest = mp.fsum(mp.exp(v - top) for i, v in enumerate(values) if i != j)
    log_z = mp.log1p(rest)
    return [mp.exp(v - top) / (1 + rest) for v in values], [v - top - log_z for v in values]


def max_ulp(computed, exact) -> float:
    worst = 0.0
    for c, e in zip(computed, exact, strict=True):
        spacing = max(float(np.spacing(abs(float(e)))), 5e-324)
        worst = max(worst, float(abs(mp.mpf(float(c)) - e) / spacing))
    return worst


RNG = np.random.default_rng(20260101)
ROWS = {
    "normal-1": [RNG.normal(0.0, 1.0, 12) for _ in range(5)],
    "normal-30": [RNG.normal(0.0, 30.0, 40) for _ in range(5)],
    "length-1000": [RNG.normal(0.0, 1.0, 1000), RNG.normal(0.0, 30.0, 1000)],
    "dominant": [np.r_[1000.0, np.zeros(9)], np.r_[40.0, RNG.normal(0.0, 1.0, 9)],
                 np.r_[np.zeros(5), 36.6, -700.0]],
    "offset-1000": [RNG.normal(0.0, 1.0, 20) + 1000.0 for _ in range(3)],
}


@pytest.mark.parametrize("kind", list(ROWS))
def test_accuracy_against_mpmath(kind):
    for row in ROWS[kind]:
        exact_sm, exact_log = reference(row)
        assert max_ulp(softmax(row), exact_sm) <= 4.0
        assert max_ulp(log_softmax(row), exact_log) <= 2.0


def test_dominant_entry_keeps_its_tiny_log_probability():
    # x - max - log(sum) gives exactly 0 here; the true value is -2 e**-40.
    y = log_softmax([40.0, 0.0, 0.0])
    assert max_ulp(y[:1], [-mp.log1p(2 * mp.exp(-40))]) <= 2.0
    assert y[0] < 0.0


def _gap_row(n: int, gap: float, seed: int) -> np.ndarray:
    """A maximum 0 and n - 1 entries about ``gap`` below it (spread over 0.2)."""
    rng = np.random.default_rng(seed)
    return np.r_[0.0, -gap - rng.uniform(0.0, 0.2, n - 1)]


@pytest.mark.parametrize(
    ("n", "gap"),
    [(10, 708.0 + math.log(10)), (10, 710.4), (1000, 745.3), (1000, 708.0 + math.log(1000)),
     (3, 744.0)],
)
def test_subnormal_log_probability_of_the_maximum(n, gap):
    # The others' exp terms are subnormal (or below half the smallest one):
    # summed unscaled they gave 3.1 ULP (n = 10) and 0.0 instead of -2.09e-321
    # (n = 1000, gap 745.3).
    row = _gap_row(n, gap, n)
    _, exact = reference(row)
    y = log_softmax(row)
    assert y[0] < 0.0
    assert max_ulp(y, exact) <= 2.0
    # The same row through the slow path (a -inf entry sends it there).
    y = log_softmax(np.r_[row, -np.inf])
    assert max_ulp(y[:-1], exact) <= 2.0 and y[-1] == -np.inf


def test_subnormal_log_probability_with_a_hundred_thousand_terms():
    # 99 999 equal terms exp(-720.5), each subnormal: 4.2e4 ULP off unscaled.
    n, gap = 100_000, 708.0 + math.log(1e5) + 1.0
    row = np.r_[0.0, np.full(n - 1, -gap)]
    exact = -mp.log1p((n - 1) * mp.exp(-mp.mpf(gap)))
    y = log_softmax(row.reshape(1, -1))[0]
    assert max_ulp(y[:1], [exact]) <= 2.0
    assert max_ulp(y[1:2], [-mp.mpf(gap) + exact]) <= 2.0


def test_row_where_the_pairwise_sum_is_three_ulp_off():
    # NumPy's pairwise sum of the other terms is 3 ULP off on this row, and the
    # maximum's log-probability -log1p(sum) inherits all of it; the exact sum
    # keeps both bars.
    row = np.random.default_rng(721).normal(0.0, 10.0, 200)
    exact_sm, exact_log = reference(row)
    top = int(np.argmax(row))
    others = np.exp(row - row[top])
    others[top] = 0.0
    assert max_ulp([-np.log1p(np.sum(others))], [exact_log[top]]) > 2.5
    assert max_ulp(log_softmax(row), exact_log) <= 2.0
    assert max_ulp(softmax(row), exact_sm) <= 4.0


def test_row_sums_are_exact_to_far_below_an_ulp():
    rng = np.random.default_rng(11)
    a = np.exp(rng.normal(-40.0, 10.0, (6, 300)))
    a[1] *= 1e-280  # partly subnormal
    a[2] = 0.0
    a[3, ::2] = 0.0
    a[4] = np.exp(-rng.uniform(0.0, 745.0, 300))  # 300 binades apart
    a[5, :299] = 1e-30  # one large term and many tiny ones
    hi, lo = softmax_module._row_sums(a, np.empty_like(a), np.empty_like(a))
    for row, h, low in zip(a, hi, lo, strict=True):
        exact = sum(map(Fraction, row.tolist()), Fraction(0))
        assert abs(Fraction(h) + Fraction(low) - exact) <= exact * Fraction(1, 2**70)


def test_a_batch_gives_every_row_what_it_gives_alone():
    # Rows go in blocks of about 32768 entries (46 rows of 700 here); a block
    # holding a special row is sorted row by row. Neither may change a result.
    rng = np.random.default_rng(12)
    x = rng.normal(0.0, 20.0, (150, 700))
    x[3, 5] = np.nan
    x[60, :2] = np.inf
    x[61, 7] = -np.inf
    x[100, :2] = [1e308, -1e308]
    x[120] = 1e308 + rng.normal(0.0, 1e300, 700)  # each row ordinary, the
    x[121] = -1e308 + rng.normal(0.0, 1e300, 700)  # two together not
    x[149] = -np.inf
    v = rng.normal(size=x.shape)
    for f in (softmax, log_softmax):
        np.testing.assert_array_equal(f(x), np.stack([f(row) for row in x]))
    for vjp in (softmax_vjp, log_softmax_vjp):
        alone = np.stack([vjp(row, w) for row, w in zip(x, v, strict=True)])
        np.testing.assert_array_equal(vjp(x, v), alone)
    s = softmax(x)
    assert np.isnan(s[[3, 149]]).all() and not np.isnan(np.delete(s, [3, 149], 0)).any()
    np.testing.assert_array_equal(s[60], np.r_[0.5, 0.5, np.zeros(698)])
    assert s[61, 7] == 0.0 and s[100, 1] == 0.0
    np.testing.assert_allclose(s.sum(axis=1)[[0, 61, 100, 120, 121]], 1.0, rtol=1e-15)


def test_tiny_probabilities_are_accurate_down_to_subnormals():
    row = np.array([0.0, -720.0, -740.0])
    exact_sm, _ = reference(row)
    sm = softmax(row)
    assert sm[2] != 0.0
    assert max_ulp(sm, exact_sm) <= 4.0


def test_sums_to_one_and_matches_exp_of_log_softmax():
    x = RNG.normal(0.0, 5.0, (6, 7, 8))
    for axis in (0, 1, 2, -1):
        s = softmax(x, axis=axis)
        np.testing.assert_allclose(s.sum(axis=axis), 1.0, rtol=0, atol=4e-16)
        np.testing.assert_allclose(np.exp(log_softmax(x, axis=axis)), s, rtol=1e-14)
        assert np.all(s >= 0.0)


def test_shift_invariance_is_exact_for_exactly_representable_shifts():
    # Dyadic inputs with few bits: x + 1024 is exact, so x - max is identical.
    x = np.round(RNG.normal(0.0, 3.0, (4, 9)) * 64.0) / 64.0
    np.testing.assert_array_equal(softmax(x + 1024.0), softmax(x))
    np.testing.assert_array_equal(log_softmax(x - 4096.0), log_softmax(x))


def test_axis_matches_moving_the_axis_last():
    x = RNG.normal(size=(3, 4, 5))
    moved = np.moveaxis(softmax(np.moveaxis(x, 0, -1)), -1, 0)
    np.testing.assert_array_equal(softmax(x, axis=0), moved)
    np.testing.assert_array_equal(log_softmax(x, axis=-2), log_softmax(x, axis=1))


def test_positive_infinity_takes_the_limit_and_ties_split_evenly():
    x = np.array([[np.inf, 1.0, np.inf, -np.inf], [0.0, 0.0, np.inf, 5.0]])
    np.testing.assert_array_equal(softmax(x), [[0.5, 0.0, 0.5, 0.0], [0.0, 0.0, 1.0, 0.0]])
    half = -np.log(2.0)
    np.testing.assert_array_equal(
        log_softmax(x), [[half, -np.inf, half, -np.inf], [-np.inf, -np.inf, 0.0, -np.inf]]
    )


def test_negative_infinity_entries_get_zero_probability():
    np.testing.assert_array_equal(softmax([-np.inf, 0.0, 0.0]), [0.0, 0.5, 0.5])
    np.testing.assert_array_equal(log_softmax([-np.inf, 0.0]), [-np.inf, 0.0])


def test_all_negative_infinity_row_and_nan_rows_are_nan_and_stay_in_their_row():
    x = np.array([[-np.inf, -np.inf], [np.nan, 1.0], [np.inf, np.nan], [1.0, 1.0]])
    for f in (softmax, log_softmax):
        y = f(x)
        assert np.isnan(y[:3]).all()
        assert not np.isnan(y[3]).any()


def test_huge_spread_does_not_overflow():
    x = np.array([1e308, -1e308, 0.0])
    np.testing.assert_array_equal(softmax(x), [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(log_softmax(x), [0.0, -np.inf, -1e308])
    # x - max is rounded by up to 2048 here; its rounding error must not leak into exp.
    y = np.array([1.8446746e19, 1410.0, 1410.0], dtype=np.float32)
    np.testing.assert_array_equal(softmax(y), [1.0, 0.0, 0.0])


def test_equal_ties_are_exactly_uniform():
    np.testing.assert_array_equal(softmax([3.0, 3.0, 3.0, 3.0]), np.full(4, 0.25))
    np.testing.assert_array_equal(softmax([7.5]), [1.0])
    np.testing.assert_array_equal(log_softmax([7.5]), [0.0])


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_dtype_is_preserved_and_rounded_once(dtype):
    x = np.array([[0.5, -1.0, 2.0], [3.0, 3.0, -3.0]], dtype=dtype)
    for f in (softmax, log_softmax):
        y = f(x)
        assert y.dtype == dtype
        np.testing.assert_array_equal(y, f(x.astype(np.float64)).astype(dtype))
    assert softmax([1, 2, 3]).dtype == np.float64


@pytest.mark.parametrize("shape", [(0,), (0, 3), (3, 0), (2, 0, 4)])
def test_empty_arrays(shape):
    x = np.empty(shape)
    assert softmax(x).shape == shape
    assert log_softmax(x, axis=0).shape == shape
    assert softmax_vjp(x, x).shape == shape
    assert log_softmax_vjp(x, x).shape == shape


def test_axis_validation():
    with pytest.raises(ValueError, match=r"softmax\(\): axis 2 is out of range"):
        softmax(np.ones((2, 2)), axis=2)
    with pytest.raises(TypeError, match="axis must be an integer"):
        log_softmax([1.0, 2.0], axis=0.5)
    with pytest.raises(TypeError, match="axis must be an integer"):
        softmax([1.0, 2.0], axis=True)
    with pytest.raises(ValueError, match="0 dimension"):
        softmax(3.0)


def _numeric_vjp(f, x, v, axis, h=1e-6):
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = h
        grad[index] = np.sum(v * (f(x + step, axis=axis) - f(x - step, axis=axis))) / (2.0 * h)
    return grad


@pytest.mark.parametrize(
    ("f", "vjp"), [(softmax, softmax_vjp), (log_softmax, log_softmax_vjp)], ids=["sm", "logsm"]
)
@pytest.mark.parametrize("axis", [0, -1])
def test_vjp_matches_finite_differences(f, vjp, axis):
    x = RNG.normal(size=(3, 4))
    v = RNG.normal(size=(3, 4))
    np.testing.assert_allclose(vjp(x, v, axis=axis), _numeric_vjp(f, x, v, axis), atol=1e-8)


@pytest.mark.parametrize(
    ("vjp", "jac"),
    [(softmax_vjp, softmax_jacobian), (log_softmax_vjp, log_softmax_jacobian)],
    ids=["sm", "logsm"],
)
def test_vjp_equals_cotangent_times_jacobian(vjp, jac):
    x = RNG.normal(0.0, 2.0, 6)
    v = RNG.normal(size=6)
    np.testing.assert_allclose(vjp(x, v), v @ jac(x), rtol=1e-13, atol=1e-15)


def test_jacobian_structure():
    x = RNG.normal(size=5)
    j = softmax_jacobian(x)
    assert j.shape == (5, 5)
    np.testing.assert_array_equal(j, j.T)
    np.testing.assert_allclose(j.sum(axis=0), 0.0, atol=1e-16)
    s = softmax(x)
    np.testing.assert_allclose(np.diag(j), s * (1.0 - s), rtol=1e-15)
    lj = log_softmax_jacobian(x)
    np.testing.assert_allclose(lj.sum(axis=1), 0.0, atol=1e-15)
    np.testing.assert_array_equal(np.diag(lj), 1.0 - s)


def test_cross_entropy_gradient():
    # d/dx of -log_softmax(x)[k] is softmax(x) - onehot(k).
    x = np.array([0.3, -1.2, 2.0, 0.0])
    v = np.array([0.0, 0.0, -1.0, 0.0])
    np.testing.assert_allclose(log_softmax_vjp(x, v), softmax(x) - [0, 0, 1, 0], atol=1e-16)


def test_vjp_gradient_sums_to_zero_along_the_axis():
    x = RNG.normal(size=(4, 6))
    v = RNG.normal(size=(4, 6))
    np.testing.assert_allclose(softmax_vjp(x, v, axis=0).sum(axis=0), 0.0, atol=1e-15)


def test_vjp_and_jacobian_validation():
    with pytest.raises(ValueError, match="v must have the shape of x"):
        softmax_vjp([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="log_softmax_vjp"):
        log_softmax_vjp(np.ones((2, 2)), np.ones(2))
    with pytest.raises(ValueError, match="1-D vector"):
        softmax_jacobian(np.ones((2, 2)))
    with pytest.raises(ValueError, match="1-D vector"):
        log_softmax_jacobian(1.0)
    with pytest.raises(TypeError, match=r"softmax_vjp\(\): v must be real"):
        softmax_vjp([1.0], ["a"])


def test_vjp_dtype_promotion_and_jacobian_dtype():
    x32 = np.array([0.1, 0.2], dtype=np.float32)
    assert softmax_vjp(x32, x32).dtype == np.float32
    assert softmax_vjp(x32, x32.astype(np.float64)).dtype == np.float64
    assert log_softmax_vjp(x32.astype(np.float16), x32).dtype == np.float32
    assert softmax_jacobian(x32).dtype == np.float32
    assert log_softmax_jacobian([0, 1]).dtype == np.float64


def test_special_rows_raise_no_warning_in_vjp():
    x = np.array([[np.inf, 0.0, -np.inf], [-np.inf, -np.inf, -np.inf], [np.nan, 0.0, 1.0]])
    v = np.array([[1.0, np.inf, 2.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]])
    for vjp in (softmax_vjp, log_softmax_vjp):
        g = vjp(x, v)
        assert np.isnan(g[1:]).all()
