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

z = np.array([2.0, 1.0, 0.1, -1.0])

# %% [markdown] id="temperature-md"
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

# %% [markdown] id="plot-temperature-md"
# The probability of each of the four classes as the temperature varies (logarithmic axis); the
# dashed line is the uniform probability $\tfrac14$.

# %% id="plot-temperature"
temperatures = np.geomspace(0.05, 50, 200)
probabilities = np.array([softmax(z / T) for T in temperatures])
fig, ax = plt.subplots(figsize=(6.5, 3.6))
for i, color in enumerate(["#0072B2", "#D55E00", "#009E73", "#CC79A7"]):
    ax.plot(temperatures, probabilities[:, i], color=color, label=f"$z_{i} = {z[i]:g}$")
ax.axhline(1 / z.size, color="#555555", linestyle="--", linewidth=1, label="uniform 1/4")
ax.set_xscale("log")
ax.set_xlabel("temperature T")
ax.set_ylabel("softmax(z / T)")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown] id="overflow-md"
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

# %% [markdown] id="log-md"
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

# %% [markdown] id="gradient-md"
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

# %% [markdown] id="binary-md"
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

# %% [markdown] id="summary-md"
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

# %% [markdown] id="conclusion"
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
