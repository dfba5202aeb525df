"""What a phone pays for a page: the causes of slow Lighthouse mobile scores, guarded.

Speed itself is measured by ``scripts/site_report.py --lighthouse`` (issue 14),
not here; these tests pin down what made pages slow and was fixed:

- KaTeX's JavaScript (75 kB gzip, plus auto-render walking the whole page)
  ran on every page. Every formula, notebook pages included, is now typeset
  at build time (hooks/katex.py), so a reader without JavaScript sees the
  same math and no page requests KaTeX's scripts.
- Style and layout dominate the main thread on a phone, and KaTeX's markup is
  most of the DOM. The budgets below are the element counts measured per page
  type (heaviest page of the type, December 2026) plus about 10 %: a change
  that makes pages much heavier (another markup scheme for math, a tooltip
  element on every repeated term) fails here and must raise the budget
  knowingly.
- Material's bundle, a plain ``<script>`` at the end of ``<body>``, held the
  first paint back (render-blocking for Chromium): hooks/speed.py defers it.
  Its instant navigation cost 100-150 ms of blocking time on every first visit
  and is off; the site's CSS skips the layout of blocks far off screen. Its
  palette script restyled every element twice on each load through one CSS
  rule, which hooks/speed.py takes out.
- Material's start restyles every element not skipped three times, so the CSS
  skips code blocks far down too, but not one just before a tab set: skipped,
  axe (as Lighthouse runs it, on the page as it loads) read the code's grey
  behind the tab labels and failed their contrast.
- A KaTeX font that the first layout needs (KaTeX_Size2 for a big operator)
  was requested only when that layout met its glyph, a round trip after the
  stylesheets, and the largest paint waited for it. The build preloads every
  font the first layout draws with (hooks/katex.py, first_layout_fonts): no
  KaTeX font may be fetched by the stylesheet before the first paint.
"""

from __future__ import annotations

import re

import pytest
from browser_kit import LANGUAGES, PAGES

# The heaviest page of each type, and the lightest (home) as a control.
HEAVIEST = [
    "",
    "functions/softmax/",
    "functions/sigmoid/",
    "concepts/numerical-stability/",
    "comparison/",
    "glossary/",
]

# Elements (document.getElementsByTagName('*')) after load, per page type.
# Measured maxima: home 1,030; function 4,351 (softmax); concept 4,423
# (numerical-stability); comparison 3,518; notebook 3,832; glossary 825.
# Function pages raised knowingly after the signature block, the framework tabs
# and the derivative in terms of the output were added: 5,440 (softmax); notebook
# pages after the vanishing-gradients notebook gained its three-panel report: 4,629.
# Comparison lowered knowingly when its numbers became text: 3,632 -> 2,790.
DOM_BUDGET = {
    "home": 1_150,
    "functions": 6_000,
    "concepts": 4_900,
    "comparison": 3_100,
    "notebooks": 5_100,
    "glossary": 950,
}
KATEX_SCRIPT = re.compile(r"/katex/.*\.js(\?|$)|auto-render")


# KaTeX fonts the stylesheet requested (not a preload) before the first contentful
# paint: found by the first layout. One the reader scrolls to comes after it.
LATE_FONTS = """() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const fonts = performance.getEntriesByType('resource')
        .filter(e => e.name.includes('/katex/fonts/') && e.initiatorType !== 'link')
        .filter(e => paint && e.startTime < paint.startTime)
        .map(e => e.name.split('/').pop() + ' at ' + Math.round(e.startTime) + ' ms');
    return {paint: paint ? paint.startTime : null, fonts};
}"""


def page_type(path: str) -> str:
    first = path.removeprefix("en/").split("/")[0]
    return first or "home"


# Every notebook: their math used to be typeset in the browser only.
CHECKED = [prefix + path for path in HEAVIEST for prefix in LANGUAGES.values()]
CHECKED += [path for path in PAGES if page_type(path) == "notebooks"]


@pytest.mark.parametrize("path", CHECKED)
def test_math_is_typeset_in_the_html_without_javascript(tabs: object, path: str) -> None:
    tab = tabs.open_shared(java_script_enabled=False)  # no script, so no state to leave
    tab.goto(path)
    formulas = tab.page.evaluate("document.querySelectorAll('.katex').length")
    problems = tab.math_problems()
    assert not problems, f"{path}: " + "\n".join(problems[:10])
    if page_type(path) in ("functions", "concepts", "notebooks"):
        assert formulas > 0, f"{path}: no typeset formula at all"


