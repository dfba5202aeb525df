"""What the explorer page's script reads, and the golden values its functions are tested against.

The explorer (``docs/{ko,en}/explorer.md``, script in ``docs/shared/explorer/``)
computes every curve in the reader's browser. Its facts and its numbers come
from the package, exported here at build time (``hooks/explorer.py``):

- :func:`page_data` -> ``assets/explorer/data.json`` of each build: the
  elementwise functions in registry order with their family, names in both
  languages (the search box matches either), parameters with defaults and
  slider ranges (``Parameter.explore``), the inputs where its formula
  changes piece, and its range, and the
  interface text in the build's language.
- :func:`golden` -> ``build/explorer/golden.json`` (not deployed): inputs and
  the package's f and f' at the default parameters and at both ends of every
  slider, which ``tests/browser/test_explorer.py`` compares with the script's
  values in chromium.

Examples
--------
>>> data = page_data("en")
>>> [f["id"] for f in data["functions"]][:3]
['identity', 'binary_step', 'sigmoid']
>>> next(f for f in data["functions"] if f["id"] == "elu")["params"][0]["range"]
[0.0, 3.0]
>>> len(golden_inputs(())) >= 1000
True
"""

# The interface text uses the real prime and minus signs (f′, −).
# ruff: noqa: RUF001, RUF002, RUF003
from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np

from activations.registry import FAMILIES, REGISTRY, Activation
from activations_site import katex
from activations_site.files import write_if_changed

# The view a reader gets when the URL names no range.
DEFAULT_VIEW = (-6.0, 6.0)
# The explorer zooms no further out than this: the curves keep their shape
# (and double precision its meaning) well inside it.
WIDEST_VIEW = 1000.0
TINY_NORMAL = np.finfo(np.float64).tiny

