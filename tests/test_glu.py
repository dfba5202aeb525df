"""Tests for the gated linear units glu and swiglu, their VJPs and Jacobians."""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest

from activations import (
    glu,
    glu_jacobian,
    glu_vjp,
    silu,
    swiglu,
    swiglu_jacobian,
    swiglu_vjp,
)

mp.mp.dps = 50
RNG = np.random.default_rng(1612)

FORWARD = {"glu": glu, "swiglu": swiglu}
VJP = {"glu": glu_vjp, "swiglu": swiglu_vjp}
JACOBIAN = {"glu": glu_jacobian, "swiglu": swiglu_jacobian}


def _sigmoid(t: mp.mpf) -> mp.mpf:
    return 1 / (1 + mp.exp(-t))


EXACT = {
    "glu": lambda a, b: a * _sigmoid(b),
    "swiglu": lambda a, b: a * _sigmoid(a) * b,
}


def max_ulp(computed, exact) -> float:
    worst = 0.0
    for c, e in zip(computed, exact, strict=True):
        spacing = max(float(np.spacing(abs(float(e)))), 5e-324)
        worst = max(worst, float(abs(mp.mpf(float(c)) - e) / spacing))
    return worst


@pytest.mark.parametrize("extreme", [False, True], ids=["plain-kernel", "exact-kernel"])
@pytest.mark.parametrize("kind", list(FORWARD))
def test_accuracy_against_mpmath(kind, extreme):
    # Without the extreme pairs every gate argument is above -700 and the block
    # takes the plain float64 kernel; with them, the exact one.
    a = np.concatenate([RNG.normal(0.0, 5.0, 30), RNG.uniform(-690.0, 0.0, 10)])
    b = np.concatenate([RNG.normal(0.0, 5.0, 30), RNG.uniform(-690.0, 0.0, 10)])
    if extreme:
        a = np.concatenate([a, [-740.0, -700.0, 3.0, 1e300, -900.0]])
        b = np.concatenate([b, [2.0, 1e-3, -744.0, -1000.0, 1e300]])
    y = FORWARD[kind](np.concatenate([a, b]))
    exact = [EXACT[kind](mp.mpf(float(p)), mp.mpf(float(q))) for p, q in zip(a, b, strict=True)]
    assert max_ulp(y, exact) <= 4.0


@pytest.mark.parametrize("kind", list(FORWARD))
def test_plain_and_exact_kernels_agree(kind):
    # One infinite pair sends its whole block to the exact kernel.
    x = RNG.normal(0.0, 5.0, (3, 40))
    extra = np.hstack([x[:, :20], np.full((3, 1), 1.0), x[:, 20:], np.full((3, 1), np.inf)])
    v = RNG.normal(size=(3, 21))
    np.testing.assert_allclose(FORWARD[kind](extra)[:, :20], FORWARD[kind](x), rtol=1e-15)
    g_plain = VJP[kind](x, v[:, :20])
    g_exact = VJP[kind](extra, v)
    np.testing.assert_allclose(g_exact[:, :20], g_plain[:, :20], rtol=2e-15)
    np.testing.assert_allclose(g_exact[:, 21:41], g_plain[:, 20:], rtol=2e-15)


def test_tiny_gate_is_not_flushed_to_zero():
    y = glu([1.0, -745.0])
    assert 0.0 < y[0] < np.finfo(np.float64).tiny


def test_definitions_on_moderate_values():
    x = RNG.normal(size=(5, 8))
    a, b = x[:, :4], x[:, 4:]
    np.testing.assert_allclose(glu(x), a / (1.0 + np.exp(-b)), rtol=4e-16)
    np.testing.assert_allclose(swiglu(x), silu(a) * b, rtol=4e-16)


@pytest.mark.parametrize("kind", list(FORWARD))
def test_axis_selects_the_split(kind):
    f = FORWARD[kind]
    x = RNG.normal(size=(4, 6, 2))
    y = f(x, axis=1)
    assert y.shape == (4, 3, 2)
    np.testing.assert_array_equal(y, np.moveaxis(f(np.moveaxis(x, 1, -1)), -1, 1))
    np.testing.assert_array_equal(f(x, axis=0), f(x, axis=-3))
    assert f(x).shape == (4, 6, 1)


@pytest.mark.parametrize("kind", list(FORWARD))
def test_odd_size_is_rejected_with_axis_and_size(kind):
    with pytest.raises(ValueError, match=rf"{kind}\(\).*axis 1.*size 3"):
        FORWARD[kind](np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"axis 0.*size 5"):
        VJP[kind](np.ones((5, 2)), np.ones((2, 2)), axis=0)
    with pytest.raises(ValueError, match="size 3"):
        JACOBIAN[kind](np.ones(3))


