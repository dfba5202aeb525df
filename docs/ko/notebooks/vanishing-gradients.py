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

# %% [markdown] id="title"
# # 기울기 소실, 직접 재어 보기
#
# 역전파(backpropagation)는 층마다 한 번씩 기울기(gradient)에 $W_l^\top$와 활성화 함수의 도함수
# $f'(z_l)$을 곱합니다. 이 곱셈 인자가 대체로 1보다 작으면 앞쪽 층에 도달하는 기울기는 깊이에 따라
# 기하급수적으로 줄어듭니다. 이것이 기울기 소실(vanishing gradient)입니다. 이 노트북은 은닉층이
# 20개인 신경망의 모든 층에서 초기화 직후의 기울기 노름(norm)을 다섯 가지 활성화 함수와 각 함수에
# 흔히 쓰는 초기화로 재고, 측정한 감쇠를 $\sigma'(z) \le \tfrac14$라는 상한과 나란히 놓습니다.

# %% id="setup"
import matplotlib.pyplot as plt
import numpy as np

import activations
from activations.training import MLP, softmax_cross_entropy

plt.rcParams.update(
    {
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "axes.facecolor": "white",
        "figure.dpi": 110,
        "font.size": 9,
        "axes.edgecolor": "#555555",
        "axes.labelcolor": "#222222",
        "axes.titlesize": 10,
        "text.color": "#222222",
        "xtick.color": "#333333",
        "ytick.color": "#333333",
        "axes.grid": True,
        "grid.color": "#e0e0e0",
        "legend.frameon": False,
    }
)
COLORS = {
    "identity": "#000000",
    "sigmoid": "#0072B2",
    "tanh": "#009E73",
    "relu": "#D55E00",
    "leaky_relu": "#CC79A7",
    "gelu": "#E69F00",
    "selu": "#56B4E9",
}

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

# %% [markdown] id="setup-md"
# ## 실험 설계
#
# 입력은 폭 $32$의 표준 정규 벡터 $128$개이고, 레이블은 $10$개 클래스 중에서 무작위로 붙였습니다.
# 신경망은 폭 $32$인 은닉층 $20$개와 선형 출력층으로 이루어지고 소프트맥스 교차 엔트로피(softmax
# cross-entropy)로 학습하므로 가중치 행렬은 $21$개입니다. 활성화 함수마다 신경망 $10$개(시드
# $0$~$9$)를 만들어 순전파(forward pass)와 역전파를 한 번씩 하고, 층 $l$마다
# $\lVert \partial L / \partial W_l \rVert$(프로베니우스 노름, Frobenius norm), 도함수 값 $f'(z_l)$,
# 가중치의 스펙트럼 노름(spectral norm) $\lVert W_l \rVert_2$를 기록합니다. 층 1은 입력 쪽, 층 21은
# 출력층입니다.

# %% id="measure"
measured = {}
for activation, init in ACTIVATIONS.items():
    net = MLP(
        [WIDTH] * (DEPTH + 1) + [CLASSES],
        activation,
        init=init,
        rng=[np.random.default_rng(s) for s in SEEDS],
    )
    trace = net.forward(x)
    grads = net.backward(trace, softmax_cross_entropy(trace.outputs, labels).gradient)
    derivative = getattr(activations, f"{activation}_derivative")
    slopes = np.stack([derivative(z) for z in trace.pre_activations[:-1]])
    measured[activation] = dict(
        norms=grads.weight_norms(),
        slopes=slopes,
        spectral=np.array([np.linalg.norm(w, ord=2, axis=(-2, -1)) for w in net.weights[1:-1]]),
    )

layers = np.arange(1, DEPTH + 2)
print(f"{'activation':<10}{'init':>14}{'|dW_1|':>11}{'|dW_21|':>11}{'ratio':>10}"
      f"{'factor per layer':>18}")
