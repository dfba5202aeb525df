"""Every page on a phone: nothing scrolls sideways, and lines break where a reader expects.

One page load per page and colour scheme; the viewport is resized between the
two phone widths (a resize re-lays the page out exactly as a load at that
width would, without a second load).
"""

from __future__ import annotations

import pytest
from browser_kit import SCHEMES, language_of

PHONES = ({"width": 390, "height": 844}, {"width": 360, "height": 740})

WIDEST = """() => {
    const root = document.documentElement;
    const limit = root.clientWidth;
    // The element whose right edge sticks out furthest, outside any scroll box.
    let worst = null, right = limit;
    for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right <= right || r.width === 0) continue;
        let clipped = false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const o = getComputedStyle(p).overflowX;
            if (o !== 'visible') { clipped = true; break; }
        }
        if (!clipped) { worst = el; right = r.right; }
    }
    const name = worst ? worst.tagName.toLowerCase() + '.' + [...worst.classList].join('.') : '';
    return { scroll: root.scrollWidth, client: limit, worst: name, right: Math.round(right) };
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_page_scrolls_sideways_on_a_phone(tabs: object, page_path: str, scheme: str) -> None:
    tab = tabs.open(scheme, viewport=PHONES[0])
    tab.goto(page_path)
    problems = []
    for phone in PHONES:
        tab.page.set_viewport_size(phone)
        tab.page.wait_for_function(
            "width => document.documentElement.clientWidth <= width", arg=phone["width"]
        )
        found = tab.page.evaluate(WIDEST)
        if found["scroll"] > found["client"]:
            problems.append(
                f"{phone['width']} px: the page is {found['scroll']} px wide "
                f"(widest: {found['worst']} to {found['right']} px)"
            )
    assert not problems, f"{page_path} ({scheme}): " + "; ".join(problems)


# Where a line may end inside code in a table, and inside Korean link text:
# after these characters (and at spaces). A break anywhere else splits a word.
BREAKS = """() => {
    const allowedInCode = /[\\s._=,()\\/\\-\\[\\]:]/;
    const hangul = /[\\uac00-\\ud7a3]/;
    const found = [];
    const lineBreaks = (el, check) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        // A new line starts where a character sits left of the one before and lower.
        let previous = null, last = null;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.length; i++) {
                const range = document.createRange();
                range.setStart(node, i); range.setEnd(node, i + 1);
                const rect = range.getClientRects()[0];
                if (!rect) continue;
                const ch = node.data[i];
                const wrapped = last && rect.left < last.left - 1 && rect.top > last.top + 2;
                if (wrapped && !/\\s/.test(ch) && !/\\s/.test(previous) && !check(previous, ch)) {
                    const text = el.textContent;
                    found.push(text.slice(0, 60) + ' (after ' + JSON.stringify(previous) + ')');
                }
                last = rect; previous = ch;
            }
        }
    };
    for (const code of document.querySelectorAll('article table code')) {
        lineBreaks(code, previous => allowedInCode.test(previous));
    }
    if (document.documentElement.lang === 'ko') {
        for (const a of document.querySelectorAll('article a')) {
            if (!hangul.test(a.textContent) || a.closest('.katex')) continue;
            lineBreaks(a, (previous, next) => !(hangul.test(previous) && hangul.test(next)));
        }
    }
    return found;
}"""


# Known and open (issue 11): in the comparison table's narrow sticky name column
# and one table of the choosing page, Korean link text still splits inside a
# word at 360 px. Strict: the marker must go once it is fixed.
KOREAN_LINK_BREAKS_OPEN = {"comparison/", "concepts/choosing/"}


def test_words_do_not_break_in_tables_and_korean_links(
    tabs: object, page_path: str, request: pytest.FixtureRequest
) -> None:
    if page_path in KOREAN_LINK_BREAKS_OPEN:
        request.applymarker(
            pytest.mark.xfail(reason="issue 11: Korean link text breaks mid-word", strict=True)
        )
    """At 360 px, code in tables breaks only after a dot, `_`, `=` or punctuation; Korean links
    only between words ("keras.activations.g/elu" and "approximate=Fals/e" were split)."""
    tab = tabs.open(viewport=PHONES[1])
    tab.goto(page_path)
    broken = tab.page.evaluate(BREAKS)
    assert not broken, f"{page_path}: {len(broken)} word(s) split mid-word:\n  " + "\n  ".join(
        broken[:20]
    )


def test_korean_text_is_never_slanted(tabs: object, page_path: str) -> None:
    """Hangul fonts have no italic; a slanted Hangul glyph is the browser faking one."""
    if language_of(page_path) != "ko":
        pytest.skip("Korean pages only")
    tab = tabs.open()
    tab.goto(page_path)
    slanted = tab.page.evaluate(
        """() => {
            const found = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (!/[\\uac00-\\ud7a3]/.test(node.data)) continue;
                const style = getComputedStyle(node.parentElement);
                const synthesis = style.fontSynthesisStyle || 'auto';
                if (style.fontStyle !== 'normal' && synthesis !== 'none') {
                    found.push(node.parentElement.tagName + ': ' + node.data.trim().slice(0, 40));
                }
            }
            return found;
        }"""
    )
    assert not slanted, f"{page_path}: synthetic italic Hangul:\n  " + "\n  ".join(slanted[:20])
