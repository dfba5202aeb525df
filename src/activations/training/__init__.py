"""A small, tested training core: an MLP built on this package's activations.

Everything the example notebooks train goes through these modules, so every
forward pass uses the package's activation functions and every backward pass
their documented derivatives (and ``log_softmax_vjp`` for the softmax loss).

* :mod:`~activations.training.mlp`: :class:`MLP` (forward, backward, per-layer
  pre-activations, gradient norms, dead units) and :func:`fit`.
* :mod:`~activations.training.losses`: binary and softmax cross-entropy from
  logits, mean squared error, each returning value and gradient.
* :mod:`~activations.training.optimizers`: :class:`SGD` (with momentum) and :class:`Adam`.
* :mod:`~activations.training.init`: Xavier/Glorot, He/Kaiming and LeCun initialisations.
"""

from activations.training.init import (
    INITIALISERS,
    he_normal,
    he_uniform,
    lecun_normal,
    xavier_normal,
    xavier_uniform,
)
from activations.training.losses import (
    Loss,
    binary_cross_entropy,
    mean_squared_error,
    softmax_cross_entropy,
)
from activations.training.mlp import MLP, Gradients, Trace, fit
from activations.training.optimizers import SGD, Adam

__all__ = [
    "INITIALISERS",
    "MLP",
    "SGD",
    "Adam",
    "Gradients",
    "Loss",
    "Trace",
    "binary_cross_entropy",
    "fit",
    "he_normal",
    "he_uniform",
    "lecun_normal",
    "mean_squared_error",
    "softmax_cross_entropy",
    "xavier_normal",
    "xavier_uniform",
]
