"""Benchmark (not a test): how long an edit takes to reach the browser under serve.py.

Usage: ``uv run python scripts/serve_timing.py [--port 8123] [--runs 3]``

Starts ``scripts/serve.py`` on a free port, waits for its first build, then
for each kind of edit writes a change, polls the served page until the live
reload epoch moves and the page shows the change, prints the seconds, and
restores the file. The edits:

- a Markdown page (``docs/en/functions/relu.md``): the fast path;
- the package (a comment appended to ``src/activations/piecewise.py``): both
  languages rebuilt by fresh processes.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "en" / "functions" / "relu.md"
PACKAGE = ROOT / "src" / "activations" / "piecewise.py"
TIMEOUT_SECONDS = 900


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


def _epoch(html: str) -> int:
    match = re.search(r"livereload\((\d+)", html)
    return int(match.group(1)) if match else -1


def _until(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.05)


class ServerLog:
    """serve.py's output lines, read by a thread as they come."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append(line.rstrip("\n"))

    def settled_after(self, seen: int) -> bool:
        """A rebuild ended after line ``seen`` with nothing left to follow it (a change
        to the package is rebuilt in two rounds: "figures and notebooks follow")."""
        return any(
            line.startswith("Rebuilt in") and "follow" not in line for line in self.lines[seen:]
        )


def measure(url: str, path: Path, edit, shows, log: ServerLog) -> float:
    original = path.read_text(encoding="utf-8")
    before = _epoch(_get(url))
    edited = len(log.lines)
    start = time.monotonic()
    path.write_text(edit(original), encoding="utf-8")
    try:
        _until(lambda: (lambda html: _epoch(html) > before and shows(html))(_get(url)), path.name)
        return time.monotonic() - start
    finally:
        # The edit's own second round (a package change) and the rebuild of the
        # restored file must both end before the next edit, or that edit would be
        # timed waiting for them.
        _until(lambda: log.settled_after(edited), "the edit's last round")
        seen = len(log.lines)
        path.write_text(original, encoding="utf-8")
        _until(lambda: log.settled_after(seen), "the rebuild of the restored file")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve.py"), "--port", str(args.port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    url = f"http://127.0.0.1:{args.port}/en/functions/relu/"
    try:
        start = time.monotonic()
        for line in server.stdout:
            if line.startswith("Serving"):
                break
        print(f"first build and serve: {time.monotonic() - start:.1f} s")
        log = ServerLog(server.stdout)
        results: dict[str, list[float]] = {"Markdown page": [], "package (src/)": []}
        for run in range(args.runs):
            marker = f"TimingMarker{run}x{int(time.time())}"
            results["Markdown page"].append(
                measure(
                    url,
                    PAGE,
                    lambda text, m=marker: text.replace(
                        "The **rectified", f"The {m} **rectified", 1
                    ),
                    lambda html, m=marker: m in html,
                    log,
                )
            )
            results["package (src/)"].append(
                measure(url, PACKAGE, lambda text, r=run: text + f"\n# timing {r}\n", bool, log)
            )
        for what, seconds in results.items():
            values = ", ".join(f"{s:.1f}" for s in seconds)
            print(f"{what}: median {statistics.median(seconds):.1f} s ({values})")
    finally:
        server.send_signal(2)
        server.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
