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
# # 죽은 ReLU, 직접 재어 보기
#
# 사전 활성화(pre-activation) $z = w^\top x + b$가 모든 입력에서 음수인 ReLU 유닛은 어디서나 0을
# 출력하고, $z < 0$에서 $\operatorname{ReLU}'(z) = 0$이므로 기울기(gradient)도 받지 못합니다. 그
# 유닛으로 들어가는 가중치와 편향은 더 이상 바뀌지 않습니다. 이런 유닛을 *죽은* 유닛(dead unit)이라
# 하고, 이 현상을 죽은 ReLU(dying ReLU) 문제라고 부릅니다. 이 노트북은 다음을 잽니다.
#
# 1. 죽은 유닛의 비율이 학습률(learning rate)과 초기화(initialisation)에 따라 어떻게 달라지는지
# 2. 학습을 마친 ReLU 신경망에서 양수인 사전 활성화의 비율. 원래 노트의 주장 "은닉층 노드 대부분의
#    $z$는 양수이므로 ReLU의 기울기가 0이 되는 경우는 많지 않다"를 검증합니다.

# %% [markdown] id="title" lang="en"
# # Dying ReLU, measured
#
# A ReLU unit whose pre-activation $z = w^\top x + b$ is negative for every input outputs 0
# everywhere and, because $\operatorname{ReLU}'(z) = 0$ for $z < 0$, receives no gradient: its
# incoming weights and bias stop changing. Such a unit is called *dead*. This notebook measures
#
# 1. how the fraction of dead units depends on the learning rate and on the initialisation;
# 2. the fraction of positive pre-activations in a trained ReLU network, which tests the claim of
#    the source notes that "most hidden pre-activations are positive, so ReLU's gradient is rarely
#    0".

# %% id="setup"
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

from activations.training import MLP, SGD, binary_cross_entropy, fit, softmax_cross_entropy

data = np.random.default_rng(0)
x = data.normal(size=(256, 10))
y = ((x[:, 0] * x[:, 1] + x[:, 2]) > 0).astype(float)[:, None]
SEEDS = range(10)

# %% [markdown] id="sweep-md" lang="ko"
# ## 1. 학습률과 초기화에 따른 죽은 유닛
#
# 과제는 다음과 같습니다. $\mathbb R^{10}$의 점 $256$개에 레이블 $[x_0 x_1 + x_2 > 0]$을 붙이고,
# $10$-$32$-$32$-$1$ 신경망을 평범한 미니배치(mini-batch) SGD(배치 $32$, $10$ 에포크)와 이진 교차
# 엔트로피(binary cross-entropy)로 학습합니다. 설정마다 시드는 $10$개입니다. 학습 데이터 $256$개
# 모두에서 도함수가 0인 유닛을 죽은 유닛으로 셉니다(`MLP.dead_units`). 초기화는 편향을 0으로 둔 He
# 정규와 Xavier 정규, 그리고 모든 편향을 $-1$에서 시작하는 He 정규입니다. leaky ReLU(기울기
# $0.01$)도 함께 학습합니다. 그 도함수는 결코 0이 아니므로, ReLU라면 죽은 유닛이 되었을 조건인 *한
# 번도 양수가 되지 않는* 유닛을 따로 셉니다.

# %% [markdown] id="sweep-md" lang="en"
# ## 1. Dead units against learning rate and initialisation
#
# The task: $256$ points in $\mathbb R^{10}$, label $[x_0 x_1 + x_2 > 0]$, a $10$-$32$-$32$-$1$
# network trained with plain mini-batch SGD (batch $32$, $10$ epochs) and binary cross-entropy, $10$
# seeds per setting. A unit counts as dead when its derivative is 0 on all $256$ training points
# (`MLP.dead_units`). Initialisations: He normal and Xavier normal with zero biases, and He normal
# with every bias started at $-1$. Leaky ReLU (slope $0.01$) is trained alongside; its derivative is
# never 0, so we also count its units that are *never positive*, the same condition that makes a
# ReLU unit dead.

# %% id="sweep"
RATES = [0.1, 1.0, 1.5, 2.0, 3.0]
SETTINGS = {
    "relu, He": ("relu", "he_normal", 0.0),
    "relu, Xavier": ("relu", "xavier_normal", 0.0),
    "relu, He, bias -1": ("relu", "he_normal", -1.0),
    "leaky_relu, He": ("leaky_relu", "he_normal", 0.0),
}


def hidden_fractions(net, inputs):
    trace = net.forward(inputs)
    hidden = trace.pre_activations[:-1]
    dead = np.mean([d.mean(axis=-1) for d in net.dead_units(inputs)], axis=0)
    never_positive = np.mean([np.all(z <= 0, axis=-2).mean(axis=-1) for z in hidden], axis=0)
    return dead, never_positive


