"""One jupytext source per notebook, from which the Korean and English notebooks are derived.

A source (``docs/notebooks/X.py``, jupytext percent format) holds each code
cell once and each prose cell once per language, as a pair sharing an id::

    # %% [markdown] id="title" lang="ko"
    # # 기울기 소실, 직접 재어 보기

    # %% [markdown] id="title" lang="en"
    # # Vanishing gradients, measured

    # %% id="measure"
    ...

:func:`derive` keeps the code cells and one language's prose, and puts after the
title a code cell (:func:`setup_source`) that sets ``LANG`` and the figure style. Figure
text goes through ``say(ko=..., en=...)``, which reads ``LANG``: the same code
draws a Korean figure in the Korean notebook. :func:`differences` compares two
derived notebooks, so a test can prove they tell the same experiment.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import jupytext
import nbformat
from nbformat import NotebookNode

from activations_site.files import write_if_changed  # noqa: F401 (used by hooks and notebook_run)

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "docs" / "notebooks"
LANGUAGES = ("ko", "en")
SETUP_ID = "page-language"
SVG_SALT = "activations-notebooks"
# The palette of the site's figures (Okabe-Ito), one colour per activation.
COLORS = {
    "identity": "#000000",
    "sigmoid": "#0072B2",
    "tanh": "#009E73",
    "relu": "#D55E00",
    "leaky_relu": "#CC79A7",
    "gelu": "#E69F00",
    "selu": "#56B4E9",
}
FONTS = {"ko": ["Noto Sans CJK KR", "DejaVu Sans"], "en": ["DejaVu Sans"]}
STYLE = {
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "font.size": 11,
    "axes.titlesize": 12,
    "legend.fontsize": 10,
    "axes.edgecolor": "#555555",
    "axes.labelcolor": "#222222",
    "text.color": "#222222",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "axes.grid": True,
    "grid.color": "#e0e0e0",
    "legend.frameon": False,
    # Glyphs as paths: the figure looks the same without the font installed.
    "svg.fonttype": "path",
    # Element ids derive from this salt, not from a random one: same bytes every run.
    "svg.hashsalt": SVG_SALT,
}


def setup_source(language: str) -> str:
    """The setup cell of the derived notebook (after the title): language and figure style."""
    _check_language(language)
    style = dict(STYLE, **{"font.family": FONTS[language]})
    style_lines = "".join(f"        {_py(key)}: {_py(value)},\n" for key, value in style.items())
    color_lines = "".join(f"    {_py(key)}: {_py(value)},\n" for key, value in COLORS.items())
    return (
        "# The language of this notebook. Figure titles, axis labels and legends are\n"
        "# written as say(ko=..., en=...), which picks the text for LANG.\n"
        f'LANG = "{language}"\n'
        "\n"
        "import matplotlib.pyplot as plt\n"
        "from matplotlib_inline.backend_inline import set_matplotlib_formats\n"
        "\n"
        "\n"
        "def say(*, ko: str, en: str) -> str:\n"
        '    return {"ko": ko, "en": en}[LANG]\n'
        "\n"
        "\n"
        "# SVG figures stay sharp when zoomed; without a date they are byte-identical\n"
        "# from one run to the next.\n"
        'set_matplotlib_formats("svg", metadata={"Date": None})\n'
        "plt.rcParams.update(\n"
        "    {\n"
        f"{style_lines}"
        "    }\n"
        ")\n"
        "COLORS = {\n"
        f"{color_lines}"
        "}"
    )


def _py(value: object) -> str:
    """A Python literal in the project's style (double-quoted strings)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_py(item) for item in value) + "]"
    return repr(value)


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"derive: language must be one of {LANGUAGES}, got {language!r}")


def read(path: Path) -> NotebookNode:
    """Read a notebook source (jupytext percent format)."""
    return jupytext.read(path)


