"""Every page of the built site, in both languages and both colour schemes, in a real browser.

The fixtures (the served site, chromium, :class:`Tab`) are in ``conftest.py``.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from browser_kit import SCHEMES, language_of, other_language


@pytest.mark.parametrize("scheme", SCHEMES)
def test_page_renders_cleanly_and_accessibly(tabs: object, page_path: str, scheme: str) -> None:
    tab = tabs.open_shared(scheme)
    tab.goto(page_path)
    problems = tab.math_problems() + tab.image_problems() + tab.axe_problems()
    problems += tab.problems + tab.csp_violations()
    assert not problems, f"{page_path} ({scheme}):\n  " + "\n  ".join(problems)


def test_the_language_switch_leads_to_the_same_page(tabs: object, page_path: str) -> None:
    """The switcher, used as a reader does: open the menu, pick the other language."""
    tab = tabs.open_shared()
    tab.goto(page_path)
    other = "ko" if page_path.startswith("en/") else "en"
    tab.page.hover(".md-header .md-select")
    tab.page.click(f'.md-header .md-select__link[hreflang="{other}"]')
    expected = tab.url(other_language(page_path))
    tab.page.wait_for_url(expected)
    tab.settle()
    problems = tab.math_problems() + tab.problems + tab.csp_violations()
    assert not problems, f"{page_path} -> {expected}:\n  " + "\n  ".join(problems)


# Material's copy button, and the one mkdocs-jupyter gives each notebook code cell.
COPYABLE = [
    (
        "article div.highlight > pre > code",
        "article div.highlight > pre > nav.md-code__nav > button[data-md-type=copy]",
    ),
    # (The notebook's folded setup cell: tests/browser/test_notebooks.py opens it first.)
    (
        "article .jp-CodeCell:not(details .jp-CodeCell) .highlight-ipynb > pre",
        "article .jp-CodeCell:not(details .jp-CodeCell) clipboard-copy",
    ),
]


def reader_copy(on_screen: str) -> str:
    """What a reader wants from a block on screen: a doctest's code lines, without prompts.

    Lines after ``>>> `` and ``... `` are code; every other line of a doctest is
    its printed output. A block that is no doctest is copied as shown.
    """
    text = on_screen.strip()
    if not text.startswith(">>>"):
        return text
    lines = text.splitlines()
    return "\n".join(line[4:] for line in lines if line.startswith((">>>", "..."))).strip()


def test_every_code_block_has_a_working_copy_button(tabs: object, page_path: str) -> None:
    """The first block's button copies its runnable code (prompts and output stay on screen)."""
    tab = tabs.open_shared()
    tab.goto(page_path)
    for block_selector, button_selector in COPYABLE:
        blocks = tab.page.locator(block_selector)
        buttons = tab.page.locator(button_selector)
        assert buttons.count() == blocks.count(), (
            f"{page_path}: {blocks.count()} code block(s) ({block_selector}) "
            f"but {buttons.count()} copy button(s)"
        )
        if blocks.count() == 0:
            continue
        tab.page.evaluate("navigator.clipboard.writeText('')")
        buttons.first.click()
        expected = reader_copy(blocks.first.inner_text())
        # The clipboard is read asynchronously: each poll starts a read and checks the
        # last one (an async predicate would return a Promise, which is always truthy).
        tab.page.wait_for_function(
            """expected => {
                navigator.clipboard.readText().then(text => { window.__clipboard = text; });
                return (window.__clipboard ?? '').trim() === expected;
            }""",
            arg=expected,
            polling=100,
        )


@pytest.mark.parametrize(
    ("prefix", "query", "expected"),
    [
        ("", "기울기 소실", "concepts/vanishing-gradients/"),
        ("", "시그모이드", "functions/sigmoid/"),
        ("en/", "vanishing", "en/concepts/vanishing-gradients/"),
        ("en/", "sigmoid", "en/functions/sigmoid/"),
    ],
)
def test_search_finds_the_page_in_its_own_language(
    tabs: object, prefix: str, query: str, expected: str
) -> None:
    tab = tabs.open()
    tab.page.goto(tab.url(prefix), wait_until="load")
    field = tab.page.locator("input.md-search__input")
    field.click()
    field.type(query)
    field.press("End")  # Hangul typed through the keyboard fires no keyup of its own
    results = tab.page.locator(".md-search-result__item a")
    results.first.wait_for()
    hrefs = [
        urlsplit(urljoin(tab.page.url, h)).path
        for h in results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    ]
    base_path = urlsplit(tab.site.base).path
    assert base_path + expected in [h.split("#")[0] for h in hrefs], f"{query!r} found {hrefs}"
    other = [h for h in hrefs if language_of(h[len(base_path) :]) != language_of(expected)]
    assert not other, f"{query!r} on the {language_of(expected)} site found {other}"
    assert not tab.problems + tab.csp_violations(), tab.problems + tab.csp_violations()