for activation, m in measured.items():
    norms = np.exp(np.log(m["norms"]).mean(axis=0))
    factor = (norms[0] / norms[-2]) ** (1 / (DEPTH - 1))
    m["mean_norms"], m["factor"] = norms, factor
    print(f"{activation:<10}{ACTIVATIONS[activation]:>14}{norms[0]:>11.2e}{norms[-1]:>11.2e}"
          f"{norms[0] / norms[-1]:>10.1e}{factor:>18.3f}")

# %% [markdown] id="measure-md"
# 노름은 $10$개 시드에 대한 기하 평균입니다. *층당 인자(factor per layer)*는
# $(\lVert \partial L/\partial W_1\rVert / \lVert \partial L/\partial W_{20}\rVert)^{1/19}$로,
# 마지막 은닉층에서 첫 은닉층으로 거슬러 갈 때 기울기가 층마다 평균적으로 줄어드는(1보다 작음) 또는
# 커지는(1보다 큼) 비율입니다. 그래프의 선은 기하 평균, 띠는 시드에 걸친 범위이고, 점선은 sigmoid의
# 20번 층 값에서 출발해 층마다 정확히 $\tfrac14$씩 줄어드는 경우입니다.

# %% id="plot-norms"
fig, ax = plt.subplots(figsize=(7.5, 4.2))
for activation, m in measured.items():
    low, high = m["norms"].min(axis=0), m["norms"].max(axis=0)
    ax.fill_between(layers, low, high, color=COLORS[activation], alpha=0.2, linewidth=0)
    ax.plot(layers, m["mean_norms"], marker="o", markersize=3, color=COLORS[activation],
            label=activation)
anchor = measured["sigmoid"]["mean_norms"][-2]
ax.plot(layers[:-1], anchor * 0.25 ** (DEPTH - layers[:-1]), linestyle="--", color="#555555",
        label=r"$(1/4)^{20-l}$ from layer 20")
ax.set_yscale("log")
ax.set_xlabel("layer l (1 = input side, 21 = output layer)")
ax.set_ylabel(r"$\|\partial L / \partial W_l\|$ at initialisation")
ax.set_xticks(layers[::2])
ax.legend(ncols=2, fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown] id="bound-md"
# ## $\sigma' \le \tfrac14$ 상한
#
# $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$는 $z = 0$에서 가장 크고 그 값은 $\tfrac14$입니다. 은닉층
# 하나를 거슬러 역전파하면 $\delta_l$이 $\delta_{l-1} = (\delta_l W_l^\top) \odot f'(z_{l-1})$로
# 바뀌므로 다음이 성립합니다.
#
# $$
# \lVert \delta_{l-1} \rVert
# \le \lVert W_l \rVert_2 \cdot \max_z f'(z) \cdot \lVert \delta_l \rVert .
# $$
#
# 따라서 $\tfrac14$만으로는 층당 인자의 상한이 되지 *않습니다*. 가중치의 스펙트럼 노름을 곱해야
# 하고, 정사각형 Xavier 정규 행렬의 스펙트럼 노름은 2에 가깝습니다. 아래 표는 이 최악의 경우와
# 신경망이 실제로 보이는 값을 비교합니다. "mean $f'$" 열은 모든 은닉 유닛, 샘플, 시드에 대한
# 도함수의 평균입니다.

# %% id="bound"
z_grid = np.linspace(-20, 20, 40001)
print(f"{'activation':<10}{'max f_prime':>12}{'mean f_prime':>13}{'mean |W|_2':>12}"
      f"{'worst case':>12}{'measured':>10}")
for activation, m in measured.items():
    sup = getattr(activations, f"{activation}_derivative")(z_grid).max()
    spectral = m["spectral"].mean()
    m["sup"], m["mean_slope"] = sup, m["slopes"].mean()
    print(f"{activation:<10}{sup:>12.4f}{m['mean_slope']:>13.4f}{spectral:>12.3f}"
          f"{sup * spectral:>12.3f}{m['factor']:>10.3f}")

