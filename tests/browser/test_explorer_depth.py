"""The explorer's depth x initialisation simulator as a reader uses it, and its numbers.

- At the notebook's settings (docs/notebooks/vanishing-gradients.py: 20 hidden
  layers of width 32, batch 128, 10 seeds) the browser's simulator
  (assets/explorer/depth.js, its own seeded generator) agrees with the
  package's training core (build/explorer/depth.json, written by the build):
  per hidden layer, the mean over seeds of log10 std(a_l) and of
  log10 ||delta_l|| differ by at most K standard errors of the difference, and
  so does the never-active fraction of ReLU's units. A gain of 1.1 on the
  weights must fail the same check: the check can fail.
- The panel: computing when it comes into view, the controls by keyboard, the
  chart and the table, the summary in the live region, the settings in the
  address and restored from it, bad settings reported, no serious axe finding.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from activations_site import explorer

REFERENCE = Path(__file__).resolve().parents[2] / "build" / "explorer" / "depth.json"
# Standard errors of the difference allowed per layer: 20 layers x 2 quantities
# x 5 activations are compared, so a few at 2-3 are expected by chance.
K = 4.0
PANEL_DONE = "#depth-panel[data-run=done]"
SIMULATE = """async ([url, settings]) => {
    const { simulate } = await import(url);
    const started = performance.now();
    const result = simulate(settings);
    return { result, ms: performance.now() - started };
}"""


@pytest.fixture(scope="module")
def reference(site: object) -> dict:
    # The site fixture waits for the build that writes the reference values.
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


def _ready(tab: object, path: str) -> None:
    tab.goto(path)
    tab.page.wait_for_selector("#explorer[data-ready=true]")


def _depth(tab: object) -> dict:
    return tab.page.evaluate("document.getElementById('explorer').explorer.depth")


def _deviations(case: dict, got: dict, seeds: int) -> dict[str, list[float]]:
    """|browser - package| per layer in standard errors of the difference of the two means."""
    out = {}
    for key in ("logstd", "logdelta", "dead"):
        ours, theirs = got[key], case[key]
        out[key] = []
        for layer, mine in enumerate(ours):
            se = math.sqrt((theirs["sd"][layer] ** 2 + mine["sd"] ** 2) / seeds)
            diff = abs(mine["mean"] - theirs["mean"][layer])
            out[key].append(0.0 if diff == 0 else (diff / se if se > 0 else math.inf))
    return out


def _run(tab: object, reference: dict, gain: float) -> dict[str, dict[str, float]]:
    settings = reference["settings"]
    worst = {}
    for case in reference["cases"]:
        simulated = tab.page.evaluate(
            SIMULATE,
            [
                tab.url("assets/explorer/depth.js"),
                {**settings, "fn": case["fn"], "init": case["init"], "gain": gain, "p": {}},
            ],
        )
        assert len(simulated["result"]["logstd"]) == settings["depth"]
        deviations = _deviations(case, simulated["result"], settings["seeds"])
        worst[case["fn"]] = {k: round(max(v), 2) for k, v in deviations.items()}
        worst[case["fn"]]["ms"] = round(simulated["ms"])
    return worst


def test_at_the_notebooks_settings_the_browser_agrees_with_the_training_core(
    tabs: object, reference: dict
) -> None:
    assert reference["settings"] == explorer.NOTEBOOK_DEPTH
    tab = tabs.open()
    _ready(tab, "explorer/")
    worst = _run(tab, reference, 1.0)
    print("largest deviation per activation (standard errors), time per run:", worst)
    failing = {k: v for k, v in worst.items() if max(v["logstd"], v["logdelta"], v["dead"]) > K}
    assert not failing, failing


def test_a_wrong_gain_fails_the_same_check(tabs: object, reference: dict) -> None:
    tab = tabs.open()
    _ready(tab, "explorer/")
    worst = _run(tab, reference, 1.1)
    print("with gain 1.1:", worst)
    assert all(max(v["logstd"], v["logdelta"]) > K for v in worst.values()), worst


def test_the_panel_starts_in_view_and_shows_chart_table_and_summary(tabs: object) -> None:
    tab = tabs.open()
    _ready(tab, "en/explorer/")
    assert tab.page.locator("#depth-panel").get_attribute("data-run") == "idle"
    tab.page.locator("#depth-panel").scroll_into_view_if_needed()
    tab.page.wait_for_selector(PANEL_DONE)
    assert _depth(tab) == {**explorer.NOTEBOOK_DEPTH, "fn": "relu", "init": "he", "gain": 1}
    assert tab.page.locator("#depth-panel svg path").count() == 2
    assert tab.page.locator("#depth-panel svg").get_attribute("role") == "img"
    summary = tab.page.locator(".ex-summary").inner_text()
    assert "ReLU" in summary and "He/Kaiming" in summary and "never active" in summary
    tab.page.wait_for_function(
        "() => document.querySelector('#explorer [aria-live]').textContent.includes('He/Kaiming')"
    )
    tab.page.locator("#depth-panel .ex-table-d summary").click()
    rows = tab.page.locator("#depth-panel tbody tr")
    rows.first.wait_for()
    assert rows.count() == 20
    heads = tab.page.locator("#depth-panel th[scope=col]").all_inner_texts()
    assert heads == ["Layer", "Activation std", "Error norm ‖δ‖", "Units never active"]
    assert not tab.problems and not tab.csp_violations()


def test_the_controls_work_by_keyboard_and_go_into_the_address(tabs: object) -> None:
    tab = tabs.open()
    _ready(tab, "explorer/?dp=relu:he:1:20:32:10")  # the address sets it: it starts at once
    tab.page.wait_for_selector(PANEL_DONE)
    tab.page.evaluate("document.getElementById('depth-panel').dataset.run = 'seen'")
    tab.page.locator("#dp-depth").focus()
    tab.page.keyboard.press("ArrowDown")
    tab.page.wait_for_selector(PANEL_DONE)
    assert _depth(tab)["depth"] == 19
    tab.page.wait_for_function("() => location.search.includes('dp=relu:he:1:19:32:10')")
    tab.page.evaluate("document.getElementById('depth-panel').dataset.run = 'seen'")
    tab.page.locator("#dp-fn").focus()
    tab.page.locator("#dp-fn").select_option("tanh")
    tab.page.locator("#dp-init").select_option("xavier")
    tab.page.wait_for_function(
        "() => location.search.includes('dp=tanh:xavier:1:19:32:10')"
        " && document.getElementById('depth-panel').dataset.run === 'done'"
    )
    # tanh is no rectifier: no never-active column, no such phrase in the summary.
    assert "켜지지" not in tab.page.locator(".ex-summary").inner_text()
    tab.page.locator("#depth-panel .ex-table-d summary").click()
    tab.page.locator("#depth-panel tbody tr").first.wait_for()
    assert tab.page.locator("#depth-panel th[scope=col]").count() == 3
    assert tab.page.locator("#depth-panel tbody tr").count() == 19


def test_an_address_restores_the_settings(tabs: object) -> None:
    tab = tabs.open()
    _ready(tab, "en/explorer/?fn=elu:f&dp=selu:lecun:1.5:8:16:3")
    tab.page.wait_for_selector(PANEL_DONE)
    assert _depth(tab) == {
        "fn": "selu",
        "init": "lecun",
        "gain": 1.5,
        "depth": 8,
        "width": 16,
        "seeds": 3,
        "batch": 128,
        "classes": 10,
    }
    assert tab.page.locator("#dp-fn").input_value() == "selu"
    assert tab.page.locator("#dp-init").input_value() == "lecun"
    assert tab.page.locator("#dp-gain").input_value() == "1.5"
    assert tab.page.locator("#dp-width").input_value() == "16"
    assert tab.page.locator(".ex-notes p").count() == 0
    assert "g = 1.5" in tab.page.locator(".ex-summary").inner_text()
    result = tab.page.evaluate("document.getElementById('depth-panel').result")
    assert len(result["logdelta"]) == 8
    # A gain of 1.5 on LeCun makes SELU's signal grow with depth.
    assert result["logstd"][7]["mean"] > result["logstd"][0]["mean"]


def test_bad_settings_are_reported_never_silently_used(tabs: object) -> None:
    tab = tabs.open()
    _ready(tab, "en/explorer/?dp=constructor:he:9:200:32:0")
    notes = tab.page.locator(".ex-notes p").all_inner_texts()
    expected = ("fn = “constructor”", "gain = “9”", "depth = “200”", "seeds = “0”")
    for setting, default in zip(expected, ("relu", 1, 20, 10), strict=True):
        assert any(setting in n and f"default {default} " in n for n in notes), (setting, notes)
    assert len(notes) == 4
    tab.page.wait_for_selector(PANEL_DONE)
    assert _depth(tab) == {**explorer.NOTEBOOK_DEPTH, "fn": "relu", "init": "he", "gain": 1}
    field = tab.page.locator("#dp-depth")
    field.fill("101")
    field.press("Enter")
    error = tab.page.locator("#dp-depth-error")
    assert error.is_visible() and "[1, 100]" in error.inner_text()
    assert field.get_attribute("aria-invalid") == "true"
    assert _depth(tab)["depth"] == 20
    assert tab.page.locator("#depth-panel").get_attribute("data-run") == "done"
    field.fill("12")
    field.press("Enter")
    tab.page.wait_for_function("() => !document.getElementById('dp-depth-error').checkVisibility()")
    tab.page.wait_for_function("() => location.search.includes('dp=relu:he:1:12:32:10')")
    assert field.get_attribute("aria-invalid") is None


@pytest.mark.parametrize(
    "settings", ["binary_step:he:1:1:2:1", "hard_tanh:lecun:0.1:100:2:1", "relu6:xavier:4:3:128:2"]
)
def test_extreme_settings_still_draw_and_tabulate(tabs: object, settings: str) -> None:
    # binary step passes no gradient at all (||delta|| = 0 on a log scale); one
    # layer, 100 layers, the smallest and largest width and gain.
    tab = tabs.open()
    _ready(tab, f"en/explorer/?dp={settings}")
    tab.page.wait_for_selector(PANEL_DONE)
    assert tab.page.locator(".ex-notes p").count() == 0
    depth = int(settings.split(":")[3])
    tab.page.locator("#depth-panel .ex-table-d summary").click()
    tab.page.locator("#depth-panel tbody tr").first.wait_for()
    assert tab.page.locator("#depth-panel tbody tr").count() == depth
    assert "NaN" not in tab.page.locator("#depth-panel").inner_text()
    assert not tab.problems, tab.problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_panel_in_use_has_no_serious_accessibility_problem(tabs: object, scheme: str) -> None:
    tab = tabs.open(scheme=scheme)
    _ready(tab, "explorer/?dp=relu:he:1:10:16:2")
    tab.page.wait_for_selector(PANEL_DONE)
    tab.page.locator("#depth-panel .ex-table-d summary").click()
    tab.page.locator("#depth-panel tbody tr").first.wait_for()
    problems = tab.axe_problems()
    assert not problems, problems
    assert not tab.problems and not tab.csp_violations()
