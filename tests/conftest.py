"""Shared fixtures: the site built once per test run, both languages, strictly.

The strict build takes a minute or more (it executes the notebooks), so it
starts in the background as soon as collection shows that a test needs it,
and the unit tests run meanwhile. With pytest-xdist's workers, the first
worker to get there starts the one build (under a file lock) and every worker
waits for the same build: its exit status is written to a file when it ends,
and a worker waits for that file, not for a time.
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT_SECONDS = 1800

os.environ["NO_MKDOCS_2_WARNING"] = "1"

# Runs the README's build command with its output in a log file, then writes
# the exit status atomically (the waiting workers read it).
_RUNNER = """
import os, pathlib, subprocess, sys
log, site, status, root, site_url = sys.argv[1:6]
with open(log, "w", encoding="utf-8") as out:
    code = subprocess.run(
        [sys.executable, "scripts/build_site.py", "--site-dir", site],
        cwd=root, stdout=out, stderr=subprocess.STDOUT, check=False,
        env=dict(os.environ, SITE_URL=site_url),
    ).returncode
pathlib.Path(status + ".tmp").write_text(str(code))
os.replace(status + ".tmp", status)
"""


class SiteBuild:
    """The one strict build of a test run, shared by every xdist worker.

    Before building, a server for the site starts on a free port
    (tests/site_server.py) and the site is built for that address (SITE_URL),
    so the browser tests load it from where it was built for, as a reader does.
    The server ends with the pytest process that ran the session.
    """

    def __init__(self, directory: Path) -> None:
        self.site = directory / "site"
        self.log = directory / "build.log"
        self.status = directory / "build.status"
        self.pid = directory / "build.pid"
        self.port = directory / "server.port"
        self._lock = directory / "build.lock"

    def start(self) -> None:
        """Start the build unless a worker of this run already did."""
        self._lock.parent.mkdir(parents=True, exist_ok=True)
        with self._lock.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            if self.pid.exists():
                return
            # The controller when xdist runs the workers, else this process.
            run_pid = os.getppid() if os.environ.get("PYTEST_XDIST_WORKER") else os.getpid()
            # Started detached (through a launcher that exits at once): it outlives
            # this worker and stops by itself when the whole run has ended.
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    _DETACH,
                    sys.executable,
                    str(ROOT / "tests" / "site_server.py"),
                    str(self.site),
                    str(self.port),
                    str(run_pid),
                ],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                check=True,
            )
            deadline = time.monotonic() + 120
            while not self.port.exists():
                if time.monotonic() > deadline:
                    raise RuntimeError("the test site server did not start within 120 s")
                time.sleep(0.05)
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    _RUNNER,
                    str(self.log),
                    str(self.site),
                    str(self.status),
                    str(ROOT),
                    self.url,
                ],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
            )
            self.pid.write_text(str(process.pid))
            _STARTED.append(process)

    @property
    def url(self) -> str:
        """The address the site is built for and served at."""
        return f"http://127.0.0.1:{int(self.port.read_text())}/"

    def wait(self) -> Path:
        """Block until the build has ended; fail the test if it failed."""
        self.start()
        deadline = time.monotonic() + BUILD_TIMEOUT_SECONDS
        pid = int(self.pid.read_text())
        while not self.status.exists():
            if time.monotonic() > deadline:
                pytest.fail(f"the strict build did not end within {BUILD_TIMEOUT_SECONDS} s")
            if not _alive(pid) and not self.status.exists():
                pytest.fail(f"the strict build (pid {pid}) died without an exit status")
            time.sleep(0.5)
        code = int(self.status.read_text())
        if code != 0:
            log = self.log.read_text(encoding="utf-8")
            pytest.fail(f"strict build failed (exit {code}):\n{log[-6000:]}")
        return self.site


# The build started by this process. It is waited for when this process ends:
# another worker may still be waiting for it. (Ctrl+C reaches it too: it stays
# in the terminal's process group.)
_STARTED: list[subprocess.Popen] = []
_DETACH = "import subprocess, sys; subprocess.Popen(sys.argv[1:], start_new_session=True)"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A finished child of this very process is a zombie until reaped.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1]
    except OSError:
        return False
    return state != "Z"


def _run_directory(config: pytest.Config) -> Path:
    """A directory shared by every worker of this run (pytest's base temp of the run)."""
    base = config._tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


# Files whose tests are independent, one browser load each: pytest-xdist hands
# them out one by one instead of a whole file per worker.
SPREAD_TEST_BY_TEST = frozenset({"tests/browser/test_pages.py"})


# Run first: files that take long and need no built site (two builds of their own;
# every figure redrawn). A long file handed out last keeps one core busy alone.
SLOW_FIRST = ("tests/test_reproducible.py", "tests/test_plots.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The order the workers take the files in: slow files without the site first,
    then the rest of the unit tests and the pages' examples while the site builds,
    then the browser files, and last the page sweep, whose short tests even out
    the workers' ends."""

    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::", 1)[0]
        if path in SLOW_FIRST:
            return 0
        if path in SPREAD_TEST_BY_TEST:
            return 3
        return 2 if path.startswith("tests/browser/") else 1

    items.sort(key=rank)


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """pytest-xdist's scheduler: each test file runs whole on one worker, in order (a
    page's doctest examples share a namespace, block by block; a module's fixtures
    are made once), except the files of :data:`SPREAD_TEST_BY_TEST`, so the long
    sweep over every page is shared by all the cores instead of holding one.

    (``--dist loadgroup`` with marks would say the same, but pytest-xdist 3.8
    groups by rewriting the node id, which pytest 9.2 no longer reads.)
    """
    from xdist.scheduler import LoadScopeScheduling

    config.option.loadscopereorder = False  # the order is pytest_collection_modifyitems's

    class FilesWholeSweepSpread(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            if path in SPREAD_TEST_BY_TEST:
                return nodeid
            # A page's two languages in one worker: their code blocks are the same
            # text, and docs/conftest.py runs a text that passed only once.
            return path.replace("docs/en/", "docs/ko/", 1) if path.startswith("docs/") else path

    return FilesWholeSweepSpread(config, log)


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.option.collectonly:
        return
    if any("built_site" in getattr(item, "fixturenames", ()) for item in session.items):
        SiteBuild(_run_directory(session.config) / "strict-build").start()


def pytest_unconfigure(config: pytest.Config) -> None:
    for process in _STARTED:
        process.wait()


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
def built_site(request: pytest.FixtureRequest) -> Path:
    """Directory of the strict build: Korean at its root, English in en/.

    The build runs in a fresh process with the README's command, so pytest's
    warning filters do not reach into MkDocs and the test sees what a reader
    of the README gets. Strict mode fails the build on any MkDocs warning; the
    full log is kept next to the site as ``build.log`` (a test reads it for
    warnings of other libraries, such as nbconvert's).
    """
    return SiteBuild(_run_directory(request.config) / "strict-build").wait()
