"""Every fact in the registry, checked against the function it describes.

The tests are parametrized over ``REGISTRY``: a new entry is tested by adding it.
Properties are verified numerically on a dense grid that includes ±1e3, ±1e300
and ±inf, so a stated range, monotonicity, saturation side or kink value that
the code does not honour fails here.
"""

from __future__ import annotations

import inspect
import math
import re

import numpy as np
import pytest
from scipy import optimize

import activations
from activations.registry import (
    COST_DEFINITION,
    FAMILIES,
    REGISTRY,
    SATURATING_DEFINITION,
    SELF_GATED_DEFINITION,
    ZERO_CENTRED_DEFINITION,
    ZERO_CENTRED_TOLERANCE,
    Activation,
    Interval,
    by_family,
    families,
    get,
    output_moments,
)

ELEMENTWISE = [a for a in REGISTRY.values() if a.kind == "elementwise"]
VECTOR = [a for a in REGISTRY.values() if a.kind == "vector"]
WITH_KINK = [a for a in ELEMENTWISE if a.kink is not None]
WITH_PAPERS = [a for a in REGISTRY.values() if a.papers]


def _ids(entry: Activation) -> str:
    return entry.id


_BREAKS = sorted({p for a in ELEMENTWISE for p in a.breakpoints})
_EXACT = np.arange(-20.0, 20.25, 0.25)
GRID = np.unique(
    np.concatenate(
        [
            np.linspace(-20.0, 20.0, 400_001),
            -np.logspace(-8, 3, 2001),
            np.logspace(-8, 3, 2001),
            _EXACT,
            np.array([0.0, *_BREAKS]),
        ]
    )
)
EXTREMES = np.array([-np.inf, -1e300, -1e3, 1e3, 1e300, np.inf])
MODERATE = GRID[np.abs(GRID) <= 15.0]
CORE = GRID[np.abs(GRID) <= 5.0]
HANGUL = re.compile("[\uac00-\ud7a3]")


def _values(entry: Activation, x: np.ndarray) -> np.ndarray:
    return np.asarray(entry.function(x), dtype=np.float64)


def _slopes(entry: Activation, x: np.ndarray) -> np.ndarray:
    assert entry.derivative is not None
    return np.asarray(entry.derivative(x), dtype=np.float64)


# --- identity of entries --------------------------------------------------------------


@pytest.mark.parametrize("entry", REGISTRY.values(), ids=_ids)
def test_entry_names_the_exported_functions(entry: Activation) -> None:
    assert REGISTRY[entry.id] is entry
    assert entry.function.__name__ == entry.id
    assert getattr(activations, entry.id) is entry.function
    if entry.kind == "elementwise":
        assert entry.vjp is None and entry.jacobian is None
        assert entry.derivative is getattr(activations, f"{entry.id}_derivative")
    else:
        assert entry.derivative is None
        assert entry.vjp is getattr(activations, f"{entry.id}_vjp")
        assert entry.jacobian is getattr(activations, f"{entry.id}_jacobian")


def test_every_public_function_is_covered() -> None:
    covered = set()
    for entry in REGISTRY.values():
        for fn in (entry.function, entry.derivative, entry.vjp, entry.jacobian):
            if fn is not None:
                covered.add(id(fn))
    missing = [n for n in activations.__all__ if id(getattr(activations, n)) not in covered]
    assert missing == []


@pytest.mark.parametrize("entry", REGISTRY.values(), ids=_ids)
def test_parameters_match_signatures(entry: Activation) -> None:
    stated = [(p.name, p.default, type(p.default)) for p in entry.parameters]
    for fn in (entry.function, entry.derivative, entry.vjp):
        if fn is None:
            continue
        params = inspect.signature(fn).parameters.values()
        keywords = [
            (p.name, p.default, type(p.default))
            for p in params
            if p.kind is inspect.Parameter.KEYWORD_ONLY
        ]
        assert keywords == stated, fn.__name__
    for p in entry.parameters:
        assert p.en and HANGUL.search(p.ko), p.name


