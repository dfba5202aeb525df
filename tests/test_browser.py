"""Every page of the built site, in both languages and both colour schemes, in a real browser.

Debian's chromium (``/usr/bin/chromium``) is driven by Playwright; no browser is
ever downloaded. The built site is served on 127.0.0.1 with the same
Content-Security-Policy that deployers are told to send (``docs/shared/_headers``),
so a policy violation shows up here first.

The browser sees the site at the address it was built for (``site_url``, read
from the built home page's canonical link): Material's instant navigation and
language switch fetch ``sitemap.xml`` from that address, so serving the files
anywhere else would test a site nobody deploys. Requests to that address are
answered by a local server on a free port; a request to any other address is
a failure.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _load_local_site() -> object:
    spec = importlib.util.spec_from_file_location("local_site", ROOT / "scripts" / "local_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


local_site = _load_local_site()
CHROMIUM = local_site.CHROMIUM
LANGUAGES = {"ko": "", "en": "en/"}
SCHEMES = ("light", "dark")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = [pytest.mark.site, pytest.mark.browser]


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
    return urls


PAGES = [prefix + url for url in _page_urls() for prefix in LANGUAGES.values()]


@dataclass(frozen=True)
class Site:
    base: str  # where the browser believes the site is (its site_url)
    local: str  # where the files are actually served


@pytest.fixture(scope="session")
def site(built_site: Path) -> Iterator[Site]:
    server = local_site.serve(built_site)
    try:
        base = local_site.deployed_base(built_site)
        yield Site(base, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        message = (
            "Debian's chromium is not installed: run "
            "`apt-get install -y chromium fonts-noto-cjk` (as .ci/run does)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=local_site.CHROMIUM_ARGS
        )
        yield instance
        instance.close()


class PageProbe:
    """One browser tab that records everything a reader would not want to see."""

    CSP_LISTENER = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
    """

    def __init__(self, browser: object, site: Site, scheme: str) -> None:
        self.site = site
        self.origin = urlsplit(site.base).netloc
        self.context = browser.new_context(color_scheme=scheme, locale="ko-KR")
        self.context.grant_permissions(["clipboard-read", "clipboard-write"])
        self.context.add_init_script(self.CSP_LISTENER)
        self.context.route(lambda url: url.startswith(site.base), self._serve)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("request", self._on_request)

    def _serve(self, route: object) -> None:
        local = self.site.local + route.request.url[len(self.site.base) :]
        route.fulfill(response=route.fetch(url=local, max_redirects=0))

    def url(self, path: str) -> str:
        return urljoin(self.site.base, path)

    def _on_console(self, message: object) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _on_request(self, request: object) -> None:
        netloc = urlsplit(request.url).netloc
        if request.url.startswith(("data:", "blob:")) or netloc == self.origin:
            return
        self.problems.append(f"request to another host: {request.url}")

    def close(self) -> None:
        self.context.close()

    def settle(self) -> None:
        """Wait until the math is typeset and the fonts are in, so layout is final."""
        self.page.wait_for_function("() => typeof renderMathInElement === 'function'")
        self.page.evaluate("document.fonts.ready.then(() => true)")

    def math_problems(self) -> list[str]:
        found = self.page.evaluate(
            """() => {
                const problems = [];
                const errors = document.querySelectorAll('.katex-error');
                if (errors.length) problems.push(errors.length + ' .katex-error element(s)');
                for (const el of document.querySelectorAll('.arithmatex')) {
                    if (!el.querySelector('.katex')) {
                        problems.push('unrendered math: ' + el.textContent.slice(0, 60));
                    }
                }
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                const raw = /\\$[^$\\s]|\\\\\\(|\\\\\\[/;
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const parent = node.parentElement;
                    if (!parent) continue;
                    if (parent.closest('pre, code, script, style, .katex, .md-search')) continue;
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
        self.page.wait_for_function(
            "() => Array.from(document.images).every(img => img.complete)", timeout=10_000
        )
        broken = self.page.evaluate(
            """() => Array.from(document.images)
                .filter(img => !(img.naturalWidth > 0))
                .map(img => img.getAttribute('src'))"""
        )
        return [f"image did not load: {src}" for src in broken]

    def csp_violations(self) -> list[str]:
        return [f"CSP violation: {v}" for v in self.page.evaluate("window.__cspViolations || []")]


@pytest.fixture(scope="module", params=SCHEMES)
def probe(request: pytest.FixtureRequest, browser: object, site: Site) -> Iterator[PageProbe]:
    tab = PageProbe(browser, site, request.param)
    yield tab
    tab.close()


@functools.cache
def _axe() -> object:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _axe_problems(page: object) -> list[str]:
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = _axe().run(page, options=options)
    problems = []
    for violation in results.response["violations"]:
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


def _other_language(path: str) -> str:
    return path[len("en/") :] if path.startswith("en/") else "en/" + path


def _language_of(path: str) -> str:
    return "en" if path.startswith("en/") else "ko"


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_cleanly_and_accessibly(probe: PageProbe, path: str) -> None:
    probe.problems.clear()
    response = probe.page.goto(probe.url(path), wait_until="load")
    status = response.status if response is not None else None
    assert status == 200, f"{path}: HTTP {status}"
    probe.settle()
    problems = probe.math_problems() + probe.image_problems() + _axe_problems(probe.page)
    problems += probe.problems + probe.csp_violations()
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)

    # The language switch, used as a reader does: open the menu, pick the language.
    other = "ko" if path.startswith("en/") else "en"
    probe.page.hover(".md-header .md-select")
    probe.page.click(f'.md-header .md-select__link[hreflang="{other}"]')
    expected = probe.url(_other_language(path))
    probe.page.wait_for_url(expected, timeout=10_000)
    probe.settle()
    problems = probe.math_problems() + probe.problems + probe.csp_violations()
    assert not problems, f"{path} -> {expected} (language switch):\n  " + "\n  ".join(problems)


# Material's copy button, and the one mkdocs-jupyter gives each notebook code cell.
COPYABLE = [
    (
        "article div.highlight > pre > code",
        "article div.highlight > pre > nav.md-code__nav > button[data-md-type=copy]",
    ),
    ("article .jp-CodeCell .highlight-ipynb > pre", "article .jp-CodeCell clipboard-copy"),
]


def test_every_code_block_has_a_working_copy_button(browser: object, site: Site) -> None:
    tab = PageProbe(browser, site, "light")
    checked = 0
    try:
        for path in PAGES:
            tab.page.goto(tab.url(path), wait_until="load")
            for block_selector, button_selector in COPYABLE:
                blocks = tab.page.locator(block_selector)
                buttons = tab.page.locator(button_selector)
                assert buttons.count() == blocks.count(), (
                    f"{path}: {blocks.count()} code block(s) ({block_selector}) "
                    f"but {buttons.count()} copy button(s)"
                )
                if blocks.count() == 0:
                    continue
                tab.page.evaluate("navigator.clipboard.writeText('')")
                buttons.first.click()
                expected = blocks.first.inner_text().strip()
                tab.page.wait_for_function(
                    "async expected => (await navigator.clipboard.readText()).trim() === expected",
                    arg=expected,
                    timeout=5_000,
                )
                checked += 1
    finally:
        tab.close()
    assert checked > 0, "no page had a code block to copy"


def test_math_renders_after_instant_navigation(browser: object, site: Site) -> None:
    """Arrive at every page by a click that Material's instant navigation handles.

    The URL changes before Material swaps the new content in, so waiting for the
    URL alone races the swap (the next probe link could land in the old article
    and vanish with it). Material's ``document$`` emits once the new document is
    in place; counting its emissions tells exactly when the page has arrived.
    """
    tab = PageProbe(browser, site, "light")
    try:
        for language, prefix in LANGUAGES.items():
            tab.page.goto(tab.url(prefix), wait_until="load")
            tab.page.wait_for_function("() => typeof document$ !== 'undefined'")
            tab.page.evaluate(
                """() => {
                    window.__sameDocument = true;
                    window.__arrivals = 0;
                    document$.subscribe(() => { window.__arrivals += 1; });
                }"""
            )
            for path in (p for p in PAGES if _language_of(p) == language):
                tab.problems.clear()
                arrivals = tab.page.evaluate(
                    """href => {
                        const a = document.createElement('a');
                        a.href = href; a.id = '__probe_link'; a.textContent = 'probe';
                        document.querySelector('article').appendChild(a);
                        return window.__arrivals;
                    }""",
                    tab.url(path),
                )
                tab.page.click("#__probe_link")
                tab.page.wait_for_function(
                    """([before, href]) => window.__arrivals > before && location.href === href
                        && !document.getElementById('__probe_link')""",
                    arg=[arrivals, tab.url(path)],
                    timeout=15_000,
                )
                tab.page.wait_for_function(
                    """() => Array.from(document.querySelectorAll('.arithmatex'))
                        .every(el => el.querySelector('.katex'))""",
                    timeout=10_000,
                )
                # A full page load would also typeset; the flag proves it was instant.
                assert tab.page.evaluate("window.__sameDocument === true"), (
                    f"{path}: the click reloaded the page instead of navigating instantly"
                )
                problems = tab.problems + tab.math_problems() + tab.csp_violations()
                assert not problems, f"{path} (instant navigation):\n  " + "\n  ".join(problems)
    finally:
        tab.close()


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
    browser: object, site: Site, prefix: str, query: str, expected: str
) -> None:
    tab = PageProbe(browser, site, "light")
    try:
        tab.page.goto(tab.url(prefix), wait_until="load")
        field = tab.page.locator("input.md-search__input")
        field.click()
        field.type(query)
        field.press("End")  # Hangul typed through the keyboard fires no keyup of its own
        results = tab.page.locator(".md-search-result__item a")
        results.first.wait_for(timeout=10_000)
        hrefs = [
            urlsplit(urljoin(tab.page.url, h)).path
            for h in results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        ]
        base_path = urlsplit(site.base).path
        assert base_path + expected in [h.split("#")[0] for h in hrefs], f"{query!r} found {hrefs}"
        other = [h for h in hrefs if _language_of(h[len(base_path) :]) != _language_of(expected)]
        assert not other, f"{query!r} on the {_language_of(expected)} site found {other}"
        assert not tab.problems + tab.csp_violations(), tab.problems + tab.csp_violations()
    finally:
        tab.close()
