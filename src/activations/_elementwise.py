"""How the elementwise functions walk their prepared input with boolean masks.

Each function evaluates every branch only on the elements that take it, so no
branch overflows, divides by zero or warns on values it does not own (with
``np.where`` both branches run everywhere). Two patterns are used:
:func:`flat` / :func:`done` when one routine handles every value, NaN and
infinities included, and :func:`elementwise` when a kernel is written for
finite inputs and the limits at ``±inf`` are known constants.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import TypeVar

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


#: Inputs with more elements than this are evaluated :data:`CHUNK` elements at
#: a time by :func:`in_blocks`: 512 KiB per float64 temporary.
CHUNK = 1 << 16

_F = TypeVar("_F", bound=Callable[..., object])


def _plain_ndarray(x: object) -> bool:
    """An ndarray or a memmap; masked arrays (refused) and matrices (always 2-D) are not."""
    return isinstance(x, np.ndarray) and not isinstance(x, np.ma.MaskedArray | np.matrix)


def in_blocks(func: _F) -> _F:
    """Evaluate a public elementwise function on large arrays :data:`CHUNK` elements at a time.

    Unblocked, a float32 array of ``n`` elements costs a float64 copy
    (``8n`` bytes), a float64 result (``8n``), the rounded result (``4n``) and
    a kernel's temporaries: 5.25 times the input in extra memory at the peak
    for sigmoid, gelu or mish at ``n = 1e8`` (``scripts/benchmark.py
    --memory``). Here the result is
    allocated once, in its final dtype, and each chunk is converted, computed
    and rounded into it, so the peak is the result plus a few chunk-sized
    temporaries. Every function is elementwise, so the values are bit for bit
    those of the unblocked call, which stays reachable as ``func.__wrapped__``.
    Native float64 input needs no converted copy (its peak is 1.0 to 1.13
    times the input, 2.0 for relu'), so it is not split: splitting would add
    a copy of each chunk's result into the output, a pass that costs the
    cheapest functions (relu, identity) a third of their time.
    Parameters that are arrays (PReLU's ``weight``) broadcast against ``x``;
    such calls are not split.
    """

    @functools.wraps(func)
    def wrapper(x, *args, **kwargs):
        # Misuse (a positional parameter) is left to func, which words the error.
        if (
            args
            or not _plain_ndarray(x)
            or x.dtype == np.float64
            or x.size <= CHUNK
            or any(np.ndim(v) for v in kwargs.values())
        ):
            return func(x, *args, **kwargs)
        if x.flags.forc:
            flat_x = x.ravel(order="K")
            # Validates x and the parameters (raising as the plain call would)
            # and gives the result's dtype.
            head = func(flat_x[:CHUNK], **kwargs)
            order = "C" if x.flags.c_contiguous else "F"
            out = np.empty(x.shape, dtype=head.dtype, order=order)
            flat_out = out.ravel(order="K")
            flat_out[:CHUNK] = head
            for start in range(CHUNK, flat_x.size, CHUNK):
                flat_out[start:start + CHUNK] = func(flat_x[start:start + CHUNK], **kwargs)
            return out
        # A strided view: NumPy's buffered iterator copies it chunk by chunk.
        head = func(x.flat[:1], **kwargs)
        out = np.empty(x.shape, dtype=head.dtype)
        with np.nditer(
            [x, out],
            flags=["external_loop", "buffered", "zerosize_ok"],
            op_flags=[["readonly"], ["writeonly"]],
            buffersize=CHUNK,
        ) as it:
            for chunk, result in it:
                result[...] = func(chunk, **kwargs)
        return out

    return wrapper  # type: ignore[return-value]


def _rows(a: np.ndarray, n: int) -> np.ndarray | None:
    """``a`` as an ``(rows, n)`` view, or None where that would need a copy."""
    try:
        return np.reshape(a, (-1, n), copy=False)
    except ValueError:
        return None


def in_row_blocks(func: _F) -> _F:
    """:func:`in_blocks` for the functions of a vector along ``axis``: blocks of whole rows.

    ``func(x, *cotangents, axis=...)`` is evaluated on blocks of about
    :data:`CHUNK` elements made of whole slices along ``axis``, converted and
    rounded into one result array, so a float32 batch costs its result plus a
    constant instead of float64 copies of everything (float64 input is not
    split, as in :func:`in_blocks`). A row's result depends
    only on that row, so the values are those of the unblocked call
    (``func.__wrapped__``). Anything unusual (a 1-D vector, an invalid axis,
    mismatched shapes) goes to the unblocked call, which validates it.
    """

    @functools.wraps(func)
    def wrapper(x, *more, **kwargs):
        arrays = (x, *more)
        axis = kwargs.get("axis", -1)
        plain = (
            kwargs.keys() - {"axis"}
            or not all(_plain_ndarray(a) for a in arrays)
            or all(a.dtype == np.float64 for a in arrays)
            or x.size <= CHUNK
            or x.ndim < 2
            or any(a.ndim != x.ndim for a in more)
            or isinstance(axis, bool | np.bool_)
            or not isinstance(axis, int | np.integer)
            or not -x.ndim <= axis < x.ndim
        )
        if not plain:
            moved = [np.moveaxis(a, int(axis), -1) for a in arrays]
            lead = moved[0].shape[:-1]
            plain = any(m.shape[:-1] != lead for m in moved) or moved[0].shape[-1] == 0
        if plain:
            return func(x, *more, **kwargs)
        n_rows = math.prod(lead)
        step = max(1, CHUNK // moved[0].shape[-1])
        views = [_rows(m, m.shape[-1]) for m in moved]
        if all(v is not None for v in views):
            def block(start: int):
                return slice(start, start + step)
            sources, index_shape = views, (n_rows,)
        else:
            def block(start: int):
                return np.unravel_index(np.arange(start, min(start + step, n_rows)), lead)
            sources, index_shape = moved, lead
        try:
            first = func(*(s[block(0)] for s in sources), axis=-1)
        except (TypeError, ValueError):
            # Let the whole call word the error with the caller's shapes.
            return func(x, *more, **kwargs)
        out = np.empty((*index_shape, first.shape[-1]), dtype=first.dtype)
        out[block(0)] = first
        for start in range(step, n_rows, step):
            index = block(start)
            out[index] = func(*(s[index] for s in sources), axis=-1)
        return np.moveaxis(out.reshape((*lead, first.shape[-1])), -1, int(axis))

    return wrapper  # type: ignore[return-value]
