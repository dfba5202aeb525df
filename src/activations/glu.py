"""Gated linear units: GLU and SwiGLU, with vector-Jacobian products and Jacobians.

The input is split into two halves ``a`` (first) and ``b`` (second) along
``axis``, as in ``torch.nn.functional.glu(x, dim=-1)``; the output has half the
size along that axis. GLU gates the linear half ``a`` with ``sigmoid(b)``;
SwiGLU gates ``b`` with ``silu(a)``. In a transformer feed-forward block the
two halves are two separate projections of the same input
(``silu(x W) * (x V)``); here they are simply the two halves of one array, and
the projections are left to the caller.

The gates use the plain float64 kernels of :mod:`activations.gated` on blocks
of about 8192 elements (rows of the split along the last axis); a block with
a non-finite value or a gate argument below the plain kernels' floor (where
``exp`` would leave the normal range) takes the exact kernels
``_glu_parts`` / ``_swiglu_parts`` instead.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from numpy.typing import ArrayLike

from activations._elementwise import BLOCK, in_row_blocks
from activations._extended import EXP_FLOOR, F64, exp_split, mul_exp
from activations._inputs import FloatArray, Prepared, axis_index, prepare
from activations.gated import (
    _PLAIN_DERIVATIVE_FLOOR,
    _PLAIN_FLOOR,
    _exp_minus,
    _silu64,
    _silu_derivative64,
    _silu_derivative_plain,
    _silu_plain,
    _times_sigmoid,
)


def _halves(p: Prepared, axis: object, func: str) -> tuple[F64, F64, int]:
    """Split ``p.values`` into its two halves along ``axis`` (validated)."""
    ax = axis_index(axis, p.values.ndim, func)
    size = p.values.shape[ax]
    if size % 2:
        raise ValueError(
            f"{func}(): x must have an even size along axis {ax} to be split into two "
            f"halves, got size {size}"
        )
    a, b = np.split(p.values, 2, axis=ax)
    return a, b, ax


def _glu_parts(a: F64, b: F64) -> tuple[F64, F64, F64]:
    """``glu = a sigmoid(b)``, ``d/da = sigmoid(b)`` and ``d/db = a sigmoid'(b)``."""
    y, db = np.empty_like(a), np.empty_like(a)
    da = np.where(b > 0.0, 1.0, 0.0)
    da[np.isnan(b)] = np.nan
    fb = np.isfinite(b)
    da[fb] = _times_sigmoid(np.ones_like(b[fb]), b[fb])
    ok = np.isfinite(a) & fb
    af, bf = a[ok], b[ok]
    y[ok] = _times_sigmoid(af, bf)
    # sigmoid'(b) = e / (1 + e)**2 with e = exp(-|b|); e applied with scaling.
    e = np.exp(-np.abs(bf))
    db[ok] = mul_exp(af / ((1.0 + e) * (1.0 + e)), -np.abs(bf))
    bad = ~ok
    an, bn = a[bad], b[bad]
    # Limits: sigmoid(+-inf) is 1 or 0 and sigmoid' is 0 there; an infinite a
    # with a finite b keeps its infinity (the gate is positive). inf * 0
    # (a = inf, b = -inf) has no limit and is NaN, produced silently.
    nan_b = np.isnan(bn)
    gate = np.where(nan_b, np.nan, np.where(bn == -np.inf, 0.0, 1.0))
    slope = np.where(nan_b, np.nan, np.where(np.isfinite(bn), 1.0, 0.0))
    with np.errstate(invalid="ignore"):
        y[bad] = an * gate
        db[bad] = an * slope
    return y, da, db


def _product_times_sigmoid(a: F64, b: F64) -> F64:
    """``a * b * sigmoid(a)`` for finite ``a`` and ``b``, with one final scaling.

    ``silu(a) * b`` would round ``silu(a)`` first, to a subnormal or to zero
    when the gate is tiny, even where the product with a large ``b`` is an
    ordinary number; and ``(a * b) * sigmoid(a)`` could overflow in ``a * b``.
    So the mantissas of ``a`` and ``b`` are multiplied, the gate's exponential
    is kept as ``m * 2**-k`` (see ``exp_split``), and all powers of two are
    applied at the end by one :func:`numpy.ldexp`.
    """
    ma, ea = np.frexp(a)
    mb, eb = np.frexp(b)
    mant = ma * mb
    scale = ea + eb
    out = np.empty_like(a)
    up = a >= 0.0
    out[up] = mant[up] / (1.0 + np.exp(-a[up]))
    down = ~up
    ad = a[down]
    m, k = exp_split(ad)
    out[down] = mant[down] * m / (1.0 + np.exp(ad))
    scale[down] -= k
    # A result beyond 1.8e308 rounds to +-inf, its correctly rounded value.
    with np.errstate(over="ignore"):
        out = np.ldexp(out, scale)
    # exp_split clamps its argument at -2000; there |a| e**a |b| < 1e-557 is
    # far below the smallest subnormal, so the true value rounds to zero.
    deep = a < EXP_FLOOR
    out[deep] = np.copysign(0.0, -b[deep])
    return out


