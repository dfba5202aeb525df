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
# # 소프트맥스: 온도, 오버플로, 그리고 $p - y$ 기울기
#
# $$\operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$$
#
# 소프트맥스(softmax)는 점수 벡터(로짓, logit)를 합이 1인 양수들로 바꿉니다. 이 노트북은 실무에서
# 중요한 세 가지를 확인합니다. 온도(temperature)가 분포의 모양을 어떻게 바꾸는지, 위 식을 글자
# 그대로 계산하면 안 되는 이유, 그리고 소프트맥스 뒤에 교차 엔트로피(cross-entropy)를 붙이면
# 기울기가 $p - y$라는 아주 단순한 꼴이 되는 이유입니다.

# %% [markdown] id="title" lang="en"
# # Softmax: temperature, overflow and the $p - y$ gradient
#
# $$\operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$$
#
# turns a vector of scores (logits) into positive numbers that sum to 1. This notebook looks at
# three practical facts: how a temperature reshapes the distribution, why the formula above must not
# be evaluated literally, and why softmax followed by cross-entropy has the remarkably simple
# gradient $p - y$.

# %% id="setup"
import matplotlib.pyplot as plt
import numpy as np

from activations import log_softmax, sigmoid, softmax, softmax_jacobian, softmax_vjp
from activations.training import softmax_cross_entropy

z = np.array([2.0, 1.0, 0.1, -1.0])

# %% [markdown] id="temperature-md" lang="ko"
# ## 1. 온도
#
# 소프트맥스에 넣기 전에 로짓을 온도 $T > 0$로 나누면($p_i(T) = \operatorname{softmax}(z / T)_i$)
# 클래스의 순서는 그대로지만 분포가 얼마나 뾰족한지가 달라집니다. $T \to 0$이면 가장 큰 로짓에 1이
# 몰린 원-핫(one-hot) 벡터(arg max)에 가까워지고, $T \to \infty$이면 균등 분포(uniform
# distribution)에 가까워집니다. 엔트로피(entropy) $H = -\sum_i p_i \ln p_i$는 퍼진 정도를 나타내며,
# 0(원-핫)부터 $\ln n$(균등)까지의 값을 가집니다.

# %% [markdown] id="temperature-md" lang="en"
# ## 1. Temperature
#
# Dividing the logits by a temperature $T > 0$ before the softmax,
# $p_i(T) = \operatorname{softmax}(z / T)_i$, keeps the order of the classes but changes how peaked
# the distribution is: as $T \to 0$ it approaches a one-hot vector at the largest logit (the arg
# max), as $T \to \infty$ it approaches the uniform distribution. The entropy
# $H = -\sum_i p_i \ln p_i$ measures the spread, from 0 (one-hot) to $\ln n$ (uniform).

# %% id="temperature"
print(f"logits z = {z.tolist()}")
print(f"{'T':>6}" + "".join(f"{f'p{i}':>8}" for i in range(z.size)) + f"{'entropy':>9}")
for T in [0.1, 0.5, 1.0, 2.0, 5.0, 100.0]:
    p = softmax(z / T)
    entropy = -np.sum(p * log_softmax(z / T))
    print(f"{T:>6g}" + "".join(f"{v:>8.4f}" for v in p) + f"{entropy:>9.4f}")
print(f"ln {z.size} = {np.log(z.size):.4f}")

# %% [markdown] id="plot-temperature-md" lang="ko"
# 온도에 따라 네 클래스 각각의 확률이 어떻게 변하는지 보여 주는 그래프입니다(가로축은 로그 눈금).
# 점선은 균등 확률 $\tfrac14$입니다.

# %% [markdown] id="plot-temperature-md" lang="en"
# The probability of each of the four classes as the temperature varies (logarithmic axis); the
# dashed line is the uniform probability $\tfrac14$.

# %% id="plot-temperature"
temperatures = np.geomspace(0.05, 50, 200)
probabilities = np.array([softmax(z / T) for T in temperatures])
fig, ax = plt.subplots(figsize=(6.5, 3.6))
for i, color in enumerate(["#0072B2", "#D55E00", "#009E73", "#CC79A7"]):
    ax.plot(temperatures, probabilities[:, i], color=color, label=f"$z_{i} = {z[i]:g}$")
ax.axhline(1 / z.size, color="#555555", linestyle="--", linewidth=1,
           label=say(ko="균등 1/4", en="uniform 1/4"))
