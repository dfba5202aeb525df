"""The built site: strict and warning-free, self-contained, complete in both languages."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import urljoin, urlsplit

import jupytext
import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LANGUAGES = ("ko", "en")

# Absolute URLs that may appear in a built file because nothing fetches them:
# XML namespaces inside SVG and MathML markup and in the scripts that create it.
NOT_FETCHED = re.compile(
    r"https?://www\.w3\.org/(2000/svg|1999/xlink|1998/Math/MathML|1999/xhtml"
    r"|XML/1998/namespace|2000/xmlns/)"
)


def _sources(language: str) -> set[str]:
    base = DOCS / language
    return {p.relative_to(base).as_posix() for p in base.rglob("*") if p.suffix == ".md"}


def _python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python[^\n]*\n(.*?)^```", markdown, flags=re.S | re.M)


class _Resources(HTMLParser):
    """Collect every URL an HTML page makes the browser fetch (not plain links)."""

    FETCHING: ClassVar[dict[str, str]] = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "video": "src",
        "audio": "src",
        "embed": "src",
        "object": "data",
        "track": "src",
        "input": "src",
    }

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in self.FETCHING and values.get(self.FETCHING[tag]):
            self.fetched.append(values[self.FETCHING[tag]])
        if tag in ("img", "source") and values.get("srcset"):
            self.fetched += [part.split()[0] for part in values["srcset"].split(",")]
        rel = values.get("rel", "").lower().split()
        if tag == "link" and set(rel) - {"canonical", "alternate", "prev", "next"}:
            self.fetched.append(values.get("href", ""))
        if values.get("style"):
            self.styles.append(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def _css_urls(css: str) -> list[str]:
    urls = re.findall(r"""url\(\s*['"]?([^'")]+)""", css)
    return urls + re.findall(r"""@import\s+['"]([^'"]+)""", css)


def _is_remote(url: str) -> bool:
    return url.startswith(("http://", "https://", "//")) and not NOT_FETCHED.match(url)


def _html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.site
def test_strict_build_of_both_languages_succeeds(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "en" / "index.html").is_file()
    assert 'lang="ko"' in (built_site / "index.html").read_text(encoding="utf-8")
    assert 'lang="en"' in (built_site / "en" / "index.html").read_text(encoding="utf-8")


@pytest.mark.site
def test_build_log_has_no_warning(built_site: Path) -> None:
    log = (built_site.parent / "build.log").read_text(encoding="utf-8")
    warnings = [line for line in log.splitlines() if "WARNING" in line or "Traceback" in line]
    assert not warnings, "\n".join(warnings)


def _canary(tmp_path: Path, pages: dict[str, str]) -> subprocess.CompletedProcess[str]:
    validation = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)[
        "validation"
    ]
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        yaml.safe_dump(
            {"site_name": "canary", "validation": validation, "theme": {"name": "mkdocs"}}
        ),
        encoding="utf-8",
    )
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class _IgnoreTags(yaml.SafeLoader):
    """Read mkdocs.yml without resolving MkDocs' custom tags such as !ENV."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@pytest.mark.parametrize(
    ("link", "fails"),
    [("other.md#kept-heading", False), ("missing.md", True), ("other.md#no-such-anchor", True)],
)
def test_strict_validation_fails_on_a_broken_link_or_anchor(
    tmp_path: Path, link: str, fails: bool
) -> None:
    result = _canary(
        tmp_path,
        {"index.md": f"# Home\n\n[there]({link})\n", "other.md": "# Other\n\n## Kept heading\n"},
    )
    assert (result.returncode != 0) == fails, result.stderr


@pytest.mark.site
def test_nothing_is_loaded_from_another_host(built_site: Path) -> None:
    offences: list[str] = []
    for page in _html_pages(built_site):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        urls = parser.fetched + [u for style in parser.styles for u in _css_urls(style)]
        offences += [f"{page.relative_to(built_site)}: {u}" for u in urls if _is_remote(u)]
    for sheet in built_site.rglob("*.css"):
        urls = _css_urls(sheet.read_text(encoding="utf-8"))
        offences += [f"{sheet.relative_to(built_site)}: {u}" for u in urls if _is_remote(u)]
    for script in built_site.rglob("*.js"):
        urls = re.findall(
            r"""(?:https?:)?//[A-Za-z0-9.-]+\.[a-z]{2,}[^\s'"`)]*""",
            script.read_text(encoding="utf-8"),
        )
        fetched = [
            u
            for u in urls
            if u.startswith("http")
            and _is_remote(u)
            and _looks_loaded(script.read_text(encoding="utf-8"), u)
        ]
        offences += [f"{script.relative_to(built_site)}: {u}" for u in fetched]
    assert not offences, "\n".join(offences)


