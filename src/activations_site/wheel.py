"""The ``activations`` wheel that the site publishes, so a reader can install what the pages import.

The wheel is built from ``pyproject.toml`` with ``uv build --wheel`` (hatchling
backend) and cached under ``build/wheel/<key>/``, the key being a hash of
everything that goes into it (the package source, ``pyproject.toml`` and the
README, which becomes the wheel's long description): a
rebuild of the site reuses the same file, so its bytes change only when the
package does. ``SOURCE_DATE_EPOCH`` is fixed, so the same source always gives
the same bytes (hatchling writes reproducible wheels from it).

The wheel holds ``activations`` only; :func:`check_contents` refuses one that
also holds the site's build code (``activations_site``) or anything else.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "activations"
PYPROJECT = ROOT / "pyproject.toml"
CACHE = ROOT / "build" / "wheel"
# The ZIP format's earliest date: the wheel carries no build time at all.
SOURCE_DATE_EPOCH = "315532800"
SITE_PATH = "downloads"


@dataclass(frozen=True)
class Project:
    """What pyproject.toml says a reader needs."""

    name: str
    version: str
    requires_python: str
    dependencies: tuple[str, ...]
    license: str


def project() -> Project:
    data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return Project(
        name=data["name"],
        version=data["version"],
        requires_python=data["requires-python"],
        dependencies=tuple(data["dependencies"]),
        license=data["license"],
    )


def provided_modules() -> set[str]:
    """Top-level modules a reader has after installing the wheel: it and its dependencies."""
    names = {"activations"}
    for requirement in project().dependencies:
        names.add(re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].replace("-", "_"))
    return names


def _sources() -> list[Path]:
    # README.md is the wheel's long description (pyproject's readme), in its METADATA.
    return [PYPROJECT, ROOT / "README.md", *sorted(p for p in PACKAGE.rglob("*") if p.is_file() and
                               "__pycache__" not in p.parts)]


def source_key() -> str:
    digest = hashlib.sha256()
    for path in _sources():
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def check_contents(wheel: Path) -> None:
    """Raise unless every file of the wheel is the package or the wheel's own metadata."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    stray = [
        n for n in names
        if not n.startswith("activations/") and not n.split("/")[0].endswith(".dist-info")
    ]
    if stray or not any(n == "activations/__init__.py" for n in names):
        raise ValueError(f"{wheel.name} must hold src/activations only; stray files: {stray}")


def _uv() -> str:
    found = os.environ.get("UV") or shutil.which("uv")
    if not found:
        raise FileNotFoundError("uv is needed to build the wheel (see README: Two commands)")
    return found


def build_wheel() -> Path:
    """The wheel for the current source, built once per source version.

    The two languages build in parallel processes; a lock makes the second wait
    for the first one's wheel instead of building its own.
    """
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / "lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build_locked()


def _build_locked() -> Path:
    directory = CACHE / source_key()
    built = sorted(directory.glob("*.whl"))
    if len(built) == 1:
        return built[0]
    with tempfile.TemporaryDirectory(dir=CACHE) as scratch:
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
        done = subprocess.run(
            [_uv(), "build", "--wheel", "--quiet", "--out-dir", scratch, str(ROOT)],
            env=env, capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"uv build --wheel failed:\n{done.stderr[-3000:]}")
        wheels = list(Path(scratch).glob("*.whl"))
        if len(wheels) != 1:
            raise RuntimeError(f"uv build produced {wheels}, expected one wheel")
        check_contents(wheels[0])
        final = Path(scratch) / "final"
        final.mkdir()
        shutil.move(wheels[0], final / wheels[0].name)
        shutil.rmtree(directory, ignore_errors=True)
        os.replace(final, directory)
    # Old source versions are not needed any more.
    for old in CACHE.iterdir():
        if old.is_dir() and old != directory and len(old.name) == 16:
            shutil.rmtree(old, ignore_errors=True)
    return next(directory.glob("*.whl"))


def site_path(wheel: Path) -> str:
    """Where the wheel lives in each built language (relative to its root)."""
    return f"{SITE_PATH}/{wheel.name}"