@pytest.mark.parametrize("path", CHECKED)
def test_no_katex_javascript_no_script_holds_up_the_first_paint_and_the_dom_within_budget(
    tabs: object, path: str
) -> None:
    """One first visit: the scripts the page fetches, the elements it builds, how its
    scripts load and what its CSS leaves for later."""
    tab = tabs.open(first_visit=True)
    scripts: list[str] = []
    tab.page.on(
        "request",
        lambda request: scripts.append(request.url) if request.resource_type == "script" else None,
    )
    tab.goto(path)
    tab.page.wait_for_load_state("networkidle")
    katex = [url for url in scripts if KATEX_SCRIPT.search(url)]
    assert not katex, f"{path} loads KaTeX's JavaScript: {katex}"
    assert scripts, f"{path}: no script recorded at all (is the listener working?)"
    late = tab.page.evaluate(LATE_FONTS)
    assert late["paint"], f"{path}: the browser reported no first contentful paint"
    assert not late["fonts"], (
        f"{path}: KaTeX font(s) found by the first layout, not preloaded: {late['fonts']}"
    )
    elements = tab.page.evaluate("document.getElementsByTagName('*').length")
    budget = DOM_BUDGET[page_type(path)]
    assert elements <= budget, f"{path}: {elements} elements, budget {budget}"
    found = tab.page.evaluate(
        """() => ({
            blocking: [...document.scripts]
                .filter(s => s.src && !s.defer && !s.async && s.type !== 'module')
                .map(s => s.src),
            bundle: [...document.scripts].some(s => /bundle\\.[0-9a-f]+\\.min\\.js$/.test(s.src)),
            instant: JSON.parse(document.getElementById('__config').textContent)
                .features.includes('navigation.instant'),
            restyleAll: [...document.styleSheets].flatMap(sheet => [...sheet.cssRules])
                .flatMap(rule => rule.cssRules ? [rule, ...rule.cssRules] : [rule])
                .map(rule => rule.selectorText || '')
                .filter(selector => selector.includes('data-md-color-switching')),
            skipped: [...document.querySelectorAll('article *')]
                .filter(el => getComputedStyle(el).contentVisibility === 'auto').length,
        })"""
    )
    assert found["bundle"], f"{path}: Material's bundle not found (did its name change?)"
    assert not found["blocking"], f"{path}: render-blocking scripts {found['blocking']}"
    assert not found["instant"], f"{path}: Material's instant navigation is on"
    # Material marks <body> on every load; this rule then restyles every element.
    assert not found["restyleAll"], f"{path}: {found['restyleAll']} (see hooks/speed.py)"
    if page_type(path) in ("functions", "concepts", "comparison", "notebooks"):
        assert found["skipped"] > 0, f"{path}: no block is left to lay out when it comes near"


# Lighthouse's mobile preset: a Moto G Power's screen.
LIGHTHOUSE_PHONE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}
CODE_BLOCKS = """() => [...document.querySelectorAll('.md-content .md-typeset > .highlight')]
    .map(block => {
        const next = block.nextElementSibling;
        return {
            skipped: getComputedStyle(block).contentVisibility === 'auto',
            beforeTabs: !!next && (next.matches('.tabbed-set')
                || !!next.nextElementSibling && next.nextElementSibling.matches('.tabbed-set')),
        };
    })"""


@pytest.mark.parametrize("path", ["functions/sigmoid/", "en/functions/relu/"])
def test_code_far_down_waits_and_contrast_holds_on_the_page_as_lighthouse_audits_it(
    tabs: object, path: str
) -> None:
    """Code blocks far down are left for later (site.css), except the one just before
    the framework tabs: skipped, it made axe, run by Lighthouse on the page as it
    loads, read the code's grey behind the tab labels (4.47:1 against 4.5:1)."""
    tab = tabs.open(**LIGHTHOUSE_PHONE)
    tab.goto(path)
    blocks = tab.page.evaluate(CODE_BLOCKS)
    assert [b for b in blocks if b["skipped"]], f"{path}: no code block is left for later"
    before_tabs = [b for b in blocks if b["beforeTabs"]]
    assert before_tabs, f"{path}: no code block before the tab set (did the page change?)"
    assert not [b for b in before_tabs if b["skipped"]], (
        f"{path}: the code block before the tab set is left for later"
    )
    problems = tab.axe_problems(colour_only=True, as_loaded=True)
    assert not problems, f"{path}: " + "\n".join(problems)
