"""The explorer's data: slider ranges in the registry, the exported facts, the golden inputs."""

from __future__ import annotations

import math

import numpy as np
import pytest

from activations.registry import REGISTRY
from activations_site import explorer

PARAMETERS = [(e, p) for e in REGISTRY.values() for p in e.parameters]


@pytest.mark.parametrize(
    ("entry", "param"), PARAMETERS, ids=[f"{e.id}-{p.name}" for e, p in PARAMETERS]
)
def test_every_slider_range_holds_the_default_and_the_function_accepts_it(entry, param) -> None:
    if entry.kind != "elementwise":
        assert param.explore is None  # axis: structural, no slider
        return
    low, high = param.explore
    assert low < high and low <= param.default <= high
    x = np.linspace(-5.0, 5.0, 11)
    for end in (low, high):
        values = entry.function(x, **{param.name: end})
        slopes = entry.derivative(x, **{param.name: end})
        assert np.all(np.isfinite(values)) and np.all(np.isfinite(slopes)), (entry.id, end)


def test_page_data_lists_every_elementwise_function_with_its_facts() -> None:
    for language in ("ko", "en"):
        data = explorer.page_data(language)
        ids = [f["id"] for f in data["functions"]]
        assert ids == [e.id for e in REGISTRY.values() if e.kind == "elementwise"]
        assert set(data["ui"]) == set(explorer.UI["en"])
        assert {f["family"] for f in data["functions"]} == {f["id"] for f in data["families"]}
    ko = explorer.page_data("ko")["functions"]
    leaky = next(f for f in ko if f["id"] == "leaky_relu")
    assert leaky["params"][0] == {
        "name": "negative_slope",
        "default": 0.01,
        "range": [0.0, 1.0],
        "ko": REGISTRY["leaky_relu"].parameters[0].ko,
        "en": REGISTRY["leaky_relu"].parameters[0].en,
    }
    assert next(f for f in ko if f["id"] == "hard_tanh")["breaks"] == ["min_val", "max_val"]


def test_golden_inputs_cover_tails_kinks_and_their_neighbours() -> None:
    x = explorer.golden_inputs((-3.0, 3.0))
    assert x.size >= 1000
    assert x.min() <= -745 and x.max() >= 745
    for kink in (-3.0, 0.0, 3.0):
        assert kink in x
        assert math.nextafter(kink, math.inf) in x and math.nextafter(kink, -math.inf) in x


def test_relative_error_floors_subnormals_and_demands_equal_infinities() -> None:
    errors = explorer.relative_errors(
        np.array([1.0, 5e-324, np.inf, 0.0, np.nan]),
        np.array([1.0 + 1e-15, 1e-323, np.inf, 0.0, np.nan]),
    )
    assert errors[0] == pytest.approx(1e-15, rel=0.2)
    assert errors[1] < 1e-15
    assert list(errors[2:]) == [0.0, 0.0, 0.0]
    assert explorer.relative_errors(np.array([np.inf]), np.array([1e308]))[0] == np.inf


def test_the_explorers_javascript_and_css_stay_within_20_kb_gzip() -> None:
    import gzip
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "docs" / "shared" / "explorer"
    files = [p for p in folder.iterdir() if p.suffix in (".js", ".css")]
    total = sum(len(gzip.compress(p.read_bytes(), compresslevel=6)) for p in files)
    assert len(files) >= 3 and total <= 20 * 1024, total
