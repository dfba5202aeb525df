"""Tests of the training core: backpropagation against finite differences, losses,
optimisers, initialisers, seeding and input validation."""

from __future__ import annotations

import numpy as np
import pytest

from activations import log_softmax_vjp
from activations.training import (
    INITIALISERS,
    MLP,
    SGD,
    Adam,
    binary_cross_entropy,
    fit,
    he_normal,
    mean_squared_error,
    softmax_cross_entropy,
    xavier_uniform,
)

ACTIVATIONS = {
    "relu": "he_normal",
    "leaky_relu": "he_normal",
    "tanh": "xavier_normal",
    "sigmoid": "xavier_uniform",
    "gelu": "he_uniform",
    "selu": "lecun_normal",
}
KINKED = {"relu", "leaky_relu", "selu"}
STEP = 1e-6


def _problem(loss_name: str, n_out: int, rng: np.random.Generator):
    x = rng.normal(size=(7, 3))
    if loss_name == "binary":
        return x, (rng.random((7, n_out)) < 0.5).astype(float), binary_cross_entropy
    if loss_name == "softmax":
        return x, rng.integers(0, n_out, size=7), softmax_cross_entropy
    return x, rng.normal(size=(7, n_out)), mean_squared_error


def _numerical_gradients(net: MLP, x, y, loss) -> list[np.ndarray]:
    """Central differences of the loss with respect to every parameter entry."""
    grads = []
    for param in net.parameters():
        grad = np.empty_like(param)
        for index in np.ndindex(param.shape):
            saved = param[index]
            param[index] = saved + STEP
            upper = float(np.sum(loss(net.predict(x), y).value))
            param[index] = saved - STEP
            lower = float(np.sum(loss(net.predict(x), y).value))
            param[index] = saved
            grad[index] = (upper - lower) / (2 * STEP)
        grads.append(grad)
    return grads


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("loss_name", ["binary", "softmax", "mse"])
def test_backward_matches_central_differences(activation: str, loss_name: str) -> None:
    rng = np.random.default_rng(20240501)
    x, y, loss = _problem(loss_name, 3, rng)
    net = MLP(
        [3, 5, 4, 3],
        activation,
        init=ACTIVATIONS[activation],
        rng=np.random.default_rng(7),
        bias=0.1,
    )
    trace = net.forward(x)
    if activation in KINKED:
        # A finite difference straddling a kink measures neither one-sided slope.
        closest = min(float(np.abs(z).min()) for z in trace.pre_activations[:-1])
        assert closest > 1e-3, "test data too close to a kink; pick another seed"
    gradient = loss(trace.outputs, y).gradient
    analytic = net.backward(trace, gradient).flat()
    numeric = _numerical_gradients(net, x, y, loss)
    for a, n in zip(analytic, numeric, strict=True):
        np.testing.assert_allclose(a, n, rtol=1e-6, atol=1e-9)


def test_backward_of_a_stack_matches_central_differences() -> None:
    rng = np.random.default_rng(3)
    x, y, loss = _problem("softmax", 3, rng)
    net = MLP(
        [3, 4, 3], "tanh", init="xavier_normal", rng=[np.random.default_rng(s) for s in (1, 2)]
    )
    trace = net.forward(x)
    analytic = net.backward(trace, loss(trace.outputs, y).gradient).flat()
    for a, n in zip(analytic, _numerical_gradients(net, x, y, loss), strict=True):
        np.testing.assert_allclose(a, n, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("loss", [binary_cross_entropy, softmax_cross_entropy, mean_squared_error])
def test_loss_gradient_matches_central_differences(loss) -> None:
    rng = np.random.default_rng(11)
    z = rng.normal(scale=3.0, size=(5, 4))
    if loss is softmax_cross_entropy:
        y = np.eye(4)[rng.integers(0, 4, size=5)]
    else:
        y = rng.random((5, 4))
    gradient = loss(z, y).gradient
    numeric = np.empty_like(z)
    for index in np.ndindex(z.shape):
        step = np.zeros_like(z)
        step[index] = STEP
        numeric[index] = (loss(z + step, y).value - loss(z - step, y).value) / (2 * STEP)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-6, atol=1e-9)


