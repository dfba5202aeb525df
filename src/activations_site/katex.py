"""KaTeX at build time: the vendored ``katex.min.js`` in an embedded V8 (mini-racer).

hooks/katex.py typesets every page's math with it, and the explorer's data
(activations_site.explorer) carries each function's formula typeset the same
way, so the browser never runs KaTeX. A TeX error raises ``ValueError`` with
KaTeX's message; callers name the page or function.

>>> '<span class="katex">' in render("x^2", display=False)
True
"""

from __future__ import annotations

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
