"""Browser-test kit: the pages of the site, and a tab that checks what a reader sees.

Imported by ``conftest.py`` (the fixtures) and by the test modules; see the
conftest docstring for how to use it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from activations_site import local_site

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
DOCS = ROOT / "docs"
CHROMIUM = local_site.CHROMIUM
LANGUAGES = {"ko": "", "en": "en/"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Generous: a state the page reaches in 100 ms on an idle machine may take
# seconds while the other worker runs a build on the same two cores.
TIMEOUT_MS = 60_000
DEFAULT_VIEWPORT = {"width": 1280, "height": 720}  # Playwright's default


def _page_urls() -> list[str]:
    """Site-relative URLs of every page, derived from the Korean sources.

    The same relative paths must exist in English (a separate test checks that),
    so both languages are listed from one tree.
    """
    source = DOCS / "ko"
    urls = []
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.suffix == ".md":
            stem = relative.with_suffix("")
        elif path.suffix == ".py" and relative.parts[0] == "notebooks":
            stem = relative.with_suffix("")
        else:
            continue
        parts = stem.parts[:-1] if stem.name == "index" else stem.parts
        urls.append("".join(f"{part}/" for part in parts))
    notebooks = DOCS / "notebooks"
    if notebooks.is_dir():  # one source per notebook, built into both languages
        urls += [f"notebooks/{p.stem}/" for p in sorted(notebooks.glob("*.py"))]
    return sorted(set(urls))


PAGES = [prefix + url for url in _page_urls() for prefix in LANGUAGES.values()]


def language_of(path: str) -> str:
    return "en" if path.startswith("en/") else "ko"


def other_language(path: str) -> str:
    return path[len("en/") :] if path.startswith("en/") else "en/" + path


@dataclass(frozen=True)
class Site:
    base: str  # the site_url it was built for, where tests/site_server.py serves it
    directory: Path  # the built files

    @property
    def local(self) -> str:
        return self.base


@functools.cache
def _axe_script() -> str:
    """axe-core, vendored (vendor/axe-core/README.md says which and why)."""
    return (HERE / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


# axe's rules whose outcome depends on colour (its "cat.color" category). The rest
# read the DOM, which the colour scheme does not change.
AXE_COLOUR_RULES = """tags => axe.getRules(tags)
    .filter(rule => rule.tags.includes('cat.color')).map(rule => rule.ruleId)"""

# A page opened in a shared context starts from the system's colour scheme, as a
# new reader's does: the palette a test picked with the toggle (Material keeps it
# in localStorage as "<scope>.__palette") is forgotten before the page's scripts run.
FORGET_PALETTE = """
    for (const key of Object.keys(localStorage)) {
        if (key.endsWith('.__palette')) localStorage.removeItem(key);
    }
"""

# A tab of a shared context starts as a new reader's: its first page of the site
# (sessionStorage is per tab) empties the localStorage that earlier tabs left
# (Material's palette and content tabs) before the page's scripts run; later pages
# of the same tab keep what this tab stored, as a reader's browser does.
FRESH_TAB = """
    if (location.protocol.startsWith('http') && !sessionStorage.getItem('__tests.tab')) {
        localStorage.clear();
        sessionStorage.setItem('__tests.tab', '1');
    }
"""

CSP_LISTENER = """
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', e =>
        window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def new_context(
    browser: object, scheme: str, viewport: dict[str, int] | None = None, **options: object
) -> object:
    """A browser context as a Korean reader's browser: colour scheme, locale, clipboard."""
    options = {"color_scheme": scheme, "locale": "ko-KR", **options}
    if viewport is not None:
        options["viewport"] = viewport
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script(CSP_LISTENER)
    return context


