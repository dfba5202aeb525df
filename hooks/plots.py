"""Generate the figures with activations_site.plots and add them to the build as plots/*.svg.

The figures are written to build/plots/ (not committed). The generator writes a
file only when its bytes change and skips all work when nothing it depends on
changed, so running it on every build is cheap.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from activations_site import plots

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "plots"


def on_pre_build(config: MkDocsConfig) -> None:
    plots.write(OUT)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    svgs = sorted(OUT.glob("*.svg"))
    if not svgs:
        raise FileNotFoundError(f"no figures in {OUT}")
    for path in svgs:
        files.append(File.generated(config, f"plots/{path.name}", abs_src_path=str(path)))
    return files
