"""Tests for the piecewise-linear activations: values, signed zeros, kinks, parameters, dtypes."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from activations import piecewise as pw

INF = math.inf
NAN = math.nan

ELEMENTWISE = [
    "identity",
    "binary_step",
    "relu",
    "relu6",
    "leaky_relu",
    "prelu",
    "hard_tanh",
    "hard_sigmoid",
    "hard_swish",
]


def correctly_rounded(value: Fraction) -> float:
    """The double nearest to an exact rational (Python's int/int division rounds correctly)."""
    return value.numerator / value.denominator


def ulp_distance(a: float, b: float) -> float:
    return abs(a - b) / max(math.ulp(b), 5e-324)


@pytest.mark.parametrize("name", ELEMENTWISE)
@pytest.mark.parametrize("suffix", ["", "_derivative"])
def test_nan_in_nan_out_and_no_warning_at_extremes(name: str, suffix: str) -> None:
    f = getattr(pw, name + suffix)
    x = np.array([NAN, INF, -INF, 0.0, -0.0, 5e-324, -5e-324, 1.7976931348623157e308,
                  -1.7976931348623157e308, 3.0, -3.0, 6.0, 1.0, -1.0])
    y = f(x)
    assert y.shape == x.shape
    assert np.isnan(y[0])
    assert not np.isnan(y[1:]).any()


@pytest.mark.parametrize(
    ("name", "x", "expected"),
    [
        ("identity", [-2.5, 0.0, 7.0], [-2.5, 0.0, 7.0]),
        ("binary_step", [-INF, -1e-300, 0.0, 1e-300, INF], [0.0, 0.0, 1.0, 1.0, 1.0]),
        ("relu", [-INF, -1.0, 0.5, INF], [0.0, 0.0, 0.5, INF]),
        ("relu6", [-INF, -1.0, 5.5, 6.0, 7.0, INF], [0.0, 0.0, 5.5, 6.0, 6.0, 6.0]),
        ("leaky_relu", [-INF, -2.0, 3.0, INF], [-INF, -0.02, 3.0, INF]),
        ("prelu", [-INF, -2.0, 3.0], [-INF, -0.5, 3.0]),
        ("hard_tanh", [-INF, -2.0, 0.25, 2.0, INF], [-1.0, -1.0, 0.25, 1.0, 1.0]),
        ("hard_sigmoid", [-INF, -3.0, 0.0, 3.0, INF], [0.0, 0.0, 0.5, 1.0, 1.0]),
        ("hard_swish", [-INF, -3.0, -1.0, 1.0, 3.0, INF],
         [0.0, 0.0, -1.0 / 3.0, 2.0 / 3.0, 3.0, INF]),
    ],
)
def test_values_and_limits(name: str, x: list[float], expected: list[float]) -> None:
    np.testing.assert_array_equal(getattr(pw, name)(x), expected)


@pytest.mark.parametrize(
    ("call", "x"),
    [
        (pw.identity, -0.0),
        (pw.relu, -0.0),
        (pw.relu6, -0.0),
        (pw.leaky_relu, -0.0),
        (pw.prelu, -0.0),
        (pw.hard_tanh, -0.0),
        (pw.hard_swish, -0.0),
    ],
)
def test_negative_zero_passes_through(call, x: float) -> None:
    y = call(x)
    assert y == 0.0 and np.signbit(y)


def test_positive_zero_stays_positive() -> None:
    for f in (pw.relu, pw.relu6, pw.leaky_relu, pw.prelu, pw.hard_tanh, pw.hard_swish):
        y = f(0.0)
        assert y == 0.0 and not np.signbit(y), f.__name__


# The kink conventions documented in the docstrings (ours, not every framework's).
@pytest.mark.parametrize(
    ("call", "x", "expected"),
    [
        (pw.binary_step, 0.0, 1.0),
        (pw.binary_step, -0.0, 1.0),
        (pw.binary_step_derivative, 0.0, 0.0),
        (pw.relu_derivative, 0.0, 0.0),
        (pw.relu_derivative, -0.0, 0.0),
        (pw.relu6_derivative, 0.0, 0.0),
        (pw.relu6_derivative, 6.0, 0.0),
        (lambda x: pw.leaky_relu_derivative(x, negative_slope=0.2), 0.0, 0.2),
        (lambda x: pw.prelu_derivative(x, weight=0.3), 0.0, 0.3),
        (pw.hard_tanh_derivative, -1.0, 0.0),
        (pw.hard_tanh_derivative, 1.0, 0.0),
        (lambda x: pw.hard_tanh_derivative(x, min_val=0.5, max_val=2.0), 2.0, 0.0),
        (pw.hard_sigmoid_derivative, -3.0, 0.0),
        (pw.hard_sigmoid_derivative, 3.0, 0.0),
        (pw.hard_swish_derivative, -3.0, 0.0),
        (pw.hard_swish_derivative, 3.0, 1.0),
    ],
)
def test_kink_conventions(call, x: float, expected: float) -> None:
    assert call(x) == expected


def central_difference(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    return (f(x + h) - f(x - h)) / (2.0 * h)


@pytest.mark.parametrize(
    ("name", "kwargs", "points"),
    [
        ("identity", {}, [-2.3, 0.7, 5.0]),
        ("binary_step", {}, [-2.3, 0.7, 5.0]),
        ("relu", {}, [-2.3, 0.7, 5.0]),
        ("relu6", {}, [-2.3, 0.7, 5.9, 6.2]),
        ("leaky_relu", {"negative_slope": 0.1}, [-2.3, -0.1, 0.7]),
        ("prelu", {"weight": -0.4}, [-2.3, -0.1, 0.7]),
        ("hard_tanh", {"min_val": -0.5, "max_val": 2.0}, [-2.3, -0.4, 1.9, 2.5]),
        ("hard_sigmoid", {}, [-3.5, -2.9, 0.1, 2.9, 3.5]),
        ("hard_swish", {}, [-3.5, -2.9, -1.5, 0.1, 2.9, 3.5]),
    ],
)
def test_derivative_matches_central_difference(name: str, kwargs: dict, points) -> None:
    x = np.array(points)
    f = getattr(pw, name)
    numeric = central_difference(lambda t: f(t, **kwargs), x)
    np.testing.assert_allclose(getattr(pw, name + "_derivative")(x, **kwargs), numeric,
                               rtol=1e-7, atol=1e-9)


def exact_ulp_error(computed: float, exact: Fraction) -> float:
    """|computed - exact| in ULPs of the exact value (subnormal step below the normal range)."""
    nearest = correctly_rounded(exact)
    if nearest == 0.0:
        return float(abs(Fraction(computed) - exact) / Fraction(5e-324))
    # math.ulp of the rounded value, halved when the exact value lies just below a power
    # of two that it rounds up to, as in tests/_ulp.py.
    unit = math.ulp(nearest)
    if abs(Fraction(nearest)) > abs(exact) and math.frexp(nearest)[0] in (0.5, -0.5):
        unit /= 2
    return float(abs(Fraction(computed) - exact) / Fraction(max(unit, 5e-324)))


def test_hard_sigmoid_within_its_error_bound() -> None:
    # (x + 3)/6 with two roundings: at most 1/2 + 2/3 ULP (see the docstring).
    rng = np.random.default_rng(7)
    x = np.concatenate([rng.uniform(-3, 3, 4000), -3 + 10.0 ** rng.uniform(-16, 0, 500),
                        np.nextafter(np.array([-1.5, 1.0, 3.0]), 0.0)])
    y = pw.hard_sigmoid(x)
    worst = max(exact_ulp_error(yi, (Fraction(xi) + 3) / 6)
                for xi, yi in zip(x.tolist(), y.tolist(), strict=True))
    assert worst <= 7 / 6, worst


def test_hard_swish_within_its_error_bound_even_next_to_minus_three() -> None:
    # Compensated x (x + 3)/6: at most 1/2 + 4/3 ULP, under the 2-ULP bar (docstring).
    rng = np.random.default_rng(8)
    x = np.concatenate([rng.uniform(-3, 3, 4000), -3 + 10.0 ** rng.uniform(-16, 0, 500),
                        rng.choice([-1, 1], 300) * 10.0 ** rng.uniform(-300, 0, 300)])
    y = pw.hard_swish(x)
    worst = max(exact_ulp_error(yi, Fraction(xi) * (Fraction(xi) + 3) / 6)
                for xi, yi in zip(x.tolist(), y.tolist(), strict=True))
    assert worst <= 11 / 6, worst


def test_monotone_pieces_between_neighbouring_doubles() -> None:
    rng = np.random.default_rng(12)
    x = rng.uniform(-3.0, 3.0, 40000)
    x = np.unique(np.concatenate([x] + [x := np.nextafter(x, np.inf) for _ in range(4)]))
    assert (np.diff(pw.hard_sigmoid(x)) >= 0).all()
    y = pw.hard_swish(x)
    # Exactly monotone where x + 3 is exact (x <= -1). Above, the rounding of x + 3 and
    # its compensation may step back; two results within 11/6 ULP of increasing exact
    # values can be at most 11/3 ULP out of order (2 ULP measured on this sample).
    assert (np.diff(y[x <= -1.5]) <= 0).all()
    assert (np.diff(y[(x >= -1.5) & (x <= -1.0)]) >= 0).all()
    z = y[x >= -1.0]
    unit = np.maximum(np.spacing(np.abs(z[1:])), np.spacing(np.abs(z[:-1])))
    assert (np.diff(z) >= -(11 / 3) * unit).all()


def test_clip_keeps_the_input_on_a_tie_with_a_bound() -> None:
    # relu, relu6 and hard_tanh rely on np.clip returning x (not the bound) when x equals
    # the bound, which decides the sign of a zero; checked over lengths and layouts.
    for n in [1, 2, 7, 8, 9, 16, 33, 1000, 100_001]:
        for pos in {0, n // 2, n - 1}:
            x = np.full(n, 2.5)
            x[pos] = -0.0
            for y in (pw.relu(x), pw.relu6(x), pw.relu6(x[::-1])[::-1],
                      pw.hard_tanh(x.reshape(1, -1), min_val=0.0, max_val=3.0)[0]):
                assert y[pos] == 0.0 and np.signbit(y[pos])
            x[pos] = 0.0
            y = pw.hard_tanh(-x, min_val=-3.0, max_val=-0.0)
            assert y[pos] == 0.0 and np.signbit(y[pos])
            y = pw.hard_tanh(x, min_val=-0.0, max_val=3.0)
            assert y[pos] == 0.0 and not np.signbit(y[pos])


def test_hard_swish_tiny_inputs_round_ties_toward_plus_infinity() -> None:
    # x/2 + x^2/6: the positive x^2/6 decides the tie of an odd subnormal x halved.
    x = np.array([5e-324, -5e-324, 1.5e-323, -1.5e-323, 1e-323, -1e-323])
    np.testing.assert_array_equal(pw.hard_swish(x),
                                  [5e-324, -0.0, 1e-323, -5e-324, 5e-324, -5e-324])
    assert np.signbit(pw.hard_swish(-5e-324))


def test_hard_swish_is_x_times_hard_sigmoid() -> None:
    x = np.linspace(-5, 5, 1001)
    np.testing.assert_allclose(pw.hard_swish(x), x * pw.hard_sigmoid(x), rtol=4e-16, atol=0)


def test_leaky_relu_negative_branch_is_one_rounding() -> None:
    x = np.linspace(-100, -1e-3, 257)
    y = pw.leaky_relu(x, negative_slope=0.3)
    for xi, yi in zip(x.tolist(), y.tolist(), strict=True):
        assert yi == correctly_rounded(Fraction(xi) * Fraction(0.3))


def test_large_slopes_overflow_to_inf_without_warning() -> None:
    assert pw.leaky_relu(-1e308, negative_slope=-10.0) == INF
    assert pw.prelu(-1e308, weight=1e10) == -INF


def test_relu_family_is_consistent() -> None:
    x = np.linspace(-10, 10, 401)
    np.testing.assert_array_equal(pw.leaky_relu(x, negative_slope=0.0), np.maximum(x, 0.0))
    np.testing.assert_array_equal(pw.relu6(x), pw.hard_tanh(x, min_val=0.0, max_val=6.0))
    np.testing.assert_array_equal(pw.prelu(x, weight=0.01), pw.leaky_relu(x))


def test_prelu_per_channel_weight_broadcasts() -> None:
    x = -np.ones((2, 3, 4, 4))
    w = np.array([0.1, 0.2, 0.3]).reshape(3, 1, 1)
    y = pw.prelu(x, weight=w)
    assert y.shape == x.shape
    np.testing.assert_array_equal(y[1, :, 2, 3], [-0.1, -0.2, -0.3])
    np.testing.assert_array_equal(pw.prelu_derivative(x, weight=w)[0, :, 0, 0], [0.1, 0.2, 0.3])


@pytest.mark.parametrize("func", [pw.prelu, pw.prelu_derivative])
@pytest.mark.parametrize(
    ("weight", "error"),
    [
        (NAN, ValueError),
        (INF, ValueError),
        ([0.1, -INF], ValueError),
        ([0.1, 0.2, 0.3], ValueError),  # does not broadcast to shape (2,)
        (1j, TypeError),
        (True, TypeError),
        ("0.25", TypeError),
    ],
)
def test_prelu_weight_validation(func, weight, error) -> None:
    with pytest.raises(error, match="weight"):
        func([1.0, -1.0], weight=weight)


@pytest.mark.parametrize("func", [pw.leaky_relu, pw.leaky_relu_derivative])
@pytest.mark.parametrize(("slope", "error"), [(NAN, ValueError), (INF, ValueError),
                                              (None, TypeError), (True, TypeError)])
def test_negative_slope_validation(func, slope, error) -> None:
    with pytest.raises(error, match="negative_slope"):
        func(1.0, negative_slope=slope)


@pytest.mark.parametrize("func", [pw.hard_tanh, pw.hard_tanh_derivative])
@pytest.mark.parametrize(("low", "high"), [(1.0, 1.0), (2.0, -2.0), (NAN, 1.0), (-1.0, INF)])
def test_hard_tanh_bounds_validation(func, low: float, high: float) -> None:
    with pytest.raises(ValueError, match=r"min_val|max_val"):
        func(0.0, min_val=low, max_val=high)


@pytest.mark.parametrize("name", ELEMENTWISE)
@pytest.mark.parametrize("suffix", ["", "_derivative"])
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_dtype_and_shape_preserved(name: str, suffix: str, dtype) -> None:
    f = getattr(pw, name + suffix)
    x = np.linspace(-7, 7, 12, dtype=dtype).reshape(3, 4)
    y = f(x)
    assert y.dtype == dtype and y.shape == (3, 4)
    scalar = f(dtype(1.5))
    assert isinstance(scalar, np.floating) and scalar.dtype == dtype


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_python_and_integer_input_become_float64(name: str) -> None:
    f = getattr(pw, name)
    assert isinstance(f(2), np.float64)
    assert f(np.arange(-4, 5)).dtype == np.float64
    assert f([True, False]).dtype == np.float64


def test_complex_input_is_refused() -> None:
    with pytest.raises(TypeError, match="relu"):
        pw.relu(np.array([1 + 1j]))
