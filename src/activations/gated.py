"""Self-gated activations: GELU, its tanh approximation, SiLU (swish) and Mish.

Each of them multiplies its input by a smooth gate in ``[0, 1]`` (or close to
it), so all four look like ReLU far from zero and dip slightly below zero for
negative inputs. Their textbook formulas lose accuracy where the gate is tiny:
``x * sigmoid(x)`` for ``x = -745`` is a subnormal number that the naive
product flushes to zero, and ``0.5 * x * (1 + tanh(u))`` cancels for negative
``x``. The implementations below therefore write every gate in a form that
does not cancel (``x / (1 + exp(-t))``, ``Phi(-|x|) = h(x) exp(-x**2 / 2)``),
with the exponent ``t`` made exact, or carried to about ``2**-62``, where its
rounding would be amplified (by ``|t|``).

Each function has two kernels. A plain float64 one handles ordinary finite
inputs in a few dozen branch-free passes over cache-sized blocks (NumPy's
SIMD ``exp`` is within 0.63 ULP); where it would lose digits (a gate below
the normal range, an exponent that would overflow) a mask picks the rare
elements, usually none, and an exact kernel recomputes them: its exponent is
a double-double and its exponential is scaled by a power of two, so subnormal
results keep all the digits they can hold. The error-free sums and products
and the scaled exponential come from :mod:`activations._extended`; the gates
and the float64 SiLU kernels are shared with :mod:`activations.glu`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from activations import _normal_tail
from activations._elementwise import elementwise, in_blocks
from activations._extended import (
    EXP_FLOOR,
    F64,
    exp_split,
    mul_exp,
    two_product,
    two_product_wide,
    two_sum,
)
from activations._inputs import FloatArray, prepare, real_parameter

# Constants rounded to float64. Where a ``_LO`` companion follows, it is the
# rounding error of the constant (computed with mpmath at 50 digits), so that
# ``C + C_LO`` is exact to about 1e-32 where the rounding of C would show.
_INV_SQRT_2PI = 0.3989422804014327
_SQRT_PI_OVER_2 = 1.2533141373155003
# 2 * sqrt(2 / pi): the tanh-GELU gate is sigmoid(2u) with u = sqrt(2/pi) (x + 0.044715 x^3).
_K = 1.5957691216057308
_K_LO = -9.96930880911092e-17
_A = 0.044715
_A_LO = 2.1960211427085595e-18


def _times_sigmoid(a: F64, t: F64, t_lo: F64 | float = 0.0) -> F64:
    """Return ``a * sigmoid(t + t_lo)`` for finite ``a`` and ``t`` in ``[-inf, inf]``.

    For ``t >= 0`` this is ``a / (1 + exp(-t))``; for ``t < 0`` it is
    ``a / (1 + exp(t)) * exp(t)`` with the last factor applied by ``mul_exp``,
    so tiny gates keep their relative accuracy down into the subnormal range.
    """
    out = np.empty(np.broadcast_shapes(a.shape, t.shape))
    a, t = np.broadcast_to(a, out.shape), np.broadcast_to(t, out.shape)
    t_lo = np.broadcast_to(t_lo, out.shape)
    up = t >= 0.0
    out[up] = a[up] / (1.0 + np.exp(-t[up]))
    down = ~up
    td = t[down]
    t_lo_d = np.where(td < EXP_FLOOR, 0.0, t_lo[down])
    out[down] = mul_exp(a[down] / (1.0 + np.exp(td)), td, t_lo_d)
    return out


# --------------------------------------------------------------------------- GELU


def _half_x_sq(x: F64) -> tuple[F64, F64]:
    """``-x**2 / 2`` exactly, as a double-double (``|x| < 1e150``)."""
    sq, sq_err = two_product(x, x)
    return -0.5 * sq, -0.5 * sq_err


def _normal_parts(x: F64) -> tuple[F64, F64, F64, F64]:
    """``c, g, m, -k`` with ``Phi(-|c|) = g m 2**-k / 2`` and ``phi(c) = m 2**-k / sqrt(2 pi)``.

    The exact path, for the few elements below :data:`_GELU_LOW`. ``c`` is
    ``x`` clipped to ``[-TOP, TOP]`` (``TOP = 38.999``): beyond it gelu and
    its derivative round to -0.0 or to ``x`` and 1, so nothing changes, and
    ``x**2`` cannot overflow. ``g = erfcx(|c| / sqrt 2)`` comes from the
    table of :mod:`activations._normal_tail`, ``m 2**-k = exp(-c**2 / 2)``
    from the exact double-double exponent and the scaled exponential.
    """
    c = np.clip(x, -_normal_tail.TOP, _normal_tail.TOP)
    m, k = exp_split(*_half_x_sq(c))
    return c, 2.0 * _normal_tail.h(np.abs(c)), m, -k


def _times_power_of_two(v: F64, minus_k: NDArray[np.int64]) -> F64:
    """``v * 2**minus_k``; most blocks have no element below -37.4 and skip the ldexp."""
    return np.ldexp(v, minus_k) if minus_k.any() else v


def _gelu_exact(x: F64) -> F64:
    c, g, m, minus_k = _normal_parts(x)
    half_gm = 0.5 * g * m
    # x < 0: x Phi(x) with the power of two applied last (a subnormal result
    # rounds once); x >= 0: x (1 - Phi(-x)), where Phi(-x) <= 1/2 cannot cancel.
    # The sign bit, not x < 0, picks the branch, so -0.0 maps to -0.0.
    return np.where(
        np.signbit(x),
        _times_power_of_two(c * half_gm, minus_k),
        x - x * _times_power_of_two(half_gm, minus_k),
    )


#: Below this ``exp(-x**2 / 2)`` approaches the subnormal range (from -37.64
#: on) and the plain kernels would lose digits; those rare elements take the
#: exact kernels with the scaled exponential.
_GELU_LOW = -37.5
_SPLITTER = 134217729.0  # 2**27 + 1: Veltkamp's split leaves 26 bits in the high part


def _gauss_exp(a: F64) -> F64:
    """``exp(-a**2 / 2)`` for ``0 <= a <= 39``, within about 1.2 ULP while it is normal.

    ``a = ah + al`` with ``ah`` of 26 bits, so ``ah**2 / 2`` is exact and the
    rest, ``al (ah + al / 2)``, is below ``2.3e-5``: ``exp(-ah**2 / 2)`` times
    ``1 + expm1(-rest)`` loses nothing to the rounding of ``a**2``, which
    would cost ``a**2 / 2`` ULP (hundreds near the tail).
    """
    c = a * _SPLITTER
    ah = c - a
    np.subtract(c, ah, out=ah)
    al = a - ah
    rest = 0.5 * al
    rest += ah
    rest *= al
    np.negative(rest, out=rest)
    np.expm1(rest, out=rest)
    ah *= ah
    ah *= -0.5
    e = np.exp(ah, out=ah)
    rest *= e
    rest += e
    return rest


def _gauss_parts(x: F64) -> tuple[F64, F64, F64]:
    """``a = min(|x|, TOP)``, ``h(a) = erfcx(a / sqrt 2) / 2`` and ``exp(-a**2 / 2)``.

    ``Phi(-a) = h(a) exp(-a**2 / 2)``; every element takes the same path,
    with a table lookup instead of a branch.
    """
    a = np.abs(x)
    np.minimum(a, _normal_tail.TOP, out=a)
    return a, _normal_tail.h(a), _gauss_exp(a)


def _gelu_plain(x: F64) -> F64:
    """``max(x, 0) - |x| Phi(-|x|)`` for finite ``x >= -37.5``.

    For ``x < 0`` this is ``-(|x| Phi(x))``, a product of positive factors;
    for ``x >= 0`` it is ``x (1 - Phi(-x))`` with ``Phi(-x) <= 1/2``, which
    cannot cancel. The result has the sign of ``x``, which ``copysign`` gives
    to the zeros too (``np.maximum(-0.0, 0.0)`` may be either zero).
    """
    a, tail, e = _gauss_parts(x)
    tail *= e
    tail *= a
    y = np.maximum(x, 0.0)
    y -= tail
    return np.copysign(y, x, out=y)


def _gelu64(x: F64) -> F64:
    return _patched(_gelu_plain(x), x, x < _GELU_LOW, _gelu_exact)


@in_blocks
def gelu(x: ArrayLike) -> FloatArray | np.floating:
    r"""Gaussian error linear unit (exact, erf-based form).

    .. math::

        \operatorname{GELU}(x) = x\,\Phi(x)
        = \frac{x}{2}\operatorname{erfc}\!\left(-\frac{x}{\sqrt 2}\right),
        \qquad \Phi \text{ the standard normal CDF.}

    Parameters
    ----------
    x : array_like
        Input (see :mod:`activations._inputs` for accepted dtypes).

    Returns
    -------
    ndarray or NumPy scalar
        ``gelu(x)`` in the dtype of ``x``; ``gelu(-inf) = -0.0``,
        ``gelu(inf) = inf``, NaN stays NaN.

    Numerics
    --------
    The textbook ``0.5 * x * (1 + erf(x / sqrt 2))`` cancels for ``x < 0``,
    where ``erfc(w)``, ``w = -x / sqrt 2``, is needed to full relative
    accuracy, which neither SciPy's ``erfc`` (up to about 11 ULP off on
    ``[0.5, 4]``, hundreds of ULP beyond) nor its ``erfcx`` (up to 7 ULP) has.
    (Both also cost some 35 ns per element, more than this whole function.)
    So ``Phi(-|x|) = h e**(-x**2 / 2)``, with ``h = erfcx(|x| / sqrt 2) / 2``
    looked up in a table of degree-8 polynomials on intervals of width 1/8
    (:mod:`activations._normal_tail`, within about 1 ULP, vectorised, no
    branch) and ``x**2 / 2`` made exact by splitting ``x`` into a 26-bit
    high part, whose square is exact, and a small rest that enters through
    ``expm1``. The result is ``max(x, 0) - |x| Phi(-|x|)``: ``x Phi(x)`` for
    ``x < 0`` and ``x (1 - Phi(-x))`` for ``x >= 0`` (``Phi(-x) <= 1/2``, no
    cancellation), all in plain float64. Below ``x = -37.5``, where
    ``e**(-x**2/2)`` nears the subnormal range, the rare elements take an
    exact path whose double-double exponent is scaled by a power of two applied
    last, so results down to ``gelu(-38.5) = -5.4e-323`` keep their digits.

    Measured against mpmath: at most 3.5 ULP everywhere (3.13 ULP at
    ``x = -9.9062`` on 200 000 seeded random points of
    ``scripts/ulp_table.py --dense``, 3.42 ULP on an independent
    279 000-point grid); the requirement is 4 ULP for ``x >= -30`` and
    16 ULP on ``(-38.5, -30)``.

    PyTorch's ``torch.nn.functional.gelu`` defaults to this exact form
    (``approximate='none'``), as do ``tf.nn.gelu`` and ``tf.keras.activations.gelu``
    (``approximate=False``); ``jax.nn.gelu`` and Keras 3's ``keras.ops.gelu``
    default to the tanh approximation (``approximate=True``), see
    :func:`gelu_tanh`.

    References
    ----------
    D. Hendrycks and K. Gimpel, "Gaussian Error Linear Units (GELUs)", 2016,
    arXiv:1606.08415.

    Examples
    --------
    >>> from activations import gelu
    >>> print(" ".join(f"{v:.6f}" for v in gelu([-1.0, 0.0, 1.0, 3.0])))
    -0.158655 0.000000 0.841345 2.995950
    >>> print(f"{gelu(-38.0):.4e}")
    -1.0965e-314
    """
    return elementwise(prepare(x, "gelu"), _gelu64, np.inf, -0.0)


def _gelu_derivative_exact(x: F64) -> F64:
    c, g, m, minus_k = _normal_parts(x)
    # x < 0: Phi(x) + x phi(x) = phi(x) (x + Phi(x) / phi(x)), Phi / phi = sqrt(pi/2) g,
    # so neither the cancellation against x phi(x) nor an early underflow of Phi occurs.
    negative = _times_power_of_two(_INV_SQRT_2PI * (c + _SQRT_PI_OVER_2 * g) * m, minus_k)
    # x >= 0: 1 - Phi(-x) + x phi(x) = 1 + phi(x) (x - sqrt(pi/2) g), a correction to 1.
    positive = 1.0 + _times_power_of_two((_INV_SQRT_2PI * c - 0.5 * g) * m, minus_k)
    return np.where(x < 0.0, negative, positive)


def _gelu_derivative_plain(x: F64) -> F64:
    """``step(x) + exp(-x**2 / 2) (x / sqrt(2 pi) -+ h)`` for finite ``x >= -37.5``.

    With ``Phi(-|x|) = h e**(-x**2/2)`` and ``phi(x) = e**(-x**2/2) / sqrt(2 pi)``:
    for ``x < 0``, ``Phi(x) + x phi(x) = e**(-x**2/2) (x / sqrt(2 pi) + h)``, which
    cancels only near the root -0.7518; for ``x >= 0`` it is 1 plus the same with
    ``-h``. The sign bit picks the branch (``copysign``), so -0.0 gives 0.5.
    """
    _, tail, e = _gauss_parts(x)
    np.copysign(tail, x, out=tail)
    y = x * _INV_SQRT_2PI
    y -= tail
    y *= e
    step = np.copysign(0.5, x)
    step += 0.5
    y += step
    return y


def _gelu_derivative64(x: F64) -> F64:
    return _patched(_gelu_derivative_plain(x), x, x < _GELU_LOW, _gelu_derivative_exact)


@in_blocks
def gelu_derivative(x: ArrayLike) -> FloatArray | np.floating:
    r"""Derivative of :func:`gelu`.

    .. math::

        \operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x),
        \qquad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}.

    Parameters
    ----------
    x : array_like
        Input.

    Returns
    -------
    ndarray or NumPy scalar
        The derivative; ``1.0`` at ``+inf`` and ``-0.0`` at ``-inf`` (it
        approaches zero from below). It vanishes at ``x = -0.7518``, the
        minimum of GELU.

    Numerics
    --------
    With ``h = erfcx(|x| / sqrt 2) / 2`` and ``E = e**(-x**2 / 2)`` as in
    :func:`gelu`, ``Phi(x) + x phi(x) = E (x / sqrt(2 pi) + h)`` for
    ``x < 0``, which avoids both the cancellation of ``Phi(x)`` against
    ``x phi(x)`` (except near the root) and an early underflow of ``Phi``; for
    ``x >= 0`` it is ``1 + E (x / sqrt(2 pi) - h)``. Plain float64 from the
    table lookup and the exact exponent of :func:`gelu`; below ``x = -37.5`` the
    exact path with the scaled exponential. Measured against mpmath more than
    0.5 away from the root (and for ``|x| < 700``): at most 4.7 ULP (4.68 ULP
    at ``x = -1.2539`` on 200 000 seeded random points of
    ``scripts/ulp_table.py --dense``, 4.53 ULP on an independent 279 000-point
    grid); the requirement is 8 ULP. Near the root the value is a small
    difference of two terms of about 0.23, whose rounding errors do not shrink
    with it, so the error in ULP of the result grows (1.1e4 ULP at
    ``x = -0.75182``); the requirement leaves out ``+-0.5`` around the root.

    References
    ----------
    D. Hendrycks and K. Gimpel, "Gaussian Error Linear Units (GELUs)", 2016,
    arXiv:1606.08415.

    Examples
    --------
    >>> from activations import gelu_derivative
    >>> print(" ".join(f"{v:.6f}" for v in gelu_derivative([-2.0, 0.0, 1.0])))
    -0.085232 0.500000 1.083315
    """
    return elementwise(prepare(x, "gelu_derivative"), _gelu_derivative64, 1.0, -0.0)


# ---------------------------------------------------------------------- tanh GELU

# Beyond this magnitude the tanh-GELU gate is exactly 0 or 1 in float64 and x**3 could overflow.
_GELU_TANH_CUTOFF = 1e50


def _gelu_tanh_exponent(x: F64) -> tuple[F64, F64]:
    """``2u = 2 sqrt(2/pi) (x + 0.044715 x**3)`` as a double-double ``(hi, lo)``.

    The decimal constant 0.044715 and ``2 sqrt(2/pi)`` are carried with their
    rounding errors too, so the gate matches the published formula, not a
    float64 re-rounding of it.
    """
    sq, sq_err = two_product(x, x)
    cube, cube_err = two_product(x, sq)
    cube_err = cube_err + x * sq_err
    a = np.full_like(x, _A)
    ax3, ax3_err = two_product(a, cube)
    ax3_err = ax3_err + _A * cube_err + _A_LO * cube
    s, s_err = two_sum(x, ax3)
    s_err = s_err + ax3_err
    t, t_err = two_product(np.full_like(x, _K), s)
    t_err = t_err + _K * s_err + _K_LO * s
    hi = t + t_err
    return hi, t_err - (hi - t)


def _gelu_tanh_exact(x: F64) -> F64:
    out = np.empty_like(x)
    mid = np.abs(x) <= _GELU_TANH_CUTOFF
    xm = x[mid]
    t, t_lo = _gelu_tanh_exponent(xm)
    out[mid] = _times_sigmoid(xm, t, t_lo)
    out[x > _GELU_TANH_CUTOFF] = x[x > _GELU_TANH_CUTOFF]
    out[x < -_GELU_TANH_CUTOFF] = -0.0
    return out


# The exponent in plain float64 with about 2**-62 relative accuracy (see
# _gelu_tanh_exponent_split): K = KH + KL and K A = CH + CL, the high parts
# with 40 and 14 significant bits, so that their products with the 13-bit
# high part of x and its cube are exact. Computed with mpmath (50 digits),
# 0.044715 taken as the exact decimal.
_KH = 1.5957691216062813
_KL = -5.505482686972437e-13
_CH = 0.07135772705078125
_CL = -2.9107781810012236e-06
_KA = 0.07135481627260025
_KA3 = 0.21406444881780073
_SPLIT_13 = 1099511627777.0  # 2**40 + 1: Veltkamp's split leaves 13 bits in the high part
# Beyond these the tanh-GELU gate is 0 (subnormal from -21.3 on) or exactly 1.
_GELU_TANH_LOW = -21.0
_GELU_TANH_HIGH = 30.0


def _gelu_tanh_exponent_split(x: F64) -> tuple[F64, F64]:
    """``2u = K (x + A x**3)`` as ``hi + lo`` to about ``2**-62 |2u|``, for ``|x| <= 30``.

    ``x = xh + xl`` with ``xh`` of 13 bits, so ``xh**3`` (39 bits), ``KH xh``
    and ``CH xh**3`` are exact; ``x**3 - xh**3 = xl (x (x + xh) + xh**2)`` and
    the products with the low parts of the constants are at most ``2**-11``
    of the result, so their roundings stay below ``2**-62``. Both exact terms
    have the sign of ``x``; one error-free sum joins them. Some thirty passes
    over a cache-resident block, against the hundred of a full double-double.
    """
    xh = _SPLIT_13 * x
    c = xh - x
    xh -= c
    xl = np.subtract(x, xh, out=c)
    xh2 = xh * xh
    cube = xh2 * xh
    rest = x + xh
    rest *= x
    rest += xh2
    rest *= xl
    t1 = np.multiply(xh, _KH, out=xh)
    t2 = np.multiply(cube, _CH, out=xh2)
    s = t1 + t2
    # Knuth's two_sum: s + err == t1 + t2 exactly, err = (t1 - (s - bb)) + (t2 - bb).
    bb = s - t1
    t2 -= bb
    np.subtract(s, bb, out=bb)
    t1 -= bb
    t2 += t1
    small = np.multiply(xl, _KH, out=xl)
    cube += rest
    cube *= _CL
    small += cube
    np.multiply(x, _KL, out=cube)
    small += cube
    rest *= _CH
    small += rest
    small += t2
    hi = s + small
    s -= hi
    s += small
    return hi, s


def _gelu_tanh_plain(x: F64) -> F64:
    """``x / (1 + exp(-2u))`` with the split exponent, for finite ``x >= -21``.

    ``exp(-hi - lo) = exp(-hi) (1 - lo)``; ``exp(-hi) <= exp(694)`` stays
    finite, so the division is by a finite number and never cancels.
    """
    hi, lo = _gelu_tanh_exponent_split(np.clip(x, _GELU_TANH_LOW, _GELU_TANH_HIGH))
    np.negative(hi, out=hi)
    np.exp(hi, out=hi)
    lo *= hi
    hi -= lo
    hi += 1.0
    return np.divide(x, hi, out=hi)


def _gelu_tanh64(x: F64) -> F64:
    return _patched(_gelu_tanh_plain(x), x, x < _GELU_TANH_LOW, _gelu_tanh_exact)


@in_blocks
def gelu_tanh(x: ArrayLike) -> FloatArray | np.floating:
    r"""GELU with the tanh approximation of Hendrycks and Gimpel.

    .. math::

        \operatorname{GELU}_{\tanh}(x)
        = \frac{x}{2}\left(1 + \tanh\!\left(\sqrt{2/\pi}\,(x + 0.044715\,x^3)\right)\right)
        = x\,\sigma\!\left(2\sqrt{2/\pi}\,(x + 0.044715\,x^3)\right).

    Parameters
    ----------
    x : array_like
        Input.

    Returns
    -------
    ndarray or NumPy scalar
        The approximation; ``-0.0`` at ``-inf``, ``inf`` at ``inf``. It differs
        from the exact :func:`gelu` by at most about ``4.7e-4``.

    Numerics
    --------
    ``1 + tanh(u)`` cancels for negative ``x`` (the textbook formula returns
    exactly 0 from ``x = -7.19`` on, where the true value is about
    ``-2.3e-16``, and loses digits well before), so
    the identity ``(1 + tanh u) / 2 = sigmoid(2u)`` is used and the sigmoid is
    evaluated as ``x / (1 + exp(-2u))``, which does not cancel. The relative
    error of the gate is about ``|2u|`` times the absolute error of ``2u``
    (up to 700 near the tail), so ``2u`` is carried as ``hi + lo`` to about
    ``2**-62`` relative: ``x`` is split into a 13-bit high part whose cube,
    and its products with 40- and 14-bit high parts of the constants, are
    exact, and ``exp(-hi - lo) = exp(-hi) (1 - lo)``; some thirty plain
    float64 passes instead of a full double-double. Below ``x = -21``, where
    the gate nears the subnormal range, the rare elements take an exact
    double-double path with power-of-two scaling, so the result stays accurate
    (and nonzero) until the true value underflows, near ``x = -21.55``.
    Measured against mpmath: at most 1.7 ULP for ``x >= -1`` (the requirement
    is 4 ULP) and 2.0 ULP on ``[-21.5, -1]``.

    This is PyTorch's ``gelu(x, approximate='tanh')`` and the default of
    ``jax.nn.gelu`` (``approximate=True``) and Keras 3 ``keras.ops.gelu``.

    References
    ----------
    D. Hendrycks and K. Gimpel, "Gaussian Error Linear Units (GELUs)", 2016,
    arXiv:1606.08415.

    Examples
    --------
    >>> from activations import gelu_tanh
    >>> print(" ".join(f"{v:.6f}" for v in gelu_tanh([-1.0, 0.0, 1.0, 3.0])))
    -0.158808 0.000000 0.841192 2.996363
    >>> print(f"{gelu_tanh(-10.0):.4e}")
    -1.2041e-37
    """
    return elementwise(prepare(x, "gelu_tanh"), _gelu_tanh64, np.inf, -0.0)


def _gelu_tanh_derivative_exact(x: F64) -> F64:
    out = np.empty_like(x)
    mid = np.abs(x) <= _GELU_TANH_CUTOFF
    xm = x[mid]
    t, t_lo = _gelu_tanh_exponent(xm)
    slope = _K * (1.0 + (3.0 * _A) * (xm * xm))
    res = np.empty_like(xm)
    up = t >= 0.0
    g = np.exp(-t[up])
    # sigma + x sigma (1 - sigma) t' with sigma = 1 / (1 + g), 1 - sigma = g / (1 + g).
    res[up] = ((1.0 + g) + (xm[up] * g) * slope[up]) / ((1.0 + g) * (1.0 + g))
    down = ~up
    e = np.exp(t[down])
    # the same with sigma = e / (1 + e), 1 - sigma = 1 / (1 + e); the factor e is applied last.
    res[down] = mul_exp(
        ((1.0 + e) + xm[down] * slope[down]) / ((1.0 + e) * (1.0 + e)), t[down], t_lo[down]
    )
    out[mid] = res
    out[x > _GELU_TANH_CUTOFF] = 1.0
    out[x < -_GELU_TANH_CUTOFF] = -0.0
    return out


def _gelu_tanh_derivative_plain(x: F64) -> F64:
    """``sigma(v) (1 + x v' (1 - sigma(v)))`` in plain float64, for finite ``x >= -21``.

    ``v`` is rounded (a relative error of a few ``2**-53`` moves the result by
    well under 1 ULP where the bar applies, ``x >= -1/4``, and by ``|v|`` times
    that beyond, where only sign and magnitude matter); with ``E = exp(-v)``,
    ``sigma = 1 / (1 + E)`` and ``1 - sigma = E / (1 + E)``, neither of which
    overflows.
    """
    xc = np.clip(x, _GELU_TANH_LOW, _GELU_TANH_HIGH)
    sq = xc * xc
    slope = _KA3 * sq
    slope += _K
    sq *= _KA
    sq += _K
    sq *= -xc
    e = np.exp(sq, out=sq)
    d = 1.0 + e
    e /= d
    e *= slope
    e *= xc
    e += 1.0
    return np.divide(e, d, out=e)


def _gelu_tanh_derivative64(x: F64) -> F64:
    return _patched(
        _gelu_tanh_derivative_plain(x), x, x < _GELU_TANH_LOW, _gelu_tanh_derivative_exact
    )


@in_blocks
def gelu_tanh_derivative(x: ArrayLike) -> FloatArray | np.floating:
    r"""Derivative of :func:`gelu_tanh`.

    .. math::

        \frac{d}{dx}\,x\,\sigma(v) = \sigma(v) + x\,\sigma(v)\bigl(1-\sigma(v)\bigr)v',
        \qquad v = 2\sqrt{2/\pi}\,(x + 0.044715\,x^3),\;
        v' = 2\sqrt{2/\pi}\,(1 + 0.134145\,x^2).

    Parameters
    ----------
    x : array_like
        Input.

    Returns
    -------
    ndarray or NumPy scalar
        The derivative; ``1.0`` at ``+inf``, ``-0.0`` at ``-inf``.

    Numerics
    --------
    Evaluated as ``(1 + x v' E / (1 + E)) / (1 + E)`` with ``E = exp(-v)``
    and ``v`` rounded once to float64: ``E / (1 + E) = 1 - sigma(v)`` and
    ``1 / (1 + E)`` never overflow (``v`` is clipped at the value for
    ``x = -21``, whose few elements take the exact path with power-of-two
    scaling, so tiny results do not underflow early). The rounding of ``v``
    moves the result by well under an ULP for ``x >= -1/4``; measured against
    mpmath, at most 2.0 ULP for ``x >= -1`` away from the root (the
    requirement is 8 ULP). Further left only a small relative accuracy remains
    (about ``|v| 2**-52``, hundreds of ULP near ``x = -20``; no bar applies
    there), but sign and magnitude are right.

    References
    ----------
    D. Hendrycks and K. Gimpel, "Gaussian Error Linear Units (GELUs)", 2016,
    arXiv:1606.08415.

    Examples
    --------
    >>> from activations import gelu_tanh_derivative
    >>> print(" ".join(f"{v:.6f}" for v in gelu_tanh_derivative([-2.0, 0.0, 1.0])))
    -0.086099 0.500000 1.082964
    """
    return elementwise(prepare(x, "gelu_tanh_derivative"), _gelu_tanh_derivative64, 1.0, -0.0)


# --------------------------------------------------------------------------- SiLU


def _silu_exponent(x: F64, beta: float) -> tuple[F64, F64]:
    """``t = beta * x`` and its rounding error (zero when ``beta == 1``)."""
    if beta == 1.0:
        return x, np.zeros_like(x)
    # beta * x above the float64 range rounds to +-inf, which is its correct
    # rounding; the gate is then exactly 0 or 1 and the error term is unused.
    with np.errstate(over="ignore"):
        t = beta * x
    t_lo = np.zeros_like(x)
    moderate = np.abs(t) < -EXP_FLOOR
    t_lo[moderate] = two_product_wide(beta, x[moderate])[1]
    return t, t_lo


#: The plain float64 kernels below clip their exponent here: ``exp(-x)`` stays
#: finite and ``exp(x)`` normal, so nothing overflows and the gate keeps its
#: digits. Elements beyond it are rare and are handed to the exact kernels.
_PLAIN_FLOOR = -700.0
#: The derivatives square ``1 + exp(-x)``, which must stay finite.
_PLAIN_DERIVATIVE_FLOOR = -350.0


def _patched(fast: F64, x: F64, rare: NDArray[np.bool_], exact: Callable[[F64], F64]) -> F64:
    """``fast`` with the elements where ``rare`` holds replaced by ``exact`` of them."""
    if rare.any():
        fast[rare] = exact(x[rare])
    return fast


def _exp_minus(t: F64, floor: float) -> F64:
    """``exp(-max(t, floor))``, finite for the floors above."""
    e = np.maximum(t, floor)
    np.negative(e, out=e)
    return np.exp(e, out=e)


def _silu_plain(x: F64, t: F64) -> F64:
    """``x / (1 + exp(-t))`` in plain float64; ``t = beta x`` must be exact.

    Within about 2 ULP for ``t >= -700``: for ``t < 0`` the denominator is
    large but finite (``exp(700) = 1e304``), and every step multiplies or
    divides positive numbers, so the rounding errors (``exp`` within 0.63 ULP
    and three roundings) add up but never cancel. Wrong (but silent) below
    -700, where :func:`_silu64` patches the result.
    """
    d = _exp_minus(t, _PLAIN_FLOOR)
    d += 1.0
    return np.divide(x, d, out=d)


def _silu_derivative_plain(t: F64) -> F64:
    """``(1 + E (1 + t)) / (1 + E)**2`` with ``E = exp(-t)``, for ``t >= -350``.

    ``sigma(t) = 1 / (1 + E)`` and ``sigma(t) (1 - sigma(t)) = E / (1 + E)**2``
    put ``silu' = sigma (1 + t (1 - sigma))`` over one denominator. ``1 + t``
    is exact on ``[-2, -1/2]``, so the only cancellation left is the genuine one
    at the root ``t = -1.2785``.
    """
    # Above 700 the value is 1 and exp(-t) (1 + t) would turn inf * 0 into NaN.
    tc = np.clip(t, _PLAIN_DERIVATIVE_FLOOR, -_PLAIN_FLOOR)
    e = np.negative(tc)
    np.exp(e, out=e)
    tc += 1.0
    tc *= e
    tc += 1.0
    e += 1.0
    e *= e
    return np.divide(tc, e, out=tc)


def _power_of_two(beta: float) -> bool:
    """Whether ``beta x`` is exact for every ``x`` (barring over- and underflow)."""
    return bool(np.frexp(beta)[0] in (0.5, -0.5))


def _scaled(x: F64, beta: float) -> F64:
    # beta * x beyond the float64 range rounds to +-inf, its correct rounding:
    # the gate is then exactly 0 or 1 (the -inf side goes to the exact kernel).
    with np.errstate(over="ignore"):
        return x * beta if beta != 1.0 else x


def _silu64(x: F64, beta: float) -> F64:
    if not _power_of_two(beta):
        return _silu_exact(x, beta)
    t = _scaled(x, beta)
    return _patched(_silu_plain(x, t), x, t < _PLAIN_FLOOR, lambda v: _silu_exact(v, beta))


def _silu_exact(x: F64, beta: float = 1.0) -> F64:
    t, t_lo = _silu_exponent(x, beta)
    return _times_sigmoid(x, t, t_lo)


def _silu_derivative64(x: F64, beta: float) -> F64:
    if not _power_of_two(beta):
        return _silu_derivative_exact(x, beta)
    t = _scaled(x, beta)
    return _patched(
        _silu_derivative_plain(t),
        x,
        t < _PLAIN_DERIVATIVE_FLOOR,
        lambda v: _silu_derivative_exact(v, beta),
    )


def _silu_derivative_exact(x: F64, beta: float = 1.0) -> F64:
    t, t_lo = _silu_exponent(x, beta)
    out = np.empty_like(x)
    up = t >= 0.0
    # t = +inf (beta * x overflowed) is capped: exp(-1e300) is already 0.
    tu = np.minimum(t[up], 1e300)
    e = np.exp(-tu)
    out[up] = (1.0 + e * (1.0 + tu)) / ((1.0 + e) * (1.0 + e))
    down = ~up
    td = np.maximum(t[down], EXP_FLOOR)
    e = np.exp(td)
    out[down] = mul_exp(
        ((1.0 + td) + e) / ((1.0 + e) * (1.0 + e)),
        td,
        np.where(t[down] < EXP_FLOOR, 0.0, t_lo[down]),
    )
    return out


def _silu_limits(beta: float, derivative: bool) -> tuple[float, float]:
    if beta == 0.0:
        return (0.5, 0.5) if derivative else (np.inf, -np.inf)
    if derivative:
        return (1.0, -0.0) if beta > 0 else (-0.0, 1.0)
    return (np.inf, -0.0) if beta > 0 else (0.0, -np.inf)


@in_blocks
def silu(x: ArrayLike, *, beta: float = 1.0) -> FloatArray | np.floating:
    r"""Sigmoid linear unit (SiLU), also called swish.

    .. math::

        \operatorname{SiLU}_\beta(x) = x\,\sigma(\beta x) = \frac{x}{1 + e^{-\beta x}}.

    Parameters
    ----------
    x : array_like
        Input.
    beta : float, keyword-only
        Finite real slope of the gate, default ``1.0`` (SiLU). ``beta = 0``
        gives ``x / 2``; as ``beta -> inf`` the function tends to ReLU.
        PyTorch's ``torch.nn.functional.silu``, ``jax.nn.silu`` (alias
        ``jax.nn.swish``) and Keras' ``silu`` have no ``beta``
        (they fix 1); ``tf.nn.silu(features, beta=1.0)`` has one.

    Returns
    -------
    ndarray or NumPy scalar
        ``silu(x)``. Limits for ``beta > 0``: ``silu(inf) = inf``,
        ``silu(-inf) = -0.0`` (PyTorch and JAX give NaN there, from
        ``-inf * 0``).

    Numerics
    --------
    When ``beta`` is a power of two (1 included), ``t = beta x`` is exact and
    the textbook ``x / (1 + exp(-t))`` is within about 2 ULP in plain float64
    for ``t >= -700``: ``exp(-t)`` stays finite and every step multiplies or
    divides positive numbers, so nothing cancels. Below -700 (and for every
    other ``beta``) ``x sigmoid(t)`` is evaluated as ``x / (1 + e**t) * e**t``
    with the last factor applied by a power-of-two scaling, so that, e.g.,
    ``silu(-745.0)`` (about ``-2.1e-321``, subnormal) is not flushed to zero,
    and the rounding error of ``beta x`` is carried along (the gate's relative
    error is ``|t|`` times that of ``t``). Measured against mpmath: at most
    2.2 ULP for ``beta = 1`` (2.13 ULP at ``x = -36.893`` on 200 000 seeded
    random points of ``scripts/ulp_table.py --dense``, the same on an
    independent 279 000-point grid) and 2.2 ULP for ``beta = 1.702`` on the
    reference grid of the test suite; the requirement is 4 ULP.

    References
    ----------
    S. Elfwing, E. Uchibe and K. Doya, "Sigmoid-Weighted Linear Units for Neural
    Network Function Approximation in Reinforcement Learning", 2017,
    arXiv:1702.03118. P. Ramachandran, B. Zoph and Q. V. Le, "Searching for
    Activation Functions", 2017, arXiv:1710.05941. D. Hendrycks and K. Gimpel,
    2016, arXiv:1606.08415 (where the name "SiLU" first appears).

    Examples
    --------
    >>> from activations import silu
    >>> print(" ".join(f"{v:.6f}" for v in silu([-2.0, 0.0, 1.0])))
    -0.238406 0.000000 0.731059
    >>> print(f"{silu(1.0, beta=2.0):.6f}")
    0.880797
    >>> print(silu(-745.0) != 0, silu(float("-inf")))
    True -0.0
    """
    b = real_parameter(beta, "silu", "beta")
    return elementwise(
        prepare(x, "silu"), lambda v: _silu64(v, b), *_silu_limits(b, derivative=False)
    )


@in_blocks
def silu_derivative(x: ArrayLike, *, beta: float = 1.0) -> FloatArray | np.floating:
    r"""Derivative of :func:`silu` with respect to ``x``.

    .. math::

        \frac{d}{dx}\,x\,\sigma(\beta x) = \sigma(t)\bigl(1 + t\,(1 - \sigma(t))\bigr),
        \qquad t = \beta x.

    Parameters
    ----------
    x : array_like
        Input.
    beta : float, keyword-only
        Finite real gate slope, default ``1.0``.

    Returns
    -------
    ndarray or NumPy scalar
        The derivative. For ``beta = 1`` it vanishes at ``x = -1.2785`` (the
        minimum of SiLU) and, since ``silu'(x) + silu'(-x) = 1``, exceeds 1
        for ``x > 1.2785``, peaking at ``1.0998`` at ``x = 2.3994``; it is
        ``1.0`` at ``+inf`` and ``-0.0`` at ``-inf``.

    Numerics
    --------
    Over a common denominator: ``(1 + E (1 + t)) / (1 + E)**2`` with
    ``E = exp(-t)``, in plain float64 when ``beta`` is a power of two and
    ``t >= -350`` (``1 + t`` is exact on ``[-2, -1/2]``, so nothing cancels
    except near the root). Otherwise ``(1 + e (1 + t)) / (1 + e)**2`` with
    ``e = exp(-t)`` for ``t >= 0`` and ``e**t (1 + t + e**t) / (1 + e**t)**2``
    for ``t < 0``, the factor ``e**t`` applied with the scaling of
    :func:`silu`. Measured against mpmath more than 0.5 away from the root
    (and for ``|x| < 700``): at most 4.5 ULP for ``beta = 1`` (4.39 ULP at
    ``x = -0.021094`` on 200 000 seeded random points of
    ``scripts/ulp_table.py --dense``, 4.50 ULP on an independent
    279 000-point grid) and 4.7 ULP for ``beta = 1.702`` (on 4 500 random
    points; 3.3 ULP on the reference grid of the test suite); the requirement
    is 8 ULP.

    References
    ----------
    S. Elfwing, E. Uchibe and K. Doya, 2017, arXiv:1702.03118.

    Examples
    --------
    >>> from activations import silu_derivative
    >>> print(" ".join(f"{v:.6f}" for v in silu_derivative([-2.0, 0.0, 1.0])))
    -0.090784 0.500000 0.927671
    """
    b = real_parameter(beta, "silu_derivative", "beta")
    return elementwise(
        prepare(x, "silu_derivative"),
        lambda v: _silu_derivative64(v, b),
        *_silu_limits(b, derivative=True),
    )


# --------------------------------------------------------------------------- Mish


def _mish_exact(x: F64) -> F64:
    out = np.empty_like(x)
    down = (x <= 0.0) & (x >= EXP_FLOOR)
    xd = x[down]
    e = np.exp(xd)
    # tanh(softplus(x)) = e (e + 2) / (e (e + 2) + 2) with e = exp(x); e applied last.
    out[down] = mul_exp(xd * (e + 2.0) / (e * (e + 2.0) + 2.0), xd)
    out[x < EXP_FLOOR] = -0.0
    up = x > 0.0
    xu = x[up]
    f = np.exp(-xu)
    # the same in f = exp(-x): (1 + 2f) / (1 + 2f + 2f^2).
    out[up] = xu * (1.0 + 2.0 * f) / (1.0 + 2.0 * f * (1.0 + f))
    return out


#: Above this ``tanh(softplus(x))`` is 1 in float64 and Mish' is 1 to 1e-24.
_MISH_HIGH = 30.0


def _mish_plain(x: F64) -> F64:
    """``a - a b``: Mish as its leading term minus a correction, for finite ``-700 <= x <= 30``.

    With ``e = exp(x)``, ``u = 1 + e`` and ``D = 1 + u**2 = e (e + 2) + 2``, the
    gate ``tanh(softplus(x)) = e (e + 2) / D`` is ``e (1 - e u / D)`` and
    ``1 - 2 / D``. So ``a = x e`` and ``b = e u / D`` for ``x <= 0``, ``a = x``
    and ``b = 2 / D`` for ``x > 0``: ``b <= 2/5``, so the rounding errors of
    ``b`` reach the result scaled down by ``b / (1 - b) <= 2/3`` (by far more
    away from 0), and the result rounds once more after ``a``. The direct
    ``x (e + 2) / D * e`` rounds five times at full weight (4.2 ULP at
    -16.74). ``x`` is clipped to ``[-700, 30]`` (``e`` normal, ``e**2``
    finite), the rest patched; ``copysign`` keeps ``mish(-0.0) = -0.0``.
    """
    xc = np.clip(x, _PLAIN_FLOOR, _MISH_HIGH)
    e = np.exp(xc)
    u = e + 1.0
    d = u * u
    d += 1.0
    # e u <= 2 and e <= 1 exactly when x <= 0: minima pick the branch.
    b = np.multiply(e, u, out=u)
    np.minimum(b, 2.0, out=b)
    b /= d
    a = np.minimum(e, 1.0, out=e)
    a *= xc
    b *= a
    a -= b
    return np.copysign(a, x, out=a)


def _mish_rare(x: F64) -> NDArray[np.bool_]:
    # From 30 on the exact kernel returns x and 1 exactly, where the clipped plain
    # one can be an ULP off; neither range occurs in ordinary data, so two
    # reductions usually clear the whole block.
    if x.size and _PLAIN_FLOOR <= x.min() and x.max() < _MISH_HIGH:
        return np.zeros(0, dtype=bool)
    return (x < _PLAIN_FLOOR) | (x >= _MISH_HIGH)


def _mish64(x: F64) -> F64:
    return _patched(_mish_plain(x), x, _mish_rare(x), _mish_exact)


@in_blocks
def mish(x: ArrayLike) -> FloatArray | np.floating:
    r"""Mish: ``x * tanh(softplus(x))``.

    .. math::

        \operatorname{Mish}(x) = x \tanh\bigl(\ln(1 + e^x)\bigr)
        = x\,\frac{e^x (e^x + 2)}{e^x (e^x + 2) + 2}.

    Parameters
    ----------
    x : array_like
        Input.

    Returns
    -------
    ndarray or NumPy scalar
        ``mish(x)``; ``mish(inf) = inf``, ``mish(-inf) = -0.0`` (PyTorch gives
        NaN there).

    Numerics
    --------
    ``tanh(softplus(x))`` is a rational function of ``e = e**x``:
    ``e (e + 2) / D`` with ``D = e (e + 2) + 2 = 1 + (1 + e)**2``. Evaluated
    directly, ``x (e + 2) / D * e`` rounds five times at full weight (4.2 ULP
    at ``x = -16.743``). So for ``-700 <= x < 30`` the plain float64 kernel
    writes the gate as ``e (1 - b)`` with ``b = e (1 + e) / D`` for ``x <= 0``
    and as ``1 - b`` with ``b = 2 / D`` for ``x > 0`` and returns
    ``a - a b`` (``a = x e`` or ``x``): ``b <= 2/5``, so its rounding errors
    reach the result damped, nothing overflows, and no ``log``/``tanh``
    rounding enters. The rare other elements take an exact kernel: for
    ``x >= 30`` the same function in ``e**-x`` (which gives ``x`` exactly),
    and below -700, where the gate is about ``e**x``, the product ``x e**x``
    formed with the power-of-two scaling of :func:`silu` (``mish(-745.0)`` is
    a nonzero subnormal). Measured against mpmath: at most 2.5 ULP (2.42 ULP
    at ``x = 0.049852`` on 200 000 seeded random points of
    ``scripts/ulp_table.py --dense``, where the direct formula reached
    3.86 ULP; 0.21 ULP at ``x = -16.743``); the requirement is 4 ULP.

    References
    ----------
    D. Misra, "Mish: A Self Regularized Non-Monotonic Activation Function",
    2019, arXiv:1908.08681.

    Examples
    --------
    >>> from activations import mish
    >>> print(" ".join(f"{v:.6f}" for v in mish([-2.0, 0.0, 1.0])))
    -0.252501 0.000000 0.865098
    """
    return elementwise(prepare(x, "mish"), _mish64, np.inf, -0.0)


def _mish_derivative_exact(x: F64) -> F64:
    out = np.empty_like(x)
    down = x <= 0.0
    xd = np.maximum(x[down], EXP_FLOOR)
    e = np.exp(xd)
    n2 = 2.0 + e * (e + 2.0)
    # e [(e + 2)(n + 2) + 4x(1 + e)] / (n + 2)^2 expanded in powers of e, so the
    # only cancellation left is the genuine one at the root x = -1.1924.
    bracket = 4.0 * (1.0 + xd) + e * ((6.0 + 4.0 * xd) + e * (4.0 + e))
    out[down] = mul_exp(bracket / (n2 * n2), xd)
    up = ~down
    xu = x[up]
    f = np.exp(-xu)
    d = 1.0 + 2.0 * f * (1.0 + f)
    out[up] = ((1.0 + 2.0 * f) * d + 4.0 * ((xu * f) * f) * (1.0 + f)) / (d * d)
    return out


def _mish_derivative_plain(x: F64) -> F64:
    """``e (4 (1 + x) + e (6 + 4x + e (4 + e))) / (2 + e (e + 2))**2``, ``e = exp(x)``.

    For finite ``x >= -700``, with ``x`` clipped to ``[-700, 30]`` (at 30 the
    value is 1; below -700 the exact kernel takes over). ``1 + x`` and
    ``6 + 4x`` are exact near the root -1.1924, so only the genuine
    cancellation there remains; for ``x > 0`` every term is positive.
    """
    xc = np.clip(x, _PLAIN_FLOOR, _MISH_HIGH)
    e = np.exp(xc)
    inner = e + 4.0
    inner *= e
    t = 4.0 * xc
    t += 6.0
    inner += t
    inner *= e
    xc += 1.0
    xc *= 4.0
    inner += xc
    inner *= e
    d = e + 2.0
    d *= e
    d += 2.0
    d *= d
    inner /= d
    return inner


def _mish_derivative64(x: F64) -> F64:
    return _patched(_mish_derivative_plain(x), x, _mish_rare(x), _mish_derivative_exact)


@in_blocks
def mish_derivative(x: ArrayLike) -> FloatArray | np.floating:
    r"""Derivative of :func:`mish`.

    .. math::

        \operatorname{Mish}'(x) = \tanh(\operatorname{sp}(x))
        + x\,\sigma(x)\,\operatorname{sech}^2(\operatorname{sp}(x)),
        \qquad \operatorname{sp}(x) = \ln(1 + e^x).

    Parameters
    ----------
    x : array_like
        Input.

    Returns
    -------
    ndarray or NumPy scalar
        The derivative; ``1.0`` at ``+inf``, ``-0.0`` at ``-inf``; zero at
        ``x = -1.1924`` (the minimum of Mish).

    Numerics
    --------
    With ``e = exp(x)`` and ``n = e (e + 2)`` the derivative is
    ``e (4 (1 + x) + e (6 + 4x + e (4 + e))) / (n + 2)**2``, in plain float64
    for ``-700 <= x < 30`` (``1 + x`` and ``6 + 4x`` are exact near the root,
    and for ``x > 0`` every term is positive). The rare other elements take an
    exact kernel: the analogous rational function of ``exp(-x)`` from 30 on
    (which gives 1 exactly), and below -700 the same form with the factor
    ``e`` applied by power-of-two scaling. Measured against mpmath more than
    0.5 away from the root (and for ``|x| < 700``): at most 5.8 ULP (5.15 ULP
    at ``x = -0.59803`` on 200 000 seeded random points of
    ``scripts/ulp_table.py --dense``, 5.71 ULP on an independent
    279 000-point grid); the requirement is 8 ULP.

    References
    ----------
    D. Misra, 2019, arXiv:1908.08681.

    Examples
    --------
    >>> from activations import mish_derivative
    >>> print(" ".join(f"{v:.6f}" for v in mish_derivative([-2.0, 0.0, 1.0])))
    -0.108355 0.600000 1.049036
    """
    return elementwise(prepare(x, "mish_derivative"), _mish_derivative64, 1.0, -0.0)