UI: dict[str, dict[str, str]] = {
    "ko": {
        "search": "함수 찾기 (한국어 또는 영어 이름)",
        "nomatch": "찾는 이름과 맞는 함수가 없습니다.",
        "functions": "함수",
        "chosen": "고른 함수",
        "none": "함수를 하나 이상 고르세요.",
        "show": "그릴 곡선",
        "f": "f",
        "d": "f′",
        "fd": "f와 f′",
        "remove": "빼기",
        "zoomin": "확대",
        "zoomout": "축소",
        "left": "왼쪽으로 이동",
        "right": "오른쪽으로 이동",
        "reset": "처음 범위로",
        "plot": "그래프: 화살표 키로 십자선 이동, +와 -로 확대·축소, Shift+화살표로 이동",
        "range": "x 범위",
        "readout": "십자선 읽기",
        "table": "그래프의 점을 표로 보기",
        "caption": "그래프의 점 (x마다 고른 곡선의 값)",
        "f0": "f(0)",
        "df0": "f′(0)",
        "kinks": "꺾인 점의 f′ (우리 관례)",
        "nokinks": "없음",
        "rangedef": "치역",
        "formula": "식 (지금 매개변수 값으로)",
        "badid": "주소에 알 수 없는 함수 {v}가 있어 넣지 않았습니다.",
        "badparam": "주소의 {f} 매개변수 {p} = {v}는 범위 [{lo}, {hi}] 밖이거나 수가 아니어서 "
        "기본값 {d}를 썼습니다.",
        "badview": "주소의 x 범위 {v}를 읽을 수 없어 처음 범위를 썼습니다.",
        "badshow": "주소의 곡선 종류 {v}를 알 수 없어 f를 그렸습니다.",
        "toomany": "한 번에 {n}개까지 겹쳐 그릴 수 있어 나머지 {v}는 넣지 않았습니다.",
        "softmax": "소프트맥스",
        "logits": "로짓 개수",
        "logit": "로짓",
        "temperature": "온도 T",
        "shift": "모든 로짓에 더하는 값 c",
        "smcaption": "확률 p = softmax((z + c) / T)와 log p",
        "invariance": "모든 로짓에 c = {c}를 더해도 확률은 그대로입니다 "
        "(c = 0일 때와의 최대 차이 {d}).",
        "badlogits": "주소의 로짓 {v}는 [{lo}, {hi}] 범위의 수 2~4개가 아니어서 "
        "처음 로짓을 썼습니다.",
        "badfield": "{p}에는 [{lo}, {hi}] 범위의 수를 넣으세요. 그래프는 바뀌지 않았습니다.",
        "depth": "깊이와 초기화",
        "activation": "활성화 함수",
        "init": "초기화",
        "xavier": "Glorot/Xavier 정규 분포: 분산 2g²/(n_in + n_out)",
        "he": "He/Kaiming 정규 분포: 분산 2g²/n_in",
        "lecun": "LeCun 정규 분포: 분산 g²/n_in",
        "gain": "이득 g (1이면 표준 초기화)",
        "layers": "은닉층 수 (깊이)",
        "width": "층의 폭 (유닛 수)",
        "seeds": "시드 수 (평균 낼 신경망 수)",
        "running": "계산 중: 시드 {i}/{n}",
        "layer": "층",
        "spread": "활성화 표준편차",
        "delta": "오차 노름 ‖δ‖",
        "dead": "한 번도 켜지지 않은 유닛 비율",
        "dchart": "층마다 활성화 표준편차와 역전파 오차 노름 ‖δ_l‖ (로그 눈금, 시드 기하 평균)",
        "dcaption": "층별 값 (시드 {n}개의 기하 평균, 괄호 안은 시드 간 범위)",
        "dtable": "층별 값을 표로 보기",
        "dsummary": "{f}, {i}, g = {g}: 입력 쪽으로 한 층 갈 때마다 ‖δ‖에 곱해지는 평균 인자 {k}, "
        "활성화 표준편차 층 1 {a} → 층 {L} {b}",
        "ddead": ", 한 번도 켜지지 않은 유닛 최대 {d}",
        "baddepth": "주소의 깊이 실험 설정 {k} = {v}는 범위 밖이거나 읽을 수 없는 값이어서 "
        "기본값 {d}를 썼습니다.",
    },
    "en": {
        "search": "Find a function (Korean or English name)",
        "nomatch": "No function matches that name.",
        "functions": "Functions",
        "chosen": "Chosen functions",
        "none": "Choose at least one function.",
        "show": "Curves to draw",
        "f": "f",
        "d": "f′",
        "fd": "f and f′",
        "remove": "Remove",
        "zoomin": "Zoom in",
        "zoomout": "Zoom out",
        "left": "Move left",
        "right": "Move right",
        "reset": "Reset range",
        "plot": "Plot: arrow keys move the crosshair, + and - zoom, Shift+arrows move the range",
        "range": "x range",
        "readout": "Crosshair reading",
        "table": "Show the plotted points as a table",
        "caption": "Plotted points (the chosen curves at each x)",
        "f0": "f(0)",
        "df0": "f′(0)",
        "kinks": "f′ at the kinks (our convention)",
        "nokinks": "none",
        "rangedef": "Range",
        "formula": "Formula (at the current parameter values)",
        "badid": "The address names an unknown function {v}; it was left out.",
        "badparam": "The address sets {f} parameter {p} = {v}, outside [{lo}, {hi}] or not a "
        "number; the default {d} is used.",
        "badview": "The address's x range {v} could not be read; the initial range is used.",
        "badshow": "The address's curve kind {v} is unknown; f is drawn.",
        "toomany": "At most {n} functions can be overlaid; {v} were left out.",
        "softmax": "Softmax",
        "logits": "Number of logits",
        "logit": "Logit",
        "temperature": "Temperature T",
        "shift": "Value c added to every logit",
        "smcaption": "Probabilities p = softmax((z + c) / T) and log p",
        "invariance": "Adding c = {c} to every logit leaves the probabilities unchanged "
        "(largest difference from c = 0: {d}).",
        "badlogits": "The address's logits {v} are not 2 to 4 numbers in [{lo}, {hi}]; "
        "the initial logits are used.",
        "badfield": "{p} takes a number in [{lo}, {hi}]; the plot is unchanged.",
        "depth": "Depth and initialisation",
        "activation": "Activation",
        "init": "Initialisation",
        "xavier": "Glorot/Xavier normal: variance 2g²/(n_in + n_out)",
        "he": "He/Kaiming normal: variance 2g²/n_in",
        "lecun": "LeCun normal: variance g²/n_in",
        "gain": "Gain g (1 is the standard initialisation)",
        "layers": "Hidden layers (depth)",
        "width": "Width (units per layer)",
        "seeds": "Seeds (networks averaged)",
        "running": "Computing: seed {i} of {n}",
        "layer": "Layer",
        "spread": "Activation std",
        "delta": "Error norm ‖δ‖",
        "dead": "Units never active",
        "dchart": "Activation standard deviation and back-propagated error norm ‖δ_l‖ per layer "
        "(log scale, geometric mean over seeds)",
        "dcaption": "Per layer (geometric mean over {n} seeds; the range over seeds in brackets)",
        "dtable": "Show the values per layer as a table",
        "dsummary": "{f}, {i}, g = {g}: ‖δ‖ is multiplied by {k} on average per layer towards "
        "the input; activation std layer 1 {a} → layer {L} {b}",
        "ddead": "; units never active at most {d}",
        "baddepth": "The address's depth setting {k} = {v} is out of range or not readable; "
        "the default {d} is used.",
    },
}
MAX_CURVES = 6

