"""Make mkdocs-jupyter's executed notebook pages reproducible, self-contained and current.

- Kernel: the notebooks run on this environment's Python. A kernelspec named
  python3 is written to build/jupyter/ and put first on JUPYTER_PATH, so a
  python3 kernelspec of another Python elsewhere on the machine cannot win.
- Cache: mkdocs-jupyter keys its cache on the notebook text only, so editing the
  package would leave stale outputs. The cache directory is keyed on the package
  source, this hook and the lock file, one directory per language (the plugin
  evicts entries the current build did not use). $ACTIVATIONS_NOTEBOOK_CACHE
  moves it (the reproducibility test builds with an empty cache).
- HTML: nbconvert's template loads MathJax and Mermaid from a CDN and inlines
  ~590 kB of JupyterLab CSS per page; those are removed (KaTeX auto-render and
  docs/shared/notebook.css take over). Random jupytext cell ids are dropped so a
  rebuild is byte-identical.
- Alt text: nbconvert gives every plot the alt "No description has been
  provided for this image" (and logs a warning). A plot is described by the
  Markdown cell before its code cell, in the page's language, so that text
  becomes the alt; a plot without such a cell fails the build.
- Anchors: heading ids and the page's table of contents both use the Unicode
  slugify of the Markdown pages (mkdocs-jupyter's own drops Hangul, leaving
  empty ids and a table of contents that points nowhere).
- Fail loud: output on stderr (a warning, a traceback) fails the build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import markdown
import mkdocs_jupyter
import mkdocs_jupyter.convert
import mkdocs_jupyter.nbconvert2
import mkdocs_jupyter.plugin
from bs4 import BeautifulSoup
from jupyter_client.kernelspec import KernelSpecManager
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from nbconvert.preprocessors import ExecutePreprocessor
from pymdownx.slugs import slugify

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
KERNEL_TIMEOUT_SECONDS = 600

# Pieces of mkdocs-jupyter 0.26's template output that must not reach the page.
_REMOVE = [
    re.compile(r'<script src="">\s*</script>'),
    re.compile(r'<script type="text/x-mathjax-config">.*?</script>', re.S),
    re.compile(r"<!-- (Load mathjax|MathJax configuration|End of mathjax configuration) -->"),
    re.compile(
        r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded", '
        r"async \(\) => \{\s*const diagrams = .*?</script>",
        re.S,
    ),
    re.compile(r'<style type="text/css">.*?</style>', re.S),
    re.compile(r"<style>\s*\.jp-Mermaid.*?</style>", re.S),
    re.compile(r"<!-- (Load|End of) mermaid configuration -->"),
]
_CELL_ID = re.compile(r' id="cell-id=[^"]*"')
_STDERR = re.compile(r'data-mime-type="application/vnd\.jupyter\.stderr"')
NBCONVERT_ALT = "No description has been provided for this image"
ALT_LENGTH = 250


class _AltWarningFilter(logging.Filter):
    """Drop nbconvert's missing-alt warning: describe_plots() supplies the alt text."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Alternative text is missing")


def describe_plots(html: str) -> str:
    """Give each output image the text of the Markdown cell before its code cell as alt."""
    if NBCONVERT_ALT not in html:
        return html
    soup = BeautifulSoup(html, features="html.parser")
    description = ""
    for cell in soup.select("div.jp-Cell"):
        classes = cell.get("class", [])
        if "jp-MarkdownCell" in classes:
            description = " ".join(cell.get_text(" ", strip=True).replace("¶", "").split())
        for image in cell.select(f'img[alt="{NBCONVERT_ALT}"]'):
            if not description:
                raise ValueError("a notebook plot has no Markdown cell before it to describe it")
            if len(description) > ALT_LENGTH:
                description = description[:ALT_LENGTH].rsplit(" ", 1)[0] + " …"
            image["alt"] = description
    return str(soup)


def clean(html: str) -> str:
    for pattern in _REMOVE[:2]:
        if not pattern.search(html):
            raise ValueError(
                f"mkdocs-jupyter output changed ({pattern.pattern!r} not found): "
                "review hooks/notebooks.py"
            )
    for pattern in _REMOVE:
        html = pattern.sub("", html)
    html = _CELL_ID.sub("", html)
    html = describe_plots(html)
    if re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html) or "cdnjs" in html:
        raise ValueError("notebook HTML still references another host")
    return html


