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
# # 같은 신경망, 다른 활성화 함수, 실제 데이터
#
# 앞의 노트북들은 장난감 문제를 썼습니다. 여기서는 같은 작은 신경망을 실제 이미지, 즉 scikit-learn에
# 포함된 손글씨 숫자 데이터(digits: 숫자 0~9의 $8 \times 8$ 흑백 이미지 1797장, scikit-learn과 함께
# 설치되므로 내려받는 것 없음)로 학습합니다. 활성화 함수마다 시드를 바꿔 다섯 번씩 학습하고, 손실과
# 정확도 곡선을 시드 간 편차와 함께 봅니다. 그리고 원래 노트의 두 주장, "ReLU는 sigmoid와 tanh보다
# 빨리 학습한다"와 "leaky ReLU가 ReLU보다 학습이 더 잘 된다"를 확인합니다.

# %% [markdown] id="title" lang="en"
# # The same network, different activations, real data
#
# The earlier notebooks used toy problems. Here the same small network is trained on real images,
# scikit-learn's bundled handwritten digits (1797 grey-scale $8 \times 8$ images of the digits 0-9;
# the data ship with scikit-learn, nothing is downloaded), once per activation and five times per
# activation with different seeds. We look at the loss and accuracy curves with their seed-to-seed
# spread, and check two claims of the source notes: "ReLU learns faster than sigmoid and tanh" and
# "leaky ReLU trains better than ReLU".

# %% id="setup"
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

from activations.training import MLP, SGD, fit, softmax_cross_entropy

digits = load_digits()
images, labels = digits.data / 16.0, digits.target
order = np.random.default_rng(0).permutation(len(labels))
train, test = order[:1000], order[1000:]
print(f"{len(train)} training images, {len(test)} test images, {images.shape[1]} pixels each")

# %% [markdown] id="setup-md" lang="ko"
# ## 실험 설계
#
# 신경망은 $64$-$24$-$10$(은닉층 하나), 손실은 소프트맥스 교차 엔트로피, 옵티마이저는 모멘텀 $0.9$의
# 미니배치 SGD(학습률 $0.1$, 배치 크기 $64$, $15$ 에포크)이고, 모든 실행이 같은 데이터 순서를
# 씁니다. 활성화 함수마다 흔히 쓰는 초기화(sigmoid와 tanh에는 Xavier, ReLU와 leaky ReLU에는 He,
# SELU에는 LeCun)와 시드 $0$~$4$를 씁니다. 에포크마다 학습 손실(그 에포크 미니배치 손실의 평균)과,
# 학습에 한 번도 쓰지 않은 테스트 이미지 $797$장에 대한 정확도(accuracy)를 기록합니다.

# %% [markdown] id="setup-md" lang="en"
# ## The experiment
#
# Network $64$-$24$-$10$ (one hidden layer), softmax cross-entropy, mini-batch SGD with momentum
# $0.9$, learning rate $0.1$, batch size $64$, $15$ epochs, the same data order for every run. Each
# activation gets its usual initialisation (Xavier for sigmoid and tanh, He for ReLU and leaky ReLU,
# LeCun for SELU) and the seeds $0$ to $4$. After every epoch we record the training loss (the mean
# of that epoch's mini-batch losses) and the accuracy on the $797$ test images, which the network
# never trains on.

# %% id="train"
ACTIVATIONS = {
    "sigmoid": "xavier_uniform",
    "tanh": "xavier_uniform",
    "relu": "he_normal",
    "leaky_relu": "he_normal",
    "selu": "lecun_normal",
}
SEEDS, EPOCHS = range(5), 15

