"""Every page of the built site, in both languages and both colour schemes, in a real browser.

The checks a reader's visit makes are in ``page_checks.py``.

The fixtures (the served site, chromium, :class:`Tab`) are in ``conftest.py``.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import page_checks
import pytest
from browser_kit import SCHEMES, language_of

# Every test here stands alone: pytest-xdist hands them out one by one
# (SPREAD_TEST_BY_TEST in tests/conftest.py).
DESKTOP = {"width": 1280, "height": 720}  # Playwright's default viewport


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_as_a_reader_meets_it(tabs: object, page_path: str, scheme: str) -> None:
    """One load of the page per colour scheme, then everything a reader does with it.

    On the desktop: the title is text, the math is typeset, every image loads,
    axe finds no serious or critical WCAG 2.1 AA violation, nothing breaks the
    CSP or logs an error; the copy button copies runnable code. On a phone (390
    and 360 px): nothing scrolls sideways, no word is split; a Korean page reads
    Korean. Last, the language switch leads to the same page in the other
    language. (Checks that do not depend on the colour scheme run in the light
    one only.)
    """
    light = scheme == "light"
    tab = tabs.open_shared(scheme)
    tab.goto(page_path)
    problems = tab.math_problems() + tab.image_problems() + tab.axe_problems()
    if light:
        problems += page_checks.title_is_text(tab)
        problems += [f"copy: {p}" for p in page_checks.copy_buttons(tab)]
    problems += [f"phone: {p}" for p in page_checks.on_a_phone(tab, words=light)]
    if light and language_of(page_path) == "ko":
        problems += [f"Korean page: {p}" for p in page_checks.reads_korean(tab)]
    problems += tab.csp_violations()
    if light:
        tab.page.set_viewport_size(DESKTOP)
        problems += page_checks.language_switch(tab, page_path)
    problems += tab.problems
    assert not problems, f"{page_path} ({scheme}):\n  " + "\n  ".join(problems)


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
