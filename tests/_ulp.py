"""Reference tables, ULP errors and accuracy bars shared by the accuracy tests.

Used by ``tests/test_accuracy.py`` and ``scripts/ulp_table.py``; the tables are
written by ``scripts/make_reference.py`` (see ``tests/data/README.md``).

ULP error
---------
For a true value ``t`` and a binary format with ``p`` significand bits and
smallest normal exponent ``emin``, ``ulp(t) = 2**(max(e, emin) - p + 1)`` where
``2**e <= |t| < 2**(e+1)``, and ``ulp(0) = 2**(emin - p + 1)`` (the smallest
subnormal). ``e`` is the exponent of the *exact* ``t``, not of ``t`` rounded:
when ``t`` lies just below a power of two and rounds up to it, the spacing
below that power (half the one above) is used, so such errors are not halved.
Below the normal range the spacing is the constant subnormal step, so a
subnormal result is measured in absolute steps of the smallest subnormal,
which is what a correctly rounded result achieves. The error of ``c`` is
``|c - t| / ulp(t)``; a correctly rounded result is within 0.5. When ``t``
rounds to infinity in the format, the error is 0 if ``c`` is that infinity
and ``inf`` otherwise; a NaN or infinite ``c`` for a finite ``t`` is ``inf``.

The float64 nearest to 0.1 is 0.4 ULP above 0.1, its lower neighbour
0.6 ULP; a value below 10**-9999 is matched by 0.0 with no error:

>>> err = ulp_error(np.array([0.1, np.nextafter(0.1, 0), 0.0]),
...                 parse_values(["0.1", "0.1", "1e-9999"]), "float64")
>>> [f"{e:.3f}" for e in err]
['0.400', '0.600', '0.000']
"""

from __future__ import annotations

import decimal
import functools
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent / "data"

# significand bits p (with the implicit bit), exponent of the smallest normal.
FORMATS = {"float64": (53, -1022), "float32": (24, -126), "float16": (11, -14)}


# 25 significant digits pin a value down to 5e-25 relatively, i.e. to 1e-24 in
# a significand in [1, 2): a remainder below twice that is storage rounding, so
# the value counts as exactly on a rounding boundary (either rounding of it is
# accepted).
_RESOLUTION = 2e-24


@dataclass(frozen=True)
class Reference:
    """True values ``t = (m_hi + m_lo) * 2**e`` with ``1 <= |m_hi + m_lo| < 2``.

    ``m_hi`` is the float64 nearest to the significand and ``m_lo`` the rest,
    so values far outside the float64 range (down to 10**-9999) and ties at
    half the smallest subnormal are kept exactly enough. ``text`` keeps the
    25-digit strings for messages. A zero has ``m_hi = 0``; NaN marks a value
    that is undefined (a kink).
    """

    m_hi: np.ndarray
    m_lo: np.ndarray
    e: np.ndarray
    text: tuple[str, ...]

    def take(self, mask: np.ndarray) -> Reference:
        index = np.nonzero(mask)[0]
        return Reference(m_hi=self.m_hi[index], m_lo=self.m_lo[index], e=self.e[index],
                         text=tuple(self.text[i] for i in index))

    @property
    def approx(self) -> np.ndarray:
        """float64 approximation (+-inf / 0 outside the range, NaN if undefined)."""
        with np.errstate(over="ignore", under="ignore"):
            return np.ldexp(self.m_hi, np.clip(self.e, -2000, 2000))

    @property
    def direction(self) -> np.ndarray:
        """+1 / -1 where |t| is above / below |m_hi| * 2**e, 0 where equal."""
        resolved = np.abs(self.m_lo) > _RESOLUTION
        return np.where(resolved, np.sign(self.m_lo) * np.sign(self.m_hi), 0.0)


def parse_values(strings: list[str]) -> Reference:
    """Split decimal strings into significand (two float64 parts) and exponent."""
    n = len(strings)
    m_hi, m_lo, e = np.zeros(n), np.zeros(n), np.zeros(n, dtype=np.int64)
    log2 = decimal.Decimal(2).ln()
    with decimal.localcontext() as ctx:
        ctx.prec = 80
        ctx.Emin, ctx.Emax = -(10**6), 10**6
        for i, s in enumerate(strings):
            d = decimal.Decimal(s)
            if d.is_nan():
                m_hi[i] = np.nan
                continue
            if d == 0:
                continue
            f = float(d)
            if f != 0 and math.isfinite(f):
                k = math.frexp(f)[1] - 1
            else:
                k = int((d.copy_abs().ln() / log2).to_integral_value(decimal.ROUND_FLOOR))
            m = d.scaleb(0) / decimal.Decimal(2) ** k
            while m.copy_abs() >= 2:
                k, m = k + 1, m / 2
            while m.copy_abs() < 1:
                k, m = k - 1, m * 2
            m_hi[i] = float(m)
            m_lo[i] = float(m - decimal.Decimal(m_hi[i]))
            e[i] = k
    return Reference(m_hi=m_hi, m_lo=m_lo, e=e, text=tuple(strings))


