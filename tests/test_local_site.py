"""The local server compresses like a static host, and keeps the CSP on every answer."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest

from activations_site import local_site


@pytest.fixture
def served(tmp_path: Path) -> object:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>시그모이드 함수</p>" * 200, encoding="utf-8")
    (tmp_path / "font.woff2").write_bytes(bytes(range(256)) * 8)
    servers = {}

    def url(path: str, *, compress: bool) -> str:
        if compress not in servers:
            servers[compress] = local_site.serve(tmp_path, gzip=compress)
        return f"http://127.0.0.1:{servers[compress].server_address[1]}/{path}"

    yield tmp_path, url
    for server in servers.values():
        server.shutdown()
        server.server_close()


def fetch(url: str, encoding: str | None = "gzip") -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return dict(response.headers), response.read()


def test_text_is_sent_gzipped_to_a_client_that_accepts_it(served: object) -> None:
    root, url = served
    headers, body = fetch(url("page/", compress=True))
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Security-Policy"] == local_site.csp_header()
    assert gzip.decompress(body) == (root / "page" / "index.html").read_bytes()
    assert len(body) < (root / "page" / "index.html").stat().st_size / 10


def test_fonts_and_clients_without_gzip_get_the_file_as_it_is(served: object) -> None:
    root, url = served
    headers, body = fetch(url("font.woff2", compress=True))
    assert "Content-Encoding" not in headers
    assert body == (root / "font.woff2").read_bytes()
    headers, body = fetch(url("page/index.html", compress=True), encoding=None)
    assert "Content-Encoding" not in headers
    assert body == (root / "page" / "index.html").read_bytes()


def test_without_the_option_nothing_is_compressed(served: object) -> None:
    root, url = served
    headers, body = fetch(url("page/", compress=False))
    assert "Content-Encoding" not in headers
    assert headers["Content-Security-Policy"] == local_site.csp_header()
    assert body == (root / "page" / "index.html").read_bytes()


def test_a_browser_leaving_mid_download_prints_no_traceback(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Chromium closes a tab's connections while files still stream; the suite's log
    showed a BrokenPipeError traceback for each. Other errors are still printed."""
    import socket
    import struct
    import threading

    (tmp_path / "big.bin").write_bytes(b"\0" * 32_000_000)  # more than any socket buffer
    before = set(threading.enumerate())
    server = local_site.serve(tmp_path)
    client = socket.create_connection(server.server_address)
    client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert client.recv(4096).startswith(b"HTTP/1.0 200")
    # Close with a reset, as a browser dropping the connection does.
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    client.close()
    server.shutdown()
    server.server_close()
    for thread in set(threading.enumerate()) - before:  # the server's and the request's
        thread.join(timeout=120)
        assert not thread.is_alive(), thread
    assert "Traceback" not in capfd.readouterr().err
