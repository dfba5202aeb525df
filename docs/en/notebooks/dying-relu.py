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

data = np.random.default_rng(0)
x = data.normal(size=(256, 10))
y = ((x[:, 0] * x[:, 1] + x[:, 2]) > 0).astype(float)[:, None]
SEEDS = range(10)

# %% [markdown] id="sweep-md"
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

# %% [markdown] id="plot-sweep-md"
# The fraction of hidden units that are dead after training (ReLU) or never positive (leaky ReLU),
# against the SGD learning rate, for each initialisation:

# %% id="plot-sweep"
fig, ax = plt.subplots(figsize=(7, 3.8))
styles = {"relu, He": "-", "relu, Xavier": "--", "relu, He, bias -1": ":", "leaky_relu, He": "-."}
markers = {"relu, He": "o", "relu, Xavier": "s", "relu, He, bias -1": "^", "leaky_relu, He": "D"}
for name in SETTINGS:
    key = "dead after" if name.startswith("relu") else "never positive"
    index = 0 if key == "dead after" else 1
    values = np.array([sweep[name, rate]["after"][index] for rate in RATES])
    color = COLORS["leaky_relu"] if name.startswith("leaky") else COLORS["relu"]
    ax.errorbar(RATES, values.mean(axis=1), yerr=values.std(axis=1), capsize=3,
                linestyle=styles[name], marker=markers[name], markersize=4, color=color,
                label=f"{name}: {key}")
ax.set_xlabel("SGD learning rate")
ax.set_ylabel("fraction of hidden units")
ax.set_ylim(bottom=-0.02)
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown] id="sweep-read"
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

# %% [markdown] id="positive-md"
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

# %% [markdown] id="plot-positive-md"
# For every hidden unit of the trained networks: on what fraction of the test images is its
# pre-activation positive? A dead unit sits at 0, a unit that is always active at 1.

# %% id="plot-positive"
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.hist(unit_rates, bins=20, range=(0, 1), color=COLORS["relu"],
        weights=np.full(unit_rates.size, 1 / unit_rates.size))
ax.axvline(0.5, color="#222222", linestyle="--", linewidth=1)
ax.set_xlabel("fraction of test images on which the unit's pre-activation is positive")
ax.set_ylabel("fraction of hidden units")
fig.tight_layout()
plt.show()

# %% [markdown] id="summary-md"
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

# %% [markdown] id="conclusion"
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
