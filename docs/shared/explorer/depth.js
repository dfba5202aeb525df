// Depth x initialisation: the notebooks' experiment (docs/notebooks/vanishing-
// gradients.py) in the browser. A network of `depth` hidden layers of `width`
// units, a linear output layer of `classes` with softmax cross-entropy on
// `batch` standard normal inputs with random labels, weights from a seeded
// generator (zero biases); one forward and one backward pass per seed. Per
// hidden layer: the std of a_l = f(z_l), ||delta_l|| = ||dL/dz_l|| (Frobenius)
// and the fraction of units with f'(z_l) = 0 on every sample. The generator is
// not NumPy's, so agreement with the package (build/explorer/depth.json) is
// statistical: tests/browser/test_explorer_depth.py.
import { FUNCTIONS } from "./functions.js";

// mulberry32 for uniforms, Box-Muller for normals.
function generator(seed) {
  let a = Math.imul(seed + 1, 0x9e3779b9) >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare = null;
  const normal = () => {
    if (spare !== null) return [spare, (spare = null)][0];
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const t = 2 * Math.PI * uniform();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
  return { uniform, normal };
}

const VARIANCE = { xavier: (i, o) => 2 / (i + o), he: (i) => 2 / i, lecun: (i) => 1 / i };
const KEYS = ["fn", "init", "gain", "depth", "width", "seeds"];

// One network; yields after every layer so that a caller can spread the work.
export function* network(s, seed) {
  const { f, d } = FUNCTIONS[s.fn];
  const g = generator(seed);
  const n = s.batch, L = s.depth;
  const sizes = [...Array(L + 1).fill(s.width), s.classes];
  let a = Float64Array.from({ length: n * s.width }, g.normal);
  const labels = Array.from({ length: n }, () => Math.floor(g.uniform() * s.classes));
  const weights = [], slopes = [], std = [], dead = [], norms = [];
  let z;
  for (let l = 0; l <= L; l++) {
    const fi = sizes[l], fo = sizes[l + 1];
    const sd = s.gain * Math.sqrt(VARIANCE[s.init](fi, fo));
    const W = Float64Array.from({ length: fi * fo }, () => sd * g.normal());
    weights.push(W);
    z = new Float64Array(n * fo);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < fi; k++) {
        const v = a[i * fi + k];
        if (v === 0) continue;
        for (let j = 0, r = k * fo, o = i * fo; j < fo; j++) z[o + j] += v * W[r + j];
      }
    }
    if (l === L) break;
    a = z.map((v) => f(v, s.p));
    const slope = z.map((v) => d(v, s.p));
    slopes.push(slope);
    let mean = 0, sq = 0, never = 0;
    for (const v of a) mean += v;
    mean /= a.length;
    for (const v of a) sq += (v - mean) ** 2;
    std.push(Math.sqrt(sq / a.length));
    for (let j = 0; j < fo; j++) {
      let off = 1;
      for (let i = 0; i < n && off; i++) off = slope[i * fo + j] === 0;
      never += off;
    }
    dead.push(never / fo);
    yield;
  }
  // dL/dz_L = (softmax(z_L) - onehot) / n, then delta_{l-1} = (delta_l W_l^T) * f'(z_{l-1}).
  const C = s.classes;
  let delta = new Float64Array(n * C);
  for (let i = 0; i < n; i++) {
    const row = z.subarray(i * C, i * C + C);
    const top = Math.max(...row);
    let sum = 0;
    for (const v of row) sum += Math.exp(v - top);
    for (let c = 0; c < C; c++) delta[i * C + c] = (Math.exp(row[c] - top) / sum - (c === labels[i])) / n;
  }
  for (let l = L; l >= 1; l--) {
    const W = weights[l], slope = slopes[l - 1], fi = sizes[l], fo = sizes[l + 1];
    const next = new Float64Array(n * fi);
    let sq = 0;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < fi; k++) {
        let t = 0;
        for (let j = 0, r = k * fo, o = i * fo; j < fo; j++) t += delta[o + j] * W[r + j];
        t *= slope[i * fi + k];
        next[i * fi + k] = t;
        sq += t * t;
      }
    }
    delta = next;
    norms[l - 1] = Math.sqrt(sq);
    yield;
  }
  return { std, delta: norms, dead };
}

// Per layer over seeds: mean and sd (n - 1) of log10 std and log10 ||delta||,
// their range, and the mean and largest never-active fraction.
export function summarise(runs) {
  const over = (key, map) => runs[0][key].map((_, l) => {
    const v = runs.map((r) => map(r[key][l]));
    const mean = v.reduce((x, y) => x + y, 0) / v.length;
    const sd = v.length > 1 ? Math.sqrt(v.reduce((x, y) => x + (y - mean) ** 2, 0) / (v.length - 1)) : 0;
    return { mean, sd, lo: Math.min(...v), hi: Math.max(...v) };
  });
  return { logstd: over("std", Math.log10), logdelta: over("delta", Math.log10), dead: over("dead", (x) => x) };
}