ax.set_xscale("log")
ax.set_xlabel(say(ko="온도 T", en="temperature T"))
ax.set_ylabel(r"$\operatorname{softmax}(z / T)$")
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown] id="overflow-md" lang="ko"
# ## 2. 오버플로와 안정적인 계산법
#
# `np.exp(1000)`은 double이 나타낼 수 있는 가장 큰 수($\approx 1.8 \times 10^{308}$)보다 커서
# `inf`로 오버플로(overflow)되고, `inf / inf`는 `nan`입니다. 반대쪽에서는 `np.exp(-1000)`이 0으로
# 언더플로(underflow)되고 `0 / 0`도 `nan`입니다. 따라서 정답은 평범한 값인데도, 로짓이 조금 크거나
# 아주 작기만 해도 식을 글자 그대로 계산하면 실패합니다. 아래에서는 결과를 보기 위해 NumPy의 경고를
# `np.errstate`로 명시적으로 끕니다.
#
# 해법은 항등식 하나입니다. 어떤 상수 $c$에 대해서도 $e^{-c}$가 약분되므로
# $\operatorname{softmax}(z) = \operatorname{softmax}(z - c)$입니다. $c = \max_j z_j$로 두면 모든
# 지수가 $0$ 이하라 오버플로가 없고, 가장 큰 항이 $e^0 = 1$이므로 분모는 1 이상이어서 0이 될 수
# 없습니다. 이 패키지의 `softmax`와 `log_softmax`는 이 방식으로 계산합니다.

# %% [markdown] id="overflow-md" lang="en"
# ## 2. Overflow, and the stable form
#
# `np.exp(1000)` is larger than the largest double ($\approx 1.8 \times 10^{308}$) and overflows to
# `inf`; `inf / inf` is `nan`. At the other end, `np.exp(-1000)` underflows to 0, and `0 / 0` is
# `nan` as well. The literal formula therefore fails for logits that are merely large or merely very
# negative, even though the true answer is perfectly ordinary. Below, NumPy's warnings are switched
# off explicitly with `np.errstate` so that we can look at the results.
#
# The cure is an identity: for any constant $c$,
# $\operatorname{softmax}(z) = \operatorname{softmax}(z - c)$, because the factor $e^{-c}$ cancels.
# With $c = \max_j z_j$ every exponent is $\le 0$, so nothing overflows, and the largest term is
# $e^0 = 1$, so the denominator is at least 1 and never 0. The package's `softmax` and `log_softmax`
# use this form.

# %% id="overflow"
def naive_softmax(logits):
    e = np.exp(logits)
    return e / e.sum()


def show(values):
    return "[" + ", ".join(f"{v:.6g}" for v in values) + "]"


for logits in (np.array([1000.0, 1001.0, 1002.0]), np.array([-1000.0, -1001.0, -1002.0])):
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        exponentials = np.exp(logits)
        naive = naive_softmax(logits)
    print(f"z = {show(logits)}")
    print(f"  exp(z):             {show(exponentials)}")
    print(f"  naive exp(z) / sum: {show(naive)}")
    print(f"  stable softmax:     {show(softmax(logits))}")
print(f"softmax([1, 2, 3]):  {show(softmax(np.array([1.0, 2.0, 3.0])))}")

# %% [markdown] id="log-md" lang="ko"
# 같은 문제가 로그에서도 생깁니다. 부동소수점(floating point)에서는 확률이 정확히 0이나 정확히 1로
# 반올림될 수 있고(그래서 원래 노트의 "0과 1 사이"는 실제로는 "0 이상 1 이하"입니다),
# $\ln 0 = -\infty$입니다. `log_softmax`는 $z_i - \max_j z_j - \ln \sum_j e^{z_j - \max z}$를 직접
# 계산하므로 유한한 값을 유지합니다.

# %% [markdown] id="log-md" lang="en"
# The same issue hits the logarithm. In floating point a probability can round to exactly 0 or
# exactly 1 (so the source notes' "between 0 and 1" is, in practice, "between 0 and 1 inclusive"),
# and $\ln 0 = -\infty$. `log_softmax` computes $z_i - \max_j z_j - \ln \sum_j e^{z_j - \max z}$
# directly and stays finite:

# %% id="log"
logits = np.array([0.0, -800.0])
with np.errstate(divide="ignore"):
    log_of_softmax = np.log(softmax(logits))
print(f"softmax(z)       = {show(softmax(logits))}")
print(f"log(softmax(z))  = {show(log_of_softmax)}")
print(f"log_softmax(z)   = {show(log_softmax(logits))}")

