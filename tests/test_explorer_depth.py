"""The depth simulator's reference values: the notebook's experiment, from the training core.

build/explorer/depth.json (written by hooks/explorer.py) is what
tests/browser/test_explorer_depth.py holds the browser's simulator to; here
the settings are checked against the notebook's source, the measurements
against the notebook's own way of computing them, and the numbers against
what the notebook's prose says they show.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pytest

import activations
from activations.training import MLP, softmax_cross_entropy
from activations_site import explorer

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "notebooks" / "vanishing-gradients.py"


@pytest.fixture(scope="module")
def reference() -> dict:
    return explorer.depth_reference()


def test_the_settings_are_the_notebooks() -> None:
    source = NOTEBOOK.read_text(encoding="utf-8")
    names = re.search(r"^DEPTH, WIDTH, CLASSES, SAMPLES = (.+)$", source, re.M).group(1)
    depth, width, classes, samples = ast.literal_eval(names)
    assert explorer.NOTEBOOK_DEPTH == {
        "depth": depth,
        "width": width,
        "batch": samples,
        "classes": classes,
        "seeds": 10,
    }
    assert re.search(r"^SEEDS = range\(10\)$", source, re.M)
    assert explorer.NOTEBOOK_DEPTH["seeds"] == 10
    assert "data = np.random.default_rng(1234)" in source
    block = re.search(r"^ACTIVATIONS = (\{.+?\})$", source, re.M | re.S).group(1)
    inits = ast.literal_eval(block)
    assert {k: explorer.INITS[v] for k, v in explorer.NOTEBOOK_INITS.items()} == inits


def test_the_measurement_is_the_notebooks() -> None:
    """Norms of delta as the notebook computes them (inserting from the output back)."""
    settings = {**explorer.NOTEBOOK_DEPTH, "depth": 5, "seeds": 3}
    got = explorer.depth_measure("tanh", "xavier", settings)
    data = np.random.default_rng(1234)
    x = data.normal(size=(128, 32))
    labels = data.integers(0, 10, size=128)
    net = MLP(
        [32] * 6 + [10],
        "tanh",
        init="xavier_normal",
        rng=[np.random.default_rng(s) for s in range(3)],
    )
    trace = net.forward(x)
    output_gradient = softmax_cross_entropy(trace.outputs, labels).gradient
    slopes = [activations.tanh_derivative(z) for z in trace.pre_activations[:-1]]
    deltas = [output_gradient]
    for w, slope in zip(net.weights[:0:-1], slopes[::-1], strict=True):
        deltas.insert(0, (deltas[0] @ np.swapaxes(w, -1, -2)) * slope)
    norms = np.stack([np.sqrt((d * d).sum(axis=(-2, -1))) for d in deltas[:-1]], axis=-1)
    # The weight gradients of the training core are a_{l-1}^T delta_l with these deltas.
    grads = net.backward(trace, output_gradient)
    assert np.allclose(np.swapaxes(trace.activations[0], -1, -2) @ deltas[1], grads.weights[1])
    assert got["delta"].shape == (3, 5)
    np.testing.assert_allclose(got["delta"], norms, rtol=1e-12)
    np.testing.assert_allclose(got["std"][:, 0], trace.activations[0].std(axis=(-2, -1)))
    assert np.all(got["dead"] == 0)


def test_the_reference_shows_what_the_notebook_says(reference: dict) -> None:
    cases = {c["fn"]: c for c in reference["cases"]}
    assert set(cases) == set(explorer.NOTEBOOK_INITS)
    for case in cases.values():
        for key in ("logstd", "logdelta", "dead"):
            assert len(case[key]["mean"]) == len(case[key]["sd"]) == 20
        assert all(sd > 0 for sd in case["logdelta"]["sd"])
    per_layer = {
        k: (c["logdelta"]["mean"][0] - c["logdelta"]["mean"][19]) / 19 for k, c in cases.items()
    }
    # Sigmoid's error shrinks by about its mean derivative (~0.2) per layer towards the input;
    # tanh's shrinks too, ReLU's and SELU's barely move.
    assert 10 ** per_layer["sigmoid"] < 0.3
    assert 10 ** per_layer["tanh"] < 0.95
    assert 0.9 < 10 ** per_layer["relu"] < 1.1 and 0.9 < 10 ** per_layer["selu"] < 1.1
    # Only ReLU has units that never fire on the batch; SELU keeps its spread near 1.
    assert max(cases["relu"]["dead"]["mean"]) > 0.05
    assert all(max(c["dead"]["mean"]) == 0 for k, c in cases.items() if k != "relu")
    assert all(abs(v) < 0.1 for v in cases["selu"]["logstd"]["mean"])


def test_rectifiers_come_from_the_registry() -> None:
    assert explorer.rectifiers() == ["relu", "relu6"]


def test_the_page_data_carries_the_depth_settings() -> None:
    depth = explorer.page_data("en")["depth"]
    assert depth["inits"] == list(explorer.INITS)
    for key, (low, high) in depth["limits"].items():
        assert low <= depth["defaults"][key] <= high
    assert depth["limits"]["depth"] == [1, 100]
    assert {k: depth["defaults"][k] for k in explorer.NOTEBOOK_DEPTH} == explorer.NOTEBOOK_DEPTH
