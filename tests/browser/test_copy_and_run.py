"""What a reader copies runs: every code block's copy text, run against the published wheel.

A reader installs ``activations`` the way the "Use the code" page says (the
wheel from the site, numpy and scipy from PyPI) into a fresh virtual
environment, not this repository's ``src``; copies a block with its copy
button; saves it to a file; runs ``python file.py``. This module does that for
every code block of every page in both languages:

- The copy text is what Material's copy button copies: the ``data-copy``
  attribute of the block when it has one, else the text on screen. One sample
  per language is copied by clicking the button in chromium and reading the
  clipboard, to hold the attribute to what the button really gives.
- Every block runs in its own interpreter, the blocks of a page in parallel.
  A block whose copy text is byte for byte one that already ran in the same
  environment (most blocks of an English page are the Korean page's, comments
  included) is held to that run's outcome instead of running again.
- A block that imports more than the package gives (``data-runs-with``, set by
  the build from the block's imports) runs in a second environment that also
  has those packages, when they are small and pure Python (:data:`SMALL_EXTRAS`).
- Blocks that are not run here are counted by kind: ``data-language`` (shell
  commands, BibTeX), ``data-runs-with`` a framework (the PyTorch, JAX and Keras
  tabs, which ``scripts/check_frameworks.py`` runs where those frameworks are
  installed) and ``data-copy-partial`` (a fragment on purpose); the notebook
  cells are cells of one executed notebook, copied as is, and not counted here.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_kit import PAGES, TIMEOUT_MS, language_of
from bs4 import BeautifulSoup

RUN_TIMEOUT_SECONDS = 300
WORKERS = 4
NOT_RUN_ATTRIBUTES = ("data-language", "data-runs-with", "data-copy-partial")
# Packages a block may need beyond the wheel that this test installs to run it.
SMALL_EXTRAS = {"mpmath"}


@dataclass(frozen=True)
class Block:
    page: str
    index: int
    copy: str
    kind: str  # "python", or why it is not run here: "shell", "torch", "partial: ..."


def page_file(site: Path, page_path: str) -> Path:
    return site / page_path / "index.html"


@functools.cache  # the built pages do not change during a run; parsing one takes 0.1 s
def blocks(site: Path, page_path: str) -> tuple[Block, ...]:
    """Every code block of a page's article, with the text its copy button gives."""
    soup = BeautifulSoup(page_file(site, page_path).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    found = []
    for index, div in enumerate(article.select("div.highlight")):
        code = div.select_one("pre > code")
        assert code is not None, f"{page_path}: block {index} has no <pre><code>"
        holder = div if div.has_attr("data-copy") else div.find_parent(attrs={"data-copy": True})
        copy = holder["data-copy"] if holder is not None else code.get_text()
        kind = "python"
        for attribute in NOT_RUN_ATTRIBUTES:
            if div.has_attr(attribute):
                kind = f"{attribute.removeprefix('data-')}: {div[attribute]}"
        found.append(Block(page_path, index, copy, kind))
    return tuple(found)


def wheel_from_use_page(site: Path, base: str) -> Path:
    """The wheel the "Use the code" page tells the reader to pip install, as a built file."""
    soup = BeautifulSoup((site / "use" / "index.html").read_text(encoding="utf-8"), "html.parser")
    commands = [c.get_text().strip() for c in soup.select("article div.highlight code")]
    urls = [c.split()[-1] for c in commands if re.match(r"pip install https?://", c)]
    assert len(urls) == 1, f"the Use the code page should give one pip install URL: {commands}"
    url = urls[0]
    assert url.startswith(base), f"{url} is not on the site ({base})"
    path = site / urlsplit(url).path.removeprefix(urlsplit(base).path)
    assert path.is_file(), f"{url} is not in the built site ({path})"
    return path


def make_venv(directory: Path, *requirements: str) -> Path:
    """A fresh venv holding only ``requirements`` (and what they depend on, from PyPI)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    uv = os.environ.get("UV", "uv")
    subprocess.run(
        [uv, "venv", "--quiet", "--python", sys.executable, str(directory)], check=True, env=env
    )
    python = directory / "bin" / "python"
    # Compiled bytecode: with PYTHONDONTWRITEBYTECODE set, every block would
    # otherwise recompile NumPy and SciPy on import.
    subprocess.run(
        [
            uv,
            "pip",
            "install",
            "--quiet",
            "--compile-bytecode",
            "--python",
            str(python),
            *requirements,
        ],
        check=True,
        env=env,
    )
    return python


@pytest.fixture(scope="session")
def site_wheel(built_site: Path, site: object) -> Path:
    return wheel_from_use_page(built_site, site.base)


@pytest.fixture(scope="session")
def reader_python(site_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the site's wheel (and its dependencies from PyPI)."""
    return make_venv(tmp_path_factory.mktemp("reader") / "venv", str(site_wheel))


@pytest.fixture(scope="session")
def extras_python(site_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> object:
    """The wheel plus :data:`SMALL_EXTRAS`, made on first use."""
    made: list[Path] = []

    def get() -> Path:
        if not made:
            directory = tmp_path_factory.mktemp("reader-extras") / "venv"
            made.append(make_venv(directory, str(site_wheel), *sorted(SMALL_EXTRAS)))
        return made[0]

    return get


def run(python: Path, block: Block, directory: Path) -> str | None:
    """Run one copied block as a file; the problem, or None when it exits 0."""
    failure = outcome(python, block.copy, directory / f"block_{block.index:02d}.py")
    return None if failure is None else f"block {block.index} {failure}"


# What each (interpreter, copy text) gave: the same bytes in the same environment
# give the same outcome. It holds for the worker's session, in which the site and
# its wheel do not change.
_OUTCOMES: dict[tuple[Path, str], str | None] = {}


def outcome(python: Path, copy: str, script: Path) -> str | None:
    """Why ``copy``, saved as ``script`` and run by ``python``, failed; None if it ran.

    Runs it unless the same text already ran with the same interpreter.
    """
    if (python, copy) not in _OUTCOMES:
        _OUTCOMES[python, copy] = execute(python, copy, script)
    return _OUTCOMES[python, copy]


def execute(python: Path, copy: str, script: Path) -> str | None:
    """Save ``copy`` as ``script`` and run it from the script's directory, as a reader does."""
    script.write_text(copy, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["MPLBACKEND"] = "Agg"
    done = subprocess.run(
        [str(python), script.name],
        cwd=script.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_SECONDS,
        check=False,
    )
    if done.returncode == 0:
        return None
    tail = "\n      ".join((done.stderr or done.stdout).strip().splitlines()[-4:])
    return f"exits {done.returncode}:\n      {tail}"


def extras_of(block: Block) -> set[str] | None:
    """The extra packages of a ``runs-with`` block this test can install, else None."""
    if not block.kind.startswith("runs-with: "):
        return None
    needed = set(block.kind.removeprefix("runs-with: ").split())
    return needed if needed <= SMALL_EXTRAS else None


def test_every_copied_block_runs_with_the_published_wheel(
    built_site: Path, reader_python: Path, extras_python: object, page_path: str, tmp_path: Path
) -> None:
    page = blocks(built_site, page_path)
    jobs = [(reader_python, b) for b in page if b.kind == "python"]
    jobs += [(extras_python(), b) for b in page if extras_of(b)]
    # Running from a scratch directory: the repository's src/ must not be importable.
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        problems = [p for p in pool.map(lambda job: run(*job, tmp_path), jobs) if p]
    assert not problems, f"{page_path}: copied code does not run:\n  " + "\n  ".join(problems)


def test_doctest_blocks_copy_code_without_prompts_or_output(built_site: Path) -> None:
    """On screen a block shows >>> and its output; its copy text has neither."""
    counted: Counter[str] = Counter()
    problems = []
    for page_path in PAGES:
        if not page_file(built_site, page_path).is_file():
            problems.append(f"{page_path}: not built")
            continue
        for block in blocks(built_site, page_path):
            counted[block.kind.split(":")[0]] += 1
            if block.kind != "python" and not extras_of(block):
                continue
            lines = block.copy.splitlines()
            if any(line.startswith((">>>", "...")) for line in lines):
                problems.append(f"{page_path} block {block.index}: prompts in the copy text")
    assert not problems, "\n".join(problems)
    assert counted["python"] > 0 and counted["copy-partial"] == 0, counted


def test_the_copy_button_copies_the_runnable_text(
    tabs: object, built_site: Path, reader_python: Path, tmp_path: Path
) -> None:
    """Click the copy button as a reader does; the clipboard holds code that runs."""
    for page_path in ("functions/relu/", "en/functions/softmax/"):
        tab = tabs.open()
        tab.goto(page_path)
        tab.page.evaluate("navigator.clipboard.writeText('')")
        first = tab.page.locator("article div.highlight").first
        on_screen = first.locator("pre > code").inner_text()
        assert on_screen.lstrip().startswith(">>>"), f"{page_path}: first block is no doctest"
        first.locator("button[data-md-type=copy]").click()
        # Each poll starts a clipboard read and checks the last one (an async
        # predicate would return a Promise, which is always truthy).
        copied = tab.page.wait_for_function(
            """() => {
                navigator.clipboard.readText().then(text => { window.__clipboard = text; });
                return window.__clipboard || false;
            }""",
            polling=100,
            timeout=TIMEOUT_MS,
        ).json_value()
        assert ">>>" not in copied, f"{page_path}: the clipboard has prompts:\n{copied}"
        expected = blocks(built_site, page_path)[0].copy
        assert copied == expected.rstrip(), f"{page_path}: clipboard differs from data-copy"
        problem = run(reader_python, Block(page_path, 0, copied, "python"), tmp_path)
        assert problem is None, f"{page_path} ({language_of(page_path)}): {problem}"
