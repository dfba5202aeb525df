"""Tests for the self-gated activations: gelu, gelu_tanh, silu (swish) and mish."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

from activations import (
    gelu,
    gelu_derivative,
    gelu_tanh,
    gelu_tanh_derivative,
    mish,
    mish_derivative,
    silu,
    silu_derivative,
    swish,
    swish_derivative,
)

mp.mp.dps = 50

FUNCTIONS = [gelu, gelu_tanh, silu, mish]
DERIVATIVES = {
    gelu: gelu_derivative,
    gelu_tanh: gelu_tanh_derivative,
    silu: silu_derivative,
    mish: mish_derivative,
}
ALL = FUNCTIONS + list(DERIVATIVES.values())


def _phi_cdf(x: mp.mpf) -> mp.mpf:
    return mp.erfc(-x / mp.sqrt(2)) / 2


def _tanh_gate(x: mp.mpf) -> mp.mpf:
    return 1 / (1 + mp.exp(-2 * mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x**3)))


def _sigmoid(x: mp.mpf) -> mp.mpf:
    return 1 / (1 + mp.exp(-x))


def _softplus(x: mp.mpf) -> mp.mpf:
    return mp.log1p(mp.exp(x))


REFERENCE = {
    gelu: lambda x: x * _phi_cdf(x),
    gelu_derivative: lambda x: _phi_cdf(x) + x * mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi),
    gelu_tanh: lambda x: x * _tanh_gate(x),
    silu: lambda x: x * _sigmoid(x),
    silu_derivative: lambda x: _sigmoid(x) * (1 + x * (1 - _sigmoid(x))),
    mish: lambda x: x * mp.tanh(_softplus(x)),
    mish_derivative: lambda x: mp.tanh(_softplus(x))
    + x * _sigmoid(x) * mp.sech(_softplus(x)) ** 2,
}


def ulp_error(computed: float, exact: mp.mpf) -> float:
    """Distance in units of the last place of the correctly rounded value."""
    spacing = max(float(np.spacing(abs(float(exact)))), 5e-324)
    return float(abs(mp.mpf(float(computed)) - exact) / spacing)


def max_ulp(func, xs) -> float:
    ys = func(np.asarray(xs, dtype=np.float64))
    return max(ulp_error(y, REFERENCE[func](mp.mpf(float(x)))) for x, y in zip(xs, ys, strict=True))


GRID = np.concatenate(
    [
        np.linspace(-30.0, 30.0, 41),
        [-1e-300, -1e-9, -0.3, -0.1, 1e-9, 0.1, 0.3, 700.0, -200.0, -650.0],
    ]
)


@pytest.mark.parametrize(
    ("func", "grid", "bound"),
    [
        (gelu, GRID[GRID >= -30.0], 4.0),
        (gelu, np.linspace(-38.5, -30.0, 15), 16.0),
        (gelu_tanh, GRID[GRID >= -1.0], 4.0),
        (silu, GRID, 4.0),
        (silu, np.linspace(-745.0, -700.0, 10), 4.0),
        (mish, GRID, 4.0),
        (mish, np.linspace(-745.0, -700.0, 10), 4.0),
    ],
    ids=["gelu", "gelu-tail", "gelu_tanh", "silu", "silu-subnormal", "mish", "mish-subnormal"],
)
def test_values_within_ulp_bound(func, grid, bound):
    assert max_ulp(func, grid) <= bound


ROOTS = {gelu_derivative: -0.7518, silu_derivative: -1.2785, mish_derivative: -1.1924}


@pytest.mark.parametrize("deriv", list(ROOTS), ids=lambda f: f.__name__)
def test_derivatives_within_8_ulp_away_from_their_root(deriv):
    grid = GRID[(np.abs(GRID - ROOTS[deriv]) > 0.5) & (np.abs(GRID) < 700.0)]
    if deriv is gelu_derivative:
        grid = grid[grid > -38.0]
    assert max_ulp(deriv, grid) <= 8.0


def test_gelu_tanh_is_never_zero_while_the_true_value_is_not():
    xs = np.linspace(-21.5, -1.0, 60)
    ys = gelu_tanh(xs)
    assert np.all(ys < 0.0)
    assert max(ulp_error(y, x * _tanh_gate(mp.mpf(x))) for x, y in zip(xs, ys, strict=True)) <= 4.0


@pytest.mark.parametrize(
    ("func", "x"),
    [(silu, -745.0), (mish, -745.0), (gelu, -38.5), (gelu_tanh, -21.5),
     (silu_derivative, -744.0), (mish_derivative, -744.0), (gelu_derivative, -38.4)],
)
def test_subnormal_results_are_not_flushed_to_zero(func, x):
    y = func(x)
    assert y != 0.0
    assert abs(y) < np.finfo(np.float64).tiny


def test_naive_tanh_form_cancels_where_ours_does_not():
    x = -8.0
    naive = 0.5 * x * (1.0 + math.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))
    assert naive == 0.0
    assert ulp_error(gelu_tanh(x), x * _tanh_gate(mp.mpf(x))) <= 4.0


@pytest.mark.parametrize("func", FUNCTIONS, ids=lambda f: f.__name__)
def test_limits_at_infinity_and_nan(func):
    y = func(np.array([np.inf, -np.inf, np.nan]))
    assert y[0] == np.inf
    assert y[1] == 0.0 and math.copysign(1.0, y[1]) == -1.0
    assert np.isnan(y[2])


@pytest.mark.parametrize("deriv", list(DERIVATIVES.values()), ids=lambda f: f.__name__)
def test_derivative_limits_at_infinity_and_nan(deriv):
    y = deriv(np.array([np.inf, -np.inf, np.nan]))
    assert y[0] == 1.0
    assert y[1] == 0.0
    assert np.isnan(y[2])


@pytest.mark.parametrize("func", FUNCTIONS, ids=lambda f: f.__name__)
def test_signed_zero_in_signed_zero_out(func):
    y = func(np.array([0.0, -0.0]))
    assert np.signbit(y).tolist() == [False, True]
    assert np.all(y == 0.0)


@pytest.mark.parametrize(
    ("deriv", "value"),
    [(gelu_derivative, 0.5), (gelu_tanh_derivative, 0.5), (silu_derivative, 0.5),
     (mish_derivative, 0.6)],
)
def test_derivative_at_zero(deriv, value):
    assert deriv(0.0) == value


@pytest.mark.parametrize("func", [gelu, gelu_tanh, silu], ids=lambda f: f.__name__)
def test_odd_part_is_the_identity(func):
    # x g(x) with g(x) + g(-x) = 1 gives f(x) - f(-x) = x.
    x = np.linspace(-20.0, 20.0, 401)
    np.testing.assert_allclose(func(x) - func(-x), x, rtol=4e-16, atol=0.0)


@pytest.mark.parametrize("func", [gelu, gelu_tanh, silu], ids=lambda f: f.__name__)
def test_derivative_of_odd_part_is_one(func):
    x = np.linspace(-20.0, 20.0, 401)
    deriv = DERIVATIVES[func]
    np.testing.assert_allclose(deriv(x) + deriv(-x), 1.0, rtol=0.0, atol=1e-15)


def test_silu_with_beta_matches_reference():
    rng = np.random.default_rng(7)
    # Powers of two take the plain kernel (beta * x is exact), the others the exact one.
    for beta in (0.37, 2.5, -0.7, 2.0, -0.5):
        xs = rng.uniform(-900.0 / abs(beta), 900.0 / abs(beta), 25)
        b = mp.mpf(beta)
        ys = silu(xs, beta=beta)
        exact = [mp.mpf(x) * _sigmoid(b * mp.mpf(x)) for x in xs]
        errors = [ulp_error(y, e) for y, e in zip(ys, exact, strict=True)]
        assert max(errors) <= 4.0, beta


def test_silu_beta_special_cases():
    x = np.array([-3.0, 0.5, np.inf, -np.inf])
    np.testing.assert_array_equal(silu(x, beta=0.0), x / 2.0)
    np.testing.assert_array_equal(silu_derivative(x, beta=0.0), np.full(4, 0.5))
    negative = silu(x, beta=-1.0)
    assert negative[2] == 0.0 and negative[3] == -np.inf
    # silu(x, beta) = silu(beta x) / beta for beta > 0 (exactly, for beta a power of two).
    y = np.linspace(-50.0, 50.0, 101)
    np.testing.assert_array_equal(silu(y, beta=4.0), silu(4.0 * y) / 4.0)


@pytest.mark.parametrize(
    ("beta", "error"),
    [(float("nan"), ValueError), (float("inf"), ValueError), ("1", TypeError),
     (True, TypeError), (1 + 1j, TypeError)],
)
def test_silu_rejects_bad_beta(beta, error):
    with pytest.raises(error, match="beta"):
        silu([1.0], beta=beta)
    with pytest.raises(error, match="silu_derivative"):
        silu_derivative([1.0], beta=beta)


def test_beta_is_keyword_only():
    with pytest.raises(TypeError):
        silu([1.0], 2.0)  # type: ignore[misc]


def test_swish_is_silu():
    assert swish is silu and swish_derivative is silu_derivative


def _central_difference(func, x, h=1e-6):
    return (func(x + h) - func(x - h)) / (2.0 * h)


@pytest.mark.parametrize("func", FUNCTIONS, ids=lambda f: f.__name__)
def test_derivative_matches_finite_differences(func):
    x = np.linspace(-6.0, 6.0, 97)
    np.testing.assert_allclose(DERIVATIVES[func](x), _central_difference(func, x), atol=2e-8)


def test_silu_derivative_with_beta_matches_finite_differences():
    x = np.linspace(-4.0, 4.0, 33)
    numeric = _central_difference(lambda t: silu(t, beta=1.7), x)
    np.testing.assert_allclose(silu_derivative(x, beta=1.7), numeric, atol=2e-8)


@pytest.mark.parametrize("func", ALL, ids=lambda f: f.__name__)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_float_dtype_is_preserved(func, dtype):
    x = np.array([-3.0, -0.5, 0.0, 2.0], dtype=dtype)
    y = func(x)
    assert y.dtype == dtype
    assert y.shape == x.shape
    # Evaluated in float64 and rounded once.
    np.testing.assert_array_equal(y, func(x.astype(np.float64)).astype(dtype))


@pytest.mark.parametrize("func", ALL, ids=lambda f: f.__name__)
def test_integers_scalars_and_empty_inputs(func):
    assert func([1, 2]).dtype == np.float64
    assert isinstance(func(1.0), np.float64)
    assert func(np.empty((0, 3))).shape == (0, 3)
    assert func(np.zeros((2, 3, 4))).shape == (2, 3, 4)


@pytest.mark.parametrize("func", ALL, ids=lambda f: f.__name__)
def test_extreme_inputs_raise_no_warning(func):
    # pytest turns warnings into errors, so this fails on any RuntimeWarning.
    x = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 5e-324, -5e-324, 1e308, -1e308,
                  -1e200, 1e200, -745.2, -2000.5, 1e150, -1e150, -8.69313657e13, -1.579e16])
    y = func(x)
    assert np.isnan(y[0]) and not np.isnan(y[1:]).any()


@pytest.mark.parametrize("beta", [4.0, -0.5, 1.702])
@pytest.mark.parametrize("func", [silu, silu_derivative], ids=lambda f: f.__name__)
def test_extreme_inputs_with_beta_raise_no_warning(func, beta):
    # beta * x overflows for the largest inputs; powers of two take the plain kernel.
    x = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 5e-324, -5e-324, 1e308, -1e308,
                  -1e200, 1e200, -745.2, -2000.5, 701.0, -351.0])
    y = func(x, beta=beta)
    assert np.isnan(y[0]) and not np.isnan(y[1:]).any()


def test_complex_input_is_rejected():
    with pytest.raises(TypeError, match="gelu"):
        gelu(np.array([1 + 1j]))


def test_normal_tail_table_is_the_mpmath_interpolant():
    from activations import _normal_tail

    for row in (0, 1, 37, _normal_tail._TABLE.shape[0] - 1):
        assert _normal_tail.fit_interval(row) == tuple(_normal_tail._TABLE[row])


def test_gelu_and_derivative_at_the_edges_of_the_table_intervals():
    # The table is indexed by |x| in steps of 1/8; both signs use it.
    edges = np.arange(1.0, 312.0) / 8.0
    edges = np.concatenate([-edges[::3], edges[edges <= 9.0]])
    xs = np.concatenate([edges, np.nextafter(edges, 0.0), np.nextafter(edges, -np.inf)])
    xs = xs[xs >= -38.5]
    big = xs[xs >= -30.0]
    assert max_ulp(gelu, big) <= 4.0
    assert max_ulp(gelu, xs[xs < -30.0]) <= 16.0
    away = big[np.abs(big + 0.7518) > 0.5]
    assert max_ulp(gelu_derivative, away) <= 8.0
