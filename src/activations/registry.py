r"""The registry: every fact the site and the tests state about an activation, in one place.

``REGISTRY`` maps an activation id (the name of its Python function, e.g.
``"leaky_relu"``) to a frozen :class:`Activation`. The site hooks render
formulas, property cards, framework tables, paper links, the comparison table,
the timeline and the family plots from it; ``tests/test_registry.py`` checks
every stated property *against the function itself* (range, monotonicity,
f(0), f'(0), kink values, smoothness, saturation, self-gating, signatures), so
a fact here cannot drift away from the code.

Public API
----------
``REGISTRY: dict[str, Activation]``
    All entries, in site order (by family, then by the order within a family).
``get(id) -> Activation``
    One entry; an unknown id raises ``KeyError`` listing the valid ids.
``FAMILIES: tuple[Family, ...]``
    The families in display order.
``families() -> tuple[Family, ...]``
    The same tuple, as a function (the name the team conventions use).
``by_family() -> dict[str, tuple[Activation, ...]]``
    Family id -> its entries, in the order of ``FAMILIES``.

Schema (all classes are frozen dataclasses; every string has an English and a
Korean version where a reader sees it)
-------------------------------------------------------------------------------
:class:`Activation`
    ``id: str`` Python function name, also the page slug ``functions/{id}.md``.
    ``name_en: str``, ``name_ko: str`` the one name of the function in each
    language: nav entry, page H1, table row and search title all use it (a test
    compares every page's H1 with it). ``name_ko`` is the name Korean ML writing
    uses: a Korean word with the English term in parentheses (시그모이드 (로지스틱
    함수), 소프트플러스 (Softplus)), or the English acronym itself, optionally with
    its Korean expansion (ReLU (정류 선형 유닛), Leaky ReLU, SwiGLU).
    ``aliases: tuple[str, ...]`` other names in use.
    ``family: str`` a :class:`Family` id. ``kind: "elementwise" | "vector"``.
    ``function`` the callable. ``derivative`` ``<id>_derivative`` for
    elementwise entries, else ``None``. ``vjp``, ``jacobian`` for vector entries,
    else ``None``.
    ``latex: str``, ``latex_derivative: str`` KaTeX source for display math
    (no ``$`` delimiters). For vector entries ``latex_derivative`` is the
    Jacobian entry.
    ``parameters: tuple[Parameter, ...]`` the keyword-only parameters with the
    function's defaults (checked against ``inspect.signature``).
    ``output_range: Interval`` and ``range_latex: str`` the set of values at the
    default parameters (for vector entries: of each component, input length
    n >= 2). ``Interval`` is the smallest interval containing the range; where the
    range is not an interval (the binary step's {0, 1}) ``range_latex`` is exact.
    ``monotonic: "increasing" | "non-decreasing" | "non-monotonic" | None``
    (``None`` for vector entries, where it is not defined).
    ``zero_centred: bool`` see :data:`ZERO_CENTRED_DEFINITION`; the measured mean it
    rests on is :func:`output_moments`.
    ``bounded_below: bool``, ``bounded_above: bool``.
    ``smoothness: "discontinuous" | "C0" | "C1" | "C∞"`` at the default
    parameters (ELU is C1 only for alpha = 1).
    ``breakpoints: tuple[float, ...]`` inputs where the defining formula changes
    piece (kinks and smooth joins), at the default parameters.
    ``saturating: "none" | "left" | "right" | "both" | None`` see
    :data:`SATURATING_DEFINITION` (``None`` for vector entries).
    ``self_gated: bool`` see :data:`SELF_GATED_DEFINITION`.
    ``f0: float | None`` exact ``function(0.0)`` (``None`` for vector entries).
    ``df0: float | None`` exact ``derivative(0.0)``; where 0 is a kink this is
    our convention there (``None`` for vector entries).
    ``kink: KinkConvention | None`` the points where f is not differentiable.
    ``frameworks: tuple[FrameworkEquivalent, ...]`` PyTorch, Keras, JAX (this
    order). ``papers: tuple[Paper, ...]`` (possibly empty). ``year: int | None``
    for the timeline (the earliest paper). ``cost: "low" | "medium" | "high"``
    see :data:`COST_DEFINITION`. ``summary_en: str``, ``summary_ko: str`` one
    sentence each.
:class:`Family` ``id``, ``name_en``, ``name_ko``, ``description_en``, ``description_ko``.
:class:`Definition` ``en``, ``ko``: the exact meaning of a property; the constants
``ZERO_CENTRED_DEFINITION``, ``SATURATING_DEFINITION``, ``SELF_GATED_DEFINITION``
and ``COST_DEFINITION`` are what the tests check.
:class:`Parameter` ``name``, ``default: float | int``, ``en``, ``ko``.
:class:`Interval` ``lower``, ``upper`` (may be ``±inf``), ``lower_closed``,
``upper_closed`` (always ``False`` at an infinite end).
:class:`KinkConvention` ``points: tuple[float, ...]``; ``ours``, ``torch``,
``jax``, ``tensorflow``: ``tuple[float | None, ...]`` aligned with ``points``
(the derivative each returns there at our default parameters; ``None``: no
gradient or no such op, see ``en``/``ko``); ``en``, ``ko`` explanations. The
``tensorflow`` column is the native ``tf.nn`` op's gradient where one exists,
otherwise Keras 3 running on TensorFlow where its source was checked.
:class:`FrameworkEquivalent` ``framework: "pytorch" | "keras" | "jax"``,
``calls: tuple[str, ...]`` code that computes the same function at our defaults
(empty: no built-in), ``note_en``, ``note_ko`` (default differences; empty if none).
:class:`Paper` ``authors``, ``year``, ``title``, ``venue``, ``url`` (https, or empty for
a report with no stable online copy; ``venue`` then says where it is cited). ``year`` is
the first public version (an arXiv preprint's year, not the later proceedings'), so
an entry's ``year`` is the earliest year the function appears in the literature.

Sources of the framework facts: PyTorch ATen kernels
(``aten/src/ATen/native/cpu/Activation.cpp``, ``tools/autograd/derivatives.yaml``)
and docs; JAX ``jax/_src/nn/functions.py``; TensorFlow
``tensorflow/core/kernels/relu_op_functor.h``; Keras 3
``keras/src/activations/activations.py`` and
``keras/src/backend/tensorflow/nn.py`` and the keras.io / tensorflow.org API pages.

Examples
--------
>>> get("relu").output_range
Interval(lower=0.0, upper=inf, lower_closed=True, upper_closed=False)
>>> get("leaky_relu").parameters[0].default
0.01
>>> [f.id for f in FAMILIES][:3]
['linear-step', 'sigmoidal', 'relu']
>>> get("relu").kink.torch, get("leaky_relu").kink.jax
((0.0,), (1.0,))
"""

# Descriptions name parameters by their Greek letters and use the real minus sign.
# ruff: noqa: RUF001
from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal, NamedTuple

import numpy as np
from scipy import integrate

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

__all__ = [
    "COST_DEFINITION",
    "FAMILIES",
    "REGISTRY",
    "SATURATING_DEFINITION",
    "SELF_GATED_DEFINITION",
    "ZERO_CENTRED_DEFINITION",
    "ZERO_CENTRED_TOLERANCE",
    "Activation",
    "Definition",
    "Family",
    "FrameworkEquivalent",
    "Interval",
    "KinkConvention",
    "Moments",
    "Paper",
    "Parameter",
    "by_family",
    "families",
    "get",
    "measured_zero_centred",
    "output_moments",
]

Kind = Literal["elementwise", "vector"]
Monotonic = Literal["increasing", "non-decreasing", "non-monotonic"]
Smoothness = Literal["discontinuous", "C0", "C1", "C∞"]
Saturating = Literal["none", "left", "right", "both"]
Cost = Literal["low", "medium", "high"]
Framework = Literal["pytorch", "keras", "jax"]

@dataclass(frozen=True, slots=True)
class Definition:
    """The precise meaning of a property, in both languages (shown next to the cards)."""

    en: str
    ko: str


ZERO_CENTRED_TOLERANCE = 0.05
"""``zero_centred`` holds when ``|E[f(X)]| <= ZERO_CENTRED_TOLERANCE * SD[f(X)]``, X ~ N(0, 1)."""

ZERO_CENTRED_DEFINITION = Definition(
    en="zero_centred is True when the outputs are centred on 0 for a zero-mean symmetric "
    "input: for X ~ N(0, 1) at the default parameters, |E[f(X)]| is at most 0.05 times the "
    "standard deviation of f(X) (for a vector function: X ~ N(0, I) of length 2, the first "
    "output component). "
    "The card shows the measured mean E[f(X)]. Having f(0) = 0 and outputs of both signs is "
    "not enough: leaky ReLU has both, and its mean output is clearly positive.",
    ko="입력이 0을 중심으로 대칭이고 평균이 0일 때 출력도 0을 중심으로 분포하면 '0 중심'이라고 "
    "합니다. 기본 매개변수에서 X ~ N(0, 1)일 때 |E[f(X)]|가 f(X) 표준편차의 0.05배 이하인지로 "
    "판정합니다(벡터 함수는 길이 2의 X ~ N(0, I)에서 출력의 첫 성분). 카드에는 측정한 평균 "
    "E[f(X)]를 "
    "적습니다. f(0) = 0이고 출력에 두 부호가 모두 있다는 것만으로는 부족합니다. Leaky ReLU는 "
    "둘 다 만족하지만 출력 평균이 분명히 양수입니다.",
)
SATURATING_DEFINITION = Definition(
    en="A side saturates when the derivative tends to 0 there: 'left' means f'(x) -> 0 as "
    "x -> -inf, 'right' as x -> +inf, 'both' on both sides, 'none' on neither. A derivative "
    "that is exactly 0 on a half-line (ReLU for x < 0) counts as saturating.",
    ko="어느 쪽에서 도함수가 0으로 가면 그쪽이 포화된다고 합니다. 'left'는 x -> -inf에서, "
    "'right'는 x -> +inf에서 f'(x) -> 0, 'both'는 양쪽, 'none'은 어느 쪽도 아님을 뜻합니다. "
    "반직선 위에서 도함수가 정확히 0인 경우(x < 0에서의 ReLU)도 포화로 셉니다.",
)
SELF_GATED_DEFINITION = Definition(
    en="self_gated is True when f(x) = x * g(x) with a gate g computed from x itself that is "
    "continuous, non-decreasing, tends to 0 as x -> -inf and to 1 as x -> +inf, and lies "
    "strictly between 0 and 1 at x = 0 (Swish/SiLU, GELU, Mish, hard swish). ReLU = x * H(x) "
    "fails the continuity of the gate; ELU and CELU have g(0) = 1.",
    ko="f(x) = x * g(x)이고, x로부터 계산한 게이트 g가 연속이며 감소하지 않고, x -> -inf에서 0, "
    "x -> +inf에서 1로 가며, x = 0에서 0과 1 사이(양 끝 제외)의 값을 가질 때 '자기 게이트'라고 "
    "합니다(SiLU(스위시), GELU, Mish, 하드 스위시). ReLU = x * H(x)는 게이트가 연속이 아니고, "
    "ELU와 CELU는 g(0) = 1입니다.",
)
COST_DEFINITION = Definition(
    en="Relative cost counts transcendental evaluations (exp, log, tanh, erf) per output "
    "element in the defining formula: 'low' none (comparisons and arithmetic only), "
    "'medium' one or two, 'high' three or more. A reduction over a vector (softmax) counts "
    "as arithmetic. It is an operation count, not a timing: real speed depends on hardware, "
    "fusion and memory traffic.",
    ko="상대 비용은 정의식에서 출력 원소 하나당 초월함수(exp, log, tanh, erf) 계산 횟수를 셉니다. "
    "'low'는 없음(비교와 사칙연산만), 'medium'은 한두 번, 'high'는 세 번 이상입니다. 벡터 "
    "전체에 대한 합(소프트맥스)은 사칙연산으로 칩니다. 시간을 잰 값이 아니라 연산 수이며, 실제 "
    "속도는 하드웨어, 연산 융합, 메모리 이동에 따라 달라집니다.",
)


