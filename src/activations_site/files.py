"""Writing build outputs without waking file watchers.

``mkdocs serve`` (and ``scripts/serve.py``) rebuild when a watched file's
mtime changes, so a build step that rewrote identical bytes on every build
would make the server loop. Every generated file goes through
:func:`write_if_changed`: an unchanged file is left alone, a changed one is
replaced atomically (the two language builds run concurrently, and neither
may read a half-written file).

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "sub" / "a.txt"
>>> write_if_changed(path, "x").read_text()
'x'
>>> before = path.stat().st_mtime_ns
>>> write_if_changed(path, b"x").stat().st_mtime_ns == before
True
"""

from __future__ import annotations

import os
from pathlib import Path


def write_if_changed(path: Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` unless it already holds exactly that."""
    raw = data.encode() if isinstance(data, str) else data
    if not path.is_file() or path.read_bytes() != raw:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(raw)
        os.replace(partial, path)
    return path