_LATEX_TEXT = (
    ("\\infty", "∞"),
    ("\\{", "{"),
    ("\\}", "}"),
    ("\\alpha", "α"),
    ("\\lambda", "λ"),
    ("\\approx", "≈"),
    ("\\tfrac{3}{8}", "3/8"),
    ("\\quad", " "),
)


def range_text(entry: Activation) -> str:
    """The registry's range as plain text, with the real minus sign like the script's numbers.

    Functions with sliders show the range their rule computes (RANGE_RULES).

    >>> range_text(REGISTRY["selu"])
    '(−λα, ∞) ≈ (−1.7581, ∞)'
    """
    text = entry.range_latex
    for tex, plain in _LATEX_TEXT:
        text = text.replace(tex, plain)
    if "\\" in text:
        raise ValueError(f"{entry.id}: range_latex {entry.range_latex!r} has TeX left: {text!r}")
    return text.replace("-", "−")


# --- formulas with the current parameter values ------------------------------
# Each parameter's letter in the registry's formulas (Parameter.symbol) is
# replaced by a number that appears nowhere else, the formula is typeset by
# KaTeX here, and the script writes the current value over that number's text.
SENTINELS = ("987651", "987652")
_TEX_TOKEN = re.compile(
    r"\\(?:operatorname|text|begin|end|mathrm)\{[^}]*\}|\\[a-zA-Z]+|\\.|.", re.S
)


def sentinels(entry: Activation) -> dict[str, str]:
    """Each slider parameter's name and its sentinel, by its place among the parameters."""
    return {p.name: SENTINELS[i] for i, p in enumerate(entry.parameters) if p.explore}


def with_sentinels(entry: Activation, tex: str) -> str:
    r"""``tex`` with each parameter's symbol replaced by its sentinel number.

    >>> with_sentinels(REGISTRY["elu"], r"\alpha\,\bigl(e^{x} - 1\bigr)")
    '{987651}\\,\\bigl(e^{x} - 1\\bigr)'
    """
    marks = sentinels(entry)
    symbols = {p.symbol: marks[p.name] for p in entry.parameters if p.name in marks}
    if None in symbols:
        raise ValueError(f"{entry.id}: a parameter with a slider has no symbol (Parameter.symbol)")
    if any(s in tex for s in SENTINELS):
        raise ValueError(f"{entry.id}: the formula {tex!r} contains a sentinel number")
    return "".join(f"{{{symbols[t]}}}" if t in symbols else t for t in _TEX_TOKEN.findall(tex))


def formulas(entry: Activation) -> dict[str, str]:
    """f and f' typeset (KaTeX's HTML and MathML) with the parameters as sentinels."""
    out = {}
    for kind, tex in (("f", entry.latex), ("d", entry.latex_derivative)):
        marked = with_sentinels(entry, tex)
        try:
            out[kind] = katex.render(marked, display=False)
        except ValueError as error:
            raise ValueError(f"{entry.id}: KaTeX cannot typeset {marked!r}: {error}") from None
    marks = sentinels(entry)
    for p in entry.parameters:
        if p.name in marks and f">{marks[p.name]}<" not in out["f"]:
            raise ValueError(
                f"{entry.id}: {p.name} ({p.symbol}) is not in the formula {entry.latex!r}"
            )
    return out


