"""Typeset the math of every Markdown page at build time with the vendored KaTeX.

pymdownx.arithmatex (generic mode) leaves ``<span class="arithmatex">\\(…\\)</span>``
and ``<div class="arithmatex">\\[…\\]</div>`` in the HTML. Typesetting them in the
reader's browser works, but the page is first laid out with the raw TeX and then
jumps when KaTeX replaces it (Lighthouse measured a cumulative layout shift of
0.17 on a function page). Here the same ``katex.min.js`` that the site ships
runs in an embedded V8 (mini-racer) during the build, so the HTML already holds
KaTeX's markup and nothing moves.

- A TeX error fails the build, naming the page and the formula
  (``throwOnError``); in the browser it would only show as red text.
- The wrapper element and its ``arithmatex`` class stay, so styles and the
  browser tests find the math where they did.
- The V8 context lives in activations_site.katex, which the explorer's data
  uses too.
- Raw ``$…$`` and ``$$…$$`` outside arithmatex remain: notebook pages
  (mkdocs-jupyter) carry all their math that way, in the cells and in the
  headings, table of contents and header that repeat a heading, and raw HTML
  that hooks emit (the plot captions of hooks/markers.py) is not Markdown.
  :func:`typeset_delimited` typesets those in every finished page, with the
  delimiters and the skipped elements (code, ``pre``, scripts, existing
  KaTeX markup) of KaTeX's auto-render, which therefore no page loads: no
  KaTeX JavaScript runs in the reader's browser at all.
- Rendered formulas are cached per build process; a page repeats many.
- A page with typeset math preloads KaTeX's two workhorse fonts (upright and
  italic), so they arrive with the stylesheet instead of after the first
  layout, when their metrics would move the text once more. A page only
  preloads a font its markup uses: an unused preload is a console warning.
  It also preloads every other KaTeX font that its first layout needs
  (:func:`first_layout_fonts`), which would otherwise be requested only then.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from activations_site.katex import font_files, render

# arithmatex's generic output: the TeX is HTML-escaped and contains no tags.
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">'
    r"(?:\\\((?P<inline>[^<]*?)\\\)|\\\[(?P<display>[^<]*?)\\\])"
    r"</(?P=tag)>"
)
UNRENDERED = re.compile(r'class="arithmatex">\\[(\[]')
# The finished page as tokens: elements whose text is never math (whole),
# comments, tags, and text between tags.
TOKENS = re.compile(
    r"(?P<raw><(?P<rawtag>script|style|pre|textarea)\b[^>]*>.*?</(?P=rawtag)\s*>)"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<tag></?(?P<name>[a-zA-Z][\w-]*)[^>]*>)"
    r"|(?P<text>[^<]+)"
    r"|<",  # a doctype, or a stray "<": kept as it is
    re.S,
)
# Elements whose text stays as it is, like auto-render's ignoredTags/Classes.
SKIP_TAGS = {"code", "kbd", "samp", "option", "title", "head"}
SKIP_CLASS = re.compile(r'\bclass="[^"]*\b(?:katex|highlight|highlight-ipynb|jp-OutputArea)\b')
# auto-render's delimiters in its order: display before inline. An escaped
# dollar (\$) is text.
DELIMITED = re.compile(
    r"\$\$(?P<d1>.+?)\$\$|\\\[(?P<d2>.+?)\\\]"
    r"|(?<!\\)\$(?P<i1>[^$]+?)(?<!\\)\$|\\\((?P<i2>.+?)\\\)",
    re.S,
)
FONTS = "assets/katex/fonts/"
# KaTeX_Main-Regular sets digits, operators and upright letters, which every
# formula has; KaTeX_Math-Italic sets variables (KaTeX's class "mathnormal").
PRELOADS = (
    ("KaTeX_Main-Regular.woff2", '<span class="katex">'),
    ("KaTeX_Math-Italic.woff2", "mathnormal"),
)


def typeset(content: str, where: str) -> str:
    """``content`` with every arithmatex element's TeX replaced by KaTeX's HTML."""

    def replace(match: re.Match[str]) -> str:
        display = match["display"] is not None
        tex = html.unescape(match["display"] if display else match["inline"])
        try:
            rendered = render(tex, display)
        except ValueError as error:
            raise ValueError(f"{where}: KaTeX cannot typeset {tex!r}: {error}") from None
        return f'<{match["tag"]} class="arithmatex">{rendered}</{match["tag"]}>'

    result = MATH.sub(replace, content)
    left = UNRENDERED.search(result)
    if left:
        snippet = result[left.start() : left.start() + 120]
        raise ValueError(f"{where}: math that the build could not typeset: {snippet!r}")
    return result


def typeset_delimited(page_html: str, where: str) -> str:
    """``page_html`` with the ``$…$``/``$$…$$`` (and ``\\(…\\)``/``\\[…\\]``) math
    of its text typeset, outside code, ``pre``, scripts and existing KaTeX markup."""

    def replace(match: re.Match[str]) -> str:
        display = match["d1"] is not None or match["d2"] is not None
        tex = html.unescape(next(group for group in match.groups() if group is not None))
        try:
            return render(tex.strip(), display)
        except ValueError as error:
            raise ValueError(f"{where}: KaTeX cannot typeset {tex!r}: {error}") from None

    out: list[str] = []
    skipping: str | None = None  # the tag name of the element being skipped
    depth = 0
    for token in TOKENS.finditer(page_html):
        text, tag, name = token["text"], token["tag"], token["name"]
        if tag is not None:
            name = name.lower()
            closing = tag.startswith("</")
            if skipping is None:
                if not closing and (name in SKIP_TAGS or SKIP_CLASS.search(tag)):
                    skipping, depth = name, 1
            elif name == skipping and not tag.endswith("/>"):
                depth += -1 if closing else 1
                if depth == 0:
                    skipping = None
        elif text is not None and skipping is None and ("$" in text or "\\" in text):
            out.append(DELIMITED.sub(replace, text))
            continue
        out.append(token[0])
    return "".join(out)


# After every other hook has changed the page's HTML.
@event_priority(-100)
def on_page_content(html_: str, page: Page, config: MkDocsConfig, files) -> str:
    return typeset(html_, page.file.src_uri)


# After every other hook, on the whole page: a notebook's headings with math
# also appear in the table of contents and the header.
@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = typeset_delimited(output, page.file.src_uri)
    if '<span class="katex">' not in output:
        return output
    fonts = [font for font, used_when in PRELOADS if used_when in output]
    fonts += first_layout_fonts(output)
    links = "".join(
        f'<link rel="preload" href="{get_relative_url(FONTS + font, page.url)}" as="font" '
        'type="font/woff2" crossorigin>'
        for font in fonts
    )
    head = output.index("</head>")
    return output[:head] + links + output[head:]


# The blocks that site.css leaves for later (content-visibility: auto): the
# article's children of some kinds from the n-th on, and a notebook's cells from
# the m-th on. Read from site.css, so the two cannot drift apart.
SITE_CSS = Path(__file__).resolve().parent.parent / "docs" / "shared" / "site.css"
SKIPPED_RULE = re.compile(
    r"\.md-typeset > :nth-child\(n \+ (?P<article>\d+)\):is\((?P<kinds>[^)]*)\),\s*"
    # Code blocks (no math in them) from the same child on, but one before a tab set.
    r"\.md-typeset > \.highlight:nth-child\(n \+ (?P=article)\):not\(:has\([^)]*\)\),\s*"
    r"\.jupyter-wrapper \.jp-Cell:nth-child\(n \+ (?P<cell>\d+)\) \{\s*content-visibility: auto;"
)
# A skipped block is still drawn by the first layout when it lies near the
# screen (Chromium decides that before the first paint). With site.css skipping
# from the 6th block on, 41 of 168 first loads (84 pages, 412 and 1,280 px wide)
# fetched a KaTeX font late when only the first five blocks counted, none when
# the first fifteen do (the limit site.css had before). test_weight.py checks it
# on every page type.
DRAWN_FIRST = 16
CLASSES = re.compile(r'\bclass="([^"]*)"')
# HTML's elements without an end tag: they open nothing.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)


@functools.cache
def _skipped_rule() -> tuple[int, frozenset[str], frozenset[str], int]:
    found = SKIPPED_RULE.search(SITE_CSS.read_text(encoding="utf-8"))
    if found is None:
        raise ValueError(
            f"{SITE_CSS}: its content-visibility rule changed shape; "
            "hooks/katex.py (first_layout_fonts) reads it"
        )
    kinds = [kind.strip() for kind in found["kinds"].split(",")]
    tags = frozenset(k for k in kinds if not k.startswith("."))
    classes = frozenset(k[1:] for k in kinds if k.startswith("."))
    return int(found["article"]), tags, classes, int(found["cell"])


def first_layout_fonts(page_html: str) -> list[str]:
    """The KaTeX font files, beyond :data:`PRELOADS`, that the formulas of the
    page's first layout draw with: every formula outside the blocks that site.css
    leaves for later (``content-visibility: auto``), and those in the first
    fifteen blocks of the article, skipped or not (:data:`DRAWN_FIRST`).

    Such a font is otherwise found only when the first layout meets its glyph,
    and fetched a round trip after the stylesheet and the scripts that ran
    before that layout (KaTeX's faces are ``font-display: block``). Lighthouse's
    mobile run found KaTeX_Size2 (a display formula's big operator in the second
    section) requested at the first layout of the vanishing-gradients page, the
    last request before its largest paint.
    """
    start = page_html.find("<article")
    end = page_html.find("</article>", start)
    if start < 0 or '<span class="katex">' not in page_html[start:end]:
        return []
    nth_article, kinds, kind_classes, nth_cell = _skipped_rule()
    nth_article = max(nth_article, DRAWN_FIRST)
    laid_out: list[str] = []
    # The open elements: (tag name, classes, skipped).
    stack: list[tuple[str, set[str], bool]] = []
    children: list[int] = [0]  # elements seen so far among the children of each open one
    for token in TOKENS.finditer(page_html, start, end):
        tag, name = token["tag"], token["name"]
        if tag is None:
            if token["text"] is not None and stack and not stack[-1][2]:
                laid_out.append(token[0])
            continue
        name = name.lower()
        if tag.startswith("</"):
            if stack and stack[-1][0] == name:
                stack.pop()
                children.pop()
            if stack and not stack[-1][2]:
                laid_out.append(tag)
            continue
        found = CLASSES.search(tag)
        classes = set(found[1].split()) if found else set()
        children[-1] += 1
        number = children[-1]
        parent_classes = stack[-1][1] if stack else set()
        skipped = bool(stack and stack[-1][2])
        if not skipped and "md-typeset" in parent_classes and number >= nth_article:
            skipped = name in kinds or bool(classes & kind_classes)
        if not skipped and "jp-Cell" in classes and number >= nth_cell:
            skipped = any("jupyter-wrapper" in c for _, c, _ in stack)
        if not skipped:
            laid_out.append(tag)
        if name in VOID or tag.endswith("/>"):
            continue
        stack.append((name, classes, skipped))
        children.append(0)
    return sorted(font_files("".join(laid_out)) - {font for font, _ in PRELOADS})


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a theme template, not a page; it has the navigation's math."""
    return typeset_delimited(output, template_name) if template_name.endswith(".html") else output