def test_softmax_cross_entropy_gradient_is_p_minus_y_over_n() -> None:
    z = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 4.0]])
    labels = np.array([0, 2])
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    expected = (p - np.eye(3)[labels]) / 2
    np.testing.assert_allclose(softmax_cross_entropy(z, labels).gradient, expected, rtol=1e-14)
    one_hot = softmax_cross_entropy(z, np.eye(3)[labels])
    assert one_hot.value == pytest.approx(softmax_cross_entropy(z, labels).value, rel=1e-15)
    reference = -np.mean(np.log(p[[0, 1], labels]))
    assert one_hot.value == pytest.approx(reference, rel=1e-14)


def test_binary_cross_entropy_matches_the_textbook_formula() -> None:
    rng = np.random.default_rng(2)
    z = rng.normal(scale=4.0, size=(6, 3))
    y = rng.random((6, 3))
    p = 1 / (1 + np.exp(-z))
    reference = -np.mean(y * np.log(p) + (1 - y) * np.log1p(-p))
    assert binary_cross_entropy(z, y).value == pytest.approx(reference, rel=1e-13)
    np.testing.assert_allclose(binary_cross_entropy(z, y).gradient, (p - y) / 18, rtol=1e-13)


def test_softmax_cross_entropy_gradient_is_the_log_softmax_vjp() -> None:
    rng = np.random.default_rng(8)
    z = rng.normal(scale=4.0, size=(2, 6, 5))
    y = rng.dirichlet(np.ones(5), size=6)
    expected = log_softmax_vjp(z, np.broadcast_to(-y / 6, z.shape), axis=-1)
    np.testing.assert_allclose(softmax_cross_entropy(z, y).gradient, expected, atol=1e-16)


def test_losses_are_stable_for_extreme_logits() -> None:
    assert binary_cross_entropy([[-800.0]], [[1.0]]).value == pytest.approx(800.0, rel=1e-15)
    assert binary_cross_entropy([[800.0]], [[1.0]]).value == 0.0
    assert binary_cross_entropy([[800.0]], [[0.0]]).value == pytest.approx(800.0, rel=1e-15)
    assert softmax_cross_entropy([[1000.0, 0.0]], [1]).value == pytest.approx(1000.0, rel=1e-15)
    assert np.all(np.isfinite(softmax_cross_entropy([[1000.0, -1000.0]], [1]).gradient))


def test_stacked_losses_give_one_value_per_network() -> None:
    z = np.random.default_rng(0).normal(size=(3, 5, 2))
    labels = np.array([0, 1, 1, 0, 1])
    stacked = softmax_cross_entropy(z, labels)
    assert stacked.value.shape == (3,)
    for k in range(3):
        single = softmax_cross_entropy(z[k], labels)
        assert stacked.value[k] == pytest.approx(single.value, rel=1e-15)
        np.testing.assert_allclose(stacked.gradient[k], single.gradient, rtol=1e-15)


def test_training_reduces_the_loss_on_xor() -> None:
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    net = MLP([2, 4, 1], "tanh", init="xavier_uniform", rng=np.random.default_rng(1))
    history = fit(net, x, y, loss=binary_cross_entropy, optimizer=Adam(0.05), epochs=300)
    assert history[-1] < 0.05 * history[0]
    assert ((net.predict(x) > 0) == (y > 0.5)).all()


