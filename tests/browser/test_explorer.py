"""The explorer page as a reader uses it, and its numbers against the package.

- The script's functions, run in chromium, agree with the package's values that
  the build exported (build/explorer/golden.json) at >= 1,000 inputs per
  function and parameter set: relative error <= 1e-12 (1e-7 for the exact
  GELU, whose erfc the script computes itself).
- Choosing by a Korean or English name, every slider and number field (with
  the card's formula and range at the new value), the
  keyboard crosshair, zoom/pan/reset, the view restored from its address, bad
  addresses reported, the data table, the link from each function page, and
  the page without JavaScript.
"""

# The page shows the real prime and minus signs (f′, −).
# ruff: noqa: RUF001, RUF003
from __future__ import annotations

import json
import math
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import numpy as np
import pytest
from browser_kit import other_language

from activations.registry import REGISTRY
from activations_site import explorer

GOLDEN = Path(__file__).resolve().parents[2] / "build" / "explorer" / "golden.json"
TOLERANCE = {"gelu": 1e-7}
CLOSED_FORM = 1e-12
PARAMETRIC = [(e.id, p.name) for e in explorer.elementwise() for p in e.parameters]


FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _ready(tab: object, path: str) -> None:
    tab.goto(path)
    tab.page.wait_for_selector("#explorer[data-ready=true]")


def _state(tab: object) -> dict:
    return tab.page.evaluate("document.getElementById('explorer').explorer.state")


def _search_when_saved(tab: object, pattern: str) -> str:
    tab.page.wait_for_function(f"() => /{pattern}/.test(location.search)")
    return tab.page.evaluate("location.search")


@pytest.fixture(scope="module")
def golden(site: object) -> dict:
    # The site fixture waits for the build that writes the golden values.
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_the_scripts_functions_agree_with_the_package(tabs: object, golden: dict) -> None:
    tab = tabs.open()
    _ready(tab, "explorer/")
    module = tab.url("assets/explorer/functions.js")
    worst = {}
    for fid, cases in golden.items():
        assert len(cases) == 1 + 2 * len(REGISTRY[fid].parameters)
        errors = []
        for case in cases:
            assert len(case["x"]) >= 1000
            got = tab.page.evaluate(
                """async ([url, id, x, p]) => {
                    const { FUNCTIONS } = await import(url);
                    const fn = FUNCTIONS[id];
                    return [x.map(v => fn.f(v, p)), x.map(v => fn.d(v, p))];
                }""",
                [module, fid, case["x"], case["params"]],
            )
            for kind, values in zip(("f", "d"), got, strict=True):
                errors.append(explorer.relative_errors(np.array(case[kind]), np.array(values)))
        worst[fid] = float(np.max(np.concatenate(errors)))
    print("max relative error per function:", json.dumps(worst))
    failing = {k: v for k, v in worst.items() if v > TOLERANCE.get(k, CLOSED_FORM)}
    assert not failing, failing
    assert set(worst) == {e.id for e in explorer.elementwise()}


def test_a_function_is_found_by_its_korean_or_english_name_and_drawn(tabs: object) -> None:
    tab = tabs.open()
    _ready(tab, "explorer/?fn=relu:f")
    search = tab.page.locator(".ex-search")
    search.press_sequentially("지수 선형")
    assert tab.page.locator(".ex-choice:visible").count() >= 2  # ELU, SELU
    search.fill("")
    search.press_sequentially("mish")
    visible = tab.page.locator(".ex-choice:visible")
    assert visible.count() == 1
    visible.locator("input").check()
    tab.page.wait_for_function("() => document.querySelectorAll('.ex-plot path').length === 2")
    assert [c["id"] for c in _state(tab)["curves"]] == ["relu", "mish"]
    assert "mish:f" in _search_when_saved(tab, "mish")
    search.fill("")
    search.press_sequentially("zzzz")
    assert tab.page.locator(".ex-note:visible").count() == 1
    tab.page.get_by_role("button", name=re.compile("빼기: ReLU")).click()
    tab.page.wait_for_function("() => document.querySelectorAll('.ex-plot path').length === 1")


