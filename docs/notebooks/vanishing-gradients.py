# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] id="title" lang="ko"
# # 기울기 소실, 직접 재어 보기
#
# 역전파(backpropagation)는 층마다 한 번씩 오차 신호(error signal)에 $W_l^\top$와 활성화 함수의
# 도함수 $f'(z_l)$을 곱합니다. 이 곱셈 인자가 대체로 1보다 작으면 앞쪽 층에 도달하는 신호는 깊이에
# 따라 기하급수적으로 줄어듭니다. 이것이 기울기 소실(vanishing gradient)입니다. 이 노트북은 은닉층이
# 20개인 신경망을 초기화한 직후, 다섯 가지 활성화 함수와 각 함수에 흔히 쓰는 초기화에 대해 층마다
# 세 가지를 잽니다. 순전파(forward pass)의 활성화 노름(norm), 역전파되는 오차 $\delta_l$의 노름,
# 그리고 둘의 곱인 가중치 기울기(gradient) $\partial L / \partial W_l$의 노름입니다. 측정한 감쇠는
# $\sigma'(z) \le \tfrac14$라는 상한에서 나오는 최악의 경우와 나란히 놓습니다.

# %% [markdown] id="title" lang="en"
# # Vanishing gradients, measured
#
# Backpropagation multiplies the error signal by $W_l^\top$ and by the activation's derivative
# $f'(z_l)$ once per layer. If those factors are typically below 1, the signal reaching the first
# layers shrinks geometrically with depth. This notebook takes a 20-hidden-layer network at
# initialisation, for five activations with their usual initialisations, and measures three things
# in every layer: the norm of the forward activations, the norm of the back-propagated error
# $\delta_l$, and the norm of their product, the weight gradient $\partial L / \partial W_l$. It
# sets the measured decay next to the worst case that follows from the bound
# $\sigma'(z) \le \tfrac14$.

# %% id="setup"
import matplotlib.pyplot as plt
import numpy as np

import activations
from activations.training import MLP, softmax_cross_entropy

ACTIVATIONS = {
    "sigmoid": "xavier_normal",
    "tanh": "xavier_normal",
    "relu": "he_normal",
    "gelu": "he_normal",
    "selu": "lecun_normal",
}
DEPTH, WIDTH, CLASSES, SAMPLES = 20, 32, 10, 128
SEEDS = range(10)
data = np.random.default_rng(1234)
x = data.normal(size=(SAMPLES, WIDTH))
labels = data.integers(0, CLASSES, size=SAMPLES)

# %% [markdown] id="setup-md" lang="ko"
# ## 실험 설계
#
# 입력은 폭 $32$의 표준 정규 벡터 $128$개이고, 레이블은 $10$개 클래스 중에서 무작위로 붙였습니다.
# 신경망은 폭 $32$인 은닉층 $20$개와 선형 출력층으로 이루어지고 소프트맥스 교차 엔트로피(softmax
# cross-entropy)로 학습하므로 가중치 행렬은 $21$개입니다. 활성화 함수마다 신경망 $10$개(시드
# $0$~$9$)를 만들어 순전파와 역전파를 한 번씩 하고, 층 $l$마다 다음을 기록합니다(노름은 모두 샘플과
# 유닛에 걸친 프로베니우스 노름, Frobenius norm).
#
# - 순전파의 활성화 $a_l = f(z_l)$의 노름 $\lVert a_l \rVert$
# - 역전파되는 오차 $\delta_l = \partial L / \partial z_l$의 노름 $\lVert \delta_l \rVert$
# - 가중치 기울기 $\partial L / \partial W_l = a_{l-1}^\top \delta_l$의 노름
#   $\lVert \partial L / \partial W_l \rVert$ ($a_0$은 입력)
# - 도함수 값 $f'(z_l)$과 가중치의 스펙트럼 노름(spectral norm) $\lVert W_l \rVert_2$
#
# 층 1은 입력 쪽, 층 21은 출력층입니다.

# %% [markdown] id="setup-md" lang="en"
# ## The experiment
#
# Inputs are $128$ standard normal vectors of width $32$ with random labels among $10$ classes; the
# network has $20$ hidden layers of width $32$ and a linear output layer trained with softmax
# cross-entropy, so there are $21$ weight matrices. For each activation we build $10$ networks
# (seeds $0$ to $9$), run one forward and one backward pass, and record for every layer $l$ (all
# norms are Frobenius norms over samples and units):
#
# - the norm $\lVert a_l \rVert$ of the forward activations $a_l = f(z_l)$;
# - the norm $\lVert \delta_l \rVert$ of the back-propagated error
#   $\delta_l = \partial L / \partial z_l$;
# - the norm $\lVert \partial L / \partial W_l \rVert$ of the weight gradient
#   $\partial L / \partial W_l = a_{l-1}^\top \delta_l$ (with $a_0$ the input);
# - the derivative values $f'(z_l)$ and the spectral norm $\lVert W_l \rVert_2$ of the weights.
#
# Layer 1 is next to the input, layer 21 is the output layer.