def pairing_problems(source: NotebookNode) -> list[str]:
    """What keeps ``source`` from being one experiment in two languages (empty if nothing)."""
    problems = []
    prose: dict[str, list[str]] = {}
    for index, cell in enumerate(source.cells):
        cell_id = cell.metadata.get("id")
        language = cell.metadata.get("lang")
        where = f"cell {index} (id {cell_id!r})"
        if not cell_id:
            problems.append(f"{where} has no id")
        if cell.cell_type == "markdown":
            if language not in LANGUAGES:
                problems.append(f"{where}: a prose cell needs lang= one of {LANGUAGES}")
                continue
            prose.setdefault(cell_id, []).append(language)
        elif language is not None:
            problems.append(f"{where}: a code cell exists once, for every language (drop lang=)")
    for cell_id, languages in prose.items():
        if sorted(languages) != sorted(LANGUAGES):
            problems.append(
                f"prose cell {cell_id!r} exists in {languages}, not once in each of {LANGUAGES}"
            )
    code_ids = [c.metadata.get("id") for c in source.cells if c.cell_type == "code"]
    clashes = (set(code_ids) & set(prose)) | {i for i in code_ids if code_ids.count(i) > 1}
    if SETUP_ID in code_ids or SETUP_ID in prose:
        clashes.add(SETUP_ID)
    problems += [f"cell id {cell_id!r} is used twice" for cell_id in sorted(clashes, key=str)]
    return problems


def derive(source: NotebookNode, language: str) -> NotebookNode:
    """The notebook of one language: every code cell, that language's prose, the setup cell."""
    _check_language(language)
    problems = pairing_problems(source)
    if problems:
        raise ValueError("derive: the notebook source is not paired: " + "; ".join(problems))
    setup = nbformat.v4.new_code_cell(setup_source(language), id=SETUP_ID)
    cells = []
    for cell in source.cells:
        if cell.cell_type == "markdown" and cell.metadata["lang"] != language:
            continue
        derived = copy.deepcopy(cell)
        cell_id = derived.metadata.pop("id")
        derived.metadata.pop("lang", None)
        derived["id"] = cell_id  # stable ids: the .ipynb download is reproducible
        cells.append(derived)
    # After the title: the notebook opens with its question, then sets up.
    first_prose = next((i for i, c in enumerate(cells) if c.cell_type == "markdown"), -1)
    cells.insert(first_prose + 1, setup)
    notebook = nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(source.metadata))
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def differences(korean: NotebookNode, english: NotebookNode) -> list[str]:
    """How two derived notebooks differ beyond their prose and LANG (empty if they do not)."""
    found = []
    ko_cells = [(c.cell_type, c.get("id")) for c in korean.cells]
    en_cells = [(c.cell_type, c.get("id")) for c in english.cells]
    if ko_cells != en_cells:
        only_ko = [cell for cell in ko_cells if cell not in en_cells]
        only_en = [cell for cell in en_cells if cell not in ko_cells]
        found.append(
            f"different cells: only in ko {only_ko}, only in en {only_en}"
            if only_ko or only_en
            else "the same cells in a different order"
        )
        return found
    for ko_cell, en_cell in zip(korean.cells, english.cells, strict=True):
        if ko_cell.cell_type != "code":
            continue
        ko_source, en_source = ko_cell.source, en_cell.source
        if ko_cell.get("id") == SETUP_ID:
            ko_source = ko_source.replace(setup_source("ko"), setup_source("en"))
        if ko_source != en_source:
            found.append(f"code cell {ko_cell.get('id')!r} differs between ko and en")
    return found


def to_percent(notebook: NotebookNode) -> str:
    """The derived notebook as jupytext percent text (the .py download)."""
    text = jupytext.writes(notebook, fmt="py:percent")
    return text


def to_ipynb(notebook: NotebookNode) -> str:
    """The notebook as .ipynb JSON with sorted keys, so equal notebooks give equal bytes."""
    nbformat.validate(notebook)
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def digest(text: str | bytes) -> str:
    data = text.encode() if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()[:16]


def sources() -> list[Path]:
    return sorted(SOURCES.glob("*.py"))
