"""The notebooks are one experiment told in two languages: same cells, same code."""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
NAMES = sorted(path.name for path in (DOCS / "ko" / "notebooks").glob("*.py"))


def _cells(language: str, name: str) -> list[tuple[str, str]]:
    notebook = jupytext.read(DOCS / language / "notebooks" / name)
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


def test_every_notebook_exists_in_both_languages() -> None:
    english = sorted(path.name for path in (DOCS / "en" / "notebooks").glob("*.py"))
    assert NAMES, "no notebook found under docs/ko/notebooks"
    assert english == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_code_cells_are_identical_in_both_languages(name: str) -> None:
    korean, english = _cells("ko", name), _cells("en", name)
    assert [kind for kind, _ in korean] == [kind for kind, _ in english], (
        f"{name}: the two languages have a different cell structure"
    )
    for index, ((kind, ko_source), (_, en_source)) in enumerate(zip(korean, english, strict=True)):
        if kind == "code":
            assert ko_source == en_source, f"{name}: code cell {index} differs between ko and en"