# %% id="measure"
def frobenius(values):
    return np.sqrt((values * values).sum(axis=(-2, -1)))


def geometric_mean(values):
    return np.exp(np.log(values).mean(axis=0))


def per_layer(norms):
    """Average factor per hidden layer, from layer 20 back to layer 1."""
    return (norms[0] / norms[DEPTH - 1]) ** (1 / (DEPTH - 1))


measured = {}
for activation, init in ACTIVATIONS.items():
    net = MLP(
        [WIDTH] * (DEPTH + 1) + [CLASSES],
        activation,
        init=init,
        rng=[np.random.default_rng(s) for s in SEEDS],
    )
    trace = net.forward(x)
    output_gradient = softmax_cross_entropy(trace.outputs, labels).gradient
    grads = net.backward(trace, output_gradient)
    derivative = getattr(activations, f"{activation}_derivative")
    slopes = [derivative(z) for z in trace.pre_activations[:-1]]
    # delta_l = dL/dz_l, back-propagated as MLP.backward does it:
    # delta_{l-1} = (delta_l W_l^T) * f'(z_{l-1}), from delta_21 = dL/dz_21.
    deltas = [output_gradient]
    for w, slope in zip(net.weights[:0:-1], slopes[::-1], strict=True):
        deltas.insert(0, (deltas[0] @ np.swapaxes(w, -1, -2)) * slope)
    # dL/dW_l = a_{l-1}^T delta_l: the weight gradient is the product of the two.
    inputs = [np.broadcast_to(x, (len(SEEDS), *x.shape)), *trace.activations]
    for a, delta, grad in zip(inputs, deltas, grads.weights, strict=True):
        assert np.allclose(np.swapaxes(a, -1, -2) @ delta, grad)
    measured[activation] = dict(
        forward=np.stack([frobenius(a) for a in trace.activations], axis=-1),
        delta=np.stack([frobenius(d) for d in deltas], axis=-1),
        weight=grads.weight_norms(),
        slopes=np.stack(slopes),
        spectral=np.array([np.linalg.norm(w, ord=2, axis=(-2, -1)) for w in net.weights[1:-1]]),
    )

layers = np.arange(1, DEPTH + 2)
print(f"{'activation':<10}{'init':>14}{'|a_1|':>8}{'|a_20|':>8}{'|delta| per layer':>19}"
      f"{'|dW| per layer':>16}")
for activation, m in measured.items():
    for key in ("forward", "delta", "weight"):
        m[f"mean_{key}"] = geometric_mean(m[key])
    m["delta_factor"], m["factor"] = per_layer(m["mean_delta"]), per_layer(m["mean_weight"])
    forward = m["mean_forward"]
    print(f"{activation:<10}{ACTIVATIONS[activation]:>14}{forward[0]:>8.1f}{forward[-1]:>8.1f}"
          f"{m['delta_factor']:>19.3f}{m['factor']:>16.3f}")

# %% [markdown] id="measure-md" lang="ko"
# 노름은 $10$개 시드에 대한 기하 평균입니다. *층당 인자(factor per layer)*는 마지막 은닉층(층
# 20)에서 첫 은닉층(층 1)으로 거슬러 갈 때 노름이 층마다 평균적으로 줄어드는(1보다 작음) 또는
# 커지는(1보다 큼) 비율로, 예를 들어 $\delta$에 대해서는
# $(\lVert \delta_1 \rVert / \lVert \delta_{20} \rVert)^{1/19}$입니다. 그래프는 위에서부터 순전파의
# 활성화, 역전파되는 오차, 가중치 기울기의 노름입니다. 선은 기하 평균, 띠는 시드에 걸친 범위이고,
# 가운데 그래프의 점선은 sigmoid의 층 20 값에서 출발해 층마다 정확히 $\tfrac14$씩 줄어드는
# 경우입니다.