curves, networks, dead_at_init = {}, {}, {}
for activation, init in ACTIVATIONS.items():
    net = MLP([64, 24, 10], activation, init=init, rng=[np.random.default_rng(s) for s in SEEDS])
    dead_at_init[activation] = net.dead_units(images[train])[0].sum(axis=-1)
    optimizer, shuffle = SGD(0.1, momentum=0.9), np.random.default_rng(1)
    loss, accuracy = np.empty((EPOCHS, len(SEEDS))), np.empty((EPOCHS, len(SEEDS)))
    for epoch in range(EPOCHS):
        loss[epoch] = fit(net, images[train], labels[train], loss=softmax_cross_entropy,
                          optimizer=optimizer, epochs=1, batch_size=64, rng=shuffle)[0]
        predicted = net.predict(images[test]).argmax(axis=-1)
        accuracy[epoch] = np.mean(predicted == labels[test], axis=-1)
    curves[activation] = dict(loss=loss, accuracy=accuracy)
    networks[activation] = net

print(f"{'activation':<11}{'loss, epoch 1':>15}{'loss, epoch 15':>16}"
      f"{'test acc., epoch 1':>20}{'test acc., epoch 15':>21}")
for activation, c in curves.items():
    cells = [
        f"{c['loss'][0].mean():.3f} ± {c['loss'][0].std():.3f}",
        f"{c['loss'][-1].mean():.3f} ± {c['loss'][-1].std():.3f}",
        f"{c['accuracy'][0].mean():.3f} ± {c['accuracy'][0].std():.3f}",
        f"{c['accuracy'][-1].mean():.3f} ± {c['accuracy'][-1].std():.3f}",
    ]
    print(f"{activation:<11}" + "".join(
        f"{cell:>{width}}" for cell, width in zip(cells, (15, 16, 20, 21), strict=True)))

# %% [markdown] id="curves-md" lang="ko"
# 다섯 시드의 평균이고, 띠는 $\pm$ 표준편차 하나입니다(leaky ReLU는 ReLU의 곡선과 겹치므로 점선으로
# 그렸습니다).

# %% [markdown] id="curves-md" lang="en"
# Mean over the five seeds, with a band of $\pm$ one standard deviation (leaky ReLU dashed: its
# curves lie on top of ReLU's):

# %% id="plot-curves"
epochs = np.arange(1, EPOCHS + 1)
fig, (top, bottom) = plt.subplots(2, 1, figsize=(7, 7.5), sharex=True)
for activation, c in curves.items():
    for ax, key in ((top, "loss"), (bottom, "accuracy")):
        mean, std = c[key].mean(axis=1), c[key].std(axis=1)
        ax.fill_between(epochs, mean - std, mean + std, color=COLORS[activation], alpha=0.2,
                        linewidth=0)
        ax.plot(epochs, mean, color=COLORS[activation], marker="o", markersize=3,
                linestyle="--" if activation == "leaky_relu" else "-", label=activation)
top.set_yscale("log")
top.set_ylabel(say(ko="학습 손실(교차 엔트로피)", en="training loss (cross-entropy)"))
bottom.set_ylabel(say(ko="테스트 정확도", en="test accuracy"))
bottom.set_ylim(0.25, 1.0)
bottom.set_xlabel(say(ko="에포크", en="epoch"))
bottom.legend(loc="lower right")
fig.tight_layout()
plt.show()

# %% [markdown] id="claims-md" lang="ko"
# ## 두 주장 확인하기
#
# "빨리 학습한다"는 두 가지로 잽니다. 평균 테스트 정확도가 처음으로 $95\%$에 도달하는 에포크, 그리고
# 3번째 에포크 뒤의 학습 손실입니다. "더 잘 학습한다"는 마지막 테스트 정확도와 학습 손실로 잽니다.
# 비교마다 평균의 차이를 시드 간 편차 $\sqrt{s_a^2 + s_b^2}$와 나란히 출력합니다. 차이가 편차보다
# 훨씬 작으면 시드를 다르게 뽑았을 때 생기는 차이와 구별할 수 없습니다.

