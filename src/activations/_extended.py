"""Extended-precision building blocks: error-free transformations and a scaled exponential.

Several activations are ill-conditioned in an intermediate quantity even where
the function itself is well-conditioned. ``exp(t)`` turns an absolute error
``δ`` in ``t`` into a relative error ``δ`` in the result, so rounding
``t = beta * x`` or ``t = -x**2 / 2`` costs ``|t| / 2`` ULP, hundreds of ULP
near the underflow edge; and a result rounded first to a subnormal number and
then multiplied loses digits twice. The helpers below carry such quantities as
unevaluated sums of two doubles (``hi + lo``, with ``|lo|`` at most about an
ULP of ``hi``), and form ``a * exp(t)`` so that only the final step rounds into
the subnormal range.

All of them are pure float64 NumPy, vectorised, and use no fused multiply-add
(NumPy has none), so the products are split with Veltkamp's constant
(Dekker 1971). References: T. J. Dekker, "A floating-point technique for
extending the available precision", Numer. Math. 18, 1971; D. E. Knuth,
*The Art of Computer Programming* vol. 2, 4.2.2; J.-M. Muller et al.,
*Handbook of Floating-Point Arithmetic*, 2nd ed., Birkhäuser 2018, ch. 4.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from activations._elementwise import blockwise

F64 = NDArray[np.float64]

_SPLITTER = 134217729.0  # 2**27 + 1, Veltkamp's splitting constant for binary64

# ln 2 split so that k * LN2_HI is exact for every integer k < 2**21 (Cody and Waite).
LN2_HI = 0.6931471803691238
LN2_LO = 1.9082149292705877e-10
# exp(t) is a normal number for t >= -708.39; below -700 the exponential is
# scaled by 2**k first so that it never loses digits to gradual underflow.
_EXP_SCALE_BELOW = -700.0
#: For ``|a| <= 1.8e308 < e**710``, ``a * exp(t)`` underflows to zero for every
#: ``t < -1455``, so :func:`exp_split` clamps its argument here to keep ``k`` small.
EXP_FLOOR = -2000.0


def two_sum(a: F64 | float, b: F64 | float) -> tuple[F64, F64]:
    """Return ``s = fl(a + b)`` and the rounding error, ``s + e == a + b`` exactly (Knuth).

    Exact for any finite ``a`` and ``b`` whose sum does not overflow, whatever
    their order of magnitude; six operations, no branch. Needed wherever a sum
    feeds an ill-conditioned step (``exp`` of a difference, ``log1p`` of a sum
    of small terms) and its rounding error has to be carried along.

    >>> print(*two_sum(1.0, 1e-17))
    1.0 1e-17
    """
    s = np.add(a, b)
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def fast_two_sum(a: F64 | float, b: F64 | float) -> tuple[F64, F64]:
    """Return ``s = fl(a + b)`` and its exact rounding error, for ``|a| >= |b|`` (Dekker).

    Three operations instead of the six of :func:`two_sum`; exact only when
    ``|a| >= |b|`` (or ``a = 0``), which the callers know in advance, e.g.
    ``1 + e`` with ``0 <= e <= 1`` or ``3 + x`` with ``|x| <= 3``.
    """
    s = np.add(a, b)
    return s, (a - s) + b


def _split(a: F64) -> tuple[F64, F64]:
    """Veltkamp's split: ``a = hi + lo`` exactly, each half with at most 26 significant bits."""
    c = _SPLITTER * a
    high = c - (c - a)
    return high, a - high


