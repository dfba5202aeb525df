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
# # 선형 붕괴와 XOR
#
# 신경망에 비선형 활성화 함수(activation function)가 왜 필요한지를 주장이 아니라 측정으로
# 확인합니다.
#
# 1. 퍼셉트론(perceptron) 하나는 AND와 OR은 배우지만 XOR은 결코 배우지 못합니다.
# 2. 선형 층(linear layer) 두 개를 쌓으면 정확히 선형 층 하나와 같으므로, 깊이만으로는 해결되지
#    않습니다.
# 3. 비선형 활성화 함수를 가진 은닉층(hidden layer) 하나면 XOR을 배울 수 있지만, 매번 그런 것은
#    아닙니다. 활성화 함수마다 여러 시드(seed)로 학습해 성공 횟수, 수렴까지의 에포크(epoch), 죽은
#    유닛(dead unit)을 셉니다.
#
# 아래의 모든 측정값은 이 노트북의 코드가 출력한 것입니다. 시드를 고정했으므로 다시 빌드해도 같은
# 숫자가 나옵니다.

# %% [markdown] id="title" lang="en"
# # Linear collapse and XOR
#
# Why a network needs a non-linear activation, measured rather than asserted:
#
# 1. a single perceptron learns AND and OR but can never learn XOR;
# 2. two linear layers stacked are exactly one linear layer, so depth alone does not help;
# 3. one hidden layer with a non-linear activation does learn XOR, but not every time: we train many
#    seeds per activation and count successes, epochs and dead units.
#
# Every measured number below is printed by the code in this notebook (fixed seeds, so a rebuild
# prints the same numbers).

# %% id="setup"
import matplotlib.pyplot as plt
import numpy as np

from activations import binary_step, sigmoid
from activations.training import MLP, Adam, binary_cross_entropy, fit

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
GATES = {
    "AND": np.array([0, 0, 0, 1], dtype=float),
    "OR": np.array([0, 1, 1, 1], dtype=float),
    "XOR": np.array([0, 1, 1, 0], dtype=float),
}

# %% [markdown] id="perceptron-md" lang="ko"
# ## 1. AND, OR, XOR에 퍼셉트론 적용하기
#
# 로젠블랫(Rosenblatt)의 퍼셉트론은 헤비사이드 계단 함수(Heaviside step) $H$(`binary_step`)로
# $\hat y = H(w^\top x + b)$를 예측하고, 틀릴 때마다 가중치(weight)를 $(y - \hat y)\,x$만큼,
# 편향(bias)을 $y - \hat y$만큼 옮깁니다. 두 클래스를 직선 하나로 가를 수 있다면 이 규칙은 유한 번의
# 갱신 뒤에 더 이상 틀리지 않습니다(퍼셉트론 수렴 정리, perceptron convergence theorem).

# %% [markdown] id="perceptron-md" lang="en"
# ## 1. A perceptron on AND, OR and XOR
#
# Rosenblatt's perceptron predicts $\hat y = H(w^\top x + b)$ with the Heaviside step $H$
# (`binary_step`) and, after every mistake, moves the weights by $(y - \hat y)\,x$ and the bias by
# $y - \hat y$. If a straight line separates the two classes, this rule stops making mistakes after
# finitely many updates (the perceptron convergence theorem).

# %% id="perceptron"
def train_perceptron(x, y, epochs=50):
    w, b = np.zeros(x.shape[1]), 0.0
    for epoch in range(1, epochs + 1):
        mistakes = 0
        for xi, yi in zip(x, y, strict=True):
            error = yi - binary_step(xi @ w + b)
            if error != 0:
                w, b, mistakes = w + error * xi, b + error, mistakes + 1
        if mistakes == 0:
            return w, b, epoch
    return w, b, None


print(f"{'gate':<5} {'converged after':>16} {'accuracy':>9}   w, b")
for gate, y in GATES.items():
    w, b, epoch = train_perceptron(X, y)
    accuracy = np.mean(binary_step(X @ w + b) == y)
    converged = f"{epoch} epochs" if epoch else "never (50)"
    print(f"{gate:<5} {converged:>16} {accuracy:>9.2f}   {w.tolist()}, {b}")

