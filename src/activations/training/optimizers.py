"""Gradient-descent optimisers that update a list of parameter arrays in place.

Each optimiser keeps its state (velocities, moment estimates) per position in
the parameter list, so it must be used with one model whose parameter list does
not change. Updates are purely elementwise, which is why a stack of independent
networks (:class:`activations.training.MLP` with several generators) trained by
one optimiser behaves exactly like each network trained on its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from activations._inputs import real_parameter

__all__ = ["SGD", "Adam"]


def _check_step(
    owner: str,
    params: Sequence[NDArray[np.float64]],
    grads: Sequence[NDArray[np.float64]],
    state: list[NDArray[np.float64]] | None,
) -> None:
    if len(params) != len(grads):
        raise ValueError(
            f"{owner}.step(): got {len(params)} parameter arrays but {len(grads)} gradients"
        )
    for index, (param, grad) in enumerate(zip(params, grads, strict=True)):
        if not isinstance(param, np.ndarray) or param.dtype != np.float64:
            raise TypeError(
                f"{owner}.step(): params[{index}] must be a float64 ndarray (updated in place)"
            )
        if np.shape(grad) != param.shape:
            raise ValueError(
                f"{owner}.step(): grads[{index}] has shape {np.shape(grad)}, "
                f"params[{index}] has shape {param.shape}"
            )
    if state is not None and [s.shape for s in state] != [p.shape for p in params]:
        raise ValueError(
            f"{owner}.step(): the parameter list changed since the first step; "
            "use one optimiser per model"
        )


class SGD:
    r"""Stochastic gradient descent, optionally with (heavy-ball) momentum.

    $$v \leftarrow \mu v + g,\qquad \theta \leftarrow \theta - \eta\, v$$

    With $\mu = 0$ this is plain $\theta \leftarrow \theta - \eta g$.

    Parameters
    ----------
    learning_rate : float
        Step size $\eta > 0$.
    momentum : float
        Momentum coefficient $\mu \in [0, 1)$.

    Numerics
    --------
    The velocity accumulates raw gradients and the learning rate multiplies the
    velocity, as in PyTorch's ``torch.optim.SGD`` (Keras instead accumulates
    $\eta g$; the two agree for a constant learning rate).

    Examples
    --------
    >>> import numpy as np
    >>> w = np.array([1.0])
    >>> opt = SGD(0.1, momentum=0.5)
    >>> for _ in range(2):
    ...     opt.step([w], [np.array([1.0])])
    >>> print(f"{w[0]:.2f}")
    0.75
    """

    def __init__(self, learning_rate: float, *, momentum: float = 0.0) -> None:
        self.learning_rate = real_parameter(learning_rate, "SGD", "learning_rate", positive=True)
        self.momentum = real_parameter(momentum, "SGD", "momentum", nonnegative=True)
        if self.momentum >= 1:
            raise ValueError(f"SGD(): momentum must be < 1, got {self.momentum!r}")
        self._velocity: list[NDArray[np.float64]] | None = None

    def step(
        self, params: Sequence[NDArray[np.float64]], grads: Sequence[NDArray[np.float64]]
    ) -> None:
        """Update every array of ``params`` in place from the matching gradient."""
        _check_step("SGD", params, grads, self._velocity)
        if self.momentum == 0.0:
            for param, grad in zip(params, grads, strict=True):
                param -= self.learning_rate * grad
            return
        if self._velocity is None:
            self._velocity = [np.zeros_like(p) for p in params]
        for param, grad, velocity in zip(params, grads, self._velocity, strict=True):
            velocity *= self.momentum
            velocity += grad
            param -= self.learning_rate * velocity


class Adam:
    r"""Adam: per-parameter steps scaled by running moment estimates of the gradient.

    $$m \leftarrow \beta_1 m + (1-\beta_1) g,\quad
      v \leftarrow \beta_2 v + (1-\beta_2) g^2,\quad
      \theta \leftarrow \theta
        - \eta\,\frac{m / (1-\beta_1^t)}{\sqrt{v / (1-\beta_2^t)} + \varepsilon}$$

    Parameters
    ----------
    learning_rate : float
        Step size $\eta > 0$ (default 0.001, as in the paper, PyTorch and Keras).
    beta1, beta2 : float
        Decay rates of the first and second moment estimates, in $[0, 1)$.
    eps : float
        $\varepsilon > 0$, added to the denominator after the square root.

    Numerics
    --------
    $\varepsilon$ is added outside the square root with bias-corrected moments,
    as in the paper and PyTorch's ``torch.optim.Adam``. Keras's ``Adam``
    defaults to ``epsilon=1e-7``.

    References
    ----------
    D. P. Kingma, J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015,
    Algorithm 1.

    Examples
    --------
    The first step moves every parameter by almost exactly the learning rate,
    whatever the gradient's scale:

    >>> import numpy as np
    >>> w = np.array([1.0, 1.0])
    >>> Adam(0.1).step([w], [np.array([1e-3, 1e3])])
    >>> print(w.round(6).tolist())
    [0.900001, 0.9]
    """

    def __init__(
        self,
        learning_rate: float = 0.001,
        *,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
    ) -> None:
        self.learning_rate = real_parameter(learning_rate, "Adam", "learning_rate", positive=True)
        self.beta1 = real_parameter(beta1, "Adam", "beta1", nonnegative=True)
        self.beta2 = real_parameter(beta2, "Adam", "beta2", nonnegative=True)
        for name, value in (("beta1", self.beta1), ("beta2", self.beta2)):
            if value >= 1:
                raise ValueError(f"Adam(): {name} must be < 1, got {value!r}")
        self.eps = real_parameter(eps, "Adam", "eps", positive=True)
        self._m: list[NDArray[np.float64]] | None = None
        self._v: list[NDArray[np.float64]] | None = None
        self._t = 0

    def step(
        self, params: Sequence[NDArray[np.float64]], grads: Sequence[NDArray[np.float64]]
    ) -> None:
        """Update every array of ``params`` in place from the matching gradient."""
        _check_step("Adam", params, grads, self._m)
        if self._m is None or self._v is None:
            self._m = [np.zeros_like(p) for p in params]
            self._v = [np.zeros_like(p) for p in params]
        self._t += 1
        correction1 = 1.0 - self.beta1**self._t
        correction2 = 1.0 - self.beta2**self._t
        for param, grad, m, v in zip(params, grads, self._m, self._v, strict=True):
            m *= self.beta1
            m += (1.0 - self.beta1) * grad
            v *= self.beta2
            v += (1.0 - self.beta2) * grad * grad
            param -= self.learning_rate * (m / correction1) / (np.sqrt(v / correction2) + self.eps)