class Tab:
    """One browser page that records everything a reader would not want to see."""

    def __init__(
        self,
        browser: object,
        site: Site,
        scheme: str = "light",
        viewport: dict[str, int] | None = None,
        *,
        context: object | None = None,
        page: object | None = None,
        **context_options: object,
    ) -> None:
        """A new context; or in ``context`` a new page (closing the tab closes it) or
        ``page``, a page of that context that outlives the tab."""
        self.site = site
        self.scheme = scheme
        self.origin = urlsplit(site.base).netloc
        self._owns_context = context is None
        self.context = (
            context
            if context is not None
            else new_context(browser, scheme, viewport, **context_options)
        )
        self.problems: list[str] = []
        self._owns_page = page is None
        self.page = self.context.new_page() if page is None else page
        self._listeners = {
            "console": self._on_console,
            "pageerror": lambda error: self.problems.append(f"page error: {error}"),
            "request": self._on_request,
        }
        for event, listener in self._listeners.items():
            self.page.on(event, listener)

    def url(self, path: str) -> str:
        return urljoin(self.site.base, path)

    def path_of(self, url: str) -> str:
        """The site-relative path of a URL of this site ('' for the home page)."""
        return url[len(self.site.base) :] if url.startswith(self.site.base) else url

    def goto(self, path: str) -> object:
        response = self.page.goto(self.url(path), wait_until="load")
        status = response.status if response is not None else None
        assert status == 200, f"{path}: HTTP {status}"
        self.settle()
        return response

    def _on_console(self, message: object) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _on_request(self, request: object) -> None:
        netloc = urlsplit(request.url).netloc
        if request.url.startswith(("data:", "blob:")) or netloc == self.origin:
            return
        self.problems.append(f"request to another host: {request.url}")

    def close(self) -> None:
        if not self._owns_context:
            self.page.unroute_all(behavior="ignoreErrors")
            if self._owns_page:
                self.page.close()
            else:  # the next tab on this page records its own problems
                for event, listener in self._listeners.items():
                    self.page.remove_listener(event, listener)
            return
        # A test may have routed requests: one still in flight must not raise later.
        self.context.unroute_all(behavior="ignoreErrors")
        self.context.close()

    def settle(self) -> None:
        """Wait until the math is typeset and the fonts are in, so layout is final."""
        self.page.wait_for_function(
            """() => document.readyState === 'complete'
                && Array.from(document.querySelectorAll('.arithmatex'))
                    .every(el => el.querySelector('.katex, math'))"""
        )
        self.page.evaluate("document.fonts.ready.then(() => true)")

    def follow(self, click: Callable[[], None], target: str) -> None:
        """Click a link the way a reader does and wait until the new page has loaded.

        Only the path must match ``target``: a page may write its state into the query.
        """
        path = urlsplit(target).path
        with self.page.expect_navigation(
            url=lambda url: urlsplit(url).path == path, wait_until="load"
        ):
            click()
        self.settle()

    def math_problems(self) -> list[str]:
        found = self.page.evaluate(
            """() => {
                const problems = [];
                const errors = document.querySelectorAll('.katex-error');
                if (errors.length) problems.push(errors.length + ' .katex-error element(s)');
                for (const el of document.querySelectorAll('.arithmatex')) {
                    if (!el.querySelector('.katex, math')) {
                        problems.push('unrendered math: ' + el.textContent.slice(0, 60));
                    }
                }
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                const raw = /\\$[^$\\s]|\\\\\\(|\\\\\\[/;
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const parent = node.parentElement;
                    if (!parent) continue;
                    if (parent.closest('pre, code, script, style, .katex, math, .md-search')) {
                        continue;
                    }
                    const hidden = parent.offsetParent === null
                        && getComputedStyle(parent).position !== 'fixed';
                    if (hidden) continue;
                    if (raw.test(node.textContent)) {
                        const text = node.textContent.trim().slice(0, 80);
                        problems.push('raw math delimiter in text: ' + text);
                    }
                }
                return problems;
            }"""
        )
        return list(found)

    def image_problems(self) -> list[str]:
        # A lazy image below the fold is not fetched until scrolled to; switching
        # it to eager loads it now, so every image of the page is checked.
        self.page.evaluate(
            """() => document.querySelectorAll('img[loading="lazy"]')
                .forEach(img => { img.loading = 'eager'; })"""
        )
        self.page.wait_for_function("() => Array.from(document.images).every(img => img.complete)")
        broken = self.page.evaluate(
            """() => Array.from(document.images)
                .filter(img => !(img.naturalWidth > 0))
                .map(img => img.getAttribute('src'))"""
        )
        return [f"image did not load: {src}" for src in broken]

    def csp_violations(self) -> list[str]:
        return [f"CSP violation: {v}" for v in self.page.evaluate("window.__cspViolations || []")]

    def lay_out_everything(self) -> int:
        """Lay out every block that site.css leaves for later; return how many there were.

        site.css skips the style and layout of article blocks far off screen
        (``content-visibility: auto``) until the reader scrolls near them. A skipped
        block does not widen the page, clips what overflows it, and has no colours
        for axe to check: a check of the whole page first lays it all out, as the
        reader will see it once scrolled there.

        What a reader's scroll sets off when a block is rendered (a11y.js then
        decides which of its boxes scroll, on ``contentvisibilityautostatechange``)
        an overridden property does not: the page is told its layout changed as
        a resize tells it, and the next frame is awaited. test_reader.py checks
        the reader's way.
        """
        count = self.page.evaluate(
            """() => {
                let count = 0;
                for (const el of document.querySelectorAll('article *')) {
                    if (getComputedStyle(el).contentVisibility !== 'auto') continue;
                    el.style.contentVisibility = 'visible';
                    count += 1;
                }
                window.dispatchEvent(new Event('resize'));
                return new Promise(done => requestAnimationFrame(() => done(count)));
            }"""
        )
        self.transitions_done()
        return count

    def transitions_done(self) -> None:
        """Wait until no CSS transition runs: an element styled for the first time
        (a block no longer skipped) or restyled (a new colour scheme) fades into its
        colours, and axe must measure the colours the reader ends up with."""
        self.page.wait_for_function(
            """() => !document.getAnimations().some(a =>
                a instanceof CSSTransition && a.playState === 'running')""",
            polling=50,
        )

    def axe_problems(self, *, colour_only: bool = False, as_loaded: bool = False) -> list[str]:
        """Serious and critical WCAG 2.1 AA violations that axe-core finds on the page.

        ``colour_only``: only the rules whose outcome depends on colour (contrast,
        links told apart from text by colour), for a second look at the same page
        in the other colour scheme. ``as_loaded``: the page as Lighthouse audits
        it, with the blocks far down still skipped; otherwise every block is laid
        out first.
        """
        if not as_loaded:
            self.lay_out_everything()
        if not self.page.evaluate("typeof window.axe === 'object'"):
            self.page.evaluate(_axe_script())
        rules = {"type": "tag", "values": AXE_TAGS}
        if colour_only:
            rules = {"type": "rule", "values": self.page.evaluate(AXE_COLOUR_RULES, AXE_TAGS)}
            assert "color-contrast" in rules["values"], rules
        results = self.page.evaluate(
            "options => axe.run(document, options)",
            {"runOnly": rules, "resultTypes": ["violations"]},
        )
        problems = []
        for violation in results["violations"]:
            if violation["impact"] not in ("serious", "critical"):
                continue
            nodes = violation["nodes"]
            targets = ", ".join(str(node["target"]) for node in nodes[:3])
            why = " ".join(nodes[0].get("failureSummary", "").split())
            problems.append(
                f"axe {violation['impact']}: {violation['id']} ({len(nodes)} node(s): {targets}"
                f"{' ...' if len(nodes) > 3 else ''}) {violation['help']}; first: {why}"
            )
        return problems

    def switch_to_dark(self) -> None:
        """Turn the loaded light page dark with the header's toggle, as a reader does.

        The toggle's radio input is clicked the way its label clicks it, without
        hovering the label (its tooltip would fade in while axe measures colours).
        Returns once Material has applied the dark palette and every colour
        transition has ended. test_pages.py checks that the page then has the
        colours of a page opened in a dark system. (Inside a closed ``<details>``
        Chromium restyles only when it opens; axe skips that hidden content, as
        the reader sees none of it.)
        """
        assert self.page.evaluate("document.body.dataset.mdColorScheme") == "default"
        self.page.evaluate("document.getElementById('__palette_1').click()")
        self.page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
        self.transitions_done()

    def pick_language(self, language: str) -> None:
        """Open the header's language menu and click ``language`` ("ko", "en") in it."""
        self.page.hover(".md-header .md-select")
        self.page.click(f'.md-header .md-select__link[hreflang="{language}"]')