export function simulate(s) {
  const runs = [];
  for (let k = 0; k < s.seeds; k++) {
    const it = network(s, k);
    let r;
    while (!(r = it.next()).done);
    runs.push(r.value);
  }
  return summarise(runs);
}

// ?dp=fn:init:gain:depth:width:seeds; each bad part is reported and takes its default.
export function parseDepth(query, data, fill) {
  const cfg = data.depth;
  const state = { ...cfg.defaults };
  const notes = [];
  if (!query.has("dp")) return { state, notes };
  const parts = query.get("dp").split(":");
  KEYS.forEach((key, i) => {
    const text = parts[i];
    if (text === undefined) return;
    let ok;
    if (key === "fn") ok = data.functions.some((f) => f.id === text);
    else if (key === "init") ok = cfg.inits.includes(text);
    else {
      const [lo, hi] = cfg.limits[key];
      const v = text === "" ? NaN : Number(text);
      ok = v >= lo && v <= hi && (key === "gain" || Number.isInteger(v));
      if (ok) state[key] = v;
    }
    if (ok && (key === "fn" || key === "init")) state[key] = text;
    if (!ok) notes.push(fill(data.ui.baddepth, { k: key, v: `“${text}”`, d: cfg.defaults[key] }));
  });
  return { state, notes, given: true };
}

export function formatDepth(s, data) {
  const same = KEYS.every((k) => s[k] === data.depth.defaults[k]);
  return same ? "" : `&dp=${KEYS.map((k) => s[k]).join(":")}`;
}