def rounds_to_inf(ref: Reference, dtype: str) -> np.ndarray:
    """True where the exact value rounds to +-inf in ``dtype``."""
    p, _ = FORMATS[dtype]
    emax = np.finfo(dtype).maxexp - 1
    # (2 - 2**-p) * 2**emax, halfway between the largest finite value and the
    # next power of two, ties to the even neighbour: the overflow. For float64
    # the float64 constant is 2.0, and m_hi >= 2.0 means the same thing.
    threshold = 2.0 - 2.0**-p
    a = np.abs(ref.m_hi)
    at = (ref.e == emax) & ((a > threshold) | ((a == threshold) & (ref.direction >= 0)))
    return (a > 0) & ((ref.e > emax) | at)


def rounds_to_nonzero(ref: Reference, dtype: str) -> np.ndarray:
    """True where the exact value rounds to a nonzero number in ``dtype``.

    Half the smallest subnormal ties to zero; a value within the storage
    resolution of it counts as the tie.
    """
    p, emin = FORMATS[dtype]
    a = np.abs(ref.m_hi)
    half = emin - p
    return (a > 0) & ((ref.e > half) | ((ref.e == half) & ((a > 1) | (ref.direction > 0))))


def ulp_exponent(ref: Reference, dtype: str) -> np.ndarray:
    """log2 of ulp(t) in ``dtype`` (see the module docstring)."""
    p, emin = FORMATS[dtype]
    e = np.where(ref.m_hi == 0, emin, ref.e)
    return np.maximum(e, emin) - p + 1


def ulp_error(computed: np.ndarray, ref: Reference, dtype: str) -> np.ndarray:
    """|computed - t| / ulp(t) elementwise; NaN where t is undefined."""
    c = np.asarray(computed, dtype=np.float64)
    s = ulp_exponent(ref, dtype)
    overflow = rounds_to_inf(ref, dtype)
    with np.errstate(invalid="ignore", over="ignore", under="ignore"):
        # In units of ulp(t): both scalings by powers of two are exact unless c
        # is so far off that it overflows, which still reads as a huge error.
        shift = np.clip(ref.e - s, -2000, 2000)
        err = np.abs((np.ldexp(c, -s) - np.ldexp(ref.m_hi, shift)) - np.ldexp(ref.m_lo, shift))
        err = np.where(np.isfinite(c), err, np.inf)
        signed_inf = np.sign(ref.m_hi) * np.inf
        err = np.where(overflow, np.where(c == signed_inf, 0.0, np.inf), err)
    return np.where(np.isnan(ref.m_hi), np.nan, err)


@dataclass(frozen=True)
class Table:
    """One reference file: x and the true f(x), f'(x)."""

    stem: str
    function: str
    params: dict
    x: np.ndarray
    f: Reference
    d: Reference

    @property
    def label(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.function}({args})" if args else self.function

    def ref(self, kind: str) -> Reference:
        return self.f if kind == "f" else self.d

    def derivative_roots(self) -> np.ndarray:
        """Midpoints of the sign changes of the true f' on the finite grid."""
        keep = np.isfinite(self.x) & ~np.isnan(self.d.m_hi) & (self.d.m_hi != 0)
        x, s = self.x[keep], np.sign(self.d.m_hi[keep])
        change = np.nonzero(s[1:] != s[:-1])[0]
        return (x[change] + x[change + 1]) / 2


@functools.cache
def load_table(stem: str) -> Table:
    path = DATA / "elementwise" / f"{stem}.txt"
    function = ""
    params: dict = {}
    xs, fs, ds = [], [], []
    for line in path.read_text().splitlines():
        if line.startswith("# function: "):
            function = line.removeprefix("# function: ")
        elif line.startswith("# params: "):
            params = json.loads(line.removeprefix("# params: "))
        elif line and not line.startswith("#"):
            x, f, d = line.split()
            xs.append(float(x))
            fs.append(f)
            ds.append(d)
    return Table(stem=stem, function=function, params=params,
                 x=np.array(xs, dtype=np.float64), f=parse_values(fs), d=parse_values(ds))


def table_stems() -> list[str]:
    return sorted(p.stem for p in (DATA / "elementwise").glob("*.txt"))


@dataclass(frozen=True)
class SoftmaxRow:
    name: str
    dtype: str
    x: np.ndarray
    softmax: Reference
    log_softmax: Reference