def _looks_loaded(source: str, url: str) -> bool:
    """True when a script passes ``url`` to something that fetches it."""
    at = source.find(url)
    before = source[max(0, at - 60) : at]
    return bool(
        re.search(r"(fetch|import|src\s*=|href\s*=|XMLHttpRequest|open|Worker)\W*$", before)
    )


@pytest.mark.site
def test_every_page_exists_in_both_languages(built_site: Path) -> None:
    assert _sources("ko") == _sources("en")
    korean = {
        p.relative_to(built_site).as_posix()
        for p in _html_pages(built_site)
        if not p.relative_to(built_site).as_posix().startswith("en/")
    }
    english = {p.relative_to(built_site / "en").as_posix() for p in _html_pages(built_site / "en")}
    assert korean == english


def test_both_languages_have_identical_code_blocks() -> None:
    different = []
    for relative in sorted(_sources("ko") & _sources("en")):
        ko, en = (DOCS / lang / relative for lang in LANGUAGES)
        # The notebooks have one source (docs/notebooks): tests/test_notebooks.py.
        blocks = [_python_blocks(p.read_text(encoding="utf-8")) for p in (ko, en)]
        if blocks[0] != blocks[1]:
            different.append(relative)
    assert not different


@pytest.mark.site
def test_the_language_switch_leads_to_the_same_page(built_site: Path) -> None:
    missing = []
    for page in _html_pages(built_site):
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        base = "file://" + page.as_posix()
        links = re.findall(r'<a href="([^"]+)" hreflang="(ko|en)"', html)
        assert {lang for _, lang in links} == {"ko", "en"}, page
        for href, lang in links:
            target = Path(urlsplit(urljoin(base, href)).path)
            target = target / "index.html" if href.endswith("/") else target
            relative = page.relative_to(built_site).as_posix().removeprefix("en/")
            expected = built_site / ("en/" if lang == "en" else "") / relative
            if target.resolve() != expected.resolve():
                missing.append(f"{page.relative_to(built_site)} -> {href}")
    assert not missing, "\n".join(missing[:20])


@pytest.mark.site
def test_no_marker_survives_the_build(built_site: Path) -> None:
    leftovers = [
        p.relative_to(built_site).as_posix()
        for p in _html_pages(built_site)
        if "activations:" in p.read_text(encoding="utf-8")
    ]
    assert not leftovers


