"""How the elementwise functions walk their prepared input with boolean masks.

Each function evaluates every branch only on the elements that take it, so no
branch overflows, divides by zero or warns on values it does not own (with
``np.where`` both branches run everywhere). Two patterns are used:
:func:`flat` / :func:`done` when one routine handles every value, NaN and
infinities included, and :func:`elementwise` when a kernel is written for
finite inputs and the limits at ``±inf`` are known constants.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from activations._inputs import FloatArray, Prepared

F64 = NDArray[np.float64]


def flat(p: Prepared) -> F64:
    """The working values as an array of at least one dimension, with quiet NaNs.

    NumPy ufuncs return scalars for 0-d arrays, which cannot be indexed by masks.
    A signalling NaN raises the IEEE "invalid" flag (a RuntimeWarning) in any
    arithmetic; ``isnan`` and ``where`` only look at the bits, so replacing it by
    the quiet NaN up front keeps every function silent on it.
    """
    v = np.atleast_1d(p.values)
    nan = np.isnan(v)
    return np.where(nan, np.nan, v) if nan.any() else v


def done(p: Prepared, y: F64) -> FloatArray | np.floating:
    """Give ``y``, computed from :func:`flat`, the input's shape and round it to its dtype."""
    return p.finish(np.reshape(y, p.values.shape))


#: Elements per block in :func:`blockwise`: 64 KiB per float64 temporary, so the
#: dozens of temporaries of one kernel stay in the CPU cache.
BLOCK = 8192


def blockwise(f: Callable[..., F64], *arrays: F64) -> F64:
    """``f(*arrays)`` for an elementwise float64 kernel ``f``, evaluated block by block.

    The arrays must have one shape. The kernels make many passes over their
    input (masks, error-free transformations, polynomial steps). On a large
    array each pass streams from main memory; on blocks of :data:`BLOCK`
    elements the passes hit the cache, which makes them several times faster.
    The result is identical, since ``f`` treats each element on its own.
    """
    shape = arrays[0].shape
    if arrays[0].size <= BLOCK:
        return f(*arrays)
    flats = [a.reshape(-1) for a in arrays]
    out = np.empty(flats[0].shape)
    for start in range(0, out.size, BLOCK):
        out[start:start + BLOCK] = f(*(a[start:start + BLOCK] for a in flats))
    return out.reshape(shape)


def elementwise(
    p: Prepared,
    finite: Callable[[F64], F64],
    at_pos_inf: float,
    at_neg_inf: float,
) -> FloatArray | np.floating:
    """Apply ``finite`` to the finite entries, fill the limits at ±inf, pass NaN through."""
    v = p.values
    ok = np.isfinite(v)
    if ok.all():
        return p.finish(blockwise(finite, v.reshape(-1)).reshape(v.shape))
    out = np.empty(v.shape)
    out[ok] = blockwise(finite, v[ok])
    out[v == np.inf] = at_pos_inf
    out[v == -np.inf] = at_neg_inf
    nan = np.isnan(v)
    out[nan] = v[nan]
    return p.finish(out)
