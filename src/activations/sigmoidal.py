"""S-shaped and soft-rectifying activations: sigmoid, tanh, softsign, softplus, log-sigmoid.

They are all built on ``exp(-|x|)``, which never overflows, and each branch
is computed only on the elements that take it (``np.where`` would evaluate
both branches everywhere and warn). The derivatives use closed forms that
keep full relative accuracy in the tails instead of the textbook
``s (1 - s)`` and ``1 - tanh^2``, which cancel catastrophically.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from activations._elementwise import blockwise, done, flat
from activations._extended import (
    divide_pairs,
    exp_pair,
    fast_two_sum,
    square_pair,
    two_product_wide,
    two_sum,
)
from activations._inputs import FloatArray, prepare, real_parameter

__all__ = [
    "log_sigmoid",
    "log_sigmoid_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "softplus",
    "softplus_derivative",
    "softsign",
    "softsign_derivative",
    "tanh",
    "tanh_derivative",
]

_MAX = float(np.finfo(np.float64).max)


def _logistic(e: NDArray[np.float64], positive: NDArray[np.bool_]) -> NDArray[np.float64]:
    """``sigmoid(x)`` from ``e = exp(-|x|)``: ``1/(1 + e)`` if ``x >= 0``, else ``e/(1 + e)``."""
    # Fast2Sum is exact here because 1 >= e.
    s, err = fast_two_sum(1.0, e)
    return divide_pairs(np.where(positive, 1.0, e), 0.0, s, err)


def _sigmoid_values(v: NDArray[np.float64]) -> NDArray[np.float64]:
    # exp(-|x|) <= 1 never overflows; NaN passes through exp without a warning.
    return _logistic(np.exp(-np.abs(v)), v >= 0.0)


def _bump(e: NDArray[np.float64], scale: float = 1.0) -> NDArray[np.float64]:
    """``scale * e / (1 + e)**2`` with ``(1 + e)**2`` carried exactly (two doubles)."""
    sq, sq_err = square_pair(*fast_two_sum(1.0, e))
    return divide_pairs(scale * e, 0.0, sq, sq_err)


def _scaled_abs(v: NDArray[np.float64], beta: float) -> tuple[NDArray, NDArray]:
    """``(t, err)`` with ``t + err == beta * |v|`` exactly where that is finite."""
    a = np.abs(v)
    if beta == 1.0:
        return a, np.zeros_like(a)
    t = np.full_like(a, np.inf)
    err = np.zeros_like(a)
    # beta * |v| above the largest double only ever feeds exp(-t) = 0.
    # A Python-float quotient: inf for tiny beta, never a NumPy overflow warning.
    fits = a <= _MAX / beta
    t[fits] = a[fits] * beta
    # Below 2**-960 the product's error term would be subnormal (inexact), and a
    # relative error of 2**-53 in such a tiny t is harmless anyway.
    exact = fits & (t > 2.0**-960) & (t < np.inf)
    t[exact], err[exact] = two_product_wide(a[exact], beta)
    t[np.isnan(a)] = np.nan
    return t, err


def _log1p_exp_minus_over_beta(
    t: NDArray[np.float64], err: NDArray[np.float64], beta: float
) -> NDArray[np.float64]:
    """``log1p(exp(-(t + err))) / beta`` for ``t >= 0`` without losing the tiny results."""
    out = np.empty_like(t)
    # Past t = 708 exp(-t) is subnormal or 0 although exp(-t) / beta may be a normal
    # number when beta < 1; there log1p(y) == y, so take exp(-t/2) * (exp(-t/2) / beta).
    far = t > 708.0
    near = ~far
    with np.errstate(over="ignore"):
        # A subnormal beta can push ln(2) / beta past the largest double: inf is then
        # the correctly rounded result.
        out[near] = np.log1p(exp_pair(-t[near], -err[near])) / beta
    half = np.exp(-0.5 * t[far])
    # Parenthesised so that only the last product rounds into the subnormal range.
    out[far] = half * ((half / beta) * (1.0 - err[far]))
    return out


def _softplus_values(v: NDArray[np.float64], beta: float) -> NDArray[np.float64]:
    t, err = _scaled_abs(v, beta)
    y = _log1p_exp_minus_over_beta(t, err, beta)
    # For 0 < beta x <= 40 use log1p(exp(beta x)) / beta: a chain of monotone, nearly
    # correctly rounded steps, so softplus stays non-decreasing between neighbouring
    # doubles (x + log1p(exp(-x)) adds two opposite trends and can step back by an
    # ULP). exp(40) cannot overflow, and past 40 the tail is below half an ULP of x.
    pos = v > 0.0
    mid = pos & (t <= 40.0)
    e = np.exp(t[mid])
    with np.errstate(over="ignore"):
        # A subnormal beta can push the quotient, and x + tail can push the sum, past
        # the largest double only when the true value is beyond it as well.
        y[mid] = np.log1p(e + e * err[mid]) / beta
        far = pos & ~mid
        y[far] = v[far] + y[far]
    return y


def _sigmoid_scaled(v: NDArray[np.float64], beta: float) -> NDArray[np.float64]:
    """``sigmoid(beta * v)`` with the product's rounding error carried into exp."""
    if beta == 1.0:
        return _sigmoid_values(v)
    t, err = _scaled_abs(v, beta)
    return _logistic(exp_pair(-t, -err), v >= 0.0)