def test_pages_have_no_placeholder_text_or_empty_section() -> None:
    problems = []
    placeholder = re.compile(r"\b(TODO|FIXME|TBD|XXX)\b|lorem ipsum|작성 예정|준비 중", re.I)
    heading = re.compile(r"^(#{1,6})\s")
    for language in LANGUAGES:
        for page in sorted((DOCS / language).rglob("*.md")):
            text = page.read_text(encoding="utf-8")
            name = page.relative_to(DOCS).as_posix()
            if placeholder.search(text):
                problems.append(f"{name}: placeholder text")
            outside_code = re.sub(r"^```.*?^```", "(code)", text, flags=re.S | re.M)
            lines = [line for line in outside_code.splitlines() if line.strip()]
            for number, this in enumerate(lines):
                following = lines[number + 1] if number + 1 < len(lines) else None
                here = heading.match(this)
                after = heading.match(following) if following else None
                if here and (following is None or (after and len(after[1]) <= len(here[1]))):
                    problems.append(f"{name}: empty section {this.strip()!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.site
def test_each_language_searches_only_its_own_pages(built_site: Path) -> None:
    import json

    for prefix, lang in (("", ["ko", "en"]), ("en/", ["en"])):
        index = json.loads(
            (built_site / prefix / "search" / "search_index.json").read_text(encoding="utf-8")
        )
        assert index["config"]["lang"] == lang
        # hooks/search.py: the documents are fetched when search opens.
        docs = json.loads(
            (built_site / prefix / "search" / "search_docs.json").read_text(encoding="utf-8")
        )["docs"]
        assert docs
        for doc in docs:
            path = doc["location"].split("#")[0]
            assert not path.startswith("en/"), doc["location"]
            target = (
                built_site
                / prefix
                / path
                / ("index.html" if path.endswith("/") or not path else "")
            )
            assert target.exists(), doc["location"]
    assert (built_site / "assets/javascripts/lunr/min/lunr.ko.min.js").is_file()


@pytest.mark.site
def test_shared_assets_and_figures_are_in_both_builds(built_site: Path) -> None:
    for prefix in ("", "en/"):
        for name in ("assets/styles.css", "assets/a11y.js"):
            assert (built_site / prefix / name).is_file(), prefix + name
        fonts = list((built_site / prefix / "assets/katex/fonts").iterdir())
        assert fonts and all(f.suffix == ".woff2" for f in fonts)
        styles = (built_site / prefix / "assets/styles.css").read_text(encoding="utf-8")
        referenced = set(re.findall(r"url\(([^)]+)\)", styles))
        assert {f for f in referenced if "KaTeX_" in f} == {
            f"katex/fonts/{font.name}" for font in fonts
        }
        assert all((built_site / prefix / "assets" / f).is_file() for f in referenced)
        figures = {p.name for p in (built_site / prefix / "plots").glob("*.svg")}
        from activations.registry import REGISTRY

        assert {f"{i}.svg" for i in REGISTRY} <= figures
    assert (built_site / "_headers").is_file()
    assert not (built_site / "en" / "_headers").exists()


@pytest.mark.site
def test_the_stylesheet_readers_download_carries_no_source_comments(
    built_site: Path, hooks: object
) -> None:
    """The sources' comments explain the rules to their editors; shipped, they were
    3,351 of styles.css's 8,667 gzip bytes on every first visit (hooks/shared.py)."""
    styles = (built_site / "assets/styles.css").read_text(encoding="utf-8")
    comments = re.findall(r"/\*.*?\*/", styles, re.DOTALL)
    assert comments and all(
        re.fullmatch(r"/\* docs/shared/[\w/.-]+\.css \*/", c) for c in comments
    ), [c[:60] for c in comments if not c.startswith("/* docs/shared/")]
    # A quoted marker is text, not a comment.
    shared = hooks.load("shared")
    assert shared.without_comments('a{content:"/* x */"}/* y */') == 'a{content:"/* x */"}'


MATERIAL_CSS = re.compile(r"(main|palette)\.[0-9a-f]+\.min\.css")


@pytest.mark.site
def test_every_page_holds_up_its_first_paint_for_three_stylesheets_only(built_site: Path) -> None:
    """Material's two and the site's one (hooks/shared.py): on a phone's connection
    each render-blocking stylesheet costs a round trip before the first paint."""
    problems = []
    for page in _html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        names = [sheet.rsplit("/", 1)[-1] for sheet in sheets]
        mine = [name for name in names if not MATERIAL_CSS.fullmatch(name)]
        if len(sheets) != 3 or mine != ["styles.css"]:
            problems.append(f"{page.relative_to(built_site)}: {names}")
    assert not problems, "\n".join(problems[:10])


@pytest.mark.site
def test_notebook_pages_are_self_contained_and_reproducible(built_site: Path) -> None:
    pages = sorted(built_site.glob("notebooks/*/index.html"))
    pages += sorted(built_site.glob("en/notebooks/*/index.html"))
    assert len(pages) == 2 * len(list((DOCS / "notebooks").glob("*.py")))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(built_site).as_posix()
        assert "cell-id=" not in html, f"{name}: random jupytext cell ids"
        assert '<script src="">' not in html, f"{name}: empty script (MathJax loader)"
        assert "mathjax" not in html.lower(), name
        assert "No description has been provided" not in html, f"{name}: plot without alt"
        assert (page.parent / (page.parent.name + ".py")).is_file(), f"{name}: no source"


def _download(built_site: Path, prefix: str, name: str) -> tuple:
    folder = built_site / prefix / "notebooks" / name
    notebook = nbformat.read(folder / f"{name}.ipynb", as_version=nbformat.NO_CONVERT)
    return folder, notebook, (folder / f"{name}.py").read_text(encoding="utf-8")


@pytest.mark.site
@pytest.mark.parametrize("name", sorted(p.stem for p in (DOCS / "notebooks").glob("*.py")))
def test_notebook_downloads_are_the_executed_notebooks_of_one_source(
    built_site: Path, name: str
) -> None:
    """Each page offers its notebook as .ipynb (executed, valid nbformat 4) and as jupytext .py;
    the Korean and English downloads run the same code and differ only in LANG and prose."""
    from activations_site import notebooks as nb

    derived = {}
    for language, prefix in zip(LANGUAGES, ("", "en"), strict=True):
        folder, notebook, percent = _download(built_site, prefix, name)
        nbformat.validate(notebook)
        assert notebook.nbformat == 4
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert all(cell.execution_count for cell in code), f"{language}/{name}: not executed"
        assert any(cell.outputs for cell in code), f"{language}/{name}: no outputs"
        assert f'LANG = "{language}"' in code[0].source
        # The jupytext download is the same notebook without outputs.
        again = jupytext.reads(percent, fmt="py:percent")
        assert [c.source for c in again.cells] == [c.source for c in notebook.cells]
        html = (folder / "index.html").read_text(encoding="utf-8")
        assert f'href="{name}.ipynb"' in html and f'href="{name}.py"' in html
        figures = re.findall(r'<a class="notebook-figure" href="([^"]+)"><img ([^>]*)>', html)
        svgs = sum("image/svg+xml" in o.get("data", {}) for c in code for o in c.outputs)
        assert len(figures) == svgs > 0, f"{language}/{name}: figures not extracted"
        for href, attributes in figures:
            assert (folder / href).read_text(encoding="utf-8").lstrip().startswith("<?xml")
            assert f'src="{href}"' in attributes and 'loading="lazy"' in attributes
            assert re.search(r'width="\d+"', attributes) and re.search(r'height="\d+"', attributes)
        derived[language] = notebook
    assert nb.differences(derived["ko"], derived["en"]) == []


@pytest.mark.site
def test_korean_notebook_pages_speak_korean_around_the_code(built_site: Path) -> None:
    """The copy button and the folded setup cell are labelled in the page's language."""
    for prefix, copy, copied, setup in (
        ("", "클립보드에 복사", "복사했습니다!", "준비 코드"),
        ("en", "Copy to Clipboard", "Copied!", "Setup"),
    ):
        for page in sorted((built_site / prefix).glob("notebooks/*/index.html")):
            html = page.read_text(encoding="utf-8")
            labels = set(re.findall(r'<clipboard-copy [^>]*aria-label="([^"]+)"', html))
            assert labels == {copy}, f"{page}: copy button says {labels}"
            notices = set(re.findall(r'<span class="notice" hidden[^>]*>([^<]+)</span>', html))
            assert notices == {copied}, f"{page}: copy button notice says {notices}"
            summary = re.search(
                r'<details class="notebook-setup"><summary>([^<]+)</summary>\s*<div class="jp-Cell',
                html,
            )
            assert summary and summary.group(1).startswith(setup), f"{page}: setup not folded"


@pytest.mark.site
def test_glossary_terms_get_tooltips_also_before_a_korean_particle(
    built_site: Path, hooks: object
) -> None:
    """Every page of the build's language carries the glossary as focusable <abbr> tooltips.

    The home page of each language uses the term for activation function. In
    Korean it carries particles (활성화 함수는, 활성화 함수의), which
    Python-Markdown's word-boundary matcher alone would miss; only a term's
    first occurrence on a page is marked.
    """
    import markdown

    glossary = hooks.load("glossary")
    entries = {entry["en"]: entry for entry in glossary.load_glossary()}
    term = entries["activation function"]
    ko = (built_site / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "index.html").read_text(encoding="utf-8")
    definition = " ".join(term["ko_definition"].split())
    tagged_ko = re.findall(r"<abbr tabindex=\"0\" title=\"([^\"]+)\">(활성화 함수)</abbr>", ko)
    assert [d for d, _ in tagged_ko] == [definition], "활성화 함수 must be marked exactly once"
    assert re.search(r"<abbr tabindex=\"0\" title=\"[^\"]+\">[Aa]ctivation function</abbr>", en)
    # A term inside a longer Korean word is not a match.
    assert "비<abbr" not in ko

    def marked(text: str) -> str:
        md = markdown.Markdown(extensions=["abbr", glossary.GlossaryAbbreviations(particles=True)])
        return md.convert(f"*[활성화 함수]: {definition}\n\n{text}")

    assert "<abbr" in marked("활성화 함수는 층마다 적용합니다.")  # before a particle
    assert "<abbr" not in marked("비활성화 함수는 없습니다.")  # inside a longer word
    assert marked("활성화 함수는, 활성화 함수의").count("<abbr") == 1  # the first only
    assert "<abbr" not in marked("## 활성화 함수의 역할")  # never in a heading
