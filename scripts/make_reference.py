"""Write the high-precision reference tables in ``tests/data/`` with mpmath.

Run from the repository root::

    uv run python scripts/make_reference.py

Every elementwise activation (default parameters plus a few non-default ones)
is evaluated, with its derivative, at 60 significant decimal digits on one
deterministic grid of float64 points, and written with 25 significant digits.
Softmax and log-softmax are evaluated on a few seeded rows. Each value is then
recomputed at 100 digits and the script stops if the two disagree beyond the
25th digit, so a cancellation in a formula below cannot slip into the tables.
``tests/data/README.md`` documents the grid and the file format; the tests in
``tests/test_accuracy.py`` read the tables through ``tests/_ulp.py``.

The formulas below are the textbook definitions rewritten only where a direct
evaluation would cancel catastrophically even at 60 digits (``1 - sigmoid(x)``
at ``x = 1e308``, ``exp(x) - 1`` at ``x = 1e-300``, ``1 + tanh(u)`` at
``u = -1e3``); they are never the float64 tricks of the package under test.
"""

from __future__ import annotations

import functools
import inspect
import json
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import mpmath
import numpy as np
from mpmath import mp, mpf

DPS = 60
CHECK_DPS = 100
DIGITS = 25
SEED = 20261128
# Magnitudes below this are written as +-1e-9999: such a number is far below
# every binary floating-point format's range, only its sign matters, and
# printing exp(-1e308) in full would take hundreds of characters.
TINY = 1 / mpf(10**9999)
# Stand-in for infinity: every f and f' here is within 10**-900 (relatively)
# of its limit at 10**1000, so both round to the same float.
LIMIT_X = mpf(10**1000)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


# --------------------------------------------------------------------------
# Reference definitions. ``x`` is an mpf holding a float64 value exactly.
# --------------------------------------------------------------------------


def sigmoid_mp(x):
    return 1 / (1 + mp.exp(-x))


def sigmoid_prime_mp(x):
    e = mp.exp(-abs(x))
    return e / (1 + e) ** 2


def normal_pdf_mp(x):
    # x*x is formed exactly: rounding it to DPS digits would shift exp's
    # argument by ~x*x*1e-60, which is no longer small once |x| > 1e25.
    return mp.exp(-mp.fmul(x, x, exact=True) / 2) / mp.sqrt(2 * mp.pi)


def normal_cdf_mp(x):
    # mpmath's erfc fails beyond |z| ~ 1e154 and rounding -x/sqrt(2) loses
    # the value for |x| > 1e25; there the asymptotic series (five terms, exact
    # to more than 90 digits for |x| > 1e10) is used instead.
    if x < -(10**10):
        s = mpf(0)
        term = mpf(1)
        for n in range(5):
            s += term
            term *= -(2 * n + 1) / mp.fmul(x, x, exact=True)
        return normal_pdf_mp(x) / -x * s
    if x > 10**10:
        return 1 - normal_cdf_mp(-x)
    return mp.erfc(-x / mp.sqrt(2)) / 2


def selu_constants():
    return _selu_constants(mp.dps)


@functools.cache
def _selu_constants(dps):
    # Klambauer et al. (2017), eq. 14 (alpha_01, lambda_01), in closed form.
    e = mp.e
    c1 = mp.erfc(1 / mp.sqrt(2))
    c2 = mp.erfc(mp.sqrt(2))
    alpha = -mp.sqrt(2 / mp.pi) / (c1 * mp.exp(mpf(1) / 2) - 1)
    lam = (
        (1 - c1 * mp.sqrt(e))
        * mp.sqrt(2 * mp.pi)
        / mp.sqrt(2 * c2 * e**2 + mp.pi * c1**2 * e - 2 * (2 + mp.pi) * c1 * mp.sqrt(e) + mp.pi + 2)
    )
    return alpha, lam


NAN = mpf("nan")


def identity_f(x, p):
    return x


def identity_d(x, p):
    return mpf(1)


def binary_step_f(x, p):
    # The value at 0 is a convention, checked against the registry, not here.
    return NAN if x == 0 else (mpf(1) if x > 0 else mpf(0))


def binary_step_d(x, p):
    return NAN if x == 0 else mpf(0)


def sigmoid_f(x, p):
    return sigmoid_mp(x)


def sigmoid_d(x, p):
    return sigmoid_prime_mp(x)


def tanh_f(x, p):
    return mp.tanh(x)


def tanh_d(x, p):
    return mp.sech(x) ** 2