# %% [markdown] id="claims-md" lang="en"
# ## Checking the two claims
#
# "Learns faster" is measured in two ways: the first epoch at which the mean test accuracy reaches
# $95\%$, and the training loss after epoch 3. "Trains better" is measured by the final test
# accuracy and training loss. For each comparison we print the difference of the means next to the
# seed-to-seed spread $\sqrt{s_a^2 + s_b^2}$; a difference much smaller than the spread is not
# distinguishable from a different draw of seeds.

# %% id="claims"
def first_epoch(mean_curve, level):
    reached = np.flatnonzero(mean_curve >= level)
    return int(reached[0]) + 1 if reached.size else None


print(f"{'activation':<11}{'epochs to 95% test accuracy':>29}{'loss after epoch 3':>20}")
for activation, c in curves.items():
    reached = first_epoch(c["accuracy"].mean(axis=1), 0.95)
    print(f"{activation:<11}{reached if reached else 'not reached':>29}"
          f"{c['loss'][2].mean():>14.3f} ± {c['loss'][2].std():.3f}")


def compare(a, b, key, epoch):
    x, y = curves[a][key][epoch], curves[b][key][epoch]
    difference, spread = x.mean() - y.mean(), np.hypot(x.std(), y.std())
    print(f"{a} - {b}, {key} at epoch {epoch + 1}: difference {difference:+.4f}, "
          f"spread {spread:.4f}, ratio {difference / spread:+.1f}")
    return difference, spread


print()
comparisons = {
    ("relu", "sigmoid", "loss", 2): None,
    ("relu", "tanh", "loss", 2): None,
    ("leaky_relu", "relu", "accuracy", EPOCHS - 1): None,
    ("leaky_relu", "relu", "loss", EPOCHS - 1): None,
}
for a, b, key, epoch in comparisons:
    comparisons[a, b, key, epoch] = compare(a, b, key, epoch)

# %% [markdown] id="dead-md" lang="ko"
# leaky ReLU가 도움이 될 수 있는 것은 ReLU 유닛이 죽는 경우뿐입니다. ReLU 신경망의 은닉 유닛 중 학습
# 이미지 전체에서 죽어 있는 것은 학습 전과 후에 각각 몇 개일까요? (픽셀 값은 음수가 아니고 항상 0인
# 픽셀도 많아서, 쓰이는 픽셀에 대한 가중치가 모두 음수인 유닛은 처음부터 죽어 있습니다.)

# %% [markdown] id="dead-md" lang="en"
# Leaky ReLU can only help where ReLU units die. How many hidden units of the ReLU networks are dead
# on the training images, before and after training? (Pixel values are never negative and many
# pixels are always 0, so a unit whose weights on the used pixels are all negative is dead from the
# start.)

# %% id="dead"
dead_per_seed = networks["relu"].dead_units(images[train])[0].sum(axis=-1)
leaky_hidden = networks["leaky_relu"].forward(images[train]).pre_activations[0]
leaky_never_positive = np.all(leaky_hidden <= 0, axis=-2).sum(axis=-1)
print(f"ReLU, dead hidden units per network (of 24), at initialisation: "
      f"{dead_at_init['relu'].tolist()}, after training: {dead_per_seed.tolist()}")
print(f"leaky ReLU, hidden units never positive after training: {leaky_never_positive.tolist()}")

# %% [markdown] id="summary-md" lang="ko"
# ## 이 실험이 보여 주는 것과 보여 주지 않는 것

# %% [markdown] id="summary-md" lang="en"
# ## What this shows, and what it does not

# %% id="summary"
final = {a: c["accuracy"][-1] for a, c in curves.items()}
best = max(final, key=lambda a: final[a].mean())
worst = min(final, key=lambda a: final[a].mean())
print("final test accuracy: " + ", ".join(f"{a} {v.mean():.3f}" for a, v in final.items()))
print(f"best {best}, worst {worst}: gap {final[best].mean() - final[worst].mean():.3f}")
for (a, b, key, epoch), (difference, spread) in comparisons.items():
    print(f"{a} vs {b} ({key}, epoch {epoch + 1}): |difference| / spread = "
          f"{abs(difference) / spread:.1f}")