def sigmoid(x: ArrayLike) -> FloatArray | np.floating:
    r"""Logistic sigmoid.

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}}

    Numerics
    --------
    For ``x >= 0`` we use ``1 / (1 + e^{-x})`` and for ``x < 0`` the equivalent
    ``e^{x} / (1 + e^{x})``: the exponential is always of a non-positive number,
    so it never overflows, and the tiny values for very negative ``x`` (down to
    ``x ≈ -745``, the subnormal edge) keep their relative accuracy instead of
    being lost in ``1 - ...``. The sum ``1 + e`` is carried exactly and the
    division is correctly rounded, so the only other error is that of ``exp``:
    the result is within 1.5 ULP and never decreases from one double to the next.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Values in ``[0, 1]``; exactly 0 at ``-inf`` and 1 at ``+inf``.

    References
    ----------
    D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning representations by
    back-propagating errors", Nature 323, 1986, https://doi.org/10.1038/323533a0

    Examples
    --------
    >>> print(sigmoid(0.0))
    0.5
    >>> sigmoid([float("-inf"), float("inf")])
    array([0., 1.])
    >>> print(f"{sigmoid(-700.0):.6e}")
    9.859677e-305
    """
    p = prepare(x, "sigmoid")
    return done(p, blockwise(_sigmoid_values, flat(p)))


def sigmoid_derivative(x: ArrayLike) -> FloatArray | np.floating:
    r"""Derivative of :func:`sigmoid`.

    .. math:: \sigma'(x) = \sigma(x)\,(1 - \sigma(x)) = \frac{e^{-|x|}}{(1 + e^{-|x|})^2}

    Numerics
    --------
    The textbook ``s * (1 - s)`` rounds ``s`` before subtracting it from 1: it
    loses over 100 ULP already for ``|x| < 5`` and returns exactly 0 from
    ``x ≈ 37.5`` on, where the true value is about ``e^{-x}``. The symmetric form
    on the right uses only ``e^{-|x|} <= 1`` and cannot overflow; ``(1 + e)^2`` is
    carried exactly as a pair of doubles (Fast2Sum and Dekker's product), so the
    result is within 2 ULP down to the subnormal range.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Values in ``[0, 1/4]``; 0 at ``±inf``.

    Examples
    --------
    >>> print(sigmoid_derivative(0.0))
    0.25
    >>> print(f"{sigmoid_derivative(40.0):.6e}")
    4.248354e-18
    """
    p = prepare(x, "sigmoid_derivative")
    return done(p, blockwise(lambda v: _bump(np.exp(-np.abs(v))), flat(p)))