@pytest.mark.parametrize("kind", list(FORWARD))
def test_axis_and_shape_validation(kind):
    with pytest.raises(ValueError, match="out of range"):
        FORWARD[kind](np.ones((2, 2)), axis=2)
    with pytest.raises(TypeError, match="axis must be an integer"):
        FORWARD[kind](np.ones((2, 2)), axis="0")
    with pytest.raises(ValueError, match="0 dimension"):
        FORWARD[kind](1.0)
    with pytest.raises(ValueError, match="v must have the shape of the output"):
        VJP[kind](np.ones(4), np.ones(4))
    with pytest.raises(ValueError, match="1-D vector"):
        JACOBIAN[kind](np.ones((2, 2)))


def _numeric_vjp(f, x, v, axis, h=1e-6):
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = h
        grad[index] = np.sum(v * (f(x + step, axis=axis) - f(x - step, axis=axis))) / (2.0 * h)
    return grad


@pytest.mark.parametrize("kind", list(FORWARD))
@pytest.mark.parametrize("axis", [0, -1])
def test_vjp_matches_finite_differences(kind, axis):
    x = RNG.normal(0.0, 2.0, (4, 6))
    out_shape = FORWARD[kind](x, axis=axis).shape
    v = RNG.normal(size=out_shape)
    g = VJP[kind](x, v, axis=axis)
    assert g.shape == x.shape
    np.testing.assert_allclose(g, _numeric_vjp(FORWARD[kind], x, v, axis), atol=1e-8)


@pytest.mark.parametrize("kind", list(FORWARD))
def test_vjp_equals_cotangent_times_jacobian(kind):
    x = RNG.normal(0.0, 2.0, 8)
    v = RNG.normal(size=4)
    jac = JACOBIAN[kind](x)
    assert jac.shape == (4, 8)
    np.testing.assert_allclose(VJP[kind](x, v), v @ jac, rtol=1e-15, atol=1e-300)
    # Each output depends only on its own pair (a_i, b_i).
    mask = np.hstack([np.eye(4), np.eye(4)]).astype(bool)
    assert np.all(jac[~mask] == 0.0)


def test_glu_special_values():
    a = np.array([2.0, 2.0, np.inf, np.inf, -3.0, np.nan, 1.0])
    b = np.array([np.inf, -np.inf, 1.0, -np.inf, np.nan, 0.0, 0.0])
    y = glu(np.concatenate([a, b]))
    np.testing.assert_array_equal(y[:3], [2.0, 0.0, np.inf])
    assert np.isnan(y[3:6]).all()
    assert y[6] == 0.5


def test_swiglu_special_values():
    a = np.array([np.inf, -np.inf, np.inf, 0.0, 2.0, -800.0])
    b = np.array([2.0, 2.0, 0.0, np.inf, -np.inf, -np.inf])
    y = swiglu(np.concatenate([a, b]))
    assert y[0] == np.inf
    assert y[1] == 0.0
    assert np.isnan(y[2]) and np.isnan(y[3])
    assert y[4] == -np.inf
    # silu(-800) underflows to -0.0 but is not zero: times -inf it is +inf.
    assert y[5] == np.inf


def test_vjp_special_values_raise_no_warning():
    x = np.array([np.inf, -np.inf, 1.0, np.nan, -np.inf, 1.0, np.inf, 0.0])
    v = np.array([1.0, 1.0, np.inf, 1.0])
    for kind in FORWARD:
        g = VJP[kind](x, v)
        assert g.shape == (8,)
        # Pair 3 is (a, b) = (nan, 0): d/db involves a, so it is NaN.
        assert np.isnan(g[7])
    # For GLU d/da = sigmoid(b) does not involve a.
    assert glu_vjp(x, v)[3] == 0.5
    assert np.isnan(swiglu_vjp(x, v)[3])


@pytest.mark.parametrize("kind", list(FORWARD))
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_dtype_is_preserved(kind, dtype):
    x = np.array([[0.5, -1.0, 2.0, 1.5]], dtype=dtype)
    y = FORWARD[kind](x)
    assert y.dtype == dtype
    np.testing.assert_array_equal(y, FORWARD[kind](x.astype(np.float64)).astype(dtype))
    assert VJP[kind](x, np.ones((1, 2), dtype=np.float32)).dtype == np.promote_types(
        dtype, np.float32
    )
    assert JACOBIAN[kind](x[0]).dtype == dtype
    assert FORWARD[kind]([1, 2]).dtype == np.float64


@pytest.mark.parametrize("kind", list(FORWARD))
@pytest.mark.parametrize(("shape", "out"), [((0, 4), (0, 2)), ((3, 0), (3, 0)), ((0,), (0,))])
def test_empty_inputs(kind, shape, out):
    x = np.empty(shape)
    assert FORWARD[kind](x).shape == out
    assert VJP[kind](x, np.empty(out)).shape == shape


def test_swiglu_tiny_gate_times_huge_value_is_not_lost():
    # silu(-1000) underflows to -0.0, but silu(-1000) * 1e306 is about -5e-126.
    y = swiglu([-1000.0, 1e306])
    exact = EXACT["swiglu"](mp.mpf(-1000.0), mp.mpf(1e306))
    assert max_ulp(y, [exact]) <= 4.0
    assert swiglu([1e308, 1e308])[0] == np.inf
    deep = swiglu([-1e308, 1e308])[0]
    assert deep == 0.0 and np.signbit(deep)
