"""Print the maximum ULP error of every activation and derivative against the references.

Run from the repository root::

    uv run python scripts/ulp_table.py            # Markdown table
    uv run python scripts/ulp_table.py --worst    # plus the worst x of every cell
    uv run python scripts/ulp_table.py --dense 100000 --only mish   # see below

Columns: float64 forward and derivative measured on the domain of the bar that
``tests/test_accuracy.py`` asserts (the bar is shown as ``<= n``; where a
function has no bar, the whole grid), the whole-grid float64 maximum when it
differs, then float32 and float16 (grid points representable in that dtype,
bar 1 ULP). The definition of the ULP error is in ``tests/_ulp.py``.

``--dense N`` measures the self-gated functions (gelu, silu, mish and their
derivatives, the ones whose docstrings state a measured maximum) in float64 on
``N`` further seeded random points per function, against mpmath at 40 digits
with the formulas of ``scripts/make_reference.py``: 40% uniform on
``[-40, 40]``, 25% on ``[-5, 5]``, 10% on ``[-38.6, -30]`` (GELU's tail),
10% on ``[-745, -40]``, 10% on ``[-1, 1]`` and 5% ``+-10**U(-20, 3)``. It
prints the maximum over all of them and, for the derivatives, over the domain of
the bar (``|x| < 700`` and more than 0.5 from the root), each with its ``x``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def _load_ulp():
    spec = importlib.util.spec_from_file_location("_activations_ulp", ROOT / "tests" / "_ulp.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


U = _load_ulp()


def _cell(err: np.ndarray, mask: np.ndarray, x: np.ndarray, show_worst: bool) -> str:
    i = U.worst(err, mask)
    if i is None:
        return "-"
    text = f"{err[i]:.3g}"
    if show_worst:
        text += f" @ {x[i]!r}"
    return text


def rows(show_worst: bool = False) -> list[list[str]]:
    out = []
    for stem in U.table_stems():
        t = U.load_table(stem)
        row = [t.label]
        for kind, bars in (("f", U.FORWARD_BARS), ("d", U.DERIVATIVE_BARS)):
            finite = np.isfinite(t.x)
            err = U.ulp_error(U.evaluate(t, kind, "float64"), t.ref(kind), "float64")
            parts = []
            for bar in bars.get(t.function, []):
                parts.append(
                    f"{_cell(err, bar.where(t), t.x, show_worst)} (<= {bar.ulps:g}"
                    + ("" if bar.domain == U.ALL else f", {bar.domain}")
                    + ")"
                )
            whole = _cell(err, finite, t.x, show_worst)
            if not parts or any(bar.domain != U.ALL for bar in bars.get(t.function, [])):
                parts.append(f"{whole} (all x)")
            row.append("; ".join(parts))
        for dtype in ("float32", "float16"):
            rep = U.representable(t.x, dtype)
            for kind in ("f", "d"):
                err = np.full(t.x.shape, np.nan)
                err[rep] = U.ulp_error(
                    U.evaluate(t, kind, dtype, rep), t.ref(kind).take(rep), dtype
                )
                row.append(_cell(err, rep, t.x, show_worst))
        out.append(row)
    return out


def softmax_rows() -> list[list[str]]:
    import activations

    out = []
    for name in U.softmax_row_names():
        r = U.load_softmax_row(name)
        x = r.x.astype(r.dtype)
        cells = [name, r.dtype]
        for fname in ("softmax", "log_softmax"):
            err = U.ulp_error(getattr(activations, fname)(x), getattr(r, fname), r.dtype)
            cells.append(f"{np.nanmax(err):.3g}")
        out.append(cells)
    return out


DENSE = ("gelu", "silu", "mish")


def dense_points(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    counts = [int(n * f) for f in (0.4, 0.25, 0.1, 0.1, 0.1)]
    mags = 10.0 ** rng.uniform(-20, 3, n - sum(counts))
    x = np.concatenate([
        rng.uniform(-40, 40, counts[0]),
        rng.uniform(-5, 5, counts[1]),
        rng.uniform(-38.6, -30, counts[2]),
        rng.uniform(-745, -40, counts[3]),
        rng.uniform(-1, 1, counts[4]),
        mags * rng.choice([-1.0, 1.0], mags.size),
    ])
    return np.sort(x)


def _load_reference_formulas():
    spec = importlib.util.spec_from_file_location("_make_reference", ROOT / "scripts" /
                                                  "make_reference.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def dense(n: int, seed: int, only: list[str]) -> None:
    from mpmath import mp, mpf

    import activations

    ref = _load_reference_formulas()
    x = dense_points(n, seed)
    roots = {"gelu": -0.7517916243, "silu": -1.2784645428, "mish": -1.1923689908}
    print(f"# {x.size} seeded points (seed {seed}), mpmath at 40 digits")
    print("| function | max ULP (all x) | max ULP (bar's domain) |")
    print("|---|---|---|")
    for name in only:
        params = {"silu": {"beta": 1.0}}.get(name, {})
        for kind, suffix in (("f", ""), ("d", "_derivative")):
            formula = getattr(ref, f"{name}_{kind}")
            with mp.workdps(40):
                p = {k: mpf(v) for k, v in params.items()}
                strings = [mp.nstr(formula(mpf(float(v)), p), 25) for v in x]
            truth = U.parse_values(strings)
            computed = getattr(activations, name + suffix)(x)
            err = U.ulp_error(computed, truth, "float64")
            everywhere = np.ones(x.shape, dtype=bool)
            cells = [_cell(err, everywhere, x, True)]
            if kind == "d":
                bar = (np.abs(x) < 700) & (np.abs(x - roots[name]) > 0.5)
                cells.append(_cell(err, bar, x, True))
            else:
                cells.append("(same)")
            print(f"| {name}{suffix} | " + " | ".join(cells) + " |", flush=True)


def main() -> None:
    argv = sys.argv[1:]
    if "--dense" in argv:
        n = int(float(argv[argv.index("--dense") + 1]))
        seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 1
        only = argv[argv.index("--only") + 1:] if "--only" in argv else list(DENSE)
        dense(n, seed, [name for name in only if not name.startswith("--")])
        return
    show_worst = "--worst" in argv
    header = [
        "function",
        "float64 f",
        "float64 f'",
        "float32 f",
        "float32 f'",
        "float16 f",
        "float16 f'",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows(show_worst):
        print("| " + " | ".join(row) + " |")
    print()
    print("| softmax row | dtype | softmax (<= 4 / 1) | log_softmax (<= 2 / 1) |")
    print("|---|---|---|---|")
    for row in softmax_rows():
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
