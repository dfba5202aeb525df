"""Around the article: fonts, the keyboard path, the language switch, the colour scheme, 404.

Each test does what a reader does (press Tab, pick a language, toggle the
scheme, open a missing page) and checks what the reader then gets.
"""

from __future__ import annotations

import re

import pytest
from browser_kit import LANGUAGES, other_language

FONT_PAGES = ["functions/sigmoid/", "en/functions/sigmoid/"]
TEXT_SAMPLES = {"prose": "article p", "code": "article pre code"}


def _platform_fonts(tab: object, selector: str) -> tuple[list[str], list[str]]:
    """(families the CSS asks for, system fonts chromium actually drew the text with)."""
    session = tab.context.new_cdp_session(tab.page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    declared = tab.page.locator(selector).first.evaluate("el => getComputedStyle(el).fontFamily")
    families = [f.strip().strip("\"'") for f in declared.split(",")]
    used = [f["familyName"] for f in fonts if not f["isCustomFont"]]
    return families, used


@pytest.mark.parametrize("path", FONT_PAGES)
def test_the_sites_font_stack_is_what_draws_the_text(tabs: object, path: str) -> None:
    """Every system font used for prose and code is one the site names (no silent fallback)."""
    tab = tabs.open()
    tab.goto(path)
    problems = []
    for what, selector in TEXT_SAMPLES.items():
        families, used = _platform_fonts(tab, selector)
        stray = [font for font in used if font not in families]
        if not used or stray:
            problems.append(f"{what}: drawn with {used}, not in the stack {families}")
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


def test_the_skip_link_takes_the_keyboard_into_the_article(tabs: object) -> None:
    """Tab, Enter on "skip to content", Tab: the focus is in the article, not back in the header."""
    tab = tabs.open()
    for path in ("functions/relu/", "en/concepts/choosing/"):
        tab.goto(path)
        tab.page.keyboard.press("Tab")
        assert tab.page.evaluate("document.activeElement.matches('a.md-skip')"), (
            f"{path}: the first Tab does not reach the skip link"
        )
        tab.page.keyboard.press("Enter")
        tab.page.keyboard.press("Tab")
        where = tab.page.evaluate(
            """() => { const e = document.activeElement;
                return [!!e.closest('article'), e.tagName + '.' + e.className]; }"""
        )
        assert where[0], f"{path}: after the skip link, Tab went to {where[1]}"


# What a11y.js decided for each scrolling box, and whether chromium skips its block.
SCROLL_BOXES = """() => [...document.querySelectorAll('.md-content .katex-display')].map(box => ({
    skipped: !box.checkVisibility({contentVisibilityAuto: true}),
    stop: box.getAttribute('tabindex') === '0',
}))"""


@pytest.mark.parametrize("path", ["concepts/output-layers/", "en/concepts/output-layers/"])
def test_a_wide_formula_further_down_gets_its_tab_stop_when_scrolled_to(
    tabs: object, path: str
) -> None:
    """On a phone, display math wider than the screen scrolls in its box, which then
    needs a tab stop. Far down the page the browser skips a block's layout until the
    reader scrolls near it (site.css): a11y.js must not measure a box there before
    (that would lay the block out while the page loads), and must once it is there."""
    tab = tabs.open(viewport={"width": 360, "height": 740})
    tab.goto(path)
    tab.page.evaluate("new Promise(done => requestAnimationFrame(() => setTimeout(done)))")
    at_load = tab.page.evaluate(SCROLL_BOXES)
    skipped = [i for i, box in enumerate(at_load) if box["skipped"]]
    assert skipped, f"{path}: no formula in a skipped block at load, nothing to check"
    assert not [i for i in skipped if at_load[i]["stop"]], (
        f"{path}: a box in a skipped block was measured during the load"
    )
    for index in skipped:
        tab.page.locator(".md-content .katex-display").nth(index).scroll_into_view_if_needed()
        tab.page.wait_for_function(
            """index => {
                const box = document.querySelectorAll('.md-content .katex-display')[index];
                const wide = box.scrollWidth > box.clientWidth
                    || box.scrollHeight > box.clientHeight;
                return box.checkVisibility({contentVisibilityAuto: true})
                    && wide === (box.getAttribute('tabindex') === '0');
            }""",
            arg=index,
        )
    stops = [i for i in skipped if tab.page.evaluate(SCROLL_BOXES)[i]["stop"]]
    assert stops, f"{path}: no formula further down needed a tab stop at 360 px"


def test_no_tab_stop_is_invisible(tabs: object) -> None:
    """Tabbing from the top to the article never stops on something the reader cannot see."""
    tab = tabs.open()
    tab.goto("functions/relu/")
    invisible = []
    for _ in range(120):
        tab.page.keyboard.press("Tab")
        stop = tab.page.evaluate(
            """() => {
                const e = document.activeElement;
                const r = e.getBoundingClientRect();
                let opacity = 1;
                for (let p = e; p; p = p.parentElement) opacity *= +getComputedStyle(p).opacity;
                // Material's own toggles are 0-size inputs whose label shows the focus.
                const labelled = e.id && document.querySelector(`label[for="${e.id}"]`);
                // The skip link fades in on focus (its opacity is still rising now).
                const skip = e.matches('a.md-skip');
                // The language menu opens on focus (its opacity is rising too).
                const menu = e.closest('.md-select');
                const opens = !!menu && menu.matches(':focus-within');
                const seen = labelled || skip || opens
                    || (r.width > 0 && r.height > 0 && opacity > 0);
                const text = (e.textContent || '').trim().slice(0, 20);
                return { inArticle: !!e.closest('article'), seen,
                         name: e.tagName + '.' + e.className + ' ' + text };
            }"""
        )
        if not stop["seen"] and not stop["inArticle"]:
            invisible.append(stop["name"])
        if stop["inArticle"]:
            break
    assert not invisible, f"invisible tab stop(s) before the article: {invisible}"


@pytest.mark.parametrize("start", ["functions/relu/", "en/functions/relu/"])
def test_the_language_switch_keeps_the_section(tabs: object, start: str) -> None:
    """From a section of a page, the other language opens the same section of the same page."""
    tab = tabs.open()
    tab.goto(start)
    headings = tab.page.locator("article h2[id]")
    assert headings.count() >= 3, f"{start}: too few sections to test"
    position = 2
    anchor = headings.nth(position).get_attribute("id")
    tab.page.evaluate("anchor => { location.hash = anchor; }", anchor)  # as a TOC link does
    tab.page.wait_for_function(
        "anchor => decodeURIComponent(location.hash.slice(1)) === anchor", arg=anchor
    )
    other = "ko" if start.startswith("en/") else "en"
    tab.pick_language(other)
    target = tab.url(other_language(start))
    tab.page.wait_for_url(re.compile(re.escape(target) + "#.+"))
    tab.settle()
    expected = tab.page.locator("article h2[id]").nth(position).get_attribute("id")
    landed = tab.page.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert landed == expected, f"{start}#{anchor} -> #{landed}, expected #{expected}"


def test_the_colour_scheme_carries_across_languages(tabs: object) -> None:
    tab = tabs.open("light")
    tab.goto("")
    before = tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    tab.page.locator("form[data-md-component=palette] label:visible").first.click()
    tab.page.wait_for_function(
        "before => document.body.getAttribute('data-md-color-scheme') !== before", arg=before
    )
    chosen = tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    for path in ("en/", "en/functions/relu/", "functions/relu/"):
        tab.goto(path)
        scheme = tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert scheme == chosen, f"chose {chosen} on /, got {scheme} on /{path}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_404_page_speaks_the_sites_language(tabs: object, language: str) -> None:
    tab = tabs.open()
    prefix = LANGUAGES[language]
    response = tab.page.goto(tab.url(f"{prefix}404.html"), wait_until="load")
    assert response is not None and response.status == 200
    heading = tab.page.locator("article h1").inner_text()
    has_hangul = bool(re.search(r"[\uac00-\ud7a3]", heading))
    assert has_hangul == (language == "ko"), f"{prefix}404.html says {heading!r}"
    title = tab.page.title()
    assert "Not found" not in title or language == "en", f"{prefix}404.html title {title!r}"


GLOSSARY_PAGES = ["functions/relu/", "en/functions/relu/"]


@pytest.mark.parametrize("path", GLOSSARY_PAGES)
def test_glossary_definitions_open_by_keyboard_and_touch(tabs: object, path: str) -> None:
    """Each marked term takes focus and shows its definition; a term is marked once, never in
    a heading or a link."""
    tab = tabs.open()
    tab.goto(path)
    marks = tab.page.evaluate(
        """() => [...document.querySelectorAll('article abbr')].map(a => ({
            term: a.textContent, focusable: a.tabIndex >= 0,
            where: (a.closest('h1, h2, h3, h4, h5, h6, a') || {}).tagName || null,
            definition: a.getAttribute('title') || a.getAttribute('aria-describedby') || ''
        }))"""
    )
    assert marks, f"{path}: no glossary term is marked"
    problems = [f"{m['term']!r} cannot take focus" for m in marks if not m["focusable"]]
    problems += [f"{m['term']!r} is marked inside <{m['where']}>" for m in marks if m["where"]]
    terms = [m["term"].lower() for m in marks]
    problems += [
        f"{t!r} is marked {terms.count(t)} times" for t in sorted(set(terms)) if terms.count(t) > 1
    ]
    assert not problems, f"{path}: {len(marks)} marks:\n  " + "\n  ".join(problems[:20])

    # Keyboard: Tab until the first term has the focus; its definition appears.
    first = tab.page.locator("article abbr").first
    for _ in range(200):
        tab.page.keyboard.press("Tab")
        if first.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError(f"{path}: Tab never reached the first glossary term")
    tooltip = tab.page.locator("[role=tooltip]:visible")
    tooltip.first.wait_for()
    assert tooltip.first.inner_text().strip(), f"{path}: the tooltip is empty"

    # Touch: a tap on the term shows the definition too.
    phone = tabs.open(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    phone.goto(path)
    phone.page.locator("article abbr").first.scroll_into_view_if_needed()
    phone.page.locator("article abbr").first.tap()
    phone.page.locator("[role=tooltip]:visible").first.wait_for()


def _figure_words(svg: str) -> list[str]:
    """The words a figure shows: matplotlib writes each text drawn as paths in a comment."""
    return re.findall(r"<!-- (.*?) -->", svg)


def test_korean_figures_are_in_korean(tabs: object) -> None:
    """Every figure on the Korean comparison and function pages: no English word outside math,
    parentheses (the English name given with the Korean one) and function ids (tanh, GELU)."""
    from activations.registry import REGISTRY

    # Ids, and the words of the Korean names (Korean writing calls Leaky ReLU so).
    allowed = {entry_id.lower() for entry_id in REGISTRY}
    allowed |= {w.lower() for e in REGISTRY.values() for w in re.findall(r"[A-Za-z]+", e.name_ko)}
    tab = tabs.open()
    english = []
    for path in ("comparison/", "functions/sigmoid/", "functions/gelu_tanh/"):
        tab.goto(path)
        sources = tab.page.locator("article img[src*='plots/']").evaluate_all(
            "imgs => imgs.map(img => img.src)"
        )
        assert sources, f"{path}: no figure"
        for source in sources:
            svg = tab.page.evaluate("src => fetch(src).then(r => r.text())", source)
            for text in _figure_words(svg):
                bare = re.sub(r"\$[^$]*\$|\([^)]*\)", "", text)
                words = [w for w in re.findall(r"[A-Za-z]{2,}", bare) if w.lower() not in allowed]
                if words:
                    english.append(f"{source.rsplit('/', 1)[-1]}: {text!r}")
    assert not english, "English in Korean figures:\n  " + "\n  ".join(sorted(set(english))[:30])
