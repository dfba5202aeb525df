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
# # Vanishing gradients, measured
#
# Backpropagation multiplies the gradient by $W_l^\top$ and by the activation's derivative $f'(z_l)$
# once per layer. If those factors are typically below 1, the gradient reaching the first layers
# shrinks geometrically with depth. This notebook measures the gradient norm of every layer of a
# 20-hidden-layer network at initialisation, for five activations with their usual initialisations,
# and sets the measured decay next to the bound $\sigma'(z) \le \tfrac14$.

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
# ## The experiment
#
# Inputs are $128$ standard normal vectors of width $32$ with random labels among $10$ classes; the
# network has $20$ hidden layers of width $32$ and a linear output layer trained with softmax
# cross-entropy, so there are $21$ weight matrices. For each activation we build $10$ networks
# (seeds $0$ to $9$), run one forward and one backward pass, and record
# $\lVert \partial L / \partial W_l \rVert$ (Frobenius norm) for every layer $l$, the derivative
# values $f'(z_l)$ and the spectral norm $\lVert W_l \rVert_2$ of the weights. Layer 1 is next to
# the input, layer 21 is the output layer.

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
# Norms are geometric means over the $10$ seeds. The *factor per layer* is
# $(\lVert \partial L/\partial W_1\rVert / \lVert \partial L/\partial W_{20}\rVert)^{1/19}$, the
# average rate at which the gradient shrinks (below 1) or grows (above 1) per hidden layer, from the
# last hidden layer back to the first. In the plot, lines are the geometric means and bands the
# range over seeds; the dashed line is a decay by exactly $\tfrac14$ per layer, started at sigmoid's
# value in layer 20.

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
# ## The $\sigma' \le \tfrac14$ bound
#
# $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$ is largest at $z = 0$, where it equals $\tfrac14$.
# Backpropagation through one hidden layer maps $\delta_l$ to
# $\delta_{l-1} = (\delta_l W_l^\top) \odot f'(z_{l-1})$, so
#
# $$
# \lVert \delta_{l-1} \rVert
# \le \lVert W_l \rVert_2 \cdot \max_z f'(z) \cdot \lVert \delta_l \rVert .
# $$
#
# The bound $\tfrac14$ alone is therefore *not* a bound on the per-layer factor: it must be
# multiplied by the weights' spectral norm, which for a square Xavier-normal matrix is close to 2.
# The table compares that worst case with what the network actually does. The "mean $f'$" column is
# the average derivative over all hidden units, samples and seeds.

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
axes[0].set_ylabel("fraction")
fig.tight_layout()
plt.show()

# %% [markdown] id="summary-md"
# ## What this shows, and what it does not

# %% id="summary"
for activation, m in measured.items():
    print(f"{activation:<8} gradient factor per layer {m['factor']:.3f}, "
          f"first/last layer gradient ratio {m['mean_norms'][0] / m['mean_norms'][-1]:.1e}, "
          f"mean f' {m['mean_slope']:.3f}")
sigmoid = measured["sigmoid"]
print(f"sigmoid: measured factor {sigmoid['factor']:.3f} vs max sigma' = 0.25 "
      f"and worst case max sigma' * |W|_2 = {sigmoid['sup'] * sigmoid['spectral'].mean():.3f}")

# %% [markdown] id="conclusion"
# **What this shows.** With sigmoid the gradient does vanish: it shrinks by a roughly constant
# factor per layer, so the first layer of this network receives a gradient many orders of magnitude
# smaller than the last. The measured factor is close to the mean of $\sigma'$, well below the worst
# case $\tfrac14 \lVert W \rVert_2$, because a random $W^\top$ barely changes the norm of a typical
# vector even though its largest singular value is about 2. With tanh and Xavier initialisation, and
# with ReLU, GELU and SELU under their own initialisations, the factor per layer stays near 1 and
# the first and last layers receive gradients of comparable size. The slogan "sigmoid and tanh have
# gradients below 1, so they vanish" is half right: tanh's derivative is below 1, yet at this depth
# and with this initialisation its gradient barely decays.
#
# **What it does not show.** This is a snapshot at initialisation on random data. During training
# the pre-activations grow and drift, tanh units saturate and their derivatives drop, and ReLU units
# can die; the factor then changes. The statement is about one depth, one width and one
# initialisation per activation: sigmoid with a larger initial scale, or tanh with a much deeper
# stack, would look different. Gradient norms also say nothing about whether a network with healthy
# gradients learns the task well.