sweep = {}
for name, (activation, init, bias) in SETTINGS.items():
    for rate in RATES:
        net = MLP([10, 32, 32, 1], activation, init=init, bias=bias,
                  rng=[np.random.default_rng(s) for s in SEEDS])
        before = hidden_fractions(net, x)
        losses = fit(net, x, y, loss=binary_cross_entropy, optimizer=SGD(rate), epochs=10,
                     batch_size=32, rng=np.random.default_rng(1))
        sweep[name, rate] = dict(before=before, after=hidden_fractions(net, x), loss=losses[-1])

print(f"{'setting':<19}{'lr':>6}{'dead at init':>14}{'dead after':>12}{'never positive':>16}"
      f"{'final loss':>12}")
for (name, rate), r in sweep.items():
    print(f"{name:<19}{rate:>6g}{r['before'][0].mean():>14.1%}{r['after'][0].mean():>12.1%}"
          f"{r['after'][1].mean():>16.1%}{r['loss'].mean():>12.3f}")

# %% [markdown] id="plot-sweep-md" lang="ko"
# 학습 후 죽은 은닉 유닛(ReLU) 또는 한 번도 양수가 되지 않는 은닉 유닛(leaky ReLU)의 비율을 SGD
# 학습률에 따라 초기화별로 그린 그래프입니다.

# %% [markdown] id="plot-sweep-md" lang="en"
# The fraction of hidden units that are dead after training (ReLU) or never positive (leaky ReLU),
# against the SGD learning rate, for each initialisation:

# %% id="plot-sweep"
fig, ax = plt.subplots(figsize=(7, 3.8))
KEYS = {
    "dead after": say(ko="학습 후 죽은 유닛", en="dead after training"),
    "never positive": say(ko="한 번도 양수가 아닌 유닛", en="never positive"),
}
styles = {"relu, He": "-", "relu, Xavier": "--", "relu, He, bias -1": ":", "leaky_relu, He": "-."}
markers = {"relu, He": "o", "relu, Xavier": "s", "relu, He, bias -1": "^", "leaky_relu, He": "D"}
for name in SETTINGS:
    key = "dead after" if name.startswith("relu") else "never positive"
    index = 0 if key == "dead after" else 1
    values = np.array([sweep[name, rate]["after"][index] for rate in RATES])
    color = COLORS["leaky_relu"] if name.startswith("leaky") else COLORS["relu"]
    ax.errorbar(RATES, values.mean(axis=1), yerr=values.std(axis=1), capsize=3,
                linestyle=styles[name], marker=markers[name], markersize=4, color=color,
                label=f"{name}: {KEYS[key]}")
ax.set_xlabel(say(ko="SGD 학습률", en="SGD learning rate"))
ax.set_ylabel(say(ko="은닉 유닛의 비율", en="fraction of hidden units"))
ax.set_ylim(bottom=-0.02)
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown] id="sweep-read" lang="ko"
# 값은 $10$개 시드의 평균이고 오차 막대는 표준편차 하나입니다. 학습률이 작은 쪽에서는 죽은 유닛이
# 드물고 가장 큰 쪽에서는 흔합니다. 너무 큰 한 걸음이 유닛의 편향과 가중치를 모든 입력에서 $z < 0$인
# 곳으로 밀어내면, 그 유닛 자신의 기울기로는 다시 돌아올 수 없습니다. "dead at init" 열을 보면
# 편향이 0일 때 처음부터 죽어 있는 유닛은 거의 없으므로, 여기서 유닛을 죽이는 것은 초기화가 아니라
# 학습입니다. 모든 편향을 $-1$에서 시작하면 처음부터 죽은 유닛이 조금 생기지만, 가장 큰 학습률에서는
# 오히려 편향이 0일 때보다 적게 죽었습니다. 초기화는 곡선을 옮기지만, 직관이 말하는 방향으로만
# 옮기는 것은 아닙니다. *아래쪽* 층이 바뀌어 입력이 달라지면 죽은 유닛이 되살아나기도 합니다(학습
# 후에 죽은 유닛이 오히려 줄어든 행이 있습니다). "죽었다"는 것은 현재의 신경망과 데이터에 대한
# 진술이지 영구적인 상태가 아닙니다. leaky ReLU의 유닛도 똑같이 자주 음수 쪽으로 밀려납니다. 기울기
# $0.01$ 덕분에 기울기는 계속 흐르지만, 이 $10$ 에포크 안에 유닛을 되돌려 놓지는 못했습니다.

