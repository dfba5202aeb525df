"""Input handling shared by every activation: one dtype policy, one error style.

Policy (documented on the site and tested for every registry entry):

* Accepted: Python numbers (``bool``, ``int``, ``float``, and also
  ``fractions.Fraction`` and ``decimal.Decimal``), nested lists of them, NumPy
  arrays of any shape and memory order with a bool, integer or
  float16/float32/float64 dtype, in either byte order.
* Bool and integer input is evaluated and returned as float64. A ``Fraction``
  or ``Decimal`` is first rounded to the nearest float64 (as ``float()`` does;
  beyond the float64 range that is ``+-inf``) and is then a float64.
* float16 and float32 input is evaluated in float64 and rounded **once** to the
  input dtype, so the result is within one ULP of the true value in that dtype.
* Big-endian (or any non-native byte order) input gives the same values as the
  native array, returned in the native byte order (``'>f4'`` in, ``'<f4'`` out
  on a little-endian machine).
* A scalar input (a Python number, a NumPy scalar or a 0-d array) returns a
  NumPy scalar (``np.float64`` for Python numbers), exactly like a NumPy ufunc;
  any other input returns an ``ndarray`` of the same shape.
* Complex, object, string, datetime and ``longdouble`` input raises
  ``TypeError`` naming the function and the dtype; ``longdouble`` is refused
  rather than silently evaluated at lower precision. An object array is
  accepted only when every element is one of the Python numbers above.
* Masked arrays (``numpy.ma``) raise ``TypeError``: a NumPy function would
  drop the mask silently (a masked logit would still enter the softmax), so
  the caller decides what a masked entry means, e.g. ``x.filled(-np.inf)``
  for a softmax or ``x.compressed()``.
* Large arrays are evaluated in blocks (see :mod:`activations._elementwise`),
  so the extra memory is the result plus a constant, not several float64
  copies of the input.
"""

from __future__ import annotations

import decimal
import fractions
import math
import numbers
import operator
import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.floating]

_SUPPORTED_FLOATS = (np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64))


@dataclass(frozen=True, slots=True)
class Prepared:
    """A float64 working copy of an input and how to hand the result back."""

    values: NDArray[np.float64]
    dtype: np.dtype
    scalar: bool

    def finish(self, result: NDArray[np.float64]) -> FloatArray | np.floating:
        """Round a float64 result once to the caller's dtype and shape."""
        if self.dtype != result.dtype:
            # Rounding a float64 result above the target's largest finite value
            # to inf *is* the correctly rounded answer, so the cast is silenced.
            with np.errstate(over="ignore"):
                result = result.astype(self.dtype)
        return result[()] if self.scalar else result


def prepare(x: ArrayLike, func: str, name: str = "x") -> Prepared:
    """Validate ``x`` for activation ``func`` and return its float64 working copy.

    >>> p = prepare([1, 2], "relu")
    >>> p.values.dtype, p.dtype, p.scalar
    (dtype('float64'), dtype('float64'), False)
    >>> try:
    ...     prepare(1j, "elu")
    ... except TypeError as error:
    ...     print(error)
    elu(): x must be real numbers (bool, integer, float16, float32 or float64), got dtype complex128
    """
    if isinstance(x, np.ma.MaskedArray):
        raise TypeError(
            f"{func}(): {name} is a masked array (numpy.ma), whose mask would be ignored; "
            f"pass a plain array that says what a masked entry means, e.g. "
            f"{name}.filled(-np.inf) for a softmax or {name}.compressed()"
        )
    try:
        if isinstance(x, np.ndarray):
            array = np.asarray(x)
        else:
            # A list holding numpy.ma.masked converts it to NaN with only a
            # warning: refused here like a masked array.
            with warnings.catch_warnings():
                warnings.simplefilter("error", UserWarning)
                array = np.asarray(x)
    except UserWarning:
        raise TypeError(
            f"{func}(): {name} holds numpy.ma.masked entries, which would become NaN; "
            "pass plain numbers"
        ) from None
    except (ValueError, TypeError) as error:
        raise ValueError(
            f"{func}(): {name} must be a number or a rectangular array of numbers ({error})"
        ) from None
    dtype = array.dtype
    if dtype.kind == "O":
        array = _python_numbers(array, func, name)
        dtype = array.dtype
    native = dtype.newbyteorder("=") if dtype.kind == "f" else dtype
    if dtype.kind in "biu":
        out_dtype = np.dtype(np.float64)
    elif native in _SUPPORTED_FLOATS:
        out_dtype = native
    else:
        hint = ""
        if dtype.kind == "f":
            hint = " (longdouble is refused rather than evaluated in float64)"
        raise TypeError(
            f"{func}(): {name} must be real numbers (bool, integer, float16, float32 or "
            f"float64), got dtype {dtype}{hint}"
        )
    # Widening a float32/float16 signalling NaN raises the hardware "invalid"
    # flag; the result is the quiet NaN the caller expects, so nothing is lost.
    with np.errstate(invalid="ignore"):
        values = array.astype(np.float64, copy=False)
    return Prepared(values=values, dtype=out_dtype, scalar=array.ndim == 0)


