"""Build the static site: Korean into SITE_DIR, English into SITE_DIR/en.

Usage: ``uv run python scripts/build_site.py [--site-dir DIR] [--no-strict]``.

The two languages build at the same time in two processes (most of a build is
executing notebooks, one kernel per language, and the machine has two cores).
English builds into a scratch directory that is moved to SITE_DIR/en at the
end, because a MkDocs build empties its site directory first. Strict mode (the
default) turns every warning, including a broken link or #anchor, into a
failed build.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# Material >= 9.7 prints a banner about MkDocs 2 on every build; we pin mkdocs<2.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Two builds run side by side on two cores: a multithreaded BLAS in each
# notebook kernel would only make them fight over the same cores.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from mkdocs.commands.build import build  # noqa: E402  (after the environment is set)
from mkdocs.config import load_config  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = (("ko", "mkdocs.yml", ""), ("en", "mkdocs.en.yml", "en"))


def build_language(config_file: str, site_dir: Path, strict: bool) -> float:
    """Build one language into ``site_dir``; return the seconds it took."""
    start = time.perf_counter()
    config = load_config(str(ROOT / config_file), site_dir=str(site_dir.resolve()), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return time.perf_counter() - start


def build_site(site_dir: Path, *, strict: bool = True) -> dict[str, float]:
    """Build both languages into ``site_dir``; return the seconds each build took."""
    site_dir = site_dir.resolve()
    scratch = {
        language: site_dir.with_name(f".{site_dir.name}.{language}")
        for language, _, subdir in LANGUAGES
        if subdir
    }
    for path in scratch.values():
        shutil.rmtree(path, ignore_errors=True)
    with ProcessPoolExecutor(max_workers=len(LANGUAGES)) as pool:
        futures = {
            language: pool.submit(
                build_language, config_file, scratch.get(language, site_dir), strict
            )
            for language, config_file, _ in LANGUAGES
        }
        seconds = {language: future.result() for language, future in futures.items()}
    for language, _, subdir in LANGUAGES:
        if subdir:
            os.replace(scratch[language], site_dir / subdir)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument(
        "--no-strict", action="store_true", help="report warnings without failing the build"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.WARNING)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    # Per-page notebook chatter would bury the warnings that matter.
    logging.getLogger("mkdocs.plugins.mkdocs_jupyter").setLevel(logging.WARNING)
    logging.getLogger("mkdocs.mkdocs-jupyter").setLevel(logging.WARNING)
    seconds = build_site(args.site_dir, strict=not args.no_strict)
    summary = ", ".join(f"{lang} {s:.1f} s" for lang, s in seconds.items())
    print(f"Built {args.site_dir} ({summary})")
    return 0