# --- the range at the current parameter values --------------------------------
# For each parameterised function, the interval of its values as a rule the
# script evaluates: cases tried in order, the first whose condition holds (or
# that has none) gives the ends. An end is a number, "Infinity" or "-Infinity"
# (both float() and Number() read them), [k, name] = k * value, or
# [k, name, "/"] = k / value.
# tests/test_explorer_data.py checks every rule against the package's values
# at the ends and the middle of every slider and against the registry's
# output_range at the defaults.
End = float | str | list[Any]
_SILU_MIN = REGISTRY["silu"].output_range.lower  # -W(1/e), at beta = 1
RANGE_RULES: dict[str, list[dict[str, Any]]] = {
    "hard_tanh": [{"lo": [1, "min_val"], "hi": [1, "max_val"], "closed": [True, True]}],
    "leaky_relu": [
        {"when": "negative_slope", "lo": "-Infinity", "hi": "Infinity", "closed": [False, False]},
        {"lo": 0.0, "hi": "Infinity", "closed": [True, False]},
    ],
    "prelu": [
        {"when": "weight", "lo": "-Infinity", "hi": "Infinity", "closed": [False, False]},
        {"lo": 0.0, "hi": "Infinity", "closed": [True, False]},
    ],
    "softplus": [{"lo": 0.0, "hi": "Infinity", "closed": [False, False]}],
    "elu": [
        {"when": "alpha", "lo": [-1, "alpha"], "hi": "Infinity", "closed": [False, False]},
        {"lo": 0.0, "hi": "Infinity", "closed": [True, False]},
    ],
    "celu": [{"lo": [-1, "alpha"], "hi": "Infinity", "closed": [False, False]}],
    "silu": [
        {"when": "beta", "lo": [_SILU_MIN, "beta", "/"], "hi": "Infinity", "closed": [True, False]},
        {"lo": "-Infinity", "hi": "Infinity", "closed": [False, False]},
    ],
}


def _end(end: End, params: dict[str, float]) -> float:
    if isinstance(end, str):
        return float(end)
    if isinstance(end, list):
        k, name, *divide = end
        return k / params[name] if divide else k * params[name]
    return float(end)


def range_at(entry_id: str, params: dict[str, float]) -> tuple[float, float, bool, bool]:
    """The range rule evaluated as the script does: (low, high, low closed, high closed).

    A case's ``when`` names a parameter that must be positive.

    >>> range_at("elu", {"alpha": 2.0})
    (-2.0, inf, False, False)
    >>> range_at("elu", {"alpha": 0.0})
    (0.0, inf, True, False)
    """
    for case in RANGE_RULES[entry_id]:
        if "when" not in case or params[case["when"]] > 0:
            lo, hi = _end(case["lo"], params), _end(case["hi"], params)
            return lo, hi, *case["closed"]
    raise ValueError(f"{entry_id}: no range case holds for {params}")


def elementwise() -> list[Activation]:
    return [e for e in REGISTRY.values() if e.kind == "elementwise"]


def _function(entry: Activation) -> dict[str, Any]:
    return {
        "id": entry.id,
        "family": entry.family,
        "ko": entry.name_ko,
        "en": entry.name_en,
        "aliases": list(entry.aliases),
        "params": [
            {
                "name": p.name,
                "default": p.default,
                "range": list(p.explore),
                "ko": p.ko,
                "en": p.en,
                "sentinel": sentinels(entry)[p.name],
            }
            for p in entry.parameters
        ],
        "range": range_text(entry),
        "ranges": RANGE_RULES.get(entry.id),
        "tex": formulas(entry),
        "breaks": _breaks(entry),
    }


def _breaks(entry: Activation) -> list[float | str]:
    """Where the defining formula changes piece; a parameter's name where one sets it.

    Only hard tanh's corners move with its parameters (they are min_val and
    max_val); the script reads the current values for those names.
    """
    if entry.id == "hard_tanh":
        return ["min_val", "max_val"]
    return list(entry.breakpoints)


# --- depth x initialisation ------------------------------------------------
# The notebooks' settings (docs/notebooks/vanishing-gradients.py): 20 hidden
# layers of width 32, 128 standard normal inputs with random labels among 10
# classes, a linear output layer with softmax cross-entropy, seeds 0-9, and each
# activation with its usual initialisation. tests/test_explorer_depth.py reads
# them back from the notebook's source.
NOTEBOOK_DEPTH = {"depth": 20, "width": 32, "batch": 128, "classes": 10, "seeds": 10}
NOTEBOOK_INITS = {
    "sigmoid": "xavier",
    "tanh": "xavier",
    "relu": "he",
    "gelu": "he",
    "selu": "lecun",
}
# The explorer's names for the package's normal initialisers (gain 1).
INITS = {"xavier": "xavier_normal", "he": "he_normal", "lecun": "lecun_normal"}
# What a reader may ask the browser for: [low, high] of each setting.
DEPTH_LIMITS = {"depth": [1, 100], "width": [2, 128], "seeds": [1, 50], "gain": [0.1, 4.0]}


