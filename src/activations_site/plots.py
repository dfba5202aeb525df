"""Draw the SVG figures of the site from the registry: one per activation, one per family.

``plots/{id}.svg`` shows f and f' at the default parameters; ``plots/family-{family}.svg``
overlays the members of a family. Vector-valued activations are drawn along a
one-dimensional slice of their input (see :func:`slice_of`); a gated unit (GLU,
SwiGLU), a function of a value and a gate, also gets ``plots/{id}-inputs.svg``,
which slices it along each of its two inputs (see :func:`two_input_figure`).

Each language gets its own set, drawn by the same code: every word a figure
shows comes from :data:`LABELS` or from the registry's name in that language,
so a Korean page never shows an English legend. Hangul is drawn with Noto Sans
CJK KR (Debian's fonts-noto-cjk), as a fallback behind DejaVu Sans, which
keeps the Latin letters and the math as they were.

The output is byte-deterministic (fixed SVG hash salt, no date, text as paths)
and a file is written only when its bytes change, so ``mkdocs serve`` and other
watchers do not rebuild in a loop. Run ``python scripts/plots.py [OUT_DIR]``;
the docs build runs it through ``hooks/plots.py``.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from activations.registry import FAMILIES, REGISTRY

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "build" / "plots"
STAMP = ".fingerprint"

X_MIN, X_MAX = -7.0, 7.0
SAMPLES = 1401  # step 0.01: kinks at integers and at 0 fall exactly on a sample
F_COLOUR = "#3949ab"
DF_COLOUR = "#e8590c"
FAMILY_COLOURS = ["#3949ab", "#e8590c", "#2b8a3e", "#c2255c", "#1098ad", "#7048e8", "#795548"]
FAMILY_STYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (3, 1)), (0, (1, 1))]

STYLE = {
    "svg.hashsalt": "activations-reference",
    "svg.fonttype": "path",  # no font lookup in the browser; same glyphs everywhere
    "font.family": ["DejaVu Sans", "Noto Sans CJK KR"],
    "font.size": 10.0,
    "axes.edgecolor": "#9e9e9e",
    "axes.linewidth": 0.8,
    "axes.grid": True,
    "grid.color": "#e0e0e0",
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.labelcolor": "#212121",
    "xtick.color": "#424242",
    "ytick.color": "#424242",
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "path.simplify": True,
}

Curve = tuple[np.ndarray, np.ndarray]
LANGUAGES = ("ko", "en")

# Every word a figure shows, per language (math labels are the same in both).
LABELS = {
    "ko": {"inset": r"$x \leq 1$"},
    "en": {"inset": r"$x \leq 1$"},
}


def name_in(entry, language: str) -> str:
    """The registry's display name of ``entry`` in ``language``."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    return getattr(entry, f"name_{language}")


def slice_kind(entry) -> str:
    """How an entry is drawn: "elementwise", "first-of-pair" ([x, 0]) or "tied-halves" ([x, x])."""
    if entry.kind == "elementwise":
        return "elementwise"
    if entry.kind != "vector":
        raise ValueError(f"{entry.id}: unknown kind {entry.kind!r}")
    width = np.asarray(entry.function(np.array([1.0, 0.0]))).shape[-1]
    if width == 2:
        return "first-of-pair"
    if width == 1:
        return "tied-halves"
    raise ValueError(f"{entry.id}: a length-2 input gave {width} outputs")


