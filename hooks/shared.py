"""The two-build layout: shared assets in both builds, English under the Korean site URL.

- docs/shared/ (vendored KaTeX, site CSS and JS) is added to both builds under
  assets/; keeping it outside docs/ko and docs/en avoids two copies in git.
  KaTeX's JavaScript is not: hooks/katex.py runs it at build time, and no
  page loads it (an unused 270 kB file would only invite a stray <script>).
- Only KaTeX's woff2 fonts are vendored; the served katex.min.css is the
  vendored file with its woff/ttf fallbacks removed (every browser that runs
  the site reads woff2), so the stylesheet names no file that does not exist.
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


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.site_url or not config.site_url.endswith("/"):
        raise ValueError(f"site_url must end with '/', got {config.site_url!r}")
    if config.theme["language"] == "en" and not config.site_url.endswith("/en/"):
        config.site_url += "en/"
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not (SHARED / "katex" / "katex.min.js").is_file():
        raise FileNotFoundError(f"vendored KaTeX missing under {SHARED}")
    for path in sorted(p for p in SHARED.rglob("*") if p.is_file()):
        relative = path.relative_to(SHARED).as_posix()
        if BUILD_ONLY.match(relative):
            continue
        if relative in ROOT_ONLY:
            if config.theme["language"] != "ko":
                continue
            uri = relative
        else:
            uri = "assets/" + relative
        if files.get_file_from_path(uri) is not None:
            raise ValueError(f"{uri} exists in {config.docs_dir} and in docs/shared")
        if relative == KATEX_CSS:
            css = woff2_only(path.read_text(encoding="utf-8"))
            files.append(File.generated(config, uri, content=css))
        else:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