def hard_sigmoid_f(x, p):
    return min(max((x + 3) / 6, mpf(0)), mpf(1))


def hard_sigmoid_d(x, p):
    if abs(x) == 3:
        return NAN
    return mpf(1) / 6 if abs(x) < 3 else mpf(0)


def hard_tanh_f(x, p):
    return min(max(x, p["min_val"]), p["max_val"])


def hard_tanh_d(x, p):
    if x in (p["min_val"], p["max_val"]):
        return NAN
    return mpf(1) if p["min_val"] < x < p["max_val"] else mpf(0)


def relu_f(x, p):
    return max(x, mpf(0))


def relu_d(x, p):
    return NAN if x == 0 else (mpf(1) if x > 0 else mpf(0))


def relu6_f(x, p):
    return min(max(x, mpf(0)), mpf(6))


def relu6_d(x, p):
    if x in (0, 6):
        return NAN
    return mpf(1) if 0 < x < 6 else mpf(0)


def leaky_relu_f(x, p):
    return x if x > 0 else p["negative_slope"] * x


def leaky_relu_d(x, p):
    return NAN if x == 0 else (mpf(1) if x > 0 else p["negative_slope"])


def prelu_f(x, p):
    return x if x > 0 else p["weight"] * x


def prelu_d(x, p):
    return NAN if x == 0 else (mpf(1) if x > 0 else p["weight"])


def elu_f(x, p):
    return x if x > 0 else p["alpha"] * mp.expm1(x)


def elu_d(x, p):
    if x == 0:
        # Both one-sided derivatives are 1 only when alpha == 1.
        return mpf(1) if p["alpha"] == 1 else NAN
    return mpf(1) if x > 0 else p["alpha"] * mp.exp(x)


def selu_f(x, p):
    alpha, lam = selu_constants()
    return lam * x if x > 0 else lam * alpha * mp.expm1(x)


def selu_d(x, p):
    alpha, lam = selu_constants()
    if x == 0:
        return NAN
    return lam if x > 0 else lam * alpha * mp.exp(x)


def celu_f(x, p):
    return x if x > 0 else p["alpha"] * mp.expm1(x / p["alpha"])


def celu_d(x, p):
    return mpf(1) if x >= 0 else mp.exp(x / p["alpha"])


def softplus_f(x, p):
    return mp.log1p(mp.exp(p["beta"] * x)) / p["beta"]


def softplus_d(x, p):
    return sigmoid_mp(p["beta"] * x)


def softsign_f(x, p):
    return x / (1 + abs(x))


def softsign_d(x, p):
    return 1 / (1 + abs(x)) ** 2


def gelu_f(x, p):
    return x * normal_cdf_mp(x)


def gelu_d(x, p):
    return normal_cdf_mp(x) + x * normal_pdf_mp(x)


GELU_TANH_C = mpf("0.044715")


def gelu_tanh_f(x, p):
    u = mp.sqrt(2 / mp.pi) * (x + GELU_TANH_C * x**3)
    # 0.5 * (1 + tanh(u)) == sigmoid(2u), without the cancellation at u << 0.
    return x * sigmoid_mp(2 * u)


def gelu_tanh_d(x, p):
    u = mp.sqrt(2 / mp.pi) * (x + GELU_TANH_C * x**3)
    du = mp.sqrt(2 / mp.pi) * (1 + 3 * GELU_TANH_C * x**2)
    return sigmoid_mp(2 * u) + x * mp.sech(u) ** 2 * du / 2


def silu_f(x, p):
    return x * sigmoid_mp(p["beta"] * x)


def silu_d(x, p):
    b = p["beta"]
    return sigmoid_mp(b * x) + b * x * sigmoid_mp(b * x) * sigmoid_mp(-b * x)


def hard_swish_f(x, p):
    return x * hard_sigmoid_f(x, p)


def hard_swish_d(x, p):
    if abs(x) == 3:
        return NAN
    if x < -3:
        return mpf(0)
    return (2 * x + 3) / 6 if x < 3 else mpf(1)


def mish_f(x, p):
    return x * mp.tanh(mp.log1p(mp.exp(x)))


def mish_d(x, p):
    sp = mp.log1p(mp.exp(x))
    return mp.tanh(sp) + x * mp.sech(sp) ** 2 * sigmoid_mp(x)


def log_sigmoid_f(x, p):
    return -mp.log1p(mp.exp(-x))


def log_sigmoid_d(x, p):
    return sigmoid_mp(-x)


