"""The explorer's data: slider ranges in the registry, the exported facts, the golden inputs."""

from __future__ import annotations

import math
import re

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
        "sentinel": explorer.SENTINELS[0],
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


SLIDERS = [(e, p) for e, p in PARAMETERS if p.explore is not None]
LETTERS = {r"\alpha": "α", r"\beta": "β"}  # noqa: RUF001


@pytest.mark.parametrize(("entry", "param"), SLIDERS, ids=[f"{e.id}-{p.name}" for e, p in SLIDERS])
def test_each_slider_parameter_has_its_letter_in_the_formula_and_both_descriptions(
    entry, param
) -> None:
    # The explorer writes the current value over the letter; the descriptions
    # (tables, explorer labels) must name the same letter as the formula.
    letter = LETTERS.get(param.symbol, param.symbol)
    assert param.symbol is not None
    assert explorer.with_sentinels(entry, entry.latex) != entry.latex
    for text in (param.en, param.ko):
        assert re.search(rf"(?<![A-Za-z]){letter}(?![A-Za-z])", text), (text, letter)
    typeset = explorer.formulas(entry)["f"]
    sentinel = explorer.sentinels(entry)[param.name]
    # In the MathML and in the visible HTML: both get the current value.
    mathml, visible = typeset.split('<span class="katex-html"')
    assert f">{sentinel}<" in mathml and f">{sentinel}<" in visible


def test_a_formula_without_its_parameter_letter_is_refused() -> None:
    from dataclasses import replace

    elu = REGISTRY["elu"]
    broken = replace(elu, latex=r"\operatorname{ELU}(x) = x")
    with pytest.raises(ValueError, match=r"elu: alpha \(\\alpha\) is not in the formula"):
        explorer.formulas(broken)


def _slider_settings(entry) -> list[dict[str, float]]:
    """Every slider at its low end, middle, default and high end (one moved at a time)."""
    defaults = {p.name: p.default for p in entry.parameters}
    settings = [defaults]
    for p in entry.parameters:
        low, high = p.explore
        settings += [{**defaults, p.name: v} for v in (low, (low + high) / 2, high)]
    return settings


RANGED = sorted({e.id for e, _ in SLIDERS})
X = np.concatenate([np.linspace(-40.0, 40.0, 80001), np.geomspace(1e-8, 1e7, 2000)])
X = np.concatenate([X, -X])


@pytest.mark.parametrize("entry_id", RANGED)
def test_the_range_rule_matches_the_package_at_every_slider_end(entry_id: str) -> None:
    entry = REGISTRY[entry_id]
    assert set(explorer.RANGE_RULES) == set(RANGED)
    defaults = {p.name: p.default for p in entry.parameters}
    declared = entry.output_range
    assert explorer.range_at(entry_id, defaults) == (
        declared.lower,
        declared.upper,
        declared.lower_closed,
        declared.upper_closed,
    )
    for params in _slider_settings(entry):
        low, high, low_closed, high_closed = explorer.range_at(entry_id, params)
        with np.errstate(all="ignore"):
            y = np.asarray(entry.function(X, **params))
        near = np.abs(X) <= 3
        for end, closed, sign in ((low, low_closed, 1), (high, high_closed, -1)):
            # sign 1: the lower end (values above it); -1: the upper end.
            extreme = sign * np.min(sign * y)
            if math.isinf(end):
                # Unbounded: the tail goes past 1e4 in that direction.
                assert -sign * extreme > 1e4, (entry_id, params, end, extreme)
                continue
            tol = 1e-9 * (1 + abs(end))
            assert np.all(sign * (y - end) >= -tol), (entry_id, params, end, extreme)
            if closed:
                # Attained: refine around the grid's extreme to the function's own minimum.
                at = X[np.argmin(sign * y)]
                fine = np.linspace(at - 2e-3 * (1 + abs(at)), at + 2e-3 * (1 + abs(at)), 20001)
                extreme = sign * np.min(sign * np.asarray(entry.function(fine, **params)))
                assert abs(extreme - end) <= tol, (entry_id, params, end, extreme)
            else:
                # Approached (within 1e-6) in the tails, never reached on |x| <= 3.
                assert abs(extreme - end) <= 1e-6 * (1 + abs(end)), (entry_id, params, end)
                assert np.all(sign * (y[near] - end) > 0), (entry_id, params, end)
