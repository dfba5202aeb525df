"""Training losses that return their value and their gradient with respect to the outputs.

Shapes: ``outputs`` is ``(n_samples, n_outputs)`` for one network, or
``(n_networks, n_samples, n_outputs)`` for several independent networks trained
side by side (see :class:`activations.training.MLP`). Every loss is averaged over
the samples; the value has one entry per network (a NumPy scalar for one
network) and the gradient is that of the *sum* of those values, so each network
receives exactly its own gradient.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from activations import log_sigmoid, log_softmax
from activations._inputs import prepare

__all__ = ["Loss", "binary_cross_entropy", "mean_squared_error", "softmax_cross_entropy"]


class Loss(NamedTuple):
    """A loss value (one per network) and its gradient with respect to the outputs."""

    value: np.float64 | NDArray[np.float64]
    gradient: NDArray[np.float64]


def _outputs_and_targets(
    outputs: ArrayLike, targets: ArrayLike, func: str, outputs_name: str
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    z = prepare(outputs, func, outputs_name).values
    if z.ndim < 2 or z.shape[-2] == 0 or z.shape[-1] == 0:
        raise ValueError(
            f"{func}(): {outputs_name} must have shape (n_samples, n_outputs) or "
            f"(n_networks, n_samples, n_outputs) with n_samples, n_outputs >= 1, got {z.shape}"
        )
    y = prepare(targets, func, "targets").values
    try:
        shape = np.broadcast_shapes(z.shape, y.shape)
    except ValueError:
        shape = None
    if shape != z.shape:
        raise ValueError(
            f"{func}(): targets of shape {y.shape} do not match {outputs_name} of shape {z.shape}"
        )
    if not (np.all(np.isfinite(z)) and np.all(np.isfinite(y))):
        raise ValueError(f"{func}(): {outputs_name} and targets must be finite")
    return z, y


def _finish(value: NDArray[np.float64]) -> np.float64 | NDArray[np.float64]:
    return value[()] if value.ndim == 0 else value


def binary_cross_entropy(logits: ArrayLike, targets: ArrayLike) -> Loss:
    r"""Binary cross-entropy of sigmoid outputs, computed from the logits.

    $$L = -\frac{1}{nk}\sum_{i,j}\Bigl[y_{ij}\log\sigma(z_{ij})
          + (1-y_{ij})\log\sigma(-z_{ij})\Bigr],\qquad
      \frac{\partial L}{\partial z_{ij}} = \frac{\sigma(z_{ij}) - y_{ij}}{nk}$$

    for $n$ samples and $k$ independent binary outputs.

    Parameters
    ----------
    logits : array_like, shape (n, k) or (m, n, k)
        Pre-sigmoid outputs $z$ of the network(s).
    targets : array_like, broadcastable to ``logits``
        Labels or probabilities $y \in [0, 1]$.

    Returns
    -------
    Loss
        ``value`` (mean over the last two axes) and ``gradient`` (shape of ``logits``).

    Numerics
    --------
    Uses ``log_sigmoid`` rather than ``log(sigmoid(z))``: for $z = -800$ the
    sigmoid underflows to 0 and its log to $-\infty$, while
    $\log\sigma(-800) = -800$ exactly. The second term uses
    $\log\sigma(-z) = \log\sigma(z) - z$, so each element is within an ulp of
    $|z|$ of the exact loss and nothing overflows. The same loss as PyTorch's
    ``BCEWithLogitsLoss``.

    Examples
    --------
    >>> loss = binary_cross_entropy([[0.0], [2.0]], [[1.0], [0.0]])
    >>> print(f"{loss.value:.6f}")
    1.410038
    >>> print(loss.gradient.round(6).tolist())
    [[-0.25], [0.440399]]
    >>> print(f"{binary_cross_entropy([[-800.0]], [[1.0]]).value:.1f}")
    800.0
    """
    z, y = _outputs_and_targets(logits, targets, "binary_cross_entropy", "logits")
    if np.any((y < 0) | (y > 1)):
        raise ValueError("binary_cross_entropy(): targets must lie in [0, 1]")
    count = z.shape[-2] * z.shape[-1]
    log_p = log_sigmoid(z)
    # log(1 - sigmoid(z)) = log_sigmoid(z) - z, so one pass of log_sigmoid serves
    # both terms; the subtraction costs at most an ulp of |z| per element.
    elementwise = log_p - (1.0 - y) * z
    value = -elementwise.sum(axis=(-2, -1)) / count
    # exp(log_sigmoid(z)) is sigmoid(z) up to a relative error of about
    # |z| * 2**-53 (the rounding of log_sigmoid), negligible for a gradient step.
    gradient = (np.exp(log_p) - y) / count
    return Loss(_finish(value), gradient)


def softmax_cross_entropy(logits: ArrayLike, targets: ArrayLike) -> Loss:
    r"""Cross-entropy of softmax outputs, computed from the logits.

    $$L = -\frac{1}{n}\sum_{i}\sum_{c} y_{ic}\,\log\operatorname{softmax}(z_i)_c,
      \qquad \frac{\partial L}{\partial z_{i}} = \frac{p_i - y_i}{n},\quad
      p_i = \operatorname{softmax}(z_i)$$

    Parameters
    ----------
    logits : array_like, shape (n, C) or (m, n, C)
        Pre-softmax outputs of the network(s).
    targets : array_like
        Either integer class labels of shape ``(n,)`` with values in
        ``0 .. C-1``, or class probabilities broadcastable to ``logits`` whose
        rows sum to 1 (one-hot rows or soft labels).

    Returns
    -------
    Loss
        ``value`` (mean over samples) and ``gradient`` (shape of ``logits``).

    Numerics
    --------
    Uses ``log_softmax`` (max-shifted, never overflows). The gradient is the
    vector-Jacobian product ``log_softmax_vjp(z, -y/n)`` $= (p \textstyle\sum_c y_c - y)/n$,
    evaluated with $p = \exp(\log\operatorname{softmax}(z))$ so that the softmax
    is computed once; for rows of ``y`` that sum to 1 it is exactly $(p - y)/n$.
    PyTorch's ``CrossEntropyLoss`` is the same loss.

    Examples
    --------
    >>> loss = softmax_cross_entropy([[1.0, 2.0, 3.0]], [2])
    >>> print(f"{loss.value:.6f}")
    0.407606
    >>> print(loss.gradient.round(6).tolist())
    [[0.090031, 0.244728, -0.334759]]
    >>> print(f"{softmax_cross_entropy([[1000.0, 0.0]], [1]).value:.1f}")
    1000.0
    """
    func = "softmax_cross_entropy"
    z = prepare(logits, func, "logits").values
    labels = np.asarray(targets)
    if labels.dtype.kind in "iu":
        if labels.ndim != 1 or z.ndim < 2 or labels.shape[0] != z.shape[-2]:
            raise ValueError(
                f"{func}(): integer targets must be a 1-D array with one label per sample "
                f"(n_samples = {z.shape[-2] if z.ndim >= 2 else 'undefined'}), "
                f"got shape {labels.shape}"
            )
        n_classes = z.shape[-1]
        if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
            raise ValueError(
                f"{func}(): integer targets must lie in 0 .. {n_classes - 1}, "
                f"got values from {labels.min()} to {labels.max()}"
            )
        targets = np.eye(n_classes)[labels]
    z, y = _outputs_and_targets(z, targets, func, "logits")
    if np.any(y < 0) or not np.allclose(y.sum(axis=-1), 1.0, rtol=0.0, atol=1e-9):
        raise ValueError(f"{func}(): probability targets must be >= 0 with rows summing to 1")
    n = z.shape[-2]
    log_p = log_softmax(z, axis=-1)
    value = -(y * log_p).sum(axis=(-2, -1)) / n
    # log_softmax_vjp(z, v) = v - softmax(z) * sum(v); with v = -y/n and the
    # probabilities recovered from log_p, softmax is evaluated only once.
    gradient = (np.exp(log_p) * y.sum(axis=-1, keepdims=True) - y) / n
    return Loss(_finish(value), gradient)


def mean_squared_error(outputs: ArrayLike, targets: ArrayLike) -> Loss:
    r"""Mean squared error over samples and outputs.

    $$L = \frac{1}{nk}\sum_{i,j}(\hat y_{ij} - y_{ij})^2,\qquad
      \frac{\partial L}{\partial \hat y_{ij}} = \frac{2(\hat y_{ij} - y_{ij})}{nk}$$

    Parameters
    ----------
    outputs : array_like, shape (n, k) or (m, n, k)
        Network outputs $\hat y$.
    targets : array_like, broadcastable to ``outputs``
        Targets $y$.

    Returns
    -------
    Loss
        ``value`` (mean over the last two axes) and ``gradient`` (shape of ``outputs``).

    Examples
    --------
    >>> loss = mean_squared_error([[1.0, 2.0]], [[0.0, 0.0]])
    >>> print(f"{loss.value:.2f}", loss.gradient.tolist())
    2.50 [[1.0, 2.0]]
    """
    z, y = _outputs_and_targets(outputs, targets, "mean_squared_error", "outputs")
    count = z.shape[-2] * z.shape[-1]
    residual = z - y
    value = (residual * residual).sum(axis=(-2, -1)) / count
    return Loss(_finish(value), 2.0 * residual / count)