# %% [markdown] id="measure-md" lang="en"
# Norms are geometric means over the $10$ seeds. The *factor per layer* is the average rate at
# which a norm shrinks (below 1) or grows (above 1) per hidden layer, from the last hidden layer
# (layer 20) back to the first: for $\delta$, for example,
# $(\lVert \delta_1 \rVert / \lVert \delta_{20} \rVert)^{1/19}$. The panels show, from the top, the
# norms of the forward activations, of the back-propagated error and of the weight gradient. Lines
# are the geometric means and bands the range over seeds; the dashed line in the middle panel is a
# decay by exactly $\tfrac14$ per layer, started at sigmoid's value in layer 20.

# %% id="plot-norms"
fig, (top, middle, bottom) = plt.subplots(3, 1, figsize=(7, 9.5), sharex=True)
panels = (
    (top, "forward", layers[:-1], say(ko=r"순전파 $\|a_l\|$", en=r"forward $\|a_l\|$")),
    (middle, "delta", layers, say(ko=r"역전파 오차 $\|\delta_l\|$", en=r"error $\|\delta_l\|$")),
    (bottom, "weight", layers, r"$\|\partial L / \partial W_l\|$"),
)
for ax, key, where, label in panels:
    for activation, m in measured.items():
        low, high = m[key].min(axis=0), m[key].max(axis=0)
        ax.fill_between(where, low, high, color=COLORS[activation], alpha=0.2, linewidth=0)
        ax.plot(where, m[f"mean_{key}"], marker="o", markersize=3, color=COLORS[activation],
                label=activation)
    ax.set_yscale("log")
    ax.set_ylabel(label)
anchor = measured["sigmoid"]["mean_delta"][DEPTH - 1]
middle.plot(layers[:-1], anchor * 0.25 ** (DEPTH - layers[:-1]), linestyle="--", color="#555555",
            label=say(ko=r"층 20에서 시작한 $(1/4)^{20-l}$", en=r"$(1/4)^{20-l}$ from layer 20"))
middle.legend(ncols=2)
bottom.set_xlabel(say(ko="층 l (1 = 입력 쪽, 21 = 출력층)",
                      en="layer l (1 = input side, 21 = output layer)"))
bottom.set_xticks(layers[::2])
fig.tight_layout()
plt.show()

# %% [markdown] id="bound-md" lang="ko"
# ## $\sigma' \le \tfrac14$ 상한
#
# $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$는 $z = 0$에서 가장 크고 그 값은 $\tfrac14$입니다. 은닉층
# 하나를 거슬러 역전파하면 $\delta_l$이 $\delta_{l-1} = (\delta_l W_l^\top) \odot f'(z_{l-1})$로
# 바뀌므로 다음이 성립합니다.
#
# $$
# \frac{\lVert \delta_{l-1} \rVert}{\lVert \delta_l \rVert}
# \le \lVert W_l \rVert_2 \cdot \max_z f'(z) .
# $$
#
# 이 상한이 묶는 양은 가중치 기울기가 아니라 역전파되는 오차의 층당 비율입니다. 그리고
# $\tfrac14$만으로는 그 비율의 상한이 되지 *않습니다*. 가중치의 스펙트럼 노름을 곱해야 하고,
# 정사각형 Xavier 정규 행렬의 스펙트럼 노름은 2에 가깝습니다. 아래 표는 이 최악의 경우를 측정한
# 비율과 비교합니다. "mean $f'$" 열은 모든 은닉 유닛, 샘플, 시드에 대한 도함수의 평균, "measured"는
# $\delta$의 층당 인자, "largest"는 모든 층과 시드에서 가장 큰 비율이고, 마지막 열은 모든 층과
# 시드에서 비율이 그 층의 상한 $\lVert W_l \rVert_2 \max_z f'(z)$ 이하인지입니다.

# %% [markdown] id="bound-md" lang="en"
# ## The $\sigma' \le \tfrac14$ bound
#
# $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$ is largest at $z = 0$, where it equals $\tfrac14$.
# Backpropagation through one hidden layer maps $\delta_l$ to
# $\delta_{l-1} = (\delta_l W_l^\top) \odot f'(z_{l-1})$, so
#
# $$
# \frac{\lVert \delta_{l-1} \rVert}{\lVert \delta_l \rVert}
# \le \lVert W_l \rVert_2 \cdot \max_z f'(z) .
# $$
#
# What this bounds is the per-layer ratio of the back-propagated error, not the weight gradient.
# And $\tfrac14$ alone is *not* a bound on that ratio: it must be multiplied by the weights'
# spectral norm, which for a square Xavier-normal matrix is close to 2. The table compares that
# worst case with the measured ratio. The "mean $f'$" column is the average derivative over all
# hidden units, samples and seeds; "measured" is the factor per layer of $\delta$, "largest" the
# largest ratio over all layers and seeds, and the last column says whether in every layer and seed
# the ratio is at most that layer's bound $\lVert W_l \rVert_2 \max_z f'(z)$.

