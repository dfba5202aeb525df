"""Numerically careful NumPy activation functions, their derivatives and a registry of facts.

Every function takes an array-like ``x`` (see :mod:`activations._inputs` for the
dtype and scalar policy) and keyword-only parameters that default to PyTorch's
defaults. Elementwise activations come with ``<name>_derivative``; the
vector-valued ones (softmax, log softmax, GLU, SwiGLU) with ``<name>_vjp`` for
backpropagation and ``<name>_jacobian`` for small vectors.
"""

from activations.exponential import (
    celu,
    celu_derivative,
    elu,
    elu_derivative,
    selu,
    selu_derivative,
)
from activations.gated import (
    gelu,
    gelu_derivative,
    gelu_tanh,
    gelu_tanh_derivative,
    mish,
    mish_derivative,
    silu,
    silu_derivative,
)
from activations.glu import glu, glu_jacobian, glu_vjp, swiglu, swiglu_jacobian, swiglu_vjp
from activations.piecewise import (
    binary_step,
    binary_step_derivative,
    hard_sigmoid,
    hard_sigmoid_derivative,
    hard_swish,
    hard_swish_derivative,
    hard_tanh,
    hard_tanh_derivative,
    identity,
    identity_derivative,
    leaky_relu,
    leaky_relu_derivative,
    prelu,
    prelu_derivative,
    relu,
    relu6,
    relu6_derivative,
    relu_derivative,
)
from activations.sigmoidal import (
    log_sigmoid,
    log_sigmoid_derivative,
    sigmoid,
    sigmoid_derivative,
    softplus,
    softplus_derivative,
    softsign,
    softsign_derivative,
    tanh,
    tanh_derivative,
)
from activations.softmax import (
    log_softmax,
    log_softmax_jacobian,
    log_softmax_vjp,
    softmax,
    softmax_jacobian,
    softmax_vjp,
)

swish = silu
swish_derivative = silu_derivative

__all__ = [
    "binary_step", "binary_step_derivative", "celu", "celu_derivative", "elu",
    "elu_derivative", "gelu", "gelu_derivative", "gelu_tanh", "gelu_tanh_derivative",
    "glu", "glu_jacobian", "glu_vjp", "hard_sigmoid", "hard_sigmoid_derivative",
    "hard_swish", "hard_swish_derivative", "hard_tanh", "hard_tanh_derivative",
    "identity", "identity_derivative", "leaky_relu", "leaky_relu_derivative",
    "log_sigmoid", "log_sigmoid_derivative", "log_softmax", "log_softmax_jacobian",
    "log_softmax_vjp", "mish", "mish_derivative", "prelu", "prelu_derivative", "relu",
    "relu6", "relu6_derivative", "relu_derivative", "selu", "selu_derivative", "sigmoid",
    "sigmoid_derivative", "silu", "silu_derivative", "softmax", "softmax_jacobian",
    "softmax_vjp", "softplus", "softplus_derivative", "softsign", "softsign_derivative",
    "swiglu", "swiglu_jacobian", "swiglu_vjp", "swish", "swish_derivative", "tanh",
    "tanh_derivative",
]
