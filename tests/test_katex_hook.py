"""The build typesets every formula of the Markdown pages with the vendored KaTeX."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def katex_hook(hooks: object) -> object:
    return hooks.load("katex")


def test_inline_and_display_math_become_katex_markup_in_their_wrappers(katex_hook: object) -> None:
    page = (
        '<p>If <span class="arithmatex">\\(x &lt; 0\\)</span> then</p>\n'
        '<div class="arithmatex">\\[\\sigma(x) = \\frac{1}{1 + e^{-x}}\\]</div>'
    )
    out = katex_hook.typeset(page, "demo.md")
    inline, display = re.findall(r'<(span|div) class="arithmatex">', out)
    assert (inline, display) == ("span", "div")
    assert out.count('<span class="katex">') == 2
    assert out.count('<span class="katex-display">') == 1
    # The TeX travels escaped into the page and unescaped into KaTeX: the
    # MathML annotation holds the source, re-escaped by KaTeX.
    assert '<annotation encoding="application/x-tex">x &lt; 0</annotation>' in out
    assert "\\(" not in out and "\\[" not in out
    assert out.startswith("<p>If ") and out.rstrip().endswith("</div>")


def test_a_tex_error_fails_the_build_naming_page_and_formula(katex_hook: object) -> None:
    page = '<span class="arithmatex">\\(\\frac{1}{\\)</span>'
    with pytest.raises(
        ValueError, match=r"functions/bad\.md: KaTeX cannot typeset '\\\\frac\{1\}\{'"
    ):
        katex_hook.typeset(page, "functions/bad.md")


def test_an_unknown_macro_fails_instead_of_showing_red_text(katex_hook: object) -> None:
    with pytest.raises(ValueError, match="nosuchmacro"):
        katex_hook.typeset('<span class="arithmatex">\\(\\nosuchmacro\\)</span>', "x.md")


def test_text_without_math_is_returned_unchanged(katex_hook: object) -> None:
    page = "<p>Costs $5 and \\(not math\\) outside a wrapper.</p>"
    assert katex_hook.typeset(page, "plain.md") == page


def test_dollar_math_in_a_finished_page_is_typeset(katex_hook: object) -> None:
    page = (
        "<!doctype html><html><head><title>Loss $p - y$</title></head><body>"
        '<h2 id="g">Gradient $p - y$</h2>'
        "<p>With $T &gt; 0$:</p>"
        "<p>$$\\operatorname{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$</p>"
        "</body></html>"
    )
    out = katex_hook.typeset_delimited(page, "notebooks/softmax.py")
    assert out.startswith("<!doctype html><html><head><title>Loss $p - y$</title></head>")
    assert out.count('<span class="katex">') == 3
    assert out.count('<span class="katex-display">') == 1
    assert '<annotation encoding="application/x-tex">T &gt; 0</annotation>' in out
    body = out[out.index("<body>") :]
    assert "$" not in re.sub(r"<annotation[^>]*>.*?</annotation>", "", body)


def test_code_scripts_attributes_escapes_and_typeset_math_stay_as_they_are(
    katex_hook: object,
) -> None:
    already = katex_hook.typeset_delimited("<p>$x$</p>", "a.md")
    page = (
        '<pre><code>price = "$5" + "$6"</code></pre>'
        "<p>Inline <code>$HOME and $PATH</code> and a \\$5 note.</p>"
        '<script>var a = "$1$";</script>'
        '<img alt="the curve $f(x)$" src="f.svg">'
        '<div class="highlight-ipynb"><span>$a$ and $b$</span></div>' + already
    )
    assert katex_hook.typeset_delimited(page, "a.md") == page


def test_a_tex_error_in_dollar_math_fails_naming_page_and_formula(katex_hook: object) -> None:
    with pytest.raises(ValueError, match=r"notebooks/x\.py: KaTeX cannot typeset '\\\\frac\{1\}'"):
        katex_hook.typeset_delimited("<p>$\\frac{1}$</p>", "notebooks/x.py")


@pytest.mark.site
def test_every_formula_of_the_built_markdown_pages_is_typeset(built_site: Path) -> None:
    wrappers = 0
    raw = []
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        found = re.findall(r'class="arithmatex">(.{0,40})', text)
        wrappers += len(found)
        raw += [
            f"{page.relative_to(built_site)}: {start}"
            for start in found
            if not start.startswith(('<span class="katex">', '<span class="katex-display">'))
        ]
    assert not raw, "\n".join(raw[:10])
    # Both languages carry the formulas of 25 function pages and the concepts.
    assert wrappers > 1000


@pytest.mark.site
def test_no_raw_dollar_math_is_left_in_the_text_of_any_built_page(
    built_site: Path, katex_hook: object
) -> None:
    """Notebook cells and headings, hook-made captions: all typeset, with no script."""
    left = []
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if katex_hook.typeset_delimited(text, str(page)) != text:
            left.append(str(page.relative_to(built_site)))
        if "katex.min.js" in text or "auto-render" in text:
            left.append(f"{page.relative_to(built_site)} loads KaTeX's JavaScript")
    assert not left, left[:10]
    assert not list(built_site.rglob("katex.min.js"))


def _page(*children: str) -> str:
    body = "".join(children)
    article = f'<article class="md-content__inner md-typeset">{body}</article>'
    return f"<html><head></head><body>{article}</body></html>"


def test_a_font_the_first_layout_needs_is_preloaded_and_one_left_for_later_is_not(
    katex_hook: object,
) -> None:
    """A display sum in the introduction draws with KaTeX_Size2; the same sum in a
    paragraph the first layout does not reach (the 16th child on, skipped by site.css)
    is not preloaded. In the 10th it is: site.css skips it too, but the browser still
    draws it before the first paint when its placeholder lands near the screen."""
    tex = '<p><span class="arithmatex">\\(\\displaystyle\\sum_i x_i\\)</span></p>'
    big_sum = katex_hook.typeset(tex, "t")
    filler = ["<p>text</p>"] * 15
    first = katex_hook.on_post_page(_page(big_sum, *filler), page=_Page(), config=None)
    assert 'href="assets/katex/fonts/KaTeX_Size2-Regular.woff2"' in first
    later = katex_hook.on_post_page(_page(*filler, big_sum), page=_Page(), config=None)
    assert "KaTeX_Size2" not in later
    assert 'href="assets/katex/fonts/KaTeX_Main-Regular.woff2"' in later
    near = katex_hook.on_post_page(_page(*filler[:9], big_sum), page=_Page(), config=None)
    assert 'href="assets/katex/fonts/KaTeX_Size2-Regular.woff2"' in near
    # A heading is never left for later, wherever it is.
    heading = big_sum.replace("<p>", "<h3>").replace("</p>", "</h3>")
    assert "KaTeX_Size2" in katex_hook.on_post_page(
        _page(*filler, heading), page=_Page(), config=None
    )


def test_the_fonts_of_a_formula_come_from_katexs_own_stylesheet() -> None:
    from activations_site.katex import font_files, render

    assert font_files(render(r"\mathbf{W}\mathbb{R}", display=False)) == {
        "KaTeX_Main-Bold.woff2",
        "KaTeX_AMS-Regular.woff2",
    }
    assert "KaTeX_Size4-Regular.woff2" in font_files(render(r"\Bigg(x\Bigg)", display=False))
    assert font_files("<p>no formula</p>") == set()


class _Page:
    url = ""

    class file:
        src_uri = "t.md"
