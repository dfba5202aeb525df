"""Execute a derived notebook once per change of its inputs, and prepare it for its page.

- :func:`execute` runs a notebook in this environment's python3 kernel over a
  local socket (nothing listens on the network) and fails on any output to
  stderr (a warning, a traceback).
- :func:`executed` caches the result by the notebook's text in a directory
  the caller keys on everything else the outputs depend on (the package source).
- :func:`for_page` turns each SVG figure into a file of its own, named by its
  content (cacheable) and shown as ``<img width height loading="lazy">`` inside
  a link to the full-size figure; the executed notebook itself is the download.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbformat import NotebookNode

from activations_site import notebooks
from activations_site.notebooks import ROOT, SOURCES, digest, to_ipynb, write_if_changed

KERNEL_TIMEOUT_SECONDS = 600
FIGURE_CLASS = "notebook-figure"
_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"')


def execute(notebook: NotebookNode, name: str) -> NotebookNode:
    """Run every cell of ``notebook`` (a copy); raise on an error or any stderr output."""
    result = copy.deepcopy(notebook)
    # Per build process: the two languages build at the same time, and a shared
    # socket path would let their kernels collide.
    prefix = Path(tempfile.gettempdir()) / f"activations-kernel-{os.getpid()}"
    manager = KernelManager(kernel_name="python3", transport="ipc", ip=str(prefix))
    client = NotebookClient(
        result,
        km=manager,
        timeout=KERNEL_TIMEOUT_SECONDS,
        allow_errors=False,
        # Under load ipykernel may deliver one cell's prints as several stream
        # messages; merging them keeps the outputs byte-identical.
        coalesce_streams=True,
        # No per-cell execution timestamps in the downloadable .ipynb: two builds
        # of the same sources must be byte-identical.
        record_timing=False,
        resources={"metadata": {"path": str(SOURCES)}},
    )
    # nbclient stops only kernels it created itself, unless told to.
    client.execute(cleanup_kc=True)
    for cell in result.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream" and output.name == "stderr":
                raise RuntimeError(
                    f"{name}: cell {cell.get('id')!r} wrote to stderr:\n{output.text}"
                )
            if "image/png" in output.get("data", {}):
                raise RuntimeError(f"{name}: cell {cell.get('id')!r} drew a PNG; figures are SVG")
    return result


@dataclass
class Executed:
    notebook: NotebookNode
    path: Path
    seconds: float  # 0 when it came from the cache


def inputs() -> str:
    """What the outputs depend on besides the notebook: the package, this code, the lock file."""
    paths = sorted((ROOT / "src" / "activations").rglob("*.py"))
    paths += [ROOT / "uv.lock", Path(__file__), Path(notebooks.__file__)]
    hasher = hashlib.sha256(sys.executable.encode())
    for path in paths:
        hasher.update(path.relative_to(ROOT).as_posix().encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def executed(notebook: NotebookNode, name: str, cache_dir: Path) -> Executed:
    """The executed notebook, from ``cache_dir`` when the same notebook ran on the same inputs."""
    key = digest(to_ipynb(notebook) + inputs())
    path = cache_dir / f"{name}-{key}.ipynb"
    if path.is_file():
        return Executed(nbformat.reads(path.read_text(encoding="utf-8"), as_version=4), path, 0.0)
    if os.environ.get("ACTIVATIONS_REUSE_OUTPUTS"):
        # scripts/serve.py after a package edit: show the previous outputs at once;
        # its next round (without this variable) executes the notebook again.
        previous = sorted(cache_dir.glob(f"{name}-*.ipynb"), key=lambda p: p.stat().st_mtime)
        if previous:
            text = previous[-1].read_text(encoding="utf-8")
            return Executed(nbformat.reads(text, as_version=4), previous[-1], 0.0)
    start = time.perf_counter()
    result = execute(notebook, name)
    seconds = time.perf_counter() - start
    write_if_changed(path, to_ipynb(result))
    return Executed(result, path, seconds)


def figure_name(svg: str) -> str:
    return f"figure-{digest(svg)}.svg"


def for_page(notebook: NotebookNode) -> tuple[NotebookNode, dict[str, str]]:
    """The notebook the page shows, and its figures by file name (relative to the page).

    Each SVG output becomes an HTML output with an ``<img>`` of that file: the
    page no longer inlines tens of kilobytes per figure, the browser caches the
    figure, and the link opens it full size (readable on a phone).
    """
    page = copy.deepcopy(notebook)
    figures: dict[str, str] = {}
    for cell in page.cells:
        for index, output in enumerate(cell.get("outputs", [])):
            svg = output.get("data", {}).get("image/svg+xml")
            if svg is None:
                continue
            svg = svg if isinstance(svg, str) else "".join(svg)
            size = _SIZE.search(svg)
            if size is None:
                raise ValueError(f"cell {cell.get('id')!r}: an SVG figure without a pt size")
            width, height = (round(float(value) * 4 / 3) for value in size.groups())
            name = figure_name(svg)
            figures[name] = svg
            html = (
                f'<a class="{FIGURE_CLASS}" href="{name}">'
                f'<img src="{name}" width="{width}" height="{height}" loading="lazy" alt="">'
                "</a>"
            )
            cell.outputs[index] = nbformat.v4.new_output(
                "display_data", data={"text/html": html}, metadata={}
            )
    return page, figures
