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

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
GATES = {
    "AND": np.array([0, 0, 0, 1], dtype=float),
    "OR": np.array([0, 1, 1, 1], dtype=float),
    "XOR": np.array([0, 1, 1, 0], dtype=float),
}

# %% [markdown] id="perceptron-md"
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

# %% [markdown] id="xor-proof"
# XOR never converges, and no amount of training could fix that. Suppose $w_1, w_2, b$ classified
# all four points (output 1 when $w^\top x + b > 0$):
#
# $$b \le 0,\qquad w_1 + b > 0,\qquad w_2 + b > 0,\qquad w_1 + w_2 + b \le 0.$$
#
# Adding the two middle inequalities gives $w_1 + w_2 + 2b > 0$, so $w_1 + w_2 + b > -b \ge 0$,
# contradicting the last one. (With the convention $H(0) = 1$ the inequalities swap strict and
# non-strict; the contradiction is the same.)

# %% [markdown] id="collapse-md"
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

# %% [markdown] id="deep-linear-md"
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

# %% [markdown] id="nonlinear-md"
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

# %% [markdown] id="boundaries-md"
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
        status = "solved" if results[hidden, activation]["correct"][0] else "not solved"
        ax.set_title(f"2-{hidden}-1 {activation}\n{status}")
        ax.set_aspect("equal")
        ax.grid(False)
fig.tight_layout()
plt.show()

# %% [markdown] id="summary-md"
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

# %% [markdown] id="conclusion"
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
