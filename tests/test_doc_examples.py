"""docs/conftest.py: how the Markdown pages' code blocks run (Sybil).

Each block starts from an empty namespace, and a block whose text already
passed in the process is held to that outcome instead of running again (the
English pages' blocks are the Korean pages'). A block that failed is never
taken as passed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def docs_conftest() -> object:
    """A fresh copy of docs/conftest.py (its record of passed blocks starts empty)."""
    path = ROOT / "docs" / "conftest.py"
    spec = importlib.util.spec_from_file_location("docs_conftest_copy", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(module: object, page: Path) -> list[str]:
    """Evaluate every example of ``page`` as the suite does; the failures."""
    from sybil import Sybil
    from sybil.parsers.markdown import PythonCodeBlockParser

    parser = module.FreshNamespace(PythonCodeBlockParser())
    sybil = Sybil(parsers=[parser], path=str(page.parent))
    failures = []
    for example in sybil.parse(page).examples():
        try:
            example.evaluate()
        except Exception as error:  # a doctest mismatch or an error inside the block
            failures.append(f"line {example.line}: {error}")
    return failures


def _page(path: Path, runs: Path, *, expected: str) -> Path:
    path.write_text(
        "Prose that a translation changes.\n\n"
        "```python\n"
        ">>> import pathlib\n"
        f">>> runs = pathlib.Path({str(runs)!r})\n"
        ">>> _ = runs.write_text((runs.read_text() if runs.exists() else '') + 'x')\n"
        ">>> runs.exists()\n"
        f"{expected}\n"
        "```\n",
        encoding="utf-8",
    )
    return path


def test_a_block_that_passed_is_not_run_again_on_the_other_page(
    docs_conftest: object, tmp_path: Path
) -> None:
    runs = tmp_path / "runs.txt"
    korean = _page(tmp_path / "ko.md", runs, expected="True")
    english = _page(tmp_path / "en.md", runs, expected="True")
    assert _run(docs_conftest, korean) == []
    assert _run(docs_conftest, english) == []
    assert runs.read_text() == "x", "the identical block ran twice"


def test_a_block_that_failed_runs_again_and_fails_again(
    docs_conftest: object, tmp_path: Path
) -> None:
    runs = tmp_path / "runs.txt"
    korean = _page(tmp_path / "ko.md", runs, expected="False")  # the output shown is wrong
    english = _page(tmp_path / "en.md", runs, expected="False")
    assert len(_run(docs_conftest, korean)) == 1
    assert len(_run(docs_conftest, english)) == 1
    assert runs.read_text() == "xx"


def test_each_block_starts_from_an_empty_namespace(docs_conftest: object, tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```python\n>>> import math\n>>> math.floor(2.5)\n2\n```\n\n"
        "```python\n>>> math.floor(2.5)\n2\n```\n",
        encoding="utf-8",
    )
    failures = _run(docs_conftest, page)
    assert len(failures) == 1 and failures[0].startswith("line 8:"), failures
    assert "NameError: name 'math' is not defined" in failures[0], failures