def tanh(x: ArrayLike) -> FloatArray | np.floating:
    r"""Hyperbolic tangent.

    .. math:: \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1

    Numerics
    --------
    NumPy's ``np.tanh`` is used as is: measured against 50-digit references it is
    within about 1.1 ULP, odd, keeps ``tanh(-0.0) = -0.0`` and saturates to exactly
    ±1. (An ``expm1``-based formula would add roundings, not remove them.)

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Values in ``[-1, 1]``.

    References
    ----------
    Y. LeCun, L. Bottou, G. B. Orr and K.-R. Müller, "Efficient BackProp", in *Neural
    Networks: Tricks of the Trade*, Springer 1998,
    https://yann.lecun.com/exdb/publis/pdf/lecun-98b.pdf (why zero-centred tanh trains
    better than the logistic sigmoid).

    Examples
    --------
    >>> print(tanh(0.0))
    0.0
    >>> tanh([-float("inf"), -0.0, float("inf")])
    array([-1., -0.,  1.])
    """
    p = prepare(x, "tanh")
    return done(p, np.tanh(flat(p)))


def tanh_derivative(x: ArrayLike) -> FloatArray | np.floating:
    r"""Derivative of :func:`tanh`.

    .. math:: \tanh'(x) = 1 - \tanh^2(x) = \operatorname{sech}^2(x)
              = \frac{4 e^{-2|x|}}{(1 + e^{-2|x|})^2}

    Numerics
    --------
    ``1 - tanh(x)**2`` cancels as soon as ``tanh(x)`` nears ±1 (thousands of ULP
    already for ``|x| < 5``, and exactly 0 past ``|x| ≈ 19.1``). We use the last form
    with ``w = e^{-2|x|}`` and ``(1 + w)^2`` carried exactly as a pair of doubles.
    Past ``|x| = 350`` the result is subnormal and we compute ``(2u)^2`` with
    ``u = e^{-|x|}`` (a normal number), so the squaring is the only rounding into
    the subnormal range instead of ``e^{-2|x|}`` being rounded there first.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Values in ``[0, 1]``; 0 at ``±inf``.

    Examples
    --------
    >>> print(tanh_derivative(0.0))
    1.0
    >>> print(f"{tanh_derivative(20.0):.6e}")
    1.699342e-17
    """
    p = prepare(x, "tanh_derivative")
    return done(p, blockwise(_sech_squared, flat(p)))


def _sech_squared(v: NDArray[np.float64]) -> NDArray[np.float64]:
    a = np.abs(v)
    u = np.exp(-a)
    w = np.exp(-2.0 * np.minimum(a, 400.0))
    d = np.empty_like(a)
    normal = a <= 350.0
    d[normal] = _bump(w[normal], 4.0)
    two_u = 2.0 * u[~normal]
    d[~normal] = two_u * two_u
    return d


def softsign(x: ArrayLike) -> FloatArray | np.floating:
    r"""Softsign: a rational, slowly saturating alternative to tanh.

    .. math:: f(x) = \frac{x}{1 + |x|}

    Numerics
    --------
    ``x / (1 + |x|)`` is evaluated on the finite elements only; at ``±inf`` it would
    be ``inf / inf``, and the limit ±1 is returned instead. The sum ``1 + |x|`` is
    carried exactly (Fast2Sum) and the division is correctly rounded, so the result
    is the double nearest to the true value (hence also odd and monotone).

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Values in ``[-1, 1]`` (``-0.0`` stays ``-0.0``).

    References
    ----------
    J. Bergstra, G. Desjardins, P. Lamblin and Y. Bengio, "Quadratic polynomials learn
    better image features", Technical Report 1337, Université de Montréal, 2009;
    X. Glorot and Y. Bengio, "Understanding the difficulty of training deep feedforward
    neural networks", AISTATS 2010, https://proceedings.mlr.press/v9/glorot10a.html

    Examples
    --------
    >>> softsign([-3.0, 0.0, 1.0, float("inf")])
    array([-0.75,  0.  ,  0.5 ,  1.  ])
    """
    p = prepare(x, "softsign")
    return done(p, blockwise(_softsign_values, flat(p)))