# --- enumerations and text ------------------------------------------------------------


@pytest.mark.parametrize("entry", REGISTRY.values(), ids=_ids)
def test_field_values_are_from_their_vocabularies(entry: Activation) -> None:
    assert entry.kind in ("elementwise", "vector")
    assert entry.smoothness in ("discontinuous", "C0", "C1", "C∞")
    assert entry.cost in ("low", "medium", "high")
    if entry.kind == "elementwise":
        assert entry.monotonic in ("increasing", "non-decreasing", "non-monotonic")
        assert entry.saturating in ("none", "left", "right", "both")
        assert isinstance(entry.f0, float) and isinstance(entry.df0, float)
    else:
        assert entry.monotonic is None and entry.saturating is None
        assert entry.f0 is None and entry.df0 is None and entry.kink is None
    assert entry.family in {f.id for f in FAMILIES}
    assert list(entry.breakpoints) == sorted(entry.breakpoints)


@pytest.mark.parametrize("entry", REGISTRY.values(), ids=_ids)
def test_text_is_bilingual(entry: Activation) -> None:
    assert entry.name_en and not HANGUL.search(entry.name_en)
    # Korean ML writing names ReLU, GELU, Mish ... in Latin letters; other names in Hangul.
    assert HANGUL.search(entry.name_ko) or entry.name_ko == entry.name_en
    assert entry.summary_en.endswith(".") and not HANGUL.search(entry.summary_en)
    assert entry.summary_ko.endswith(".") and HANGUL.search(entry.summary_ko)
    if entry.kink is not None:
        assert entry.kink.en and HANGUL.search(entry.kink.ko)


@pytest.mark.parametrize(
    "definition",
    [ZERO_CENTRED_DEFINITION, SATURATING_DEFINITION, SELF_GATED_DEFINITION, COST_DEFINITION],
)
def test_property_definitions_are_bilingual(definition) -> None:
    assert definition.en and not HANGUL.search(definition.en)
    assert HANGUL.search(definition.ko)


def _latex_problems(source: str) -> list[str]:
    problems = []
    unescaped = re.sub(r"\\[{}]", "", source)
    depth = 0
    for char in unescaped:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            problems.append("'}' before its '{'")
            break
    if depth > 0:
        problems.append("unclosed '{'")
    if len(re.findall(r"\\left\b", source)) != len(re.findall(r"\\right\b", source)):
        problems.append("unmatched \\left/\\right")
    stack = []
    for kind, env in re.findall(r"\\(begin|end)\{(\w+\*?)\}", source):
        if kind == "begin":
            stack.append(env)
        elif not stack or stack.pop() != env:
            problems.append(f"\\end{{{env}}} does not close the last \\begin")
    if stack:
        problems.append(f"unclosed \\begin{{{stack[-1]}}}")
    if "$" in source:
        problems.append("contains a $ delimiter")
    return problems


def _parentheses_balanced(source: str) -> bool:
    depth = 0
    for char in source:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize("entry", REGISTRY.values(), ids=_ids)
def test_latex_is_well_formed(entry: Activation) -> None:
    for source in (entry.latex, entry.latex_derivative, entry.range_latex):
        assert source.strip()
        assert _latex_problems(source) == [], source
    # Interval notation such as [0, \infty) is unbalanced on purpose, formulas are not.
    for source in (entry.latex, entry.latex_derivative):
        assert _parentheses_balanced(source), source


def test_latex_checker_catches_mistakes() -> None:
    assert _latex_problems(r"\frac{1}{2") == ["unclosed '{'"]
    assert _latex_problems(r"\begin{cases} x \end{matrix}")
    assert _latex_problems(r"\{0, 1\}") == []


@pytest.mark.parametrize("entry", REGISTRY.values(), ids=_ids)
def test_frameworks_are_listed_in_order(entry: Activation) -> None:
    assert [f.framework for f in entry.frameworks] == ["pytorch", "keras", "jax"]
    for f in entry.frameworks:
        assert bool(f.note_en) == bool(f.note_ko)
        if not f.calls:
            assert f.note_en, f"{f.framework}: no call and no explanation"
        if f.note_ko:
            assert HANGUL.search(f.note_ko)