def _fmt(v: float) -> str:
    """The script's number format (explorer.js ``fmt``) for the values tested here."""
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    text = "0" if v == 0 else repr(float(f"{v:.6g}")).removesuffix(".0")
    return text.replace("-", "−")


def _formula_and_range(tab: object, fid: str, params: dict[str, float]) -> None:
    """The card's formula shows the current values, its range readout the current range."""
    math_text = " ".join(tab.page.locator(".ex-card .ex-formula .katex-html").all_inner_texts())
    mathml = " ".join(tab.page.locator(".ex-card .ex-formula math").all_text_contents())
    for sentinel in explorer.SENTINELS:
        assert sentinel not in math_text + mathml
    entry = REGISTRY[fid]
    for p in entry.parameters:
        assert _fmt(params[p.name]) in math_text.replace("\n", ""), (p.name, math_text)
        assert _fmt(params[p.name]) in mathml, (p.name, mathml)
    low, high, low_closed, high_closed = explorer.range_at(fid, params)
    expected = f"{'[' if low_closed else '('}{_fmt(low)}, {_fmt(high)}{']' if high_closed else ')'}"
    assert tab.page.locator(".ex-card .ex-props dd").first.inner_text() == expected


@pytest.mark.parametrize(("fid", "name"), PARAMETRIC)
def test_each_slider_and_number_field_moves_its_parameter(
    tabs: object, fid: str, name: str
) -> None:
    low, high = next(p for p in REGISTRY[fid].parameters if p.name == name).explore
    tab = tabs.open()
    _ready(tab, f"en/explorer/?fn={fid}:f")
    before = tab.page.locator(".ex-plot path").get_attribute("d")
    slider = tab.page.locator(f"#ex-{fid}-{name}")
    slider.focus()
    tab.page.keyboard.press("End")
    tab.page.wait_for_function(
        f"() => document.getElementById('explorer').explorer.state.curves[0].p.{name} === {high}"
    )
    assert f"{name}={high:g}" in _search_when_saved(tab, f"{name}={high:g}")
    assert tab.page.locator(".ex-plot path").get_attribute("d") != before
    defaults = {p.name: p.default for p in REGISTRY[fid].parameters}
    _formula_and_range(tab, fid, {**defaults, name: high})
    field = tab.page.locator(f".ex-card input[type=number][aria-label^='{name}:']")
    field.fill(str(low))
    field.press("Enter")
    tab.page.wait_for_function(
        f"() => document.getElementById('explorer').explorer.state.curves[0].p.{name} === {low}"
    )
    assert float(slider.input_value()) == pytest.approx(low)
    _formula_and_range(tab, fid, {**defaults, name: low})
    field.fill(str(high + 1))
    field.press("Enter")
    error = tab.page.locator(".ex-error:visible")
    assert error.count() == 1 and f"[{low:g}, {high:g}]" in error.inner_text().replace(".0", "")
    assert field.get_attribute("aria-invalid") == "true"
    assert _state(tab)["curves"][0]["p"][name] == low  # the plot is unchanged