@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_sgd_reduces_the_loss_of_a_small_regression(momentum: float) -> None:
    rng = np.random.default_rng(5)
    x = rng.uniform(-2, 2, size=(64, 1))
    y = np.sin(x)
    net = MLP([1, 16, 1], "tanh", init="xavier_normal", rng=np.random.default_rng(0))
    history = fit(
        net,
        x,
        y,
        loss=mean_squared_error,
        optimizer=SGD(0.05, momentum=momentum),
        epochs=200,
        batch_size=16,
        rng=np.random.default_rng(1),
    )
    assert history[-1] < 0.2 * history[0]


def test_same_seed_same_network_and_same_training() -> None:
    x = np.random.default_rng(0).normal(size=(20, 3))
    labels = (x[:, 0] > 0).astype(int)

    def run(seed: int):
        net = MLP([3, 6, 2], "gelu", init="he_normal", rng=np.random.default_rng(seed))
        initial = [p.copy() for p in net.parameters()]
        history = fit(
            net,
            x,
            labels,
            loss=softmax_cross_entropy,
            optimizer=Adam(0.01),
            epochs=5,
            batch_size=8,
            rng=np.random.default_rng(seed + 100),
        )
        return initial, history, net.parameters()

    first, second, other = run(4), run(4), run(5)
    for a, b in zip(first[0] + first[2], second[0] + second[2], strict=True):
        assert np.array_equal(a, b)
    assert np.array_equal(first[1], second[1])
    assert not np.array_equal(first[0][0], other[0][0])