# %% [markdown] id="gradient-md" lang="ko"
# ## 3. 소프트맥스 + 교차 엔트로피: 기울기는 $p - y$
#
# $p = \operatorname{softmax}(z)$이고 클래스 $c$의 원-핫 타깃이 $y$이면 교차 엔트로피는
# $L = -\ln p_c = -z_c + \ln \sum_j e^{z_j}$입니다. 미분하면 다음과 같습니다.
#
# $$\frac{\partial L}{\partial z_i} = -[i = c] + \frac{e^{z_i}}{\sum_j e^{z_j}} = p_i - y_i .$$
#
# 연쇄 법칙(chain rule)으로도 같은 결과가 나옵니다. 소프트맥스의 야코비안(Jacobian)은
# $J = \operatorname{diag}(p) - p\,p^\top$이고 $\partial L / \partial p = -y / p$이므로
# $J^\top(-y/p) = -y + p\,(\textstyle\sum_i y_i) = p - y$입니다. 로짓에서 바로 계산하면 0으로
# 언더플로되었을 수도 있는 확률로 나누는 일을 피할 수 있습니다. 중앙 차분(central difference)으로
# 수치 검증하고, 패키지의 `softmax_jacobian`, `softmax_vjp`, `softmax_cross_entropy`와도 비교합니다.

# %% [markdown] id="gradient-md" lang="en"
# ## 3. Softmax + cross-entropy: the gradient is $p - y$
#
# With $p = \operatorname{softmax}(z)$ and a one-hot target $y$ for class $c$, the cross-entropy is
# $L = -\ln p_c = -z_c + \ln \sum_j e^{z_j}$. Differentiating,
#
# $$\frac{\partial L}{\partial z_i} = -[i = c] + \frac{e^{z_i}}{\sum_j e^{z_j}} = p_i - y_i .$$
#
# The same result through the chain rule: the Jacobian of softmax is
# $J = \operatorname{diag}(p) - p\,p^\top$, and $\partial L / \partial p = -y / p$, so
# $J^\top(-y/p) = -y + p\,(\textstyle\sum_i y_i) = p - y$. Computing it directly from the logits
# avoids the division by a probability that may have underflowed to 0. Checked numerically with
# central differences, and against the package's `softmax_jacobian`, `softmax_vjp` and
# `softmax_cross_entropy`:

# %% id="gradient"
rng = np.random.default_rng(0)
logits = rng.normal(scale=2.0, size=5)
target = 3
y = np.eye(5)[target]
p = softmax(logits)


def cross_entropy(values):
    return -log_softmax(values)[target]


h = 1e-6
numerical = np.array([
    (cross_entropy(logits + h * e) - cross_entropy(logits - h * e)) / (2 * h) for e in np.eye(5)
])
jacobian = softmax_jacobian(logits)
checks = {
    "central differences": numerical,
    "J^T (-y / p)": jacobian.T @ (-y / p),
    "softmax_vjp(z, -y / p)": softmax_vjp(logits, -y / p),
    "softmax_cross_entropy": softmax_cross_entropy(logits[None, :], [target]).gradient[0],
}
print(f"p - y = {show(p - y)}")
for name, value in checks.items():
    print(f"{name:<24} max |difference from p - y| = {np.abs(value - (p - y)).max():.1e}")
print(f"J symmetric: {np.allclose(jacobian, jacobian.T)}, "
      f"rows sum to 0: {np.allclose(jacobian.sum(axis=1), 0.0)}")

# %% [markdown] id="binary-md" lang="ko"
# ## 4. 클래스가 둘이면 소프트맥스는 시그모이드
#
# 로짓이 두 개이면
# $\operatorname{softmax}(z_1, z_2)_1 = 1 / (1 + e^{z_2 - z_1}) = \sigma(z_1 - z_2)$입니다. 즉 두
# 클래스 소프트맥스의 출력은 로짓 차이에 대한 시그모이드(sigmoid) 출력이고, 시그모이드 유닛 하나에
# 이진 교차 엔트로피를 쓰는 것은 매개변수 벡터가 하나 적은 같은 모델입니다. 또 소프트맥스는 각
# 로짓에 대해 단조(monotone)이므로 예측 클래스 $\arg\max_i p_i$는 그냥 $\arg\max_i z_i$입니다.
# 학습하거나 확률을 보고할 때가 아니라 *예측*만 할 때는 소프트맥스를 건너뛰어도 됩니다.

