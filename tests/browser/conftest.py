"""Browser fixtures: the built site in Debian's chromium, as a reader gets it.

Debian's chromium (``/usr/bin/chromium``) is driven by Playwright; no browser is
ever downloaded. The built site is served on 127.0.0.1 with the same
Content-Security-Policy that deployers are told to send (``docs/shared/_headers``),
so a policy violation shows up here first.

The browser sees the site at the address it was built for (``site_url``, read
from the built home page's canonical link): Material's language switch
fetches ``sitemap.xml`` from that address, so serving the files
anywhere else would test a site nobody deploys. Requests to that address are
answered by a local server on a free port; a request to any other address is
a failure.

What a test module gets:

- ``tabs.open(scheme="light", viewport=None)`` opens a :class:`Tab`, a new page
  that is closed after the test: in the worker's context of that scheme (warm
  HTTP cache; the tab's first page of the site starts with an empty
  localStorage), or in a context of its own with ``first_visit=True`` (a cold
  cache) or any context option (``has_touch``, ``java_script_enabled``...);
  ``tab.goto(path)`` loads a site-relative path and waits until the page has
  settled.
  ``tabs.open_shared(scheme, java_script_enabled=True)`` gives the worker's
  long-lived page in its long-lived context of that scheme (its HTTP cache and
  renderer are warm; a palette chosen with the toggle is forgotten before the
  next page loads; the viewport is reset, and the tab's listeners and routes go
  when it closes). ``tab.switch_to_dark()`` uses the page's toggle.
- A test with a parameter named ``page_path`` runs once per page of the site
  (both languages, site-relative: ``functions/relu/``, ``en/functions/relu/``).
- ``Tab.problems`` collects console errors and warnings, page errors and
  requests to other hosts; ``tab.csp_violations()``, ``tab.math_problems()``,
  ``tab.image_problems()`` and ``tab.axe_problems()`` check the loaded page.

Contexts are closed only after their routes are removed with
``behavior="ignoreErrors"``: a request still in flight (Material fetches the
search index on load) must not raise inside the next test.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_kit import CHROMIUM, PAGES, Site, Tabs

from activations_site import local_site


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_path" in metafunc.fixturenames:
        metafunc.parametrize("page_path", PAGES)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.site)
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site(built_site: Path) -> Site:
    """The strict build, served (by tests/site_server.py) at the address it was built for."""
    return Site(local_site.deployed_base(built_site), built_site)


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


@pytest.fixture(scope="session")
def shared_contexts(browser: object) -> Iterator[dict[str, object]]:
    contexts: dict[str, object] = {}
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.fixture
def tabs(browser: object, site: Site, shared_contexts: dict[str, object]) -> Iterator[Tabs]:
    opened = Tabs(browser, site, shared_contexts)
    try:
        yield opened
    finally:
        opened.close_all()