// The panel: controls, an SVG chart (log scale), a table, a summary announced.
export function depthPanel(box, s, data, { h, ui, fmt, fill, ticks, announce, changed, start }) {
  const cfg = data.depth;
  const lang = data.language;
  const g3 = (v) => fmt(Number(v.toPrecision(3)));
  const byId = new Map(data.functions.map((f) => [f.id, f]));
  const field = (key, label, change) => {
    const id = `dp-${key}`;
    const error = h("p", { class: "ex-error", id: `${id}-error`, hidden: true });
    const [lo, hi] = cfg.limits[key] ?? [];
    const input = key === "fn"
      ? h("select", { id }, data.families.map((fam) => h("optgroup", { label: fam[lang] },
        data.functions.filter((f) => f.family === fam.id).map((f) => h("option", { value: f.id, selected: s.fn === f.id }, f[lang])))))
      : key === "init"
        ? h("select", { id }, cfg.inits.map((k) => h("option", { value: k, selected: s.init === k }, ui[k])))
        : h("input", { id, type: "number", min: lo, max: hi, step: key === "gain" ? "any" : 1, value: s[key], "aria-describedby": error.id });
    input.addEventListener("change", () => {
      let v = input.value;
      if (lo !== undefined) {
        v = v === "" ? NaN : Number(v);
        if (!(v >= lo && v <= hi && (key === "gain" || Number.isInteger(v)))) {
          input.setAttribute("aria-invalid", "true");
          error.hidden = false;
          error.textContent = fill(ui.badfield, { p: label, lo, hi });
          return;
        }
      }
      input.removeAttribute("aria-invalid");
      error.hidden = true;
      s[key] = v;
      change();
    });
    return h("div", { class: "ex-param" }, h("label", { for: id }, label), input, error);
  };
  const status = h("p", { class: "ex-status" });
  const caption = h("p", { class: "ex-caption", id: "dp-caption" }, ui.dchart);
  const svg = h("svg:svg", { class: "ex-plot-d", role: "img", "aria-labelledby": caption.id });
  const legend = h("ul", { class: "ex-legend" },
    [["ex-c0", ui.spread], ["ex-c1 ex-dashed", ui.delta]].map(([c, t]) => h("li", { class: c }, h("span", { class: "ex-swatch", "aria-hidden": "true" }), t)));
  const summary = h("p", { class: "ex-summary" });
  const tableBox = h("div", {});
  const table = h("details", { class: "ex-table-d", ontoggle: () => render(false) }, h("summary", {}, ui.dtable), tableBox);
  const run = () => compute();
  box.replaceChildren(
    h("div", { class: "ex-depth-controls", role: "group", "aria-label": ui.depth },
      field("fn", ui.activation, run), field("init", ui.init, run), field("gain", ui.gain, run),
      field("depth", ui.layers, run), field("width", ui.width, run), field("seeds", ui.seeds, run)),
    status, h("div", { class: "ex-figure" }, svg, caption, legend), summary, table);

  let token = 0;
  let result = null;
  async function compute() {
    const mine = ++token;
    box.dataset.run = "running";
    changed();
    const fn = byId.get(s.fn);
    const settings = { ...s, p: Object.fromEntries(fn.params.map((p) => [p.name, p.default])) };
    const runs = [];
    for (let k = 0; k < s.seeds; k++) {
      status.textContent = fill(ui.running, { i: k + 1, n: s.seeds });
      const it = network(settings, k);
      let r;
      let t0 = performance.now();
      while (!(r = it.next()).done) {
        if (performance.now() - t0 > 20) {
          await new Promise((done) => setTimeout(done));
          if (mine !== token || !box.isConnected) return;
          t0 = performance.now();
        }
      }
      runs.push(r.value);
    }
    await new Promise((done) => setTimeout(done));
    if (mine !== token) return;
    result = summarise(runs);
    status.textContent = "";
    render(true);
    box.result = result;
    box.dataset.run = "done";
  }

  function render(say) {
    if (!result) return;
    const L = result.logstd.length;
    const fn = byId.get(s.fn);
    const series = [result.logstd.map((v) => v.mean), result.logdelta.map((v) => v.mean)];
    const finite = [...series.flat().filter(Number.isFinite), ...(series.flat().some(Number.isFinite) ? [] : [0])];
    let ymin = Math.min(...finite), ymax = Math.max(...finite);
    if (!(ymax - ymin > 0.2)) { ymin -= 0.5; ymax += 0.5; }
    const margin = (ymax - ymin) * 0.05;
    ymin -= margin; ymax += margin;
    // Drawn at the box's width so that the labels keep their size on a phone.
    const W = Math.round(Math.min(Math.max(svg.parentElement.clientWidth, 300), 900)) || 640;
    const H = Math.round(Math.min(Math.max(W * 0.5, 220), 340));
    const pad = { l: 56, r: 12, t: 12, b: 30 };
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const sx = (l) => pad.l + (L > 1 ? (l - 1) / (L - 1) : 0.5) * (W - pad.l - pad.r);
    const sy = (y) => pad.t + ((ymax - y) / (ymax - ymin)) * (H - pad.t - pad.b);
    const grid = [];
    const xt = ticks(1, Math.max(L, 2), Math.min(Math.round(W / 70), L)).filter((t) => Number.isInteger(t) && t >= 1 && t <= L);
    for (const t of xt) grid.push(h("svg:line", { x1: sx(t), x2: sx(t), y1: pad.t, y2: H - pad.b }), h("svg:text", { x: sx(t), y: H - 10, "text-anchor": "middle" }, t));
    // Log scale: 1, 2, 5 times powers of ten within two decades, whole decades beyond.
    const low = Math.floor(ymin);
    const yt = ymax - ymin < 2
      ? Array.from({ length: Math.ceil(ymax) - low + 1 }, (_, i) => [1, 2, 5].map((m) => low + i + Math.log10(m))).flat().filter((t) => t >= ymin && t <= ymax)
      : ticks(ymin, ymax, 5).filter(Number.isInteger);
    const label = (t) => Math.abs(t) < 4 ? g3(10 ** t) : (10 ** t).toExponential(0).replace("+", "").replace("-", "−");
    for (const t of yt) grid.push(h("svg:line", { x1: pad.l, x2: W - pad.r, y1: sy(t), y2: sy(t) }), h("svg:text", { x: pad.l - 6, y: sy(t) + 4, "text-anchor": "end" }, label(t)));
    const paths = series.map((ys, i) => {
      let d = "";
      ys.forEach((y, l) => { if (Number.isFinite(y)) d += `${d ? "L" : "M"}${sx(l + 1).toFixed(1)} ${sy(y).toFixed(1)}`; });
      return h("svg:path", { d, class: `ex-c${i} ex-${i ? "d" : "f"}` });
    });
    svg.replaceChildren(h("svg:g", { class: "ex-grid" }, grid), ...paths);
    const rect = cfg.rectifiers.includes(s.fn);
    const at = (v) => g3(10 ** v.mean);
    const k = 10 ** ((result.logdelta[0].mean - result.logdelta[L - 1].mean) / Math.max(L - 1, 1));
    let text = fill(ui.dsummary, { f: fn[lang], i: ui[s.init].split(":")[0], g: fmt(s.gain), k: L > 1 && Number.isFinite(k) ? g3(k) : "—", a: at(result.logstd[0]), L, b: at(result.logstd[L - 1]) });
    if (rect) text += fill(ui.ddead, { d: `${g3(100 * Math.max(...result.dead.map((v) => v.mean)))}%` });
    summary.textContent = text;
    if (say) announce(text);
    if (!table.open) return tableBox.replaceChildren();
    const cell = (v) => h("td", {}, `${at(v)} (${g3(10 ** v.lo)} – ${g3(10 ** v.hi)})`);
    tableBox.replaceChildren(h("div", { class: "ex-scroll", tabindex: "0", role: "region", "aria-label": ui.dtable },
      h("table", {}, h("caption", {}, fill(ui.dcaption, { n: s.seeds })),
        h("thead", {}, h("tr", {}, [ui.layer, ui.spread, ui.delta, ...(rect ? [ui.dead] : [])].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, result.logstd.map((v, l) => h("tr", {}, h("th", { scope: "row" }, l + 1), cell(v), cell(result.logdelta[l]),
          rect ? h("td", {}, `${g3(100 * result.dead[l].mean)}%`) : null))))));
  }

  box.dataset.run = "idle";
  start(compute);
  return { compute };
}