@pytest.mark.parametrize("entry", WITH_PAPERS, ids=_ids)
def test_papers_are_citable(entry: Activation) -> None:
    for paper in entry.papers:
        if paper.url:
            assert paper.url.startswith("https://"), paper.url
            assert " " not in paper.url
        else:  # a report with no stable online copy says who cites it
            assert "cite" in paper.venue, paper.title
        assert 1900 <= paper.year <= 2026
        assert paper.authors and paper.title and paper.venue
    assert entry.year == min(p.year for p in entry.papers)


def test_entries_without_papers_have_no_year() -> None:
    for entry in REGISTRY.values():
        if not entry.papers:
            assert entry.year is None, entry.id


# --- families and lookup --------------------------------------------------------------


def test_families_partition_the_registry() -> None:
    assert families() is FAMILIES
    ids = [f.id for f in FAMILIES]
    assert len(set(ids)) == len(ids)
    groups = by_family()
    assert list(groups) == ids
    assert all(groups[f] for f in ids)
    grouped = [a.id for f in ids for a in groups[f]]
    assert sorted(grouped) == sorted(REGISTRY)
    for family in FAMILIES:
        assert family.name_en and family.description_en
        assert HANGUL.search(family.name_ko) and HANGUL.search(family.description_ko)


def test_get_returns_entries_and_names_valid_ids() -> None:
    for key, entry in REGISTRY.items():
        assert get(key) is entry
    with pytest.raises(KeyError) as info:
        get("no_such_activation")
    message = str(info.value)
    assert all(key in message for key in REGISTRY)


def test_interval_rejects_closed_infinite_ends() -> None:
    with pytest.raises(ValueError):
        Interval(-math.inf, 0.0, True, False)
    with pytest.raises(ValueError):
        Interval(1.0, 0.0, False, False)


# --- f(0), f'(0) and kinks ------------------------------------------------------------


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=_ids)
def test_f0_and_df0_are_exact(entry: Activation) -> None:
    assert entry.function(0.0) == entry.f0
    assert entry.function(-0.0) == entry.f0
    assert entry.derivative is not None
    assert entry.derivative(0.0) == entry.df0
    if entry.kink is not None and 0.0 in entry.kink.points:
        assert entry.df0 == entry.kink.ours[entry.kink.points.index(0.0)]


@pytest.mark.parametrize("entry", WITH_KINK, ids=_ids)
def test_kink_convention_is_what_the_derivative_returns(entry: Activation) -> None:
    kink = entry.kink
    assert kink is not None and kink.points
    assert set(kink.points) <= set(entry.breakpoints)
    for point, ours in zip(kink.points, kink.ours, strict=True):
        got = float(entry.derivative(point))
        if ours is None:
            assert math.isnan(got)
        else:
            assert got == ours, point
    for values in (kink.torch, kink.jax, kink.tensorflow):
        assert all(v is None or math.isfinite(v) for v in values)


@pytest.mark.parametrize("entry", WITH_KINK, ids=_ids)
def test_kink_points_really_are_kinks(entry: Activation) -> None:
    assert entry.kink is not None
    for p in entry.kink.points:
        h = 1e-7
        jump = abs(float(entry.function(p + h)) - float(entry.function(p - h)))
        slope_jump = abs(float(entry.derivative(p + h)) - float(entry.derivative(p - h)))
        assert jump > 1e-3 or slope_jump > 1e-3, p


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=_ids)
def test_kink_is_stated_exactly_when_f_is_not_differentiable(entry: Activation) -> None:
    assert (entry.kink is not None) == (entry.smoothness in ("discontinuous", "C0"))


# --- range and bounds -----------------------------------------------------------------