def _swiglu_parts(a: F64, b: F64) -> tuple[F64, F64, F64]:
    """``swiglu = silu(a) b``, ``d/da = b silu'(a)`` and ``d/db = silu(a)``."""
    y, da, db = np.empty_like(a), np.empty_like(a), np.empty_like(a)
    ok = np.isfinite(a) & np.isfinite(b)
    af, bf = a[ok], b[ok]
    s = _silu64(af, 1.0)
    y[ok] = _product_times_sigmoid(af, bf)
    # b silu'(a) beyond 1.8e308 rounds to +-inf, its correctly rounded value.
    with np.errstate(over="ignore"):
        da[ok] = bf * _silu_derivative64(af, 1.0)
    db[ok] = s
    bad = ~ok
    an, bn = a[bad], b[bad]
    silu_lim = np.where(an == np.inf, np.inf, np.where(an == -np.inf, -0.0, np.nan))
    fin_a = np.isfinite(an)
    silu_lim[fin_a] = _silu64(an[fin_a], 1.0)
    dsilu = np.where(an == np.inf, 1.0, np.where(an == -np.inf, -0.0, np.nan))
    dsilu[fin_a] = _silu_derivative64(an[fin_a], 1.0)
    with np.errstate(invalid="ignore", over="ignore"):
        yb = silu_lim * bn
        da[bad] = bn * dsilu
    # silu(a) of a finite nonzero a is nonzero even where it underflows, so an
    # infinite b gives an infinity of the sign of a * b, not 0 * inf = NaN.
    grow = fin_a & (an != 0.0) & np.isinf(bn)
    yb[grow] = np.sign(an[grow]) * bn[grow]
    y[bad] = yb
    db[bad] = silu_lim
    return y, da, db


_PARTS = {"glu": _glu_parts, "swiglu": _swiglu_parts}

#: Lowest gate argument of the plain kernels (see :mod:`activations.gated`):
#: ``exp(-t)`` stays finite, and its square too for the derivatives.
_FLOOR = {"f": _PLAIN_FLOOR, "d": _PLAIN_DERIVATIVE_FLOOR}


def _plain_ok(block: F64, gate: F64, kind: str) -> bool:
    """Whether the plain kernels apply: every value finite, every gate argument above the floor.

    Blocks with an infinity, a NaN or a gate argument below the floor (its
    exponential would be subnormal, or overflow once inverted) take the exact
    kernels ``_glu_parts`` / ``_swiglu_parts``; ordinary data never does.
    """
    return gate.size > 0 and bool(np.isfinite(block).all()) and gate.min() >= _FLOOR[kind]


def _forward_block(block: F64, a: F64, b: F64, kind: str) -> F64:
    """The forward value of one block: ``a sigmoid(b)`` or ``silu(a) b``."""
    if kind == "glu":
        if not _plain_ok(block, b, "f"):
            return _glu_parts(a, b)[0]
        d = _exp_minus(b, _PLAIN_FLOOR)
        d += 1.0
        return np.divide(a, d, out=d)
    if not _plain_ok(block, a, "f"):
        return _swiglu_parts(a, b)[0]
    s = _silu_plain(a, a)
    # silu(a) b beyond 1.8e308 rounds to +-inf, its correctly rounded value.
    with np.errstate(over="ignore"):
        return np.multiply(s, b, out=s)