def test_the_keyboard_moves_the_crosshair_zooms_and_is_announced(tabs: object) -> None:
    tab = tabs.open()
    _ready(tab, "explorer/?fn=relu:fd,sigmoid:f&x=-4,4&at=0")
    plot = tab.page.locator(".ex-plot")
    plot.focus()
    focused_outline = plot.evaluate("el => getComputedStyle(el).outlineStyle")
    assert focused_outline != "none"
    for _ in range(10):
        tab.page.keyboard.press("ArrowRight")
    tab.page.wait_for_function(
        "() => Math.abs(document.getElementById('explorer').explorer.state.at - 0.8) < 1e-9"
    )
    text = plot.get_attribute("aria-valuetext")
    assert "x = 0.8" in text and "f = 0.8" in text and "f′ = 1" in text
    tab.page.wait_for_function(
        "() => document.querySelector('[aria-live]').textContent.includes('x = 0.8')"
    )
    tab.page.keyboard.press("+")
    tab.page.wait_for_function(
        "() => document.querySelector('.ex-range').textContent.includes('[−1.6, 2.4]')"
    )
    tab.page.keyboard.press("Shift+ArrowRight")
    tab.page.wait_for_function(
        "() => document.querySelector('.ex-range').textContent.includes('[−1.2, 2.8]')"
    )
    tab.page.get_by_role("button", name="처음 범위로").click()
    tab.page.wait_for_function(
        "() => document.querySelector('.ex-range').textContent.includes('[−6, 6]')"
    )
    tab.page.get_by_role("button", name="축소").click()
    tab.page.wait_for_function(
        "() => document.querySelector('.ex-range').textContent.includes('[−12, 12]')"
    )


def test_the_pointer_reads_and_the_wheel_zooms(tabs: object) -> None:
    tab = tabs.open()
    _ready(tab, "en/explorer/?fn=tanh:f&x=-6,6")
    tab.page.locator(".ex-plot").scroll_into_view_if_needed()
    box = tab.page.locator(".ex-plot").bounding_box()
    tab.page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + box["height"] / 2)
    tab.page.wait_for_function("() => document.getElementById('explorer').explorer.state.at > 2")
    at = _state(tab)["at"]
    reading = tab.page.locator(".ex-readout li").inner_text()
    assert f"f(x) = {float(np.tanh(at)):.6g}"[:12] in reading.replace("−", "-")
    tab.page.mouse.wheel(0, -300)
    tab.page.wait_for_function(
        "() => (([a, b]) => b - a < 12)(document.getElementById('explorer').explorer.state.view)"
    )


Y_RANGE = "() => document.getElementById('explorer').explorer.y()"


def test_dragging_a_slider_holds_the_y_axis_until_it_is_released(tabs: object) -> None:
    # Refitted at every step, the axes moved with the curve and hid the change.
    tab = tabs.open()
    _ready(tab, "en/explorer/?fn=elu:f&x=-6,6")
    slider = tab.page.locator("#ex-elu-alpha")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    middle = box["y"] + box["height"] / 2
    start = tab.page.evaluate(Y_RANGE)
    assert -2 < start[0] < -1  # ELU(-6) = -0.9975 at alpha = 1
    tab.page.mouse.move(box["x"] + box["width"] / 3, middle)  # alpha = 1
    tab.page.mouse.down()
    tab.page.mouse.move(box["x"] + box["width"] + 20, middle, steps=5)
    tab.page.wait_for_function(
        "() => document.getElementById('explorer').explorer.state.curves[0].p.alpha === 3"
    )
    tab.page.evaluate(FRAMES)
    assert tab.page.evaluate(Y_RANGE)[0] <= -3
    tab.page.mouse.move(box["x"] - 20, middle, steps=5)
    tab.page.wait_for_function(
        "() => document.getElementById('explorer').explorer.state.curves[0].p.alpha === 0"
    )
    tab.page.evaluate(FRAMES)
    assert tab.page.evaluate(Y_RANGE)[0] <= -3  # held while the slider is held
    tab.page.mouse.up()
    tab.page.wait_for_function(f"() => ({Y_RANGE})()[0] >= -0.5")  # released: fitted to ReLU


