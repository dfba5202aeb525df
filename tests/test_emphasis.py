"""A reader of the Korean site never sees the asterisks of Markdown emphasis.

Korean attaches particles to the emphasised word (*층당 인자(factor per
layer)*는); CommonMark, which renders the notebooks' Markdown cells, does not
close such emphasis, and hooks/emphasis.py closes it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

# Where a reader sees code or math, an asterisk is meant literally.
VERBATIM = {"code", "pre", "kbd", "samp", "script", "style", "math", "svg", "annotation"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Raw TeX that KaTeX typesets in the browser (notebook pages keep it).
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$|\\\(.+?\\\)|\\\[.+?\\\]", re.S)
# An asterisk that opens (a non-space follows) and one that closes (a non-space
# precedes) in the same run of text: what a Markdown writer meant as emphasis.
ASTERISK_EMPHASIS = re.compile(r"\*{1,2}(?=[^\s*])[^*]*?(?<=[^\s*])\*{1,2}")


class _ReadableText(HTMLParser):
    """Text a reader sees outside code and math, one string per run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.runs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not VERBATIM.intersection(self.open):
            self.runs.append(data)


def literal_emphasis(html: str) -> list[str]:
    parser = _ReadableText()
    parser.feed(html)
    found = []
    for run in parser.runs:
        found += [m.group(0) for m in ASTERISK_EMPHASIS.finditer(MATH.sub(" ", run))]
    return found


@pytest.mark.site
def test_no_korean_page_shows_asterisks_of_emphasis(built_site: Path) -> None:
    english = built_site / "en"
    pages = [p for p in built_site.rglob("*.html") if english not in p.parents]
    assert any(p.match("notebooks/*/index.html") for p in pages)
    offences = [
        f"{page.relative_to(built_site)}: {text}"
        for page in sorted(pages)
        for text in literal_emphasis(page.read_text(encoding="utf-8"))
    ]
    assert not offences, "literal Markdown emphasis:\n" + "\n".join(offences)


def test_emphasis_before_a_korean_particle_is_closed_on_notebook_pages(hooks: object) -> None:
    emphasis = hooks.load("emphasis")
    source = (
        "*층당 인자(factor per layer)*는 $x^*$와 `a*b*c`, **로짓($z$)**을 보고 2 * 3 * 4를 셉니다."
    )
    rendered = markdown2html_mistune(source)
    # The CommonMark reading this hook exists for: both pairs stay literal.
    assert len(literal_emphasis(rendered)) == 2, rendered
    cell = f'<div class="jp-RenderedMarkdown">{rendered}</div>'
    closed = emphasis.close_emphasis(cell)
    assert "<em>층당 인자(factor per layer)</em>는" in closed
    assert "<strong>로짓($z$)</strong>을" in closed
    assert "$x^*$와 <code>a*b*c</code>" in closed
    assert "2 * 3 * 4" in closed
    assert literal_emphasis(closed) == []
    # Outside a Markdown cell (a code cell's output) nothing changes.
    output = f"<pre>{rendered}</pre>"
    assert emphasis.close_emphasis(output) == output
