"""KaTeX at build time: the vendored ``katex.min.js`` in an embedded V8 (mini-racer).

hooks/katex.py typesets every page's math with it, and the explorer's data
(activations_site.explorer) carries each function's formula typeset the same
way, so the browser never runs KaTeX. A TeX error raises ``ValueError`` with
KaTeX's message; callers name the page or function.

>>> '<span class="katex">' in render("x^2", display=False)
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

KATEX_JS = Path(__file__).resolve().parents[2] / "docs" / "shared" / "katex" / "katex.min.js"


class _Katex:
    """One V8 context with KaTeX loaded, created on first use."""

    def __init__(self) -> None:
        from py_mini_racer import MiniRacer

        self.context = MiniRacer()
        self.context.eval(KATEX_JS.read_text(encoding="utf-8"))
        self.context.eval(
            """
            function renderForBuild(tex, displayMode) {
              try {
                return {html: katex.renderToString(tex, {
                  displayMode: displayMode, throwOnError: true, output: "htmlAndMathml"})};
              } catch (error) {
                return {error: String(error.message || error)};
              }
            }
            """
        )

    @cache  # noqa: B019 -- one instance per build process, kept for its lifetime
    def render(self, tex: str, display: bool) -> str:
        result = self.context.call("renderForBuild", tex, display)
        if "error" in result:
            raise ValueError(result["error"])
        return result["html"]


@cache
def _katex() -> _Katex:
    return _Katex()


def render(tex: str, display: bool) -> str:
    """KaTeX's HTML and MathML for ``tex``; rendered formulas are cached per process."""
    return _katex().render(tex, display)


# --- Which font files a piece of KaTeX markup draws its text with ------------
# Read from the vendored katex.min.css itself (its rules and @font-face list),
# so a KaTeX update cannot leave a second, hand-kept table behind.
KATEX_CSS = KATEX_JS.with_name("katex.min.css")
_RULE = re.compile(r"(?:^|(?<=[{}]))\s*([^{}@]+)\{([^{}]*)\}")
_FACE = re.compile(r"@font-face\{([^}]*)\}")
_DECLARATION = re.compile(r"(font-family|font-style|font-weight|font):([^;}]*)")


@dataclass(frozen=True)
class _FontRule:
    selector: str
    classes: frozenset[str]  # the classes the element itself must have (the last compound)
    specificity: int  # the number of class selectors: enough among KaTeX's rules
    order: int
    properties: dict[str, str]


def _properties(body: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in _DECLARATION.findall(body):
        value = value.strip()
        if name == "font":  # .katex{font:normal 1.21em KaTeX_Main,Times New Roman,serif}
            style, _size, family = value.split(" ", 2)
            found.update({"family": family, "style": style, "weight": "400"})
        else:
            found[name.removeprefix("font-")] = value
    if "family" in found:
        found["family"] = found["family"].split(",")[0].strip().strip("\"'")
    if found.get("weight") == "bold":
        found["weight"] = "700"
    return found


@cache
def _font_table() -> tuple[tuple[_FontRule, ...], dict[tuple[str, str, str], str]]:
    css = KATEX_CSS.read_text(encoding="utf-8")
    faces: dict[tuple[str, str, str], str] = {}
    for body in _FACE.findall(css):
        face = _properties(body)
        woff2 = re.search(r"url\(fonts/([^)]+\.woff2)\)", body)
        faces[face["family"], face.get("style", "normal"), face.get("weight", "400")] = woff2[1]
    rules = []
    for order, (selectors, body) in enumerate(_RULE.findall(_FACE.sub("}", css))):
        properties = _properties(body)
        if not properties:
            continue
        for selector in selectors.split(","):
            selector = selector.strip()
            if selector.startswith(".katex") and "::" not in selector and ":" not in selector:
                last = re.split(r"[ >]", selector)[-1]
                classes = frozenset(re.findall(r"\.([\w-]+)", last))
                rules.append(_FontRule(selector, classes, selector.count("."), order, properties))
    return tuple(rules), faces


def font_files(markup: str) -> set[str]:
    """The KaTeX font files (``KaTeX_Size2-Regular.woff2``) that the text of
    ``markup`` (typeset formulas, as :func:`render` gives them, in any HTML) is
    drawn with.

    Each text-bearing element of the visible output takes the family, style and
    weight of the closest element that a font rule of KaTeX's stylesheet
    matches, as the cascade gives them; the file is the ``@font-face`` of that
    family with that style and weight, else the family's regular face (the
    Size fonts have only one).

    >>> sorted(font_files(render(r"\\sum_i x_i", display=True)))
    ['KaTeX_Main-Regular.woff2', 'KaTeX_Math-Italic.woff2', 'KaTeX_Size2-Regular.woff2']
    """
    files: set[str] = set()
    for start in _FORMULA.finditer(markup):
        depth, position = 0, start.start()
        for tag in _SPAN_TAG.finditer(markup, start.start()):
            depth += -1 if tag[0] == "</span>" else 1
            if depth == 0:
                position = tag.end()
                break
        else:
            opened = markup[start.start() :][:80]
            raise ValueError(f"font_files: a formula is not closed: {opened!r}")
        files |= _formula_fonts(markup[start.start() : position])
    return files


_FORMULA = re.compile(r'<span class="katex">')
_SPAN_TAG = re.compile(r"<span\b|</span>")


@cache
def _formula_fonts(formula: str) -> frozenset[str]:
    import soupsieve
    from bs4 import BeautifulSoup

    rules, faces = _font_table()
    declared: dict[int, dict[str, str]] = {}

    def own(element: object) -> dict[str, str]:
        """What KaTeX's rules set on ``element`` itself (the most specific, then the last)."""
        if id(element) not in declared:
            classes = set(element.get("class") or [])
            matching = sorted(
                (
                    r
                    for r in rules
                    if r.classes <= classes and soupsieve.match(r.selector, element)
                ),
                key=lambda r: (r.specificity, r.order),
            )
            found: dict[str, str] = {}
            for rule in reversed(matching):
                for key, value in rule.properties.items():
                    found.setdefault(key, value)
            declared[id(element)] = found
        return declared[id(element)]

    files = set()
    for visible in BeautifulSoup(formula, "html.parser").select(".katex-html"):
        for text in visible.find_all(string=lambda s: bool(s.strip())):
            wanted: dict[str, str] = {}
            for element in [text.parent, *text.parent.parents]:
                for key, value in own(element).items():
                    wanted.setdefault(key, value)  # the closest element's value is inherited
                if "katex" in (element.get("class") or []):
                    break
            family = wanted.get("family", "KaTeX_Main")
            key = (family, wanted.get("style", "normal"), wanted.get("weight", "400"))
            files.add(faces.get(key) or faces[family, "normal", "400"])
    return frozenset(files)