def _derivative_block(block: F64, a: F64, b: F64, kind: str) -> tuple[F64, F64]:
    """``d/da`` and ``d/db`` of one block, elementwise."""
    if kind == "glu":
        if not _plain_ok(block, b, "d"):
            return _glu_parts(a, b)[1:]
        # sigmoid(b) = 1 / (1 + E), sigmoid'(b) = E / (1 + E)**2 with E = exp(-b).
        # a E / (1 + E)**2 is formed as a ((E / d) / d): the factors are at
        # most 1, so no intermediate overflows for a large a.
        e = _exp_minus(b, _PLAIN_DERIVATIVE_FLOOR)
        d = 1.0 + e
        da = np.divide(1.0, d)
        e /= d
        e /= d
        return da, np.multiply(e, a, out=e)
    if not _plain_ok(block, a, "d"):
        return _swiglu_parts(a, b)[1:]
    # b silu'(a) beyond 1.8e308 rounds to +-inf, its correctly rounded value.
    with np.errstate(over="ignore"):
        da = np.multiply(_silu_derivative_plain(a), b)
    return da, _silu_plain(a, a)


def _row_blocks(values: F64, ax: int) -> tuple[F64, list[slice]] | None:
    """``values`` as rows ``(n, 2h)`` split along the last axis, and blocks of rows.

    Each block holds about :data:`BLOCK` elements, so the temporaries of the
    kernels stay in the CPU cache. Only for a split along the last axis;
    ``None`` otherwise (the kernels then run on the whole halves).
    """
    if ax != values.ndim - 1 or values.size == 0:
        return None
    rows = values.reshape(-1, values.shape[-1])
    step = max(1, BLOCK // rows.shape[1])
    return rows, [slice(r, r + step) for r in range(0, rows.shape[0], step)]


def _forward_values(values: F64, a: F64, b: F64, ax: int, kind: str) -> F64:
    blocked = _row_blocks(values, ax)
    if blocked is None:
        return _forward_block(values, a, b, kind)
    rows, blocks = blocked
    h = rows.shape[1] // 2
    out = np.empty((rows.shape[0], h))
    for r in blocks:
        out[r] = _forward_block(rows[r], rows[r, :h], rows[r, h:], kind)
    return out.reshape(a.shape)


def _forward(x: ArrayLike, axis: object, func: str, kind: str) -> FloatArray:
    p = prepare(x, func)
    a, b, ax = _halves(p, axis, func)
    return p.finish(_forward_values(p.values, a, b, ax, kind))


def _vjp(x: ArrayLike, v: ArrayLike, axis: object, func: str, kind: str) -> FloatArray:
    p = prepare(x, func)
    a, b, ax = _halves(p, axis, func)
    pv = prepare(v, func, "v")
    if pv.values.shape != a.shape:
        raise ValueError(
            f"{func}(): v must have the shape of the output {a.shape} (x halved along "
            f"axis {ax}), got {pv.values.shape}"
        )
    w = pv.values
    out = dataclasses.replace(p, dtype=np.promote_types(p.dtype, pv.dtype), scalar=False)
    blocked = _row_blocks(p.values, ax)
    # Non-finite cotangents propagate as in autograd; 0 * inf becomes NaN silently.
    with np.errstate(invalid="ignore", over="ignore"):
        if blocked is None:
            da, db = _derivative_block(p.values, a, b, kind)
            return out.finish(np.concatenate([w * da, w * db], axis=ax))
        rows, blocks = blocked
        h = rows.shape[1] // 2
        w_rows = w.reshape(-1, h)
        grad = np.empty(rows.shape)
        for r in blocks:
            da, db = _derivative_block(rows[r], rows[r, :h], rows[r, h:], kind)
            np.multiply(w_rows[r], da, out=grad[r, :h])
            np.multiply(w_rows[r], db, out=grad[r, h:])
    return out.finish(grad.reshape(p.values.shape))


def _jacobian(x: ArrayLike, func: str, kind: str) -> FloatArray:
    p = prepare(x, func)
    if p.values.ndim != 1:
        raise ValueError(
            f"{func}(): x must be a 1-D vector, got an array with {p.values.ndim} dimension(s)"
        )
    a, b, _ = _halves(p, -1, func)
    da, db = _derivative_block(p.values, a, b, kind)
    return p.finish(np.hstack([np.diag(da), np.diag(db)]))


@in_row_blocks
def glu(x: ArrayLike, *, axis: int = -1) -> FloatArray:
    r"""Gated linear unit: first half times the sigmoid of the second half.

    .. math::

        \operatorname{GLU}(x) = a \odot \sigma(b), \qquad x = [a; b] \text{ along axis}.

    Parameters
    ----------
    x : array_like
        Input with an even size along ``axis``.
    axis : int, keyword-only
        Axis to split, default ``-1`` (PyTorch's ``glu(x, dim=-1)`` splits the
        same way, first half gated by the second).

    Returns
    -------
    ndarray
        Half the size along ``axis``, dtype of ``x``.

    Raises
    ------
    ValueError
        If the size along ``axis`` is odd, or ``axis`` is out of range.

    Numerics
    --------
    ``a / (1 + exp(-b))`` in plain float64 for ``b >= -700``: ``exp(-b)``
    stays finite and nothing cancels (at most 1.6 ULP measured against mpmath
    on 4 000 random pairs). Blocks with a smaller ``b`` or a non-finite value
    use ``a / (1 + e**b) * e**b`` for ``b < 0`` with the exponential scaled by
    a power of two, so a tiny gate does not flush the product to zero (the
    exact kernel of :func:`activations.silu`).

    References
    ----------
    Y. N. Dauphin, A. Fan, M. Auli and D. Grangier, "Language Modeling with
    Gated Convolutional Networks", 2016, arXiv:1612.08083.

    Examples
    --------
    >>> from activations import glu
    >>> print(" ".join(f"{v:.6f}" for v in glu([1.0, 2.0, 0.0, -1.0])))
    0.500000 0.537883
    >>> glu([[1.0, 2.0], [3.0, 4.0]], axis=0).tolist() == glu([[1.0, 2.0, 3.0, 4.0]]).tolist()
    True
    """
    return _forward(x, axis, "glu", "glu")


@in_row_blocks
def swiglu(x: ArrayLike, *, axis: int = -1) -> FloatArray:
    r"""SwiGLU: SiLU of the first half times the second half.

    .. math::

        \operatorname{SwiGLU}(x) = \operatorname{SiLU}(a) \odot b
        = a\,\sigma(a) \odot b, \qquad x = [a; b] \text{ along axis}.

    Parameters
    ----------
    x : array_like
        Input with an even size along ``axis``.
    axis : int, keyword-only
        Axis to split, default ``-1``.

    Returns
    -------
    ndarray
        Half the size along ``axis``, dtype of ``x``.

    Raises
    ------
    ValueError
        If the size along ``axis`` is odd, or ``axis`` is out of range.

    Numerics
    --------
    ``silu(a) * b`` with the plain float64 SiLU kernel when ``a >= -700``
    (``silu(a)`` is then a normal number, so multiplying by ``b`` rounds once
    more; at most 2.1 ULP measured against mpmath on 4 000 random pairs).
    Blocks with a smaller ``a`` or a non-finite value compute ``a b sigmoid(a)``
    with the exact gate of :func:`activations.silu`, the powers of two of
    ``a``, ``b`` and the gate applied in one final step: no intermediate
    overflows, and a tiny gate is not rounded to a subnormal before it meets a
    large ``b`` (``swiglu([-1000.0, 1e306])`` is about ``-5e-126``, not
    ``-0.0``).

    Conventions differ: Shazeer's paper writes ``Swish(xW) * (xV)``; here the
    first half is the gated one, as in most implementations (e.g. LLaMA's
    ``silu(w1 x) * (w3 x)``). PyTorch has no SwiGLU function; swapping the
    halves gives the other convention.

    References
    ----------
    N. Shazeer, "GLU Variants Improve Transformer", 2020, arXiv:2002.05202.

    Examples
    --------
    >>> from activations import swiglu
    >>> print(" ".join(f"{v:.6f}" for v in swiglu([1.0, -2.0, 3.0, 0.5])))
    2.193176 -0.119203
    """
    return _forward(x, axis, "swiglu", "swiglu")


@in_row_blocks
def glu_vjp(x: ArrayLike, v: ArrayLike, *, axis: int = -1) -> FloatArray:
    r"""Vector-Jacobian product of :func:`glu`: the gradient with respect to ``x``.

    .. math::

        \frac{\partial L}{\partial a} = v \odot \sigma(b), \qquad
        \frac{\partial L}{\partial b} = v \odot a\,\sigma(b)\bigl(1 - \sigma(b)\bigr).

    Parameters
    ----------
    x : array_like
        The GLU input.
    v : array_like
        Upstream gradient, shaped like the output (``x`` halved along ``axis``).
    axis : int, keyword-only
        Split axis, default ``-1``.

    Returns
    -------
    ndarray
        Gradient shaped like ``x``: the two halves concatenated along ``axis``,
        in the promoted dtype of ``x`` and ``v``.

    Numerics
    --------
    With ``E = exp(-b)`` and ``d = 1 + E``: ``sigma(b) = 1 / d`` and
    ``a sigma'(b) = a ((E / d) / d)``, in plain float64 for ``b >= -350``
    (both factors are at most 1, so nothing overflows), else by the exact
    kernel with power-of-two scaling. Measured against mpmath on 4 000 random
    pairs: at most 1.7 ULP (``d/da``) and 3.4 ULP (``d/db``) for ``v = 1``,
    plus the rounding of the product with ``v``.

    References
    ----------
    Y. N. Dauphin et al., 2016, arXiv:1612.08083.

    Examples
    --------
    >>> from activations import glu_vjp
    >>> print(" ".join(f"{v:.6f}" for v in glu_vjp([2.0, 0.0], [1.0])))
    0.500000 0.500000
    """
    return _vjp(x, v, axis, "glu_vjp", "glu")


@in_row_blocks
def swiglu_vjp(x: ArrayLike, v: ArrayLike, *, axis: int = -1) -> FloatArray:
    r"""Vector-Jacobian product of :func:`swiglu`.

    .. math::

        \frac{\partial L}{\partial a} = v \odot b\,\operatorname{SiLU}'(a), \qquad
        \frac{\partial L}{\partial b} = v \odot \operatorname{SiLU}(a).

    Parameters
    ----------
    x : array_like
        The SwiGLU input.
    v : array_like
        Upstream gradient, shaped like the output.
    axis : int, keyword-only
        Split axis, default ``-1``.

    Returns
    -------
    ndarray
        Gradient shaped like ``x``.

    Numerics
    --------
    ``b silu'(a)`` and ``silu(a)`` from the plain float64 kernels of
    :func:`activations.silu_derivative` and :func:`activations.silu` for
    ``a >= -350``, else from the exact ones. Measured against mpmath on 4 000
    random pairs for ``v = 1``: at most 4.1 ULP (``d/da``, away from the root
    of ``silu'``) and 1.6 ULP (``d/db``).

    References
    ----------
    N. Shazeer, 2020, arXiv:2002.05202.

    Examples
    --------
    >>> from activations import swiglu_vjp
    >>> print(" ".join(f"{v:.6f}" for v in swiglu_vjp([0.0, 3.0], [1.0])))
    1.500000 0.000000
    """
    return _vjp(x, v, axis, "swiglu_vjp", "swiglu")


def glu_jacobian(x: ArrayLike) -> FloatArray:
    r"""Jacobian of :func:`glu` for a vector of even length ``n``.

    .. math::

        J = \bigl[\operatorname{diag}(\sigma(b)) \;\big|\;
        \operatorname{diag}(a\,\sigma'(b))\bigr] \in \mathbb{R}^{n/2 \times n}.

    Parameters
    ----------
    x : array_like
        1-D input of even length.

    Returns
    -------
    ndarray
        The ``(n/2, n)`` Jacobian.

    References
    ----------
    Y. N. Dauphin et al., 2016, arXiv:1612.08083.

    Examples
    --------
    >>> from activations import glu_jacobian
    >>> print(glu_jacobian([2.0, 0.0]).tolist())
    [[0.5, 0.5]]
    """
    return _jacobian(x, "glu_jacobian", "glu")


def swiglu_jacobian(x: ArrayLike) -> FloatArray:
    r"""Jacobian of :func:`swiglu` for a vector of even length ``n``.

    .. math::

        J = \bigl[\operatorname{diag}(b\,\operatorname{SiLU}'(a)) \;\big|\;
        \operatorname{diag}(\operatorname{SiLU}(a))\bigr] \in \mathbb{R}^{n/2 \times n}.

    Parameters
    ----------
    x : array_like
        1-D input of even length.

    Returns
    -------
    ndarray
        The ``(n/2, n)`` Jacobian.

    References
    ----------
    N. Shazeer, 2020, arXiv:2002.05202.

    Examples
    --------
    >>> from activations import swiglu_jacobian
    >>> print(swiglu_jacobian([0.0, 3.0]).tolist())
    [[1.5, 0.0]]
    """
    return _jacobian(x, "swiglu_jacobian", "swiglu")