# %% id="bound"
z_grid = np.linspace(-20, 20, 40001)
print(f"{'activation':<10}{'max f_prime':>12}{'mean f_prime':>13}{'mean |W|_2':>12}"
      f"{'worst case':>12}{'measured':>10}{'largest':>9}{'within bound':>14}")
for activation, m in measured.items():
    sup = getattr(activations, f"{activation}_derivative")(z_grid).max()
    # |delta_{l-1}| / |delta_l| through the hidden layers l = 2..20, per seed.
    ratios = m["delta"][:, : DEPTH - 1] / m["delta"][:, 1:DEPTH]
    within = bool(np.all(ratios <= sup * m["spectral"].T))
    m["sup"], m["mean_slope"] = sup, m["slopes"].mean()
    print(f"{activation:<10}{sup:>12.4f}{m['mean_slope']:>13.4f}{m['spectral'].mean():>12.3f}"
          f"{sup * m['spectral'].mean():>12.3f}{m['delta_factor']:>10.3f}{ratios.max():>9.3f}"
          f"{within!s:>14}")

# %% [markdown] id="slopes-md" lang="ko"
# 도함수 값의 분포입니다. 모든 은닉층, 유닛, 샘플, 시드에 걸친 $f'(z_l)$의 히스토그램입니다.
# sigmoid의 도함수는 결코 $\tfrac14$를 넘지 않고, ReLU의 도함수는 정확히 0 또는 1이며, SELU의
# 도함수는 양수 입력에서 $\lambda \approx 1.0507$, 음수 입력에서 최대
# $\lambda\alpha \approx 1.7581$입니다.

# %% [markdown] id="slopes-md" lang="en"
# Where the derivative values lie: histograms of $f'(z_l)$ over all hidden layers, units, samples
# and seeds. Sigmoid's derivative never exceeds $\tfrac14$; ReLU's is exactly 0 or 1; SELU's is
# $\lambda \approx 1.0507$ for positive inputs and up to $\lambda\alpha \approx 1.7581$ for negative
# ones.

# %% id="plot-slopes"
fig, axes = plt.subplots(1, 5, figsize=(11, 2.4), sharey=True)
for ax, (activation, m) in zip(axes, measured.items(), strict=True):
    values = m["slopes"].ravel()
    weights = np.full(values.size, 1 / values.size)
    ax.hist(values, bins=40, weights=weights, color=COLORS[activation])
    ax.axvline(values.mean(), color="#222222", linestyle="--", linewidth=1)
    ax.set_title(activation)
    ax.set_xlabel(r"$f'(z)$")
axes[0].set_ylabel(say(ko="비율", en="fraction"))
fig.tight_layout()
plt.show()

# %% [markdown] id="summary-md" lang="ko"
# ## 이 실험이 보여 주는 것과 보여 주지 않는 것

# %% [markdown] id="summary-md" lang="en"
# ## What this shows, and what it does not

# %% id="summary"
for activation, m in measured.items():
    forward = m["mean_forward"]
    print(f"{activation:<8} per layer: error {m['delta_factor']:.3f}, weight gradient "
          f"{m['factor']:.3f}; forward |a_1| {forward[0]:.1f} -> |a_20| {forward[-1]:.1f}; "
          f"first/last weight gradient {m['mean_weight'][0] / m['mean_weight'][-1]:.1e}")
sigmoid = measured["sigmoid"]
print(f"sigmoid: measured error factor {sigmoid['delta_factor']:.3f} vs max sigma' = 0.25 "
      f"and worst case max sigma' * |W|_2 = {sigmoid['sup'] * sigmoid['spectral'].mean():.3f}")

