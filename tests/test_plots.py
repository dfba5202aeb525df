"""The figures of activations_site.plots: complete, byte-deterministic, written only on change."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from activations.registry import FAMILIES, REGISTRY

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "plots.py"


@pytest.fixture(scope="module")
def plots():
    from activations_site import plots

    return plots


@pytest.fixture(scope="module")
def first_run(plots, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plots-a")
    changed = plots.write(out, force=True)
    assert sorted(changed) == sorted(p.name for p in out.glob("*.svg"))
    return out


def test_every_registry_entry_and_family_has_a_figure(first_run: Path) -> None:
    expected = {f"{entry_id}.svg" for entry_id in REGISTRY}
    expected |= {f"family-{family.id}.svg" for family in FAMILIES}
    expected |= {"glu-inputs.svg", "swiglu-inputs.svg"}
    assert {p.name for p in first_run.glob("*.svg")} == expected
    for path in first_run.glob("*.svg"):
        head = path.read_bytes()[:400]
        assert b"<svg" in head, path.name


def test_a_second_process_writes_byte_identical_files(first_run: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path)],
        check=True,
        env=env,
        capture_output=True,
        timeout=600,
    )
    names = sorted(p.name for p in first_run.glob("*.svg"))
    assert names == sorted(p.name for p in tmp_path.glob("*.svg"))
    differing = [n for n in names if (first_run / n).read_bytes() != (tmp_path / n).read_bytes()]
    assert not differing


def test_an_unchanged_fingerprint_renders_nothing(
    plots, first_run: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def render(*args: object, **kwargs: object) -> None:
        raise AssertionError("rendered although nothing changed")

    monkeypatch.setattr(plots, "figures", render)
    assert plots.write(first_run) == []


def test_a_stale_fingerprint_renders_again_and_rewrites_only_what_changed(
    plots, first_run: Path
) -> None:
    """One render (the last run's fingerprint is outdated) that finds one figure
    edited and one left from a removed entry: those two are rewritten or removed,
    no other file is touched, and the new fingerprint is recorded."""
    target = first_run / f"{next(iter(REGISTRY))}.svg"
    original = target.read_bytes()
    target.write_bytes(original + b"\n")
    stale = first_run / "removed-activation.svg"
    stale.write_bytes(b"<svg/>")
    (first_run / plots.STAMP).write_text("outdated")
    untouched = {
        p.name: p.stat().st_mtime_ns for p in first_run.glob("*.svg") if p not in (target, stale)
    }
    try:
        assert sorted(plots.write(first_run)) == sorted([target.name, stale.name])
        assert target.read_bytes() == original
        assert not stale.exists()
        after = {p.name: p.stat().st_mtime_ns for p in first_run.glob("*.svg") if p != target}
        assert after == untouched
        assert (first_run / plots.STAMP).read_text() == plots.fingerprint()
    finally:
        if target.read_bytes() != original:
            target.write_bytes(original)


def test_a_slope_too_small_to_see_gets_a_zoomed_inset(plots) -> None:
    x = np.linspace(plots.X_MIN, plots.X_MAX, plots.SAMPLES)
    assert plots.needs_inset(x, np.asarray(REGISTRY["leaky_relu"].function(x)))
    assert not plots.needs_inset(x, np.asarray(REGISTRY["relu"].function(x)))
    assert not plots.needs_inset(x, np.asarray(REGISTRY["elu"].function(x)))


def test_jumps_are_broken_instead_of_drawn_as_vertical_lines(plots) -> None:
    x = np.linspace(-1.0, 1.0, 201)
    bx, by = plots.broken(x, np.where(x < 0, 0.0, 1.0))
    assert np.isnan(by).sum() == 1
    assert bx[np.isnan(by)][0] == pytest.approx(0.0, abs=0.01)
