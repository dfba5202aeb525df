"""Notebook pages as a reader uses them: question first, setup folded, downloads, phone width.

The fixtures (the served site, chromium, :class:`Tab`) are in ``conftest.py``.
"""

from __future__ import annotations

import jupytext
import nbformat
import pytest
from browser_kit import LANGUAGES, PAGES

NOTEBOOK_PAGES = [path for path in PAGES if path.split("/")[-3:-2] == ["notebooks"]]
COPY_LABEL = {"ko": "클립보드에 복사", "en": "Copy to Clipboard"}
COPIED = {"ko": "복사했습니다!", "en": "Copied!"}
PHONE = {"width": 360, "height": 740}

# In-page fetch: goes through the same local routing as the page itself.
FETCH = """async url => {
    const response = await fetch(url);
    return [response.status, response.headers.get('content-type'), await response.text()];
}"""


def _typeset(tab: object) -> None:
    """Wait until KaTeX has replaced the raw $...$ of the notebook's Markdown cells."""
    tab.page.wait_for_function(
        "() => document.querySelectorAll('.jp-RenderedMarkdown .katex').length > 0"
    )


def test_there_are_ten_notebook_pages() -> None:
    assert len(NOTEBOOK_PAGES) == 10, NOTEBOOK_PAGES


@pytest.mark.parametrize("path", NOTEBOOK_PAGES)
def test_notebook_page_fits_a_phone_with_math_scrolling_in_its_box(tabs: object, path: str) -> None:
    tab = tabs.open(viewport=PHONE)
    tab.goto(path)
    _typeset(tab)
    tab.page.evaluate("document.fonts.ready.then(() => true)")
    assert tab.math_problems() == [], path
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path}: {width} px wide in a {PHONE['width']} px screen"


@pytest.mark.parametrize("language", LANGUAGES)
def test_question_first_setup_folded_and_copied_in_the_page_language(
    tabs: object, language: str
) -> None:
    tab = tabs.open()
    tab.goto(LANGUAGES[language] + "notebooks/softmax/")
    page = tab.page
    # Reading order: the title and its question, the downloads, then the folded setup.
    order = page.evaluate(
        """() => Array.from(document.querySelectorAll(
                '.jp-Notebook > .jp-Cell, .jp-Notebook > p.notebook-downloads,'
                + ' .jp-Notebook > details.notebook-setup'))
            .slice(0, 3).map(e => e.tagName + '.' + e.className.split(' ')[0])"""
    )
    assert order == ["DIV.jp-Cell", "P.notebook-downloads", "DETAILS.notebook-setup"], order
    assert page.locator(".jp-Notebook > .jp-Cell").first.locator("h1").count() == 1
    setup = page.locator("details.notebook-setup")
    assert not setup.evaluate("details => details.open")
    assert not setup.locator("pre").first.is_visible()
    button = setup.locator("clipboard-copy")
    assert button.get_attribute("aria-label") == COPY_LABEL[language]
    setup.locator("summary").click()
    page.evaluate("navigator.clipboard.writeText('')")
    button.click()
    page.wait_for_function(
        "async line => (await navigator.clipboard.readText()).includes(line)",
        arg=f'LANG = "{language}"',
    )
    notice = button.locator(".notice")
    assert notice.inner_text() == COPIED[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_downloads_and_full_size_figures_are_served(tabs: object, language: str) -> None:
    tab = tabs.open()
    for path in (p for p in NOTEBOOK_PAGES if p.startswith(LANGUAGES[language] + "notebooks/")):
        tab.goto(path)
        links = tab.page.locator("p.notebook-downloads a[download]")
        # Resolved URLs, as the browser follows them.
        hrefs = [links.nth(i).evaluate("a => a.href") for i in range(links.count())]
        name = path.rstrip("/").split("/")[-1]
        expected = [tab.url(f"{path}{name}.ipynb"), tab.url(f"{path}{name}.py")]
        assert hrefs == expected, f"{path}: {hrefs}"
        status, _, text = tab.page.evaluate(FETCH, hrefs[0])
        assert status == 200
        notebook = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
        nbformat.validate(notebook)
        assert any(cell.get("outputs") for cell in notebook.cells), f"{path}: no outputs"
        status, _, text = tab.page.evaluate(FETCH, hrefs[1])
        assert status == 200
        source = jupytext.reads(text, fmt="py:percent")
        setup = next(cell for cell in source.cells if cell.cell_type == "code")
        assert f'LANG = "{language}"' in setup.source
        figures = tab.page.locator("a.notebook-figure")
        assert figures.count() > 0, f"{path}: no figure"
        for index in range(figures.count()):
            figure = figures.nth(index)
            href = figure.evaluate("a => a.href")
            assert figure.locator("img").evaluate("img => img.src") == href
            assert figure.locator("img").get_attribute("alt"), f"{path}: {href} has no alt"
            status, kind, text = tab.page.evaluate(FETCH, href)
            assert status == 200 and kind.startswith("image/svg+xml"), (path, href, kind)
