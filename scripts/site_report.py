"""Benchmark (not a test): page weight and Lighthouse scores of the built site.

Usage::

    SITE_URL=http://127.0.0.1:8014/ uv run python scripts/build_site.py --site-dir /tmp/site
    uv run python scripts/site_report.py --site /tmp/site                # weights only
    uv run python scripts/site_report.py --site /tmp/site --lighthouse   # + Lighthouse table
    uv run python scripts/site_report.py --csp   # print the strictest CSP the site allows

The site is served as a static host serves it: gzip ``Content-Encoding`` on
text files (``local_site.serve(gzip=True)``) and the Content-Security-Policy of
docs/shared/_headers, at the address it was built for (SITE_URL, default
http://127.0.0.1:8000/): Material fetches sitemap.xml from that address, so
serving it elsewhere would measure console errors no deployment has.

Page weight is what a first visit to the page transfers (response bodies as
they came over the wire, so gzip where the server compressed), recorded by
Debian's chromium through Playwright after scrolling to the end, per resource
kind (HTML, CSS, JS, fonts, images, fetches).

Lighthouse runs @lhci/cli (pinned below; runs on Node 20) with its default
**mobile** preset (Moto G Power viewport, simulated slow 4G, 4x CPU slowdown)
three times per page with ``/usr/bin/chromium``; the table gives the median
of each score and metric (one run is noisy). Targets (issue 14): performance
>= 95, accessibility, best practices and SEO = 100, LCP <= 2.0 s,
TBT <= 150 ms, CLS <= 0.02.

``--csp`` prints the policy docs/shared/_headers should carry: no inline
script runs unless its SHA-256 is listed, so the hashes of every inline
script the build emits (Material's few bootstrap lines, the notebook pages'
copy button) are computed from the built site.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.server
import json
import re
import statistics
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from activations_site import local_site
from activations_site.local_site import deployed_base

ROOT = Path(__file__).resolve().parents[1]
LHCI = "@lhci/cli@0.15.1"
CHROMIUM = str(local_site.CHROMIUM)
CHROMIUM_ARGS = ["--headless=new", *local_site.CHROMIUM_ARGS]
# One page of each type, the heaviest of its type where that is known.
PAGE_TYPES = {
    "home": "",
    "function": "functions/sigmoid/",
    "concept": "concepts/vanishing-gradients/",
    "comparison": "comparison/",
    "notebook": "notebooks/softmax/",
    "explorer": "explorer/",
}
PAGES = {
    f"{kind} ({language})": prefix + path
    for kind, path in PAGE_TYPES.items()
    for language, prefix in (("ko", ""), ("en", "en/"))
}
KINDS = {
    "document": "HTML",
    "stylesheet": "CSS",
    "script": "JS",
    "font": "fonts",
    "image": "images",
    # The search index (Material's worker) and sitemap.xml (instant navigation).
    "fetch": "fetches",
    "xhr": "fetches",
}
RUNS = 3  # Lighthouse runs per page; the median of each category is reported
CATEGORIES = {
    "performance": "perf",
    "accessibility": "a11y",
    "best-practices": "bp",
    "seo": "seo",
}
METRICS = {
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
CSP_TEMPLATE = (
    "default-src 'none'; script-src 'self' {hashes}; "
    # KaTeX's markup sizes its boxes with style attributes (typeset at build
    # time); attributes cannot run script, <style> stays blocked.
    "style-src 'self'; style-src-elem 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def inline_script_hashes(site: Path) -> list[str]:
    """CSP source expressions for every distinct inline script of the built site."""
    found = set()
    for page in site.rglob("*.html"):
        for attributes, body in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            if "application/json" in attributes:
                continue  # data, never executed: CSP does not apply
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            found.add(f"'sha256-{digest}'")
    return sorted(found)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    base = urlsplit(deployed_base(site))
    if base.hostname not in ("127.0.0.1", "localhost") or base.path != "/":
        raise SystemExit(
            f"{site} was built for {base.geturl()}; rebuild with "
            "SITE_URL=http://127.0.0.1:8000/ to measure it locally"
        )
    try:
        server = local_site.serve(site, base.port or 80, gzip=True)
    except OSError as error:
        message = f"cannot serve on {base.geturl()} ({error}): is serve.py running?"
        raise SystemExit(message) from None
    return server, base.geturl()


def page_weights(base: str, pages: dict[str, str]) -> dict[str, dict[str, int]]:
    """Bytes each page's first visit transfers (bodies as sent), per resource kind."""
    from playwright.sync_api import sync_playwright

    report: dict[str, dict[str, int]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS[1:])
        for name, path in pages.items():
            context = browser.new_context()
            page = context.new_page()
            finished: list[object] = []
            pending: set[object] = set()
            page.on("request", lambda request, waiting=pending: waiting.add(request))
            page.on("requestfailed", lambda request, waiting=pending: waiting.discard(request))
            page.on(
                "requestfinished",
                lambda request, found=finished, waiting=pending: (
                    waiting.discard(request),
                    found.append(request),
                ),
            )
            page.goto(urljoin(base, path), wait_until="networkidle")
            # Everything a reader who scrolls through the page fetches: lazy
            # images and the fonts of the math in the blocks the CSS lays out
            # only when they come near (content-visibility: auto).
            page.evaluate(
                """async () => {
                    document.querySelectorAll('img[loading="lazy"]')
                        .forEach(img => { img.loading = 'eager'; });
                    for (const el of document.querySelectorAll('article *')) {
                        if (getComputedStyle(el).contentVisibility === 'auto') {
                            el.style.contentVisibility = 'visible';
                        }
                    }
                    window.scrollTo(0, document.body.scrollHeight);
                    const frame = () => new Promise(done => requestAnimationFrame(done));
                    await frame();
                    await frame();
                    await Promise.all([...document.images].map(img => img.complete ? null
                        : new Promise(done => { img.onload = img.onerror = done; })));
                    await document.fonts.ready;
                }"""
            )
            # ("networkidle" was reached already, so waiting for it again would
            # return at once: every request the scroll set off is awaited itself.)
            while pending:
                page.wait_for_timeout(50)
            totals: dict[str, int] = defaultdict(int)
            for request in finished:
                kind = KINDS.get(request.resource_type, "other")
                totals[kind] += request.sizes()["responseBodySize"]
            report[name] = dict(totals)
            context.unroute_all(behavior="ignoreErrors")
            context.close()
        browser.close()
    return report