# %% [markdown] id="sweep-read" lang="en"
# Means over the $10$ seeds, error bars one standard deviation. Dead units are rare at the smaller
# learning rates and common at the largest ones: a step that is too big pushes a unit's bias and
# weights to where $z < 0$ on every input, and from there its own gradient cannot bring it back. The
# "dead at init" column shows that with zero biases almost no unit starts dead, so what kills units
# here is training, not initialisation. Starting every bias at $-1$ kills a few units from the
# start, yet at the largest learning rates fewer units died than with zero biases: the
# initialisation moves the curve, and not always in the direction intuition suggests. A dead unit
# can also come back when the layers *below* it change its inputs (some rows show fewer dead units
# after training than before); "dead" describes the current network and data, not a permanent state.
# Leaky ReLU's units are pushed to the negative side just as often; the slope $0.01$ keeps a
# gradient flowing, but within these $10$ epochs it did not bring them back.

# %% [markdown] id="positive-md" lang="ko"
# ## 2. 학습된 신경망에서 사전 활성화 대부분이 양수일까?
#
# scikit-learn에 포함된 숫자 손글씨 데이터(digits, $8 \times 8$ 이미지, 픽셀 값을 $[0, 1]$로 조정,
# 내려받는 것 없음)로 $64$-$64$-$64$-$10$ ReLU 신경망을 학습합니다(He 초기화, 모멘텀(momentum)
# $0.9$의 SGD, 학습률 $0.05$, 배치 $64$, $15$ 에포크, 시드 $5$개). 그리고 학습에 쓰지 않은 테스트
# 이미지에서 양수인 은닉층 사전 활성화의 비율을 학습 전과 후에 잽니다.

# %% [markdown] id="positive-md" lang="en"
# ## 2. Are most pre-activations positive in a trained network?
#
# We train $64$-$64$-$64$-$10$ ReLU networks (He initialisation, SGD with momentum $0.9$, learning
# rate $0.05$, batch $64$, $15$ epochs, $5$ seeds) on scikit-learn's bundled digits data
# ($8 \times 8$ images, pixel values scaled to $[0, 1]$; nothing is downloaded) and measure, on the
# held-out test images, the fraction of hidden pre-activations that are positive, before and after
# training.

# %% id="positive"
digits = load_digits()
images, targets = digits.data / 16.0, digits.target
order = np.random.default_rng(0).permutation(len(targets))
train, test = order[:1400], order[1400:]

net = MLP([64, 64, 64, 10], "relu", init="he_normal",
          rng=[np.random.default_rng(s) for s in range(5)])
before = net.forward(images[test]).positive_fraction()
fit(net, images[train], targets[train], loss=softmax_cross_entropy,
    optimizer=SGD(0.05, momentum=0.9), epochs=15, batch_size=64, rng=np.random.default_rng(2))
trace = net.forward(images[test])
after = trace.positive_fraction()
accuracy = np.mean(trace.outputs.argmax(axis=-1) == targets[test], axis=-1)
dead = [d.mean(axis=-1) for d in net.dead_units(images[train])]
unit_rates = np.concatenate([(z > 0).mean(axis=-2).ravel() for z in trace.pre_activations[:-1]])

print(f"test accuracy after training: {accuracy.mean():.3f} ± {accuracy.std():.3f}")
print(f"{'hidden layer':<14}{'positive, init':>16}{'positive, trained':>19}{'dead units':>12}")
for layer in range(2):
    print(f"{layer + 1:<14}{before[:, layer].mean():>16.1%}{after[:, layer].mean():>19.1%}"
          f"{dead[layer].mean():>12.1%}")
print(f"pre-activations <= 0 after training, where ReLU' = 0: {1 - after.mean():.1%}")
print(f"units positive on more than half of the test images: {np.mean(unit_rates > 0.5):.1%}")
print(f"units positive on fewer than 5% of the test images: {np.mean(unit_rates < 0.05):.1%}")

# %% [markdown] id="plot-positive-md" lang="ko"
# 학습한 신경망의 은닉 유닛마다, 테스트 이미지 중 몇 비율에서 사전 활성화가 양수인지를 나타낸
# 히스토그램입니다. 죽은 유닛은 0에, 항상 활성화되는 유닛은 1에 놓입니다.

# %% [markdown] id="plot-positive-md" lang="en"
# For every hidden unit of the trained networks: on what fraction of the test images is its
# pre-activation positive? A dead unit sits at 0, a unit that is always active at 1.

# %% id="plot-positive"
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.hist(unit_rates, bins=20, range=(0, 1), color=COLORS["relu"],
        weights=np.full(unit_rates.size, 1 / unit_rates.size))
ax.axvline(0.5, color="#222222", linestyle="--", linewidth=1)
ax.set_xlabel(say(ko="사전 활성화가 양수인 테스트 이미지의 비율",
                  en="fraction of test images on which the unit's pre-activation is positive"))
