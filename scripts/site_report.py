"""Benchmark (not a test): page weight and Lighthouse scores of the built site.

Usage::

    uv run python scripts/build_site.py          # builds site/ (both languages)
    uv run python scripts/site_report.py         # weights only
    uv run python scripts/site_report.py --lighthouse   # + Lighthouse via npm @lhci/cli
    uv run python scripts/site_report.py --csp   # print the strictest CSP the site allows

Page weight is what a first visit to the page transfers, recorded by Debian's
chromium through Playwright, per resource kind (HTML, CSS, JS, fonts, images),
uncompressed and gzip-compressed (level 6, what a typical server sends).
Lighthouse runs @lhci/cli (pinned below; runs on Node 20) against the same
pages with ``/usr/bin/chromium``. Targets: performance >= 0.95,
accessibility 1.0, best practices 1.0, SEO >= 0.95.

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
import functools
import gzip
import hashlib
import http.server
import json
import re
import subprocess
import tempfile
import threading
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
LHCI = "@lhci/cli@0.15.1"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
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
}


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
CSP_TEMPLATE = (
    "default-src 'none'; script-src 'self' {hashes}; "
    # KaTeX sets style attributes on the SVGs of stretchy delimiters with
    # setAttribute; style attributes cannot run script, <style> stays blocked.
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


def csp_header() -> str:
    """The Content-Security-Policy line of docs/shared/_headers."""
    for line in (ROOT / "docs" / "shared" / "_headers").read_text(encoding="utf-8").splitlines():
        name, _, value = line.strip().partition(":")
        if name.lower() == "content-security-policy":
            return value.strip()
    raise SystemExit("docs/shared/_headers has no Content-Security-Policy line")


class _Handler(http.server.SimpleHTTPRequestHandler):
    csp = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def deployed_base(site: Path) -> str:
    """The site_url the site was built for: the canonical link of its home page."""
    match = re.search(
        r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8")
    )
    if not match:
        raise SystemExit(f"{site}/index.html has no canonical link: was site_url set?")
    return match.group(1)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    base = urlsplit(deployed_base(site))
    if base.hostname not in ("127.0.0.1", "localhost") or base.path != "/":
        raise SystemExit(
            f"{site} was built for {base.geturl()}; rebuild with "
            "SITE_URL=http://127.0.0.1:8000/ to measure it locally"
        )
    handler = type("Handler", (_Handler,), {"csp": csp_header()})
    try:
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", base.port or 80), functools.partial(handler, directory=str(site))
        )
    except OSError as error:
        message = f"cannot serve on {base.geturl()} ({error}): is serve.py running?"
        raise SystemExit(message) from None
    threading.Thread(target=server.serve_forever, daemon=True).start()
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
            totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            for kind, body in bodies:
                totals[kind][0] += len(body)
                totals[kind][1] += len(gzip.compress(body, compresslevel=6, mtime=0))
            report[name] = {kind: (raw, packed) for kind, (raw, packed) in totals.items()}
            context.close()
        browser.close()
    return report


def lighthouse(base: str) -> dict[str, dict[str, float]]:
    scores: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as work:
        for name, path in PAGES.items():
            subprocess.run(
                [
                    "npx",
                    "--yes",
                    LHCI,
                    "collect",
                    f"--url={urljoin(base, path)}",
                    "--numberOfRuns=1",
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
            result = json.loads(reports[-1].read_text(encoding="utf-8"))
            scores[name] = {key: cat["score"] for key, cat in result["categories"].items()}
            for report in reports:
                report.unlink()
    return scores


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
            print("Lighthouse (desktop preset):")
            for name, categories in lighthouse(base).items():
                cells = ", ".join(f"{key} {value:.2f}" for key, value in categories.items())
                print(f"  {name}: {cells}")
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
