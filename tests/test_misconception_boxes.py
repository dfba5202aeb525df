"""The "common misconception" boxes: one title in both languages, self-contained for a reader.

A box quotes a claim that tutorials, lecture notes or blog posts make and corrects
it. It must not point at a document the reader never sees (the study notes the
site grew from), and a page must have as many boxes in Korean as in English.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
TITLES = {"en": "A common misconception", "ko": "흔한 오해"}
ADMONITION = re.compile(r'^!!! note "(?P<title>[^"]*)"', re.M)
# Phrases that send the reader to the unseen study notes.
UNSEEN_SOURCE = re.compile(r"source notes|the notes'?\b|노트의 주장|원래 노트|노트는|노트에서는")


def pages() -> list[str]:
    return sorted(
        path.relative_to(DOCS / "en").as_posix()
        for path in (DOCS / "en").rglob("*.md")
        if "notebooks" not in path.parts
    )


def boxes(text: str) -> list[str]:
    """The body of every admonition box: the indented lines under its title."""
    found = []
    for match in ADMONITION.finditer(text):
        body = []
        for line in text[match.end() :].splitlines()[1:]:
            if line.strip() and not line.startswith("    "):
                break
            body.append(line)
        found.append((match["title"], "\n".join(body)))
    return found


@pytest.mark.parametrize("page", pages())
def test_both_languages_have_the_same_misconception_boxes(page: str) -> None:
    counts = {}
    for language, title in TITLES.items():
        text = (DOCS / language / page).read_text(encoding="utf-8")
        found = boxes(text)
        counts[language] = sum(t == title for t, _ in found)
        for box_title, _ in found:
            assert "바로잡기" not in box_title and "Correcting" not in box_title, (
                f"{language}/{page}: old box title {box_title!r}; use {title!r}"
            )
    assert counts["en"] == counts["ko"], f"{page}: {counts}"


@pytest.mark.parametrize("page", pages())
def test_no_box_sends_the_reader_to_the_unseen_notes(page: str) -> None:
    for language, title in TITLES.items():
        for box_title, body in boxes((DOCS / language / page).read_text(encoding="utf-8")):
            if box_title != title:
                continue
            found = UNSEEN_SOURCE.search(body)
            assert found is None, f"{language}/{page}: box refers to {found.group(0)!r}"
