"""Generate the figures with scripts/plots.py and add them to the build as plots/*.svg.

The figures are written to build/plots/ (not committed). The generator writes a
file only when its bytes change and skips all work when nothing it depends on
changed, so running it on every build is cheap.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "plots.py"
OUT = ROOT / "build" / "plots"


def _generator():
    spec = importlib.util.spec_from_file_location("activations_site_plots", SCRIPT)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {SCRIPT}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def on_pre_build(config: MkDocsConfig) -> None:
    _generator().write(OUT)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    svgs = sorted(OUT.glob("*.svg"))
    if not svgs:
        raise FileNotFoundError(f"no figures in {OUT}")
    for path in svgs:
        files.append(File.generated(config, f"plots/{path.name}", abs_src_path=str(path)))
    return files