# %% [markdown] id="xor-proof" lang="ko"
# XOR은 끝내 수렴하지 않으며, 더 오래 학습해도 달라지지 않습니다. $w_1, w_2, b$가 네 점을 모두
# 맞힌다고 가정해 봅시다($w^\top x + b > 0$이면 1을 출력).
#
# $$b \le 0,\qquad w_1 + b > 0,\qquad w_2 + b > 0,\qquad w_1 + w_2 + b \le 0.$$
#
# 가운데 두 부등식을 더하면 $w_1 + w_2 + 2b > 0$이므로 $w_1 + w_2 + b > -b \ge 0$이 되어 마지막
# 부등식과 모순입니다. ($H(0) = 1$ 규약을 쓰면 등호가 붙는 쪽이 바뀔 뿐 모순은 같습니다.)

# %% [markdown] id="xor-proof" lang="en"
# XOR never converges, and no amount of training could fix that. Suppose $w_1, w_2, b$ classified
# all four points (output 1 when $w^\top x + b > 0$):
#
# $$b \le 0,\qquad w_1 + b > 0,\qquad w_2 + b > 0,\qquad w_1 + w_2 + b \le 0.$$
#
# Adding the two middle inequalities gives $w_1 + w_2 + 2b > 0$, so $w_1 + w_2 + b > -b \ge 0$,
# contradicting the last one. (With the convention $H(0) = 1$ the inequalities swap strict and
# non-strict; the contradiction is the same.)

# %% [markdown] id="collapse-md" lang="ko"
# ## 2. 선형 층 두 개는 선형 층 하나
#
# 활성화 함수가 없으면 두 층은 $(xW_1 + b_1)W_2 + b_2 = x\,(W_1W_2) + (b_1W_2 + b_2)$를 계산합니다.
# 가중치가 $W_1W_2$이고 편향이 $b_1W_2 + b_2$인 층 하나와 같습니다. 원래 노트는 이를
# $f(ax+by) = af(x) + bf(y)$로 설명하는데, 엄밀히 말하면 편향이 있는 층은 선형(linear)이 아니라
# 아핀(affine) 사상입니다. 그래도 아핀 사상끼리의 합성은 다시 아핀 사상이므로 결론은 그대로입니다.
# 실제 행렬로 확인합니다.

# %% [markdown] id="collapse-md" lang="en"
# ## 2. Two linear layers are one linear layer
#
# Without an activation, two layers compute $(xW_1 + b_1)W_2 + b_2 = x\,(W_1W_2) + (b_1W_2 + b_2)$:
# a single layer with weight $W_1W_2$ and bias $b_1W_2 + b_2$. The source notes justify this with
# $f(ax+by) = af(x) + bf(y)$; strictly, a layer with a bias is *affine*, not linear, but affine maps
# are closed under composition too, so the conclusion stands. Checked on real matrices:

# %% id="collapse"
rng = np.random.default_rng(0)
W1, b1 = rng.normal(size=(2, 4)), rng.normal(size=4)
W2, b2 = rng.normal(size=(4, 3)), rng.normal(size=3)
x = rng.normal(size=(1000, 2))

two_layers = (x @ W1 + b1) @ W2 + b2
W, b = W1 @ W2, b1 @ W2 + b2
one_layer = x @ W + b

print("allclose:", np.allclose(two_layers, one_layer))
print(f"largest difference: {np.abs(two_layers - one_layer).max():.1e}")

# %% [markdown] id="deep-linear-md" lang="ko"
# 학습한 뒤에도 마찬가지입니다. 항등 함수(identity)를 활성화로 쓰는 2-4-4-1 신경망은 여전히 아핀
# 사상 하나이므로 XOR에서 최선의 아핀 모델보다 나을 수 없습니다. 이진 교차 엔트로피(binary
# cross-entropy)에서 최선의 아핀 모델은 모든 점에 확률 $\tfrac12$을 내놓고, 그 손실은 $\ln 2$입니다.