#: Python number types an object array may hold; each converts with ``float()``.
_PYTHON_NUMBERS = (bool, int, float, fractions.Fraction, decimal.Decimal)
#: NumPy scalars an object array may hold alongside them (not longdouble).
_NUMPY_SCALARS = (np.bool_, np.integer, np.float16, np.float32, np.float64)


def _to_float(value: object) -> float:
    try:
        return float(value)
    except OverflowError:
        # An int or Fraction beyond the float64 range: its nearest float64 is
        # the infinity of its sign (a Decimal already converts so).
        return math.inf if value > 0 else -math.inf


def _python_numbers(array: np.ndarray, func: str, name: str) -> NDArray[np.float64]:
    """An object array of Python numbers (``Fraction``, ``Decimal``, huge ints) as float64.

    >>> from fractions import Fraction
    >>> _python_numbers(np.asarray([Fraction(1, 4), 10**400]), "relu", "x")
    array([0.25,  inf])
    """
    flat = array.reshape(-1)
    for value in flat:
        if isinstance(value, np.generic):
            allowed = isinstance(value, _NUMPY_SCALARS)
        else:
            allowed = isinstance(value, _PYTHON_NUMBERS)
        if not allowed:
            raise TypeError(
                f"{func}(): {name} must be real numbers (bool, integer, float16, float32 or "
                f"float64, or Python numbers), got dtype object holding "
                f"{type(value).__name__} {value!r}"
            )
        if isinstance(value, decimal.Decimal) and value.is_snan():
            raise ValueError(f"{func}(): {name} holds a signalling Decimal NaN {value!r}")
    return np.array([_to_float(v) for v in flat], dtype=np.float64).reshape(array.shape)


def real_parameter(
    value: object,
    func: str,
    name: str,
    *,
    positive: bool = False,
    nonnegative: bool = False,
) -> float:
    """Validate a real, finite scalar parameter such as ``negative_slope`` or ``alpha``.

    >>> real_parameter(0.2, "leaky_relu", "negative_slope")
    0.2
    >>> real_parameter(float("nan"), "leaky_relu", "negative_slope")
    Traceback (most recent call last):
        ...
    ValueError: leaky_relu(): negative_slope must be a finite real number, got nan
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{func}(): {name} must be a finite real number, got {type(value).__name__} {value!r}"
        )
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{func}(): {name} must be a finite real number, got {number!r}")
    if positive and not number > 0:
        raise ValueError(f"{func}(): {name} must be > 0, got {number!r}")
    if nonnegative and not number >= 0:
        raise ValueError(f"{func}(): {name} must be >= 0, got {number!r}")
    return number


def axis_index(axis: object, ndim: int, func: str, name: str = "axis") -> int:
    """Normalise an axis argument against ``ndim`` dimensions.

    >>> axis_index(-1, 2, "softmax")
    1
    >>> axis_index(2, 2, "softmax")
    Traceback (most recent call last):
        ...
    ValueError: softmax(): axis 2 is out of range for an input with 2 dimension(s)
    """
    if isinstance(axis, bool | np.bool_):
        raise TypeError(f"{func}(): {name} must be an integer, got bool {axis!r}")
    try:
        index = operator.index(axis)
    except TypeError:
        raise TypeError(
            f"{func}(): {name} must be an integer, got {type(axis).__name__} {axis!r}"
        ) from None
    if not -ndim <= index < ndim:
        raise ValueError(
            f"{func}(): {name} {index} is out of range for an input with {ndim} dimension(s)"
        )
    return index % ndim
