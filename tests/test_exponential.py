"""Tests for ELU, SELU and CELU: constants, expm1 accuracy, kinks, parameters, dtypes."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from activations import exponential as ex

mpmath.mp.dps = 50

INF = math.inf
NAN = math.nan
NAMES = ["elu", "selu", "celu"]


def ulp_distance(got: float, exact: mpmath.mpf) -> float:
    nearest = float(exact)
    if got == nearest:
        return 0.0
    return float(abs(mpmath.mpf(got) - exact) / max(math.ulp(nearest), 5e-324))


def selu_constants() -> tuple[mpmath.mpf, mpmath.mpf]:
    """alpha_01 and lambda_01 from their closed forms (Klambauer et al. 2017, eq. 14)."""
    e, pi, erfc, sqrt = mpmath.e, mpmath.pi, mpmath.erfc, mpmath.sqrt
    c = erfc(1 / sqrt(2))
    alpha = -sqrt(2 / pi) / (c * sqrt(e) - 1)
    scale = (1 - c * sqrt(e)) * sqrt(2 * pi) / sqrt(
        2 * erfc(sqrt(2)) * e**2 + pi * c**2 * e - 2 * (2 + pi) * c * sqrt(e) + pi + 2
    )
    return alpha, scale


def test_selu_constants_are_correctly_rounded_closed_forms() -> None:
    alpha, scale = selu_constants()
    assert ex.SELU_ALPHA == float(alpha)
    assert ex.SELU_SCALE == float(scale)
    assert ex._SELU_SCALE_ALPHA == float(alpha * scale)
    # The constants printed in the paper and used by PyTorch/JAX round to the same doubles.
    assert float(mpmath.mpf("1.6732632423543772848170429916717")) == ex.SELU_ALPHA
    assert float(mpmath.mpf("1.0507009873554804934193349852946")) == ex.SELU_SCALE


def test_selu_fixed_point_mean_zero_variance_one() -> None:
    # With standard-normal input, SELU output has mean 0 and variance 1 (the design goal):
    # exactly for the closed forms, to double precision for the package's constants.
    def moments(alpha, scale):
        def selu_m(z):
            return scale * (z if z > 0 else alpha * mpmath.expm1(z))

        line = [-mpmath.inf, 0, mpmath.inf]
        mean = mpmath.quad(lambda z: selu_m(z) * mpmath.npdf(z), line)
        second = mpmath.quad(lambda z: selu_m(z) ** 2 * mpmath.npdf(z), line)
        return mean, second

    with mpmath.workdps(30):
        mean, second = moments(*selu_constants())
        assert abs(mean) < 1e-25 and abs(second - 1) < 1e-25
        mean, second = moments(mpmath.mpf(ex.SELU_ALPHA), mpmath.mpf(ex.SELU_SCALE))
        assert abs(mean) < 1e-15 and abs(second - 1) < 1e-15


ALPHA, SCALE = selu_constants()
REFERENCES = {
    "elu": lambda x: x if x > 0 else mpmath.expm1(x),
    "elu_derivative": lambda x: 1 if x > 0 else mpmath.exp(x),
    "celu": lambda x: x if x > 0 else mpmath.expm1(x),
    "celu_derivative": lambda x: 1 if x > 0 else mpmath.exp(x),
    "selu": lambda x: SCALE * (x if x > 0 else ALPHA * mpmath.expm1(x)),
    "selu_derivative": lambda x: SCALE * (1 if x > 0 else ALPHA * mpmath.exp(x)),
}
BOUNDS = {"elu": 2, "celu": 2, "selu": 3, "elu_derivative": 4, "celu_derivative": 4,
          "selu_derivative": 4}
SPOT = [-745.0, -708.9, -88.7, -37.0, -5.5, -1.0, -0.3, -1e-5, -1e-12, -1e-300, -5e-324,
        1e-300, 0.5, 3.0, 1e300]


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_spot_values_against_mpmath(name: str) -> None:
    y = getattr(ex, name)(np.array(SPOT))
    for x, got in zip(SPOT, y.tolist(), strict=True):
        exact = REFERENCES[name](mpmath.mpf(x))
        assert ulp_distance(got, mpmath.mpf(exact)) <= BOUNDS[name], (name, x, got)


def test_expm1_keeps_tiny_negative_inputs_accurate() -> None:
    # exp(x) - 1 would give -1.000000082740371e-10 here (8e-8 relative error).
    assert ex.elu(-1e-10) == float(mpmath.expm1(mpmath.mpf(-1e-10)))
    assert ex.celu(-1e-10) == ex.elu(-1e-10)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("suffix", ["", "_derivative"])
def test_nan_propagates_and_extremes_do_not_warn(name: str, suffix: str) -> None:
    x = np.array([NAN, INF, -INF, 0.0, -0.0, 5e-324, -5e-324, 1.7976931348623157e308,
                  -1.7976931348623157e308, -745.2, 709.8])
    y = getattr(ex, name + suffix)(x)
    assert np.isnan(y[0]) and not np.isnan(y[1:]).any()


def test_limits() -> None:
    np.testing.assert_array_equal(ex.elu([-INF, INF], alpha=0.5), [-0.5, INF])
    np.testing.assert_array_equal(ex.celu([-INF, INF], alpha=2.0), [-2.0, INF])
    assert ex.selu(-INF) == -ex._SELU_SCALE_ALPHA
    assert ex.selu(INF) == INF
    assert ex.selu(1.7976931348623157e308) == INF  # lambda * x above the largest double
    for name in NAMES:
        np.testing.assert_array_equal(getattr(ex, name + "_derivative")(-INF), 0.0)


@pytest.mark.parametrize(("call", "kwargs"), [(ex.elu, {}), (ex.elu, {"alpha": 0.3}),
                                               (ex.selu, {}), (ex.celu, {"alpha": 2.5}),
                                               (ex.celu, {"alpha": -0.5})])
def test_signed_zero(call, kwargs) -> None:
    y = call(-0.0, **kwargs)
    assert y == 0.0 and np.signbit(y)
    y = call(0.0, **kwargs)
    assert y == 0.0 and not np.signbit(y)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda x: ex.elu_derivative(x, alpha=0.3), 0.3),
        (lambda x: ex.elu_derivative(x), 1.0),
        (ex.selu_derivative, ex._SELU_SCALE_ALPHA),
        (lambda x: ex.celu_derivative(x, alpha=0.3), 1.0),
        (lambda x: ex.celu_derivative(x, alpha=-4.0), 1.0),
    ],
)
def test_derivative_at_zero(call, expected: float) -> None:
    assert call(0.0) == expected and call(-0.0) == expected


def central_difference(f, x: np.ndarray) -> np.ndarray:
    h = 1e-6 * np.maximum(1.0, np.abs(x))
    return (f(x + h) - f(x - h)) / (2.0 * h)


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("elu", {}), ("elu", {"alpha": 0.4}), ("elu", {"alpha": -1.5}), ("selu", {}),
     ("celu", {}), ("celu", {"alpha": 3.0}), ("celu", {"alpha": -0.7})],
)
def test_derivatives_match_central_difference(name: str, kwargs: dict) -> None:
    x = np.array([-7.0, -2.2, -0.6, -0.01, 0.2, 1.3, 4.0])
    numeric = central_difference(lambda t: getattr(ex, name)(t, **kwargs), x)
    np.testing.assert_allclose(getattr(ex, name + "_derivative")(x, **kwargs), numeric,
                               rtol=1e-7)


@pytest.mark.parametrize(
    ("call", "reference"),
    [
        (ex.selu_derivative, lambda x: SCALE * ALPHA * mpmath.exp(x)),
        (lambda x: ex.elu_derivative(x, alpha=0.5), lambda x: mpmath.exp(x) / 2),
        (lambda x: ex.elu_derivative(x, alpha=1e300), lambda x: mpmath.mpf(1e300) * mpmath.exp(x)),
        (lambda x: ex.celu_derivative(x, alpha=2.0), lambda x: mpmath.exp(x / 2)),
    ],
)
def test_subnormal_and_underflowing_results_are_rounded_once(call, reference) -> None:
    # Near exp's underflow edge, scale * np.exp(x) rounds twice (or gives 0 although
    # the scaled value is representable); each result must be the nearest double.
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.uniform(-746.5, -706.0, 400), rng.uniform(-1500.0, -709.0, 100)])
    y = call(x)
    for xi, yi in zip(x.tolist(), y.tolist(), strict=True):
        exact = reference(mpmath.mpf(xi))
        nearest = float(exact)
        assert (yi != 0.0) == (nearest != 0.0), (xi, yi, nearest)
        assert ulp_distance(yi, exact) <= 4, (xi, yi, nearest)


@pytest.mark.parametrize("alpha", [2.0, 0.5, 1e300, -3.0])
def test_celu_of_tiny_input_is_the_input(alpha: float) -> None:
    x = np.array([-5e-324, -1e-310, -2.5e-300, 5e-324])
    np.testing.assert_array_equal(ex.celu(x, alpha=alpha), x)


@pytest.mark.parametrize(("name", "kwargs"), [("elu", {}), ("elu", {"alpha": 0.3}), ("selu", {}),
                                              ("celu", {"alpha": 3.0}), ("celu", {"alpha": -0.7})])
def test_monotone_between_neighbouring_doubles(name: str, kwargs: dict) -> None:
    rng = np.random.default_rng(13)
    x = np.concatenate([-rng.uniform(0, 40, 20000), rng.uniform(0, 3, 5000),
                        -(10.0 ** rng.uniform(-300, 2.4, 5000))])
    x = np.unique(np.concatenate([x] + [x := np.nextafter(x, np.inf) for _ in range(4)]))
    assert (np.diff(getattr(ex, name)(x, **kwargs)) >= 0).all()


def test_celu_equals_elu_for_alpha_one_and_scales_with_alpha() -> None:
    x = np.linspace(-30, 30, 1201)
    np.testing.assert_array_equal(ex.celu(x), ex.elu(x))
    np.testing.assert_array_equal(ex.celu_derivative(x), ex.elu_derivative(x))
    # celu(x, a) = a * celu(x / a, 1) exactly when a is a power of two.
    np.testing.assert_array_equal(ex.celu(x, alpha=4.0), 4.0 * ex.celu(x / 4.0))


def test_celu_derivative_carries_the_quotient_rounding() -> None:
    # fl(x / 3) is off by up to half an ULP of ~667; exp turns that into ~300 ULP.
    x = np.array([-2000.0, -2100.5, -1500.25, -2222.0])
    got = ex.celu_derivative(x, alpha=3.0)
    naive = np.exp(x / 3.0)
    worst_naive = 0.0
    for xi, gi, ni in zip(x.tolist(), got.tolist(), naive.tolist(), strict=True):
        exact = mpmath.exp(mpmath.mpf(xi) / 3)
        assert ulp_distance(gi, exact) <= 2
        worst_naive = max(worst_naive, ulp_distance(ni, exact))
    assert worst_naive > 20


def test_celu_negative_alpha_grows_and_overflows_cleanly() -> None:
    x = np.array([-1.0, -300.0, -700.0, -1e4, -INF])
    y = ex.celu(x, alpha=-0.5)
    for xi, yi in zip(x[:3].tolist(), y[:3].tolist(), strict=True):
        exact = mpmath.mpf(-0.5) * mpmath.expm1(mpmath.mpf(xi) / mpmath.mpf(-0.5))
        if abs(exact) < mpmath.mpf(np.finfo(np.float64).max):
            assert ulp_distance(yi, exact) <= 3
        else:
            assert yi == -INF
    assert y[3] == -INF and y[4] == -INF
    # alpha e^{x/alpha} for a tiny |alpha| can be finite although e^{x/alpha} overflows.
    y = ex.celu(-400.0, alpha=-1.0 / 1024)
    exact = mpmath.mpf(-1) / 1024 * mpmath.expm1(mpmath.mpf(400) * 1024)
    assert y == -INF and exact < -mpmath.mpf(np.finfo(np.float64).max)
    y = ex.celu(-0.7, alpha=-1e-300)
    assert y == -INF
    y = ex.celu(-720.0 / 1e10, alpha=-1e-10)
    exact = mpmath.mpf(-1e-10) * mpmath.expm1(mpmath.mpf(-720.0 / 1e10) / mpmath.mpf(-1e-10))
    assert ulp_distance(float(y), exact) <= 4


@pytest.mark.parametrize("func", [ex.celu, ex.celu_derivative])
@pytest.mark.parametrize(("alpha", "error"), [(0.0, ValueError), (-0.0, ValueError),
                                              (NAN, ValueError), (INF, ValueError),
                                              ("1", TypeError), (False, TypeError)])
def test_celu_alpha_validation(func, alpha, error) -> None:
    with pytest.raises(error, match="alpha"):
        func(1.0, alpha=alpha)


@pytest.mark.parametrize("func", [ex.elu, ex.elu_derivative])
@pytest.mark.parametrize(("alpha", "error"), [(NAN, ValueError), (-INF, ValueError),
                                              (None, TypeError), (1j, TypeError)])
def test_elu_alpha_validation(func, alpha, error) -> None:
    with pytest.raises(error, match="alpha"):
        func(1.0, alpha=alpha)


def test_elu_accepts_any_finite_alpha_like_torch() -> None:
    np.testing.assert_array_equal(ex.elu([-1.0, 2.0], alpha=0.0), [0.0, 2.0])
    assert ex.elu(-INF, alpha=-2.0) == 2.0


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("suffix", ["", "_derivative"])
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_dtype_and_shape_preserved(name: str, suffix: str, dtype) -> None:
    f = getattr(ex, name + suffix)
    x = np.linspace(-9, 9, 10, dtype=dtype).reshape(5, 2)
    y = f(x)
    assert y.dtype == dtype and y.shape == (5, 2)
    scalar = f(dtype(-0.5))
    assert isinstance(scalar, np.floating) and scalar.dtype == dtype
    assert isinstance(f(-1), np.float64)
