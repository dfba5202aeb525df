"""Time every activation (and its derivative) against SciPy and single-thread PyTorch.

A script, not a test: timings depend on the machine. Run from the repository root::

    uv run python scripts/benchmark.py                       # 1e6 and 1e7, float64/float32
    uv run python scripts/benchmark.py --sizes 1e6 --repeats 5 --only sigmoid gelu
    uv run python scripts/benchmark.py --memory --sizes 1e8 --dtypes float32 --only gelu softmax

With PyTorch available (it is not a dependency of the project), e.g. in a
scratch environment::

    python3 -m venv /tmp/torchvenv
    /tmp/torchvenv/bin/pip install torch numpy scipy
    PYTHONPATH=src /tmp/torchvenv/bin/python scripts/benchmark.py

Every number is the median wall time of ``--repeats`` (at least 5) calls in
this process after one warm-up call, on seeded N(0, 5^2) input (rows of 1000
for the vector functions). Baselines: ``scipy.special.expit``, ``log_expit``,
``softmax``, ``log_softmax`` and a GELU built from ``scipy.special.erf``
(``0.5 x (1 + erf(x / sqrt 2))``); PyTorch's ``torch.nn.functional``
equivalents with ``torch.set_num_threads(1)``. For derivatives the PyTorch
column is the backward pass alone (``torch.autograd.grad`` on a graph kept from
one forward call), the closest thing PyTorch has to a derivative function.
Ratios are ours / baseline (lower is better).

``--memory`` measures instead the peak extra memory of one call of each
function (and derivative or vjp), as traced by :mod:`tracemalloc` (NumPy
reports its array allocations to it), in bytes and as a multiple of the input
size, next to the size of the result.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy
from scipy import special

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from activations.registry import REGISTRY

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    torch = None

ROW = 1000  # row length for softmax, log_softmax, glu, swiglu

SCIPY_BASELINES: dict[str, Callable] = {
    "sigmoid": special.expit,
    "log_sigmoid": special.log_expit,
    "softmax": lambda x: special.softmax(x, axis=-1),
    "log_softmax": lambda x: special.log_softmax(x, axis=-1),
    "gelu": lambda x: 0.5 * x * (1.0 + special.erf(x * (1.0 / math.sqrt(2.0)))),
}


def torch_forward(name: str) -> Callable | None:
    if torch is None:
        return None
    table = {
        "identity": lambda t: t.clone(),
        "binary_step": lambda t: torch.heaviside(t, torch.ones((), dtype=t.dtype)),
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "hard_sigmoid": F.hardsigmoid,
        "hard_tanh": F.hardtanh,
        "relu": torch.relu,
        "relu6": F.relu6,
        "leaky_relu": F.leaky_relu,
        "prelu": lambda t: F.prelu(t, torch.full((1,), 0.25, dtype=t.dtype)),
        "elu": F.elu,
        "selu": F.selu,
        "celu": F.celu,
        "softplus": F.softplus,
        "softsign": F.softsign,
        "gelu": F.gelu,
        "gelu_tanh": lambda t: F.gelu(t, approximate="tanh"),
        "silu": F.silu,
        "hard_swish": F.hardswish,
        "mish": F.mish,
        "log_sigmoid": F.logsigmoid,
        "softmax": lambda t: torch.softmax(t, dim=-1),
        "log_softmax": lambda t: torch.log_softmax(t, dim=-1),
        "glu": lambda t: F.glu(t, dim=-1),
        "swiglu": lambda t: F.silu(t[..., : t.shape[-1] // 2]) * t[..., t.shape[-1] // 2 :],
    }
    return table.get(name)


def median_time(call: Callable[[], object], repeats: int) -> float:
    call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cases(only: set[str] | None):
    """(id, kind, ours(x), scipy(x) or None, torch f or None, vector?) for each function."""
    for entry_id, a in REGISTRY.items():
        if only and entry_id not in only:
            continue
        vector = a.kind == "vector"
        yield (
            entry_id,
            "f",
            a.function,
            SCIPY_BASELINES.get(entry_id),
            torch_forward(entry_id),
            vector,
        )
        if vector:
            out_last = ROW // 2 if entry_id in ("glu", "swiglu") else ROW

            def vjp(x, _a=a, _n=out_last):
                v = np.ones((*x.shape[:-1], _n), dtype=x.dtype)
                return _a.vjp(x, v)

            yield entry_id, "vjp", vjp, None, torch_forward(entry_id), vector
        else:
            # The backward of torch's identity (a clone) hands the incoming
            # gradient through without computing anything: no baseline there.
            baseline = None if entry_id == "identity" else torch_forward(entry_id)
            yield entry_id, "f'", a.derivative, None, baseline, vector


def torch_time(fn: Callable, x: np.ndarray, kind: str, repeats: int) -> float | None:
    t = torch.from_numpy(x)
    if kind == "f":
        with torch.no_grad():
            return median_time(lambda: fn(t), repeats)
    leaf = t.clone().requires_grad_(True)
    y = fn(leaf)
    grad = torch.ones_like(y)
    try:
        return median_time(lambda: torch.autograd.grad(y, leaf, grad, retain_graph=True), repeats)
    except RuntimeError:
        # No backward for this op (torch.heaviside): no baseline.
        return None


def fmt_ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1e3:.1f}"


def fmt_ratio(a: float, b: float | None) -> str:
    return "-" if b is None else f"{a / b:.2f}"


def peak_bytes(call: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def memory(sizes: list[float], dtypes: list[str], only: set[str] | None) -> None:
    print("| function | | n | dtype | input MB | result MB | peak extra MB | peak / input |")
    print("|---|---|---:|---|---:|---:|---:|---:|")
    rng = np.random.default_rng(0)
    for size in sizes:
        n = int(size)
        for dtype in dtypes:
            flat = rng.normal(0.0, 5.0, size=n).astype(dtype)
            rows = flat.reshape(-1, ROW)
            for entry_id, kind, ours, _, _, vector in cases(only):
                x = rows if vector else flat
                # The cotangent of a vjp is made inside the call: made once here
                # instead, so that only the function's own memory is traced.
                if kind == "vjp":
                    a = REGISTRY[entry_id]
                    v = np.ones((*x.shape[:-1], a.function(x[:1]).shape[-1]), dtype=x.dtype)
                    call, result = (lambda a=a, x=x, v=v: a.vjp(x, v)), x
                else:
                    call, result = (lambda f=ours, x=x: f(x)), ours(x[:2])
                result_mb = (x.size * result.itemsize * (result.shape[-1] / x[:2].shape[-1])
                             / 1e6)
                peak = peak_bytes(call)
                print(f"| {entry_id} | {kind} | {n:.0e} | {dtype} | {x.nbytes / 1e6:.0f} | "
                      f"{result_mb:.0f} | {peak / 1e6:.0f} | {peak / x.nbytes:.2f} |", flush=True)
            del flat, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e6, 1e7])
    parser.add_argument("--dtypes", nargs="+", default=["float64", "float32"])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", nargs="+", help="registry ids to time (default: all)")
    parser.add_argument("--memory", action="store_true", help="peak traced memory, not time")
    args = parser.parse_args()
    if args.memory:
        memory(args.sizes, args.dtypes, set(args.only) if args.only else None)
        return
    repeats = max(5, args.repeats)
    if torch is not None:
        torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    versions = f"numpy {np.__version__}, scipy {scipy.__version__}"
    if torch is not None:
        versions += f", torch {torch.__version__} (1 thread)"
    print(f"# median of {repeats} runs; {versions}")
    print("| function | | n | dtype | ours ms | scipy ms | ours/scipy | torch ms | ours/torch |")
    print("|---|---|---:|---|---:|---:|---:|---:|---:|")
    summary = []
    for size in args.sizes:
        n = int(size)
        base = rng.normal(0.0, 5.0, size=n)
        for dtype in args.dtypes:
            flat = base.astype(dtype)
            rows = flat.reshape(-1, ROW)
            for entry_id, kind, ours, scipy_fn, torch_fn, vector in cases(
                set(args.only) if args.only else None
            ):
                x = rows if vector else flat
                t_ours = median_time(lambda ours=ours, x=x: ours(x), repeats)
                t_scipy = (
                    median_time(lambda f=scipy_fn, x=x: f(x), repeats)
                    if scipy_fn is not None and kind == "f"
                    else None
                )
                t_torch = torch_time(torch_fn, x, kind, repeats) if torch_fn is not None else None
                print(
                    f"| {entry_id} | {kind} | {n:.0e} | {dtype} | {fmt_ms(t_ours)} | "
                    f"{fmt_ms(t_scipy)} | {fmt_ratio(t_ours, t_scipy)} | {fmt_ms(t_torch)} | "
                    f"{fmt_ratio(t_ours, t_torch)} |",
                    flush=True,
                )
                if n == 10**7 and dtype == "float64":
                    summary.append((entry_id, kind, t_ours, t_scipy, t_torch))
    if summary:
        print("\n# targets at n = 1e7, float64: within 3x of SciPy, within 4x of PyTorch")
        missed = 0
        for entry_id, kind, t_ours, t_scipy, t_torch in summary:
            misses = []
            if t_scipy is not None and t_ours > 3 * t_scipy:
                misses.append(f"{t_ours / t_scipy:.2f}x SciPy")
            if t_torch is not None and t_ours > 4 * t_torch:
                misses.append(f"{t_ours / t_torch:.2f}x PyTorch")
            if misses:
                missed += 1
                print(f"- {entry_id} {kind}: misses ({', '.join(misses)})")
        print(
            f"- {len(summary) - missed} of {len(summary)} timed cases meet the targets "
            "(cases without a baseline count as meeting them)"
        )


if __name__ == "__main__":
    main()