@dataclass(frozen=True, slots=True)
class Family:
    """A group of related activations shown together on the site."""

    id: str
    name_en: str
    name_ko: str
    description_en: str
    description_ko: str


@dataclass(frozen=True, slots=True)
class Parameter:
    """A keyword-only parameter with the function's default value.

    ``explore`` is the closed interval ``(low, high)`` the explorer page's slider
    spans: values the function accepts everywhere in it, the default inside.
    ``None`` for structural parameters (``axis``) that no slider moves.
    ``symbol`` is the parameter's letter in the entry's formulas (TeX, e.g.
    ``\\alpha``), which the descriptions ``en`` and ``ko`` name too; the explorer
    writes the current value in its place. ``None`` for structural parameters.
    """

    name: str
    default: float | int
    en: str
    ko: str
    explore: tuple[float, float] | None = None
    symbol: str | None = None


@dataclass(frozen=True, slots=True)
class Interval:
    """The smallest interval containing a set of real values; infinite ends are open."""

    lower: float
    upper: float
    lower_closed: bool
    upper_closed: bool

    def __post_init__(self) -> None:
        if not self.lower <= self.upper:
            raise ValueError(f"Interval: lower {self.lower} exceeds upper {self.upper}")
        if (math.isinf(self.lower) and self.lower_closed) or (
            math.isinf(self.upper) and self.upper_closed
        ):
            raise ValueError("Interval: an infinite end cannot be closed")

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies in the interval.

        >>> Interval(0.0, 1.0, True, False).contains(1.0)
        False
        """
        above = value >= self.lower if self.lower_closed else value > self.lower
        below = value <= self.upper if self.upper_closed else value < self.upper
        return above and below


@dataclass(frozen=True, slots=True)
class KinkConvention:
    """Points where f has no derivative, and what each implementation returns there."""

    points: tuple[float, ...]
    ours: tuple[float | None, ...]
    torch: tuple[float | None, ...]
    jax: tuple[float | None, ...]
    tensorflow: tuple[float | None, ...]
    en: str
    ko: str

    def __post_init__(self) -> None:
        n = len(self.points)
        for name in ("ours", "torch", "jax", "tensorflow"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"KinkConvention.{name} must have one value per point")


@dataclass(frozen=True, slots=True)
class FrameworkEquivalent:
    """How to get the same function from a framework, and where its defaults differ."""

    framework: Framework
    calls: tuple[str, ...]
    note_en: str = ""
    note_ko: str = ""


@dataclass(frozen=True, slots=True)
class Paper:
    """A publication that introduced or popularised the activation."""

    authors: str
    year: int
    title: str
    venue: str
    url: str


@dataclass(frozen=True, slots=True)
class Activation:
    """Everything the project states about one activation function."""

    id: str
    name_en: str
    name_ko: str
    aliases: tuple[str, ...]
    family: str
    kind: Kind
    function: Callable[..., object]
    derivative: Callable[..., object] | None
    vjp: Callable[..., object] | None
    jacobian: Callable[..., object] | None
    latex: str
    latex_derivative: str
    parameters: tuple[Parameter, ...]
    output_range: Interval
    range_latex: str
    monotonic: Monotonic | None
    zero_centred: bool
    bounded_below: bool
    bounded_above: bool
    smoothness: Smoothness
    breakpoints: tuple[float, ...]
    saturating: Saturating | None
    self_gated: bool
    f0: float | None
    df0: float | None
    kink: KinkConvention | None
    frameworks: tuple[FrameworkEquivalent, ...]
    papers: tuple[Paper, ...]
    year: int | None
    cost: Cost
    summary_en: str
    summary_ko: str


INF = math.inf

# SELU's constants as in Klambauer et al. (2017); lambda * alpha rounded once.
_SELU_LAMBDA = 1.0507009873554804934193349852946
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_LAMBDA_ALPHA = 1.7580993408473768599402175208123

# Minimum values of the non-monotonic smooth gates, from 40-digit mpmath root finding of
# f'(x) = 0 (the SiLU minimum is -W(1/e), W the Lambert function).
_GELU_MIN = -0.16997120747990366
_GELU_TANH_MIN = -0.17004075057125406
_SILU_MIN = -0.2784645427610738
_MISH_MIN = -0.30884341301725043


FAMILIES: tuple[Family, ...] = (
    Family(
        "linear-step",
        "Linear and step",
        "선형·계단 함수",
        "The two extremes: no nonlinearity at all, and an all-or-nothing threshold with no "
        "usable gradient.",
        "비선형성이 전혀 없는 함수와, 쓸 만한 기울기가 없는 전부-아니면-전무 문턱 함수라는 "
        "두 극단입니다.",
    ),
    Family(
        "sigmoidal",
        "Sigmoid-shaped",
        "시그모이드 계열",
        "S-shaped, bounded functions that flatten out on both sides, and their piecewise-linear "
        "and logarithmic relatives.",
        "양쪽 끝에서 평평해지는 S자 모양의 유계 함수들과, 그 구간별 선형 근사 및 로그 형태입니다.",
    ),
    Family(
        "relu",
        "Rectifiers",
        "정류 함수 (ReLU 계열)",
        "Identity for positive input, zero or a small slope for negative input; softplus is "
        "their smooth counterpart.",
        "양수 입력은 그대로 내보내고 음수 입력은 0으로 만들거나 작은 계수를 곱해 줄이는 함수들이며, "
        "소프트플러스는 그 매끄러운 버전입니다.",
    ),
    Family(
        "exponential",
        "Exponential linear units",
        "지수 선형 유닛 계열",
        "Linear for positive input and an exponential that levels off at a negative value for "
        "negative input.",
        "양수 입력에서는 선형이고, 음수 입력에서는 음의 값으로 수렴하는 지수 곡선을 따릅니다.",
    ),
    Family(
        "smooth-gated",
        "Self-gated",
        "자기 게이트 함수",
        "The input multiplied by a gate between 0 and 1 computed from the input itself.",
        "입력에, 그 입력으로 계산한 0과 1 사이의 게이트 값을 곱하는 함수들입니다.",
    ),
    Family(
        "gated-linear",
        "Gated linear units",
        "게이트 선형 유닛 (GLU 계열)",
        "Vector functions that split their input into two halves and let one half gate the "
        "other; the output is half as long.",
        "입력을 두 절반으로 나누어 한쪽이 다른 쪽을 게이트하는 벡터 함수로, 출력 길이는 입력의 "
        "절반입니다.",
    ),
    Family(
        "output-vector",
        "Output layer (vector)",
        "출력층용 벡터 함수",
        "Functions of a whole vector that turn scores into a probability distribution.",
        "점수 벡터 전체를 받아 확률 분포로 바꾸는 함수들입니다.",
    ),
)

def _torch(*calls: str, en: str = "", ko: str = "") -> FrameworkEquivalent:
    return FrameworkEquivalent("pytorch", calls, en, ko)


def _keras(*calls: str, en: str = "", ko: str = "") -> FrameworkEquivalent:
    return FrameworkEquivalent("keras", calls, en, ko)


def _jax(*calls: str, en: str = "", ko: str = "") -> FrameworkEquivalent:
    return FrameworkEquivalent("jax", calls, en, ko)


_ARXIV = "https://arxiv.org/abs/"

_P_MCCULLOCH = Paper(
    "W. S. McCulloch, W. Pitts",
    1943,
    "A logical calculus of the ideas immanent in nervous activity",
    "Bulletin of Mathematical Biophysics 5",
    "https://doi.org/10.1007/BF02478259",
)
_P_ROSENBLATT = Paper(
    "F. Rosenblatt",
    1958,
    "The perceptron: a probabilistic model for information storage and organization in "
    "the brain",
    "Psychological Review 65(6)",
    "https://doi.org/10.1037/h0042519",
)
_P_RUMELHART = Paper(
    "D. E. Rumelhart, G. E. Hinton, R. J. Williams",
    1986,
    "Learning representations by back-propagating errors",
    "Nature 323",
    "https://doi.org/10.1038/323533a0",
)
_P_LECUN = Paper(
    "Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller",
    1998,
    "Efficient BackProp",
    "Neural Networks: Tricks of the Trade, LNCS 1524",
    "https://doi.org/10.1007/3-540-49430-8_2",
)
_P_LECUN_ZIP = Paper(
    "Y. LeCun, B. Boser, J. S. Denker, D. Henderson, R. E. Howard, W. Hubbard, L. D. Jackel",
    1989,
    "Backpropagation Applied to Handwritten Zip Code Recognition",
    "Neural Computation 1(4)",
    "https://doi.org/10.1162/neco.1989.1.4.541",
)
_P_BERGSTRA = Paper(
    "J. Bergstra, G. Desjardins, P. Lamblin, Y. Bengio",
    2009,
    "Quadratic polynomials learn better image features",
    "Technical Report 1337, DIRO, Université de Montréal (the source Glorot & Bengio, 2010, "
    "cite for softsign)",
    "",
)
_P_COURBARIAUX = Paper(
    "M. Courbariaux, Y. Bengio, J.-P. David",
    2015,
    "BinaryConnect: Training Deep Neural Networks with binary weights during propagations",
    "NeurIPS 2015",
    _ARXIV + "1511.00363",
)
_P_COLLOBERT = Paper(
    "R. Collobert, J. Weston, L. Bottou, M. Karlen, K. Kavukcuoglu, P. Kuksa",
    2011,
    "Natural Language Processing (Almost) from Scratch",
    "Journal of Machine Learning Research 12",
    "https://jmlr.org/papers/v12/collobert11a.html",
)
_P_NAIR = Paper(
    "V. Nair, G. E. Hinton",
    2010,
    "Rectified Linear Units Improve Restricted Boltzmann Machines",
    "ICML 2010",
    "https://mlanthology.org/icml/2010/nair2010icml-rectified/",
)
_P_GLOROT_RELU = Paper(
    "X. Glorot, A. Bordes, Y. Bengio",
    2011,
    "Deep Sparse Rectifier Neural Networks",
    "AISTATS 2011, PMLR 15",
    "https://proceedings.mlr.press/v15/glorot11a.html",
)
_P_KRIZHEVSKY = Paper(
    "A. Krizhevsky",
    2010,
    "Convolutional Deep Belief Networks on CIFAR-10",
    "unpublished manuscript, University of Toronto",
    "https://www.cs.toronto.edu/~kriz/conv-cifar10-aug2010.pdf",
)
_P_MAAS = Paper(
    "A. L. Maas, A. Y. Hannun, A. Y. Ng",
    2013,
    "Rectifier Nonlinearities Improve Neural Network Acoustic Models",
    "ICML 2013 Workshop on Deep Learning for Audio, Speech and Language Processing",
    "https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf",
)
_P_HE = Paper(
    "K. He, X. Zhang, S. Ren, J. Sun",
    2015,
    "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet "
    "Classification",
    "ICCV 2015",
    _ARXIV + "1502.01852",
)
_P_CLEVERT = Paper(
    "D.-A. Clevert, T. Unterthiner, S. Hochreiter",
    2015,
    "Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)",
    "ICLR 2016",
    _ARXIV + "1511.07289",
)
_P_KLAMBAUER = Paper(
    "G. Klambauer, T. Unterthiner, A. Mayr, S. Hochreiter",
    2017,
    "Self-Normalizing Neural Networks",
    "NeurIPS 2017",
    _ARXIV + "1706.02515",
)
_P_BARRON = Paper(
    "J. T. Barron",
    2017,
    "Continuously Differentiable Exponential Linear Units",
    "arXiv preprint",
    _ARXIV + "1704.07483",
)
_P_DUGAS = Paper(
    "C. Dugas, Y. Bengio, F. Bélisle, C. Nadeau, R. Garcia",
    2000,
    "Incorporating Second-Order Functional Knowledge for Better Option Pricing",
    "NIPS 13 (2000)",
    "https://www.cirano.qc.ca/en/summaries/2002s-46",
)
_P_GLOROT_INIT = Paper(
    "X. Glorot, Y. Bengio",
    2010,
    "Understanding the difficulty of training deep feedforward neural networks",
    "AISTATS 2010, PMLR 9",
    "https://proceedings.mlr.press/v9/glorot10a.html",
)
_P_HENDRYCKS = Paper(
    "D. Hendrycks, K. Gimpel",
    2016,
    "Gaussian Error Linear Units (GELUs)",
    "arXiv preprint",
    _ARXIV + "1606.08415",
)
_P_ELFWING = Paper(
    "S. Elfwing, E. Uchibe, K. Doya",
    2017,
    "Sigmoid-Weighted Linear Units for Neural Network Function Approximation in "
    "Reinforcement Learning",
    "Neural Networks 107 (2018)",
    _ARXIV + "1702.03118",
)
_P_RAMACHANDRAN = Paper(
    "P. Ramachandran, B. Zoph, Q. V. Le",
    2017,
    "Searching for Activation Functions",
    "arXiv preprint",
    _ARXIV + "1710.05941",
)
_P_HOWARD = Paper(
    "A. Howard, M. Sandler, G. Chu, L.-C. Chen, B. Chen, M. Tan, W. Wang, Y. Zhu, R. Pang, "
    "V. Vasudevan, Q. V. Le, H. Adam",
    2019,
    "Searching for MobileNetV3",
    "ICCV 2019",
    _ARXIV + "1905.02244",
)
_P_MISRA = Paper(
    "D. Misra",
    2019,
    "Mish: A Self Regularized Non-Monotonic Activation Function",
    "BMVC 2020",
    _ARXIV + "1908.08681",
)
_P_BRIDLE = Paper(
    "J. S. Bridle",
    1990,
    "Probabilistic Interpretation of Feedforward Classification Network Outputs, with "
    "Relationships to Statistical Pattern Recognition",
    "Neurocomputing, NATO ASI Series F 68",
    "https://doi.org/10.1007/978-3-642-76153-9_28",
)
_P_DAUPHIN = Paper(
    "Y. N. Dauphin, A. Fan, M. Auli, D. Grangier",
    2016,
    "Language Modeling with Gated Convolutional Networks",
    "ICML 2017",
    _ARXIV + "1612.08083",
)
_P_SHAZEER = Paper(
    "N. Shazeer",
    2020,
    "GLU Variants Improve Transformer",
    "arXiv preprint",
    _ARXIV + "2002.05202",
)


def _entries() -> tuple[Activation, ...]:
    e: list[Activation] = []

    # --- linear and step -------------------------------------------------------------
    e.append(Activation(
        id="identity",
        name_en="Identity (linear activation)",
        name_ko="항등 함수 (선형 활성화)",
        aliases=("linear", "purelin"),
        family="linear-step",
        kind="elementwise",
        function=identity,
        derivative=identity_derivative,
        vjp=None,
        jacobian=None,
        latex=r"f(x) = x",
        latex_derivative=r"f'(x) = 1",
        parameters=(),
        output_range=Interval(-INF, INF, False, False),
        range_latex=r"(-\infty, \infty)",
        monotonic="increasing",
        zero_centred=True,
        bounded_below=False,
        bounded_above=False,
        smoothness="C∞",
        breakpoints=(),
        saturating="none",
        self_gated=False,
        f0=0.0,
        df0=1.0,
        kink=None,
        frameworks=(
            _torch("torch.nn.Identity()"),
            _keras("keras.activations.linear(x)"),
            _jax(
                "jax.nn.identity(x)",
                en="jax.nn.identity was added in 2025 (jax#27355); in older releases use x "
                "itself.",
                ko="jax.nn.identity는 2025년에 추가되었으므로(jax#27355) 그 이전 버전에서는 x를 "
                "그대로 씁니다.",
            ),
        ),
        papers=(),
        year=None,
        cost="low",
        summary_en="Passes its input through unchanged; stacking linear layers with it "
        "collapses them into one linear map, so it is used only at regression outputs.",
        summary_ko="입력을 그대로 내보내는 함수로, 이것만 쓰면 여러 선형 층이 하나의 선형 "
        "변환으로 합쳐지므로 회귀 출력층에서만 씁니다.",
    ))
    e.append(Activation(
        id="binary_step",
        name_en="Binary step (Heaviside)",
        name_ko="계단 함수 (헤비사이드)",
        aliases=("Heaviside", "unit step", "threshold"),
        family="linear-step",
        kind="elementwise",
        function=binary_step,
        derivative=binary_step_derivative,
        vjp=None,
        jacobian=None,
        latex=r"H(x) = \begin{cases} 1, & x \ge 0 \\ 0, & x < 0 \end{cases}",
        latex_derivative=r"H'(x) = 0 \quad (x \ne 0)",
        parameters=(),
        output_range=Interval(0.0, 1.0, True, True),
        range_latex=r"\{0, 1\}",
        monotonic="non-decreasing",
        zero_centred=False,
        bounded_below=True,
        bounded_above=True,
        smoothness="discontinuous",
        breakpoints=(0.0,),
        saturating="both",
        self_gated=False,
        f0=1.0,
        df0=0.0,
        kink=KinkConvention(
            points=(0.0,),
            ours=(0.0,),
            torch=(None,),
            jax=(0.0,),
            tensorflow=(None,),
            en="The step jumps at 0 and has no derivative there. We return 0 (so it carries "
            "no gradient anywhere). PyTorch has no backward for torch.heaviside (autograd "
            "raises 'derivative for aten::heaviside is not implemented'); jax.numpy.heaviside is "
            "built from where() and differentiates to 0; tf.nn has no step op, and "
            "keras.ops.heaviside on TensorFlow gives no gradient (the tape returns None).",
            ko="계단 함수는 0에서 값이 뛰므로 미분할 수 없습니다. 여기서는 0을 돌려주므로 어디서도 "
            "기울기가 전달되지 않습니다. PyTorch의 torch.heaviside는 역전파가 구현되어 있지 "
            "않아 오류가 나고, jax.numpy.heaviside는 where()로 만들어져 기울기가 0이며, "
            "tf.nn에는 계단 연산이 없고, TensorFlow 위의 keras.ops.heaviside는 기울기를 "
            "주지 않습니다(테이프가 None을 돌려줌).",
        ),
        frameworks=(
            _torch(
                "torch.heaviside(x, torch.tensor(1.0))",
                en="The second argument is the value at 0; we use 1. No gradient.",
                ko="두 번째 인자가 0에서의 값이며, 여기서는 1을 씁니다. 기울기는 없습니다.",
            ),
            _keras(
                "keras.ops.heaviside(x, 1.0)",
                en="No step function in keras.activations; keras.ops.heaviside is the "
                "NumPy-style op, whose second argument is the value at 0 (we use 1).",
                ko="keras.activations에는 계단 함수가 없고, NumPy 방식 연산인 "
                "keras.ops.heaviside를 쓰며 두 번째 인자가 0에서의 값입니다(여기서는 1).",
            ),
            _jax(
                "jax.numpy.heaviside(x, 1.0)",
                en="The second argument is the value at 0; we use 1.",
                ko="두 번째 인자가 0에서의 값이며, 여기서는 1을 씁니다.",
            ),
        ),
        papers=(_P_MCCULLOCH, _P_ROSENBLATT),
        year=1943,
        cost="low",
        summary_en="Outputs 1 when the input reaches 0 and 0 otherwise: the unit of the "
        "perceptron, useless for gradient descent because its slope is 0 everywhere.",
        summary_ko="입력이 0 이상이면 1, 아니면 0을 내는 퍼셉트론의 단위 함수로, 기울기가 "
        "어디서나 0이라 경사 하강법으로는 학습할 수 없습니다.",
    ))

    # --- sigmoid-shaped ---------------------------------------------------------------
    e.append(Activation(
        id="sigmoid",
        name_en="Sigmoid (logistic function)",
        name_ko="시그모이드 (로지스틱 함수)",
        aliases=("logistic", "expit"),
        family="sigmoidal",
        kind="elementwise",
        function=sigmoid,
        derivative=sigmoid_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        latex_derivative=r"\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)",
        parameters=(),
        output_range=Interval(0.0, 1.0, False, False),
        range_latex=r"(0, 1)",
        monotonic="increasing",
        zero_centred=False,
        bounded_below=True,
        bounded_above=True,
        smoothness="C∞",
        breakpoints=(),
        saturating="both",
        self_gated=False,
        f0=0.5,
        df0=0.25,
        kink=None,
        frameworks=(
            _torch("torch.sigmoid(x)", "torch.nn.Sigmoid()"),
            _keras("keras.activations.sigmoid(x)", "keras.ops.sigmoid(x)"),
            _jax("jax.nn.sigmoid(x)"),
        ),
        papers=(_P_RUMELHART,),
        year=1986,
        cost="medium",
        summary_en="Squashes any real number into (0, 1); the natural output for a binary "
        "probability, but its slope is at most 1/4 and vanishes for large |x|.",
        summary_ko="모든 실수를 (0, 1)로 눌러 담아 이진 분류의 확률 출력에 알맞지만, 기울기가 "
        "최대 1/4이고 |x|가 크면 사라집니다.",
    ))
    e.append(Activation(
        id="tanh",
        name_en="Hyperbolic tangent (tanh)",
        name_ko="하이퍼볼릭 탄젠트 (tanh)",
        aliases=("tanh",),
        family="sigmoidal",
        kind="elementwise",
        function=tanh,
        derivative=tanh_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\,\sigma(2x) - 1",
        latex_derivative=r"\tanh'(x) = 1 - \tanh^{2}(x)",
        parameters=(),
        output_range=Interval(-1.0, 1.0, False, False),
        range_latex=r"(-1, 1)",
        monotonic="increasing",
        zero_centred=True,
        bounded_below=True,
        bounded_above=True,
        smoothness="C∞",
        breakpoints=(),
        saturating="both",
        self_gated=False,
        f0=0.0,
        df0=1.0,
        kink=None,
        frameworks=(
            _torch("torch.tanh(x)", "torch.nn.Tanh()"),
            _keras("keras.activations.tanh(x)", "keras.ops.tanh(x)"),
            _jax("jax.numpy.tanh(x)"),
        ),
        papers=(_P_LECUN_ZIP, _P_LECUN),
        year=1989,
        cost="medium",
        summary_en="A rescaled sigmoid with range (-1, 1) and slope 1 at the origin; "
        "zero-centred, but it saturates on both sides just like the sigmoid.",
        summary_ko="치역이 (-1, 1)이고 원점 기울기가 1인, 크기를 바꾼 시그모이드로, 0을 중심으로 "
        "하지만 시그모이드처럼 양쪽에서 포화됩니다.",
    ))
    e.append(Activation(
        id="softsign",
        name_en="Softsign",
        name_ko="소프트사인 (Softsign)",
        aliases=(),
        family="sigmoidal",
        kind="elementwise",
        function=softsign,
        derivative=softsign_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{softsign}(x) = \frac{x}{1 + |x|}",
        latex_derivative=r"\operatorname{softsign}'(x) = \frac{1}{(1 + |x|)^{2}}",
        parameters=(),
        output_range=Interval(-1.0, 1.0, False, False),
        range_latex=r"(-1, 1)",
        monotonic="increasing",
        zero_centred=True,
        bounded_below=True,
        bounded_above=True,
        smoothness="C1",
        breakpoints=(0.0,),
        saturating="both",
        self_gated=False,
        f0=0.0,
        df0=1.0,
        kink=None,
        frameworks=(
            _torch("torch.nn.functional.softsign(x)", "torch.nn.Softsign()"),
            _keras("keras.activations.softsign(x)", "keras.ops.softsign(x)"),
            _jax("jax.nn.soft_sign(x)"),
        ),
        papers=(_P_BERGSTRA, _P_GLOROT_INIT),
        year=2009,
        cost="low",
        summary_en="A tanh-like curve that approaches ±1 polynomially instead of "
        "exponentially, so it saturates more gently; its second derivative jumps at 0.",
        summary_ko="tanh와 닮았지만 ±1에 지수적이 아니라 다항식 속도로 다가가 더 완만하게 "
        "포화되며, 2계 도함수는 0에서 끊깁니다.",
    ))
    e.append(Activation(
        id="hard_sigmoid",
        name_en="Hard sigmoid",
        name_ko="하드 시그모이드 (Hard sigmoid)",
        aliases=("hardsigmoid",),
        family="sigmoidal",
        kind="elementwise",
        function=hard_sigmoid,
        derivative=hard_sigmoid_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{hardsigmoid}(x) = \frac{\operatorname{ReLU6}(x + 3)}{6} = "
        r"\begin{cases} 0, & x \le -3 \\ \frac{x}{6} + \frac{1}{2}, & -3 < x < 3 \\ "
        r"1, & x \ge 3 \end{cases}",
        latex_derivative=r"\operatorname{hardsigmoid}'(x) = \begin{cases} \frac{1}{6}, & "
        r"-3 < x < 3 \\ 0, & |x| > 3 \end{cases}",
        parameters=(),
        output_range=Interval(0.0, 1.0, True, True),
        range_latex=r"[0, 1]",
        monotonic="non-decreasing",
        zero_centred=False,
        bounded_below=True,
        bounded_above=True,
        smoothness="C0",
        breakpoints=(-3.0, 3.0),
        saturating="both",
        self_gated=False,
        f0=0.5,
        df0=1.0 / 6.0,
        kink=KinkConvention(
            points=(-3.0, 3.0),
            ours=(0.0, 0.0),
            torch=(0.0, 0.0),
            jax=(0.0, 0.0),
            tensorflow=(0.0, 0.0),
            en="At the corners ±3 we return 0, the slope of the flat outer pieces. PyTorch's "
            "hardsigmoid_backward passes grad/6 only on the open interval (-3, 3); "
            "jax.nn.hard_sigmoid is relu6(x + 3)/6 and relu6 has a custom JVP that is 0 at "
            "its corners; Keras 3 on TensorFlow computes relu6(x + 3)/6 with tf.nn.relu6, "
            "whose Relu6Grad is 0 at the corners.",
            ko="모서리 ±3에서는 바깥쪽 평평한 구간의 기울기인 0을 돌려줍니다. PyTorch의 "
            "hardsigmoid_backward는 열린 구간 (-3, 3)에서만 grad/6을 전달하고, "
            "jax.nn.hard_sigmoid는 relu6(x + 3)/6인데 relu6의 사용자 정의 JVP가 모서리에서 "
            "0이며, TensorFlow 위의 Keras 3도 tf.nn.relu6으로 계산하므로 Relu6Grad가 "
            "모서리에서 0입니다.",
        ),
        frameworks=(
            _torch("torch.nn.functional.hardsigmoid(x)", "torch.nn.Hardsigmoid()"),
            _keras(
                "keras.activations.hard_sigmoid(x)",
                en="Keras 3 computes relu6(x + 3)/6 like ours. Keras 2 (tf.keras up to "
                "TF 2.15) used a different function, clip(0.2x + 0.5, 0, 1), saturating at "
                "±2.5; some Keras 3 docstrings kept quoting that old formula (tensorflow#65381).",
                ko="Keras 3는 여기와 같은 relu6(x + 3)/6을 계산합니다. Keras 2(TF 2.15까지의 "
                "tf.keras)는 ±2.5에서 포화되는 다른 함수 clip(0.2x + 0.5, 0, 1)을 썼고, "
                "Keras 3의 일부 문서에도 한동안 그 옛 식이 남아 있었습니다(tensorflow#65381).",
            ),
            _jax("jax.nn.hard_sigmoid(x)"),
        ),
        papers=(_P_COURBARIAUX, _P_HOWARD),
        year=2015,
        cost="low",
        summary_en="A three-piece linear stand-in for the sigmoid: cheap to compute and "
        "exactly 0 or 1 beyond ±3.",
        summary_ko="시그모이드를 세 개의 직선 조각으로 대신하는 함수로, 계산이 싸고 ±3 "
        "바깥에서는 정확히 0 또는 1입니다.",
    ))
    e.append(Activation(
        id="hard_tanh",
        name_en="Hard tanh",
        name_ko="하드 tanh",
        aliases=("hardtanh", "clip"),
        family="sigmoidal",
        kind="elementwise",
        function=hard_tanh,
        derivative=hard_tanh_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{hardtanh}(x) = \begin{cases} m, & x < m \\ x, & m \le x \le M"
        r" \\ M, & x > M \end{cases}",
        latex_derivative=r"\operatorname{hardtanh}'(x) = \begin{cases} 1, & m < x < M \\ 0, "
        r"& x < m \text{ or } x > M \end{cases}",
        parameters=(
            Parameter(
                "min_val", -1.0, "lower clipping bound m", "아래쪽 자르기 경계 m", (-3.0, -0.1), "m"
            ),
            Parameter(
                "max_val", 1.0, "upper clipping bound M", "위쪽 자르기 경계 M", (0.1, 3.0), "M"
            ),
        ),
        output_range=Interval(-1.0, 1.0, True, True),
        range_latex=r"[m, M] = [-1, 1]",
        monotonic="non-decreasing",
        zero_centred=True,
        bounded_below=True,
        bounded_above=True,
        smoothness="C0",
        breakpoints=(-1.0, 1.0),
        saturating="both",
        self_gated=False,
        f0=0.0,
        df0=1.0,
        kink=KinkConvention(
            points=(-1.0, 1.0),
            ours=(0.0, 0.0),
            torch=(0.0, 0.0),
            jax=(1.0, 1.0),
            tensorflow=(1.0, 1.0),
            en="At the corners we return 0, like PyTorch (hardtanh_backward zeroes the "
            "gradient where x <= min_val or x >= max_val). jax.nn.hard_tanh is two nested "
            "where(x > 1, ...) / where(x < -1, ...) and so returns 1 at ±1. TensorFlow has no "
            "hard-tanh op of its own; Keras 3's hard_tanh on TensorFlow is tf.clip_by_value, "
            "whose gradient is zeroed only outside [-1, 1], so it returns 1 at ±1.",
            ko="모서리에서는 0을 돌려주며, PyTorch와 같습니다(hardtanh_backward는 x <= min_val "
            "또는 x >= max_val에서 기울기를 0으로 만듭니다). jax.nn.hard_tanh는 "
            "where(x > 1, ...)와 where(x < -1, ...)를 겹친 것이라 ±1에서 1을 돌려줍니다. "
            "TensorFlow 자체에는 하드 탄젠트 연산이 없고, TensorFlow 위의 Keras 3 hard_tanh는 "
            "tf.clip_by_value로 구현되어 [-1, 1] 바깥에서만 기울기를 0으로 만들므로 ±1에서 1을 "
            "돌려줍니다.",
        ),
        frameworks=(
            _torch(
                "torch.nn.functional.hardtanh(x, min_val=-1.0, max_val=1.0)",
                "torch.nn.Hardtanh(min_val=-1.0, max_val=1.0)",
            ),
            _keras(
                "keras.activations.hard_tanh(x)",
                en="Keras 3 only; fixed bounds -1 and 1.",
                ko="Keras 3에만 있으며 경계가 -1과 1로 고정되어 있습니다.",
            ),
            _jax(
                "jax.nn.hard_tanh(x)",
                en="Fixed bounds -1 and 1.",
                ko="경계가 -1과 1로 고정되어 있습니다.",
            ),
        ),
        papers=(_P_COLLOBERT,),
        year=2011,
        cost="low",
        summary_en="Clips its input to [-1, 1] (or [min_val, max_val]): the identity in the "
        "middle and flat outside.",
        summary_ko="입력을 [-1, 1] 구간(또는 [min_val, max_val] 구간)으로 잘라 내는 "
        "함수로, 가운데서는 항등 함수이고 바깥에서는 평평합니다.",
    ))
    e.append(Activation(
        id="log_sigmoid",
        name_en="Log-sigmoid",
        name_ko="로그 시그모이드 (Log-sigmoid)",
        aliases=("logsigmoid",),
        family="sigmoidal",
        kind="elementwise",
        function=log_sigmoid,
        derivative=log_sigmoid_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\log\sigma(x) = -\log\bigl(1 + e^{-x}\bigr) = -\operatorname{softplus}(-x)",
        latex_derivative=r"\frac{d}{dx}\log\sigma(x) = 1 - \sigma(x) = \sigma(-x)",
        parameters=(),
        output_range=Interval(-INF, 0.0, False, False),
        range_latex=r"(-\infty, 0)",
        monotonic="increasing",
        zero_centred=False,
        bounded_below=False,
        bounded_above=True,
        smoothness="C∞",
        breakpoints=(),
        saturating="right",
        self_gated=False,
        f0=-math.log(2.0),
        df0=0.5,
        kink=None,
        frameworks=(
            _torch("torch.nn.functional.logsigmoid(x)", "torch.nn.LogSigmoid()"),
            _keras(
                "keras.activations.log_sigmoid(x)",
                "keras.ops.log_sigmoid(x)",
                en="keras.activations.log_sigmoid is Keras 3 only.",
                ko="keras.activations.log_sigmoid는 Keras 3에만 있습니다.",
            ),
            _jax("jax.nn.log_sigmoid(x)"),
        ),
        papers=(),
        year=None,
        cost="medium",
        summary_en="The logarithm of the sigmoid, computed without forming sigmoid(x) so it stays "
        "accurate for very negative x; it is the log-likelihood term of logistic regression.",
        summary_ko="시그모이드의 로그를 시그모이드 값을 거치지 않고 계산해 x가 아주 작아도 "
        "정확하며, 로지스틱 회귀의 로그 가능도 항입니다.",
    ))

    # --- rectifiers -------------------------------------------------------------------
    e.append(Activation(
        id="relu",
        name_en="ReLU (rectified linear unit)",
        name_ko="ReLU (정류 선형 유닛)",
        aliases=("rectifier", "ramp"),
        family="relu",
        kind="elementwise",
        function=relu,
        derivative=relu_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{ReLU}(x) = \max(0, x)",
        latex_derivative=r"\operatorname{ReLU}'(x) = \begin{cases} 1, & x > 0 \\ 0, & x < 0 "
        r"\end{cases}",
        parameters=(),
        output_range=Interval(0.0, INF, True, False),
        range_latex=r"[0, \infty)",
        monotonic="non-decreasing",
        zero_centred=False,
        bounded_below=True,
        bounded_above=False,
        smoothness="C0",
        breakpoints=(0.0,),
        saturating="left",
        self_gated=False,
        f0=0.0,
        df0=0.0,
        kink=KinkConvention(
            points=(0.0,),
            ours=(0.0,),
            torch=(0.0,),
            jax=(0.0,),
            tensorflow=(0.0,),
            en="ReLU has no derivative at 0; all three frameworks and we use 0. PyTorch's "
            "relu backward is threshold_backward(grad, result, 0), which zeroes the gradient "
            "where the output is <= 0; jax.nn.relu documents ∇relu(0) = 0; TensorFlow's "
            "ReluGrad passes the gradient only where the input is > 0.",
            ko="ReLU는 0에서 미분할 수 없으며, 세 프레임워크 모두 그리고 이 패키지도 0을 "
            "씁니다. PyTorch의 relu 역전파는 threshold_backward(grad, result, 0)로 출력이 0 "
            "이하인 곳의 기울기를 0으로 만들고, jax.nn.relu는 ∇relu(0) = 0이라고 문서에 밝히며, "
            "TensorFlow의 ReluGrad는 입력이 0보다 큰 곳에서만 기울기를 전달합니다.",
        ),
        frameworks=(
            _torch("torch.nn.functional.relu(x)", "torch.nn.ReLU()"),
            _keras(
                "keras.activations.relu(x)",
                "keras.ops.relu(x)",
                en="keras.activations.relu also takes negative_slope, max_value and threshold "
                "(defaults 0, None, 0 give plain ReLU).",
                ko="keras.activations.relu는 negative_slope, max_value, threshold도 받으며 "
                "기본값(0, None, 0)이면 보통의 ReLU입니다.",
            ),
            _jax("jax.nn.relu(x)"),
        ),
        papers=(_P_NAIR, _P_GLOROT_RELU),
        year=2010,
        cost="low",
        summary_en="Zero for negative input and the identity for positive input: cheap, "
        "non-saturating for x > 0, the default hidden-layer activation since about 2011.",
        summary_ko="음수 입력은 0, 양수 입력은 그대로 내보내는 함수로, 계산이 싸고 x > 0에서 "
        "포화되지 않아 2011년 무렵부터 은닉층의 기본 활성화 함수가 되었습니다.",
    ))
    e.append(Activation(
        id="relu6",
        name_en="ReLU6",
        name_ko="ReLU6",
        aliases=("clipped ReLU",),
        family="relu",
        kind="elementwise",
        function=relu6,
        derivative=relu6_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{ReLU6}(x) = \min\bigl(\max(0, x), 6\bigr)",
        latex_derivative=r"\operatorname{ReLU6}'(x) = \begin{cases} 1, & 0 < x < 6 \\ 0, & "
        r"x < 0 \text{ or } x > 6 \end{cases}",
        parameters=(),
        output_range=Interval(0.0, 6.0, True, True),
        range_latex=r"[0, 6]",
        monotonic="non-decreasing",
        zero_centred=False,
        bounded_below=True,
        bounded_above=True,
        smoothness="C0",
        breakpoints=(0.0, 6.0),
        saturating="both",
        self_gated=False,
        f0=0.0,
        df0=0.0,
        kink=KinkConvention(
            points=(0.0, 6.0),
            ours=(0.0, 0.0),
            torch=(0.0, 0.0),
            jax=(0.0, 0.0),
            tensorflow=(0.0, 0.0),
            en="We return 0 at both corners, as all three frameworks do: PyTorch computes "
            "relu6 as hardtanh(x, 0, 6), whose backward is 0 where x <= 0 or x >= 6; "
            "jax.nn.relu6 has a custom JVP that is 0 at 0 and 6 (chosen in 2023 to match "
            "PyTorch); TensorFlow's Relu6Grad passes the gradient only where 0 < x < 6.",
            ko="두 모서리 모두에서 0을 돌려주며 세 프레임워크도 같습니다. PyTorch는 relu6을 "
            "hardtanh(x, 0, 6)으로 계산하고 그 역전파는 x <= 0 또는 x >= 6에서 0입니다. "
            "jax.nn.relu6은 0과 6에서 0인 사용자 정의 JVP를 가지며(2023년에 PyTorch에 맞춤), "
            "TensorFlow의 Relu6Grad는 0 < x < 6에서만 기울기를 전달합니다.",
        ),
        frameworks=(
            _torch("torch.nn.functional.relu6(x)", "torch.nn.ReLU6()"),
            _keras("keras.activations.relu6(x)", "keras.ops.relu6(x)"),
            _jax("jax.nn.relu6(x)"),
        ),
        papers=(_P_KRIZHEVSKY,),
        year=2010,
        cost="low",
        summary_en="ReLU capped at 6, which keeps activations in a range that low-precision "
        "arithmetic represents well (used in MobileNets).",
        summary_ko="ReLU의 출력을 6에서 자른 함수로, 활성값을 저정밀도 연산이 잘 표현하는 "
        "범위에 묶어 둡니다(MobileNet에서 사용).",
    ))
    e.append(Activation(
        id="leaky_relu",
        name_en="Leaky ReLU",
        name_ko="Leaky ReLU",
        aliases=("LReLU",),
        family="relu",
        kind="elementwise",
        function=leaky_relu,
        derivative=leaky_relu_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{LeakyReLU}(x) = \begin{cases} x, & x \ge 0 \\ \alpha\,x, & x < 0 "
        r"\end{cases}",
        latex_derivative=r"\operatorname{LeakyReLU}'(x) = \begin{cases} 1, & x > 0 \\ \alpha, & "
        r"x < 0 \end{cases}",
        parameters=(
            Parameter(
                "negative_slope",
                0.01,
                "slope α for negative input",
                "음수 입력에 곱하는 계수 α",
                (0.0, 1.0),
                r"\alpha",
            ),
        ),
        output_range=Interval(-INF, INF, False, False),
        range_latex=r"(-\infty, \infty)",
        monotonic="increasing",
        zero_centred=False,
        bounded_below=False,
        bounded_above=False,
        smoothness="C0",
        breakpoints=(0.0,),
        saturating="none",
        self_gated=False,
        f0=0.0,
        df0=0.01,
        kink=KinkConvention(
            points=(0.0,),
            ours=(0.01,),
            torch=(0.01,),
            jax=(1.0,),
            tensorflow=(0.01,),
            en="At 0 we return the negative slope α (0.01 by default), like PyTorch "
            "(leaky_relu_backward uses x > 0 ? grad : grad * negative_slope) and "
            "TensorFlow (LeakyReluGrad uses features > 0). jax.nn.leaky_relu is "
            "where(x >= 0, x, negative_slope * x) and returns 1.",
            ko="0에서는 음수 쪽 계수 α(기본 0.01)를 돌려주며, PyTorch(leaky_relu_backward는 "
            "x > 0 ? grad : grad * negative_slope)와 TensorFlow(LeakyReluGrad는 "
            "features > 0으로 판단)와 같습니다. jax.nn.leaky_relu는 "
            "where(x >= 0, x, negative_slope * x)라서 1을 돌려줍니다.",
        ),
        frameworks=(
            _torch(
                "torch.nn.functional.leaky_relu(x, negative_slope=0.01)",
                "torch.nn.LeakyReLU(negative_slope=0.01)",
            ),
            _keras(
                "keras.activations.leaky_relu(x, negative_slope=0.01)",
                "keras.layers.LeakyReLU(negative_slope=0.01)",
                en="Keras defaults differ from ours: keras.activations.leaky_relu uses 0.2 and "
                "keras.layers.LeakyReLU uses 0.3 (the Keras 2 layer called it alpha=0.3); pass "
                "negative_slope explicitly.",
                ko="Keras의 기본값은 여기와 다릅니다. keras.activations.leaky_relu는 0.2, "
                "keras.layers.LeakyReLU는 0.3을 쓰므로(Keras 2의 층에서는 alpha=0.3) "
                "negative_slope를 직접 지정하세요.",
            ),
            _jax("jax.nn.leaky_relu(x, negative_slope=0.01)"),
        ),
        papers=(_P_MAAS,),
        year=2013,
        cost="low",
        summary_en="ReLU with a small fixed slope for negative input, so a unit that is "
        "switched off still receives gradient and cannot 'die'.",
        summary_ko="음수 입력에 작은 고정 계수를 곱하는 ReLU로, 꺼진 유닛에도 기울기가 흘러 "
        "'죽은 유닛'이 되지 않습니다.",
    ))
    e.append(Activation(
        id="prelu",
        name_en="PReLU (parametric ReLU)",
        name_ko="PReLU (매개변수 ReLU)",
        aliases=("parametric ReLU",),
        family="relu",
        kind="elementwise",
        function=prelu,
        derivative=prelu_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{PReLU}(x) = \begin{cases} x, & x \ge 0 \\ a\,x, & x < 0 "
        r"\end{cases}",
        latex_derivative=r"\operatorname{PReLU}'(x) = \begin{cases} 1, & x > 0 \\ a, & x < 0 "
        r"\end{cases}",
        parameters=(
            Parameter(
                "weight",
                0.25,
                "learned slope a for negative input (scalar or per channel)",
                "학습되는 음수 쪽 계수 a (스칼라 또는 채널별)",
                (-1.0, 1.0),
                "a",
            ),
        ),
        output_range=Interval(-INF, INF, False, False),
        range_latex=r"(-\infty, \infty) \quad (a > 0)",
        monotonic="increasing",
        zero_centred=False,
        bounded_below=False,
        bounded_above=False,
        smoothness="C0",
        breakpoints=(0.0,),
        saturating="none",
        self_gated=False,
        f0=0.0,
        df0=0.25,
        kink=KinkConvention(
            points=(0.0,),
            ours=(0.25,),
            torch=(0.25,),
            jax=(None,),
            tensorflow=(0.0,),
            en="At 0 we return a (0.25 by default), like PyTorch (prelu_backward uses "
            "input > 0 ? grad : a * grad). JAX has no PReLU in jax.nn. keras.layers.PReLU "
            "computes relu(x) - a * relu(-x), so on TensorFlow both ReLU gradients vanish at 0 "
            "and the derivative there is 0.",
            ko="0에서는 a(기본 0.25)를 돌려주며 PyTorch와 같습니다(prelu_backward는 "
            "input > 0 ? grad : a * grad). jax.nn에는 PReLU가 없습니다. keras.layers.PReLU는 "
            "relu(x) - a * relu(-x)로 계산하므로 TensorFlow에서는 두 ReLU의 기울기가 0에서 "
            "모두 0이 되어 도함수가 0입니다.",
        ),
        frameworks=(
            _torch(
                "torch.nn.functional.prelu(x, torch.tensor([0.25]))",
                "torch.nn.PReLU(num_parameters=1, init=0.25)",
            ),
            _keras(
                "keras.layers.PReLU(alpha_initializer=keras.initializers.Constant(0.25))",
                en="keras.layers.PReLU starts from alpha = 0 (alpha_initializer='Zeros', i.e. "
                "plain ReLU) and by default learns one slope per input element, not one shared "
                "slope; use shared_axes to share it.",
                ko="keras.layers.PReLU는 alpha = 0(alpha_initializer='Zeros', 즉 보통의 ReLU)"
                "에서 출발하며, 기본값으로 하나의 공유 계수가 아니라 입력 원소마다 계수를 "
                "학습합니다. 공유하려면 shared_axes를 쓰세요.",
            ),
            _jax(
                en="jax.nn has no PReLU; write jnp.where(x >= 0, x, w * x) (gradient 1 at 0).",
                ko="jax.nn에는 PReLU가 없으므로 jnp.where(x >= 0, x, w * x)로 씁니다(0에서 "
                "기울기 1).",
            ),
        ),
        papers=(_P_HE,),
        year=2015,
        cost="low",
        summary_en="Leaky ReLU whose negative slope is learned with the other weights "
        "(PyTorch initialises it to 0.25).",
        summary_ko="음수 쪽 계수를 다른 가중치와 함께 학습하는 Leaky ReLU입니다(PyTorch의 "
        "초깃값은 0.25).",
    ))
    e.append(Activation(
        id="softplus",
        name_en="Softplus",
        name_ko="소프트플러스 (Softplus)",
        aliases=("smooth ReLU",),
        family="relu",
        kind="elementwise",
        function=softplus,
        derivative=softplus_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{softplus}(x) = \frac{1}{\beta}\log\bigl(1 + e^{\beta x}\bigr)",
        latex_derivative=r"\operatorname{softplus}'(x) = \sigma(\beta x) = "
        r"\frac{1}{1 + e^{-\beta x}}",
        parameters=(
            Parameter(
                "beta",
                1.0,
                "sharpness β; softplus tends to ReLU as β grows",
                "날카로움 β; β가 커질수록 ReLU에 가까워집니다",
                (0.1, 10.0),
                r"\beta",
            ),
        ),
        output_range=Interval(0.0, INF, False, False),
        range_latex=r"(0, \infty)",
        monotonic="increasing",
        zero_centred=False,
        bounded_below=True,
        bounded_above=False,
        smoothness="C∞",
        breakpoints=(),
        saturating="left",
        self_gated=False,
        f0=math.log(2.0),
        df0=0.5,
        kink=None,
        frameworks=(
            _torch(
                "torch.nn.functional.softplus(x, beta=1.0, threshold=20.0)",
                "torch.nn.Softplus(beta=1.0, threshold=20.0)",
                en="PyTorch switches to the linear function x where beta * x > threshold "
                "(default 20), so its value and gradient there are exactly x and 1; ours has "
                "no cut-off.",
                ko="PyTorch는 beta * x > threshold(기본 20)인 곳에서 선형 함수 x로 바꾸므로 그 "
                "구간의 값과 기울기는 정확히 x와 1입니다. 이 패키지에는 그런 절단이 없습니다.",
            ),
            _keras(
                "keras.activations.softplus(x)",
                "keras.ops.softplus(x)",
                en="No beta parameter (beta = 1).",
                ko="beta 인자가 없습니다(beta = 1).",
            ),
            _jax(
                "jax.nn.softplus(x)",
                en="No beta parameter (beta = 1).",
                ko="beta 인자가 없습니다(beta = 1).",
            ),
        ),
        papers=(_P_DUGAS,),
        year=2000,
        cost="medium",
        summary_en="A smooth, strictly positive version of ReLU whose derivative is the "
        "sigmoid.",
        summary_ko="ReLU를 매끄럽고 항상 양수인 곡선으로 바꾼 함수로, 도함수가 시그모이드입니다.",
    ))

    # --- exponential linear units -----------------------------------------------------
    e.append(Activation(
        id="elu",
        name_en="ELU (exponential linear unit)",
        name_ko="ELU (지수 선형 유닛)",
        aliases=(),
        family="exponential",
        kind="elementwise",
        function=elu,
        derivative=elu_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{ELU}(x) = \begin{cases} x, & x > 0 \\ \alpha\,\bigl(e^{x} - 1"
        r"\bigr), & x \le 0 \end{cases}",
        latex_derivative=r"\operatorname{ELU}'(x) = \begin{cases} 1, & x > 0 \\ \alpha\,"
        r"e^{x}, & x \le 0 \end{cases}",
        parameters=(
            Parameter(
                "alpha",
                1.0,
                "the negative saturation value is −α",
                "음수 쪽 포화값이 −α입니다",
                (0.0, 3.0),
                r"\alpha",
            ),
        ),
        output_range=Interval(-1.0, INF, False, False),
        range_latex=r"(-\alpha, \infty) = (-1, \infty)",
        monotonic="increasing",
        zero_centred=False,
        bounded_below=True,
        bounded_above=False,
        smoothness="C1",
        breakpoints=(0.0,),
        saturating="left",
        self_gated=False,
        f0=0.0,
        df0=1.0,
        kink=None,
        frameworks=(
            _torch("torch.nn.functional.elu(x, alpha=1.0)", "torch.nn.ELU(alpha=1.0)"),
            _keras("keras.activations.elu(x, alpha=1.0)", "keras.ops.elu(x, alpha=1.0)"),
            _jax("jax.nn.elu(x, alpha=1.0)"),
        ),
        papers=(_P_CLEVERT,),
        year=2015,
        cost="medium",
        summary_en="Identity for positive input and a smooth exponential that levels off at "
        "-alpha for negative input, which pushes mean activations towards zero.",
        summary_ko="양수 입력은 그대로, 음수 입력은 -alpha로 수렴하는 매끄러운 지수 곡선으로 "
        "보내 평균 활성값을 0 쪽으로 당깁니다.",
    ))
    e.append(Activation(
        id="selu",
        name_en="SELU (scaled exponential linear unit)",
        name_ko="SELU (스케일된 지수 선형 유닛)",
        aliases=(),
        family="exponential",
        kind="elementwise",
        function=selu,
        derivative=selu_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{SELU}(x) = \lambda \begin{cases} x, & x > 0 \\ \alpha\,\bigl("
        r"e^{x} - 1\bigr), & x \le 0 \end{cases}, \quad \lambda \approx 1.0507,\ \alpha "
        r"\approx 1.6733",
        latex_derivative=r"\operatorname{SELU}'(x) = \begin{cases} \lambda, & x > 0 \\ "
        r"\lambda\alpha\,e^{x}, & x \le 0 \end{cases}",
        parameters=(),
        output_range=Interval(-_SELU_LAMBDA_ALPHA, INF, False, False),
        range_latex=r"(-\lambda\alpha, \infty) \approx (-1.7581, \infty)",
        monotonic="increasing",
        zero_centred=True,
        bounded_below=True,
        bounded_above=False,
        smoothness="C0",
        breakpoints=(0.0,),
        saturating="left",
        self_gated=False,
        f0=0.0,
        df0=_SELU_LAMBDA_ALPHA,
        kink=KinkConvention(
            points=(0.0,),
            ours=(_SELU_LAMBDA_ALPHA,),
            torch=(_SELU_LAMBDA_ALPHA,),
            jax=(_SELU_LAMBDA_ALPHA,),
            tensorflow=(_SELU_LAMBDA,),
            en="SELU's slopes at 0 are λα ≈ 1.758 from the left and λ ≈ 1.051 from the right. "
            "We return λα, the left slope, like PyTorch (elu_backward takes the negative branch "
            "for x <= 0) and JAX (scale * elu(x, alpha), whose where(x > 0, ...) picks the "
            "negative branch at 0). TensorFlow's SeluGrad tests the output < 0 and returns λ.",
            ko="SELU의 0에서의 기울기는 왼쪽에서 λα ≈ 1.758, 오른쪽에서 λ ≈ 1.051입니다. "
            "여기서는 왼쪽 기울기 λα를 돌려주며, PyTorch(elu_backward는 x <= 0에서 음수 쪽 식을 "
            "씀)와 JAX(scale * elu(x, alpha)의 where(x > 0, ...)가 0에서 음수 쪽을 고름)와 "
            "같습니다. TensorFlow의 SeluGrad는 출력 < 0으로 판단하므로 λ를 돌려줍니다.",
        ),
        frameworks=(
            _torch("torch.nn.functional.selu(x)", "torch.nn.SELU()"),
            _keras("keras.activations.selu(x)", "keras.ops.selu(x)"),
            _jax("jax.nn.selu(x)"),
        ),
        papers=(_P_KLAMBAUER,),
        year=2017,
        cost="medium",
        summary_en="ELU scaled by fixed constants chosen so that, with LeCun-normal weights, "
        "activations keep zero mean and unit variance from layer to layer.",
        summary_ko="LeCun 정규 초기화와 함께 쓰면 층을 지나도 평균 0, 분산 1이 유지되도록 고른 "
        "상수로 ELU를 스케일한 함수입니다.",
    ))
    e.append(Activation(
        id="celu",
        name_en="CELU (continuously differentiable ELU)",
        name_ko="CELU (연속 미분 가능 ELU)",
        aliases=(),
        family="exponential",
        kind="elementwise",
        function=celu,
        derivative=celu_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{CELU}(x) = \max(0, x) + \min\bigl(0, \alpha\,(e^{x/\alpha} - "
        r"1)\bigr)",
        latex_derivative=r"\operatorname{CELU}'(x) = \begin{cases} 1, & x > 0 \\ "
        r"e^{x/\alpha}, & x \le 0 \end{cases}",
        parameters=(
            Parameter(
                "alpha",
                1.0,
                "the negative saturation value is −α (α > 0)",
                "음수 쪽 포화값이 −α입니다 (α > 0)",
                (0.1, 3.0),
                r"\alpha",
            ),
        ),
        output_range=Interval(-1.0, INF, False, False),
        range_latex=r"(-\alpha, \infty) = (-1, \infty)",
        monotonic="increasing",
        zero_centred=False,
        bounded_below=True,
        bounded_above=False,
        smoothness="C1",
        breakpoints=(0.0,),
        saturating="left",
        self_gated=False,
        f0=0.0,
        df0=1.0,
        kink=None,
        frameworks=(
            _torch("torch.nn.functional.celu(x, alpha=1.0)", "torch.nn.CELU(alpha=1.0)"),
            _keras(
                "keras.activations.celu(x, alpha=1.0)",
                "keras.ops.celu(x, alpha=1.0)",
                en="Keras 3 only. On the TensorFlow backend Keras computes max(x, 0) + alpha * "
                "expm1(min(x, 0) / alpha), and TensorFlow's max and min both pass the gradient "
                "to x at the tie x = 0, so autograd returns 2 at 0 instead of 1; the JAX and "
                "PyTorch backends call jax.nn.celu and torch's celu, which return 1.",
                ko="Keras 3에만 있습니다. TensorFlow 백엔드에서는 max(x, 0) + alpha * "
                "expm1(min(x, 0) / alpha)로 계산하는데, TensorFlow의 max와 min은 x = 0처럼 두 "
                "값이 같을 때 둘 다 기울기를 x로 보내므로 자동 미분이 0에서 1이 아니라 2를 "
                "돌려줍니다. JAX와 PyTorch 백엔드는 jax.nn.celu와 torch의 celu를 불러 1을 "
                "돌려줍니다.",
            ),
            _jax("jax.nn.celu(x, alpha=1.0)"),
        ),
        papers=(_P_BARRON,),
        year=2017,
        cost="medium",
        summary_en="ELU reparametrised as alpha * (exp(x / alpha) - 1) so that its slope at 0 "
        "is 1 for every alpha, which keeps it continuously differentiable.",
        summary_ko="ELU를 alpha * (exp(x / alpha) - 1)로 바꿔 써서 어떤 alpha에서도 0에서의 "
        "기울기가 1이 되게 한, 연속 미분 가능한 함수입니다.",
    ))

    # --- self-gated -------------------------------------------------------------------
    e.append(Activation(
        id="gelu",
        name_en="GELU (Gaussian error linear unit)",
        name_ko="GELU (가우스 오차 선형 유닛)",
        aliases=("exact GELU",),
        family="smooth-gated",
        kind="elementwise",
        function=gelu,
        derivative=gelu_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\Bigl(1 + \operatorname{erf}"
        r"\bigl(x/\sqrt{2}\bigr)\Bigr)",
        latex_derivative=r"\operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x), \quad "
        r"\varphi(x) = \frac{e^{-x^{2}/2}}{\sqrt{2\pi}}",
        parameters=(),
        output_range=Interval(_GELU_MIN, INF, True, False),
        range_latex=r"[\approx -0.16997, \infty)",
        monotonic="non-monotonic",
        zero_centred=False,
        bounded_below=True,
        bounded_above=False,
        smoothness="C∞",
        breakpoints=(),
        saturating="left",
        self_gated=True,
        f0=0.0,
        df0=0.5,
        kink=None,
        frameworks=(
            _torch(
                "torch.nn.functional.gelu(x, approximate='none')",
                "torch.nn.GELU(approximate='none')",
            ),
            _keras(
                "keras.activations.gelu(x, approximate=False)",
                "keras.ops.gelu(x, approximate=False)",
                en="keras.activations.gelu defaults to the exact form (approximate=False) but "
                "keras.ops.gelu defaults to the tanh approximation (approximate=True).",
                ko="keras.activations.gelu의 기본값은 정확한 식(approximate=False)이지만 "
                "keras.ops.gelu의 기본값은 tanh 근사(approximate=True)입니다.",
            ),
            _jax(
                "jax.nn.gelu(x, approximate=False)",
                en="jax.nn.gelu defaults to the tanh approximation (approximate=True); pass "
                "approximate=False for this function.",
                ko="jax.nn.gelu의 기본값은 tanh 근사(approximate=True)이므로 이 함수를 "
                "얻으려면 approximate=False를 넘기세요.",
            ),
        ),
        papers=(_P_HENDRYCKS,),
        year=2016,
        cost="medium",
        summary_en="The input weighted by the probability that a standard normal variable is "
        "below it; the default activation of BERT- and GPT-style Transformers.",
        summary_ko="입력에, 표준 정규 확률변수가 그 값보다 작을 확률을 곱한 함수로, BERT·GPT "
        "계열 트랜스포머의 기본 활성화 함수입니다.",
    ))
    e.append(Activation(
        id="gelu_tanh",
        name_en="GELU (tanh approximation)",
        name_ko="GELU (tanh 근사)",
        aliases=("approximate GELU", "gelu_new"),
        family="smooth-gated",
        kind="elementwise",
        function=gelu_tanh,
        derivative=gelu_tanh_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{GELU}_{\tanh}(x) = \frac{x}{2}\Bigl(1 + \tanh u\Bigr), \quad "
        r"u = \sqrt{2/\pi}\,\bigl(x + 0.044715\,x^{3}\bigr)",
        latex_derivative=r"\operatorname{GELU}_{\tanh}'(x) = \frac{1}{2}\bigl(1 + \tanh u\bigr)"
        r" + \frac{x}{2}\bigl(1 - \tanh^{2} u\bigr)\sqrt{2/\pi}\,\bigl(1 + 3 \cdot 0.044715\,"
        r"x^{2}\bigr)",
        parameters=(),
        output_range=Interval(_GELU_TANH_MIN, INF, True, False),
        range_latex=r"[\approx -0.17004, \infty)",
        monotonic="non-monotonic",
        zero_centred=False,
        bounded_below=True,
        bounded_above=False,
        smoothness="C∞",
        breakpoints=(),
        saturating="left",
        self_gated=True,
        f0=0.0,
        df0=0.5,
        kink=None,
        frameworks=(
            _torch(
                "torch.nn.functional.gelu(x, approximate='tanh')",
                "torch.nn.GELU(approximate='tanh')",
            ),
            _keras(
                "keras.ops.gelu(x)",
                "keras.activations.gelu(x, approximate=True)",
                en="keras.ops.gelu uses this approximation by default; keras.activations.gelu "
                "needs approximate=True.",
                ko="keras.ops.gelu는 기본으로 이 근사를 쓰고, keras.activations.gelu는 "
                "approximate=True가 필요합니다.",
            ),
            _jax(
                "jax.nn.gelu(x)",
                en="This approximation is jax.nn.gelu's default (approximate=True).",
                ko="이 근사가 jax.nn.gelu의 기본값(approximate=True)입니다.",
            ),
        ),
        papers=(_P_HENDRYCKS,),
        year=2016,
        cost="medium",
        summary_en="The tanh-based approximation of GELU from the same paper, used by the "
        "original BERT and GPT-2 code; it differs from exact GELU by less than 5e-4.",
        summary_ko="같은 논문의 tanh 기반 GELU 근사로 원래의 BERT·GPT-2 코드가 썼으며, 정확한 "
        "GELU와의 차이는 5e-4보다 작습니다.",
    ))
    e.append(Activation(
        id="silu",
        name_en="SiLU / Swish",
        name_ko="SiLU / Swish",
        aliases=("swish", "SiLU", "swish-1"),
        family="smooth-gated",
        kind="elementwise",
        function=silu,
        derivative=silu_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{SiLU}(x) = x\,\sigma(\beta x) = \frac{x}{1 + e^{-\beta x}}",
        latex_derivative=r"\operatorname{SiLU}'(x) = \sigma(\beta x) + \beta x\,\sigma(\beta x)"
        r"\bigl(1 - \sigma(\beta x)\bigr)",
        parameters=(
            Parameter(
                "beta",
                1.0,
                "gate sharpness β (Swish-β; β = 1 is SiLU)",
                "게이트의 날카로움 β (Swish-β; β = 1이면 SiLU)",
                (0.0, 5.0),
                r"\beta",
            ),
        ),
        output_range=Interval(_SILU_MIN, INF, True, False),
        range_latex=r"[-W(1/e), \infty) \approx [-0.27846, \infty)",
        monotonic="non-monotonic",
        zero_centred=False,
        bounded_below=True,
        bounded_above=False,
        smoothness="C∞",
        breakpoints=(),
        saturating="left",
        self_gated=True,
        f0=0.0,
        df0=0.5,
        kink=None,
        frameworks=(
            _torch(
                "torch.nn.functional.silu(x)",
                "torch.nn.SiLU()",
                en="No beta parameter; for beta != 1 write x * torch.sigmoid(beta * x).",
                ko="beta 인자가 없으므로 beta != 1이면 x * torch.sigmoid(beta * x)로 씁니다.",
            ),
            _keras(
                "keras.activations.silu(x)",
                "keras.activations.swish(x)",
                en="No beta parameter (beta = 1); swish is an alias of silu.",
                ko="beta 인자가 없으며(beta = 1), swish는 silu의 다른 이름입니다.",
            ),
            _jax(
                "jax.nn.silu(x)",
                "jax.nn.swish(x)",
                en="No beta parameter (beta = 1); swish is an alias of silu.",
                ko="beta 인자가 없으며(beta = 1), swish는 silu의 다른 이름입니다.",
            ),
        ),
        papers=(_P_HENDRYCKS, _P_ELFWING, _P_RAMACHANDRAN),
        year=2016,
        cost="medium",
        summary_en="The input times its own sigmoid: smooth, non-monotonic with a small "
        "negative dip, found independently by Elfwing et al. and by an automated search.",
        summary_ko="입력에 자기 자신의 시그모이드를 곱한 함수로, 매끄럽고 음수 쪽에 작은 골이 "
        "있는 비단조 함수이며 Elfwing 등과 자동 탐색이 각각 찾아냈습니다.",
    ))
    e.append(Activation(
        id="hard_swish",
        name_en="Hard swish",
        name_ko="하드 스위시 (Hard swish)",
        aliases=("hardswish", "hard SiLU"),
        family="smooth-gated",
        kind="elementwise",
        function=hard_swish,
        derivative=hard_swish_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{hardswish}(x) = x\,\frac{\operatorname{ReLU6}(x + 3)}{6} = "
        r"\begin{cases} 0, & x \le -3 \\ \frac{x\,(x + 3)}{6}, & -3 < x < 3 \\ x, & x \ge 3 "
        r"\end{cases}",
        latex_derivative=r"\operatorname{hardswish}'(x) = \begin{cases} 0, & x < -3 \\ "
        r"\frac{2x + 3}{6}, & -3 < x < 3 \\ 1, & x > 3 \end{cases}",
        parameters=(),
        output_range=Interval(-0.375, INF, True, False),
        range_latex=r"[-\tfrac{3}{8}, \infty)",
        monotonic="non-monotonic",
        zero_centred=False,
        bounded_below=True,
        bounded_above=False,
        smoothness="C0",
        breakpoints=(-3.0, 3.0),
        saturating="left",
        self_gated=True,
        f0=0.0,
        df0=0.5,
        kink=KinkConvention(
            points=(-3.0, 3.0),
            ours=(0.0, 1.0),
            torch=(0.0, 1.0),
            jax=(0.0, 1.0),
            tensorflow=(0.0, 1.0),
            en="At -3 and 3 we return the slope of the outer pieces, 0 and 1. JAX computes "
            "x * relu6(x + 3)/6 and relu6's custom JVP is 0 at its corners, which gives the "
            "same; Keras 3 on TensorFlow (x * relu6(x + 3)/6 with tf.nn.relu6) does too. "
            "PyTorch used the middle formula x/3 + 1/2 on the closed interval for years and "
            "returned -0.5 and 1.5; this was reported as a bug (pytorch#147801, 2025) and "
            "changed to 0 and 1, so older releases differ.",
            ko="-3과 3에서는 바깥쪽 조각의 기울기인 0과 1을 돌려줍니다. JAX는 "
            "x * relu6(x + 3)/6으로 계산하고 relu6의 사용자 정의 JVP가 모서리에서 0이라 같은 "
            "값이 나오며, tf.nn.relu6을 쓰는 TensorFlow 위의 Keras 3도 같습니다. PyTorch는 "
            "오랫동안 닫힌 구간에서 가운데 식 x/3 + 1/2를 써서 -0.5와 1.5를 돌려주었는데, "
            "2025년에 버그로 보고되어(pytorch#147801) 0과 1로 바뀌었으므로 예전 버전은 "
            "다릅니다.",
        ),
        frameworks=(
            _torch("torch.nn.functional.hardswish(x)", "torch.nn.Hardswish()"),
            _keras(
                "keras.activations.hard_silu(x)",
                "keras.activations.hard_swish(x)",
                en="hard_swish is an alias of hard_silu (Keras 3).",
                ko="hard_swish는 hard_silu의 다른 이름입니다(Keras 3).",
            ),
            _jax(
                "jax.nn.hard_swish(x)",
                "jax.nn.hard_silu(x)",
                en="hard_swish is an alias of hard_silu.",
                ko="hard_swish는 hard_silu의 다른 이름입니다.",
            ),
        ),
        papers=(_P_HOWARD,),
        year=2019,
        cost="low",
        summary_en="Swish with the sigmoid gate replaced by the piecewise-linear hard sigmoid, "
        "designed for fast inference on phones (MobileNetV3).",
        summary_ko="스위시의 시그모이드 게이트를 구간별 선형인 하드 시그모이드로 바꾼 함수로, "
        "휴대폰에서 빠르게 추론하려고 설계되었습니다(MobileNetV3).",
    ))
    e.append(Activation(
        id="mish",
        name_en="Mish",
        name_ko="Mish",
        aliases=(),
        family="smooth-gated",
        kind="elementwise",
        function=mish,
        derivative=mish_derivative,
        vjp=None,
        jacobian=None,
        latex=r"\operatorname{Mish}(x) = x\,\tanh\bigl(\operatorname{softplus}(x)\bigr) = x"
        r"\,\tanh\bigl(\log(1 + e^{x})\bigr)",
        latex_derivative=r"\operatorname{Mish}'(x) = \tanh\bigl(\operatorname{sp}(x)\bigr) + x"
        r"\,\sigma(x)\Bigl(1 - \tanh^{2}\bigl(\operatorname{sp}(x)\bigr)\Bigr), \quad "
        r"\operatorname{sp} = \operatorname{softplus}",
        parameters=(),
        output_range=Interval(_MISH_MIN, INF, True, False),
        range_latex=r"[\approx -0.30884, \infty)",
        monotonic="non-monotonic",
        zero_centred=False,
        bounded_below=True,
        bounded_above=False,
        smoothness="C∞",
        breakpoints=(),
        saturating="left",
        self_gated=True,
        f0=0.0,
        df0=0.6,
        kink=None,
        frameworks=(
            _torch("torch.nn.functional.mish(x)", "torch.nn.Mish()"),
            _keras("keras.activations.mish(x)"),
            _jax(
                "jax.nn.mish(x)",
                en="Recent JAX releases only.",
                ko="최근 JAX 버전에만 있습니다.",
            ),
        ),
        papers=(_P_MISRA,),
        year=2019,
        cost="high",
        summary_en="The input gated by tanh(softplus(x)): smooth and non-monotonic like Swish, "
        "with a slightly deeper negative dip.",
        summary_ko="입력을 tanh(softplus(x))로 게이트하는 함수로, 스위시처럼 매끄럽고 비단조이며 "
        "음수 쪽 골이 조금 더 깊습니다.",
    ))

    # --- gated linear units -----------------------------------------------------------
    e.append(Activation(
        id="glu",
        name_en="GLU (gated linear unit)",
        name_ko="GLU (게이트 선형 유닛)",
        aliases=(),
        family="gated-linear",
        kind="vector",
        function=glu,
        derivative=None,
        vjp=glu_vjp,
        jacobian=glu_jacobian,
        latex=r"\operatorname{GLU}(\mathbf{a}, \mathbf{b}) = \mathbf{a} \odot \sigma(\mathbf{b}),"
        r" \quad \mathbf{x} = (\mathbf{a}, \mathbf{b})",
        latex_derivative=r"\frac{\partial y_i}{\partial a_i} = \sigma(b_i), \quad "
        r"\frac{\partial y_i}{\partial b_i} = a_i\,\sigma(b_i)\bigl(1 - \sigma(b_i)\bigr)",
        parameters=(
            Parameter(
                "axis",
                -1,
                "axis split into the halves a (first) and b (second)",
                "앞쪽 절반 a와 뒤쪽 절반 b로 나누는 축",
            ),
        ),
        output_range=Interval(-INF, INF, False, False),
        range_latex=r"(-\infty, \infty)",
        monotonic=None,
        zero_centred=True,
        bounded_below=False,
        bounded_above=False,
        smoothness="C∞",
        breakpoints=(),
        saturating=None,
        self_gated=False,
        f0=None,
        df0=None,
        kink=None,
        frameworks=(
            _torch("torch.nn.functional.glu(x, dim=-1)", "torch.nn.GLU(dim=-1)"),
            _keras(
                "keras.activations.glu(x, axis=-1)",
                "keras.ops.glu(x, axis=-1)",
                en="Keras 3 only.",
                ko="Keras 3에만 있습니다.",
            ),
            _jax("jax.nn.glu(x, axis=-1)"),
        ),
        papers=(_P_DAUPHIN,),
        year=2016,
        cost="medium",
        summary_en="Splits the input in two halves a and b and returns a * sigmoid(b): one half "
        "decides how much of the other passes.",
        summary_ko="입력을 두 절반 a와 b로 나누어 a * sigmoid(b)를 돌려주는 함수로, 한쪽 절반이 "
        "다른 쪽을 얼마나 통과시킬지 정합니다.",
    ))
    e.append(Activation(
        id="swiglu",
        name_en="SwiGLU",
        name_ko="SwiGLU",
        aliases=("Swish-GLU",),
        family="gated-linear",
        kind="vector",
        function=swiglu,
        derivative=None,
        vjp=swiglu_vjp,
        jacobian=swiglu_jacobian,
        latex=r"\operatorname{SwiGLU}(\mathbf{a}, \mathbf{b}) = \operatorname{SiLU}(\mathbf{a})"
        r" \odot \mathbf{b}, \quad \mathbf{x} = (\mathbf{a}, \mathbf{b})",
        latex_derivative=r"\frac{\partial y_i}{\partial a_i} = b_i\,\operatorname{SiLU}'(a_i), "
        r"\quad \frac{\partial y_i}{\partial b_i} = \operatorname{SiLU}(a_i)",
        parameters=(
            Parameter(
                "axis",
                -1,
                "axis split into the halves a (first, gated by SiLU) and b (second)",
                "앞쪽 절반 a(SiLU를 거침)와 뒤쪽 절반 b로 나누는 축",
            ),
        ),
        output_range=Interval(-INF, INF, False, False),
        range_latex=r"(-\infty, \infty)",
        monotonic=None,
        zero_centred=True,
        bounded_below=False,
        bounded_above=False,
        smoothness="C∞",
        breakpoints=(),
        saturating=None,
        self_gated=False,
        f0=None,
        df0=None,
        kink=None,
        frameworks=(
            _torch(
                en="No built-in (pytorch#128712 is open); write a, b = x.chunk(2, dim=-1) and "
                "torch.nn.functional.silu(a) * b.",
                ko="내장 함수가 없습니다(pytorch#128712가 열려 있음). "
                "a, b = x.chunk(2, dim=-1) 후 torch.nn.functional.silu(a) * b로 씁니다.",
            ),
            _keras(
                en="No built-in; split with keras.ops.split and use keras.ops.silu(a) * b.",
                ko="내장 함수가 없으므로 keras.ops.split으로 나눈 뒤 keras.ops.silu(a) * b로 "
                "씁니다.",
            ),
            _jax(
                en="No built-in; a, b = jnp.split(x, 2, axis=-1) and jax.nn.silu(a) * b.",
                ko="내장 함수가 없으므로 a, b = jnp.split(x, 2, axis=-1) 후 "
                "jax.nn.silu(a) * b로 씁니다.",
            ),
        ),
        papers=(_P_SHAZEER,),
        year=2020,
        cost="medium",
        summary_en="A GLU whose gate is SiLU instead of the sigmoid; the feed-forward "
        "activation of LLaMA-style language models.",
        summary_ko="GLU의 게이트를 시그모이드 대신 SiLU로 바꾼 함수로, LLaMA 계열 언어 모델의 "
        "피드포워드 층 활성화 함수입니다.",
    ))

    # --- output layer -----------------------------------------------------------------
    e.append(Activation(
        id="softmax",
        name_en="Softmax",
        name_ko="소프트맥스 (Softmax)",
        aliases=("normalized exponential",),
        family="output-vector",
        kind="vector",
        function=softmax,
        derivative=None,
        vjp=softmax_vjp,
        jacobian=softmax_jacobian,
        latex=r"\operatorname{softmax}(\mathbf{x})_i = \frac{e^{x_i}}{\sum_{j} e^{x_j}}",
        latex_derivative=r"\frac{\partial s_i}{\partial x_j} = s_i\,(\delta_{ij} - s_j), "
        r"\quad \mathbf{s} = \operatorname{softmax}(\mathbf{x})",
        parameters=(
            Parameter("axis", -1, "axis that sums to 1", "합이 1이 되는 축"),
        ),
        output_range=Interval(0.0, 1.0, False, False),
        range_latex=r"(0, 1), \quad \textstyle\sum_i s_i = 1",
        monotonic=None,
        zero_centred=False,
        bounded_below=True,
        bounded_above=True,
        smoothness="C∞",
        breakpoints=(),
        saturating=None,
        self_gated=False,
        f0=None,
        df0=None,
        kink=None,
        frameworks=(
            _torch(
                "torch.nn.functional.softmax(x, dim=-1)",
                "torch.nn.Softmax(dim=-1)",
                en="Always pass dim; calling without it picks a dimension implicitly and is "
                "deprecated.",
                ko="dim을 항상 지정하세요. 생략하면 차원을 암묵적으로 골라 경고가 나며 이 "
                "사용법은 폐기 예정입니다.",
            ),
            _keras("keras.activations.softmax(x, axis=-1)", "keras.ops.softmax(x, axis=-1)"),
            _jax("jax.nn.softmax(x, axis=-1)"),
        ),
        papers=(_P_BRIDLE,),
        year=1990,
        cost="medium",
        summary_en="Turns a vector of scores into probabilities that are positive and sum to "
        "1; the output layer of multi-class classifiers and the weights of attention.",
        summary_ko="점수 벡터를 양수이고 합이 1인 확률로 바꾸는 함수로, 다중 분류의 출력층과 "
        "어텐션 가중치에 쓰입니다.",
    ))
    e.append(Activation(
        id="log_softmax",
        name_en="Log-softmax",
        name_ko="로그 소프트맥스 (Log-softmax)",
        aliases=("logsoftmax",),
        family="output-vector",
        kind="vector",
        function=log_softmax,
        derivative=None,
        vjp=log_softmax_vjp,
        jacobian=log_softmax_jacobian,
        latex=r"\log\operatorname{softmax}(\mathbf{x})_i = x_i - \log\sum_{j} e^{x_j}",
        latex_derivative=r"\frac{\partial y_i}{\partial x_j} = \delta_{ij} - s_j, \quad "
        r"\mathbf{s} = \operatorname{softmax}(\mathbf{x})",
        parameters=(
            Parameter(
                "axis",
                -1,
                "axis over which the exponentials sum to 1",
                "지수의 합이 1이 되는 축",
            ),
        ),
        output_range=Interval(-INF, 0.0, False, False),
        range_latex=r"(-\infty, 0)",
        monotonic=None,
        zero_centred=False,
        bounded_below=False,
        bounded_above=True,
        smoothness="C∞",
        breakpoints=(),
        saturating=None,
        self_gated=False,
        f0=None,
        df0=None,
        kink=None,
        frameworks=(
            _torch(
                "torch.nn.functional.log_softmax(x, dim=-1)",
                "torch.nn.LogSoftmax(dim=-1)",
                en="Always pass dim.",
                ko="dim을 항상 지정하세요.",
            ),
            _keras(
                "keras.activations.log_softmax(x, axis=-1)",
                "keras.ops.log_softmax(x, axis=-1)",
            ),
            _jax("jax.nn.log_softmax(x, axis=-1)"),
        ),
        papers=(),
        year=None,
        cost="medium",
        summary_en="The logarithm of softmax computed as x minus log-sum-exp, accurate where "
        "softmax itself underflows; paired with the negative log-likelihood loss.",
        summary_ko="x에서 log-sum-exp를 빼서 구한 소프트맥스의 로그로, 소프트맥스가 0으로 "
        "언더플로하는 곳에서도 정확하며 음의 로그 가능도 손실과 함께 씁니다.",
    ))
    return tuple(e)


REGISTRY: dict[str, Activation] = {a.id: a for a in _entries()}

_unknown_families = {a.family for a in REGISTRY.values()} - {f.id for f in FAMILIES}
if _unknown_families:
    raise ValueError(f"registry entries use unknown families: {sorted(_unknown_families)}")


def get(id: str) -> Activation:
    """Return the registry entry for an activation id.

    >>> get("silu").aliases[0]
    'swish'
    >>> get("swish")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    KeyError: "unknown activation id 'swish'; valid ids: identity, binary_step, sigmoid, ..."
    """
    try:
        return REGISTRY[id]
    except KeyError:
        raise KeyError(
            f"unknown activation id {id!r}; valid ids: {', '.join(REGISTRY)}"
        ) from None


def families() -> tuple[Family, ...]:
    """Return the families in display order.

    >>> families()[0].name_ko
    '선형·계단 함수'
    """
    return FAMILIES


def by_family() -> dict[str, tuple[Activation, ...]]:
    """Group the entries by family, in the order of :data:`FAMILIES`.

    >>> [a.id for a in by_family()["exponential"]]
    ['elu', 'selu', 'celu']
    """
    return {f.id: tuple(a for a in REGISTRY.values() if a.family == f.id) for f in FAMILIES}


# --- measured properties ----------------------------------------------------------------


class Moments(NamedTuple):
    """Mean and standard deviation of an activation's output for standard normal input."""

    mean: float
    sd: float