def slice_of(entry) -> tuple[Callable[[np.ndarray], Curve], str, str]:
    """Return ``curves(x) -> (f, f')`` along a 1-D slice, and the two legend labels.

    Elementwise entries use f and its derivative directly. A vector entry whose
    output has the input's length (softmax, log-softmax) is drawn as the first
    output for the input ``[x, 0]``; one that halves the input (GLU, SwiGLU) as
    the output for tied halves ``[x, x]``. The derivative along the slice is the
    Jacobian applied to the slice direction, so it comes from the registry's own
    Jacobian, not from a finite difference.
    """
    kind = slice_kind(entry)
    if kind == "elementwise":
        return (
            lambda x: (np.asarray(entry.function(x)), np.asarray(entry.derivative(x))),
            r"$f(x)$",
            r"$f'(x)$",
        )
    if kind == "first-of-pair":
        direction = np.array([1.0, 0.0])
        labels = (r"$f([x,\,0])_1$", r"$\partial f([x,\,0])_1/\partial x$")
    else:
        direction = np.array([1.0, 1.0])
        labels = (r"$f([x,\,x])$", r"$\mathrm{d}f([x,\,x])/\mathrm{d}x$")

    def curves(x: np.ndarray) -> Curve:
        points = np.outer(x, direction)
        f = np.array([entry.function(p)[0] for p in points])
        df = np.array([(entry.jacobian(p) @ direction)[0] for p in points])
        return f, df

    return curves, *labels


def broken(x: np.ndarray, y: np.ndarray) -> Curve:
    """Insert NaN at jumps so a discontinuity is not drawn as a vertical line."""
    step = np.abs(np.diff(y))
    span = float(np.nanmax(y) - np.nanmin(y)) or 1.0
    jumps = np.flatnonzero(step > 0.05 * span)
    middle = 0.5 * (x[jumps] + x[jumps + 1])
    return np.insert(x, jumps + 1, middle), np.insert(y, jumps + 1, np.nan)


def jumps(x: np.ndarray, y: np.ndarray, breakpoints: tuple[float, ...]) -> list[tuple]:
    """``(x_b, value, other_side)`` for each jump that sits on a registry breakpoint.

    The grid contains every breakpoint, so the sample at ``x_b`` is the value the
    function returns there (its convention), and the neighbour across the jump
    gives the limit from the other side.
    """
    step = np.abs(np.diff(y))
    span = float(np.nanmax(y) - np.nanmin(y)) or 1.0
    marks = []
    for j in np.flatnonzero(step > 0.05 * span):
        for here, there in ((j, j + 1), (j + 1, j)):
            if any(abs(x[here] - b) < 1e-9 for b in breakpoints):
                marks.append((float(x[here]), float(y[here]), float(y[there])))
                break
    return marks


def draw(ax: Axes, x: np.ndarray, y: np.ndarray, breakpoints: tuple[float, ...], **style) -> None:
    """Plot a curve with gaps at jumps: a filled dot at the value taken, an open one opposite."""
    ax.plot(*broken(x, y), **style)
    for xb, value, other in jumps(x, y, breakpoints):
        ax.plot([xb], [value], "o", color=style["color"], markersize=5, zorder=4)
        ax.plot(
            [xb],
            [other],
            "o",
            color=style["color"],
            markerfacecolor="white",
            markersize=5,
            zorder=4,
        )


def has_jump_marks(entry) -> bool:
    """True when the entry's figure marks a jump (of f or f') with filled and open dots."""
    x = np.linspace(X_MIN, X_MAX, SAMPLES)
    f, df = slice_of(entry)[0](x)
    return bool(jumps(x, f, entry.breakpoints) or jumps(x, df, entry.breakpoints))


def needs_inset(x: np.ndarray, y: np.ndarray) -> bool:
    """True when the left half varies, but by too little to see at full scale."""
    left = y[x <= 0]
    span = float(np.max(y) - np.min(y))
    variation = float(np.max(left) - np.min(left))
    return span > 0 and 0 < variation < 0.06 * span


