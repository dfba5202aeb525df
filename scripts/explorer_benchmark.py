"""Benchmark (not a test): how long the explorer takes to redraw while a slider is dragged.

Usage: ``uv run python scripts/explorer_benchmark.py [--site-dir /tmp/explorer-site]``
(build first with ``SITE_URL=http://127.0.0.1:8123/ uv run python
scripts/build_site.py --site-dir /tmp/explorer-site``).

Serves the built site (gzip, the site's CSP), opens the explorer in Debian's
chromium with four curves (f and f' each: 8 paths), then moves a slider step by
step as a drag does: one ``input`` event per animation frame, 300 frames. The
page records each redraw with the Performance API (the ``explorer:redraw``
measure in docs/shared/explorer/explorer.js) and each input event's own work
(``explorer:input``: the card's formula and readout); this prints the median,
p95 and maximum of each and of their sum per step, and the gzip size of the
explorer's JavaScript and CSS. A frame at 60 Hz is 16.7 ms: the p95 of the
sum must stay below it.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
from pathlib import Path

from activations_site import local_site

VIEW = "explorer/?fn=leaky_relu:fd,elu:fd,silu:fd,softplus:fd&x=-6,6"
STEPS = 300
DRAG = """async ([id, steps]) => {
    const slider = document.getElementById(id);
    performance.clearMeasures("explorer:redraw");
    performance.clearMeasures("explorer:input");
    const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
    const [lo, hi] = [Number(slider.min), Number(slider.max)];
    for (let i = 0; i < steps; i++) {
        slider.value = String(lo + ((hi - lo) * (i % 100)) / 100);
        slider.dispatchEvent(new Event("input", { bubbles: true }));
        await frame();
    }
    await frame();
    const durations = (name) => performance.getEntriesByName(name).map(e => e.duration);
    return [durations("explorer:input"), durations("explorer:redraw")];
}"""


def summary(label: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    median = statistics.median(times)
    print(f"  {label}: {len(times)}, median {median:.2f}  p95 {p95:.2f}  max {times[-1]:.2f}")


def gzip_sizes(site: Path) -> dict[str, int]:
    folder = site / "assets" / "explorer"
    return {
        p.name: len(gzip.compress(p.read_bytes(), compresslevel=local_site.GZIP_LEVEL))
        for p in sorted(folder.glob("*.[jc]s*"))
        if p.suffix in (".js", ".css")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=Path("/tmp/explorer-site"))
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = local_site.serve(args.site_dir, args.port, gzip=True)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(local_site.CHROMIUM), args=local_site.CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + VIEW)
            page.wait_for_selector("#explorer[data-ready=true]")
            inputs, redraws = page.evaluate(DRAG, ["ex-silu-beta", STEPS])
            browser.close()
    finally:
        server.shutdown()
    print("4 curves, f and f' each, one slider step per frame; ms:")
    summary("input (formula, readout)", inputs)
    summary("redraw (curves)", redraws)
    if len(inputs) == len(redraws):
        summary("per step (both)", [a + b for a, b in zip(inputs, redraws, strict=True)])
    sizes = gzip_sizes(args.site_dir)
    for name, size in sizes.items():
        print(f"  {name}: {size} B gzip")
    print(f"explorer JS + CSS: {sum(sizes.values())} B gzip (budget 20,480)")


if __name__ == "__main__":
    main()