def _check_closed_end(entry: Activation, end: float, lower: bool) -> None:
    # Closed means attained at a moderate input, not reached by underflow at |x| = 1e3.
    y = _values(entry, MODERATE)
    reached = y.min() if lower else y.max()
    if reached == end:
        return
    # A smooth interior extremum is not on the grid: find it and compare to a few ULP.
    sign = 1.0 if lower else -1.0
    i = int(np.argmin(sign * y))
    a, b = MODERATE[max(i - 1, 0)], MODERATE[min(i + 1, MODERATE.size - 1)]
    res = optimize.minimize_scalar(
        lambda t: sign * float(entry.function(t)), bounds=(a, b), method="bounded",
        options={"xatol": 1e-12},
    )
    assert abs(sign * res.fun - end) <= 4 * np.spacing(abs(end)), (end, sign * res.fun)


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=_ids)
def test_output_range_is_honoured(entry: Activation) -> None:
    rng = entry.output_range
    x = np.concatenate([GRID, EXTREMES])
    y = _values(entry, x)
    assert not np.isnan(y).any()
    tol_lo = 4 * np.spacing(abs(rng.lower)) if math.isfinite(rng.lower) else 0.0
    tol_hi = 4 * np.spacing(abs(rng.upper)) if math.isfinite(rng.upper) else 0.0
    assert y.min() >= rng.lower - tol_lo
    assert y.max() <= rng.upper + tol_hi
    moderate = _values(entry, MODERATE)
    ends = ((rng.lower, rng.lower_closed, True), (rng.upper, rng.upper_closed, False))
    for end, closed, lower in ends:
        if math.isinf(end):
            extreme = y.min() if lower else y.max()
            assert (extreme <= -1e100) if lower else (extreme >= 1e100)
        elif closed:
            _check_closed_end(entry, end, lower)
        else:
            assert (moderate > end).all() if lower else (moderate < end).all()
            extreme = y.min() if lower else y.max()
            assert abs(extreme - end) <= 1e-12 * (1.0 + abs(end)), (end, extreme)


@pytest.mark.parametrize("entry", REGISTRY.values(), ids=_ids)
def test_bounded_flags_agree_with_the_range(entry: Activation) -> None:
    assert entry.bounded_below == math.isfinite(entry.output_range.lower)
    assert entry.bounded_above == math.isfinite(entry.output_range.upper)


# --- shape properties -----------------------------------------------------------------


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=_ids)
def test_monotonicity(entry: Activation) -> None:
    d = np.diff(_values(entry, GRID))
    slopes = _slopes(entry, GRID)
    if entry.monotonic == "increasing":
        assert (d >= 0).all() and (slopes >= 0).all()
        assert (np.diff(_values(entry, CORE)) > 0).all()
    elif entry.monotonic == "non-decreasing":
        assert (d >= 0).all() and (slopes >= 0).all()
        assert (np.diff(_values(entry, CORE)) == 0).any()
    else:
        assert (d < 0).any() and (d > 0).any()


@pytest.mark.parametrize("entry", REGISTRY.values(), ids=_ids)
def test_zero_centred_is_the_measured_mean(entry: Activation) -> None:
    mean, sd = output_moments(entry.id)
    ratio = abs(mean) / sd
    assert entry.zero_centred == (ratio <= ZERO_CENTRED_TOLERANCE), (mean, sd)
    # The verdict must not hang on the tolerance: every entry is far from it.
    assert ratio < ZERO_CENTRED_TOLERANCE / 5 or ratio > ZERO_CENTRED_TOLERANCE * 3, ratio


def _sample_inputs(entry: Activation, n: int) -> np.ndarray:
    rng = np.random.default_rng(20261204)
    return rng.standard_normal(n if entry.kind == "elementwise" else (n, 2))


@pytest.mark.parametrize("entry", REGISTRY.values(), ids=_ids)
def test_output_moments_agree_with_sampling(entry: Activation) -> None:
    n = 400_000
    y = np.asarray(entry.function(_sample_inputs(entry, n)), dtype=np.float64)
    if entry.kind == "vector":
        y = y[:, 0]
    mean, sd = output_moments(entry.id)
    standard_error = y.std() / math.sqrt(n)
    assert abs(y.mean() - mean) <= 5 * standard_error + 1e-12, (y.mean(), mean)
    assert abs(y.std() - sd) <= 0.01 * sd, (y.std(), sd)


