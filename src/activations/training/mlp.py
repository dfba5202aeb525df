"""A small fully connected network (MLP) with explicit forward and backward passes.

Hidden layers compute $z_l = a_{l-1} W_l + b_l$ and $a_l = f(z_l)$ with an
elementwise activation $f$ of this package; backpropagation multiplies by
``f_derivative(z_l)``, the package's derivative, so the training core exercises
exactly the functions documented on the site. The last layer is linear: its
output $z_L$ are logits, and the output non-linearity (sigmoid, softmax) lives in
the loss (:mod:`activations.training.losses`), which is both the stable and the
conventional arrangement.

A network built from a *list* of generators is a stack of independent networks
(an "ensemble" axis in front of every weight), trained in lockstep by the same
vectorised code. Member ``k`` starts bit-for-bit as the network a single
generator with the same seed would give and, trained on the same batches, stays
equal to it up to the rounding of the (differently batched) matrix products.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

import activations
from activations._inputs import prepare, real_parameter
from activations.training.init import INITIALISERS
from activations.training.losses import Loss

__all__ = ["MLP", "Gradients", "Trace", "fit"]

Array = NDArray[np.float64]


def _elementwise_names() -> list[str]:
    return sorted(
        name
        for name in activations.__all__
        if not name.endswith("_derivative") and f"{name}_derivative" in activations.__all__
    )


@dataclass(frozen=True)
class Trace:
    """What a forward pass computed, kept for the backward pass and for inspection.

    Attributes
    ----------
    inputs : ndarray, shape ([m,] n, d_0)
        The network input (float64).
    pre_activations : tuple of ndarray
        $z_1, \\dots, z_L$, each of shape ``([m,] n, d_l)``; the last one is the output.
    activations : tuple of ndarray
        Hidden-layer outputs $a_l = f(z_l)$ for $l = 1, \\dots, L-1$.
    """

    inputs: Array
    pre_activations: tuple[Array, ...]
    activations: tuple[Array, ...]

    @property
    def outputs(self) -> Array:
        """The network output $z_L$ (logits; the last layer is linear)."""
        return self.pre_activations[-1]

    def positive_fraction(self) -> Array:
        """Fraction of hidden pre-activations $z_l > 0$ per hidden layer.

        Returns an array of shape ``([m,] L-1)``: one value per hidden layer
        (and per network of a stack), over all samples and units.
        """
        hidden = self.pre_activations[:-1]
        return np.stack([(z > 0).mean(axis=(-2, -1)) for z in hidden], axis=-1)


@dataclass(frozen=True)
class Gradients:
    """Gradients of the loss with respect to every weight matrix and bias vector."""

    weights: tuple[Array, ...]
    biases: tuple[Array, ...]

    def weight_norms(self) -> Array:
        """Frobenius norm $\\lVert \\partial L/\\partial W_l \\rVert$ per layer.

        Returns an array of shape ``([m,] L)``.
        """
        return np.stack([np.sqrt((g * g).sum(axis=(-2, -1))) for g in self.weights], axis=-1)

    def flat(self) -> list[Array]:
        """``[dW_1, db_1, dW_2, db_2, ...]``, in the order of :meth:`MLP.parameters`."""
        return [g for pair in zip(self.weights, self.biases, strict=True) for g in pair]


class MLP:
    r"""A multilayer perceptron with a hidden activation from this package.

    $$z_l = a_{l-1} W_l + b_l,\qquad a_l = f(z_l)\ (l < L),\qquad \hat y = z_L$$

    Parameters
    ----------
    layer_sizes : sequence of int
        ``[d_0, d_1, ..., d_L]``: input width, hidden widths, output width
        (at least two entries, all positive).
    activation : str
        Name of an elementwise activation of :mod:`activations` that has a
        ``<name>_derivative`` (e.g. ``"relu"``, ``"tanh"``, ``"gelu"``, ``"selu"``).
    init : str
        Weight initialisation, a key of
        :data:`activations.training.init.INITIALISERS` (``"xavier_uniform"``,
        ``"xavier_normal"``, ``"he_normal"``, ``"he_uniform"``, ``"lecun_normal"``).
    rng : numpy.random.Generator or sequence of them
        One generator gives one network with weights of shape ``(d_{l-1}, d_l)``;
        a sequence of ``m`` generators gives ``m`` independent networks stacked
        along a leading axis (weights ``(m, d_{l-1}, d_l)``).
    activation_params : mapping, optional
        Keyword parameters of the activation, e.g. ``{"negative_slope": 0.1}``.
    bias : float
        Initial value of every bias (default 0).

    Examples
    --------
    >>> import numpy as np
    >>> net = MLP([2, 3, 1], "tanh", init="xavier_uniform", rng=np.random.default_rng(0))
    >>> [w.shape for w in net.weights], [b.shape for b in net.biases]
    ([(2, 3), (3, 1)], [(3,), (1,)])
    >>> trace = net.forward([[0.0, 1.0], [1.0, 0.0]])
    >>> trace.outputs.shape, len(trace.pre_activations), len(trace.activations)
    ((2, 1), 2, 1)
    >>> stack = MLP([2, 3, 1], "tanh", init="xavier_uniform",
    ...             rng=[np.random.default_rng(s) for s in range(4)])
    >>> stack.weights[0].shape, stack.forward([[0.0, 1.0]]).outputs.shape
    ((4, 2, 3), (4, 1, 1))
    >>> bool(np.array_equal(stack.weights[0][0], net.weights[0]))
    True
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        activation: str,
        *,
        init: str,
        rng: np.random.Generator | Sequence[np.random.Generator],
        activation_params: Mapping[str, Any] | None = None,
        bias: float = 0.0,
    ) -> None:
        sizes = list(layer_sizes) if isinstance(layer_sizes, Sequence) else None
        if (
            sizes is None
            or len(sizes) < 2
            or any(isinstance(s, bool) or not isinstance(s, numbers.Integral) for s in sizes)
        ):
            raise TypeError(
                f"MLP(): layer_sizes must be a sequence of at least two integers, "
                f"got {layer_sizes!r}"
            )
        if min(sizes) < 1:
            raise ValueError(f"MLP(): every layer size must be >= 1, got {sizes}")
        self.layer_sizes = [int(s) for s in sizes]

        names = _elementwise_names()
        if not isinstance(activation, str) or activation not in names:
            raise ValueError(
                f"MLP(): activation must be the name of an elementwise activation with a "
                f"derivative ({', '.join(names)}), got {activation!r}"
            )
        self.activation = activation
        params = dict(activation_params or {})
        function: Callable[..., Array] = getattr(activations, activation)
        derivative: Callable[..., Array] = getattr(activations, f"{activation}_derivative")
        # Calling once here turns a bad parameter into an error at construction
        # time, with the activation's own message, instead of mid-training.
        function(np.zeros(1), **params)
        self.activation_params = params
        self._f = function
        self._df = derivative

        if not isinstance(init, str) or init not in INITIALISERS:
            raise ValueError(f"MLP(): init must be one of {', '.join(INITIALISERS)}, got {init!r}")
        self.init = init
        bias_value = real_parameter(bias, "MLP", "bias")

        if isinstance(rng, np.random.Generator):
            generators = [rng]
            self.ensemble_size: int | None = None
        elif (
            isinstance(rng, Sequence)
            and len(rng) > 0
            and all(isinstance(g, np.random.Generator) for g in rng)
        ):
            generators = list(rng)
            self.ensemble_size = len(generators)
        else:
            raise TypeError(
                "MLP(): rng must be a numpy.random.Generator or a non-empty sequence of them, "
                f"got {type(rng).__name__}"
            )

        initialise = INITIALISERS[init]
        shapes = list(zip(self.layer_sizes[:-1], self.layer_sizes[1:], strict=True))
        # Each generator draws its whole network before the next one starts, so a
        # member of a stack equals the single network built from the same seed.
        drawn = [[initialise(d_in, d_out, rng=g) for d_in, d_out in shapes] for g in generators]
        if self.ensemble_size is None:
            self.weights = drawn[0]
            self.biases = [np.full(d_out, bias_value) for _, d_out in shapes]
        else:
            self.weights = [np.stack(layer) for layer in zip(*drawn, strict=True)]
            self.biases = [
                np.full((self.ensemble_size, 1, d_out), bias_value) for _, d_out in shapes
            ]

    def __repr__(self) -> str:
        stack = "" if self.ensemble_size is None else f", ensemble_size={self.ensemble_size}"
        return f"MLP({self.layer_sizes}, {self.activation!r}, init={self.init!r}{stack})"

    def parameters(self) -> list[Array]:
        """``[W_1, b_1, W_2, b_2, ...]``: the arrays an optimiser updates in place."""
        return [p for pair in zip(self.weights, self.biases, strict=True) for p in pair]

    def _inputs(self, x: ArrayLike, func: str) -> Array:
        values = prepare(x, func).values
        allowed = (2,) if self.ensemble_size is None else (2, 3)
        if (
            values.ndim not in allowed
            or values.shape[-1] != self.layer_sizes[0]
            or (values.ndim == 3 and values.shape[0] != self.ensemble_size)
        ):
            expected = f"(n_samples, {self.layer_sizes[0]})"
            if self.ensemble_size is not None:
                expected += f" or ({self.ensemble_size}, n_samples, {self.layer_sizes[0]})"
            raise ValueError(f"{func}(): x must have shape {expected}, got {values.shape}")
        return values

    def forward(self, x: ArrayLike) -> Trace:
        """Run the network on ``x`` of shape ``(n, d_0)`` and record every layer."""
        a = self._inputs(x, "MLP.forward")
        inputs = a
        pre: list[Array] = []
        post: list[Array] = []
        last = len(self.weights) - 1
        for index, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = a @ w + b
            pre.append(z)
            if index < last:
                a = self._f(z, **self.activation_params)
                post.append(a)
        return Trace(inputs, tuple(pre), tuple(post))

    def predict(self, x: ArrayLike) -> Array:
        """The network output (logits) for ``x``."""
        return self.forward(x).outputs

    def backward(self, trace: Trace, output_gradient: ArrayLike) -> Gradients:
        r"""Backpropagate $\partial L/\partial z_L$ through the layers recorded in ``trace``.

        $$\delta_L = \frac{\partial L}{\partial z_L},\quad
          \frac{\partial L}{\partial W_l} = a_{l-1}^{\top}\delta_l,\quad
          \frac{\partial L}{\partial b_l} = \textstyle\sum_i \delta_{l,i},\quad
          \delta_{l-1} = (\delta_l W_l^{\top}) \odot f'(z_{l-1})$$
        """
        delta = prepare(output_gradient, "MLP.backward", "output_gradient").values
        if delta.shape != trace.outputs.shape:
            raise ValueError(
                f"MLP.backward(): output_gradient must have the shape of the outputs "
                f"{trace.outputs.shape}, got {delta.shape}"
            )
        inputs = (trace.inputs, *trace.activations)
        grad_w: list[Array] = []
        grad_b: list[Array] = []
        for index in range(len(self.weights) - 1, -1, -1):
            grad_w.append(np.swapaxes(inputs[index], -1, -2) @ delta)
            grad_b.append(delta.sum(axis=-2).reshape(self.biases[index].shape))
            if index > 0:
                slope = self._df(trace.pre_activations[index - 1], **self.activation_params)
                delta = (delta @ np.swapaxes(self.weights[index], -1, -2)) * slope
        return Gradients(tuple(reversed(grad_w)), tuple(reversed(grad_b)))

    def dead_units(self, x: ArrayLike) -> list[NDArray[np.bool_]]:
        """Hidden units whose activation derivative is 0 on every sample of ``x``.

        Such a unit passes no gradient to its incoming weights for this data,
        so gradient descent on this data can never revive it (for ReLU: its
        pre-activation is $\\le 0$ on every sample). Returns one boolean array
        of shape ``([m,] d_l)`` per hidden layer.
        """
        trace = self.forward(x)
        return [
            np.all(self._df(z, **self.activation_params) == 0, axis=-2)
            for z in trace.pre_activations[:-1]
        ]

    def train_step(
        self,
        x: ArrayLike,
        targets: ArrayLike,
        *,
        loss: Callable[[Array, ArrayLike], Loss],
        optimizer: Any,
    ) -> tuple[np.float64 | Array, Gradients]:
        """One forward pass, backward pass and optimiser step on one batch.

        Returns the loss before the update (one value per network) and the gradients.
        """
        trace = self.forward(x)
        value, gradient = loss(trace.outputs, targets)
        grads = self.backward(trace, gradient)
        optimizer.step(self.parameters(), grads.flat())
        return value, grads