def test_an_address_restores_the_view_exactly(tabs: object) -> None:
    address = "en/explorer/?fn=elu:fd:alpha=2.5,hard_tanh:d:min_val=-2:max_val=0.5&x=-3,2&at=-1.5"
    tab = tabs.open()
    _ready(tab, address)
    state = _state(tab)
    assert state == {
        "curves": [
            {"id": "elu", "show": "fd", "p": {"alpha": 2.5}},
            {"id": "hard_tanh", "show": "d", "p": {"min_val": -2, "max_val": 0.5}},
        ],
        "view": [-3, 2],
        "at": -1.5,
    }
    assert tab.page.locator("#ex-elu-show").input_value() == "fd"
    assert tab.page.locator("#ex-elu-alpha").input_value() == "2.5"
    assert tab.page.locator(".ex-choice input:checked").count() == 2
    assert tab.page.locator(".ex-notes p").count() == 0
    # The kinks follow the parameters: hard tanh's corners, ELU's jump in f' at 0.
    props = tab.page.locator(".ex-props").all_inner_texts()
    assert "x = −2: 0" in props[1] and "x = 0.5: 0" in props[1]
    assert "x = 0: 2.5" in props[0]
    saved = tab.page.evaluate("location.search")
    again = tabs.open()
    _ready(again, "en/explorer/" + saved)
    assert _state(again) == state


def test_a_bad_address_is_reported_never_silently_used(tabs: object) -> None:
    tab = tabs.open()
    _ready(tab, "explorer/?fn=nope:f,leaky_relu:q:negative_slope=7&x=5,1")
    notes = tab.page.locator(".ex-notes p").all_inner_texts()
    assert any("nope" in n for n in notes)
    assert any("negative_slope = 7" in n and "0.01" in n for n in notes)
    assert any("“q”" in n for n in notes)
    assert any("5,1" in n for n in notes)
    assert _state(tab)["curves"] == [
        {"id": "leaky_relu", "show": "f", "p": {"negative_slope": 0.01}}
    ]
    assert _state(tab)["view"] == [-6, 6]


def test_the_data_table_lists_the_plotted_values(tabs: object) -> None:
    tab = tabs.open()
    _ready(tab, "en/explorer/?fn=relu:fd&x=-2,2")
    tab.page.locator(".ex-table summary").click()
    tab.page.wait_for_selector(".ex-table tbody tr")
    rows = tab.page.locator(".ex-table tbody tr")
    assert rows.count() == 41
    assert rows.first.inner_text().split("\t") == ["−2", "0", "0"]
    assert rows.last.inner_text().split("\t") == ["2", "2", "1"]
    assert tab.page.locator(".ex-table th[scope=col]").all_inner_texts()[1:] == [
        "ReLU (rectified linear unit) f",
        "ReLU (rectified linear unit) f′",
    ]


@pytest.mark.parametrize("start", ["explorer/", "en/explorer/"])
def test_the_language_switch_keeps_the_readers_functions_and_view(
    tabs: object, start: str
) -> None:
    """Switching language from an explorer in use opens the other language's explorer
    with the same functions, parameters and view, not that language's home page."""
    tab = tabs.open()
    other = "en" if start == "explorer/" else "ko"
    # Material looks the address up in the other language's sitemap once it has it.
    with tab.page.expect_response(
        lambda r: r.url.endswith("/sitemap.xml") and ("/en/" in r.url) == (other == "en")
    ):
        _ready(tab, start + "?fn=elu:f:alpha=0.5,tanh:fd&x=-3,2")
    before = _state(tab)
    tab.pick_language(other)
    target = tab.url(other_language(start))
    tab.page.wait_for_url(lambda url: url.startswith(target + "?"))
    tab.page.wait_for_selector("#explorer[data-ready=true]")
    after = _state(tab)
    assert (after["curves"], after["view"]) == (before["curves"], before["view"])
    assert not tab.problems, tab.problems