@functools.cache
def load_softmax_row(name: str) -> SoftmaxRow:
    lines = (DATA / "softmax" / f"{name}.txt").read_text().splitlines()
    dtype = next(ln.removeprefix("# dtype: ") for ln in lines if ln.startswith("# dtype: "))
    rows = [ln.split() for ln in lines if ln and not ln.startswith("#")]
    return SoftmaxRow(
        name=name, dtype=dtype, x=np.array([float(r[0]) for r in rows]),
        softmax=parse_values([r[1] for r in rows]),
        log_softmax=parse_values([r[2] for r in rows]),
    )


def softmax_row_names() -> list[str]:
    return sorted(p.stem for p in (DATA / "softmax").glob("*.txt"))


# --------------------------------------------------------------------------
# Accuracy bars (float64). A bar holds on the rows selected by ``where``.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    ulps: float
    domain: str
    where: Callable[[Table], np.ndarray]


def _all(t: Table) -> np.ndarray:
    return np.isfinite(t.x)


def _x_at_least(bound: float) -> Callable[[Table], np.ndarray]:
    return lambda t: np.isfinite(t.x) & (t.x >= bound)


def _gelu_tail(t: Table) -> np.ndarray:
    return (t.x > -38.5) & (t.x < -30)


def _away_from_roots(t: Table) -> np.ndarray:
    keep = np.isfinite(t.x) & (np.abs(t.x) < 700)
    for root in t.derivative_roots():
        keep &= np.abs(t.x - root) > 0.5
    return keep


def _away_from_roots_x_at_least(bound: float) -> Callable[[Table], np.ndarray]:
    return lambda t: _away_from_roots(t) & (t.x >= bound)


ALL = "all finite x"
ROOTS = "|x| < 700 and |x - r| > 0.5 for every root r of f'"

FORWARD_BARS: dict[str, list[Bar]] = {
    **{name: [Bar(1, ALL, _all)] for name in (
        "identity", "binary_step", "relu", "relu6", "leaky_relu", "prelu", "hard_tanh")},
    **{name: [Bar(2, ALL, _all)] for name in (
        "sigmoid", "tanh", "elu", "celu", "softplus", "log_sigmoid", "softsign",
        "hard_sigmoid", "hard_swish")},
    "selu": [Bar(3, ALL, _all)],
    "silu": [Bar(4, ALL, _all)],
    "mish": [Bar(4, ALL, _all)],
    "gelu": [Bar(4, "x >= -30", _x_at_least(-30)), Bar(16, "-38.5 < x < -30", _gelu_tail)],
    "gelu_tanh": [Bar(4, "x >= -1", _x_at_least(-1))],
}

DERIVATIVE_BARS: dict[str, list[Bar]] = {
    **{name: [Bar(4, ALL, _all)] for name in (
        "sigmoid", "tanh", "softplus", "log_sigmoid", "elu", "softsign", "selu", "celu")},
    **{name: [Bar(8, ROOTS, _away_from_roots)] for name in ("silu", "mish", "gelu")},
    "gelu_tanh": [Bar(8, ROOTS + ", x >= -1", _away_from_roots_x_at_least(-1))],
    # Piecewise-linear derivatives are constants or one rounded operation.
    **{name: [Bar(1, ALL, _all)] for name in (
        "identity", "binary_step", "relu", "relu6", "leaky_relu", "prelu", "hard_tanh",
        "hard_sigmoid")},
    "hard_swish": [Bar(2, ALL, _all)],
}

# float32 and float16 results are float64 results rounded once.
LOW_PRECISION_BAR = 1.0
SOFTMAX_BARS = {"softmax": 4.0, "log_softmax": 2.0}


def evaluate(table: Table, kind: str, dtype: str, rows: np.ndarray | None = None) -> np.ndarray:
    """Call the package's f (kind "f") or f' (kind "d") on the table's x in ``dtype``."""
    import activations

    name = table.function if kind == "f" else table.function + "_derivative"
    func = getattr(activations, name)
    x = table.x if rows is None else table.x[rows]
    return func(x.astype(dtype), **table.params)


def representable(x: np.ndarray, dtype: str) -> np.ndarray:
    """Rows whose x is a finite value of ``dtype`` (so the table's truth applies)."""
    with np.errstate(over="ignore"):
        return np.isfinite(x) & (x.astype(dtype).astype(np.float64) == x)


def worst(err: np.ndarray, mask: np.ndarray) -> int | None:
    """Index of the largest error among ``mask`` (NaN = undefined is skipped)."""
    candidates = np.nonzero(mask & ~np.isnan(err))[0]
    if candidates.size == 0:
        return None
    return int(candidates[np.argmax(err[candidates])])
