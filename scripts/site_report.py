"""Benchmark (not a test): page weight and Lighthouse scores of the built site.

Usage::

    uv run python scripts/build_site.py          # builds site/ (both languages)
    uv run python scripts/site_report.py         # weights only
    uv run python scripts/site_report.py --lighthouse   # + Lighthouse via npm @lhci/cli
    uv run python scripts/site_report.py --csp   # print the strictest CSP the site allows

Page weight is what a first visit to the page transfers, recorded by Debian's
chromium through Playwright, per resource kind (HTML, CSS, JS, fonts, images),
uncompressed and gzip-compressed (level 6, what a typical server sends).
Lighthouse runs @lhci/cli (pinned below; runs on Node 20) three times against
the same pages with ``/usr/bin/chromium`` and reports the median (one run is
noisy), with LCP, TBT and CLS. Targets: performance >= 0.95, accessibility 1.0,
best practices 1.0, SEO >= 0.95.

The site is served with the Content-Security-Policy of docs/shared/_headers
and at the address it was built for (SITE_URL, default http://127.0.0.1:8000/):
Material fetches sitemap.xml from that address, so serving it elsewhere would
measure console errors no deployment has.

``--csp`` prints the policy docs/shared/_headers should carry: no inline
script runs unless its SHA-256 is listed, so the hashes of every inline
script the build emits (Material's few bootstrap lines, the notebook pages'
copy button) are computed from the built site.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import http.server
import json
import re
import statistics
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from activations_site import local_site
from activations_site.local_site import deployed_base

ROOT = Path(__file__).resolve().parents[1]
LHCI = "@lhci/cli@0.15.1"
CHROMIUM = str(local_site.CHROMIUM)
CHROMIUM_ARGS = ["--headless=new", *local_site.CHROMIUM_ARGS]
PAGES = {
    "home (ko)": "",
    "function page (ko)": "functions/sigmoid/",
    "function page (en)": "en/functions/sigmoid/",
    "notebook page (ko)": "notebooks/softmax/",
}
KINDS = {
    "document": "HTML",
    "stylesheet": "CSS",
    "script": "JS",
    "font": "fonts",
    "image": "images",
    # Material's search worker fetches the language's search index on every
    # first visit; sitemap.xml is fetched for instant navigation.
    "fetch": "search index + sitemap",
    "xhr": "search index + sitemap",
}
RUNS = 3  # Lighthouse runs per page; the median of each category is reported
METRICS = {
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
CSP_TEMPLATE = (
    "default-src 'none'; script-src 'self' {hashes}; "
    # KaTeX's markup sizes its boxes with style attributes (typeset at build
    # time and by auto-render); attributes cannot run script, <style> stays blocked.
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
        server = local_site.serve(site, base.port or 80)
    except OSError as error:
        message = f"cannot serve on {base.geturl()} ({error}): is serve.py running?"
        raise SystemExit(message) from None
    return server, base.geturl()


def page_weights(base: str) -> dict[str, dict[str, tuple[int, int]]]:
    from playwright.sync_api import sync_playwright

    report: dict[str, dict[str, tuple[int, int]]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS[1:])
        for name, path in PAGES.items():
            context = browser.new_context()
            page = context.new_page()
            bodies: list[tuple[str, bytes]] = []
            page.on(
                "response",
                lambda response, bodies=bodies: bodies.append(
                    (KINDS.get(response.request.resource_type, "other"), response.body())
                ),
            )
            page.goto(urljoin(base, path), wait_until="networkidle")
            # Everything a reader who scrolls the page fetches: lazy images
            # below the fold and the fonts of the math further down.
            page.evaluate(
                """async () => {
                    document.querySelectorAll('img[loading="lazy"]')
                        .forEach(img => { img.loading = 'eager'; });
                    window.scrollTo(0, document.body.scrollHeight);
                    await document.fonts.ready;
                }"""
            )
            page.wait_for_load_state("networkidle")
            totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            for kind, body in bodies:
                totals[kind][0] += len(body)
                totals[kind][1] += len(gzip.compress(body, compresslevel=6, mtime=0))
            report[name] = {kind: (raw, packed) for kind, (raw, packed) in totals.items()}
            context.close()
        browser.close()
    return report


def lighthouse(base: str) -> dict[str, dict[str, str]]:
    """Median score of each category over :data:`RUNS` runs, and the median key metrics."""
    results: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as work:
        for name, path in PAGES.items():
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
                    "--settings.preset=desktop",
                ],
                cwd=work,
                check=True,
                capture_output=True,
                text=True,
            )
            reports = sorted(Path(work, ".lighthouseci").glob("lhr-*.json"))
            runs = [json.loads(report.read_text(encoding="utf-8")) for report in reports]
            cells: dict[str, str] = {}
            for key in runs[0]["categories"]:
                scores = [run["categories"][key]["score"] for run in runs]
                cells[key] = (
                    f"{statistics.median(scores):.2f} ({' '.join(f'{v:.2f}' for v in scores)})"
                )
            for audit, label in METRICS.items():
                values = [run["audits"][audit]["numericValue"] for run in runs]
                unit = "" if audit == "cumulative-layout-shift" else " ms"
                digits = 3 if audit == "cumulative-layout-shift" else 0
                cells[label] = f"{statistics.median(values):.{digits}f}{unit}"
            results[name] = cells
            for report in reports:
                report.unlink()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (npm)")
    parser.add_argument(
        "--csp", action="store_true", help="print the CSP for docs/shared/_headers and stop"
    )
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        raise SystemExit(f"{args.site} has no index.html: run scripts/build_site.py first")
    if args.csp:
        print(CSP_TEMPLATE.format(hashes=" ".join(inline_script_hashes(args.site))))
        return
    server, base = serve(args.site)
    try:
        print("Bytes transferred on a first visit (raw / gzip-6):")
        for name, kinds in page_weights(base).items():
            parts = ", ".join(
                f"{kind} {raw:,} / {packed:,}" for kind, (raw, packed) in sorted(kinds.items())
            )
            total_raw = sum(raw for raw, _ in kinds.values())
            total_packed = sum(packed for _, packed in kinds.values())
            print(f"  {name}: {parts}; total {total_raw:,} / {total_packed:,}")
        if args.lighthouse:
            print(f"Lighthouse (desktop preset), median of {RUNS} runs (each run in brackets):")
            for name, categories in lighthouse(base).items():
                cells = ", ".join(f"{key} {value}" for key, value in categories.items())
                print(f"  {name}: {cells}")
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
