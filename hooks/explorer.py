"""The explorer page's data: written from the registry by activations_site.explorer.

Each build gets ``assets/explorer/data.json`` (facts and the interface text
in its language) next to the script that docs/shared/explorer/ brings; the
golden values the browser tests compare the script with go to
build/explorer/golden.json, and the depth simulator's reference values from
the training core to build/explorer/depth.json, both outside the site.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from activations_site import explorer

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "explorer"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    language = config.theme["language"]
    data = explorer.write(OUT / language, language)
    if language == "ko":
        explorer.write_golden(OUT / "golden.json")
        explorer.write_depth(OUT / "depth.json")
    files.append(File.generated(config, "assets/explorer/data.json", abs_src_path=str(data)))
    return files
