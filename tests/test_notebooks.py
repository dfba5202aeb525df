"""Each notebook is one experiment told in two languages: one source, same code in both.

docs/notebooks/X.py holds the code cells once and the prose once per language
(activations_site.notebooks). These tests check that every source pairs its
prose, that the two derived notebooks run the same code, and, on deliberately
diverged copies of the real sources, that the checks catch a difference.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest

from activations_site import notebooks as nb

NAMES = [path.stem for path in nb.sources()]


def _derived(source_text: str) -> tuple:
    source = jupytext.reads(source_text, fmt="py:percent")
    return nb.derive(source, "ko"), nb.derive(source, "en")


def test_the_five_notebooks_each_have_one_source() -> None:
    assert len(NAMES) == 5, NAMES
    docs = nb.ROOT / "docs"
    copies = sorted(docs.glob("*/notebooks/*.py"))
    assert not copies, f"a notebook written per language again: {copies}"


@pytest.mark.parametrize("name", NAMES)
def test_every_prose_cell_exists_in_both_languages(name: str) -> None:
    source = nb.read(nb.SOURCES / f"{name}.py")
    assert nb.pairing_problems(source) == []
    prose = [cell for cell in source.cells if cell.cell_type == "markdown"]
    assert prose, f"{name}: no prose"


@pytest.mark.parametrize("name", NAMES)
def test_the_two_derived_notebooks_run_the_same_code(name: str) -> None:
    korean, english = _derived((nb.SOURCES / f"{name}.py").read_text(encoding="utf-8"))
    assert nb.differences(korean, english) == []
    # The title comes first, then the setup cell that sets the language.
    assert [c.cell_type for c in korean.cells[:2]] == ["markdown", "code"]
    assert korean.cells[1].id == nb.SETUP_ID
    assert korean.cells[1].source.count('LANG = "ko"') == 1
    assert english.cells[1].source.count('LANG = "en"') == 1
    # The prose differs (it is translated), cell by cell.
    for ko_cell, en_cell in zip(korean.cells, english.cells, strict=True):
        if ko_cell.cell_type == "markdown":
            assert ko_cell.source != en_cell.source, f"{name}: {ko_cell.id} is not translated"
            assert re.search("[가-힣]", ko_cell.source), f"{name}: {ko_cell.id} has no Korean"


@pytest.mark.parametrize("name", NAMES)
def test_figure_text_follows_lang_not_a_literal(name: str) -> None:
    """Axis labels, titles and legends go through say(ko=..., en=...), which reads LANG."""
    code = "\n".join(
        cell.source for cell in nb.read(nb.SOURCES / f"{name}.py").cells if cell.cell_type == "code"
    )
    call = r"""(?:\.(?:set_[xy]?label|set_title|suptitle)\(\s*|\blabel=)"""
    strings = re.findall(call + r"""[rf]*(["'])(.*?)\1""", code)
    # Formulas ($...$) and values ({...}) read the same in both languages; words do not.
    words = (re.sub(r"\$[^$]*\$|\{[^}]*\}|\\[a-z]", "", text) for _, text in strings)
    literal = [text for text in words if re.search("[A-Za-z가-힣]", text)]
    assert not literal, f"{name}: figure text not written as say(ko=..., en=...): {literal}"


def test_a_code_cell_changed_in_one_language_is_caught() -> None:
    """A diverged copy: the English notebook of a real source with one code line changed."""
    korean, english = _derived((nb.SOURCES / f"{NAMES[0]}.py").read_text(encoding="utf-8"))
    cell = next(c for c in english.cells[1:] if c.cell_type == "code")
    cell.source = cell.source.replace("=", "= 1 +", 1)
    assert nb.differences(korean, english) == [f"code cell {cell.id!r} differs between ko and en"]


def test_a_code_cell_only_one_language_has_is_caught() -> None:
    korean, english = _derived((nb.SOURCES / f"{NAMES[0]}.py").read_text(encoding="utf-8"))
    extra = next(c for c in english.cells if c.cell_type == "code" and c.id != nb.SETUP_ID)
    english.cells.remove(extra)
    (problem,) = nb.differences(korean, english)
    assert f"only in ko [('code', {extra.id!r})]" in problem


def test_a_prose_cell_in_one_language_only_is_caught() -> None:
    """A diverged copy: a real source whose first English prose cell was deleted."""
    text = (nb.SOURCES / f"{NAMES[0]}.py").read_text(encoding="utf-8")
    cells = re.split(r"(?m)^(?=# %%)", text)
    index = next(i for i, cell in enumerate(cells) if 'lang="en"' in cell.split("\n", 1)[0])
    cell_id = re.search(r'id="([^"]+)"', cells[index]).group(1)
    diverged = "".join(cells[:index] + cells[index + 1 :])
    source = jupytext.reads(diverged, fmt="py:percent")
    assert nb.pairing_problems(source) == [
        f"prose cell {cell_id!r} exists in ['ko'], not once in each of ('ko', 'en')"
    ]
    with pytest.raises(ValueError, match=f"prose cell '{cell_id}' exists in"):
        nb.derive(source, "en")


def test_a_code_cell_tagged_with_a_language_is_caught() -> None:
    text = (nb.SOURCES / f"{NAMES[0]}.py").read_text(encoding="utf-8")
    diverged = re.sub(r'(?m)^(# %% id="[^"]+")$', r'\1 lang="ko"', text, count=1)
    problems = nb.pairing_problems(jupytext.reads(diverged, fmt="py:percent"))
    assert len(problems) == 1 and "a code cell exists once" in problems[0]


def test_derive_names_a_bad_language() -> None:
    source = nb.read(nb.SOURCES / f"{NAMES[0]}.py")
    with pytest.raises(ValueError, match=r"derive: language must be one of \('ko', 'en'\)"):
        nb.derive(source, "fr")


def test_korean_figures_use_a_korean_font_and_are_byte_stable() -> None:
    korean, english = (nb.setup_source(language) for language in nb.LANGUAGES)
    assert '"font.family": ["Noto Sans CJK KR", "DejaVu Sans"]' in korean
    assert '"font.family": ["DejaVu Sans"]' in english
    for setup in (korean, english):
        assert '"svg.hashsalt": "activations-notebooks"' in setup
        assert 'metadata={"Date": None}' in setup
    compile(korean, "setup", "exec")


def test_the_derived_source_is_a_runnable_jupytext_notebook(tmp_path: Path) -> None:
    """The .py download reads back as the same cells (what a reader opens in Jupyter)."""
    korean, _ = _derived((nb.SOURCES / f"{NAMES[0]}.py").read_text(encoding="utf-8"))
    text = nb.to_percent(korean)
    again = jupytext.reads(text, fmt="py:percent")
    assert [c.source for c in again.cells] == [c.source for c in korean.cells]
    path = nb.write_if_changed(tmp_path / "x.py", text)
    mtime = path.stat().st_mtime_ns
    nb.write_if_changed(path, text)
    assert path.stat().st_mtime_ns == mtime, "an unchanged notebook was rewritten"
