"""The two-build layout: shared assets in both builds, English under the Korean site URL.

- docs/shared/ (vendored KaTeX, site CSS and JS) is added to both builds under
  assets/; keeping it outside docs/ko and docs/en avoids two copies in git.
  KaTeX's JavaScript is not: hooks/katex.py runs it at build time, and no
  page loads it (an unused 270 kB file would only invite a stray <script>).
- Only KaTeX's woff2 fonts are vendored; the served KaTeX stylesheet is the
  vendored file with its woff/ttf fallbacks removed (every browser that runs
  the site reads woff2), so the stylesheet names no file that does not exist.
- The site's stylesheets (KaTeX's, then docs/shared/*.css in :data:`STYLESHEETS`
  order, the cascade order) are served as one file, assets/styles.css: each
  stylesheet holds up the first paint, and on a phone's connection every
  extra request costs a round trip before it (Lighthouse mobile: seven
  render-blocking stylesheets on every page, five of them ours, 2-5 kB each).
  KaTeX's font URLs are rewritten to stay where the fonts are.
- docs/shared/_headers (the Content-Security-Policy for hosts that read such a
  file) goes to the root of the Korean build, which is the root of the site.
- site_url comes from $SITE_URL (see mkdocs.yml); the English build lives at
  its en/ subpath, so its site_url is derived here instead of being repeated.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

SHARED = Path(__file__).resolve().parent.parent / "docs" / "shared"
ROOT_ONLY = {"_headers"}
BUILD_ONLY = re.compile(r"katex/(?:katex(?:\.min)?\.js|contrib/.*)$")
KATEX_CSS = "katex/katex.min.css"
# The site's stylesheets in cascade order (as mkdocs.yml listed them one by one),
# served together as STYLES; mkdocs.yml's extra_css names that file.
STYLESHEETS = (KATEX_CSS, "site.css", "notebook.css", "a11y.css", "comparison.css")
STYLES = "assets/styles.css"
FALLBACK_FONT = re.compile(r',url\(fonts/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)')


def woff2_only(css: str) -> str:
    """KaTeX's stylesheet with the woff and ttf sources of each @font-face removed."""
    result = FALLBACK_FONT.sub("", css)
    for font in re.findall(r"url\((fonts/[^)]+)\)", result):
        if not font.endswith(".woff2") or not (SHARED / "katex" / font).is_file():
            raise FileNotFoundError(f"{KATEX_CSS} refers to {font}, which is not vendored")
    if "woff2" not in result:
        raise ValueError(f"{KATEX_CSS}: no woff2 font left; has the KaTeX format changed?")
    return result


# A comment of the sources, or a quoted string (kept as it is: it may hold "/*").
# Their comments say why a rule is there, for whoever edits it; a reader's
# browser has no use for them, and they were 3,351 of the 8,667 bytes that every
# first visit downloaded for styles.css (gzip).
COMMENT_OR_STRING = re.compile(r"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|/\*.*?\*/""", re.DOTALL)


def without_comments(css: str) -> str:
    """``css`` without its comments.

    >>> without_comments('a{content:"/* kept */"} /* gone */ b{c:d}')
    'a{content:"/* kept */"}  b{c:d}'
    """
    return COMMENT_OR_STRING.sub(lambda found: found[1] or "", css)


def styles() -> str:
    """The site's stylesheets as one, each part headed by its source and without its
    comments; KaTeX's fonts stay under assets/katex/fonts/."""
    parts = []
    for name in STYLESHEETS:
        css = without_comments((SHARED / name).read_text(encoding="utf-8"))
        if name == KATEX_CSS:
            css = woff2_only(css).replace("url(fonts/", "url(katex/fonts/")
        if "@import" in css or "@charset" in css:
            raise ValueError(f"docs/shared/{name}: @import/@charset only work at a sheet's start")
        parts.append(f"/* docs/shared/{name} */\n{css.strip()}\n")
    return "\n".join(parts)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.site_url or not config.site_url.endswith("/"):
        raise ValueError(f"site_url must end with '/', got {config.site_url!r}")
    if config.theme["language"] == "en" and not config.site_url.endswith("/en/"):
        config.site_url += "en/"
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not (SHARED / "katex" / "katex.min.js").is_file():
        raise FileNotFoundError(f"vendored KaTeX missing under {SHARED}")
    if config.extra_css != [STYLES]:
        raise ValueError(f"extra_css must be [{STYLES!r}] (hooks/shared.py): {config.extra_css}")
    files.append(File.generated(config, STYLES, content=styles()))
    for path in sorted(p for p in SHARED.rglob("*") if p.is_file()):
        relative = path.relative_to(SHARED).as_posix()
        if BUILD_ONLY.match(relative) or relative in STYLESHEETS:
            continue
        if relative in ROOT_ONLY:
            if config.theme["language"] != "ko":
                continue
            uri = relative
        else:
            uri = "assets/" + relative
        if files.get_file_from_path(uri) is not None:
            raise ValueError(f"{uri} exists in {config.docs_dir} and in docs/shared")
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
