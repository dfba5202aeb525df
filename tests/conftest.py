"""Shared fixtures: the site built once per session, both languages, strictly."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT_SECONDS = 1800

os.environ["NO_MKDOCS_2_WARNING"] = "1"


def load_hook(name: str) -> object:
    """Import ``hooks/<name>.py`` (MkDocs loads hooks by path; they are no package)."""
    spec = importlib.util.spec_from_file_location(f"_hook_{name}", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def hooks() -> object:
    """``hooks.load("katex")`` imports one of the build's hooks for a unit test."""
    return type("Hooks", (), {"load": staticmethod(load_hook)})


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Directory of the strict build: Korean at its root, English in en/.

    The build runs in a fresh process with the README's command, so pytest's
    warning filters do not reach into MkDocs and the test sees what a reader
    of the README gets. Strict mode fails the build on any MkDocs warning; the
    full log is kept next to the site as ``build.log`` (a test reads it for
    warnings of other libraries, such as nbconvert's).
    """
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_SECONDS,
        check=False,
    )
    log = result.stdout + result.stderr
    (site.parent / "build.log").write_text(log, encoding="utf-8")
    if result.returncode != 0:
        pytest.fail(f"strict build failed (exit {result.returncode}):\n{log[-6000:]}")
    return site
