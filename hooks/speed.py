"""What a phone pays for a page: Material's script must not hold up the first paint.

Material's template loads its bundle (36 kB gzip) with a plain ``<script src>``
at the end of ``<body>``. Chromium counts such a script as render-blocking
("in body, parser-blocking"), and Lighthouse's mobile preset measured it
holding the first paint of a function page back by about 0.5 s (FCP 2.0 s →
1.5 s with ``defer``, median of 3, December 2026). Deferred, it still runs
before ``DOMContentLoaded`` and in document order before the site's own
deferred scripts (a11y.js, reader.js), which subscribe to its ``document$``.

Material's instant navigation is off for the same reason (mkdocs.yml). It used
to make every link's address absolute in the browser, and with it the
``<link rel="alternate" hreflang>`` of the head; left relative (``../../en/``),
Lighthouse's SEO audit fails them ("Relative href value"). They are written
absolute here, from the page's own address.

Material's palette script marks ``<body data-md-color-switching>`` on every page
load (not only when the reader switches) and unmarks it a frame later; its
stylesheet holds ``[data-md-color-switching] *, … :before, … :after
{transition-duration: 0s !important}``, so each mark restyles every element of
the page, twice. On the comparison page (3,600 elements) that cost 284 ms of
main-thread time under a 4x CPU slowdown, and 79 ms without the rule (Chromium
profile, December 2026). The rule is taken out of the built stylesheet: all it
did was cut short the colour transitions of links and buttons during the
moment of a switch between light and dark.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def defer_bundle(html: str, where: str) -> str:
    """``html`` with Material's bundle loaded with ``defer``; exactly one must be there."""
    new, count = BUNDLE.subn(r'<script src="\1" defer></script>', html)
    if count != 1:
        raise ValueError(f"{where}: expected Material's bundle script once, found {count}")
    return new


ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]+)">')


def absolute_alternates(html: str, address: str, where: str) -> str:
    """``html`` with its hreflang links resolved against the page's ``address``."""
    new, count = ALTERNATE.subn(
        lambda m: f'<link rel="alternate" href="{urljoin(address, m[1])}" hreflang="{m[2]}">',
        html,
    )
    if count < 2:
        raise ValueError(f"{where}: expected a hreflang link per language, found {count}")
    return new


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = absolute_alternates(output, page.canonical_url, page.file.src_uri)
    return defer_bundle(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a theme template, not a page; it loads the bundle too."""
    if template_name != "404.html":
        return output
    output = absolute_alternates(output, config.site_url, template_name)
    return defer_bundle(output, template_name)


SWITCHING = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)


def drop_switching_rule(site_dir: Path) -> None:
    """Take the restyle-everything rule out of Material's built palette stylesheet."""
    sheets = sorted((site_dir / "assets" / "stylesheets").glob("palette.*.min.css"))
    if len(sheets) != 1:
        raise ValueError(f"expected one palette stylesheet of Material, found {sheets}")
    css = sheets[0].read_text(encoding="utf-8")
    if "data-md-color-switching" not in css:
        return  # taken out by an earlier build into this folder (mkdocs serve)
    if css.count(SWITCHING) != 1:
        raise ValueError(f"{sheets[0].name}: Material's switching rule changed; see hooks/speed.py")
    sheets[0].write_text(css.replace(SWITCHING, ""), encoding="utf-8")


def on_post_build(config: MkDocsConfig) -> None:
    drop_switching_rule(Path(config.site_dir))