# %% [markdown] id="conclusion" lang="ko"
# **보여 주는 것.** sigmoid에서는 기울기가 실제로 소실됩니다. 역전파되는 오차 $\delta_l$이 층마다
# 거의 일정한 비율로 줄어들어, 이 신경망의 첫 층이 받는 가중치 기울기는 마지막 층보다 몇 자릿수나
# 작습니다. 측정한 층당 인자는 최악의 경우인 $\tfrac14 \lVert W \rVert_2$보다 훨씬 작고 $\sigma'$의
# 평균에 가깝습니다. 무작위 행렬 $W^\top$는 가장 큰 특이값(singular value)이 2 정도여도 일반적인
# 벡터의 노름은 거의 바꾸지 않기 때문입니다. 상한은 모든 층과 시드에서 지켜지지만, 실제 비율과는
# 거리가 멉니다.
#
# tanh(Xavier 초기화)와 GELU(He 초기화)는 더 미묘합니다. 가중치 기울기
# $\lVert \partial L/\partial W_l \rVert$의 층당 인자는 1 가까이 유지되지만, 그것은 두 인자가 서로
# 상쇄한 결과입니다. 역전파되는 오차 $\delta_l$은 입력 쪽으로 갈수록 층마다 줄어들고(위 표의 "error"
# 인자), 반대로 순전파의 활성화는 깊어질수록 줄어들어 앞쪽 층일수록 큽니다.
# $\partial L/\partial W_l = a_{l-1}^\top \delta_l$에서 작아지는 $\delta_l$과 커지는 $a_{l-1}$이
# 맞물려 가중치 기울기의 크기가 층마다 비슷해집니다. Glorot과 Bengio(2010)가 Xavier 초기화를
# 분석하며 본 그림이 이것입니다. 역전파되는 기울기는 깊이에 따라 여전히 줄어들 수 있지만 가중치
# 기울기의 분산은 층마다 거의 같습니다. ReLU와 SELU에서는 오차의 층당 인자도 1에 가깝습니다.
# "sigmoid와 tanh는 도함수가 작으므로 기울기가 소실된다"는 말은 절반만 맞습니다. tanh의 도함수는 1
# 이하이고 오차는 실제로 층마다 줄어들지만, 이 깊이와 이 초기화에서 가중치 기울기는 거의 줄지
# 않습니다.
#
# **보여 주지 않는 것.** 무작위 데이터에서 초기화 직후의 한 장면일 뿐입니다. 학습이 진행되면 사전
# 활성화(pre-activation) 값이 커지고 이동하며, tanh 유닛은 포화(saturation)되어 도함수가 작아지고,
# ReLU 유닛은 죽을 수 있습니다. 그러면 층당 인자도 달라집니다. 또 깊이 하나, 폭 하나, 활성화
# 함수마다 초기화 하나에 대한 결과입니다. 초기 스케일이 더 큰 sigmoid나 훨씬 더 깊은 tanh 신경망은
# 다르게 보일 것입니다. 기울기 노름이 건강하다고 해서 그 신경망이 과제를 잘 배운다는 뜻도 아닙니다.

# %% [markdown] id="conclusion" lang="en"
# **What this shows.** With sigmoid the gradient does vanish: the back-propagated error $\delta_l$
# shrinks by a roughly constant factor per layer, so the first layer of this network receives a
# weight gradient many orders of magnitude smaller than the last. The measured factor is close to
# the mean of $\sigma'$, well below the worst case $\tfrac14 \lVert W \rVert_2$, because a random
# $W^\top$ barely changes the norm of a typical vector even though its largest singular value is
# about 2. The bound holds in every layer and seed, but it is far from the measured ratio.
#
# tanh (Xavier initialisation) and GELU (He initialisation) are subtler. The factor per layer of the
# weight gradient $\lVert \partial L/\partial W_l \rVert$ stays near 1, but only because two factors
# cancel. The back-propagated error $\delta_l$ does shrink layer by layer towards the input (the
# "error" factor above), while the forward activations shrink with depth, so they are largest in the
# first layers. In $\partial L/\partial W_l = a_{l-1}^\top \delta_l$ the shrinking $\delta_l$ and
# the growing $a_{l-1}$ meet, and the weight gradients come out of similar size in every layer. This
# is the picture Glorot and Bengio (2010) drew when they analysed Xavier initialisation: the
# back-propagated gradient may still vanish with depth while the variance of the weight gradients
# is about the same in every layer. With ReLU and SELU the error's factor per layer is close to 1 as
# well. The slogan "sigmoid and tanh have small derivatives, so their gradients vanish" is half
# right: tanh's derivative is at most 1 and its error does shrink per layer, yet at this depth and
# with this initialisation its weight gradient barely decays.
#
# **What it does not show.** This is a snapshot at initialisation on random data. During training
# the pre-activations grow and drift, tanh units saturate and their derivatives drop, and ReLU units
# can die; the factors then change. The statement is about one depth, one width and one
# initialisation per activation: sigmoid with a larger initial scale, or tanh with a much deeper
# stack, would look different. Gradient norms also say nothing about whether a network with healthy
# gradients learns the task well.