# %% [markdown] id="deep-linear-md" lang="en"
# The same holds after training. A 2-4-4-1 network with the identity activation is still one affine
# map, so on XOR it can do no better than the best affine model. For binary cross-entropy that best
# model outputs probability $\tfrac12$ everywhere, a loss of $\ln 2$.

# %% id="deep-linear"
SEEDS = range(30)
linear = MLP(
    [2, 4, 4, 1], "identity", init="xavier_uniform", rng=[np.random.default_rng(s) for s in SEEDS]
)
history = fit(
    linear, X, GATES["XOR"][:, None], loss=binary_cross_entropy, optimizer=Adam(0.05), epochs=500
)
linear_accuracy = np.mean((linear.predict(X)[..., 0] > 0) == GATES["XOR"], axis=1)
print(f"lowest final loss over {len(SEEDS)} seeds: {history[-1].min():.6f}, "
      f"ln 2 = {np.log(2):.6f}")
print(f"best accuracy over {len(SEEDS)} seeds: {linear_accuracy.max():.2f}")

# %% [markdown] id="nonlinear-md" lang="ko"
# ## 3. 비선형 활성화 함수가 있는 은닉층 하나
#
# 이제 은닉층이 활성화 함수를 적용합니다. XOR을 표현할 수 있는 가장 작은 신경망인 2-2-1과 그보다
# 넓은 2-4-1 신경망을 활성화 함수마다 30개 시드로 학습합니다. 초기화(initialisation)는 각 함수에
# 흔히 쓰는 것 (sigmoid와 tanh에는 Xavier, ReLU 계열과 GELU에는 He)을 쓰고, 전체 배치(full-batch)
# Adam, 학습률(learning rate) 0.1로 500 에포크 학습합니다. 손실이 처음으로 0.05 아래로 내려간
# 에포크를 *수렴* 시점으로 보고, 활성화 함수의 도함수가 네 입력 모두에서 0인 은닉 유닛을 *죽은*
# 유닛으로 봅니다. 죽은 유닛으로 들어가는 가중치에는 기울기(gradient)가 다시는 도달하지 못합니다.

# %% [markdown] id="nonlinear-md" lang="en"
# ## 3. One hidden layer with a non-linear activation
#
# Now the hidden layer applies an activation. We train 2-2-1 (the smallest network that can
# represent XOR) and 2-4-1 networks, 30 seeds per activation, each with its usual initialisation
# (Xavier for sigmoid and tanh, He for the ReLU family and GELU), full-batch Adam with learning rate
# 0.1 for 500 epochs. A run *converges* at the first epoch whose loss is below 0.05; a hidden unit
# is *dead* when its activation's derivative is 0 on all four inputs, so no gradient can ever reach
# its incoming weights again.

# %% id="xor-runs"
ACTIVATIONS = {
    "sigmoid": "xavier_uniform",
    "tanh": "xavier_uniform",
    "relu": "he_normal",
    "leaky_relu": "he_normal",
    "gelu": "he_normal",
}
EPOCHS, LEARNING_RATE, THRESHOLD = 500, 0.1, 0.05
y_xor = GATES["XOR"][:, None]

results, networks = {}, {}
for hidden in (2, 4):
    for activation, init in ACTIVATIONS.items():
        net = MLP(
            [2, hidden, 1], activation, init=init, rng=[np.random.default_rng(s) for s in SEEDS]
        )
        losses = fit(
            net, X, y_xor, loss=binary_cross_entropy, optimizer=Adam(LEARNING_RATE), epochs=EPOCHS
        )
        below = losses < THRESHOLD
        converged = below.any(axis=0)
        epochs = np.where(converged, below.argmax(axis=0) + 1, np.nan)
        correct = np.all((net.predict(X)[..., 0] > 0) == (GATES["XOR"] > 0.5), axis=1)
        dead = net.dead_units(X)[0].sum(axis=1)
        results[hidden, activation] = dict(
            converged=converged, epochs=epochs, correct=correct, dead=dead
        )
        networks[hidden, activation] = net

