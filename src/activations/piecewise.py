"""Piecewise-linear activations: identity, binary step, the ReLU family and the "hard" functions.

Every function here is made of straight pieces. Identity, the ReLU family and
hard tanh are correctly rounded (within 0.5 ULP in float64): a clip, or one
multiplication and a comparison. Hard sigmoid and hard swish are a few plain
float64 operations each, with their error bounded below 2 ULP (see their
"Numerics" notes). The interesting part is the derivative *at the kinks*, where
the function has no derivative: there we return a fixed one-sided value, and
each docstring states which one and what PyTorch, JAX and TensorFlow autograd
return at the same point.

Speed: at 10**7 elements each pass over the array costs about as much as the
arithmetic, so the functions use few whole-array NumPy calls (``np.clip``,
``np.maximum``, in-place ``out=``) and no boolean indexing. NaN needs no
separate pass: ``clip``, ``maximum`` and arithmetic carry it through. A
signalling NaN raises the IEEE "invalid" flag in arithmetic, so the few
arithmetic steps run under ``np.errstate(invalid="ignore")``; on the inputs
they see (finite numbers, infinities kept away from ``inf - inf`` and
``0 * inf``) nothing else can raise that flag.

Common conventions of this module:

* NaN in gives NaN out, for the functions and for their derivatives.
* A value that passes through unchanged keeps its sign, so ``relu(-0.0)``
  is ``-0.0``, like ``torch.relu``; the derivative at ``-0.0`` is the
  derivative at ``0``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from activations._elementwise import blockwise, done, flat, in_blocks
from activations._inputs import FloatArray, Prepared, prepare, real_parameter

__all__ = [
    "binary_step",
    "binary_step_derivative",
    "hard_sigmoid",
    "hard_sigmoid_derivative",
    "hard_swish",
    "hard_swish_derivative",
    "hard_tanh",
    "hard_tanh_derivative",
    "identity",
    "identity_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "prelu",
    "prelu_derivative",
    "relu",
    "relu6",
    "relu6_derivative",
    "relu_derivative",
]


def _values(p: Prepared) -> NDArray[np.float64]:
    # Like flat() without its NaN pass: every caller below propagates NaN by itself.
    return np.atleast_1d(p.values)


def _has_nan(v: NDArray[np.float64]) -> bool:
    # A reduction with NaN propagation: one fast read pass and no temporary array;
    # min() only compares, so a signalling NaN raises no flag.
    return v.size > 0 and bool(np.isnan(v.min()))


def _keep_nan(x: NDArray[np.float64], d: NDArray[np.float64]) -> NDArray[np.float64]:
    # A derivative of "no number" is no number; comparisons alone would give 0 or 1.
    return np.where(np.isnan(x), x, d)


def _slope(x: NDArray[np.float64], inside: NDArray[np.bool_], slope: float = 1.0) -> NDArray:
    if _has_nan(x):
        return _keep_nan(x, np.where(inside, slope, 0.0))
    return np.multiply(inside, slope)


def _clip(x: NDArray[np.float64], low: float, high: float) -> NDArray[np.float64]:
    # np.clip keeps x where it ties with a bound (so -0.0 inside [0, 6] stays -0.0, and
    # +0.0 stays +0.0 against a bound of -0.0), and returns NaN for NaN; the tests pin
    # both down, for scalars and for arrays of every length and memory layout.
    return np.clip(x, low, high)


def _scaled_below_zero(
    x: NDArray[np.float64], slope: float | NDArray[np.float64]
) -> NDArray[np.float64]:
    """``x`` where ``x >= 0`` (or NaN), ``slope * x`` where ``x < 0``."""
    if np.ndim(slope) == 0:
        a = float(slope)
        if a == 0.0:
            # 0 * x, with the sign of zero that product has, and 0 rather than NaN at -inf.
            return np.clip(x, -0.0, np.inf)
        if a == 1.0:
            return np.array(x, dtype=np.float64, copy=True)
        # The exact slope * x lies between x and 0 for 0 < a < 1 and beyond x for a > 1,
        # and rounding keeps that order against the double x: max (min) picks the right
        # branch, which is the correctly rounded one. Equal values are equal doubles,
        # zeros included (a * -0.0 = -0.0), so a tie needs no rule.
        if 0.0 < a < 1.0 or a > 1.0:
            y = np.empty_like(x)
            with np.errstate(over="ignore", invalid="ignore"):
                # Overflow: for x < 0 inf is the correctly rounded value, for x > 0 it
                # loses against x. Invalid: only a signalling NaN raises it.
                np.multiply(x, a, out=y)
            pick = np.maximum if a < 1.0 else np.minimum
            return pick(x, y, out=y)
    with np.errstate(over="ignore", invalid="ignore"):
        # As above; invalid also flags 0 * -inf for a zero entry of an array slope,
        # which is repaired below.
        y = np.multiply(slope, x)
    np.copyto(y, x, where=x >= 0.0)
    if np.ndim(slope) and (np.asarray(slope) == 0.0).any():
        y[(x == -np.inf) & (slope == 0.0)] = -0.0
    return y


def _hard_swish_block(v: NDArray[np.float64]) -> NDArray[np.float64]:
    # u = v on [-3, +inf), -3 below; the largest double instead of +inf keeps
    # inf - inf out of the compensation term (its product overflows to inf instead).
    u = np.maximum(v, -3.0)
    np.minimum(u, _DBL_MAX, out=u)
    s = u + 3.0
    # e = u + 3 - s exactly (Fast2Sum, exact for |u| <= 3; elsewhere only bounded).
    e = 3.0 - s
    e += u
    e *= u
    y = u * s
    y += e
    y /= 6.0
    # Outside (-3, 3) the middle formula is the wrong branch but lies on the right
    # side of the answer: x(x + 3)/6 >= x for x >= 3 and the formula is ±0 for x <= -3.
    np.minimum(y, np.maximum(v, 0.0), out=y)
    y += 0.0  # -0.0 -> +0.0; the one input that needs -0.0, x = -0.0, is redone below
    a = np.abs(v)
    tiny = a < 2.0**-1020
    if tiny.any():
        # x/2 + x^2/6 is x/2 up to a positive amount below half a subnormal step: x/2
        # where that is exact, and otherwise the tie of the odd subnormal x halved
        # broken upward (toward +inf), keeping the sign of a zero.
        t = v[tiny]
        half = t * 0.5
        y[tiny] = np.copysign(np.where(half * 2.0 == t, half, (t + 5e-324) * 0.5), t)
    return y


_DBL_MAX = float(np.finfo(np.float64).max)


@in_blocks
def identity(x: ArrayLike) -> FloatArray | np.floating:
    r"""Identity (linear) activation: return the input unchanged.

    .. math:: f(x) = x

    Parameters
    ----------
    x : array_like
        Input values (see :mod:`activations._inputs` for accepted dtypes).

    Returns
    -------
    ndarray or NumPy scalar
        ``x`` as a floating array of the same shape (bool/integer input becomes float64).

    References
    ----------
    Goodfellow, Bengio and Courville, *Deep Learning*, MIT Press 2016, section 6.3
    (https://www.deeplearningbook.org/contents/mlp.html): a stack of linear layers is
    itself linear, which is why a network needs a nonlinearity at all.

    Examples
    --------
    >>> print(identity(-2.5))
    -2.5
    >>> identity([1, -0.0, 3])
    array([ 1., -0.,  3.])
    """
    p = prepare(x, "identity")
    return done(p, np.array(_values(p), dtype=np.float64, copy=True))


@in_blocks
def identity_derivative(x: ArrayLike) -> FloatArray | np.floating:
    r"""Derivative of :func:`identity`: one everywhere.

    .. math:: f'(x) = 1

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Ones of the shape of ``x`` (NaN where ``x`` is NaN; 1 at ``±inf``).

    Examples
    --------
    >>> identity_derivative([-3.0, 0.0, float("inf")])
    array([1., 1., 1.])
    """
    p = prepare(x, "identity_derivative")
    # Every number clipped to [1, 1] is 1; clip hands NaN through.
    return done(p, np.clip(_values(p), 1.0, 1.0))


@in_blocks
def binary_step(x: ArrayLike) -> FloatArray | np.floating:
    r"""Binary (Heaviside) step: 0 for negative input, 1 otherwise.

    .. math:: f(x) = \begin{cases} 0 & x < 0 \\ 1 & x \ge 0 \end{cases}

    Kink convention: the value at ``x = 0`` (either sign of zero) is **1**, the
    choice of ``torch.heaviside(x, torch.tensor(1.0))`` and ``np.heaviside(x, 1.0)``;
    the historical perceptron threshold unit fires when its weighted sum reaches
    the threshold. Some texts use 1/2 or 0 instead; nothing else changes.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        0.0 or 1.0 elementwise (NaN where ``x`` is NaN).

    References
    ----------
    F. Rosenblatt, "The perceptron: a probabilistic model for information storage and
    organization in the brain", Psychological Review 65(6), 1958,
    https://doi.org/10.1037/h0042519

    Examples
    --------
    >>> binary_step([-2.0, -0.0, 0.0, 0.5])
    array([0., 1., 1., 1.])
    """
    p = prepare(x, "binary_step")
    v = flat(p)
    return done(p, np.where(v >= 0.0, 1.0, np.where(v < 0.0, 0.0, v)))


@in_blocks
def binary_step_derivative(x: ArrayLike) -> FloatArray | np.floating:
    r"""Derivative of :func:`binary_step`: zero almost everywhere.

    .. math:: f'(x) = 0 \quad (x \ne 0)

    At ``x = 0`` the step has no derivative (in the sense of distributions it is a
    Dirac delta); we return **0** there too, so the function carries no gradient
    signal at all — the reason it cannot be trained by backpropagation.
    Frameworks: PyTorch has no backward for ``torch.heaviside`` (autograd raises
    ``RuntimeError: derivative for aten::heaviside is not implemented``);
    ``jax.numpy.heaviside`` is built from ``where`` and differentiates to 0
    everywhere; TensorFlow has no step op, and the usual ``tf.cast(x >= 0, ...)``
    has no gradient (``None``).

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Zeros of the shape of ``x`` (NaN where ``x`` is NaN).

    Examples
    --------
    >>> binary_step_derivative([-1.0, 0.0, 1.0])
    array([0., 0., 0.])
    """
    p = prepare(x, "binary_step_derivative")
    return done(p, _keep_nan(flat(p), np.zeros_like(flat(p))))


@in_blocks
def relu(x: ArrayLike) -> FloatArray | np.floating:
    r"""Rectified linear unit.

    .. math:: f(x) = \max(0, x)

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        ``x`` where ``x >= 0`` (so ``-0.0`` stays ``-0.0``, like ``torch.relu``), else ``0.0``.

    References
    ----------
    V. Nair and G. E. Hinton, "Rectified Linear Units Improve Restricted Boltzmann
    Machines", ICML 2010, https://www.cs.toronto.edu/~hinton/absps/reluICML.pdf;
    X. Glorot, A. Bordes and Y. Bengio, "Deep Sparse Rectifier Neural Networks",
    AISTATS 2011, https://proceedings.mlr.press/v15/glorot11a.html

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.5])
    array([0. , 0. , 3.5])
    """
    p = prepare(x, "relu")
    return done(p, _clip(_values(p), 0.0, np.inf))


@in_blocks
def relu_derivative(x: ArrayLike) -> FloatArray | np.floating:
    r"""Derivative of :func:`relu`.

    .. math:: f'(x) = \begin{cases} 0 & x \le 0 \\ 1 & x > 0 \end{cases}

    Kink convention: **0 at x = 0**, the same as PyTorch (``threshold_backward``
    passes the gradient only where ``x > 0``), JAX (``jax.nn.relu`` has a custom
    JVP chosen to give 0 at 0, citing Bertoin et al. 2021) and TensorFlow
    (``ReluGrad`` passes the gradient only where ``x > 0``).

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        0.0 or 1.0 elementwise (NaN where ``x`` is NaN).

    References
    ----------
    D. Bertoin, J. Bolte, S. Gerchinovitz and E. Pauwels, "Numerical influence of
    ReLU'(0) on backpropagation", NeurIPS 2021, https://arxiv.org/abs/2106.12915

    Examples
    --------
    >>> relu_derivative([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    """
    p = prepare(x, "relu_derivative")
    # sign(x) is -1, 0 (for either zero), 1 or NaN; clipped to [0, 1] it is the slope.
    return done(p, np.clip(np.sign(_values(p)), 0.0, 1.0))


@in_blocks
def relu6(x: ArrayLike) -> FloatArray | np.floating:
    r"""ReLU capped at 6.

    .. math:: f(x) = \min(\max(0, x), 6)

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        ``x`` clipped to ``[0, 6]`` (``-0.0`` stays ``-0.0``).

    References
    ----------
    A. Krizhevsky, "Convolutional Deep Belief Networks on CIFAR-10", 2010,
    https://www.cs.toronto.edu/~kriz/conv-cifar10-aug2010.pdf; used in MobileNets,
    A. G. Howard et al. 2017, https://arxiv.org/abs/1704.04861

    Examples
    --------
    >>> relu6([-1.0, 3.0, 8.0])
    array([0., 3., 6.])
    """
    p = prepare(x, "relu6")
    return done(p, _clip(_values(p), 0.0, 6.0))


@in_blocks
def relu6_derivative(x: ArrayLike) -> FloatArray | np.floating:
    r"""Derivative of :func:`relu6`.

    .. math:: f'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & \text{otherwise} \end{cases}

    Kink convention: **0 at both x = 0 and x = 6**. PyTorch computes ``relu6`` as
    ``hardtanh(x, 0, 6)``, whose backward is 0 where ``x <= 0`` or ``x >= 6``; JAX's
    ``jax.nn.relu6`` has a custom JVP that is 0 at both corners; TensorFlow's
    ``Relu6Grad`` passes the gradient only where ``0 < x < 6``.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        0.0 or 1.0 elementwise (NaN where ``x`` is NaN).

    Examples
    --------
    >>> relu6_derivative([0.0, 3.0, 6.0, 7.0])
    array([0., 1., 0., 0.])
    """
    p = prepare(x, "relu6_derivative")
    v = _values(p)
    return done(p, _slope(v, (v > 0.0) & (v < 6.0)))


@in_blocks
def leaky_relu(x: ArrayLike, *, negative_slope: float = 0.01) -> FloatArray | np.floating:
    r"""Leaky ReLU: a small slope instead of zero for negative input.

    .. math:: f(x) = \begin{cases} x & x \ge 0 \\ a\,x & x < 0 \end{cases}
              \qquad a = \text{negative\_slope}

    Parameters
    ----------
    x : array_like
        Input values.
    negative_slope : float, optional
        Slope ``a`` for ``x < 0``; any finite real number (default 0.01, as
        ``torch.nn.LeakyReLU`` and ``jax.nn.leaky_relu``; Keras 3 defaults to 0.2 in
        ``keras.activations.leaky_relu`` and 0.3 in the ``LeakyReLU`` layer).

    Returns
    -------
    ndarray or NumPy scalar
        Elementwise leaky ReLU (``-0.0`` stays ``-0.0``).

    References
    ----------
    A. L. Maas, A. Y. Hannun and A. Y. Ng, "Rectifier Nonlinearities Improve Neural
    Network Acoustic Models", ICML 2013 workshop,
    https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf

    Examples
    --------
    >>> leaky_relu([-2.0, 0.0, 3.0], negative_slope=0.5)
    array([-1.,  0.,  3.])
    """
    slope = real_parameter(negative_slope, "leaky_relu", "negative_slope")
    p = prepare(x, "leaky_relu")
    return done(p, _scaled_below_zero(_values(p), slope))


@in_blocks
def leaky_relu_derivative(
    x: ArrayLike, *, negative_slope: float = 0.01
) -> FloatArray | np.floating:
    r"""Derivative of :func:`leaky_relu`.

    .. math:: f'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}

    Kink convention: **a (negative_slope) at x = 0**, the same as PyTorch
    (``leaky_relu_backward`` uses ``x > 0 ? grad : grad * a``) and TensorFlow
    (``LeakyReluGrad`` uses ``x > 0``); JAX's ``jax.nn.leaky_relu`` is
    ``where(x >= 0, x, a * x)`` and so returns **1** at 0. With ``a = 0`` this
    reduces to the ReLU convention (0 at 0).

    Parameters
    ----------
    x : array_like
        Input values.
    negative_slope : float, optional
        Slope ``a`` for ``x < 0`` (default 0.01).

    Returns
    -------
    ndarray or NumPy scalar
        1.0 or ``a`` elementwise (NaN where ``x`` is NaN).

    Examples
    --------
    >>> leaky_relu_derivative([-1.0, 0.0, 1.0], negative_slope=0.25)
    array([0.25, 0.25, 1.  ])
    """
    slope = real_parameter(negative_slope, "leaky_relu_derivative", "negative_slope")
    p = prepare(x, "leaky_relu_derivative")
    v = _values(p)
    if 0.0 <= slope <= 1.0:
        # sign(x) is -1, 0 (for either zero), 1 or NaN; clipped to [a, 1] it is the slope.
        return done(p, np.clip(np.sign(v), slope, 1.0))
    return done(p, _keep_nan(v, np.where(v > 0.0, 1.0, slope)))


def _prelu_weight(weight: object, shape: tuple[int, ...], func: str) -> NDArray[np.float64]:
    if isinstance(weight, bool | np.bool_):
        raise TypeError(f"{func}(): weight must be a finite real number or array, got bool")
    try:
        w = np.asarray(weight)
    except (ValueError, TypeError) as error:
        raise ValueError(
            f"{func}(): weight must be a finite real number or a rectangular array ({error})"
        ) from None
    if w.dtype.kind not in "iuf" or w.dtype == np.longdouble:
        raise TypeError(
            f"{func}(): weight must be real numbers (integer, float16, float32 or float64), "
            f"got dtype {w.dtype}"
        )
    w = w.astype(np.float64)
    if not np.all(np.isfinite(w)):
        raise ValueError(f"{func}(): weight must be finite, got a NaN or infinite value")
    try:
        return np.broadcast_to(w, shape)
    except ValueError:
        raise ValueError(
            f"{func}(): weight of shape {w.shape} does not broadcast to x of shape {shape}"
        ) from None


@in_blocks
def prelu(x: ArrayLike, *, weight: ArrayLike = 0.25) -> FloatArray | np.floating:
    r"""Parametric ReLU: leaky ReLU whose negative slope is a learned weight.

    .. math:: f(x) = \begin{cases} x & x \ge 0 \\ w\,x & x < 0 \end{cases}

    Parameters
    ----------
    x : array_like
        Input values.
    weight : float or array_like, optional
        The slope ``w`` for negative input: a finite real scalar, or an array that
        broadcasts (NumPy rules) to the shape of ``x``; the result keeps the shape of
        ``x``. Default 0.25, the initial value of ``torch.nn.PReLU``. PyTorch's
        per-channel weight applies along dimension 1; with NumPy broadcasting pass it
        as shape ``(C, 1, 1)`` for ``(N, C, H, W)`` input.

    Returns
    -------
    ndarray or NumPy scalar
        Elementwise PReLU (``-0.0`` stays ``-0.0``).

    Raises
    ------
    TypeError
        If ``weight`` is not real (complex, bool, strings, ...).
    ValueError
        If ``weight`` contains NaN or infinity or does not broadcast to ``x``.

    References
    ----------
    K. He, X. Zhang, S. Ren and J. Sun, "Delving Deep into Rectifiers: Surpassing
    Human-Level Performance on ImageNet Classification", ICCV 2015,
    https://arxiv.org/abs/1502.01852

    Examples
    --------
    >>> prelu([-4.0, 2.0])
    array([-1.,  2.])
    >>> prelu([[-1.0, -1.0], [1.0, -2.0]], weight=[0.5, 0.25])
    array([[-0.5 , -0.25],
           [ 1.  , -0.5 ]])
    """
    p = prepare(x, "prelu")
    v = _values(p)
    w = _prelu_weight(weight, p.values.shape, "prelu")
    # One weight for every element (broadcast with zero strides) takes the scalar route.
    single = w.size > 0 and not any(w.strides)
    slope = float(w.flat[0]) if single else np.broadcast_to(w, v.shape)
    return done(p, _scaled_below_zero(v, slope))


@in_blocks
def prelu_derivative(x: ArrayLike, *, weight: ArrayLike = 0.25) -> FloatArray | np.floating:
    r"""Derivative of :func:`prelu` with respect to ``x``.

    .. math:: f'(x) = \begin{cases} 1 & x > 0 \\ w & x \le 0 \end{cases}

    Kink convention: **w at x = 0**, like PyTorch (``prelu`` backward uses
    ``x > 0 ? grad : w * grad``). JAX has no PReLU in ``jax.nn``; Flax's
    ``nnx.PReLU`` computes ``where(x >= 0, x, w * x)`` and gives **1** at 0.
    Keras' ``PReLU`` layer computes ``relu(x) - w * relu(-x)`` and so gives
    **0** at 0 (both ReLU gradients vanish there); its initial weight is 0, not 0.25.

    Parameters
    ----------
    x : array_like
        Input values.
    weight : float or array_like, optional
        The negative slope ``w`` (default 0.25), as for :func:`prelu`.

    Returns
    -------
    ndarray or NumPy scalar
        1.0 or ``w`` elementwise, shape of ``x`` (NaN where ``x`` is NaN).

    Examples
    --------
    >>> prelu_derivative([-1.0, 0.0, 1.0])
    array([0.25, 0.25, 1.  ])
    """
    p = prepare(x, "prelu_derivative")
    v = flat(p)
    w = np.broadcast_to(_prelu_weight(weight, p.values.shape, "prelu_derivative"), v.shape)
    return done(p, _keep_nan(v, np.where(v > 0.0, 1.0, w)))


def _hard_tanh_bounds(min_val: float, max_val: float, func: str) -> tuple[float, float]:
    low = real_parameter(min_val, func, "min_val")
    high = real_parameter(max_val, func, "max_val")
    if not low < high:
        raise ValueError(f"{func}(): min_val must be < max_val, got {low!r} and {high!r}")
    return low, high


@in_blocks
def hard_tanh(
    x: ArrayLike, *, min_val: float = -1.0, max_val: float = 1.0
) -> FloatArray | np.floating:
    r"""Hard tanh: the identity clipped to ``[min_val, max_val]``.

    .. math:: f(x) = \min(\max(x, m), M) \qquad m = \text{min\_val},\ M = \text{max\_val}

    Parameters
    ----------
    x : array_like
        Input values.
    min_val, max_val : float, optional
        Finite clipping bounds with ``min_val < max_val`` (defaults -1 and 1, as
        ``torch.nn.Hardtanh``).

    Returns
    -------
    ndarray or NumPy scalar
        ``x`` clipped to ``[min_val, max_val]`` (``-0.0`` stays ``-0.0`` inside).

    References
    ----------
    R. Collobert, "Large Scale Machine Learning", PhD thesis, Université Paris VI,
    2004, chapter on the HardTanh unit, https://ronan.collobert.com/pub/matos/2004_phdthesis_lip6.pdf

    Examples
    --------
    >>> hard_tanh([-3.0, 0.5, 2.0])
    array([-1. ,  0.5,  1. ])
    >>> hard_tanh([-3.0, 0.5, 2.0], min_val=0.0, max_val=1.5)
    array([0. , 0.5, 1.5])
    """
    low, high = _hard_tanh_bounds(min_val, max_val, "hard_tanh")
    p = prepare(x, "hard_tanh")
    return done(p, _clip(_values(p), low, high))


@in_blocks
def hard_tanh_derivative(
    x: ArrayLike, *, min_val: float = -1.0, max_val: float = 1.0
) -> FloatArray | np.floating:
    r"""Derivative of :func:`hard_tanh`.

    .. math:: f'(x) = \begin{cases} 1 & m < x < M \\ 0 & \text{otherwise} \end{cases}

    Kink convention: **0 at x = min_val and x = max_val**, like PyTorch
    (``hardtanh_backward`` zeroes the gradient where ``x <= min_val`` or
    ``x >= max_val``). JAX's ``jax.nn.hard_tanh`` is two nested ``where(x > 1 ...)``
    / ``where(x < -1 ...)`` and returns **1** at ±1. TensorFlow has no hard-tanh
    op; Keras 3's ``keras.ops.hard_tanh`` on TensorFlow is ``tf.clip_by_value``,
    whose gradient is zeroed only strictly outside the bounds, so it also
    returns **1** at ±1.

    Parameters
    ----------
    x : array_like
        Input values.
    min_val, max_val : float, optional
        Clipping bounds, as for :func:`hard_tanh`.

    Returns
    -------
    ndarray or NumPy scalar
        0.0 or 1.0 elementwise (NaN where ``x`` is NaN).

    Examples
    --------
    >>> hard_tanh_derivative([-1.0, 0.0, 1.0])
    array([0., 1., 0.])
    """
    low, high = _hard_tanh_bounds(min_val, max_val, "hard_tanh_derivative")
    p = prepare(x, "hard_tanh_derivative")
    v = _values(p)
    return done(p, _slope(v, (v > low) & (v < high)))


@in_blocks
def hard_sigmoid(x: ArrayLike) -> FloatArray | np.floating:
    r"""Hard sigmoid, PyTorch's definition: ReLU6 of ``x + 3``, divided by 6.

    .. math:: f(x) = \frac{\operatorname{ReLU6}(x + 3)}{6}
              = \min\!\left(\max\!\left(\tfrac{x}{6} + \tfrac12, 0\right), 1\right)

    This is ``torch.nn.Hardsigmoid``, ``jax.nn.hard_sigmoid`` and Keras 3's
    ``hard_sigmoid``. Older ``tf.keras`` (Keras 2) used a different function,
    ``clip(0.2 x + 0.5, 0, 1)`` (slope 1/5, saturating at ±2.5).

    Numerics
    --------
    ``x/6 + 0.5`` cancels near ``x = -3`` (the rounding error of ``x/6`` is then
    large relative to the tiny result), so we clip ``x`` to ``[-3, 3]`` and
    evaluate ``(x + 3)/6`` in plain float64. The sum is exact for
    ``x <= -1.5`` (Sterbenz) and otherwise off by at most half an ULP of a
    number in ``[4.5, 6)``, which is at most 2/3 ULP of the result; with the
    rounding of the division the error is at most 7/6 ULP (measured: 1.0 ULP on
    the reference table, 0.96 on 200 000 random points; bar 2). Both steps round a
    monotone function, so the result is non-decreasing from one double to the next.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Values in ``[0, 1]``.

    References
    ----------
    A. Howard et al., "Searching for MobileNetV3", ICCV 2019,
    https://arxiv.org/abs/1905.02244 (this ReLU6(x + 3)/6 form, used inside hard swish);
    M. Courbariaux, Y. Bengio and J.-P. David, "BinaryConnect", NeurIPS 2015,
    https://arxiv.org/abs/1511.00363 (an earlier hard sigmoid, clip((x + 1)/2, 0, 1)).

    Examples
    --------
    >>> hard_sigmoid([-4.0, -3.0, 0.0, 1.5, 3.0])
    array([0.  , 0.  , 0.5 , 0.75, 1.  ])
    """
    p = prepare(x, "hard_sigmoid")
    v = _values(p)
    y = np.empty_like(v)
    with np.errstate(invalid="ignore"):
        # Only a signalling NaN raises "invalid" here (x is clipped first).
        np.clip(v, -3.0, 3.0, out=y)
        y += 3.0
        y /= 6.0
    return done(p, y)


@in_blocks
def hard_sigmoid_derivative(x: ArrayLike) -> FloatArray | np.floating:
    r"""Derivative of :func:`hard_sigmoid`.

    .. math:: f'(x) = \begin{cases} 1/6 & -3 < x < 3 \\ 0 & \text{otherwise} \end{cases}

    Kink convention: **0 at x = -3 and x = 3**, like PyTorch
    (``hardsigmoid_backward`` passes ``grad / 6`` only where ``-3 < x < 3``), JAX
    (``relu6(x + 3) / 6`` with ``relu6``'s custom JVP, 0 at its corners) and Keras 3
    on TensorFlow (``relu6(x + 3) / 6`` with ``Relu6Grad``, also 0 at the corners).

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        ``1/6`` or 0.0 elementwise (NaN where ``x`` is NaN).

    Examples
    --------
    >>> print(hard_sigmoid_derivative(0.0) * 6)
    1.0
    >>> hard_sigmoid_derivative([-3.0, 3.0, 5.0])
    array([0., 0., 0.])
    """
    p = prepare(x, "hard_sigmoid_derivative")
    v = _values(p)
    return done(p, _slope(v, (v > -3.0) & (v < 3.0), 1.0 / 6.0))


@in_blocks
def hard_swish(x: ArrayLike) -> FloatArray | np.floating:
    r"""Hard swish: ``x`` gated by :func:`hard_sigmoid`.

    .. math:: f(x) = x \cdot \frac{\operatorname{ReLU6}(x + 3)}{6}

    Numerics
    --------
    With ``u = max(x, -3)`` we compute ``u (u + 3)/6`` in plain float64, the
    sum ``s = u + 3`` carried with its exact rounding error ``e = (3 - s) + u``
    (Fast2Sum): ``(u s + u e)/6``. The two roundings of the numerator cost at
    most 4/3 ULP of the result and the division 1/2, so the error is at most
    11/6 ULP (measured: 1.13 ULP on the reference table, 1.59 on 200 000
    random points; bar 2); without ``e`` the bound would exceed 2 ULP. The outer
    pieces need no mask: the middle formula is ``±0`` at ``u = -3`` and at least
    ``x`` for ``x >= 3``, so ``min(formula, max(x, 0))`` selects the right piece.
    For ``|x| < 2**-1020`` the result is ``x/2`` with the tie of an odd subnormal
    broken upward (the ``x^2/6`` term is positive), so it is never a false zero.
    The result decreases exactly monotonically on ``x <= -1.5`` and increases on
    ``[-1.5, -1]`` (there ``x + 3`` is exact); above ``-1`` neighbouring doubles
    can come out up to 2 ULP out of order (measured). The work is done in blocks
    of :data:`activations._elementwise.BLOCK` elements, which stay in the cache.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Elementwise hard swish: 0 for ``x <= -3``, ``x`` for ``x >= 3``.

    References
    ----------
    A. Howard et al., "Searching for MobileNetV3", ICCV 2019,
    https://arxiv.org/abs/1905.02244

    Examples
    --------
    >>> hard_swish([-4.0, -1.5, 0.0, 3.0, 5.0])
    array([ 0.   , -0.375,  0.   ,  3.   ,  5.   ])
    """
    p = prepare(x, "hard_swish")
    with np.errstate(over="ignore", invalid="ignore"):
        # Overflow: x (x + 3) for x near the largest double, a value min() discards.
        # Invalid: only a signalling NaN raises it (no inf - inf, no 0 * inf occurs).
        return done(p, blockwise(_hard_swish_block, _values(p)))


@in_blocks
def hard_swish_derivative(x: ArrayLike) -> FloatArray | np.floating:
    r"""Derivative of :func:`hard_swish`.

    .. math:: f'(x) = \begin{cases} 0 & x \le -3 \\ \frac{2x + 3}{6} & -3 < x < 3 \\
              1 & x \ge 3 \end{cases}

    Kink convention: at the corners we return the slope of the outer, flat or
    linear piece — **0 at x = -3 and 1 at x = 3** — which is what the product rule
    gives with our :func:`hard_sigmoid_derivative` (0 at ±3), and what JAX returns
    (``x * relu6(x + 3) / 6``) and Keras 3 on TensorFlow (the same product, with
    ``Relu6Grad`` 0 at the corners). Current PyTorch returns the same **0 and 1**
    (checked with 2.15). Older releases used the middle formula ``x/3 + 1/2`` on
    the closed interval ``[-3, 3]`` in ``hardswish_backward`` and returned
    **-0.5 at -3 and 1.5 at 3**; this was reported against 2.6.0 as
    pytorch#147801 and changed to 0 and 1 by pytorch#148049 (2025).

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    ndarray or NumPy scalar
        Elementwise derivative (NaN where ``x`` is NaN).

    Examples
    --------
    >>> hard_swish_derivative([-3.0, -1.5, 0.0, 1.5, 3.0])
    array([0. , 0. , 0.5, 1. , 1. ])
    """
    p = prepare(x, "hard_swish_derivative")
    with np.errstate(invalid="ignore"):
        # Only a signalling NaN raises "invalid" here (x is clipped first).
        return done(p, blockwise(_hard_swish_slope_block, _values(p)))


def _hard_swish_slope_block(v: NDArray[np.float64]) -> NDArray[np.float64]:
    u = np.clip(v, -3.0, 3.0)
    # k = trunc(u / 3) is -1 at and below -3, 1 at and above 3 and ±0 in between
    # (u / 3 rounds to a value below 1 in magnitude for every |u| < 3).
    k = u / 3.0
    np.trunc(k, out=k)
    k *= 0.5
    # (2u + 3)/6: 2u is exact, so two roundings, and x/3 + 1/2 would cancel near -1.5.
    # At u = ±3 it is 1.5 and -0.5; subtracting k/2 gives the outer slopes 1 and 0
    # exactly, and subtracting ±0 changes nothing in between.
    u *= 2.0
    u += 3.0
    u /= 6.0
    u -= k
    return u