class Tabs:
    """Opens tabs for one test and closes every one of them afterwards."""

    def __init__(self, browser: object, site: Site, shared: dict[str, object]) -> None:
        self._browser, self._site, self._open, self._shared = browser, site, [], shared

    def open(
        self,
        scheme: str = "light",
        viewport: dict[str, int] | None = None,
        *,
        first_visit: bool = False,
        **context_options: object,
    ) -> Tab:
        """A new page, as a reader's new tab: nothing of the site stored yet.

        It opens in this worker's long-lived context of that scheme, whose HTTP
        cache is warm (a new context costs about 1.3 CPU-s per load against 0.6
        in a warm one): the tab's first page of the site starts from an empty
        localStorage (:data:`FRESH_TAB`), and closing the tab closes the page
        with its routes, listeners and init scripts. ``first_visit`` (a cold
        cache: what a first visit downloads) or any other context option
        (``has_touch``, ``java_script_enabled``...) gives the tab a context of its
        own, closed with it.
        """
        if first_visit or context_options:
            tab = Tab(self._browser, self._site, scheme, viewport, **context_options)
        else:
            key = f"{scheme}, new tabs"
            if key not in self._shared:
                self._shared[key] = new_context(self._browser, scheme)
            tab = Tab(self._browser, self._site, scheme, context=self._shared[key])
            tab.page.add_init_script(FRESH_TAB)
            tab.page.set_viewport_size(viewport or DEFAULT_VIEWPORT)
        self._open.append(tab)
        return tab

    def open_shared(self, scheme: str = "light", *, java_script_enabled: bool = True) -> Tab:
        """This worker's long-lived page in its long-lived context of that scheme
        (and with JavaScript on or off).

        Its HTTP cache and its renderer (a new page starts a new renderer
        process) make a sweep over every page cheap; use it only for tests that
        change no state a later test could see (storage, permissions). The tab
        starts at the default viewport; its routes go when it closes.
        """
        key = scheme if java_script_enabled else f"{scheme}, no JavaScript"
        if key not in self._shared:
            context = new_context(self._browser, scheme, java_script_enabled=java_script_enabled)
            context.add_init_script(FORGET_PALETTE)
            self._shared[key] = context
        context = self._shared[key]
        pages = [page for page in context.pages if not page.is_closed()]
        page = pages[0] if pages else context.new_page()
        if page.viewport_size != DEFAULT_VIEWPORT:  # a test that failed mid-way on a phone
            page.set_viewport_size(DEFAULT_VIEWPORT)
        tab = Tab(self._browser, self._site, scheme, context=context, page=page)
        self._open.append(tab)
        return tab

    def close_all(self) -> None:
        while self._open:
            self._open.pop().close()