@pytest.mark.parametrize("language", ["", "en/"])
def test_every_functions_formulas_fit_a_360_px_phone(tabs: object, language: str) -> None:
    # The default view (ReLU, GELU) is in the phone tests; here every function's
    # f and f′, six cards at a time, the most the explorer overlays.
    ids = [e.id for e in explorer.elementwise()]
    tab = tabs.open(viewport={"width": 360, "height": 740})
    for start in range(0, len(ids), explorer.MAX_CURVES):
        chosen = ids[start : start + explorer.MAX_CURVES]
        _ready(tab, f"{language}explorer/?fn=" + ",".join(f"{fid}:fd" for fid in chosen))
        assert tab.page.locator(".ex-formula").count() == 2 * len(chosen)
        wide = tab.page.evaluate(
            """() => [...document.querySelectorAll(".ex-formula")]
                .filter((f) => f.scrollWidth > f.clientWidth
                    || f.getBoundingClientRect().right > innerWidth)
                .map((f) => f.closest("fieldset").querySelector("legend").textContent)"""
        )
        assert wide == [], wide
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("language", ["", "en/"])
def test_every_function_page_opens_the_explorer_on_its_function(
    tabs: object, site: object, language: str
) -> None:
    """Each function page has one explorer link, and it asks for that function
    (the built pages say so); two of them are followed in chromium, where the
    explorer then draws that function alone."""
    explorer_url = urljoin(site.base, f"{language}explorer/")
    for entry in explorer.elementwise():
        path = f"{language}functions/{entry.id}/"
        html = (site.directory / path / "index.html").read_text(encoding="utf-8")
        hrefs = re.findall(r'<a class="explorer-link" href="([^"]+)"', html)
        assert len(hrefs) == 1, (entry.id, hrefs)
        url = urlsplit(urljoin(site.base + path, unescape(hrefs[0])))
        assert url._replace(query="").geturl() == explorer_url, (entry.id, hrefs)
        assert parse_qs(url.query) == {"fn": [f"{entry.id}:fd"]}, (entry.id, hrefs)
    tab = tabs.open()
    for entry_id in ("relu", "softplus"):
        tab.goto(f"{language}functions/{entry_id}/")
        tab.page.locator("a.explorer-link").click()
        tab.page.wait_for_selector("#explorer[data-ready=true]")
        assert [c["id"] for c in _state(tab)["curves"]] == [entry_id]
        assert tab.page.locator("#explorer").locator(".ex-card").count() == 1


def test_the_explorer_starts_from_a_link_and_leaves_nothing_behind(
    tabs: object,
) -> None:
    tab = tabs.open()
    tab.goto("")
    tab.follow(tab.page.locator("nav a[href$='explorer/']").first.click, tab.url("explorer/"))
    tab.page.wait_for_selector("#explorer[data-ready=true]")
    assert tab.page.locator(".ex-plot path").count() == 2
    # A change writes the view into the address a moment later; a reader who leaves
    # at once must not find the explorer's query on the next page's address.
    tab.page.locator(".ex-plot").focus()
    tab.page.keyboard.press("ArrowRight")
    tab.follow(tab.page.locator("nav a[href$='comparison/']").first.click, tab.url("comparison/"))
    # Timers run in order of expiry: one set now for longer than the explorer's
    # debounce fires after the explorer's would have.
    tab.page.evaluate("new Promise(done => setTimeout(done, 1000))")
    assert tab.page.evaluate("location.href") == tab.url("comparison/")
    assert not tab.problems, tab.problems