def _softsign_values(v: NDArray[np.float64]) -> NDArray[np.float64]:
    y = np.sign(v)
    finite = np.isfinite(v)
    a = np.abs(v[finite])
    s, err = two_sum(1.0, a)
    y[finite] = np.copysign(divide_pairs(a, 0.0, s, err), v[finite])
    return y


def softsign_derivative(x: ArrayLike) -> FloatArray | np.floating:
    r"""Derivative of :func:`softsign`.

    .. math:: f'(x) = \frac{1}{(1 + |x|)^2}

    Numerics
    --------
    ``1 + |x|`` is carried exactly as a two-double sum and squared exactly
    (Dekker's product), and the reciprocal is correctly rounded. Past ``|x| = 10^{150}``,
    where ``(1 + |x|)^2`` could overflow, the square is taken of the mantissa of
    ``|x|`` and the power of two is applied afterwards.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Values in ``(0, 1]``; 0 at ``±inf``.

    Examples
    --------
    >>> softsign_derivative([-3.0, 0.0, 1.0])
    array([0.0625, 1.    , 0.25  ])
    """
    p = prepare(x, "softsign_derivative")
    return done(p, blockwise(_softsign_slope, flat(p)))


def _softsign_slope(v: NDArray[np.float64]) -> NDArray[np.float64]:
    a = np.abs(v)
    d = np.where(np.isnan(a), a, 0.0)
    moderate = a <= 1e150
    am = a[moderate]
    sq, sq_err = square_pair(*two_sum(1.0, am))
    d[moderate] = divide_pairs(np.ones_like(sq), 0.0, sq, sq_err)
    # Past 1e150, 1 + |x| is |x| to 150 digits, and |x|**2 could overflow: with
    # |x| = m 2**k (0.5 <= m < 1) the result is (1 / m**2) 2**(-2k), the reciprocal
    # correctly rounded and the power of two exact down to the subnormal range.
    large = (a > 1e150) & np.isfinite(a)
    m, k = np.frexp(a[large])
    msq, msq_err = two_product_wide(m, m)
    with np.errstate(under="ignore"):
        d[large] = np.ldexp(divide_pairs(np.ones_like(m), 0.0, msq, msq_err), -2 * k)
    return d


def _beta(beta: object, func: str) -> float:
    return real_parameter(beta, func, "beta", positive=True)


def softplus(x: ArrayLike, *, beta: float = 1.0) -> FloatArray | np.floating:
    r"""Softplus: a smooth ReLU.

    .. math:: f(x) = \frac{1}{\beta} \log\!\left(1 + e^{\beta x}\right)
              = \max(x, 0) + \frac{1}{\beta}\log\!\left(1 + e^{-\beta |x|}\right)

    Numerics
    --------
    The right-hand form never overflows. Unlike ``torch.nn.Softplus`` there is no
    ``threshold`` switch to the identity (PyTorch returns ``x`` for ``beta x > 20``,
    which is off by up to about ``e^{-20}`` absolute — hundreds of thousands of ULP
    near ``x ≈ 20..37``). For ``beta != 1`` the product ``beta |x|`` is carried with
    its exact rounding error (Dekker), because ``exp`` turns a relative error ``ε``
    in its argument into ``|beta x| ε`` in the result; a product beyond the largest
    double is treated as ``inf`` (``exp(-inf) = 0``) instead of overflowing, and for
    ``beta < 1`` the tail ``e^{-beta|x|} / beta`` is still found where
    ``e^{-beta|x|}`` alone would underflow. For ``0 < beta x <= 40`` we evaluate
    ``log1p(exp(beta x)) / beta`` itself: both steps are monotone, whereas
    ``x + log1p(exp(-x))`` adds an increasing and a decreasing rounded term and
    can step back by an ULP between neighbouring doubles.

    Parameters
    ----------
    x : array_like
        Input values.
    beta : float, optional
        Finite ``beta > 0`` (default 1.0, as PyTorch; larger ``beta`` is closer to ReLU).

    Returns
    -------
    ndarray or NumPy scalar
        Positive values; ``ln(2) / beta`` at 0, ``+inf`` at ``+inf``, 0 at ``-inf``.

    References
    ----------
    C. Dugas, Y. Bengio, F. Bélisle, C. Nadeau and R. Garcia, "Incorporating
    Second-Order Functional Knowledge for Better Option Pricing", NeurIPS 2000,
    https://proceedings.neurips.cc/paper/2000/file/44968aece94f667e4095002d140b5896-Paper.pdf

    Examples
    --------
    >>> print(f"{softplus(0.0):.15f}")
    0.693147180559945
    >>> print(f"{softplus(-30.0):.6e}")
    9.357623e-14
    >>> softplus([float("-inf"), float("inf")])
    array([ 0., inf])
    """
    b = _beta(beta, "softplus")
    p = prepare(x, "softplus")
    return done(p, blockwise(lambda v: _softplus_values(v, b), flat(p)))