def rectifiers() -> list[str]:
    """Elementwise functions whose derivative is exactly 0 on the whole negative half-line.

    For these a unit can be "never active" on a batch: f'(z) = 0 for every
    sample, so no gradient reaches its incoming weights (MLP.dead_units).

    >>> rectifiers()
    ['relu', 'relu6']
    """
    negative = -np.geomspace(1e-9, 1e3, 400)
    out = []
    for entry in elementwise():
        params = {p.name: p.default for p in entry.parameters}
        with np.errstate(all="ignore"):
            slope = np.asarray(entry.derivative(negative, **params))
            rising = np.asarray(entry.derivative(-negative, **params))
        if np.all(slope == 0) and np.any(rising != 0):
            out.append(entry.id)
    return out


def _depth_data() -> dict[str, Any]:
    return {
        "defaults": {**NOTEBOOK_DEPTH, "fn": "relu", "init": "he", "gain": 1.0},
        "limits": DEPTH_LIMITS,
        "inits": list(INITS),
        "rectifiers": rectifiers(),
    }


def depth_measure(
    activation: str, init: str, settings: dict[str, int] = NOTEBOOK_DEPTH
) -> dict[str, np.ndarray]:
    """Per seed and hidden layer, from the package's training core (activations.training).

    Exactly the notebook's experiment: inputs and labels from
    ``default_rng(1234)``, one network per seed ``0 .. seeds-1``
    (``MLP(..., rng=[default_rng(s) ...])``), one forward pass and the
    back-propagated errors from the softmax cross-entropy gradient. Returns
    arrays of shape (seeds, depth): the standard deviation of the activations
    ``a_l`` over samples and units, the Frobenius norm of ``delta_l = dL/dz_l``,
    and the fraction of units with f'(z_l) = 0 on every sample.
    """
    import activations
    from activations.training import MLP, softmax_cross_entropy

    depth, width, classes = settings["depth"], settings["width"], settings["classes"]
    data = np.random.default_rng(1234)
    x = data.normal(size=(settings["batch"], width))
    labels = data.integers(0, classes, size=settings["batch"])
    net = MLP(
        [width] * (depth + 1) + [classes],
        activation,
        init=INITS[init],
        rng=[np.random.default_rng(s) for s in range(settings["seeds"])],
    )
    trace = net.forward(x)
    delta = softmax_cross_entropy(trace.outputs, labels).gradient
    derivative = getattr(activations, f"{activation}_derivative")
    deltas = []
    for index in range(depth, 0, -1):
        slope = derivative(trace.pre_activations[index - 1])
        delta = (delta @ np.swapaxes(net.weights[index], -1, -2)) * slope
        deltas.insert(0, np.sqrt((delta * delta).sum(axis=(-2, -1))))
    return {
        "std": np.stack([a.std(axis=(-2, -1)) for a in trace.activations], axis=-1),
        "delta": np.stack(deltas, axis=-1),
        "dead": np.stack([d.mean(axis=-1) for d in net.dead_units(x)], axis=-1),
    }


def depth_reference() -> dict[str, Any]:
    """What the browser's depth simulator is checked against: per activation at the
    notebook's settings, per hidden layer, the mean and standard deviation over
    seeds of log10 std(a_l), log10 ||delta_l|| and the never-active fraction.
    """
    cases = []
    for activation, init in NOTEBOOK_INITS.items():
        m = depth_measure(activation, init)
        summary = {}
        for key, values in (
            ("logstd", np.log10(m["std"])),
            ("logdelta", np.log10(m["delta"])),
            ("dead", m["dead"]),
        ):
            summary[key] = {
                "mean": values.mean(axis=0).tolist(),
                "sd": values.std(axis=0, ddof=1).tolist(),
            }
        cases.append({"fn": activation, "init": init, **summary})
    return {"settings": NOTEBOOK_DEPTH, "cases": cases}


