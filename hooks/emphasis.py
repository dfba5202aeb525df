"""Close the emphasis that CommonMark leaves open before a Korean particle.

The Markdown cells of the notebook pages are rendered by nbconvert's mistune,
which follows CommonMark's flanking rule: a closing ``*`` that follows
punctuation closes only before whitespace or punctuation. Korean attaches its
particles straight to the word, so ``*층당 인자(factor per layer)*는`` and
``**로짓($z$)**을`` reach the reader with their asterisks. (Python-Markdown,
which renders the .md pages, has no flanking rule and closes both.)

On notebook pages this hook gives the rendered Markdown cells the reading
Python-Markdown would give them: an asterisk pair left in their text becomes
<strong> or <em>. Code, preformatted output and math (``$…$``, ``\\(…\\)``,
still raw here for KaTeX's auto-render) are left alone, and a lone ``*`` with
a space on its inner side (``x * y``) is not emphasis.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

MARKDOWN_CELL = "jp-RenderedMarkdown"
_VERBATIM = {"code", "pre", "kbd", "samp", "script", "style", "math", "svg"}
_MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$|\\\(.+?\\\)|\\\[.+?\\\]", re.S)
# Inner ends must not be whitespace, as in any Markdown reading of emphasis.
_STRONG = re.compile(r"(?<!\*)\*\*(?![\s*])(.+?)(?<![\s*])\*\*(?!\*)", re.S)
_EM = re.compile(r"(?<!\*)\*(?![\s*])([^*]+?)(?<![\s*])\*(?!\*)", re.S)
# Private-use code points stand in for math while the asterisks are matched.
_SLOT = "\ue000{}\ue001"
_SLOT_RE = re.compile("\ue000(\\d+)\ue001")


def _close(text: str) -> str | None:
    """HTML for ``text`` with its asterisk pairs as <strong>/<em>, or None if it has none."""
    if "*" not in text:
        return None
    maths: list[str] = []

    def park(match: re.Match[str]) -> str:
        maths.append(match.group(0))
        return _SLOT.format(len(maths) - 1)

    parked = _MATH.sub(park, text)
    escaped = parked.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    marked = _STRONG.sub(r"<strong>\1</strong>", escaped)
    marked = _EM.sub(r"<em>\1</em>", marked)
    if marked == escaped:
        return None

    def unpark(match: re.Match[str]) -> str:
        math = maths[int(match.group(1))]
        return math.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    return _SLOT_RE.sub(unpark, marked)


def close_emphasis(html: str) -> str:
    """Turn asterisk pairs left in rendered Markdown cells into <strong>/<em>."""
    if "*" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    changed = False
    for cell in soup.find_all(class_=MARKDOWN_CELL):
        for text in list(cell.find_all(string=True)):
            if type(text) is not NavigableString or any(
                parent.name in _VERBATIM for parent in text.parents
            ):
                continue
            replacement = _close(str(text))
            if replacement is not None:
                text.replace_with(*list(BeautifulSoup(replacement, "html.parser").contents))
                changed = True
    return str(soup) if changed else html


def _is_notebook(page: Page) -> bool:
    uri = page.file.src_uri
    return uri.startswith("notebooks/") and uri.endswith(".py")


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    return close_emphasis(html) if _is_notebook(page) else html
