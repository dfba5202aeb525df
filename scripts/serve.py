"""Serve the whole site (Korean at /, English at /en/) with live rebuild and reload.

Usage: ``uv run python scripts/serve.py [--port 8000]``; open http://127.0.0.1:8000/.

``mkdocs serve`` builds one language only, so this script builds both with
scripts/build_site.py and serves the result with MkDocs' own live-reload
server. Each rebuild runs in a fresh Python process: hooks, the registry and
the package are imported anew, so an edit to src/activations or hooks/ shows up
exactly as it would in a clean build. Builds are not strict here, so a broken
link while you type is reported, not fatal; `uv run pytest` builds strictly.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.livereload import LiveReloadServer

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "build" / "serve-site"
WATCHED = ["src", "docs", "scripts", "hooks", "overrides", "mkdocs.yml", "mkdocs.en.yml"]


def rebuild() -> None:
    start = time.perf_counter()
    command = [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir", str(SITE)]
    result = subprocess.run([*command, "--no-strict"], cwd=ROOT, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"build failed (exit {result.returncode}); fix the error above")
    print(f"Rebuilt both languages in {time.perf_counter() - start:.1f} s", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    try:
        rebuild()
    except RuntimeError as error:
        # Keep serving: the next saved change triggers another build.
        print(f"{error}; waiting for a change", file=sys.stderr, flush=True)
    server = LiveReloadServer(builder=rebuild, host=args.host, port=args.port, root=str(SITE))
    for path in WATCHED:
        server.watch(str(ROOT / path))
    print(f"Serving http://{args.host}:{args.port}/ (English: /en/). Ctrl+C stops.", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
