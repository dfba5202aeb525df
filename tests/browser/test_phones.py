"""Every page on a phone: nothing scrolls sideways, and lines break where a reader expects.

One page load per page and colour scheme; the viewport is resized between the
two phone widths (a resize re-lays the page out exactly as a load at that
width would, without a second load).
"""

from __future__ import annotations

import pytest
from browser_kit import SCHEMES, language_of

from activations.registry import REGISTRY

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
    tab.lay_out_everything()  # what a skipped block holds must fit too
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


def test_words_do_not_break_in_tables_and_korean_links(tabs: object, page_path: str) -> None:
    """At 360 px, code in tables breaks only after a dot, `_`, `=` or punctuation; Korean links
    only between words ("keras.activations.g/elu" and "approximate=Fals/e" were split)."""
    tab = tabs.open(viewport=PHONES[1])
    tab.goto(page_path)
    broken = tab.page.evaluate(BREAKS)
    assert not broken, f"{page_path}: {len(broken)} word(s) split mid-word:\n  " + "\n  ".join(
        broken[:20]
    )


# What a Korean page may show in Latin letters outside code and math: the names
# of the functions and frameworks, and English in parentheses. Anything else in
# English is either marked lang="en" (citations) or a missed translation.
ALLOWED_LATIN = frozenset(
    {name for e in REGISTRY.values() for name in (e.name_ko, e.name_en, e.id, *e.aliases)}
    | {"NumPy", "PyTorch", "JAX", "Keras", "TensorFlow", "BibTeX"}
)
# An English phrase, as opposed to a list of names: a function word among >= 3 words.
ENGLISH_WORDS = sorted(
    {"the", "of", "and", "for", "with", "in", "to", "is", "are", "on", "by", "from", "this"}
)

KOREAN_PAGE = r"""words => {
    const found = { slanted: [], ui: [], phrases: [] };
    const hangul = /[\uac00-\ud7a3]/;
    const latinOnly = s => /[A-Za-z]{2,}/.test(s) && !hangul.test(s);
    const aside = 'code, pre, .katex, math, [lang=en], script, style, noscript, '
        + '.highlight, .jp-InputArea';
    // Hangul fonts have no italic: a slanted Hangul glyph is the browser faking one.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!hangul.test(node.data)) continue;
        const style = getComputedStyle(node.parentElement);
        const synthesis = style.fontSynthesisStyle || 'auto';
        if (style.fontStyle !== 'normal' && synthesis !== 'none') {
            found.slanted.push(node.parentElement.tagName + ': ' + node.data.trim().slice(0, 40));
        }
    }
    // The interface: labels, titles and the text of controls and of the site's frame.
    const ui = new Set();
    for (const el of document.querySelectorAll('body *')) {
        if (el.closest(aside)) continue;
        for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
            const value = el.getAttribute(attr);
            if (value && latinOnly(value)) ui.add(value.trim());
        }
    }
    const frame = 'header, nav, footer, .md-search, button, summary, label, [role=button], '
        + 'clipboard-copy';
    for (const root of document.querySelectorAll(frame)) {
        const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = texts.nextNode(); node; node = texts.nextNode()) {
            const text = node.data.trim();
            if (text && latinOnly(text) && !node.parentElement.closest(aside)) ui.add(text);
        }
    }
    if (/[$\\]/.test(document.title)) ui.add('title: ' + document.title);
    found.ui = [...ui];
    // The article: an English phrase outside parentheses, code, math and lang="en".
    let text = '';
    const article = document.querySelector('article') || document.body;
    const prose = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let node = prose.nextNode(); node; node = prose.nextNode()) {
        text += node.parentElement.closest(aside) ? ' | ' : node.data;
    }
    for (let i = 0; i < 3; i++) text = text.replace(/\([^()]*\)/g, ' | ');
    const runs = text.match(/[A-Za-z][A-Za-z'\-]*(?:[ ,:]+[A-Za-z][A-Za-z'\-]*){2,}/g) || [];
    for (const run of runs) {
        if (run.toLowerCase().split(/[ ,:]+/).some(w => words.includes(w))) found.phrases.push(run);
    }
    return found;
}"""


def test_korean_pages_read_korean(tabs: object, page_path: str) -> None:
    """No synthetic italic Hangul, no English interface text, no untranslated English phrase."""
    if language_of(page_path) != "ko":
        pytest.skip("Korean pages only")
    tab = tabs.open()
    tab.goto(page_path)
    found = tab.page.evaluate(KOREAN_PAGE, ENGLISH_WORDS)
    problems = [f"synthetic italic Hangul: {t}" for t in found["slanted"]]
    problems += [f"English interface text: {t!r}" for t in found["ui"] if t not in ALLOWED_LATIN]
    problems += [f"English phrase: {t!r}" for t in found["phrases"]]
    assert not problems, f"{page_path}:\n  " + "\n  ".join(problems[:30])