def write_depth(path: Path) -> Path:
    return write_if_changed(path, json.dumps(depth_reference(), separators=(",", ":")))


def page_data(language: str) -> dict[str, Any]:
    """Everything the explorer script needs, with the interface text in ``language``."""
    entries = elementwise()
    for entry in entries:
        for p in entry.parameters:
            if p.explore is None:
                raise ValueError(f"{entry.id}.{p.name}: no slider range (Parameter.explore)")
    used = {e.family for e in entries}
    return {
        "language": language,
        "ui": UI[language],
        "view": list(DEFAULT_VIEW),
        "widest": WIDEST_VIEW,
        "maxCurves": MAX_CURVES,
        "families": [
            {"id": f.id, "ko": f.name_ko, "en": f.name_en} for f in FAMILIES if f.id in used
        ],
        "functions": [_function(e) for e in entries],
        "depth": _depth_data(),
    }


def _around(points: list[float]) -> list[float]:
    """Each point and its two floating-point neighbours, and points close by."""
    near = []
    for p in points:
        near += [p, math.nextafter(p, -math.inf), math.nextafter(p, math.inf)]
        near += [p + d for d in (-1e-9, 1e-9, -1e-3, 1e-3)]
    return near


def golden_inputs(kinks: tuple[float, ...]) -> np.ndarray:
    """At least 1,000 inputs: the explorer's widest view, dense near 0, tails, and the kinks."""
    grid = np.linspace(-12.0, 12.0, 801)
    tails = np.geomspace(12.0, 745.0, 100)
    tiny = np.geomspace(1e-300, 1e-3, 60)
    special = [0.0, -0.0, 1.0, -1.0, 3.0, -3.0, 6.0, -6.0, 709.0, -709.0, 710.0, -710.0]
    x = np.concatenate([grid, tails, -tails, tiny, -tiny, special, _around([*kinks, 0.0])])
    return np.unique(x)


def _cases(entry: Activation) -> list[dict[str, float]]:
    """Parameter sets: the defaults, then each slider's two ends with the rest at default."""
    defaults = {p.name: float(p.default) for p in entry.parameters}
    cases = [defaults]
    for p in entry.parameters:
        for end in p.explore:
            cases.append({**defaults, p.name: float(end)})
    return cases


def _kinks(entry: Activation, params: dict[str, float]) -> tuple[float, ...]:
    if entry.id == "hard_tanh":
        return (params["min_val"], params["max_val"])
    return entry.breakpoints


def golden() -> dict[str, list[dict[str, Any]]]:
    """The package's f and f' per function and parameter set, exactly as doubles."""
    out: dict[str, list[dict[str, Any]]] = {}
    for entry in elementwise():
        out[entry.id] = []
        for params in _cases(entry):
            x = golden_inputs(_kinks(entry, params))
            with np.errstate(all="ignore"):
                f = np.asarray(entry.function(x, **params), dtype=np.float64)
                d = np.asarray(entry.derivative(x, **params), dtype=np.float64)
            out[entry.id].append(
                {"params": params, "x": x.tolist(), "f": f.tolist(), "d": d.tolist()}
            )
    return out


def relative_errors(expected: np.ndarray, actual: np.ndarray) -> np.ndarray:
    """|actual - expected| / max(|expected|, smallest normal double); 0 where both agree.

    The floor keeps a subnormal result (where neither side has full precision)
    from counting as a large relative error; infinities must match exactly.
    """
    expected = np.asarray(expected, dtype=np.float64)
    actual = np.asarray(actual, dtype=np.float64)
    same = (expected == actual) | (np.isnan(expected) & np.isnan(actual))
    with np.errstate(all="ignore"):
        err = np.abs(actual - expected) / np.maximum(np.abs(expected), TINY_NORMAL)
    return np.where(same, 0.0, np.where(np.isfinite(err), err, np.inf))


def write(site_assets: Path, language: str) -> Path:
    """Write ``data.json`` for one build's ``assets/explorer/``; returns its path."""
    text = json.dumps(page_data(language), ensure_ascii=False, separators=(",", ":"))
    return write_if_changed(site_assets / "data.json", text)


def write_golden(path: Path) -> Path:
    return write_if_changed(path, json.dumps(golden(), separators=(",", ":")))
