"""Weight initialisations: Xavier/Glorot, He/Kaiming and LeCun, drawn from a seeded Generator.

Each initialiser returns a float64 matrix of shape ``(fan_in, fan_out)`` (the
layer computes ``x @ W``) whose entries have mean 0 and the variance the scheme
prescribes. The variance is what matters: it is chosen so that the variance of
the signal (forward) or of the gradient (backward) stays roughly constant from
layer to layer for a particular activation.

References
----------
X. Glorot, Y. Bengio, "Understanding the difficulty of training deep feedforward
neural networks", AISTATS 2010.
K. He, X. Zhang, S. Ren, J. Sun, "Delving Deep into Rectifiers", ICCV 2015.
Y. LeCun, L. Bottou, G. Orr, K.-R. Müller, "Efficient BackProp", 1998.
G. Klambauer, T. Unterthiner, A. Mayr, S. Hochreiter, "Self-Normalizing Neural
Networks", NeurIPS 2017 (LeCun normal initialisation for SELU).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from activations._inputs import real_parameter

__all__ = [
    "INITIALISERS",
    "he_normal",
    "he_uniform",
    "lecun_normal",
    "xavier_normal",
    "xavier_uniform",
]


def _check(fan_in: object, fan_out: object, rng: object, func: str) -> None:
    for name, value in (("fan_in", fan_in), ("fan_out", fan_out)):
        if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
            raise TypeError(
                f"{func}(): {name} must be a positive integer, got {type(value).__name__} {value!r}"
            )
        if value < 1:
            raise ValueError(f"{func}(): {name} must be a positive integer, got {value!r}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{func}(): rng must be a numpy.random.Generator such as "
            f"numpy.random.default_rng(0), got {type(rng).__name__}"
        )


def xavier_uniform(
    fan_in: int, fan_out: int, *, rng: np.random.Generator, gain: float = 1.0
) -> NDArray[np.float64]:
    r"""Xavier/Glorot uniform initialisation, suited to tanh and sigmoid layers.

    $$W_{ij} \sim \mathcal U(-a, a),\qquad a = g\sqrt{\frac{6}{n_\text{in} + n_\text{out}}},
    \qquad \operatorname{Var} W_{ij} = \frac{2g^2}{n_\text{in} + n_\text{out}}$$

    Parameters
    ----------
    fan_in, fan_out : int
        Number of inputs and outputs of the layer (positive integers).
    rng : numpy.random.Generator
        Source of randomness; the same seed gives the same matrix.
    gain : float
        Scale factor $g$ (PyTorch's ``torch.nn.init.xavier_uniform_(gain=1.0)``).

    Returns
    -------
    ndarray of shape (fan_in, fan_out), float64.

    References
    ----------
    Glorot & Bengio (2010), eq. 16.

    Examples
    --------
    >>> import numpy as np
    >>> w = xavier_uniform(300, 500, rng=np.random.default_rng(0))
    >>> w.shape, bool(np.abs(w).max() <= np.sqrt(6 / 800))
    ((300, 500), True)
    >>> print(f"{w.var() * 800 / 2:.2f}")
    1.00
    """
    _check(fan_in, fan_out, rng, "xavier_uniform")
    gain = real_parameter(gain, "xavier_uniform", "gain", positive=True)
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-bound, bound, size=(fan_in, fan_out))


def xavier_normal(
    fan_in: int, fan_out: int, *, rng: np.random.Generator, gain: float = 1.0
) -> NDArray[np.float64]:
    r"""Xavier/Glorot normal initialisation, suited to tanh and sigmoid layers.

    $$W_{ij} \sim \mathcal N\!\left(0,\ \frac{2g^2}{n_\text{in} + n_\text{out}}\right)$$

    Parameters
    ----------
    fan_in, fan_out : int
        Number of inputs and outputs of the layer (positive integers).
    rng : numpy.random.Generator
        Source of randomness; the same seed gives the same matrix.
    gain : float
        Scale factor $g$ (PyTorch's ``torch.nn.init.xavier_normal_(gain=1.0)``).

    Returns
    -------
    ndarray of shape (fan_in, fan_out), float64.

    Numerics
    --------
    An untruncated normal, like PyTorch. Keras's ``glorot_normal`` draws from a
    normal truncated at two standard deviations, rescaled to the same variance.

    References
    ----------
    Glorot & Bengio (2010).

    Examples
    --------
    >>> import numpy as np
    >>> w = xavier_normal(300, 500, rng=np.random.default_rng(0))
    >>> print(f"{w.std() / np.sqrt(2 / 800):.2f}")
    1.00
    """
    _check(fan_in, fan_out, rng, "xavier_normal")
    gain = real_parameter(gain, "xavier_normal", "gain", positive=True)
    std = gain * math.sqrt(2.0 / (fan_in + fan_out))
    return rng.normal(0.0, std, size=(fan_in, fan_out))


def he_normal(fan_in: int, fan_out: int, *, rng: np.random.Generator) -> NDArray[np.float64]:
    r"""He/Kaiming normal initialisation (fan-in mode), suited to ReLU-like layers.

    $$W_{ij} \sim \mathcal N\!\left(0,\ \frac{2}{n_\text{in}}\right)$$

    ReLU zeroes half of a symmetric input, halving the second moment; the factor
    2 restores it, so pre-activations keep their scale through depth.

    Parameters
    ----------
    fan_in, fan_out : int
        Number of inputs and outputs of the layer (positive integers).
    rng : numpy.random.Generator
        Source of randomness; the same seed gives the same matrix.

    Returns
    -------
    ndarray of shape (fan_in, fan_out), float64.

    Numerics
    --------
    Matches ``torch.nn.init.kaiming_normal_(mode="fan_in", nonlinearity="relu")``;
    Keras's ``he_normal`` uses a truncated normal with the same variance.

    References
    ----------
    He et al. (2015), eq. 10.

    Examples
    --------
    >>> import numpy as np
    >>> w = he_normal(400, 300, rng=np.random.default_rng(0))
    >>> print(f"{w.std() / np.sqrt(2 / 400):.2f}")
    1.00
    """
    _check(fan_in, fan_out, rng, "he_normal")
    return rng.normal(0.0, math.sqrt(2.0 / fan_in), size=(fan_in, fan_out))


def he_uniform(fan_in: int, fan_out: int, *, rng: np.random.Generator) -> NDArray[np.float64]:
    r"""He/Kaiming uniform initialisation (fan-in mode), suited to ReLU-like layers.

    $$W_{ij} \sim \mathcal U(-a, a),\qquad a = \sqrt{\frac{6}{n_\text{in}}},
    \qquad \operatorname{Var} W_{ij} = \frac{2}{n_\text{in}}$$

    Parameters
    ----------
    fan_in, fan_out : int
        Number of inputs and outputs of the layer (positive integers).
    rng : numpy.random.Generator
        Source of randomness; the same seed gives the same matrix.

    Returns
    -------
    ndarray of shape (fan_in, fan_out), float64.

    References
    ----------
    He et al. (2015).

    Examples
    --------
    >>> import numpy as np
    >>> w = he_uniform(400, 300, rng=np.random.default_rng(0))
    >>> print(f"{w.var() * 400 / 2:.2f}")
    1.00
    """
    _check(fan_in, fan_out, rng, "he_uniform")
    bound = math.sqrt(6.0 / fan_in)
    return rng.uniform(-bound, bound, size=(fan_in, fan_out))


def lecun_normal(fan_in: int, fan_out: int, *, rng: np.random.Generator) -> NDArray[np.float64]:
    r"""LeCun normal initialisation, the one SELU's self-normalisation assumes.

    $$W_{ij} \sim \mathcal N\!\left(0,\ \frac{1}{n_\text{in}}\right)$$

    Parameters
    ----------
    fan_in, fan_out : int
        Number of inputs and outputs of the layer (positive integers).
    rng : numpy.random.Generator
        Source of randomness; the same seed gives the same matrix.

    Returns
    -------
    ndarray of shape (fan_in, fan_out), float64.

    Numerics
    --------
    An untruncated normal; Keras's ``lecun_normal`` truncates at two standard
    deviations and rescales to the same variance.

    References
    ----------
    LeCun et al. (1998); Klambauer et al. (2017), section "Initialization".

    Examples
    --------
    >>> import numpy as np
    >>> w = lecun_normal(400, 300, rng=np.random.default_rng(0))
    >>> print(f"{w.std() * np.sqrt(400):.2f}")
    1.00
    """
    _check(fan_in, fan_out, rng, "lecun_normal")
    return rng.normal(0.0, math.sqrt(1.0 / fan_in), size=(fan_in, fan_out))


INITIALISERS: dict[str, Callable[..., NDArray[np.float64]]] = {
    "xavier_uniform": xavier_uniform,
    "xavier_normal": xavier_normal,
    "he_normal": he_normal,
    "he_uniform": he_uniform,
    "lecun_normal": lecun_normal,
}
"""Initialisers by name, as accepted by :class:`activations.training.MLP`."""