def draw_inset(ax: Axes, x: np.ndarray, y: np.ndarray, language: str) -> None:
    # Left half, below the legend: the curves of every inset case stay near y = 0 there.
    inset = ax.inset_axes((0.1, 0.26, 0.34, 0.38))
    window = (x >= X_MIN) & (x <= 1.0)
    inset.plot(*broken(x[window], y[window]), color=F_COLOUR, linewidth=1.5)
    left = y[x <= 0]
    low, high = float(np.min(left)), float(np.max(left))
    pad = 0.25 * (high - low)
    inset.set_xlim(X_MIN, 1.0)
    inset.set_ylim(low - pad, high + pad)
    inset.axhline(0.0, color="#9e9e9e", linewidth=0.6)
    inset.tick_params(labelsize=7)
    inset.set_title(LABELS[language]["inset"], fontsize=8)
    inset.set_facecolor("#fafafa")
    for spine in inset.spines.values():
        spine.set_visible(True)
        spine.set_color("#bdbdbd")


def svg_bytes(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buffer.getvalue()


def function_figure(entry, language: str = "en") -> bytes:
    x = np.linspace(X_MIN, X_MAX, SAMPLES)
    curves, f_label, df_label = slice_of(entry)
    f, df = curves(x)
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    ax.axhline(0.0, color="#9e9e9e", linewidth=0.8)
    ax.axvline(0.0, color="#9e9e9e", linewidth=0.8)
    draw(ax, x, f, entry.breakpoints, color=F_COLOUR, label=f_label)
    draw(ax, x, df, entry.breakpoints, color=DF_COLOUR, linestyle="--", label=df_label)
    ax.set_xlim(X_MIN, X_MAX)
    ax.set_xlabel("$x$")
    if needs_inset(x, f):
        draw_inset(ax, x, f, language)
        ax.legend(loc="upper left")
    else:
        ax.legend(loc="best")
    return svg_bytes(fig)


GATE_INPUTS = (-3.0, -1.0, 0.0, 1.0, 3.0)
VALUE_INPUTS = (-2.0, -1.0, 1.0, 2.0)


def two_input_entries() -> list:
    """The gated units: one output from two inputs, a value and a gate."""
    return [entry for entry in REGISTRY.values() if slice_kind(entry) == "tied-halves"]


def value_half(entry) -> int:
    """Which half of the input (0 or 1) is the value, the one the output is linear in."""
    base = float(entry.function(np.array([1.5, 0.7]))[0])
    for half in (0, 1):
        doubled = np.array([1.5, 0.7])
        doubled[half] *= 2.0
        if np.isclose(float(entry.function(doubled)[0]), 2.0 * base, rtol=1e-12, atol=0.0):
            return half
    raise ValueError(f"{entry.id}: the output is linear in neither half")


def two_input_figure(entry) -> bytes:
    """Output against the gate input for fixed values (top) and against the value for fixed gates.

    With the page's names, the first half of the input is $a$ and the second $b$;
    which of them is the value is measured, not assumed (GLU gates $a$ by
    $\\sigma(b)$, SwiGLU gates $b$ by $\\operatorname{SiLU}(a)$).
    """
    value = value_half(entry)
    names = ("a", "b")
    v_name, g_name = names[value], names[1 - value]
    x = np.linspace(X_MIN, X_MAX, SAMPLES)

    def output(v: np.ndarray, g: np.ndarray) -> np.ndarray:
        pair = np.empty((v.size, 2))
        pair[:, value], pair[:, 1 - value] = v, g
        return np.asarray(entry.function(pair))[:, 0]

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(6.4, 6.4))
    panels = (
        (top, VALUE_INPUTS, g_name, v_name, lambda fixed: output(np.full_like(x, fixed), x)),
        (bottom, GATE_INPUTS, v_name, g_name, lambda fixed: output(x, np.full_like(x, fixed))),
    )
    for ax, fixed_values, x_name, fixed_name, curve in panels:
        ax.axhline(0.0, color="#9e9e9e", linewidth=0.8)
        ax.axvline(0.0, color="#9e9e9e", linewidth=0.8)
        for number, fixed in enumerate(fixed_values):
            ax.plot(
                x,
                curve(fixed),
                color=FAMILY_COLOURS[number % len(FAMILY_COLOURS)],
                linestyle=FAMILY_STYLES[number % len(FAMILY_STYLES)],
                label=f"${fixed_name} = {fixed:g}$",
            )
        ax.set_xlim(X_MIN, X_MAX)
        ax.set_xlabel(f"${x_name}$")
        ax.set_ylabel(f"$f([{names[0]},\\,{names[1]}])$")
        ax.legend(loc="upper left", fontsize=9)
    fig.tight_layout()
    return svg_bytes(fig)


