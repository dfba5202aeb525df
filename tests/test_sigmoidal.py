"""Tests for sigmoid, tanh, softsign, softplus and log-sigmoid and their derivatives."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from activations import sigmoidal as sg

mpmath.mp.dps = 50

INF = math.inf
NAN = math.nan
NAMES = ["sigmoid", "tanh", "softsign", "softplus", "log_sigmoid"]


def ulp_distance(got: float, exact: mpmath.mpf) -> float:
    """Distance in units of the last place of the correctly rounded double."""
    nearest = float(exact)
    if got == nearest:
        return 0.0
    return float(abs(mpmath.mpf(got) - exact) / max(math.ulp(nearest), 5e-324))


def m_sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def m_softplus(x, beta=1):
    beta = mpmath.mpf(beta)
    return mpmath.log1p(mpmath.exp(beta * x)) / beta


REFERENCES = {
    "sigmoid": m_sigmoid,
    "sigmoid_derivative": lambda x: m_sigmoid(x) * m_sigmoid(-x),
    "tanh": mpmath.tanh,
    "tanh_derivative": lambda x: mpmath.sech(x) ** 2,
    "softsign": lambda x: x / (1 + abs(x)),
    "softsign_derivative": lambda x: 1 / (1 + abs(x)) ** 2,
    "softplus": m_softplus,
    "softplus_derivative": m_sigmoid,
    "log_sigmoid": lambda x: -m_softplus(-x),
    "log_sigmoid_derivative": lambda x: m_sigmoid(-x),
}
# Spot checks only; the full ULP grid lives in the package-wide accuracy test.
BOUNDS = {"sigmoid": 2, "tanh": 2, "softsign": 2, "softplus": 2, "log_sigmoid": 2,
          "sigmoid_derivative": 4, "tanh_derivative": 4, "softsign_derivative": 4,
          "softplus_derivative": 4, "log_sigmoid_derivative": 4}
SPOT = [-745.0, -709.5, -354.6, -103.9, -88.7, -40.0, -20.0, -4.9, -0.75, -1e-8, 1e-300,
        3e-9, 0.37, 2.5, 17.0, 36.5, 88.73, 372.4, 709.8, 744.9, 1e16]


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_spot_values_against_mpmath(name: str) -> None:
    y = getattr(sg, name)(np.array(SPOT))
    for x, got in zip(SPOT, y.tolist(), strict=True):
        exact = REFERENCES[name](mpmath.mpf(x))
        assert ulp_distance(got, exact) <= BOUNDS[name], (name, x, got)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("suffix", ["", "_derivative"])
def test_nan_propagates_and_extremes_are_finite_or_limits(name: str, suffix: str) -> None:
    x = np.array([NAN, INF, -INF, 0.0, -0.0, 5e-324, -5e-324, 1.7976931348623157e308,
                  -1.7976931348623157e308, 1e154, -1e200])
    y = getattr(sg, name + suffix)(x)
    assert np.isnan(y[0]) and not np.isnan(y[1:]).any()


@pytest.mark.parametrize(
    ("name", "at_minus_inf", "at_plus_inf"),
    [
        ("sigmoid", 0.0, 1.0),
        ("sigmoid_derivative", 0.0, 0.0),
        ("tanh", -1.0, 1.0),
        ("tanh_derivative", 0.0, 0.0),
        ("softsign", -1.0, 1.0),
        ("softsign_derivative", 0.0, 0.0),
        ("softplus", 0.0, INF),
        ("softplus_derivative", 0.0, 1.0),
        ("log_sigmoid", -INF, 0.0),
        ("log_sigmoid_derivative", 1.0, 0.0),
    ],
)
def test_exact_limits(name: str, at_minus_inf: float, at_plus_inf: float) -> None:
    np.testing.assert_array_equal(getattr(sg, name)([-INF, INF]), [at_minus_inf, at_plus_inf])


def test_values_at_zero_and_signed_zeros() -> None:
    assert sg.sigmoid(0.0) == 0.5 and sg.sigmoid(-0.0) == 0.5
    assert sg.sigmoid_derivative(0.0) == 0.25
    assert sg.tanh_derivative(0.0) == 1.0 and sg.softsign_derivative(0.0) == 1.0
    assert sg.softplus(0.0) == math.log(2.0) == -sg.log_sigmoid(0.0)
    for f in (sg.tanh, sg.softsign):
        y = f(-0.0)
        assert y == 0.0 and np.signbit(y), f.__name__


def test_tails_are_never_flushed_to_zero_or_one() -> None:
    # Textbook forms return 0 here: s(1 - s) for x > 37, 1 - tanh^2 for |x| > 19.
    assert sg.sigmoid_derivative(700.0) > 0.0
    assert sg.tanh_derivative(372.0) > 0.0
    assert sg.sigmoid(-744.0) > 0.0
    assert sg.log_sigmoid(40.0) < 0.0
    assert sg.softplus(-744.0) > 0.0
    s = sg.sigmoid(50.0)
    assert s * (1.0 - s) == 0.0  # the pitfall the package avoids


def test_symmetries() -> None:
    x = np.linspace(-50, 50, 2001)
    np.testing.assert_array_equal(sg.sigmoid_derivative(x), sg.sigmoid_derivative(-x))
    np.testing.assert_array_equal(sg.tanh_derivative(x), sg.tanh_derivative(-x))
    np.testing.assert_array_equal(sg.tanh(-x), -sg.tanh(x))
    np.testing.assert_array_equal(sg.softsign(-x), -sg.softsign(x))
    np.testing.assert_allclose(sg.sigmoid(x) + sg.sigmoid(-x), 1.0, rtol=4e-16)
    np.testing.assert_allclose(sg.softplus(x) - sg.softplus(-x), x, rtol=1e-15, atol=4e-16)
    np.testing.assert_array_equal(sg.log_sigmoid(x), -sg.softplus(-x))
    np.testing.assert_array_equal(sg.softplus_derivative(x), sg.sigmoid(x))
    np.testing.assert_array_equal(sg.log_sigmoid_derivative(x), sg.sigmoid(-x))
    np.testing.assert_allclose(sg.tanh(x), 2.0 * sg.sigmoid(2.0 * x) - 1.0, atol=4e-16)


def central_difference(f, x: np.ndarray) -> np.ndarray:
    h = 1e-6 * np.maximum(1.0, np.abs(x))
    return (f(x + h) - f(x - h)) / (2.0 * h)


@pytest.mark.parametrize("name", NAMES)
def test_derivatives_match_central_difference(name: str) -> None:
    x = np.array([-6.3, -2.0, -0.4, 0.0, 0.3, 1.7, 5.2])
    f = getattr(sg, name)
    # softsign'' jumps at 0, so its central difference there is only O(h) accurate.
    np.testing.assert_allclose(getattr(sg, name + "_derivative")(x), central_difference(f, x),
                               rtol=2e-6, atol=1e-10)


@pytest.mark.parametrize("beta", [0.3, 2.0, 7.1])
def test_softplus_beta_derivative_matches_central_difference(beta: float) -> None:
    x = np.array([-4.0, -0.5, 0.0, 0.8, 3.0])
    numeric = central_difference(lambda t: sg.softplus(t, beta=beta), x)
    np.testing.assert_allclose(sg.softplus_derivative(x, beta=beta), numeric, rtol=1e-7)


def neighbours(x: np.ndarray, count: int = 4) -> np.ndarray:
    """x and its next ``count`` doubles upward, sorted."""
    out = [x]
    for _ in range(count):
        out.append(np.nextafter(out[-1], np.inf))
    return np.unique(np.concatenate(out))


@pytest.mark.parametrize(
    ("call", "sign"),
    [(sg.sigmoid, 1), (sg.tanh, 1), (sg.softsign, 1), (sg.softplus, 1), (sg.log_sigmoid, 1),
     (sg.softplus_derivative, 1), (sg.log_sigmoid_derivative, -1),
     (lambda x: sg.softplus(x, beta=3.0), 1), (lambda x: sg.softplus(x, beta=0.3), 1)],
)
def test_monotone_between_neighbouring_doubles(call, sign: int) -> None:
    # A monotone function evaluated with separately rounded steps can step back by an
    # ULP between neighbouring inputs; the correctly rounded divisions prevent it.
    rng = np.random.default_rng(11)
    x = np.concatenate([rng.uniform(-40, 40, 20000), rng.uniform(-3, 3, 20000),
                        rng.choice([-1, 1], 5000) * 10.0 ** rng.uniform(-300, 300, 5000)])
    y = call(neighbours(x))
    assert (sign * np.diff(y) >= 0).all()


def test_softplus_has_no_threshold_cutoff() -> None:
    # torch.nn.Softplus returns x itself for beta * x > 20; the true value differs.
    for x in (20.5, 25.0, 30.0, 33.0):
        assert sg.softplus(x) != x
        assert ulp_distance(float(sg.softplus(x)), m_softplus(mpmath.mpf(x))) <= 1


@pytest.mark.parametrize("beta", [1e-300, 1e-10, 0.3, 3.0, 1e10, 1e300])
def test_softplus_beta_against_mpmath_without_overflow(beta: float) -> None:
    x = np.array([-1e308, -1e303 if beta < 1e-200 else -700.0 / beta, -1.0, -1e-5, 0.0,
                  1e-5, 2.0, 1e300])
    y = sg.softplus(x, beta=beta)
    dy = sg.softplus_derivative(x, beta=beta)
    for xi, yi, di in zip(x.tolist(), y.tolist(), dy.tolist(), strict=True):
        xm = mpmath.mpf(xi)
        t = mpmath.mpf(beta) * xm
        exact = (mpmath.log1p(mpmath.exp(t)) if t < 0 else t + mpmath.log1p(mpmath.exp(-t)))
        exact /= beta
        assert ulp_distance(yi, exact) <= 3, (xi, yi)
        assert ulp_distance(di, m_sigmoid(t)) <= 3, (xi, di)


def test_softplus_small_beta_keeps_tiny_tails() -> None:
    # beta * x ≈ -1000: exp(-1000) underflows, yet exp(beta * x) / beta ≈ 5.076e-135.
    # The doubles 1e-300 and 1e303 multiply to 1000 + 2.5e-14 exactly; dropping the
    # 2.5e-14 (as fl(beta * x) does) would cost about 200 ULP.
    y = sg.softplus(-1e303, beta=1e-300)
    beta = mpmath.mpf(1e-300)
    exact = mpmath.exp(beta * mpmath.mpf(-1e303)) / beta
    assert ulp_distance(float(y), exact) <= 3
    assert ulp_distance(float(y), mpmath.exp(-1000) / beta) > 100


@pytest.mark.parametrize("beta", [0.5, 2.0, 0.3])
def test_softplus_beta_tail_is_rounded_once_into_subnormals(beta: float) -> None:
    rng = np.random.default_rng(5)
    x = -rng.uniform(700.0, 760.0, 300) / beta
    y = sg.softplus(x, beta=beta)
    for xi, yi in zip(x.tolist(), y.tolist(), strict=True):
        b = mpmath.mpf(beta)
        exact = mpmath.log1p(mpmath.exp(b * mpmath.mpf(xi))) / b
        nearest = float(exact)
        assert (yi != 0.0) == (nearest != 0.0), (xi, yi, nearest)
        assert ulp_distance(yi, exact) <= 3, (xi, yi, nearest)


@pytest.mark.parametrize("func", [sg.softplus, sg.softplus_derivative])
@pytest.mark.parametrize(("beta", "error"), [(0.0, ValueError), (-1.0, ValueError),
                                             (NAN, ValueError), (INF, ValueError),
                                             ("1", TypeError), (True, TypeError)])
def test_beta_validation(func, beta, error) -> None:
    with pytest.raises(error, match="beta"):
        func(1.0, beta=beta)


def test_softsign_derivative_has_no_overflow_for_huge_inputs() -> None:
    x = np.array([1e150, 1e154, 1e160, 1e200, 1e308])
    y = sg.softsign_derivative(x)
    for xi, yi in zip(x.tolist(), y.tolist(), strict=True):
        assert ulp_distance(yi, 1 / (1 + mpmath.mpf(xi)) ** 2) <= 2


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("suffix", ["", "_derivative"])
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_dtype_and_shape_preserved(name: str, suffix: str, dtype) -> None:
    f = getattr(sg, name + suffix)
    x = np.linspace(-9, 9, 10, dtype=dtype).reshape(2, 5)
    y = f(x)
    assert y.dtype == dtype and y.shape == (2, 5)
    scalar = f(dtype(0.5))
    assert isinstance(scalar, np.floating) and scalar.dtype == dtype
    assert isinstance(f(1), np.float64)


def test_float32_is_rounded_once_from_float64() -> None:
    x = np.linspace(-20, 20, 101, dtype=np.float32)
    expected = sg.sigmoid(x.astype(np.float64)).astype(np.float32)
    np.testing.assert_array_equal(sg.sigmoid(x), expected)


ALL_FUNCTIONS = [name + suffix for name in NAMES for suffix in ("", "_derivative")]


@pytest.mark.parametrize("name", ALL_FUNCTIONS)
def test_non_finite_entries_do_not_change_the_finite_ones(name: str) -> None:
    # An input with inf or NaN takes the gathering path; an all-finite one runs the
    # kernel on the whole array. Both must give the same values, block by block.
    f = getattr(sg, name)
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.normal(0.0, 20.0, 20000), [-800.0, -740.0, -37.0, 400.0, 1e300]])
    mixed = x.copy()
    mixed[::997] = NAN
    mixed[5::1009] = INF
    mixed[7::1013] = -INF
    finite = np.isfinite(mixed)
    np.testing.assert_array_equal(f(mixed)[finite], f(x)[finite])
    some = x[::50]
    np.testing.assert_array_equal(f(x)[::50], [f(float(v)) for v in some.tolist()])


@pytest.mark.parametrize("name", ALL_FUNCTIONS)
def test_input_array_is_not_modified(name: str) -> None:
    x = np.linspace(-800.0, 800.0, 30001)
    before = x.copy()
    getattr(sg, name)(x)
    np.testing.assert_array_equal(x, before)


def test_sigmoid_tail_and_overflow_edges_against_mpmath() -> None:
    # -36 switches to e^x - e^2x; exp(-x) overflows past -709.78; -745.13 is the last
    # nonzero value. Neighbours on both sides of each edge.
    edges = [-36.0, -709.782712893384, -745.1332191019411, -1.0, 0.0]
    x = np.unique(np.concatenate([neighbours(np.array(edges) - 1e-9, 8),
                                  neighbours(np.array(edges), 8)]))
    for name in ("sigmoid", "log_sigmoid_derivative", "softplus_derivative"):
        sign = -1 if name == "log_sigmoid_derivative" else 1
        y = getattr(sg, name)(sign * x)
        for xi, yi in zip(x.tolist(), y.tolist(), strict=True):
            assert ulp_distance(yi, m_sigmoid(mpmath.mpf(xi))) <= 2, (name, xi, yi)


def test_softsign_is_correctly_rounded_on_hard_cases() -> None:
    # Around 1 (where the sum 1 + |x| changes binade), tiny, huge (the 2**60 cap) and
    # random inputs; the exact value is a rational number.
    from fractions import Fraction

    rng = np.random.default_rng(9)
    x = np.concatenate([neighbours(np.array([1.0, 2.0**-52, 2.0**53, 2.0**54, 2.0**60]), 6),
                        rng.uniform(-4, 4, 3000), 10.0 ** rng.uniform(-310, 308, 500)])
    y = sg.softsign(x)
    for xi, yi in zip(x.tolist(), y.tolist(), strict=True):
        q = Fraction(xi) / (1 + abs(Fraction(xi)))
        assert yi == float(q), (xi, yi)
