"""Serve a built site locally the way deployers are told to serve it.

Shared by ``scripts/site_report.py`` and ``tests/test_browser.py``, so the
report and the tests see the same thing: the files of the build, with the
Content-Security-Policy of ``docs/shared/_headers`` on every response, and
Debian's chromium started with the same flags.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADERS = ROOT / "docs" / "shared" / "_headers"
CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (containers run as root), no GPU, and nothing that phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def csp_header() -> str:
    """The Content-Security-Policy line of docs/shared/_headers."""
    for line in HEADERS.read_text(encoding="utf-8").splitlines():
        name, _, value = line.strip().partition(":")
        if name.lower() == "content-security-policy":
            return value.strip()
    raise ValueError(f"{HEADERS} has no Content-Security-Policy line")


def deployed_base(site: Path) -> str:
    """The site_url the site was built for: the canonical link of its home page."""
    html = (site / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    if not match:
        raise ValueError(f"{site}/index.html has no canonical link: was site_url set?")
    return match.group(1)


class _Handler(http.server.SimpleHTTPRequestHandler):
    csp = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """Serve ``site`` on 127.0.0.1:``port`` (0: any free port) in a daemon thread."""
    handler = type("Handler", (_Handler,), {"csp": csp_header()})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
