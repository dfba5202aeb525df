"""Self-gated activations: GELU, its tanh approximation, SiLU (swish) and Mish.

Each of them multiplies its input by a smooth gate in ``[0, 1]`` (or close to
it), so all four look like ReLU far from zero and dip slightly below zero for
negative inputs. Their textbook formulas lose accuracy where the gate is tiny:
``x * sigmoid(x)`` for ``x = -745`` is a subnormal number that the naive
product flushes to zero, and ``0.5 * x * (1 + tanh(u))`` cancels for negative
``x``. The implementations below therefore evaluate every gate as
``x * exp(t)`` times a harmless factor, with ``t`` carried to twice the working
precision when its rounding would matter, and with the exponential scaled by a
power of two so that subnormal results keep all the digits they can hold.

The error-free sums and products and the scaled exponential come from
:mod:`activations._extended`; the gate ``_times_sigmoid`` and the float64
kernels ``_silu64`` / ``_silu_derivative64`` are shared with
:mod:`activations.glu`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from activations import _normal_tail
from activations._elementwise import elementwise
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
_INV_SQRT2 = 0.7071067811865476
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

    ``c`` is ``x`` clipped to ``[-39, 40]``: below -39 gelu and its derivative
    round to -0.0 and above 40 ``Phi`` rounds to 1, so nothing changes, and
    ``x**2`` cannot overflow. ``g = erfcx(|c| / sqrt 2)`` comes from the
    table of :mod:`activations._normal_tail`, ``m 2**-k = exp(-c**2 / 2)``
    from the exact double-double exponent. Every element takes the same
    path: no masks, no gathers.
    """
    c = np.clip(x, _normal_tail.LOWEST, 40.0)
    m, k = exp_split(*_half_x_sq(c))
    return c, _normal_tail.g(-np.abs(c)), m, -k


def _times_power_of_two(v: F64, minus_k: NDArray[np.int64]) -> F64:
    """``v * 2**minus_k``; most blocks have no element below -37.4 and skip the ldexp."""
    return np.ldexp(v, minus_k) if minus_k.any() else v


def _gelu64(x: F64) -> F64:
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
    So with ``Phi(-|x|) = g e**(-x**2 / 2) / 2``, ``g = erfcx(|x| / sqrt 2)``
    taken from a table of polynomials in ``x`` (:mod:`activations._normal_tail`,
    within about 1 ULP, vectorised) and the exponent formed exactly as a
    double-double from ``x`` itself, the result is ``x Phi(x)`` for ``x < 0``
    and ``x - x Phi(-x)`` for ``x >= 0`` (``Phi(-x) <= 1/2``, no cancellation).
    The exponential is scaled by a power of two applied last, so results down
    to ``gelu(-38.5) = -5.4e-323`` are not flushed to zero.

    Measured against 50-digit mpmath on 19 000 points of ``[-38.5, 45]``: at
    most 2.8 ULP (the requirement is 4 ULP).

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


def _gelu_derivative64(x: F64) -> F64:
    c, g, m, minus_k = _normal_parts(x)
    # x < 0: Phi(x) + x phi(x) = phi(x) (x + Phi(x) / phi(x)), Phi / phi = sqrt(pi/2) g,
    # so neither the cancellation against x phi(x) nor an early underflow of Phi occurs.
    negative = _times_power_of_two(_INV_SQRT_2PI * (c + _SQRT_PI_OVER_2 * g) * m, minus_k)
    # x >= 0: 1 - Phi(-x) + x phi(x) = 1 + phi(x) (x - sqrt(pi/2) g), a correction to 1.
    positive = 1.0 + _times_power_of_two((_INV_SQRT_2PI * c - 0.5 * g) * m, minus_k)
    return np.where(x < 0.0, negative, positive)


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
    For ``x < 0`` the sum is rewritten as
    ``phi(x) * (x + sqrt(pi/2) * erfcx(-x / sqrt 2))`` so both the
    cancellation of ``Phi(x)`` against ``x phi(x)`` and the underflow of
    ``Phi`` are avoided; ``erfcx`` comes from the table of :func:`gelu` and
    ``phi`` uses the exact double-double exponent ``-x**2/2`` and the scaled
    exponential. For ``x >= 0`` it is ``1 + phi(x) (x - sqrt(pi/2) erfcx(x / sqrt 2))``.
    Measured against 50-digit mpmath on ``[-38.5, 45]`` away from the root:
    at most 3.5 ULP (the requirement is 8 ULP).

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


def _gelu_tanh64(x: F64) -> F64:
    out = np.empty_like(x)
    mid = np.abs(x) <= _GELU_TANH_CUTOFF
    xm = x[mid]
    t, t_lo = _gelu_tanh_exponent(xm)
    out[mid] = _times_sigmoid(xm, t, t_lo)
    out[x > _GELU_TANH_CUTOFF] = x[x > _GELU_TANH_CUTOFF]
    out[x < -_GELU_TANH_CUTOFF] = -0.0
    return out


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
    evaluated without cancellation. The exponent ``2u`` is computed as a
    double-double because the relative error of the gate is about ``|2u|``
    times the error of ``2u``; with this the result stays accurate (and
    nonzero) until the true value underflows, near ``x = -21.55``.

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


def _gelu_tanh_derivative64(x: F64) -> F64:
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
    Written over a common denominator with the gate's exponential factored out
    (``e**v (1 + e**v + x v') / (1 + e**v)**2`` for ``v < 0``), so it neither
    cancels nor underflows early; see :func:`gelu_tanh`.

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


def _silu64(x: F64, beta: float) -> F64:
    t, t_lo = _silu_exponent(x, beta)
    return _times_sigmoid(x, t, t_lo)


def _silu_derivative64(x: F64, beta: float) -> F64:
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
    For ``beta x < 0`` the product ``x sigmoid(beta x)`` is evaluated as
    ``x / (1 + e**t) * e**t`` with ``t = beta x``; the last factor is applied
    with a power-of-two scaling so that, e.g., ``silu(-745.0)`` (about
    ``-2.1e-321``, subnormal) is not flushed to zero, and for ``beta != 1`` the
    rounding error of ``beta x`` is carried along (the gate's relative error is
    ``|t|`` times that of ``t``). Within 4 ULP of the true value.

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
    Over a common denominator: ``(1 + e (1 + t)) / (1 + e)**2`` with
    ``e = exp(-t)`` for ``t >= 0`` and ``e**t (1 + t + e**t) / (1 + e**t)**2``
    for ``t < 0``, the factor ``e**t`` applied with the scaling of
    :func:`silu`; no term cancels except near the root.

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


def _mish64(x: F64) -> F64:
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
    ``tanh(softplus(x))`` is a rational function of ``e**x``, used in the form
    above for ``x <= 0`` and in ``e**-x`` for ``x > 0``, so nothing overflows,
    nothing cancels and no ``log``/``tanh`` rounding enters. For very negative
    ``x`` the gate is about ``e**x`` and the product ``x e**x`` is formed with
    the power-of-two scaling of :func:`silu` (``mish(-745.0)`` is a nonzero
    subnormal). Within 4 ULP.

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


def _mish_derivative64(x: F64) -> F64:
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
    ``e (4 (1 + x) + e (6 + 4x + e (4 + e))) / (n + 2)**2`` for ``x <= 0``
    (the factor ``e`` applied with power-of-two scaling), and the analogous
    rational function of ``exp(-x)`` for ``x > 0``.

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
