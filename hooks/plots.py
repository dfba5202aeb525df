"""Generate the figures with activations_site.plots and add them to the build as plots/*.svg.

The figures are written to build/plots/<language>/ (not committed), in the
language of the build: the Korean site's legends are Korean. The generator writes a
file only when its bytes change and skips all work when nothing it depends on
changed, so running it on every build is cheap. With $ACTIVATIONS_REUSE_OUTPUTS
set (scripts/serve.py's first pass after a package edit) the figures of the
previous build are kept as they are, and redrawn in the pass that follows.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from activations_site import plots

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "plots"


def out_dir(config: MkDocsConfig) -> Path:
    return OUT / config.theme["language"]


def on_pre_build(config: MkDocsConfig) -> None:
    if os.environ.get("ACTIVATIONS_REUSE_OUTPUTS") and any(out_dir(config).glob("*.svg")):
        return
    plots.write(out_dir(config), language=config.theme["language"])


def on_files(files: Files, config: MkDocsConfig) -> Files:
    svgs = sorted(out_dir(config).glob("*.svg"))
    if not svgs:
        raise FileNotFoundError(f"no figures in {out_dir(config)}")
    for path in svgs:
        files.append(File.generated(config, f"plots/{path.name}", abs_src_path=str(path)))
    return files
