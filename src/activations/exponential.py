"""Exponential linear units: ELU, SELU and CELU.

All three are the identity for ``x > 0`` and a scaled ``exp(x) - 1`` below
zero. The negative branch is always evaluated with ``expm1`` (``exp(x) - 1``
loses every digit as ``x -> 0``). For speed (a pass over 10**7 doubles costs as
much as the arithmetic) it is evaluated on ``min(x, 0)`` over the whole array,
which cannot overflow, and the branches are joined by ``maximum``, a sum with
an exact zero, or a clip, never by boolean indexing; NaN passes through every
step, and a signalling NaN's "invalid" flag is silenced.

``exp(x / alpha)`` is ill-conditioned in its argument — a relative error ``ε``
in ``x / alpha`` becomes a relative error ``|x / alpha| ε`` in the result,
hundreds of ULP near the underflow edge — so CELU carries the rounding error
of the quotient along (:func:`activations._extended.quotient`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from activations._elementwise import done, flat, in_blocks
from activations._extended import exp_pair, mul_exp, quotient
from activations._inputs import FloatArray, Prepared, prepare, real_parameter

__all__ = [
    "SELU_ALPHA",
    "SELU_SCALE",
    "celu",
    "celu_derivative",
    "elu",
    "elu_derivative",
    "selu",
    "selu_derivative",
]

#: SELU's alpha_01 (Klambauer et al. 2017, eq. 14), correctly rounded from 50 digits:
#: -sqrt(2/pi) / (erfc(1/sqrt 2) * exp(1/2) - 1) = 1.67326324235437728481704299167165...
SELU_ALPHA = 1.6732632423543772
#: SELU's lambda_01 (Klambauer et al. 2017, eq. 14), correctly rounded from 50 digits:
#: 1.05070098735548049341933498529460...
SELU_SCALE = 1.0507009873554805
# scale * alpha rounded once from the exact constants (1.75809934084737685994...); the
# product of the two rounded doubles would add a rounding of its own.
_SELU_SCALE_ALPHA = 1.7580993408473768


#: Below this, exp(x) is subnormal: a * exp(x) would round twice (or to 0).
_EXP_NORMAL_MIN = -708.3


def _values(p: Prepared) -> NDArray[np.float64]:
    # Like flat() without its NaN pass: clip, expm1, exp and products carry NaN through.
    return np.atleast_1d(p.values)


def _nonpositive(v: NDArray[np.float64]) -> NDArray[np.float64]:
    # min(x, 0) that keeps x on a tie, so -0.0 stays -0.0 (np.minimum need not).
    return np.clip(v, -np.inf, 0.0)


def _elu_values(v: NDArray[np.float64], alpha: float) -> NDArray[np.float64]:
    """``alpha * expm1(x)`` for ``x < 0``, ``x`` elsewhere (``-0.0`` stays ``-0.0``)."""
    y = _nonpositive(v)
    with np.errstate(invalid="ignore"):
        # Only a signalling NaN raises "invalid" in expm1 and the product.
        np.expm1(y, out=y)
        if alpha != 1.0:
            y *= alpha
    if 0.0 < alpha <= 1.0:
        # alpha (e^x - 1) > x for x < 0 when 0 < alpha <= 1, and rounding keeps that
        # order against the double x, while the negative branch is 0 for x > 0: the
        # larger value is the right branch. At ±0 both are the same zero.
        return np.maximum(v, y, out=y)
    np.copyto(y, v, where=v >= 0.0)
    return y


def _exp_slope(v: NDArray[np.float64], alpha: float, right: float) -> NDArray[np.float64]:
    """``alpha * exp(x)`` for ``x <= 0`` and ``right`` for ``x > 0``, NaN for NaN."""
    d = _nonpositive(v)
    with np.errstate(invalid="ignore"):
        # Only a signalling NaN raises "invalid" in exp and the product.
        np.exp(d, out=d)
        if alpha != 1.0:
            d *= alpha
    if alpha != right:
        # Put right in place for x > 0 without a mask: sign(x) is -1, 0 (for either
        # zero), 1 or NaN, and everything below is exact, NaN passing through.
        s = np.sign(v)
        if 0.0 < right < alpha:
            # (1/2 - sign x) 2**996 is huge and positive for x <= 0, huge and negative for
            # x > 0; clipped to [right, alpha] it is alpha or right. d <= alpha for
            # x <= 0 and d = alpha for x > 0, so the minimum is the slope.
            with np.errstate(invalid="ignore"):
                # np.sign passes a signalling NaN through unquieted; only it raises here.
                s -= 0.5
                s *= -(2.0**996)
            np.clip(s, right, alpha, out=s)
            np.minimum(d, s, out=d)
        elif 0.0 < alpha < right:
            # d <= alpha < right everywhere; the floor is right for x > 0 and 0 elsewhere.
            np.clip(s, 0.0, 1.0, out=s)
            with np.errstate(invalid="ignore"):
                # As above: only a signalling NaN raises "invalid" in the product.
                s *= right
            np.maximum(d, s, out=d)
        else:
            np.copyto(d, right, where=v > 0.0)
    if alpha != 1.0:
        low = v.min() if v.size else 0.0
        if not low >= _EXP_NORMAL_MIN:
            # exp(x) is subnormal (or NaN is present, which min() reports): redo those
            # elements with the product rounded once.
            sub = v < _EXP_NORMAL_MIN
            d[sub] = mul_exp(alpha, v[sub])
    return d


@in_blocks
def elu(x: ArrayLike, *, alpha: float = 1.0) -> FloatArray | np.floating:
    r"""Exponential linear unit.

    .. math:: f(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}

    Numerics
    --------
    The negative branch uses ``expm1``: ``exp(x) - 1`` would lose all relative
    accuracy for small ``|x|`` (e.g. ``x = 1e-10``). It is ``alpha * expm1(min(x, 0))``
    on the whole array; for ``0 < alpha <= 1`` the larger of it and ``x`` is the
    right branch, otherwise ``x`` is copied where ``x >= 0``. The values are those
    of the masked version: 0.5 ULP measured on the reference table (bar 2).
    ``-0.0`` maps to ``-0.0``.

    Parameters
    ----------
    x : array_like
        Input values.
    alpha : float, optional
        Finite real scale of the negative branch (default 1.0, as PyTorch, Keras and JAX).
        The paper takes ``alpha > 0``; like PyTorch, any finite value is accepted.

    Returns
    -------
    ndarray or NumPy scalar
        Elementwise ELU; tends to ``-alpha`` as ``x -> -inf``.

    References
    ----------
    D.-A. Clevert, T. Unterthiner and S. Hochreiter, "Fast and Accurate Deep Network
    Learning by Exponential Linear Units (ELUs)", ICLR 2016, https://arxiv.org/abs/1511.07289

    Examples
    --------
    >>> print(elu(2.0))
    2.0
    >>> print(elu(float("-inf"), alpha=0.5))
    -0.5
    >>> print(f"{elu(-1.0):.12f}")
    -0.632120558829
    """
    a = real_parameter(alpha, "elu", "alpha")
    p = prepare(x, "elu")
    return done(p, _elu_values(_values(p), a))


@in_blocks
def elu_derivative(x: ArrayLike, *, alpha: float = 1.0) -> FloatArray | np.floating:
    r"""Derivative of :func:`elu`.

    .. math:: f'(x) = \begin{cases} 1 & x > 0 \\ \alpha\,e^{x} & x \le 0 \end{cases}

    Kink convention: for ``alpha != 1`` ELU has a kink at 0 (slopes ``alpha`` and
    1); we return **alpha at x = 0**, like PyTorch (``elu_backward`` takes the
    negative branch for ``x <= 0``) and JAX (``where(x > 0, ...)``). TensorFlow's
    ``tf.nn.elu`` has no alpha (its ``EluGrad`` gives 1 = alpha at 0); Keras 3's
    ``elu(x, alpha)`` on TensorFlow also takes the negative branch at 0 (alpha).
    For ``alpha = 1`` ELU is continuously differentiable and all agree on 1
    (TensorFlow's ``EluGrad`` tests the output ``< 0``, so 0 goes to the slope-1 side).

    Parameters
    ----------
    x : array_like
        Input values.
    alpha : float, optional
        Scale of the negative branch (default 1.0).

    Returns
    -------
    ndarray or NumPy scalar
        Elementwise derivative; 0 at ``-inf`` (NaN where ``x`` is NaN).

    Numerics
    --------
    ``alpha * exp(min(x, 0))``, the slope 1 for ``x > 0`` put in place with a
    clip of ``sign(x)`` (no mask). Where ``exp(x)`` is subnormal
    (``x < -708.3``) and ``alpha != 1``, the product is redone with the exponential
    scaled so that it rounds once (:func:`activations._extended.mul_exp`); NumPy's
    ``exp`` alone is within 1 ULP, the product adds half an ULP.

    Examples
    --------
    >>> elu_derivative([0.0, 2.0, float("-inf")], alpha=0.5)
    array([0.5, 1. , 0. ])
    """
    a = real_parameter(alpha, "elu_derivative", "alpha")
    p = prepare(x, "elu_derivative")
    return done(p, _exp_slope(_values(p), a, 1.0))


@in_blocks
def selu(x: ArrayLike) -> FloatArray | np.floating:
    r"""Scaled exponential linear unit.

    .. math:: f(x) = \lambda \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0
              \end{cases} \qquad \alpha \approx 1.6732632423543773,\
              \lambda \approx 1.0507009873554805

    The constants are the fixed point of the mean/variance map of a layer
    with standard-normal pre-activations (Klambauer et al., eq. 14):
    :data:`SELU_ALPHA` and :data:`SELU_SCALE`, each correctly rounded from a
    50-digit evaluation of the closed forms.

    Numerics
    --------
    The negative branch is ``(lambda alpha) * expm1(x)`` with the product
    ``lambda alpha`` itself rounded once from the exact value. We add
    ``lambda max(x, 0)`` and ``lambda alpha expm1(min(x, 0))``: one of them is a
    zero, so the sum is the other term exactly (and ``-0.0`` stays ``-0.0``).
    1.39 ULP measured on the reference table (bar 3).

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Elementwise SELU; tends to ``-lambda alpha ≈ -1.7581`` as ``x -> -inf``.

    References
    ----------
    G. Klambauer, T. Unterthiner, A. Mayr and S. Hochreiter, "Self-Normalizing Neural
    Networks", NeurIPS 2017, https://arxiv.org/abs/1706.02515

    Examples
    --------
    >>> print(selu(1.0))
    1.0507009873554805
    >>> print(selu(float("-inf")))
    -1.7580993408473768
    """
    p = prepare(x, "selu")
    v = _values(p)
    # lambda max(x, 0) + lambda alpha expm1(min(x, 0)): one term is a zero of the sign
    # of x, so the sum is the other term exactly, and -0.0 + -0.0 keeps -0.0.
    y = np.clip(v, 0.0, np.inf)
    neg = _nonpositive(v)
    with np.errstate(over="ignore", invalid="ignore"):
        # Overflow: lambda x above the largest double rounds to inf, its correctly
        # rounded value. Invalid: only a signalling NaN raises it.
        y *= SELU_SCALE
        np.expm1(neg, out=neg)
        neg *= _SELU_SCALE_ALPHA
        y += neg
    return done(p, y)


@in_blocks
def selu_derivative(x: ArrayLike) -> FloatArray | np.floating:
    r"""Derivative of :func:`selu`.

    .. math:: f'(x) = \lambda \begin{cases} 1 & x > 0 \\ \alpha\,e^{x} & x \le 0 \end{cases}

    Kink convention: SELU has a kink at 0 (slopes ``lambda alpha ≈ 1.758`` and
    ``lambda ≈ 1.051``); we return **lambda alpha at x = 0**, the left slope, like
    PyTorch (``elu_backward`` takes the negative branch for ``x <= 0``) and JAX
    (``scale * elu(x, alpha)``, negative branch unless ``x > 0``). TensorFlow's
    ``SeluGrad`` takes the negative branch only where the *output* is ``< 0`` and so
    returns **lambda ≈ 1.0507** at 0.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Elementwise derivative (NaN where ``x`` is NaN).

    Numerics
    --------
    ``lambda alpha exp(min(x, 0))``, capped at ``lambda`` for ``x > 0`` by a
    minimum with a clip of ``sign(x)``; below ``x = -708.3`` (subnormal
    ``exp(x)``) the product is redone so that it rounds once.

    Examples
    --------
    >>> selu_derivative([0.0, 1.0, float("-inf")])
    array([1.75809934, 1.05070099, 0.        ])
    """
    p = prepare(x, "selu_derivative")
    return done(p, _exp_slope(_values(p), _SELU_SCALE_ALPHA, SELU_SCALE))


def _celu_alpha(alpha: object, func: str) -> float:
    a = real_parameter(alpha, func, "alpha")
    if a == 0.0:
        raise ValueError(f"{func}(): alpha must be nonzero (x / alpha), got {a!r}")
    return a


def _celu_parts(v: NDArray[np.float64], a: float):
    """Split ``v <= 0`` into the elements whose ``|v / a|`` is huge and the rest.

    Returns the masks and, for the moderate elements, ``(q, r)`` with ``q + r = v / a``.
    """
    neg = v <= 0.0
    # |v| / 2048 > |a| <=> |v / a| > 2048, tested without forming a quotient that
    # could overflow; beyond it exp(v / a) is 0 or overflows in every case.
    huge = neg & (np.abs(v) * (1.0 / 2048.0) > abs(a))
    moderate = neg & ~huge
    q, r = quotient(v[moderate], a)
    return neg, huge, moderate, q, r


def _exp_pair(q: NDArray[np.float64], r: NDArray[np.float64]) -> NDArray[np.float64]:
    """``exp(q + r)`` for ``|r| <= ulp(q)``, without spurious overflow.

    A result above the largest double is returned as ``inf``, its correctly rounded value.
    """
    e = exp_pair(np.minimum(q, 709.0), r)
    big = q > 709.0
    # e**709 * e**(q - 709) for q <= 2048: no factor overflows before the final product.
    # q - 709 is exact (Sterbenz) for 709 < q <= 1418, and r is negligible after it.
    with np.errstate(over="ignore"):
        e[big] = e[big] * np.exp(q[big] - 709.0)
    return e


@in_blocks
def celu(x: ArrayLike, *, alpha: float = 1.0) -> FloatArray | np.floating:
    r"""Continuously differentiable exponential linear unit.

    .. math:: f(x) = \max(0, x) + \min\!\left(0, \alpha\,(e^{x/\alpha} - 1)\right)

    For ``alpha > 0`` this is ``x`` for ``x > 0`` and ``alpha * expm1(x / alpha)``
    below; unlike ELU its slope is 1 on both sides of 0 for every ``alpha``, and
    ``celu(x, alpha=1)`` equals ``elu(x, alpha=1)``.

    Numerics
    --------
    For ``alpha = 1`` the quotient is exact and CELU is computed as ELU (same
    fast route, same values). Otherwise ``expm1`` on the negative branch, and
    ``x / alpha`` carried with its rounding error (an exact remainder) so the
    exponential of a large quotient stays accurate. ``-0.0`` maps to ``-0.0``.

    Parameters
    ----------
    x : array_like
        Input values.
    alpha : float, optional
        Nonzero finite real (default 1.0, as PyTorch and JAX); ``alpha = 0`` raises
        ``ValueError`` (PyTorch raises too). A negative ``alpha`` is accepted as
        PyTorch does; the negative branch then grows like ``-|alpha| e^{|x|/|alpha|}``.

    Returns
    -------
    ndarray or NumPy scalar
        Elementwise CELU; tends to ``-alpha`` as ``x -> -inf`` when ``alpha > 0``.

    References
    ----------
    J. T. Barron, "Continuously Differentiable Exponential Linear Units", 2017,
    https://arxiv.org/abs/1704.07483

    Examples
    --------
    >>> print(celu(float("-inf"), alpha=2.0))
    -2.0
    >>> celu([-0.0, 1.5], alpha=2.0)
    array([-0. ,  1.5])
    """
    a = _celu_alpha(alpha, "celu")
    p = prepare(x, "celu")
    if a == 1.0:
        # x / 1 is exact: CELU is ELU, and takes its fast route.
        return done(p, _elu_values(_values(p), 1.0))
    v = flat(p)
    y = np.array(v, dtype=np.float64, copy=True)
    _, huge, moderate, q, r = _celu_parts(v, a)
    y[huge] = -a if a > 0 else -np.inf
    small = q <= 709.0
    values = np.empty_like(q)
    with np.errstate(over="ignore"):
        # Only a huge alpha (first line) or alpha < 0 (second) can overflow, and then
        # the exact result is beyond the largest double too: -inf is correctly rounded.
        values[small] = a * (np.expm1(q[small]) + np.exp(q[small]) * r[small])
        # exp(q + r) = exp(q/2) * exp(q/2 + r): halving is exact, so no factor overflows
        # before the final product unless the result itself does.
        half_q = q[~small] * 0.5
        values[~small] = (a * np.exp(half_q)) * _exp_pair(half_q, r[~small])
    y[moderate] = values
    # For |x / alpha| < 2**-54, alpha * expm1(x / alpha) = x (1 + x / (2 alpha) + ...)
    # rounds to x itself (and keeps the sign of a zero); the quotient could have
    # underflowed there and taken x with it.
    tiny = moderate & (np.abs(v) < abs(a) * 2.0**-54)
    y[tiny] = v[tiny]
    return done(p, y)


@in_blocks
def celu_derivative(x: ArrayLike, *, alpha: float = 1.0) -> FloatArray | np.floating:
    r"""Derivative of :func:`celu`.

    .. math:: f'(x) = \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}

    CELU is continuously differentiable (both one-sided slopes at 0 are 1), so
    there is no kink to choose a convention for; we return 1 at 0, as PyTorch
    (``elu_backward`` with ``input_scale = 1/alpha``) and JAX (``maximum`` and
    ``minimum`` split a tie's gradient 1/2 + 1/2). Keras 3's ``celu`` on TensorFlow,
    ``maximum(x, 0) + alpha * expm1(minimum(x, 0) / alpha)``, returns **2** at 0:
    TensorFlow gives a tie's whole gradient to the first argument of *both*
    ``maximum`` and ``minimum``.

    Numerics
    --------
    For ``alpha = 1``, ``exp(min(x, 0))`` (ELU's fast route). Otherwise
    ``exp(x / alpha)`` with the quotient's rounding error carried along: a plain
    ``np.exp(x / alpha)`` is off by up to ``|x / alpha| / 2`` ULP (over 300 ULP
    near the underflow edge) when ``alpha`` is not a power of two.

    Parameters
    ----------
    x : array_like
        Input values.
    alpha : float, optional
        Nonzero finite real (default 1.0).

    Returns
    -------
    ndarray or NumPy scalar
        Elementwise derivative (NaN where ``x`` is NaN).

    Examples
    --------
    >>> celu_derivative([-float("inf"), 0.0, 3.0], alpha=2.0)
    array([0., 1., 1.])
    """
    a = _celu_alpha(alpha, "celu_derivative")
    p = prepare(x, "celu_derivative")
    if a == 1.0:
        return done(p, _exp_slope(_values(p), 1.0, 1.0))
    v = flat(p)
    d = np.where(v > 0.0, 1.0, v)
    _, huge, moderate, q, r = _celu_parts(v, a)
    d[huge] = 0.0 if a > 0 else np.inf
    d[moderate] = _exp_pair(q, r)
    return done(p, d)