def lighthouse(base: str, pages: dict[str, str]) -> Iterator[tuple[str, dict[str, str]]]:
    """Per page: the median score of each category over :data:`RUNS` runs, the median
    key metrics, and Lighthouse's benchmark index of the machine (``BI``: a busy
    machine scores worse; Lighthouse's own calibration assumes about 1000-2000)."""
    with tempfile.TemporaryDirectory() as work:
        for name, path in pages.items():
            subprocess.run(
                [
                    "npx",
                    "--yes",
                    LHCI,
                    "collect",
                    f"--url={urljoin(base, path)}",
                    f"--numberOfRuns={RUNS}",
                    f"--settings.chromePath={CHROMIUM}",
                    "--settings.chromeFlags=" + " ".join(CHROMIUM_ARGS),
                    # No preset: Lighthouse's default is the mobile form factor
                    # with simulated slow 4G and a 4x CPU slowdown.
                ],
                cwd=work,
                check=True,
                capture_output=True,
                text=True,
            )
            reports = sorted(Path(work, ".lighthouseci").glob("lhr-*.json"))
            runs = [json.loads(report.read_text(encoding="utf-8")) for report in reports]
            if any(run["configSettings"]["formFactor"] != "mobile" for run in runs):
                raise SystemExit(f"{name}: Lighthouse did not run the mobile preset")
            cells: dict[str, str] = {}
            for key, label in CATEGORIES.items():
                scores = [run["categories"][key]["score"] for run in runs]
                cells[label] = f"{round(100 * statistics.median(scores))}"
            for audit, label in METRICS.items():
                values = [run["audits"][audit]["numericValue"] for run in runs]
                median = statistics.median(values)
                cells[label] = f"{median:.3f}" if label == "CLS" else f"{median:,.0f} ms"
            index = statistics.median(run["environment"]["benchmarkIndex"] for run in runs)
            cells["BI"] = f"{index:.0f}"
            for report in reports:
                report.unlink()
            yield name, cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (npm)")
    parser.add_argument(
        "--pages",
        nargs="+",
        choices=PAGES,
        default=list(PAGES),
        metavar="PAGE",
        help=f"measure only these (default: all of {', '.join(PAGES)})",
    )
    parser.add_argument(
        "--csp", action="store_true", help="print the CSP for docs/shared/_headers and stop"
    )
    args = parser.parse_args()
    pages = {name: PAGES[name] for name in args.pages}
    if not (args.site / "index.html").exists():
        raise SystemExit(f"{args.site} has no index.html: run scripts/build_site.py first")
    if args.csp:
        print(CSP_TEMPLATE.format(hashes=" ".join(inline_script_hashes(args.site))))
        return
    server, base = serve(args.site)
    try:
        weights = page_weights(base, pages)
        print("Bytes a first visit transfers (gzip where the server compresses):")
        for name, kinds in weights.items():
            parts = ", ".join(f"{kind} {size:,}" for kind, size in sorted(kinds.items()))
            print(f"  {name}: {parts}; total {sum(kinds.values()):,}")
        if args.lighthouse:
            columns = [*CATEGORIES.values(), *METRICS.values(), "bytes", "BI"]
            print(f"\nLighthouse, mobile preset, median of {RUNS} runs; bytes as above:\n")
            print("| page | " + " | ".join(columns) + " |")
            print("|---" * (len(columns) + 1) + "|", flush=True)
            for name, cells in lighthouse(base, pages):
                cells["bytes"] = f"{sum(weights[name].values()):,}"
                row = " | ".join(cells[column] for column in columns)
                print(f"| {name} | {row} |", flush=True)
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
