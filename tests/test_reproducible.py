"""Two full builds of the same sources with the same SOURCE_DATE_EPOCH are byte-identical.

The session's strict build (``built_site``) is the first build. The second one
goes to a temporary directory and executes every notebook afresh: the
notebook cache is pointed at an empty directory ($ACTIVATIONS_NOTEBOOK_CACHE,
read by hooks/notebooks.py), so a kernel output that
depends on time, hash seeds, thread timing or unseeded randomness shows up as
a difference instead of being replayed from the first build's cache.
"""

from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from activations_site import local_site

ROOT = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT_SECONDS = 1800


def _build_epoch(site: Path) -> int:
    """The timestamp MkDocs stamped into sitemap.xml.gz (gzip MTIME, bytes 4-8)."""
    header = (site / "sitemap.xml.gz").read_bytes()[:8]
    assert header[:2] == b"\x1f\x8b", "sitemap.xml.gz is not gzip"
    return struct.unpack("<I", header[4:8])[0]


def _digests(site: Path) -> dict[str, str]:
    if not site.is_dir():
        return {}
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _first_difference(a: bytes, b: bytes) -> str:
    index = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
    if index is None:
        return f"one is a prefix of the other ({len(a)} vs {len(b)} bytes)"
    window = slice(max(0, index - 60), index + 60)
    return f"first difference at byte {index}:\n      {a[window]!r}\n      {b[window]!r}"


@pytest.mark.site
def test_two_builds_are_byte_identical(built_site: Path, tmp_path: Path) -> None:
    second = tmp_path / "site"
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(_build_epoch(built_site)))
    # The same address as the first build (it goes into canonical links and the sitemap).
    env["SITE_URL"] = local_site.deployed_base(built_site)
    # An empty notebook cache of its own: every notebook executes afresh, and the
    # developer's build/notebook-cache is neither read nor evicted.
    env["ACTIVATIONS_NOTEBOOK_CACHE"] = str(tmp_path / "notebook-cache")
    developer_cache = _digests(ROOT / "build" / "notebook-cache")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir", str(second)],
        # Not the repository: the kernels' local sockets are created in the working
        # directory, and the first build may have left its own there.
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_SECONDS,
        check=False,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    assert _digests(ROOT / "build" / "notebook-cache") == developer_cache, (
        "the second build changed the developer's build/notebook-cache"
    )

    first_files, second_files = _digests(built_site), _digests(second)
    problems = [f"only in the first build: {p}" for p in sorted(first_files.keys() - second_files)]
    problems += [
        f"only in the second build: {p}" for p in sorted(second_files.keys() - first_files)
    ]
    for path in sorted(first_files.keys() & second_files.keys()):
        if first_files[path] != second_files[path]:
            detail = _first_difference(
                (built_site / path).read_bytes(), (second / path).read_bytes()
            )
            problems.append(f"differs: {path}: {detail}")
    assert not problems, (
        f"{len(problems)} difference(s) between two builds of the same sources:\n  "
        + "\n  ".join(problems)
    )