def family_figure(family_id: str, members: list, language: str = "en") -> bytes:
    x = np.linspace(X_MIN, X_MAX, SAMPLES)
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    ax.axhline(0.0, color="#9e9e9e", linewidth=0.8)
    ax.axvline(0.0, color="#9e9e9e", linewidth=0.8)
    for number, entry in enumerate(members):
        f, _ = slice_of(entry)[0](x)
        ax.plot(
            *broken(x, f),
            color=FAMILY_COLOURS[number % len(FAMILY_COLOURS)],
            linestyle=FAMILY_STYLES[number % len(FAMILY_STYLES)],
            label=name_in(entry, language),
        )
    ax.set_xlim(X_MIN, X_MAX)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f(x)$")
    ax.legend(loc="upper left", fontsize=9)
    return svg_bytes(fig)


def figures(language: str = "en") -> dict[str, bytes]:
    """Every figure of the site in ``language`` by file name, rendered in memory."""
    out: dict[str, bytes] = {}
    with plt.rc_context(STYLE):
        for entry_id, entry in REGISTRY.items():
            out[f"{entry_id}.svg"] = function_figure(entry, language)
        for entry in two_input_entries():
            out[f"{entry.id}-inputs.svg"] = two_input_figure(entry)
        for family in FAMILIES:
            members = [e for e in REGISTRY.values() if e.family == family.id]
            if not members:
                raise ValueError(f"family {family.id!r} has no registry entry")
            out[f"family-{family.id}.svg"] = family_figure(family.id, members, language)
    return out


def fingerprint(language: str = "en") -> str:
    """Hash of everything a figure depends on: the package, this script, the libraries."""
    digest = hashlib.sha256()
    sources = [*sorted((ROOT / "src" / "activations").rglob("*.py")), Path(__file__)]
    for path in sources:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    digest.update(f"matplotlib {matplotlib.__version__} numpy {np.__version__}".encode())
    digest.update(f"language {language}".encode())
    return digest.hexdigest()


def write(out_dir: Path, *, language: str = "en", force: bool = False) -> list[str]:
    """Write the figures in ``language`` into ``out_dir``; return the names of files whose
    bytes changed.

    Unchanged files are left alone (their mtime too). Unless ``force``, nothing is
    rendered when the fingerprint of the inputs matches the last run's and every
    expected file is present. Stale SVGs (an entry that was removed) are deleted.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = out_dir / STAMP
    expected = {f"{i}.svg" for i in REGISTRY} | {f"family-{f.id}.svg" for f in FAMILIES}
    expected |= {f"{e.id}-inputs.svg" for e in two_input_entries()}
    key = fingerprint(language)
    if (
        not force
        and stamp.is_file()
        and stamp.read_text() == key
        and all((out_dir / name).is_file() for name in expected)
    ):
        return []
    changed = []
    for name, data in figures(language).items():
        path = out_dir / name
        if not path.is_file() or path.read_bytes() != data:
            # Both languages build concurrently and copy these files into their
            # sites: replace atomically so neither can read a half-written SVG.
            partial = path.with_name(f".{name}.{os.getpid()}.tmp")
            partial.write_bytes(data)
            os.replace(partial, path)
            changed.append(name)
    for stale in sorted(out_dir.glob("*.svg")):
        if stale.name not in expected:
            stale.unlink()
            changed.append(stale.name)
    if not stamp.is_file() or stamp.read_text() != key:
        stamp.write_text(key)
    return changed


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    changed = write(out_dir, force=True)
    print(f"{len(changed)} figure(s) changed in {out_dir}")
    return 0