def test_output_moments_match_closed_forms() -> None:
    # E[relu(X)] = 1/sqrt(2 pi); E[X Phi(X)] = E[phi(X)] = 1/(2 sqrt(pi)); softplus and
    # log-sigmoid differ by x, which has mean 0; SELU is built to keep mean 0 and variance 1.
    assert output_moments("relu").mean == pytest.approx(1 / math.sqrt(2 * math.pi), abs=1e-12)
    assert output_moments("relu").sd == pytest.approx(
        math.sqrt(0.5 - 1 / (2 * math.pi)), abs=1e-10
    )
    assert output_moments("gelu").mean == pytest.approx(1 / (2 * math.sqrt(math.pi)), abs=1e-12)
    assert output_moments("softplus").mean == pytest.approx(
        -output_moments("log_sigmoid").mean, abs=1e-12
    )
    assert output_moments("selu").mean == pytest.approx(0.0, abs=1e-8)
    assert output_moments("selu").sd == pytest.approx(1.0, abs=1e-8)
    assert output_moments("softmax").mean == pytest.approx(0.5, abs=1e-14)


def test_zero_centred_is_not_f0_and_both_signs() -> None:
    # The private definition this replaces: leaky ReLU passes it, yet its mean is positive.
    entry = get("leaky_relu")
    assert entry.f0 == 0.0 and entry.output_range.lower < 0 < entry.output_range.upper
    assert not entry.zero_centred and output_moments("leaky_relu").mean > 0.3


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=_ids)
def test_saturation_sides(entry: Activation) -> None:
    left, right = np.abs(_slopes(entry, np.array([-1e3, 1e3])))
    expected_left = entry.saturating in ("left", "both")
    expected_right = entry.saturating in ("right", "both")
    assert (left < 1e-5) if expected_left else (left >= 1e-3)
    assert (right < 1e-5) if expected_right else (right >= 1e-3)


def _gate_properties(entry: Activation) -> dict[str, bool]:
    x = GRID[(GRID != 0.0) & (np.abs(GRID) <= 1e3)]
    g = _values(entry, x) / x
    near = _values(entry, np.array([-1e-8, 1e-8])) / np.array([-1e-8, 1e-8])
    return {
        "in [0, 1]": bool(((g >= -1e-12) & (g <= 1 + 1e-12)).all()),
        "non-decreasing": bool((np.diff(g) >= -1e-12).all()),
        "0 at -inf": bool(g[0] < 1e-6),
        "1 at +inf": bool(g[-1] > 1 - 1e-6),
        "continuous at 0": bool(abs(near[1] - near[0]) < 1e-6),
        "inside (0, 1) at 0": bool(0.01 < near[0] < 0.99),
    }


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=_ids)
def test_self_gating(entry: Activation) -> None:
    properties = _gate_properties(entry)
    assert entry.self_gated == all(properties.values()), properties


# --- smoothness -----------------------------------------------------------------------


def _jump(entry: Activation, p: float) -> float:
    h = 1e-9
    return abs(float(entry.function(p + h)) - float(entry.function(p - h)))


def _slope_jump(entry: Activation, p: float) -> float:
    h = 1e-7
    return abs(float(entry.derivative(p + h)) - float(entry.derivative(p - h)))