LAYOUT_SHIFTS = """
window.__shifts = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("path", ["explorer/", "en/explorer/"])
@pytest.mark.parametrize("width", [390, 1350])
def test_the_explorer_appears_without_moving_the_page(tabs: object, path: str, width: int) -> None:
    # Lighthouse measured a cumulative layout shift of 0.18-0.24 here: the
    # sections below jumped down when the explorer drew itself. Its box now
    # holds a screen's height until then (site.css).
    tab = tabs.open(viewport={"width": width, "height": 844})
    tab.page.add_init_script(LAYOUT_SHIFTS)
    _ready(tab, path)
    tab.page.evaluate(FRAMES)  # the drawing's frame has been laid out and reported
    assert tab.page.evaluate("window.__shifts") < 0.02


@pytest.mark.parametrize("path", ["explorer/", "en/explorer/"])
def test_without_javascript_the_page_shows_static_plots_and_says_what_is_missing(
    tabs: object, path: str
) -> None:
    tab = tabs.open(java_script_enabled=False)
    tab.goto(path)
    warning = tab.page.locator("#explorer .admonition.warning")
    assert warning.is_visible()
    assert ("JavaScript" in warning.inner_text()) and len(warning.inner_text()) > 80
    images = tab.page.locator("#explorer img[src*='plots/family-']")
    assert images.count() >= 5
    assert images.first.is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_explorer_in_use_has_no_serious_accessibility_problem(
    tabs: object, scheme: str
) -> None:
    tab = tabs.open(scheme=scheme)
    _ready(tab, "explorer/?fn=elu:fd,relu:f")
    tab.page.locator(".ex-table summary").click()
    tab.page.wait_for_selector(".ex-table tbody tr")
    problems = tab.axe_problems()
    assert not problems, problems
    assert not tab.problems and not tab.csp_violations()


SOFTMAX_CASES = [
    ([3.0, 1.0, -2.0, 0.5], 0.5, 4.0),
    ([10.0, -10.0], 0.1, -10.0),
    ([0.0, 0.0, 0.0], 10.0, 0.0),
    ([10.0, 9.99, -10.0, 10.0], 0.1, 10.0),
    ([-10.0, -10.0], 1.0, 7.25),
]


def test_the_softmax_panel_agrees_with_the_package_and_shows_shift_invariance(
    tabs: object,
) -> None:
    from activations import log_softmax, softmax

    tab = tabs.open()
    _ready(tab, "explorer/?fn=relu:f&sm=3,1,-2,0.5&t=0.5&c=4")
    module = tab.url("assets/explorer/softmax.js")
    for z, t, c in SOFTMAX_CASES:
        got = tab.page.evaluate(
            "async ([url, z, t, c]) => (await import(url)).softmaxValues(z, t, c)",
            [module, z, t, c],
        )
        v = (np.array(z) + c) / t
        for key, expected in (("p", softmax(v)), ("logp", log_softmax(v))):
            error = explorer.relative_errors(expected, np.array(got[key])).max()
            assert error <= CLOSED_FORM, (z, t, c, key, error)
    rows = tab.page.locator(".ex-softmax tbody tr")
    assert rows.count() == 4
    expected = softmax((np.array([3.0, 1.0, -2.0, 0.5]) + 4) / 0.5)
    shown = [float(r.locator("td").nth(1).inner_text().replace("−", "-")) for r in rows.all()]
    assert shown == pytest.approx(expected, rel=1e-5)
    assert "c = 4" in tab.page.locator(".ex-invariance").inner_text()
    tab.page.locator("#sm-t").focus()
    tab.page.keyboard.press("End")
    _search_when_saved(tab, "t=10")
    tab.page.locator("#sm-count").select_option("2")
    tab.page.wait_for_function(
        "() => document.querySelectorAll('.ex-softmax tbody tr').length === 2"
    )
    assert "sm=3,1&" in _search_when_saved(tab, "sm=3,1&")


def test_a_bad_softmax_address_is_reported(tabs: object) -> None:
    tab = tabs.open()
    _ready(tab, "en/explorer/?sm=1,x&t=0&c=2")
    notes = " ".join(tab.page.locator(".ex-notes p").all_inner_texts())
    assert "1,x" in notes and "T = 0" in notes
    state = tab.page.evaluate("document.getElementById('explorer').explorer.softmax")
    assert state == {"z": [2, 1, -1], "t": 1, "c": 2}


@pytest.mark.parametrize("path", ["functions/softmax/", "en/functions/log_softmax/"])
def test_the_softmax_pages_open_the_softmax_panel(tabs: object, path: str) -> None:
    tab = tabs.open()
    tab.goto(path)
    link = tab.page.locator("a.explorer-link")
    target = "explorer/" if path.startswith("functions/") else "en/explorer/"
    tab.follow(link.click, tab.url(target))
    tab.page.wait_for_selector("#softmax-panel .ex-softmax tbody tr")
    tab.page.wait_for_function(
        "() => { const r = document.getElementById('softmax').getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight; }"
    )
    assert tab.page.evaluate("document.getElementById('explorer').explorer.softmax.z") == [2, 1, -1]