@dataclass(frozen=True)
class Variant:
    """One (function, parameters) pair and the file its table goes to."""

    function: str
    f: Callable
    d: Callable
    params: dict = field(default_factory=dict)

    @property
    def stem(self) -> str:
        suffix = "".join(f"__{k}={v!r}" for k, v in self.params.items())
        return self.function + suffix


VARIANTS = [
    Variant("identity", identity_f, identity_d),
    Variant("binary_step", binary_step_f, binary_step_d),
    Variant("sigmoid", sigmoid_f, sigmoid_d),
    Variant("tanh", tanh_f, tanh_d),
    Variant("hard_sigmoid", hard_sigmoid_f, hard_sigmoid_d),
    Variant("hard_tanh", hard_tanh_f, hard_tanh_d),
    Variant("relu", relu_f, relu_d),
    Variant("relu6", relu6_f, relu6_d),
    Variant("leaky_relu", leaky_relu_f, leaky_relu_d),
    Variant("prelu", prelu_f, prelu_d),
    Variant("elu", elu_f, elu_d),
    Variant("selu", selu_f, selu_d),
    Variant("celu", celu_f, celu_d),
    Variant("softplus", softplus_f, softplus_d),
    Variant("softsign", softsign_f, softsign_d),
    Variant("gelu", gelu_f, gelu_d),
    Variant("gelu_tanh", gelu_tanh_f, gelu_tanh_d),
    Variant("silu", silu_f, silu_d),
    Variant("hard_swish", hard_swish_f, hard_swish_d),
    Variant("mish", mish_f, mish_d),
    Variant("log_sigmoid", log_sigmoid_f, log_sigmoid_d),
    # Non-default parameters.
    Variant("leaky_relu", leaky_relu_f, leaky_relu_d, {"negative_slope": 0.2}),
    Variant("softplus", softplus_f, softplus_d, {"beta": 2.0}),
    Variant("softplus", softplus_f, softplus_d, {"beta": 0.5}),
    Variant("elu", elu_f, elu_d, {"alpha": 0.5}),
    Variant("celu", celu_f, celu_d, {"alpha": 2.0}),
    Variant("silu", silu_f, silu_d, {"beta": 1.702}),
    Variant("hard_tanh", hard_tanh_f, hard_tanh_d, {"min_val": -2.0, "max_val": 0.5}),
]

# Defaults (PyTorch's) filled in for the reference formula; only the
# non-default ones are passed to the package and recorded in the file name.
DEFAULTS = {
    "leaky_relu": {"negative_slope": 0.01},
    "prelu": {"weight": 0.25},
    "elu": {"alpha": 1.0},
    "celu": {"alpha": 1.0},
    "softplus": {"beta": 1.0},
    "silu": {"beta": 1.0},
    "hard_tanh": {"min_val": -1.0, "max_val": 1.0},
}


# --------------------------------------------------------------------------
# The grid.
# --------------------------------------------------------------------------

# ln of the largest finite value, of the smallest normal and of half the
# smallest subnormal (below which exp(x) rounds to 0) for each format.
EXP_EDGES = {
    name: (
        math.log(float(np.finfo(name).max)),
        emin * math.log(2.0),
        (emin - mant - 1) * math.log(2.0),
    )
    for name, emin, mant in (("float64", -1022, 52), ("float32", -126, 23), ("float16", -14, 10))
}

# Branch points and cut-offs of the package's implementations (read from
# src/activations/*.py: e.g. softplus's 708, tanh's 350/354/400, gelu's -2, 26.55,
# 36.5, 40, 60, celu's |x/alpha| = 709 and 2048, softsign's 1e150, the scaled
# exponentials' 2**-960, 700, 1418, 1455) and of well-known stable formulas
# (log1p(exp(-x)) == exp(-x) from 36.74, float64 tanh saturating at 19.06,
# erf's method changes at 0.84375, 1.25, 2.857, 6), plus the hard_* breakpoints.
THRESHOLDS = [
    2.0**-960,
    0.5,
    0.84375,
    1.25,
    2.0,
    2.857,
    3.0,
    6.0,
    8.0,
    18.0,
    19.0615,
    20.0,
    26.55,
    30.0,
    33.3,
    36.5,
    36.7368005696771,
    37.0,
    38.5,
    40.0,
    60.0,
    350.0,
    354.0,
    400.0,
    700.0,
    708.0,
    709.0,
    1418.0,
    1455.0,
    2048.0,
    2.0**52,
    1.0e16,
    1.0e150,
    # cube and square root of the largest float64: x**3 and x*x overflow there.
    float(np.cbrt(np.finfo(np.float64).max)),
    float(np.sqrt(np.finfo(np.float64).max)),
]


