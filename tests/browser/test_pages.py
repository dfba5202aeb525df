"""Every page of the built site, in both languages and both colour schemes, in a real browser.

The checks a reader's visit makes are in ``page_checks.py``.

The fixtures (the served site, chromium, :class:`Tab`) are in ``conftest.py``.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import page_checks
import pytest
from browser_kit import language_of

# Every test here stands alone: pytest-xdist hands them out one by one
# (SPREAD_TEST_BY_TEST in tests/conftest.py).


def test_every_page_as_a_reader_meets_it(tabs: object, page_path: str) -> None:
    """One load of the page, then everything a reader does with it.

    On the desktop: the title is text, the math is typeset, every image loads,
    axe finds no serious or critical WCAG 2.1 AA violation; a Korean page reads
    Korean. Then the reader turns the page dark with the toggle: axe's colour
    rules (contrast) hold in the dark scheme too, and no element moves, so what
    holds for the layout in one scheme holds in the other. The copy button
    copies runnable code. On a phone (390 and 360 px): nothing scrolls sideways,
    no word is split. Nothing broke the CSP or logged an error, and last, the
    language switch, used on the phone, asks for the same page in the other
    language. (The phone checks come after the scheme change, so the page is
    laid out at the desktop width once and never again.)
    """
    tab = tabs.open_shared("light")
    tab.goto(page_path)
    problems = tab.math_problems() + tab.image_problems() + tab.axe_problems()
    problems += page_checks.title_is_text(tab)
    if language_of(page_path) == "ko":
        problems += [f"Korean page: {p}" for p in page_checks.reads_korean(tab)]
    page_checks.remember_geometry(tab)
    tab.switch_to_dark()
    problems += [f"dark: {p}" for p in tab.axe_problems(colour_only=True)]
    # The scheme changes colours only, so what fits a phone in one fits in the other.
    problems += [f"dark: {p}" for p in page_checks.moved(tab)]
    # After the geometry: the copy button's confirmation comes and goes on a timer.
    problems += [f"copy: {p}" for p in page_checks.copy_buttons(tab)]
    problems += [f"phone: {p}" for p in page_checks.on_a_phone(tab)]
    problems += tab.csp_violations()
    problems += page_checks.language_switch(tab, page_path)
    problems += tab.problems
    assert not problems, f"{page_path}:\n  " + "\n  ".join(problems)


# Two problems planted in an article, one for axe's colour rules and one for the rest.
PLANTED = """() => {
    const article = document.querySelector('article');
    const faint = document.createElement('p');
    faint.textContent = 'Planted: pale grey on the white page, far too faint to read.';
    faint.style.color = '#eeeeee';
    const box = document.createElement('div');
    box.style.cssText = 'overflow: auto; width: 100px; height: 40px';
    box.innerHTML = '<p style="width: 600px">Planted: a box that scrolls, with no tab stop.</p>';
    article.prepend(faint, box);
}"""


def test_axe_finds_the_problems_it_is_there_to_find(tabs: object) -> None:
    """The vendored axe-core (vendor/axe-core/) still reports low contrast, in the
    colour-only run too, and a scroll box the keyboard cannot reach."""
    tab = tabs.open()
    tab.goto("functions/relu/")
    tab.page.evaluate(PLANTED)
    found = " ".join(tab.axe_problems())
    assert "color-contrast" in found and "scrollable-region-focusable" in found, found
    colour = " ".join(tab.axe_problems(colour_only=True))
    assert "color-contrast" in colour and "scrollable-region-focusable" not in colour, colour


# Colour-related computed values compared by test_the_dark_toggle_matches_a_dark_load.
COLOURS = """() => {
    const key = el => {
        const parts = [];
        for (let n = el; n !== document.body; n = n.parentElement) {
            parts.push(n.tagName + ':' + Array.prototype.indexOf.call(n.parentElement.children, n));
        }
        return parts.reverse().join('>');
    };
    const out = {};
    for (const el of document.body.querySelectorAll('*')) {
        if (el.closest('.md-tooltip2, .md-tooltip') || !el.getClientRects().length) continue;
        // Hidden in a closed <details> (not its summary): restyled when opened.
        const closed = el.closest('details:not([open])');
        if (closed && !closed.querySelector(':scope > summary')?.contains(el)) continue;
        const s = getComputedStyle(el);
        out[key(el)] = [s.color, s.backgroundColor, s.borderTopColor, s.borderBottomColor,
            s.outlineColor, s.textDecorationColor, s.fill, s.stroke, s.boxShadow, s.opacity,
            s.filter, s.backgroundImage, s.display, s.visibility].join(' | ');
    }
    return {attributes: [...document.body.attributes].map(a => a.name + '=' + a.value), out};
}"""


@pytest.mark.parametrize(
    "path", ["", "functions/sigmoid/", "comparison/", "en/notebooks/real-data/", "explorer/"]
)
def test_the_dark_toggle_matches_a_dark_load(tabs: object, path: str) -> None:
    """The sweep checks the dark scheme on a page turned dark with the toggle: every
    element shown must then have the colours it has on a page opened dark."""
    dark = tabs.open("dark")
    dark.goto(path)
    dark.lay_out_everything()
    wanted = dark.page.evaluate(COLOURS)
    toggled = tabs.open("light")
    toggled.goto(path)
    toggled.lay_out_everything()
    toggled.switch_to_dark()
    got = toggled.page.evaluate(COLOURS)
    assert got["attributes"] == wanted["attributes"]
    assert got["out"].keys() == wanted["out"].keys(), (
        sorted(got["out"].keys() ^ wanted["out"].keys())[:10]
    )
    differ = [f"{k}: {got['out'][k]} (toggled) vs {v} (opened dark)"
              for k, v in wanted["out"].items() if got["out"][k] != v]
    assert not differ, f"{len(differ)} element(s) differ:\n  " + "\n  ".join(differ[:10])


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