n = len(SEEDS)
print(f"{'net':<6}{'activation':<11}{'converged':>10}{'all 4 right':>12}{'median epochs':>14}"
      f"{'dead unit':>10}{'failed with dead unit':>22}")
for (hidden, activation), r in results.items():
    median = np.nanmedian(r["epochs"]) if r["converged"].any() else float("nan")
    failed = ~r["correct"]
    columns = (
        f"{r['converged'].sum()}/{n}",
        f"{r['correct'].sum()}/{n}",
        f"{median:.0f}",
        f"{np.sum(r['dead'] > 0)}/{n}",
        f"{np.sum(failed & (r['dead'] > 0))}/{failed.sum()}",
    )
    widths = (10, 12, 14, 10, 22)
    print(f"2-{hidden}-1 {activation:<11}" + "".join(
        f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)))

# %% [markdown] id="boundaries-md" lang="ko"
# ### 결정 경계(decision boundary)
#
# 각 설정의 첫 번째 시드로 학습한 신경망이 정사각형 $[-0.5, 1.5]^2$ 위에서 내놓는 확률
# $\sigma(\hat y)$입니다. 빨간 영역은 클래스 1, 파란 영역은 클래스 0으로 예측한 곳입니다. 검은 선이
# 결정 경계 $\sigma(\hat y) = \tfrac12$이고, 원은 클래스 0, 삼각형은 클래스 1입니다.

# %% [markdown] id="boundaries-md" lang="en"
# ### Decision boundaries
#
# The predicted probability $\sigma(\hat y)$ over the square $[-0.5, 1.5]^2$ for the first seed of
# every configuration: red where the network predicts class 1, blue where it predicts class 0. The
# black line is the decision boundary $\sigma(\hat y) = \tfrac12$; circles are class 0 and triangles
# class 1.

# %% id="boundaries"
grid = np.linspace(-0.5, 1.5, 81)
gx, gy = np.meshgrid(grid, grid)
points = np.column_stack([gx.ravel(), gy.ravel()])

fig, axes = plt.subplots(2, 5, figsize=(11, 4.6), sharex=True, sharey=True)
for row, hidden in enumerate((2, 4)):
    for col, activation in enumerate(ACTIVATIONS):
        ax = axes[row, col]
        probability = sigmoid(networks[hidden, activation].predict(points)[0, :, 0])
        ax.imshow(probability.reshape(gx.shape), origin="lower", extent=(-0.5, 1.5, -0.5, 1.5),
                  cmap="RdBu_r", alpha=0.55, vmin=0, vmax=1)
        ax.contour(gx, gy, probability.reshape(gx.shape), levels=[0.5], colors="black",
                   linewidths=1.2)
        for label, marker in ((0, "o"), (1, "^")):
            mask = GATES["XOR"] == label
            ax.scatter(X[mask, 0], X[mask, 1], marker=marker, s=60, c="white",
                       edgecolors="black", linewidths=1.2, zorder=3)
        solved = results[hidden, activation]["correct"][0]
        status = say(ko="풂", en="solved") if solved else say(ko="못 풂", en="not solved")
        ax.set_title(f"2-{hidden}-1 {activation}\n{status}")
        ax.set_aspect("equal")
        ax.grid(False)
fig.tight_layout()
plt.show()

# %% [markdown] id="summary-md" lang="ko"
# ## 이 실험이 보여 주는 것과 보여 주지 않는 것
#
# 이 절의 근거가 되는 숫자입니다.

# %% [markdown] id="summary-md" lang="en"
# ## What this shows, and what it does not
#
# The numbers the section rests on:

