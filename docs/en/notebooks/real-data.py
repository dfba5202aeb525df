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

digits = load_digits()
images, labels = digits.data / 16.0, digits.target
order = np.random.default_rng(0).permutation(len(labels))
train, test = order[:1000], order[1000:]
print(f"{len(train)} training images, {len(test)} test images, {images.shape[1]} pixels each")

# %% [markdown] id="setup-md"
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

# %% [markdown] id="curves-md"
# Mean over the five seeds, with a band of $\pm$ one standard deviation (leaky ReLU dashed: its
# curves lie on top of ReLU's):

# %% id="plot-curves"
epochs = np.arange(1, EPOCHS + 1)
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
for activation, c in curves.items():
    for ax, key in ((left, "loss"), (right, "accuracy")):
        mean, std = c[key].mean(axis=1), c[key].std(axis=1)
        ax.fill_between(epochs, mean - std, mean + std, color=COLORS[activation], alpha=0.2,
                        linewidth=0)
        ax.plot(epochs, mean, color=COLORS[activation], marker="o", markersize=3,
                linestyle="--" if activation == "leaky_relu" else "-", label=activation)
left.set_yscale("log")
left.set_ylabel("training loss (cross-entropy)")
right.set_ylabel("test accuracy")
right.set_ylim(0.25, 1.0)
for ax in (left, right):
    ax.set_xlabel("epoch")
right.legend(loc="lower right", fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown] id="claims-md"
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

# %% [markdown] id="dead-md"
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

# %% [markdown] id="summary-md"
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

# %% [markdown] id="conclusion"
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