def _patch_mkdocs_jupyter() -> None:
    # Hooks are re-imported for every config load; patch the library only once.
    if getattr(mkdocs_jupyter, "_activations_patched", False):
        return
    nb2html = mkdocs_jupyter.convert.nb2html
    get_app = mkdocs_jupyter.nbconvert2.get_nbconvert_app

    def cleaned_nb2html(*args, **kwargs):
        return clean(nb2html(*args, **kwargs))

    def app_with_timeout(*args, **kwargs):
        app = get_app(*args, **kwargs)
        app.config["ExecutePreprocessor"]["timeout"] = KERNEL_TIMEOUT_SECONDS
        # Under load ipykernel may deliver one cell's prints as several stream
        # messages; merging them keeps the rendered HTML byte-identical.
        # nbclient declares the trait without config=True, so tag it first.
        ExecutePreprocessor.class_traits()["coalesce_streams"].tag(config=True)
        app.config["ExecutePreprocessor"]["coalesce_streams"] = True
        # A local socket instead of TCP: nothing listens on the network, and
        # ipykernel's warning about unencrypted TCP stays out of the build log.
        # The socket path is per build process: the two languages build at the
        # same time, and a shared path would let their kernels collide.
        socket_prefix = Path(tempfile.gettempdir()) / f"activations-kernel-{os.getpid()}"
        app.config.update({"KernelManager": {"transport": "ipc", "ip": str(socket_prefix)}})
        return app

    logging.getLogger("traitlets").addFilter(_AltWarningFilter())
    slug = slugify(case="lower")

    def toc_tokens(markdown_source: str, toc_depth: int) -> list:
        md = markdown.Markdown(
            extensions=["toc"], extension_configs={"toc": {"toc_depth": toc_depth, "slugify": slug}}
        )
        md.convert(markdown_source)
        return md.toc_tokens

    mkdocs_jupyter.convert.slugify = lambda text: slug(text, "-")
    mkdocs_jupyter.plugin._get_markdown_toc = toc_tokens
    mkdocs_jupyter.convert.nb2html = cleaned_nb2html
    mkdocs_jupyter.nbconvert2.get_nbconvert_app = app_with_timeout
    mkdocs_jupyter._activations_patched = True


def _install_kernel() -> None:
    jupyter_path = BUILD / "jupyter"
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (activations-reference)",
        "language": "python",
    }
    target = jupyter_path / "kernels" / "python3" / "kernel.json"
    text = json.dumps(spec, indent=1) + "\n"
    if not target.is_file() or target.read_text() != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    paths = os.environ.get("JUPYTER_PATH", "")
    if not paths.startswith(str(jupyter_path)):
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(jupyter_path), paths) if p)
    # Notebook output must not depend on the hash seed of the kernel process.
    os.environ["PYTHONHASHSEED"] = "0"
    resolved = KernelSpecManager().get_kernel_spec("python3")
    if resolved.argv[0] != sys.executable:
        raise RuntimeError(f"kernel python3 resolves to {resolved.argv[0]}, not {sys.executable}")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    sources = sorted((ROOT / "src" / "activations").rglob("*.py"))
    sources += [Path(__file__), ROOT / "uv.lock"]
    for path in sources:
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update(f"{mkdocs_jupyter.__version__} {sys.executable}".encode())
    return digest.hexdigest()[:16]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins["mkdocs-jupyter"]
    _patch_mkdocs_jupyter()
    _install_kernel()
    # A test that must execute every notebook afresh points this elsewhere,
    # so the plugin's eviction of unused entries never touches the real cache.
    cache_base = Path(os.environ.get("ACTIVATIONS_NOTEBOOK_CACHE") or BUILD / "notebook-cache")
    cache_root = cache_base / config.theme["language"]
    cache_dir = cache_root / _fingerprint()
    if cache_root.is_dir():
        for old in cache_root.iterdir():
            if old != cache_dir:
                shutil.rmtree(old)
    plugin.config["cache_dir"] = str(cache_dir)
    return config


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    if page.file.src_uri.startswith("notebooks/") and page.file.src_uri.endswith(".py"):
        if _STDERR.search(html):
            raise RuntimeError(f"{page.file.src_uri}: a cell wrote to stderr (warning or error)")
    return html
