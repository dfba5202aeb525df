"""Print the maximum ULP error of every activation and derivative against the references.

Run from the repository root::

    uv run python scripts/ulp_table.py            # Markdown table
    uv run python scripts/ulp_table.py --worst    # plus the worst x of every cell

Columns: float64 forward and derivative measured on the domain of the bar that
``tests/test_accuracy.py`` asserts (the bar is shown as ``<= n``; where a
function has no bar, the whole grid), the whole-grid float64 maximum when it
differs, then float32 and float16 (grid points representable in that dtype,
bar 1 ULP). The definition of the ULP error is in ``tests/_ulp.py``.
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


def main() -> None:
    show_worst = "--worst" in sys.argv[1:]
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