# Inputs beyond |x| = 40 carry a normal weight below 1e-347: nothing a float64 sum can see.
_NORMAL_SPAN = 40.0
# Probabilists' Gauss-Hermite rule for the vector entries (smooth in every argument).
_HERMITE_NODES = 161


def _normal_weight(x: float) -> float:
    return math.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)


@cache
def output_moments(id: str) -> Moments:
    r"""Mean and standard deviation of f(X) for X ~ N(0, 1), at the default parameters.

    Elementwise entries are integrated with adaptive quadrature
    (:func:`scipy.integrate.quad`), split at the entry's breakpoints so that a kink
    or a jump lies on a piece boundary. Vector entries get an input of length 2,
    X ~ N(0, I_2), integrated with a 161 x 161 Gauss-Hermite product rule, and
    report the first output component (the components of softmax are exchangeable;
    GLU and SwiGLU have one). :data:`ZERO_CENTRED_TOLERANCE` turns the two numbers
    into the ``zero_centred`` flag, and ``tests/test_registry.py`` checks the flag.

    >>> m = output_moments("relu")
    >>> print(f"{m.mean:.6f} {1 / math.sqrt(2 * math.pi):.6f}")
    0.398942 0.398942
    >>> print(f"{output_moments('tanh').mean:+.3f} {output_moments('sigmoid').mean:+.3f}")
    +0.000 +0.500
    """
    entry = get(id)
    if entry.kind == "vector":
        nodes, weights = np.polynomial.hermite_e.hermegauss(_HERMITE_NODES)
        weights = weights / weights.sum()
        a, b = np.meshgrid(nodes, nodes, indexing="ij")
        x = np.stack([a.ravel(), b.ravel()], axis=-1)
        y = np.asarray(entry.function(x), dtype=np.float64)[:, 0]
        w = np.outer(weights, weights).ravel()
        mean = float(w @ y)
        second = float(w @ (y * y))
    else:
        edges = [-_NORMAL_SPAN, *sorted(set(entry.breakpoints)), _NORMAL_SPAN]

        def integral(power: int) -> float:
            total = 0.0
            for lo, hi in itertools.pairwise(edges):
                value, _ = integrate.quad(
                    lambda t: float(entry.function(t)) ** power * _normal_weight(t),
                    lo, hi, epsabs=1e-13, epsrel=1e-12, limit=200,
                )
                total += value
            return total

        mean = integral(1)
        second = integral(2)
    return Moments(mean, math.sqrt(max(second - mean * mean, 0.0)))


def measured_zero_centred(id: str) -> bool:
    """Whether the measured mean is within the tolerance of 0 (the definition of zero_centred).

    >>> measured_zero_centred("tanh"), measured_zero_centred("leaky_relu")
    (True, False)
    """
    mean, sd = output_moments(id)
    return abs(mean) <= ZERO_CENTRED_TOLERANCE * sd