# The largest errors found off the grid, kept as regression points: issue 12's
# (an independent 279k-point mpmath grid) and those of
# ``scripts/ulp_table.py --dense`` (seeds 1 and 2), for the self-gated functions
# whose docstrings state a measured maximum.
WORST_POINTS = {
    "mish": [-16.743467867563915, -4.24231632133298, -2.2104324152736754, 0.049852393586216515],
    "gelu": [-9.906206928381973],
    "gelu'": [-1.2538797595730076],
    "silu": [-36.89263694845223],
    "silu'": [-0.02109440432605969],
    "mish'": [-0.5980262093875395],
}


def _around(c: float, rng: np.random.Generator, n: int, width: float = 1.0) -> list[float]:
    pts = [c, np.nextafter(c, np.inf), np.nextafter(c, -np.inf)]
    pts += list(rng.uniform(c - width, c + width, n))
    return pts


def make_grid() -> tuple[np.ndarray, dict]:
    """Return the sorted float64 grid and a description of its parts."""
    rng = np.random.default_rng(SEED)
    parts: dict[str, list[float]] = {}
    parts["uniform [-1000, 1000], 300 seeded points"] = list(rng.uniform(-1000, 1000, 300))
    parts["uniform [-40, 40], 500 seeded points"] = list(rng.uniform(-40, 40, 500))
    parts["uniform [-4, 4], 200 seeded points"] = list(rng.uniform(-4, 4, 200))
    parts["uniform [-38.6, -30], 40 seeded points (gelu tail)"] = list(rng.uniform(-38.6, -30, 40))
    parts["round values -10..10 step 0.25 and the integers +-11..+-50, +-100, +-1000"] = list(
        np.arange(-40, 41) * 0.25
    ) + [s * float(k) for s in (1, -1) for k in [*range(11, 51), 100, 1000]]
    mags = 10.0 ** rng.uniform(-300, 308, 120)
    parts["+-10**U(-300, 308), 120 seeded magnitudes"] = list(mags) + list(-mags)
    sub = 2.0 ** rng.uniform(-1074, -1022, 12)
    specials = [
        5e-324,
        1e-323,
        2.0**-1022 - 2.0**-1074,
        2.0**-1022,
        2.0**-1021,
        float(np.finfo(np.float64).max),
        1e-300,
        1e-200,
        1e-100,
        1e-30,
        1e-17,
        2.0**-53,
        1e-16,
        1e-10,
        1e-8,
        1e-5,
        1e-3,
    ]
    parts["subnormals 2**U(-1074, -1022) (12 seeded) and special magnitudes, both signs"] = [
        s * v for s in (1, -1) for v in [*sub, *specials]
    ] + [0.0, -0.0]
    edges = []
    for fmt, cs in EXP_EDGES.items():
        for c in cs:
            for s in (1, -1):
                edges += _around(s * c, rng, 24 if fmt == "float64" else 12)
    parts[
        "+-1 windows (24/12/12 seeded points + the edge and its neighbours) around ln of "
        "max, min normal and half min subnormal of float64/float32/float16, both signs"
    ] = edges
    th = []
    for c in THRESHOLDS:
        for s in (1, -1):
            th += _around(s * c, rng, 6, width=c / 4 if c < 4 else max(1.0, c * 1e-3))
    parts[
        "6 seeded points within +-c/4 (c < 4), +-1 or +-c/1000 (c > 1000) of each "
        "internal threshold c, the threshold "
        "and its float64 neighbours, both signs"
    ] = th
    base = np.unique(np.concatenate([np.asarray(v, dtype=np.float64) for v in parts.values()]))
    # Points exactly representable in float32 and float16, so that those dtypes
    # are checked against the true value at the rounded input.
    with np.errstate(over="ignore"):
        f32 = base[rng.random(base.size) < 0.25].astype(np.float32).astype(np.float64)
        f16 = base[rng.random(base.size) < 0.3].astype(np.float16).astype(np.float64)
    parts_cast = {
        "float32(x) for a seeded 25% of the points above": f32[np.isfinite(f32)],
        "float16(x) for a seeded 30% of the points above": f16[np.isfinite(f16)],
        "float32/float16 extremes (max, min normal, min subnormal, both signs)": [
            s * v
            for s in (1, -1)
            for v in (
                float(np.finfo(np.float32).max),
                2.0**-126,
                2.0**-149,
                65504.0,
                2.0**-14,
                2.0**-24,
            )
        ],
        # Added after the seeded draws above, which they therefore leave unchanged.
        "worst points found off the grid (WORST_POINTS)": [
            x for points in WORST_POINTS.values() for x in points
        ],
    }
    allpts = np.concatenate([base] + [np.asarray(v, dtype=np.float64) for v in parts_cast.values()])
    # np.unique would merge +0.0 and -0.0; keep both zeros.
    nonzero = np.unique(allpts[allpts != 0])
    grid = np.concatenate([nonzero[nonzero < 0], [-0.0, 0.0], nonzero[nonzero > 0]])
    description = {
        **{k: len(v) for k, v in parts.items()},
        **{k: len(v) for k, v in parts_cast.items()},
    }
    return grid, description