def two_product(a: F64 | float, b: F64 | float) -> tuple[F64, F64]:
    """Return ``p = fl(a * b)`` and the error, ``p + e == a * b`` exactly (Dekker, no FMA).

    Exact when ``|a|, |b| < 2**995`` (so the split cannot overflow) and ``e``
    is a normal number (no underflow), i.e. for the moderate values the callers
    pass. Needed to carry a product such as ``x * x`` or ``beta * x`` into an
    exponential; see :func:`two_product_wide` for arbitrary finite factors.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    p = a * b
    a_hi, a_lo = _split(a)
    b_hi, b_lo = _split(b)
    return p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo


def _moderate(a: F64) -> bool:
    """Whether every element is 0 or of magnitude in ``[2**-450, 2**450]``."""
    m = np.abs(a)
    return bool(np.all((m <= 2.0**450) & ((m >= 2.0**-450) | (m == 0.0))))


def two_product_wide(a: F64 | float, b: F64 | float) -> tuple[F64, F64]:
    """:func:`two_product` for any finite factors: both are reduced to mantissas first.

    The factors are written ``m * 2**e`` with ``0.5 <= |m| < 1``, the mantissas
    are multiplied exactly and the powers of two put back, so the split can
    never overflow; ``p + e == a * b`` exactly whenever ``p`` and ``e`` are
    normal numbers (the only range in which callers use ``e``). Needed by
    :func:`divide_pairs`, whose quotients and divisors span the whole range.
    """
    if _moderate(a) and _moderate(b):
        # Factors in [2**-450, 2**450] (or 0) cannot overflow the split or underflow
        # the error term: plain Dekker is exact there and gives the same pair.
        return two_product(a, b)
    ma, ea = np.frexp(a)
    mb, eb = np.frexp(np.asarray(b, dtype=np.float64))
    p, e = two_product(ma, mb)
    scale = ea + eb
    return np.ldexp(p, scale), np.ldexp(e, scale)


def _neighbours(y: F64) -> tuple[F64, F64]:
    """``nextafter(y, -inf)`` and ``nextafter(y, inf)``, by stepping the bit pattern.

    For finite nonzero ``y`` the neighbours are the integers one below and
    one above the pattern (the other way round for negative ``y``), several
    times cheaper than :func:`numpy.nextafter`; a block with a zero or a
    non-finite value takes :func:`numpy.nextafter` itself.
    """
    if not (np.all(np.isfinite(y)) and np.all(y != 0.0)):
        return np.nextafter(y, -np.inf), np.nextafter(y, np.inf)
    bits = y.view(np.int64)
    step = np.where(bits >= 0, 1, -1)
    return (bits - step).view(np.float64), (bits + step).view(np.float64)


def divide_pairs(
    n_hi: F64,
    n_lo: F64 | float,
    d_hi: F64 | float,
    d_lo: F64 | float,
) -> F64:
    """``(n_hi + n_lo) / (d_hi + d_lo)`` correctly rounded, see :func:`_divide_block`.

    Evaluated on blocks of the broadcast arguments (:func:`blockwise`): the
    two correction passes make some forty passes over the data.
    """
    parts = np.broadcast_arrays(
        *(np.asarray(a, dtype=np.float64) for a in (n_hi, n_lo, d_hi, d_lo))
    )
    return blockwise(_divide_block, *parts)


def _divide_block(n_hi: F64, n_lo: F64, d_hi: F64, d_lo: F64) -> F64:
    """``(n_hi + n_lo) / (d_hi + d_lo)`` correctly rounded (to nearest, ties to even).

    Numerator and denominator are unevaluated sums of two doubles, each low part
    below an ULP of its high part, with a positive denominator.
    A correctly rounded map is monotone, which no chain of separately rounded
    operations guarantees: ``sigmoid``, ``softsign`` and ``hard_sigmoid`` stay
    non-decreasing between neighbouring doubles because of it.

    One correction step, ``y + r / d`` with the remainder ``r = n - y d`` formed
    exactly (Dekker's product, Sterbenz subtraction), lands within about
    ``2**-49`` ULP of the true quotient, so its rounding is the correct one
    unless it lies that close to a midpoint between two doubles. Those rare
    elements (and blocks with extreme magnitudes) are settled by
    :func:`_divide_by_steps`, which decides each step by the sign of an exact
    comparison with the midpoint.
    """
    d = d_hi + d_lo
    d_lo = d_lo - (d - d_hi)
    y = n_hi / d
    if not (_moderate(y) and _moderate(d)):
        return _divide_by_steps(n_hi, n_lo, d, d_lo, y)
    ph, pl = two_product(y, d)
    c = ((((n_hi - ph) - pl) + n_lo) - y * d_lo) / d
    y1 = y + c
    # y + c = y1 + t exactly (Fast2Sum: |c| is a few ULP of y at most).
    t = (y - y1) + c
    down, up = _neighbours(y1)
    unsure = (2.0 * np.abs(t) > np.minimum(up - y1, y1 - down) * (1.0 - 2.0**-40)) | (y == 0.0)
    if unsure.any():
        y1[unsure] = _divide_by_steps(
            n_hi[unsure], n_lo[unsure], d[unsure], d_lo[unsure], y[unsure]
        )
    return y1


def _divide_by_steps(n_hi: F64, n_lo: F64, d: F64, d_lo: F64, y: F64) -> F64:
    """Correct rounding by two exact midpoint comparisons, starting from ``y`` within 2 ULP.

    Each pass compares the exact remainder ``n - y d`` with half the gap to the
    neighbour on that side and steps once.
    """
    for _ in range(2):
        ph, pl = two_product_wide(y, d)
        remainder = (((n_hi - ph) - pl) + n_lo) - y * d_lo
        down, up = _neighbours(y)
        # (up - y) and (y - down) are powers of two: their products with d are exact.
        to_up = 2.0 * remainder - (up - y) * d
        to_down = -2.0 * remainder - (y - down) * d
        # An exact tie goes to the neighbour with an even last bit (IEEE 754 default).
        odd = (y.view(np.int64) & 1) == 1
        y = np.where((to_up > 0.0) | ((to_up == 0.0) & odd), up,
                     np.where((to_down > 0.0) | ((to_down == 0.0) & odd), down, y))
    return y


def quotient(x: F64, d: float) -> tuple[F64, F64]:
    """Return ``(q, r)`` with ``q = fl(x / d)`` and ``q + r`` equal to ``x / d`` to ~2**-104.

    Needed where the quotient feeds ``exp`` (CELU's ``exp(x / alpha)``): a plain
    ``x / alpha`` costs ``|x / alpha| / 2`` ULP there. Callers must make sure
    ``x / d`` neither overflows nor underflows.
    """
    q = x / d
    ph, pl = two_product_wide(q, d)
    # x - ph is exact (Sterbenz: ph is within a factor 2 of x), so the residual is exact
    # up to the last division.
    return q, ((x - ph) - pl) / d


def exp_pair(hi: F64, lo: F64 | float) -> F64:
    """``exp(hi + lo)`` for ``|lo|`` at most about an ULP of ``hi``: ``exp(hi) * (1 + lo)``.

    The first-order term is all that is left of ``lo``: the next one,
    ``lo**2 / 2 < 2**-100``, is below the rounding of ``exp`` itself. The only
    rounding this adds is that of the final sum, so the result is as accurate
    as ``exp(hi)``, whereas ``exp(fl(hi + lo))`` would be off by ``|hi| / 2`` ULP.
    """
    e = np.exp(hi)
    return e + e * lo


def exp_split(t: F64, t_lo: F64 | float = 0.0) -> tuple[F64, NDArray[np.int64]]:
    """Return ``m, k`` with ``m * 2**-k = exp(t + t_lo)``, ``m`` a normal number.

    For finite ``t <= 0`` (clamped at :data:`EXP_FLOOR`, where every product
    below has underflowed anyway). ``t_lo`` is a small correction to ``t`` (the
    low half of a double-double exponent). When ``t < -700`` the exponential
    would be subnormal and lose digits, so ``exp(t + k ln 2)`` is formed
    instead, with ``t + k ln 2`` split exactly by :func:`two_sum`; the caller
    multiplies or divides ``m`` and applies ``2**-k`` last with
    :func:`numpy.ldexp`, which rounds only once.
    """
    t = np.asarray(t, dtype=np.float64)
    k = np.zeros(t.shape, dtype=np.int64)
    deep = t < _EXP_SCALE_BELOW
    if not deep.any():
        if np.isscalar(t_lo) and t_lo == 0.0:
            return np.exp(t), k
        return exp_pair(*two_sum(t, t_lo)), k
    t_lo = np.broadcast_to(t_lo, t.shape)
    m = np.empty(t.shape)
    shallow = ~deep
    m[shallow] = exp_pair(*two_sum(t[shallow], t_lo[shallow]))
    td = t[deep]
    # Below the floor the low part is meaningless (it can exceed 1000 when t
    # came from a rounded difference of huge numbers) and is dropped with t.
    clamped = td < EXP_FLOOR
    td = np.where(clamped, EXP_FLOOR, td)
    lo = np.where(clamped, 0.0, t_lo[deep])
    kd = np.ceil((_EXP_SCALE_BELOW - td) / LN2_HI)
    s, s_err = two_sum(td, kd * LN2_HI)
    # kd * LN2_LO reaches 3e-7, too large for a first-order correction, so the
    # low parts are folded into s with a second exact addition.
    m[deep] = exp_pair(*two_sum(s, s_err + lo + kd * LN2_LO))
    k[deep] = kd.astype(np.int64)
    return m, k


def mul_exp(a: F64 | float, t: F64, t_lo: F64 | float = 0.0) -> F64:
    """Return ``a * exp(t + t_lo)`` for finite ``a`` and ``t <= 0``, rounded once into subnormals.

    ``a * np.exp(t)`` rounds twice when ``exp(t)`` is subnormal, and gives 0
    where ``exp(t)`` underflows although ``a * exp(t)`` is representable for
    ``|a| > 1``. Here ``a`` multiplies the normal mantissa of :func:`exp_split`
    and the power of two is applied last by one :func:`numpy.ldexp`.

    ``3 exp(-745) = 8.4e-324`` rounds to twice the smallest subnormal; the
    naive product rounds ``exp(-745)`` to the smallest subnormal first:

    >>> print(mul_exp(3.0, np.array([-745.0]))[0], 3.0 * np.exp(-745.0))
    1e-323 1.5e-323
    """
    m, k = exp_split(t, t_lo)
    return np.ldexp(np.multiply(a, m), -k)
