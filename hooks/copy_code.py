"""What a reader takes away from the site: code that runs, the package, the data.

- Downloads (both builds, under downloads/): the ``activations`` wheel built
  from pyproject.toml (activations_site.wheel), and the registry as JSON and
  CSV (activations_site.downloads).
- Copy buttons: every doctest block gets its runnable source (no prompts, no
  output) as ``data-copy``, which Material's copy button copies instead of the
  text on screen (activations_site.copy_text).
- Every page with code links to the "Use the code" page under its first code
  block (notebook pages: above the first cell), which says how to install the
  package.
- Function pages: the signature block after the formulas
  (activations_site.signature) and the BibTeX of the papers after the paper
  list (activations_site.downloads). Listed before hooks/markers.py, so this
  hook sees the markers it places its blocks after.
- The "Use the code" page: ``<!-- activations:install -->`` and
  ``<!-- activations:downloads -->`` are rendered here.
"""

from __future__ import annotations

import html
import posixpath
import re
import textwrap

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from activations.registry import REGISTRY
from activations_site import copy_text, downloads, signature, wheel

USE_PAGE = "use.md"
AFTER_FORMULA = re.compile(r"^<!-- activations:formula (?P<id>[a-z0-9_]+) -->[ \t]*$", re.M)
AFTER_PAPER = re.compile(r"^<!-- activations:paper (?P<id>[a-z0-9_]+) -->[ \t]*$", re.M)
INSTALL = re.compile(r"^<!-- activations:install -->[ \t]*$", re.M)
DOWNLOADS = re.compile(r"^<!-- activations:downloads -->[ \t]*$", re.M)
FIRST_BLOCK = re.compile(r'<div class="[^"]*\bhighlight"[^>]*><pre>.*?</pre></div>', re.S)
FIRST_CELL = re.compile(r'<div[^>]*class="[^"]*\bjp-Cell\b[^"]*jp-CodeCell\b', re.S)

TEXT = {
    "ko": {
        "use": "이 페이지의 코드는 <code>activations</code> 패키지를 씁니다. "
        '설치 방법은 <a href="{href}">코드 사용하기</a>에 있습니다.',
        "site": "이 사이트에서 받아 설치:",
        "clone": "저장소를 클론(clone)했다면 그 최상위 디렉터리에서:",
        "needs": "Python {python}에서 동작합니다. 필요한 패키지: {deps} "
        "(pip가 PyPI에서 함께 설치합니다).",
        "wheel": "패키지 휠(wheel) 파일",
        "json": "레지스트리(registry) 전체, JSON",
        "csv": "레지스트리 전체, CSV (함수마다 한 행)",
        "licence": "코드와 데이터 모두 {license} 라이선스입니다.",
        "bibtex": "BibTeX",
        "size": "{kb:.0f} kB",
    },
    "en": {
        "use": "The code on this page uses the <code>activations</code> package: "
        '<a href="{href}">Use the code</a> says how to install it.',
        "site": "From this site:",
        "clone": "From a clone of the repository, in its top directory:",
        "needs": "It runs on Python {python} and needs {deps} (pip installs them from PyPI).",
        "wheel": "The package as a wheel",
        "json": "The whole registry, JSON",
        "csv": "The whole registry, CSV (one row per function)",
        "licence": "Code and data are under the {license} licence.",
        "bibtex": "BibTeX",
        "size": "{kb:.0f} kB",
    },
}


def _language(config: MkDocsConfig) -> str:
    return config.theme["language"]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    built = wheel.build_wheel()
    files.append(
        File.generated(config, wheel.site_path(built), abs_src_path=str(built))
    )
    files.append(File.generated(config, f"{wheel.SITE_PATH}/{downloads.JSON_NAME}",
                                content=downloads.registry_json()))
    files.append(File.generated(config, f"{wheel.SITE_PATH}/{downloads.CSV_NAME}",
                                content=downloads.registry_csv()))
    return files


def _dependencies() -> str:
    return ", ".join(f"<code>{html.escape(d)}</code>" for d in wheel.project().dependencies)


def install(language: str, config: MkDocsConfig) -> str:
    t = TEXT[language]
    built = wheel.build_wheel()
    meta = wheel.project()
    url = config.site_url + wheel.site_path(built)
    needs = t["needs"].format(python=f"<code>{html.escape(meta.requires_python)}</code>",
                              deps=_dependencies())
    return (
        f"{t['site']}\n\n"
        f'``` {{.bash data-language="shell"}}\npip install {url}\n```\n\n'
        f"{t['clone']}\n\n"
        f'``` {{.bash data-language="shell"}}\npip install .\n```\n\n'
        f"{needs}\n"
    )


def downloads_list(language: str, page: Page) -> str:
    t = TEXT[language]
    built = wheel.build_wheel()
    here = posixpath.dirname(page.file.src_uri)

    def link(name: str) -> str:
        return posixpath.relpath(f"{wheel.SITE_PATH}/{name}", here or ".")

    size = t["size"].format(kb=built.stat().st_size / 1000)
    return (
        f"- {t['wheel']}: [{built.name}]({link(built.name)}) ({size})\n"
        f"- {t['json']}: [{downloads.JSON_NAME}]({link(downloads.JSON_NAME)})\n"
        f"- {t['csv']}: [{downloads.CSV_NAME}]({link(downloads.CSV_NAME)})\n\n"
        f"{t['licence'].format(license=wheel.project().license)}\n"
    )


def _bibtex(language: str, entry_id: str) -> str:
    entry = REGISTRY[entry_id]
    if not entry.papers:
        return ""
    fence = f'``` {{.bibtex data-language="bibtex"}}\n{downloads.bibtex_block(entry)}```'
    return f'\n??? quote "{TEXT[language]["bibtex"]}"\n\n{textwrap.indent(fence, "    ")}\n'


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = _language(config)
    markdown = AFTER_FORMULA.sub(
        lambda m: f"{m[0]}\n\n{signature.render(language, REGISTRY[m['id']])}\n", markdown
    )
    markdown = AFTER_PAPER.sub(lambda m: f"{m[0]}\n{_bibtex(language, m['id'])}", markdown)
    if page.file.src_uri == USE_PAGE:
        markdown = INSTALL.sub(lambda _: install(language, config), markdown)
        markdown = DOWNLOADS.sub(lambda _: downloads_list(language, page), markdown)
    return markdown


def _use_link(page: Page, language: str) -> str:
    target = posixpath.relpath("use", page.url.rstrip("/") or ".") + "/"
    return f'<p class="use-the-code">{TEXT[language]["use"].format(href=target)}</p>\n'


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    content = copy_text.add_copy_text(content, wheel.provided_modules())
    if page.file.src_uri == USE_PAGE:
        return content
    note = _use_link(page, _language(config))
    if page.file.src_uri.endswith(".py"):  # a notebook page: above its first code cell
        cell = FIRST_CELL.search(content)
        return content if cell is None else content[: cell.start()] + note + content[cell.start():]
    block = FIRST_BLOCK.search(content)
    if block is None:
        return content
    return content[: block.end()] + "\n" + note + content[block.end():]