# --------------------------------------------------------------------------
# Output.
# --------------------------------------------------------------------------


def fmt(v) -> str:
    if mp.isnan(v):
        return "nan"
    if v == 0:
        return "0.0"
    if abs(v) < TINY:
        return "1e-9999" if v > 0 else "-1e-9999"
    return mp.nstr(v, DIGITS, min_fixed=-4, max_fixed=DIGITS)


def close(a, b) -> bool:
    if mp.isnan(a) or mp.isnan(b):
        return bool(mp.isnan(a) and mp.isnan(b))
    if abs(a) < TINY and abs(b) < TINY:
        return bool(mp.sign(a) == mp.sign(b))
    return bool(abs(a - b) <= abs(b) * mpf(10) ** -(DIGITS + 3))


def evaluate(func: Callable, x: mpf, params: dict):
    """Value at DPS digits, checked against a CHECK_DPS-digit evaluation."""
    with mp.workdps(DPS):
        p = {k: mpf(v) for k, v in params.items()}
        v = func(x, p)
    with mp.workdps(CHECK_DPS):
        p = {k: mpf(v) for k, v in params.items()}
        w = func(x, p)
    if not close(v, w):
        raise SystemExit(
            f"{func.__name__}({x!r}): {DPS} and {CHECK_DPS} digits disagree: "
            f"{mp.nstr(v, 30)} vs {mp.nstr(w, 30)}"
        )
    return v


def header_source(*funcs: Callable) -> list[str]:
    lines = []
    for func in funcs:
        lines += ["#   " + line for line in inspect.getsource(func).rstrip().splitlines()]
    return lines


def write_elementwise(variant: Variant, grid: np.ndarray, description: dict) -> Path:
    params = {**DEFAULTS.get(variant.function, {}), **variant.params}
    helpers = [
        sigmoid_mp,
        sigmoid_prime_mp,
        normal_cdf_mp,
        normal_pdf_mp,
        selu_constants,
        _selu_constants,
    ]
    used = [
        h
        for h in helpers
        if h.__name__ in inspect.getsource(variant.f) + inspect.getsource(variant.d)
    ]
    nested = [
        h
        for h in helpers
        if h not in used and any(h.__name__ in inspect.getsource(u) for u in used)
    ]
    lines = [
        f"# reference table for activations.{variant.function}"
        f" and activations.{variant.function}_derivative",
        f"# function: {variant.function}",
        f"# params: {json.dumps(variant.params)}",
        f"# reference parameters (defaults filled in): {json.dumps(params)}",
        f"# generated by: uv run python scripts/make_reference.py (mpmath {mpmath.__version__}, "
        f"numpy {np.__version__}, Python {sys.version.split()[0]})",
        f"# precision: mp.dps = {DPS}, every value re-checked at mp.dps = {CHECK_DPS}; "
        f"values written with mp.nstr(v, {DIGITS}) (25 significant digits)",
        f"# grid: {grid.size} float64 points, seed {SEED}, parts (before merging duplicates):",
        *[f"#   {n:5d}  {k}" for k, n in description.items()],
        "# reference definitions (x and parameters are mpf copies of the float64 values; "
        "p = reference parameters):",
        *header_source(variant.f, variant.d, *used, *nested),
        "# columns: x (Python repr, round-trips to the exact float64) f(x) f'(x); 'nan' marks a "
        "kink (one-sided values differ); +-1e-9999 stands for a nonzero value of magnitude "
        "below 10**-9999",
        "# the rows x = -inf and x = inf hold f and f' at x = -+10**1000: rounded to any float "
        "format they are the limits at -+infinity",
    ]
    points = [
        ("-inf", -LIMIT_X),
        *((repr(float(v)), mpf(float(v))) for v in grid),
        ("inf", LIMIT_X),
    ]
    for label, x in points:
        fv = evaluate(variant.f, x, params)
        dv = evaluate(variant.d, x, params)
        lines.append(f"{label} {fmt(fv)} {fmt(dv)}")
    path = DATA / "elementwise" / f"{variant.stem}.txt"
    path.write_text("\n".join(lines) + "\n")
    return path


