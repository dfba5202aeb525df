"""Derive, execute and present the notebooks: one source, two languages, reproducible pages.

- Source: docs/notebooks/X.py holds each code cell once and each prose cell per
  language (activations_site.notebooks). on_files derives the Korean or English
  notebook, executes it (activations_site.notebook_run) and adds the page
  notebooks/X.py (the executed notebook, converted by mkdocs-jupyter without
  running it again), its downloads notebooks/X/X.ipynb (executed, with
  outputs) and notebooks/X/X.py (jupytext), and each figure as an SVG file.
- Kernel: the notebooks run on this environment's Python. A kernelspec named
  python3 is written to build/jupyter/ and put first on JUPYTER_PATH, so a
  python3 kernelspec of another Python elsewhere on the machine cannot win.
- Cache, per language: executed notebooks are keyed on their text and on the
  package source, the notebook build modules and the lock file
  (notebook_run.executed); mkdocs-jupyter's HTML is keyed on the executed
  notebook, in a directory keyed on this hook and the lock file. Entries the
  current build did not use are evicted. $ACTIVATIONS_NOTEBOOK_CACHE moves it
  (the reproducibility test builds with an empty cache).
- HTML: nbconvert's template loads MathJax and Mermaid from a CDN and inlines
  ~590 kB of JupyterLab CSS per page; those are removed (KaTeX auto-render and
  docs/shared/notebook.css take over). Random jupytext cell ids are dropped so a
  rebuild is byte-identical.
- Reader: the setup cell is folded into a <details>, the downloads sit under
  the introduction, and the copy button speaks the page's language.
- Alt text: a plot is described by the Markdown cell before its code cell, in
  the page's language; a plot without such a cell fails the build.
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
from pathlib import Path

import markdown
import mkdocs_jupyter
import mkdocs_jupyter.convert
import mkdocs_jupyter.nbconvert2
import mkdocs_jupyter.plugin
from bs4 import BeautifulSoup
from jupyter_client.kernelspec import KernelSpecManager
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from pymdownx.slugs import slugify

from activations_site import notebook_run
from activations_site import notebooks as nb

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
log = logging.getLogger("mkdocs.hooks.notebooks")

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
    # Appended by mkdocs-jupyter to an .ipynb page: nbconvert's CSS again.
    re.compile(r"\s*<style>\s*\['pre \{.*?</style>\s*$", re.S),
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
    if NBCONVERT_ALT not in html and notebook_run.FIGURE_CLASS not in html:
        return html
    soup = BeautifulSoup(html, features="html.parser")
    description = ""
    for cell in soup.select("div.jp-Cell"):
        classes = cell.get("class", [])
        if "jp-MarkdownCell" in classes:
            description = " ".join(cell.get_text(" ", strip=True).replace("¶", "").split())
        images = cell.select(f'img[alt="{NBCONVERT_ALT}"], a.{notebook_run.FIGURE_CLASS} img')
        for image in images:
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

    def cleaned_nb2html(*args, **kwargs):
        return clean(nb2html(*args, **kwargs))

    logging.getLogger("traitlets").addFilter(_AltWarningFilter())
    slug = slugify(case="lower")

    def toc_tokens(markdown_source: str, toc_depth: int) -> list:
        md = markdown.Markdown(
            extensions=["toc"], extension_configs={"toc": {"toc_depth": toc_depth, "slugify": slug}}
        )
        md.convert(markdown_source)
        return md.toc_tokens

    notebook_file_init = mkdocs_jupyter.plugin.NotebookFile.__init__

    def keep_source_path(self, file, *args, **kwargs):
        notebook_file_init(self, file, *args, **kwargs)
        # File.abs_src_path is computed from src_dir, which a generated file
        # lacks: keep the path of the executed notebook the page is made from.
        self.__dict__["abs_src_path"] = file.abs_src_path

    mkdocs_jupyter.plugin.NotebookFile.__init__ = keep_source_path
    mkdocs_jupyter.convert.slugify = lambda text: slug(text, "-")
    mkdocs_jupyter.plugin._get_markdown_toc = toc_tokens
    mkdocs_jupyter.convert.nb2html = cleaned_nb2html
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
    """What the HTML of an executed notebook depends on besides the notebook itself."""
    digest = hashlib.sha256()
    for path in (Path(__file__), ROOT / "uv.lock"):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    digest.update(mkdocs_jupyter.__version__.encode())
    return digest.hexdigest()[:16]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins["mkdocs-jupyter"]
    if plugin.config["execute"] or plugin.config["include_source"]:
        raise ValueError(
            "mkdocs-jupyter must only convert: hooks/notebooks.py executes the notebooks "
            "and adds their downloads (set execute: false, include_source: false)"
        )
    _patch_mkdocs_jupyter()
    _install_kernel()
    # A test that must execute every notebook afresh points this elsewhere,
    # so the plugin's eviction of unused entries never touches the real cache.
    cache_base = Path(os.environ.get("ACTIVATIONS_NOTEBOOK_CACHE") or BUILD / "notebook-cache")
    cache_root = cache_base / config.theme["language"]
    cache_dir = cache_root / f"html-{_fingerprint()}"
    if cache_root.is_dir():
        for old in cache_root.iterdir():
            if old not in (cache_dir, cache_root / "executed"):
                shutil.rmtree(old)
    plugin.config["cache_dir"] = str(cache_dir)
    return config


@event_priority(100)  # before mkdocs-jupyter's on_files, which claims the notebook pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    language = config.theme["language"]
    executed_dir = Path(config.plugins["mkdocs-jupyter"].config["cache_dir"]).parent / "executed"
    derived_dir = BUILD / "notebooks" / language
    used = set()
    for source_path in nb.sources():
        name = source_path.stem
        if files.get_file_from_path(f"notebooks/{name}.py") is not None:
            raise ValueError(f"notebooks/{name}.py is in {config.docs_dir} and in docs/notebooks")
        notebook = nb.derive(nb.read(source_path), language)
        run = notebook_run.executed(notebook, name, executed_dir)
        used.add(run.path)
        if run.seconds:
            log.info("notebooks: executed %s (%s) in %.1f s", name, language, run.seconds)
        page_notebook, figures = notebook_run.for_page(run.notebook)
        page_source = nb.write_if_changed(
            derived_dir / "page" / "notebooks" / f"{name}.ipynb", nb.to_ipynb(page_notebook)
        )
        percent = nb.write_if_changed(derived_dir / f"{name}.py", nb.to_percent(notebook))
        # The page keeps the source's name (links to notebooks/X.py stay valid);
        # mkdocs-jupyter converts the executed notebook without running it again.
        files.append(File.generated(config, f"notebooks/{name}.py", abs_src_path=str(page_source)))
        download = f"notebooks/{name}/{name}"
        files.append(File.generated(config, f"{download}.py", abs_src_path=str(percent)))
        files.append(File.generated(config, f"{download}.ipynb", abs_src_path=str(run.path)))
        for figure, svg in figures.items():
            files.append(File.generated(config, f"notebooks/{name}/{figure}", content=svg))
    if executed_dir.is_dir():
        for stale in set(executed_dir.glob("*.ipynb")) - used:
            stale.unlink()
    return files


_TEXT = {
    "ko": {
        "setup": "준비 코드: 그림의 언어(LANG)와 스타일",
        "download": "이 노트북 내려받기:",
        "ipynb": "실행 결과 포함",
        "py": "jupytext 원본",
        "copy": "클립보드에 복사",
        "copied": "복사했습니다!",
    },
    "en": {
        "setup": "Setup code: figure language (LANG) and style",
        "download": "Download this notebook:",
        "ipynb": "with outputs",
        "py": "jupytext source",
        "copy": "Copy to Clipboard",
        "copied": "Copied!",
    },
}


def for_reader(html: str, name: str, language: str) -> str:
    """Downloads under the introduction, setup folded away, copy button in the page's language."""
    text = _TEXT[language]
    html = html.replace('aria-label="Copy to Clipboard"', f'aria-label="{text["copy"]}"')
    # (The alt-text pass re-serialises the cell HTML, so `hidden` may carry ="".)
    html = re.sub(
        r'(<span class="notice" hidden(?:="")?>)Copied!(</span>)',
        rf"\g<1>{text['copied']}\g<2>",
        html,
    )
    soup = BeautifulSoup(html, features="html.parser")
    cells = soup.select("div.jp-Cell")
    setup = next(c for c in cells if "jp-CodeCell" in c.get("class", []))
    if "LANG = " not in setup.get_text() or "jp-MarkdownCell" not in cells[0].get("class", []):
        raise ValueError(f"notebooks/{name}: expected the title, then the setup cell")
    details = soup.new_tag("details", attrs={"class": "notebook-setup"})
    summary = soup.new_tag("summary")
    summary.string = text["setup"]
    setup.wrap(details)
    details.insert(0, summary)
    downloads = BeautifulSoup(
        f'<p class="notebook-downloads">{text["download"]} '
        f'<a href="{name}.ipynb" download>{name}.ipynb</a> ({text["ipynb"]}) · '
        f'<a href="{name}.py" download>{name}.py</a> ({text["py"]})</p>',
        features="html.parser",
    )
    cells[0].insert_after(downloads)
    return str(soup)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    if page.file.src_uri.startswith("notebooks/") and page.file.src_uri.endswith(".py"):
        if _STDERR.search(html):
            raise RuntimeError(f"{page.file.src_uri}: a cell wrote to stderr (warning or error)")
        name = Path(page.file.src_uri).stem
        html = for_reader(html, name, config.theme["language"])
    return html