# %% id="summary"
xor_perceptron = train_perceptron(X, GATES["XOR"])
w_xor, b_xor, _ = xor_perceptron
perceptron_accuracy = np.mean(binary_step(X @ w_xor + b_xor) == GATES["XOR"])
print(f"perceptron on XOR after 50 epochs: accuracy {perceptron_accuracy:.2f}")
print(f"deep linear network on XOR ({n} seeds): best accuracy {linear_accuracy.max():.2f}, "
      f"lowest loss {history.min():.6f} vs ln 2 = {np.log(2):.6f}")
print(f"{'success rate':<14}" + "".join(f"{a:>12}" for a in ACTIVATIONS))
for hidden in (2, 4):
    print(f"{f'2-{hidden}-1':<14}" + "".join(
        f"{results[hidden, a]['correct'].mean():>12.0%}" for a in ACTIVATIONS))
relu_failed = np.concatenate([~results[h, "relu"]["correct"] for h in (2, 4)])
relu_dead = np.concatenate([results[h, "relu"]["dead"] > 0 for h in (2, 4)])
print(f"failed ReLU runs with a dead hidden unit: {np.sum(relu_failed & relu_dead)} of "
      f"{relu_failed.sum()}; successful ReLU runs with one: {np.sum(~relu_failed & relu_dead)} "
      f"of {np.sum(~relu_failed)}")

# %% [markdown] id="conclusion" lang="ko"
# **보여 주는 것.** XOR은 선형 분리가 불가능합니다(not linearly separable). 퍼셉트론도, 학습한 깊은
# 선형 신경망도 네 점을 모두 맞히지 못하고, 선형 신경망의 손실은 아핀 모델이 도달할 수 있는 최선인
# $\ln 2$에 머뭅니다. 선형 층을 쌓는 것은 행렬을 곱하는 것에 불과합니다. 은닉층에 비선형 함수를
# 넣으면 다섯 활성화 함수 모두 어떤 시드에서는 XOR을 풀고, 어느 활성화 함수든 폭이 넓은 2-4-1
# 신경망이 2-2-1보다 적어도 같은 비율로 성공합니다. 여기서는 ReLU가 가장 자주 실패하고, 그 실패의
# 대부분에 죽은 은닉 유닛이 있습니다. 도함수가 결코 0이 되지 않는 leaky ReLU에는 죽은 유닛이 생기지
# 않습니다.
#
# **보여 주지 않는 것.** 활성화 함수의 순위가 아닙니다. 학습 데이터 네 점, 옵티마이저(optimizer)
# 하나, 학습률 하나, 에포크 예산 하나, 활성화 함수마다 초기화 하나가 이 성공률을 정하며, 어느
# 하나라도 바꾸면 숫자가 달라집니다. 중앙값 에포크는 수렴한 실행만으로 계산했으므로, 드물게
# 수렴하지만 빨리 수렴하는 설정은 빨라 보입니다. 죽은 유닛이 항상 치명적인 것도 아닙니다. 표에서
# 보듯 죽은 유닛이 있는데도 성공한 ReLU 실행이 있습니다. 남은 유닛만으로 충분할 수 있기 때문입니다.

# %% [markdown] id="conclusion" lang="en"
# **What this shows.** XOR is not linearly separable: the perceptron and the trained deep linear
# network never get all four points right, and the linear network's loss sits at $\ln 2$, the best
# an affine model can do. Stacking linear layers only multiplies matrices. With a non-linear hidden
# layer every one of the five activations solves XOR for some seeds, and for every activation the
# wider 2-4-1 network succeeds at least as often as 2-2-1. ReLU fails most often here, and most of
# its failures come with a dead hidden unit; leaky ReLU, whose derivative is never 0, never has one.
#
# **What it does not show.** This is not a ranking of activations. Four training points, one
# optimiser, one learning rate, one epoch budget and one initialisation per activation decide these
# rates, and changing any of them moves them. Median epochs are taken over the runs that converged
# only, so a configuration that converges rarely but quickly looks fast. A dead unit is not always
# fatal: the table shows successful ReLU runs that also have one, because the remaining units can be
# enough.