ax.set_ylabel(say(ko="은닉 유닛의 비율", en="fraction of hidden units"))
fig.tight_layout()
plt.show()

# %% [markdown] id="summary-md" lang="ko"
# ## 이 실험이 보여 주는 것과 보여 주지 않는 것

# %% [markdown] id="summary-md" lang="en"
# ## What this shows, and what it does not

# %% id="summary"
small, large = RATES[0], RATES[-1]
for name in SETTINGS:
    index = 0 if name.startswith("relu") else 1
    print(f"{name:<19} dead (relu) / never positive (leaky) at lr {small:g}: "
          f"{sweep[name, small]['after'][index].mean():.1%}, at lr {large:g}: "
          f"{sweep[name, large]['after'][index].mean():.1%}")
print(f"trained digits ReLU network: positive pre-activations {after.mean():.1%} "
      f"(layer 1 {after[:, 0].mean():.1%}, layer 2 {after[:, 1].mean():.1%}); "
      f"at initialisation {before.mean():.1%}; ReLU' = 0 on {1 - after.mean():.1%}")

# %% [markdown] id="conclusion" lang="ko"
# **보여 주는 것.** 죽은 ReLU 유닛은 실제로 생기며, 이 실험에서는 주로 학습률의 문제입니다. 보폭이
# 적당하면 거의 생기지 않고, 보폭이 너무 크면 은닉 유닛의 상당 부분이 죽고 최종 손실도 나빠집니다.
# 가중치 스케일과 편향 초기화는 곡선을 옮기지만 현상을 없애지는 못합니다. leaky ReLU에는 정의상
# 기울기가 0인 유닛이 없지만, 그것만으로 유닛이 음수 쪽에 머무는 것을 막지는 못했습니다.
#
# 원래 노트의 주장에 대해서는 이렇습니다. 초기화 직후에는 가중치의 대칭성이 예측하는 대로 사전
# 활성화의 약 절반이 양수이고, digits로 학습한 뒤에는 절반을 조금 넘습니다(위에 출력된 값). 따라서
# "대부분 양수"는 근소한 과반이라는 의미에서만 맞고, 거기서 끌어낸 결론은 성립하지 않습니다. ReLU의
# 도함수는 유닛-입력 쌍의 상당 부분에서 0이며, 결코 드물지 않습니다. 그런데도 신경망이 잘 동작하는
# 이유는 히스토그램에 있습니다. 대부분의 유닛은 어떤 이미지에서는 켜지고 어떤 이미지에서는 꺼지며,
# 거의 항상 꺼져 있는 유닛은 일부입니다. 학습에 필요한 것은 각 유닛이 *어떤* 입력에서는 활성화되는
# 것이고, 바로 그 점이 살아 있는 유닛과 죽은 유닛을 가릅니다.
#
# **보여 주지 않는 것.** 유닛이 죽기 시작하는 학습률은 데이터, 신경망, 옵티마이저(optimizer)에 따라
# 다릅니다. Adam, 배치 정규화(batch normalization), 학습률 워밍업(warm-up)은 그 경계를 옮깁니다.
# digits 측정은 구조 하나와 학습 방법 하나에 대한 결과이고, 다른 방법은 다른 비율을 냅니다. "학습
# 데이터에서 죽었다"는 가진 데이터로 확인한 것이므로, 그 점들에서 죽은 유닛도 다른 입력에서는 켜질
# 수 있습니다.

# %% [markdown] id="conclusion" lang="en"
# **What this shows.** Dead ReLU units are real and, in this experiment, mostly a learning-rate
# problem: with moderate steps almost none appear, with steps that are too large a sizeable share of
# the hidden units dies and the final loss gets worse. Weight scale and bias initialisation shift
# the curve but do not remove the effect. Leaky ReLU has no units with zero gradient by
# construction, but that alone did not keep its units off the negative side.
#
# On the claim of the notes: at initialisation about half of the pre-activations are positive, as
# the symmetry of the weights predicts, and after training on digits a little more than half are
# (the numbers above). So "most are positive" is true only as a slim majority, and the conclusion
# drawn from it does not follow: ReLU's derivative is 0 on a large share of all unit-input pairs,
# not rarely. The histogram shows why the network works anyway: most units are on for some images
# and off for others, a few are off almost always. Learning needs each unit to be active on *some*
# inputs, which is exactly what separates a live unit from a dead one.
#
# **What it does not show.** The learning rate at which units start to die depends on the data, the
# network and the optimiser; Adam, batch normalisation or learning-rate warm-up move it. The digits
# measurement is one architecture with one training recipe, and other recipes give other fractions.
# "Dead on the training data" is checked on the data we have; a unit dead on those points might fire
# on other inputs.