def test_a_stack_trains_like_its_members_alone() -> None:
    x = np.random.default_rng(0).normal(size=(12, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    seeds = [3, 8, 13]
    stack = MLP([2, 5, 1], "relu", init="he_normal", rng=[np.random.default_rng(s) for s in seeds])
    stacked = fit(stack, x, y, loss=binary_cross_entropy, optimizer=Adam(0.02), epochs=25)
    for k, seed in enumerate(seeds):
        solo = MLP([2, 5, 1], "relu", init="he_normal", rng=np.random.default_rng(seed))
        history = fit(solo, x, y, loss=binary_cross_entropy, optimizer=Adam(0.02), epochs=25)
        np.testing.assert_allclose(stacked[:, k], history, rtol=1e-12)
        for s, p in zip(stack.parameters(), solo.parameters(), strict=True):
            np.testing.assert_allclose(s[k].reshape(p.shape), p, rtol=1e-10, atol=1e-13)


def test_adam_matches_the_algorithm_of_the_paper() -> None:
    theta = np.array([2.0, -3.0])
    reference = theta.copy()
    m = np.zeros(2)
    v = np.zeros(2)
    optimizer = Adam(0.1, beta1=0.8, beta2=0.99, eps=1e-6)
    for t in range(1, 6):
        g = 2 * reference
        m = 0.8 * m + 0.2 * g
        v = 0.99 * v + 0.01 * g * g
        reference = reference - 0.1 * (m / (1 - 0.8**t)) / (np.sqrt(v / (1 - 0.99**t)) + 1e-6)
        optimizer.step([theta], [2 * theta])
        np.testing.assert_allclose(theta, reference, rtol=1e-14)


def test_sgd_momentum_matches_the_heavy_ball_recursion() -> None:
    theta = np.array([1.0])
    velocity = 0.0
    expected = 1.0
    optimizer = SGD(0.1, momentum=0.9)
    for _ in range(5):
        velocity = 0.9 * velocity + 2 * expected
        expected -= 0.1 * velocity
        optimizer.step([theta], [2 * theta])
        assert theta[0] == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize(
    ("name", "variance"),
    [
        ("xavier_uniform", 2 / 700),
        ("xavier_normal", 2 / 700),
        ("he_normal", 2 / 300),
        ("he_uniform", 2 / 300),
        ("lecun_normal", 1 / 300),
    ],
)
def test_initialisers_have_the_prescribed_variance(name: str, variance: float) -> None:
    w = INITIALISERS[name](300, 400, rng=np.random.default_rng(0))
    assert w.shape == (300, 400) and w.dtype == np.float64
    assert abs(w.mean()) < 0.01 * np.sqrt(variance)
    assert w.var() == pytest.approx(variance, rel=0.02)


def test_dead_units_and_positive_fraction() -> None:
    x = np.random.default_rng(0).normal(size=(50, 4))
    dead = MLP([4, 6, 6, 1], "relu", init="he_normal", rng=np.random.default_rng(0), bias=-50.0)
    assert all(layer.all() for layer in dead.dead_units(x))
    assert np.array_equal(dead.forward(x).positive_fraction(), [0.0, 0.0])
    # Far enough into saturation that tanh' is small, not so far that 1 - tanh^2 rounds to 0.
    alive = MLP([4, 6, 6, 1], "tanh", init="xavier_normal", rng=np.random.default_rng(0), bias=-5.0)
    assert not any(layer.any() for layer in alive.dead_units(x))
    trace = MLP([4, 8, 1], "relu", init="he_normal", rng=np.random.default_rng(0)).forward(x)
    assert trace.positive_fraction()[0] == pytest.approx(np.mean(trace.pre_activations[0] > 0))


def test_weight_norms_are_frobenius_norms_per_layer_and_network() -> None:
    x = np.random.default_rng(0).normal(size=(9, 3))
    net = MLP([3, 4, 4, 2], "sigmoid", init="xavier_normal", rng=[np.random.default_rng(1)] * 1)
    trace = net.forward(x)
    grads = net.backward(trace, softmax_cross_entropy(trace.outputs, np.zeros(9, int)).gradient)
    norms = grads.weight_norms()
    assert norms.shape == (1, 3)
    for layer, g in enumerate(grads.weights):
        assert norms[0, layer] == pytest.approx(np.linalg.norm(g[0]), rel=1e-14)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: MLP([2], "relu", init="he_normal", rng=np.random.default_rng(0)),
            TypeError,
            r"MLP\(\): layer_sizes",
        ),
        (
            lambda: MLP([2, 0, 1], "relu", init="he_normal", rng=np.random.default_rng(0)),
            ValueError,
            r"MLP\(\): every layer size",
        ),
        (
            lambda: MLP([2, 3, 1], "relu_", init="he_normal", rng=np.random.default_rng(0)),
            ValueError,
            r"MLP\(\): activation",
        ),
        (
            lambda: MLP([2, 3, 1], "softmax", init="he_normal", rng=np.random.default_rng(0)),
            ValueError,
            r"MLP\(\): activation",
        ),
        (
            lambda: MLP([2, 3, 1], "relu", init="glorot", rng=np.random.default_rng(0)),
            ValueError,
            r"MLP\(\): init",
        ),
        (lambda: MLP([2, 3, 1], "relu", init="he_normal", rng=0), TypeError, r"MLP\(\): rng"),
        (lambda: MLP([2, 3, 1], "relu", init="he_normal", rng=[]), TypeError, r"MLP\(\): rng"),
        (
            lambda: MLP(
                [2, 3, 1], "relu", init="he_normal", rng=np.random.default_rng(0), bias=float("nan")
            ),
            ValueError,
            r"MLP\(\): bias",
        ),
        (
            lambda: MLP([2, 3, 1], "relu", init="he_normal", rng=np.random.default_rng(0)).forward(
                np.zeros((4, 3))
            ),
            ValueError,
            r"MLP\.forward\(\): x must have shape",
        ),
        (
            lambda: MLP([2, 3, 1], "relu", init="he_normal", rng=np.random.default_rng(0)).forward(
                np.zeros((4, 2), dtype=complex)
            ),
            TypeError,
            r"MLP\.forward\(\): x",
        ),
        (
            lambda: binary_cross_entropy(np.zeros((3, 1)), np.zeros((2, 1))),
            ValueError,
            r"binary_cross_entropy\(\): targets of shape",
        ),
        (
            lambda: binary_cross_entropy(np.zeros((3, 1)), np.full((3, 1), 2.0)),
            ValueError,
            r"binary_cross_entropy\(\): targets must lie in \[0, 1\]",
        ),
        (
            lambda: binary_cross_entropy(np.zeros(3), np.zeros(3)),
            ValueError,
            r"binary_cross_entropy\(\): logits must have shape",
        ),
        (
            lambda: softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 3])),
            ValueError,
            r"softmax_cross_entropy\(\): integer targets must lie in 0 \.\. 2",
        ),
        (
            lambda: softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 1, 2])),
            ValueError,
            r"softmax_cross_entropy\(\): integer targets must be a 1-D array",
        ),
        (
            lambda: softmax_cross_entropy(np.zeros((2, 2)), np.full((2, 2), 0.7)),
            ValueError,
            r"softmax_cross_entropy\(\): probability targets",
        ),
        (
            lambda: mean_squared_error(np.zeros((2, 2)), np.full((2, 2), np.inf)),
            ValueError,
            r"mean_squared_error\(\): outputs and targets must be finite",
        ),
        (lambda: SGD(0.0), ValueError, r"SGD\(\): learning_rate must be > 0"),
        (lambda: SGD(0.1, momentum=1.0), ValueError, r"SGD\(\): momentum must be < 1"),
        (lambda: Adam("0.1"), TypeError, r"Adam\(\): learning_rate"),
        (lambda: Adam(beta2=1.0), ValueError, r"Adam\(\): beta2 must be < 1"),
        (
            lambda: SGD(0.1).step([np.zeros(2)], [np.zeros(3)]),
            ValueError,
            r"SGD\.step\(\): grads\[0\] has shape",
        ),
        (lambda: Adam().step([np.zeros(2)], []), ValueError, r"Adam\.step\(\): got 1 parameter"),
        (
            lambda: he_normal(0, 3, rng=np.random.default_rng(0)),
            ValueError,
            r"he_normal\(\): fan_in must be a positive integer",
        ),
        (
            lambda: xavier_uniform(2, 3.0, rng=np.random.default_rng(0)),
            TypeError,
            r"xavier_uniform\(\): fan_out must be a positive integer",
        ),
        (
            lambda: he_normal(2, 3, rng=np.random.RandomState(0)),
            TypeError,
            r"he_normal\(\): rng must be a numpy.random.Generator",
        ),
        (
            lambda: fit(
                MLP([1, 2, 1], "tanh", init="xavier_normal", rng=np.random.default_rng(0)),
                np.zeros((3, 1)),
                np.zeros((3, 1)),
                loss=mean_squared_error,
                optimizer=SGD(0.1),
                epochs=0,
            ),
            ValueError,
            r"fit\(\): epochs",
        ),
        (
            lambda: fit(
                MLP([1, 2, 1], "tanh", init="xavier_normal", rng=np.random.default_rng(0)),
                np.zeros((3, 1)),
                np.zeros((2, 1)),
                loss=mean_squared_error,
                optimizer=SGD(0.1),
                epochs=1,
            ),
            ValueError,
            r"fit\(\): x must be",
        ),
    ],
)
def test_invalid_input_names_the_function_and_argument(call, error, message) -> None:
    with pytest.raises(error, match=message):
        call()


def test_a_changed_parameter_list_is_refused() -> None:
    optimizer = Adam()
    optimizer.step([np.zeros(2)], [np.ones(2)])
    with pytest.raises(ValueError, match=r"Adam\.step\(\): the parameter list changed"):
        optimizer.step([np.zeros(3)], [np.ones(3)])


def test_bad_activation_parameter_fails_at_construction() -> None:
    with pytest.raises((TypeError, ValueError), match="negative_slope"):
        MLP(
            [2, 3, 1],
            "leaky_relu",
            init="he_normal",
            rng=np.random.default_rng(0),
            activation_params={"negative_slope": float("nan")},
        )