# %% [markdown] id="binary-md" lang="en"
# ## 4. Two classes: softmax is the sigmoid
#
# For two logits,
# $\operatorname{softmax}(z_1, z_2)_1 = 1 / (1 + e^{z_2 - z_1}) = \sigma(z_1 - z_2)$, so a two-class
# softmax output is a sigmoid output of the logit difference, and binary cross-entropy on a single
# sigmoid unit is the same model with one parameter vector fewer. And since softmax is monotone in
# each logit, the predicted class $\arg\max_i p_i$ is simply $\arg\max_i z_i$: to *predict* (rather
# than to train or report probabilities) the softmax can be skipped.

# %% id="binary"
pairs = rng.normal(scale=3.0, size=(1000, 2))
two_class = softmax(pairs, axis=1)[:, 0]
print("softmax([a, b])[0] == sigmoid(a - b):",
      np.allclose(two_class, sigmoid(pairs[:, 0] - pairs[:, 1]), rtol=1e-12, atol=0))
scores = rng.normal(size=(1000, 7))
print("argmax(softmax(z)) == argmax(z):",
      bool(np.all(softmax(scores, axis=1).argmax(axis=1) == scores.argmax(axis=1))))

# %% [markdown] id="summary-md" lang="ko"
# ## 이 실험이 보여 주는 것과 보여 주지 않는 것

# %% [markdown] id="summary-md" lang="en"
# ## What this shows, and what it does not

# %% id="summary"
with np.errstate(over="ignore", invalid="ignore"):
    naive_nan = np.isnan(naive_softmax(np.array([1000.0, 1001.0, 1002.0]))).all()
print(f"naive softmax of [1000, 1001, 1002] is all nan: {naive_nan}; "
      f"stable softmax sums to {softmax(np.array([1000.0, 1001.0, 1002.0])).sum():.15g}")
print(f"largest deviation of the numerical gradient from p - y: "
      f"{np.abs(numerical - (p - y)).max():.1e}")
for T in (0.1, 100.0):
    print(f"entropy at T = {T:g}: {-np.sum(softmax(z / T) * log_softmax(z / T)):.4f}")
print(f"ln 4 = {np.log(4):.4f}")

# %% [markdown] id="conclusion" lang="ko"
# **보여 주는 것.** 소프트맥스는 로짓을 확률 벡터로 바꾸는 매끄럽고 순서를 보존하는 사상이며, 온도는
# 이를 arg max($T \to 0$)와 균등 분포($T \to \infty$) 사이에서 움직입니다. 교과서 식은 평범한
# 로짓에서도 오버플로되거나 0을 0으로 나누지만, 최댓값을 빼는 형태는 올바른 답을 주고,
# `log(softmax(z))`가 실패하는 곳에서도 `log_softmax`는 유한합니다. 소프트맥스 교차 엔트로피의
# 로짓에 대한 기울기는 $p - y$이며, 여기서 서로 독립적인 세 가지 방법으로 중앙 차분의 정확도 안에서
# 확인했습니다.
#
# **보여 주지 않는 것.** 소프트맥스가 내놓는 확률이 저절로 *보정(calibration)*되어 있는 것은
# 아닙니다. 신경망은 확신에 차서 틀릴 수 있고, 검증 데이터로 온도를 맞추는 온도 스케일링(temperature
# scaling)이 흔한 해법이지만 이 노트북에서 검증하지는 않았습니다. 원래 노트의 "클래스마다 출력 하나,
# 가장 큰 값이 이긴다"는 설명은 예측에는 맞지만, 학습에 쓰이는 것은 arg max가 아니라 확률 그
# 자체입니다.

# %% [markdown] id="conclusion" lang="en"
# **What this shows.** Softmax is a smooth, order-preserving map from logits to a probability
# vector; a temperature moves it between arg max ($T \to 0$) and uniform ($T \to \infty$). The
# textbook formula overflows or divides 0 by 0 for ordinary logits, while the max-shifted form gives
# the right answer, and `log_softmax` stays finite where `log(softmax(z))` does not. The gradient of
# softmax cross-entropy with respect to the logits is $p - y$, confirmed here three independent ways
# to within the accuracy of a central difference.
#
# **What it does not show.** Probabilities from a softmax are not automatically *calibrated*: a
# network can be confidently wrong, and temperature scaling on held-out data is a common fix, not
# something this notebook tests. The source notes' description of softmax as "one output per class,
# the largest wins" is correct for prediction, but it is the probabilities themselves, not their arg
# max, that training uses.