def fit(
    net: MLP,
    x: ArrayLike,
    targets: ArrayLike,
    *,
    loss: Callable[[Array, ArrayLike], Loss],
    optimizer: Any,
    epochs: int,
    batch_size: int | None = None,
    rng: np.random.Generator | None = None,
) -> Array:
    """Train ``net`` for ``epochs`` passes over ``(x, targets)``; return the loss per epoch.

    Parameters
    ----------
    net : MLP
        The network (or stack of networks) to train in place.
    x, targets : array_like
        Inputs ``(n, d_0)`` and targets (first axis: samples).
    loss : callable
        ``binary_cross_entropy``, ``softmax_cross_entropy`` or ``mean_squared_error``.
    optimizer : SGD or Adam
        Optimiser created for this network.
    epochs : int
        Number of passes over the data.
    batch_size : int, optional
        Mini-batch size; ``None`` means full-batch gradient descent.
    rng : numpy.random.Generator, optional
        Shuffles the samples at every epoch when given (all networks of a stack
        see the same order); without it the batches are taken in order.

    Returns
    -------
    ndarray of shape ``(epochs,)`` or ``(epochs, m)``
        The mean of the batch losses of each epoch, measured before each update.

    Examples
    --------
    >>> import numpy as np
    >>> from activations.training import Adam, binary_cross_entropy
    >>> x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    >>> y = np.array([[0], [1], [1], [0]], dtype=float)
    >>> net = MLP([2, 4, 1], "tanh", init="xavier_uniform", rng=np.random.default_rng(1))
    >>> history = fit(net, x, y, loss=binary_cross_entropy, optimizer=Adam(0.05), epochs=300)
    >>> bool(history[-1] < 0.05 * history[0])
    True
    >>> ((net.predict(x) > 0).astype(int).ravel()).tolist()
    [0, 1, 1, 0]
    """
    if not isinstance(net, MLP):
        raise TypeError(f"fit(): net must be an MLP, got {type(net).__name__}")
    if isinstance(epochs, bool) or not isinstance(epochs, numbers.Integral) or epochs < 1:
        raise ValueError(f"fit(): epochs must be a positive integer, got {epochs!r}")
    inputs = net._inputs(x, "fit")
    labels = np.asarray(targets)
    n = inputs.shape[-2]
    if inputs.ndim != 2 or labels.ndim < 1 or labels.shape[0] != n:
        raise ValueError(
            f"fit(): x must be (n_samples, n_features) and targets must have n_samples = {n} "
            f"rows, got x {inputs.shape} and targets {labels.shape}"
        )
    if batch_size is None:
        size = n
    elif (
        isinstance(batch_size, bool)
        or not isinstance(batch_size, numbers.Integral)
        or not (1 <= batch_size)
    ):
        raise ValueError(f"fit(): batch_size must be a positive integer, got {batch_size!r}")
    else:
        size = min(int(batch_size), n)
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"fit(): rng must be a numpy.random.Generator or None, got {type(rng).__name__}"
        )
    shape = (epochs,) if net.ensemble_size is None else (epochs, net.ensemble_size)
    history = np.empty(shape)
    for epoch in range(epochs):
        order = rng.permutation(n) if rng is not None else np.arange(n)
        values = []
        for start in range(0, n, size):
            batch = order[start : start + size]
            value, _ = net.train_step(inputs[batch], labels[batch], loss=loss, optimizer=optimizer)
            values.append(value)
        history[epoch] = np.mean(values, axis=0)
    return history