def softplus_derivative(x: ArrayLike, *, beta: float = 1.0) -> FloatArray | np.floating:
    r"""Derivative of :func:`softplus`: the logistic sigmoid of ``beta x``.

    .. math:: f'(x) = \sigma(\beta x) = \frac{1}{1 + e^{-\beta x}}

    Numerics
    --------
    As in :func:`softplus`, ``beta x`` is carried exactly into the exponential,
    so the tiny derivatives for very negative ``x`` keep their relative accuracy.

    Parameters
    ----------
    x : array_like
        Input values.
    beta : float, optional
        Finite ``beta > 0`` (default 1.0).

    Returns
    -------
    ndarray or NumPy scalar
        Values in ``[0, 1]``.

    Examples
    --------
    >>> print(softplus_derivative(0.0))
    0.5
    >>> softplus_derivative([float("-inf"), float("inf")], beta=2.0)
    array([0., 1.])
    """
    b = _beta(beta, "softplus_derivative")
    p = prepare(x, "softplus_derivative")
    return done(p, blockwise(lambda v: _sigmoid_scaled(v, b), flat(p)))


def log_sigmoid(x: ArrayLike) -> FloatArray | np.floating:
    r"""Logarithm of the logistic sigmoid.

    .. math:: f(x) = \log \sigma(x) = -\operatorname{softplus}(-x)
              = \min(x, 0) - \log\!\left(1 + e^{-|x|}\right)

    Numerics
    --------
    ``np.log(sigmoid(x))`` returns ``-inf`` once ``sigmoid`` underflows
    (``x < -745``) and 0 once it rounds to 1 (``x > 37``); the right-hand form is
    accurate everywhere and never overflows.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Non-positive values; ``-inf`` at ``-inf``, ``-0.0`` at ``+inf``.

    References
    ----------
    Used as the numerically stable log-likelihood of the logistic model, e.g.
    ``torch.nn.LogSigmoid``; see M. Mächler, "Accurately Computing log(1 - exp(-|a|))",
    Rmpfr vignette, 2012, https://cran.r-project.org/web/packages/Rmpfr/vignettes/log1mexp-note.pdf

    Examples
    --------
    >>> print(f"{log_sigmoid(0.0):.15f}")
    -0.693147180559945
    >>> print(log_sigmoid(-800.0))
    -800.0
    """
    p = prepare(x, "log_sigmoid")
    v = flat(p)
    return done(p, blockwise(lambda u: -_softplus_values(-u, 1.0), v))


def log_sigmoid_derivative(x: ArrayLike) -> FloatArray | np.floating:
    r"""Derivative of :func:`log_sigmoid`.

    .. math:: f'(x) = 1 - \sigma(x) = \sigma(-x)

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Values in ``[0, 1]``; 1 at ``-inf``, 0 at ``+inf``.

    Examples
    --------
    >>> print(log_sigmoid_derivative(0.0))
    0.5
    >>> log_sigmoid_derivative([float("-inf"), float("inf")])
    array([1., 0.])
    """
    p = prepare(x, "log_sigmoid_derivative")
    return done(p, blockwise(lambda v: _sigmoid_values(-v), flat(p)))
