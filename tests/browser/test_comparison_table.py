"""The comparison table as a reader uses it: names that are links, and a table that fits.

The table is generated from the registry (``hooks/markers.py``, marker
``comparison``). A reader clicks a function's name to reach its page, and on a
phone swipes the table sideways while the name column stays in view; the page
itself must never scroll sideways.
"""

from __future__ import annotations

import pytest
from browser_kit import LANGUAGES

from activations.registry import REGISTRY

TABLE = "article .activation-comparison table"


@pytest.mark.parametrize("language", LANGUAGES)
def test_clicking_a_name_in_the_table_opens_that_function(tabs: object, language: str) -> None:
    tab = tabs.open()
    tab.goto(f"{LANGUAGES[language]}comparison/")
    # Far down the page the table is drawn when the reader scrolls near it
    # (site.css); until then the browser reports no text in it.
    tab.page.locator(TABLE).scroll_into_view_if_needed()
    names = tab.page.locator(f"{TABLE} tbody tr td:first-child")
    assert names.count() == len(REGISTRY)
    assert "](" not in tab.page.locator(TABLE).inner_text()
    for entry, row in zip(REGISTRY.values(), range(names.count()), strict=True):
        link = names.nth(row).locator("a")
        assert link.count() == 1, f"row {row} ({entry.id}) has no link"
        assert link.inner_text().strip() == getattr(entry, f"name_{language}")
    entry = REGISTRY["gelu"]
    target = tab.url(f"{LANGUAGES[language]}functions/{entry.id}/")
    tab.follow(names.nth(list(REGISTRY).index("gelu")).locator("a").click, target)
    heading = tab.page.eval_on_selector(
        "article h1",
        """h => {
            const copy = h.cloneNode(true);
            copy.querySelectorAll('.headerlink').forEach(a => a.remove());
            return copy.textContent.trim();
        }""",
    )
    assert heading == getattr(entry, f"name_{language}"), heading
    assert not tab.problems, tab.problems


# Material wraps each table in a scroll box (.md-typeset__scrollwrap) when the page loads.
def _layout(tab: object) -> dict[str, float]:
    return tab.page.evaluate(
        f"""() => {{
            const table = document.querySelector('{TABLE}');
            const box = table.closest('.md-typeset__scrollwrap') || table;
            const rect = box.getBoundingClientRect();
            return {{
                page: document.documentElement.scrollWidth,
                viewport: document.documentElement.clientWidth,
                content: box.scrollWidth,
                box: box.clientWidth,
                boxLeft: rect.left,
                scrollable: box === table ? 'table' : 'wrap',
            }};
        }}"""
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [360, 720])
def test_the_table_never_widens_the_page(tabs: object, language: str, width: int) -> None:
    tab = tabs.open(viewport={"width": width, "height": 800})
    tab.goto(f"{LANGUAGES[language]}comparison/")
    layout = _layout(tab)
    assert layout["page"] <= layout["viewport"], layout
    if width >= 720:
        # At tablet width the whole table is visible without swiping.
        assert layout["content"] <= layout["box"] + 1, layout


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_the_name_column_stays_while_the_table_scrolls(
    tabs: object, language: str
) -> None:
    tab = tabs.open(viewport={"width": 360, "height": 800})
    tab.goto(f"{LANGUAGES[language]}comparison/")
    layout = _layout(tab)
    assert layout["content"] > layout["box"], f"nothing to scroll at 360 px: {layout}"
    scroll_to_end = """t => {
        const box = t.closest('.md-typeset__scrollwrap') || t;
        box.scrollLeft = box.scrollWidth;
        return box.scrollLeft;
    }"""
    assert tab.page.eval_on_selector(TABLE, scroll_to_end) > 0
    name = tab.page.locator(f"{TABLE} tbody tr:first-child td:first-child")
    cost = tab.page.locator(f"{TABLE} tbody tr:first-child td:last-child")
    left, right = layout["boxLeft"], layout["boxLeft"] + layout["box"]
    shown, last = name.bounding_box(), cost.bounding_box()
    assert left - 1 <= shown["x"] and shown["x"] + shown["width"] <= right + 1, (shown, layout)
    assert last["x"] + last["width"] <= right + 1, (last, layout)
    assert last["x"] >= shown["x"] + shown["width"] - 1, "the last column hides under the names"