def _curvature_jump(entry: Activation, p: float) -> float:
    h = 1e-4
    mid = float(entry.derivative(p))
    left = (mid - float(entry.derivative(p - h))) / h
    right = (float(entry.derivative(p + h)) - mid) / h
    return abs(right - left)


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=_ids)
def test_smoothness_class(entry: Activation) -> None:
    points = entry.breakpoints or (-2.0, -0.5, 0.0, 0.5, 2.0)
    jumps = [_jump(entry, p) for p in points]
    if entry.smoothness == "discontinuous":
        assert max(jumps) > 1e-3
        return
    assert max(jumps) < 1e-6
    slope_jumps = [_slope_jump(entry, p) for p in points]
    if entry.smoothness == "C0":
        assert max(slope_jumps) > 1e-3
        return
    assert max(slope_jumps) < 1e-5
    curvature_jumps = [_curvature_jump(entry, p) for p in points]
    if entry.smoothness == "C1":
        assert max(curvature_jumps) > 1e-2
    else:
        assert not entry.breakpoints
        assert max(curvature_jumps) < 1e-2


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=_ids)
def test_derivative_matches_finite_differences(entry: Activation) -> None:
    x = np.linspace(-6.0, 6.0, 241) + 1e-3
    far = np.all(np.abs(x[:, None] - np.array(entry.breakpoints or [np.inf])) > 1e-2, axis=1)
    x = x[far]
    h = 1e-6
    numeric = (_values(entry, x + h) - _values(entry, x - h)) / (2 * h)
    np.testing.assert_allclose(_slopes(entry, x), numeric, rtol=1e-6, atol=1e-7)


# --- vector entries -------------------------------------------------------------------


def _vector_inputs() -> np.ndarray:
    rng = np.random.default_rng(20260101)
    return rng.normal(scale=5.0, size=(64, 6))


def _extreme_pairs() -> np.ndarray:
    big = 1e100
    return np.array([[a, b] for a in (-big, 0.0, big) for b in (-big, 0.0, big)])


@pytest.mark.parametrize("entry", VECTOR, ids=_ids)
def test_vector_range_and_bounds(entry: Activation) -> None:
    rng = entry.output_range
    moderate = np.asarray(entry.function(_vector_inputs()))
    extreme = np.asarray(entry.function(_extreme_pairs()))
    for y in (moderate, extreme):
        assert not np.isnan(y).any()
        assert (y >= rng.lower).all() and (y <= rng.upper).all()
    if math.isfinite(rng.lower):
        assert (moderate > rng.lower).all() if not rng.lower_closed else True
    else:
        assert extreme.min() <= -1e100
    if math.isfinite(rng.upper):
        assert (moderate < rng.upper).all() if not rng.upper_closed else True
    else:
        assert extreme.max() >= 1e100


@pytest.mark.parametrize("entry", VECTOR, ids=_ids)
def test_vjp_and_jacobian_agree(entry: Activation) -> None:
    rng = np.random.default_rng(7)
    for x in _vector_inputs()[:8]:
        jac = np.asarray(entry.jacobian(x))
        y = np.asarray(entry.function(x))
        assert jac.shape == (y.size, x.size)
        v = rng.normal(size=y.size)
        np.testing.assert_allclose(entry.vjp(x, v), v @ jac, rtol=1e-12, atol=1e-14)
        h = 1e-6
        columns = [
            (np.asarray(entry.function(x + h * e)) - np.asarray(entry.function(x - h * e)))
            / (2 * h)
            for e in np.eye(x.size)
        ]
        np.testing.assert_allclose(jac, np.stack(columns, axis=1), rtol=1e-5, atol=1e-8)


def test_softmax_rows_are_distributions() -> None:
    x = np.concatenate([_vector_inputs(), np.array([[1e3, -1e3, 0.0, 5.0, 700.0, -700.0]])])
    s = np.asarray(get("softmax").function(x))
    np.testing.assert_allclose(s.sum(axis=-1), 1.0, rtol=0, atol=4e-16 * x.shape[-1])
    log_s = np.asarray(get("log_softmax").function(x))
    np.testing.assert_allclose(np.exp(log_s).sum(axis=-1), 1.0, rtol=0, atol=1e-15 * x.shape[-1])


def test_gated_linear_units_halve_the_axis() -> None:
    for entry in by_family()["gated-linear"]:
        assert np.asarray(entry.function(np.ones((3, 8)))).shape == (3, 4)