print(f"dead units in the trained ReLU networks: {dead_per_seed.sum()} of {24 * len(SEEDS)}; "
      f"never-positive units in the trained leaky ReLU networks: {leaky_never_positive.sum()}")

# %% [markdown] id="conclusion" lang="ko"
# **보여 주는 것.** 이 데이터에서는 모든 활성화 함수가 15 에포크 안에 높은 테스트 정확도에 도달하고,
# 최종 정확도는 서로 몇 퍼센트포인트 안에 모여 있습니다(위의 요약). "ReLU가 빨리 학습한다"는
# sigmoid에 대해서는 큰 차이로 맞지만 tanh에 대해서는 맞지 않습니다. 3 에포크 뒤 tanh의 학습 손실은
# ReLU보다 높지 않고, 그 차이도 시드 간 편차 안에 있습니다. 초반에 손실이 가장 빨리 떨어지는 것은
# SELU입니다. "leaky ReLU가 ReLU보다 학습이 더 잘 된다"는 뒷받침되지 않습니다. 두 함수의 곡선은
# 사실상 같습니다. ReLU 유닛이 죽지 않아서가 아닙니다. 학습한 ReLU 신경망에는 처음보다 더 많은 죽은
# 유닛이 있습니다. 그보다는 기본 계수 $0.01$의 leaky ReLU도 그만큼의 유닛을 음수 쪽에 잃고, 100배
# 작은 기울기로는 이번 학습 안에 그 유닛들을 되살리지 못했기 때문입니다.
#
# **보여 주지 않는 것.** 데이터 하나, 작은 구조 하나, 옵티마이저 하나, 학습률 하나에 대한
# 결과입니다. 활성화 함수마다 학습률을 따로 맞추면 곡선의 순서가 바뀔 수 있고, 특히 sigmoid는 보통
# 더 큰 학습률로 학습합니다. 시드 다섯 개는 대략의 편차를 알려 줄 뿐 유의성 검정(significance
# test)이 아닙니다. 초반에 손실이 얼마나 빨리 떨어지는지는 최종 품질에 대해 말해 주는 것이 적고,
# 깊은 신경망에 대해서는 아무것도 말해 주지 않습니다. 깊은 신경망에서는 기울기 소실 노트북에서
# 보았듯이 활성화 함수들이 매우 다르게 행동합니다. 더 큰 기울기(예: $0.1$이나 $0.2$)의 leaky
# ReLU라면 결과가 달라질 수도 있지만 여기서는 시험하지 않았습니다.

# %% [markdown] id="conclusion" lang="en"
# **What this shows.** On this data every activation reaches a high test accuracy within the fifteen
# epochs, and the final accuracies lie within a few points of each other (the summary above). "ReLU
# learns faster" is true against sigmoid, by a wide margin, but not against tanh: tanh's training
# loss after three epochs is no higher than ReLU's, and the difference is within the seed-to-seed
# spread; SELU falls fastest of all early on. "Leaky ReLU trains better than ReLU" is not supported:
# the two give practically the same curves. That is not because ReLU units do not die — the trained
# ReLU networks have more dead units than they started with — but because leaky ReLU with its
# default slope $0.01$ loses about as many units to the negative side, where a gradient 100 times
# smaller did not bring them back within this training run.
#
# **What it does not show.** One data set, one small architecture, one optimiser and one learning
# rate: a learning rate tuned separately for each activation could reorder the curves, and sigmoid
# in particular is usually trained with a larger one. Five seeds give a rough spread, not a
# significance test. How fast the loss falls early says little about final quality, and nothing here
# speaks to deep networks, where the vanishing-gradient notebook shows the activations behaving very
# differently. A larger leak (e.g. slope $0.1$ or $0.2$) might change the leaky ReLU result; we did
# not test it.