# %% [markdown] id="slopes-md"
# 도함수 값의 분포입니다. 모든 은닉층, 유닛, 샘플, 시드에 걸친 $f'(z_l)$의 히스토그램입니다.
# sigmoid의 도함수는 결코 $\tfrac14$를 넘지 않고, ReLU의 도함수는 정확히 0 또는 1이며, SELU의
# 도함수는 양수 입력에서 $\lambda \approx 1.0507$, 음수 입력에서 최대
# $\lambda\alpha \approx 1.7581$입니다.

# %% id="plot-slopes"
fig, axes = plt.subplots(1, 5, figsize=(11, 2.4), sharey=True)
for ax, (activation, m) in zip(axes, measured.items(), strict=True):
    values = m["slopes"].ravel()
    weights = np.full(values.size, 1 / values.size)
    ax.hist(values, bins=40, weights=weights, color=COLORS[activation])
    ax.axvline(values.mean(), color="#222222", linestyle="--", linewidth=1)
    ax.set_title(activation)
    ax.set_xlabel(r"$f'(z)$")
axes[0].set_ylabel("fraction")
fig.tight_layout()
plt.show()

# %% [markdown] id="summary-md"
# ## 이 실험이 보여 주는 것과 보여 주지 않는 것

# %% id="summary"
for activation, m in measured.items():
    print(f"{activation:<8} gradient factor per layer {m['factor']:.3f}, "
          f"first/last layer gradient ratio {m['mean_norms'][0] / m['mean_norms'][-1]:.1e}, "
          f"mean f' {m['mean_slope']:.3f}")
sigmoid = measured["sigmoid"]
print(f"sigmoid: measured factor {sigmoid['factor']:.3f} vs max sigma' = 0.25 "
      f"and worst case max sigma' * |W|_2 = {sigmoid['sup'] * sigmoid['spectral'].mean():.3f}")

# %% [markdown] id="conclusion"
# **보여 주는 것.** sigmoid에서는 기울기가 실제로 소실됩니다. 기울기가 층마다 거의 일정한 비율로
# 줄어들어, 이 신경망의 첫 층이 받는 기울기는 마지막 층보다 몇 자릿수나 작습니다. 측정한 층당 인자는
# 최악의 경우인 $\tfrac14 \lVert W \rVert_2$보다 훨씬 작고 $\sigma'$의 평균에 가깝습니다. 무작위
# 행렬 $W^\top$는 가장 큰 특이값(singular value)이 2 정도여도 일반적인 벡터의 노름은 거의 바꾸지
# 않기 때문입니다. Xavier 초기화를 쓴 tanh, 그리고 각자의 초기화를 쓴 ReLU, GELU, SELU에서는 층당
# 인자가 1 가까이 유지되어 첫 층과 마지막 층이 비슷한 크기의 기울기를 받습니다. "sigmoid와 tanh는
# 기울기가 1보다 작으므로 소실된다"는 말은 절반만 맞습니다. tanh의 도함수도 1보다 작지만, 이 깊이와
# 이 초기화에서는 기울기가 거의 줄지 않습니다.
#
# **보여 주지 않는 것.** 무작위 데이터에서 초기화 직후의 한 장면일 뿐입니다. 학습이 진행되면 사전
# 활성화(pre-activation) 값이 커지고 이동하며, tanh 유닛은 포화(saturation)되어 도함수가 작아지고,
# ReLU 유닛은 죽을 수 있습니다. 그러면 층당 인자도 달라집니다. 또 깊이 하나, 폭 하나, 활성화
# 함수마다 초기화 하나에 대한 결과입니다. 초기 스케일이 더 큰 sigmoid나 훨씬 더 깊은 tanh 신경망은
# 다르게 보일 것입니다. 기울기 노름이 건강하다고 해서 그 신경망이 과제를 잘 배운다는 뜻도 아닙니다.
