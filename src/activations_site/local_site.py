"""Serve a built site locally the way deployers are told to serve it.

Shared by ``scripts/site_report.py`` and the browser tests, so the report and
the tests see the same thing: the files of the build, with the
Content-Security-Policy of ``docs/shared/_headers`` on every response, and
Debian's chromium started with the same flags.

With ``gzip=True`` text files (HTML, CSS, JS, JSON, SVG, XML) are sent with
``Content-Encoding: gzip`` to a client that accepts it, as every static host
does (GitHub Pages, Netlify, Cloudflare): what a page costs a reader is its
compressed bytes, and Lighthouse scores the transfer it sees.
"""

from __future__ import annotations

import functools
import gzip as gzip_module
import http.server
import io
import re
import sys
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


# Already compressed formats (woff2, png, jpeg) gain nothing from gzip.
COMPRESSIBLE = re.compile(r"^(text/|application/(javascript|json|xml|manifest\+json)|image/svg)")
GZIP_LEVEL = 6  # the usual default of nginx/Apache-style hosts


class _Handler(http.server.SimpleHTTPRequestHandler):
    csp = ""
    gzip = False

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def send_head(self) -> object:
        if not self.gzip or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the slash URL
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not path.is_file() or not COMPRESSIBLE.match(content_type):
            return super().send_head()
        body = gzip_module.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that leaves a page mid-download closes its connection: routine
        for a web server, so no traceback; anything else is still reported."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def serve(site: Path, port: int = 0, *, gzip: bool = False) -> http.server.ThreadingHTTPServer:
    """Serve ``site`` on 127.0.0.1:``port`` (0: any free port) in a daemon thread.

    ``gzip``: compress text responses for clients that accept it, as static hosts do.
    """
    handler = type("Handler", (_Handler,), {"csp": csp_header(), "gzip": gzip})
    server = _Server(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
