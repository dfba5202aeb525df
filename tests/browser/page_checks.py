"""What a reader checks on a page, as functions of a loaded :class:`browser_kit.Tab`.

``tests/browser/test_pages.py`` runs them all on one load of each page: on a
phone (nothing scrolls sideways, lines break where a reader expects, a Korean
page reads Korean), nothing moves when the scheme changes, the copy button, and
the language switch.
Each returns the problems it found, as lines for the test's report.
"""

from __future__ import annotations

import re

from browser_kit import language_of, other_language

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


def on_a_phone(tab: object, *, words: bool = True) -> list[str]:
    """Resize to each phone (a resize lays the page out as a load at that width would):
    nothing may scroll sideways; at the narrowest, with ``words``, no word is split."""
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
    if words:
        broken = tab.page.evaluate(BREAKS)
        problems += [f"{PHONES[-1]['width']} px: a word split mid-word: {b}" for b in broken[:20]]
    return problems


# Where a line may end inside code in a table, and inside Korean link text:
# after these characters (and at spaces). A break anywhere else splits a word
# ("keras.activations.g/elu" and "approximate=Fals/e" were split at 360 px).
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


# Where every element of the page is, except the header's palette toggle (its two
# labels trade places when the scheme changes).
GEOMETRY = """() => Array.from(document.body.querySelectorAll('*'), el => {
    if (el.closest('form[data-md-component=palette]')) return null;
    const r = el.getBoundingClientRect();
    const box = [r.left + scrollX, r.top + scrollY, r.width, r.height];
    return el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' '
        + box.map(v => v.toFixed(1)).join(',');
}).filter(Boolean)"""


def remember_geometry(tab: object) -> None:
    """Note every element's box as laid out now (after its transitions), in the page."""
    tab.transitions_done()
    tab.page.evaluate(f"() => {{ window.__geometry = ({GEOMETRY})(); }}")


def moved(tab: object) -> list[str]:
    """The elements whose box differs from :func:`remember_geometry`'s note.

    Compared in the page: only the differences cross over to the test.
    """
    tab.transitions_done()
    found = tab.page.evaluate(
        f"""() => {{
            const before = window.__geometry, after = ({GEOMETRY})();
            if (before.length !== after.length) {{
                return {{before: before.length, after: after.length}};
            }}
            const changed = [];
            before.forEach((box, i) => {{
                if (box !== after[i]) changed.push(box + ' -> ' + after[i].split(' ').pop());
            }});
            return {{changed}};
        }}"""
    )
    if "changed" not in found:
        return [f"{found['before']} elements became {found['after']}"]
    changed = found["changed"]
    return [f"{len(changed)} element(s) moved: {changed[:3]}"] if changed else []


def reads_korean(tab: object) -> list[str]:
    """A Korean page: no synthetic italic Hangul, no English interface text, no
    untranslated English phrase."""
    found = tab.page.evaluate(KOREAN_PAGE, ENGLISH_WORDS)
    problems = [f"synthetic italic Hangul: {t}" for t in found["slanted"]]
    problems += [f"English interface text: {t!r}" for t in found["ui"] if t not in ALLOWED_LATIN]
    problems += [f"English phrase: {t!r}" for t in found["phrases"]]
    return problems[:30]


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


def copy_buttons(tab: object) -> list[str]:
    """Every code block has a copy button; the first one copies its runnable code
    (prompts and output stay on screen). The tab's context may read the clipboard."""
    problems = []
    for block_selector, button_selector in COPYABLE:
        blocks = tab.page.locator(block_selector)
        buttons = tab.page.locator(button_selector)
        if buttons.count() != blocks.count():
            problems.append(
                f"{blocks.count()} code block(s) ({block_selector}) "
                f"but {buttons.count()} copy button(s)"
            )
            continue
        if blocks.count() == 0:
            continue
        tab.page.evaluate("navigator.clipboard.writeText('')")
        buttons.first.click()
        expected = reader_copy(blocks.first.inner_text())
        # The clipboard is read asynchronously: each poll starts a read and checks the
        # last one (an async predicate would return a Promise, which is always truthy).
        copied = tab.page.wait_for_function(
            """expected => {
                navigator.clipboard.readText().then(text => { window.__clipboard = text; });
                const text = (window.__clipboard ?? '').trim();
                return text === expected || (text !== '' && text);
            }""",
            arg=expected,
            polling=100,
        ).json_value()
        if copied is not True:
            problems.append(f"the first copy button copied {copied!r}, not {expected!r}")
    return problems


def language_switch(tab: object, path: str) -> list[str]:
    """The switcher, used as a reader does: open the menu, pick the other language;
    the browser then asks for the same page in it.

    The page it asks for is answered "204 No Content", so the browser stays
    where it is: that page's own test loads it and checks it in full.
    """
    other = "ko" if language_of(path) == "en" else "en"
    # The explorer keeps its state in the query, which the switch carries over.
    expected = tab.url(other_language(path)) + tab.page.evaluate("location.search")
    tab.page.route(lambda url: url == expected, lambda route: route.fulfill(status=204))
    with tab.page.expect_request(lambda request: request.is_navigation_request()) as asked:
        tab.pick_language(other)
    url = asked.value.url
    return [] if url == expected else [f"the switch to {other} opened {url}, not {expected}"]


def title_is_text(tab: object) -> list[str]:
    """The browser tab's title is text: "$p - y$" is TeX a reader should never see."""
    title = tab.page.title()
    return [f"TeX in the title: {title!r}"] if re.search(r"\$|\\[A-Za-z]", title) else []