# --------------------------------------------------------------------------
# Softmax rows.
# --------------------------------------------------------------------------


def softmax_rows() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(SEED + 1)
    rows: dict[str, np.ndarray] = {}
    rows["normal-1-n16"] = rng.standard_normal(16)
    rows["normal-30-n16"] = 30 * rng.standard_normal(16)
    rows["normal-1-n1000"] = rng.standard_normal(1000)
    rows["normal-30-n1000"] = 30 * rng.standard_normal(1000)
    dominant = rng.standard_normal(64)
    dominant[17] = 40.0
    rows["dominant-40-n64"] = dominant
    dominant = rng.standard_normal(64)
    dominant[5] = 800.0
    rows["dominant-800-n64"] = dominant
    rows["offset+1000-n16"] = 1000 + rng.standard_normal(16)
    rows["offset-1000-n16"] = -1000 + rng.standard_normal(16)
    for name in list(rows):
        rows[name + "-float32"] = rows[name].astype(np.float32).astype(np.float64)
    return rows


def log_softmax_mp(xs: list) -> list:
    m = max(xs)
    k = xs.index(m)
    # sum over the other entries, so that log(1 + tiny) keeps its digits.
    rest = mp.fsum(mp.exp(v - m) for i, v in enumerate(xs) if i != k)
    lse = mp.log1p(rest)
    return [v - m - lse for v in xs]


def write_softmax(name: str, row: np.ndarray) -> Path:
    xs = [mpf(float(v)) for v in row]
    with mp.workdps(DPS):
        ls = log_softmax_mp(xs)
        sm = [mp.exp(v) for v in ls]
    with mp.workdps(CHECK_DPS):
        ls2 = log_softmax_mp(xs)
        sm2 = [mp.exp(v) for v in ls2]
    for a, b in zip([*ls, *sm], [*ls2, *sm2], strict=True):
        if not close(a, b):
            raise SystemExit(f"softmax row {name}: {DPS}/{CHECK_DPS}-digit mismatch")
    lines = [
        f"# reference row for activations.softmax / activations.log_softmax: {name}",
        f"# dtype: {'float32' if name.endswith('float32') else 'float64'}",
        f"# generated by: uv run python scripts/make_reference.py (mpmath {mpmath.__version__}, "
        f"numpy {np.__version__}), rows from numpy.random.default_rng({SEED + 1}) in the order "
        "of softmax_rows() (see tests/data/README.md)",
        f"# precision: mp.dps = {DPS}, re-checked at {CHECK_DPS}; values mp.nstr(v, {DIGITS})",
        "# reference definitions:",
        *header_source(log_softmax_mp),
        "#   softmax = [mp.exp(v) for v in log_softmax_mp(xs)]",
        "# columns: x (Python repr) softmax(x)_i log_softmax(x)_i",
    ]
    for v, s, ls_ in zip(row, sm, ls, strict=True):
        lines.append(f"{float(v)!r} {fmt(s)} {fmt(ls_)}")
    path = DATA / "softmax" / f"{name}.txt"
    path.write_text("\n".join(lines) + "\n")
    return path


def main() -> None:
    start = time.perf_counter()
    mp.dps = DPS
    for sub in ("elementwise", "softmax"):
        folder = DATA / sub
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.txt"):
            old.unlink()
    grid, description = make_grid()
    total = 0
    for variant in VARIANTS:
        t0 = time.perf_counter()
        path = write_elementwise(variant, grid, description)
        total += path.stat().st_size
        print(
            f"{path.relative_to(ROOT)}: {grid.size} rows, {path.stat().st_size / 1e3:.0f} kB,"
            f" {time.perf_counter() - t0:.1f} s",
            flush=True,
        )
    for name, row in softmax_rows().items():
        path = write_softmax(name, row)
        total += path.stat().st_size
        print(f"{path.relative_to(ROOT)}: {row.size} rows", flush=True)
    print(f"total {total / 1e6:.2f} MB in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
