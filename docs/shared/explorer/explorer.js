// The explorer page: overlay activations, move their parameters, read values.
// Facts (names, families, defaults, slider ranges, kinks) come from data.json,
// written by the build from the registry (src/activations_site/explorer.py);
// values from functions.js, tested against the package in chromium. The whole
// view lives in the query string: ?fn=elu:fd:alpha=1.5,relu:f&x=-6,6&at=0.5
import { FUNCTIONS } from "./functions.js";
import { formatSoftmax, parseSoftmax, softmaxPanel } from "./softmax.js";
import { depthPanel, formatDepth, parseDepth } from "./depth.js";

const SVG = "http://www.w3.org/2000/svg";
const KINDS = ["f", "d", "fd"];
const TABLE_ROWS = 41;

function h(tag, attrs = {}, ...children) {
  const el = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (v !== false && v != null) el.setAttribute(k, v === true ? "" : v);
  }
  el.append(...children.flat().filter((c) => c != null));
  return el;
}

const fmt = (v) => {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "∞" : "−∞";
  if (v === 0) return "0";
  const a = Math.abs(v);
  const s = a >= 1e-4 && a < 1e6 ? String(Number(v.toPrecision(6))) : v.toExponential(4);
  return s.replace("-", "−");
};
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k]);

// Tick positions: a step of 1, 2 or 5 times a power of ten, about `count` of them.
function tickStep(lo, hi, count) {
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
}

function ticks(lo, hi, count) {
  const step = tickStep(lo, hi, count);
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

// --- state <-> address -----------------------------------------------------

function parseState(search, data) {
  const ui = data.ui;
  const byId = new Map(data.functions.map((f) => [f.id, f]));
  const notes = [];
  const query = new Map(
    search.replace(/^\?/, "").split("&").filter(Boolean).map((part) => {
      const i = part.indexOf("=");
      return i < 0 ? [part, ""] : [part.slice(0, i), decodeURIComponent(part.slice(i + 1))];
    }),
  );
  const state = { curves: [], view: [...data.view], at: 0 };
  const listed = query.has("fn") ? query.get("fn").split(",").filter(Boolean) : ["relu:f", "gelu:f"];
  for (const item of listed) {
    const [id, show = "f", ...assignments] = item.split(":");
    const fn = byId.get(id);
    if (!fn || state.curves.some((c) => c.id === id)) {
      if (!fn) notes.push(fill(ui.badid, { v: `“${id}”` }));
      continue;
    }
    if (state.curves.length >= data.maxCurves) {
      notes.push(fill(ui.toomany, { n: data.maxCurves, v: id }));
      continue;
    }
    const curve = { id, show: KINDS.includes(show) ? show : "f", p: {} };
    if (!KINDS.includes(show)) notes.push(fill(ui.badshow, { v: `“${show}”` }));
    const given = new Map(assignments.map((a) => a.split("=")));
    for (const param of fn.params) {
      const [lo, hi] = param.range;
      curve.p[param.name] = param.default;
      if (!given.has(param.name)) continue;
      const text = given.get(param.name);
      const value = text === "" ? NaN : Number(text);
      if (Number.isFinite(value) && value >= lo && value <= hi) curve.p[param.name] = value;
      else notes.push(fill(ui.badparam, { f: fn[data.language], p: param.name, v: text, lo, hi, d: param.default }));
    }
    for (const name of given.keys()) {
      if (!fn.params.some((p) => p.name === name)) notes.push(fill(ui.badparam, { f: fn[data.language], p: name, v: given.get(name), lo: "", hi: "", d: "—" }));
    }
    state.curves.push(curve);
  }
  if (query.has("x")) {
    const [lo, hi] = query.get("x").split(",").map(Number);
    if (Number.isFinite(lo) && Number.isFinite(hi) && lo < hi && hi - lo >= 1e-3 && Math.max(-lo, hi) <= data.widest) state.view = [lo, hi];
    else notes.push(fill(ui.badview, { v: `“${query.get("x")}”` }));
  }
  const at = Number(query.get("at"));
  state.at = query.has("at") && Number.isFinite(at) ? at : (state.view[0] + state.view[1]) / 2;
  return { state, notes, query };
}

function formatState(state, softmax, depth) {
  const fn = state.curves.map((c) => [c.id, c.show, ...Object.entries(c.p).map(([k, v]) => `${k}=${v}`)].join(":")).join(",");
  const n = (v) => String(Number(v.toPrecision(12)));
  const panel = softmax ? formatSoftmax(softmax) : "";
  return `?fn=${fn}&x=${n(state.view[0])},${n(state.view[1])}&at=${n(state.at)}${panel}${depth ?? ""}`;
}

// --- the explorer ---------------------------------------------------------

function breaksOf(fn, p) {
  return fn.breaks.map((b) => (typeof b === "string" ? p[b] : b));
}

function init(root, data) {
  const ui = data.ui;
  const lang = data.language;
  const byId = new Map(data.functions.map((f) => [f.id, f]));
  const { state, notes, query } = parseState(location.search, data);
  const panelBox = document.getElementById("softmax-panel");
  const softmax = panelBox ? parseSoftmax(query, ui, fill) : null;
  if (softmax) notes.push(...softmax.notes);
  const depthBox = document.getElementById("depth-panel");
  const depth = depthBox ? parseDepth(query, data, fill) : null;
  if (depth) notes.push(...depth.notes);
  const live = h("p", { class: "ex-sr", "aria-live": "polite" });
  let announceTimer = 0;
  const announce = (text) => {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => (live.textContent = text), 250);
  };

  // Picker: checkboxes grouped by family, filtered by the search field.
  const boxes = new Map();
  const groups = data.families.map((family) =>
    h("fieldset", { class: "ex-family" }, h("legend", {}, family[lang]),
      data.functions.filter((f) => f.family === family.id).map((f) => {
        const box = h("input", { type: "checkbox", value: f.id, onchange: () => toggle(f.id, box.checked) });
        boxes.set(f.id, box);
        const other = lang === "ko" ? f.en : f.ko;
        return h("label", { class: "ex-choice", "data-terms": [f.ko, f.en, f.id, ...f.aliases].join(" ").toLowerCase() },
          box, " ", f[lang], h("span", { class: "ex-other", lang: lang === "ko" ? "en" : "ko" }, other));
      })));
  const nomatch = h("p", { class: "ex-note", hidden: true }, ui.nomatch);
  const search = h("input", { type: "search", class: "ex-search", "aria-label": ui.search, placeholder: ui.search, oninput: () => {
    const q = search.value.trim().toLowerCase();
    let any = false;
    for (const label of root.querySelectorAll(".ex-choice")) {
      label.hidden = Boolean(q) && !label.dataset.terms.includes(q);
      any ||= !label.hidden;
    }
    for (const g of groups) g.hidden = !g.querySelector(".ex-choice:not([hidden])");
    nomatch.hidden = any;
  } });
  const picker = h("details", { class: "ex-picker", open: true }, h("summary", {}, ui.functions), search, nomatch, groups);

  // Plot: an SVG the size of its box; role slider for the crosshair.
  const svg = h("svg:svg", { class: "ex-plot", role: "slider", tabindex: "0", "aria-label": ui.plot, "aria-valuemin": "", "aria-valuemax": "" });
  const gridLayer = h("svg:g", { class: "ex-grid" });
  const curveLayer = h("svg:g", {});
  const cross = h("svg:line", { class: "ex-cross" });
  const dotLayer = h("svg:g", {});
  svg.append(gridLayer, curveLayer, cross, dotLayer);
  const rangeText = h("span", { class: "ex-range" });
  const button = (label, text, action) => h("button", { type: "button", class: "md-button ex-button", "aria-label": label, title: label, onclick: action }, text);
  const controls = h("div", { class: "ex-controls", role: "group", "aria-label": ui.range },
    button(ui.zoomin, "+", () => zoom(0.5, mid())), button(ui.zoomout, "−", () => zoom(2, mid())),
    button(ui.left, "←", () => pan(-0.25)), button(ui.right, "→", () => pan(0.25)),
    button(ui.reset, ui.reset, () => setView([...data.view])), rangeText);
  const readout = h("div", { class: "ex-readout", "aria-label": ui.readout, role: "group" });
  const tableBox = h("div", {});
  const table = h("details", { class: "ex-table", ontoggle: () => renderTable() }, h("summary", {}, ui.table), tableBox);
  const cards = h("div", { class: "ex-cards", role: "group", "aria-label": ui.chosen });
  const noteBox = h("div", { class: "ex-notes", role: "status" }, notes.map((n) => h("p", {}, n)));

  root.replaceChildren(noteBox, picker, h("div", { class: "ex-figure" }, svg, controls, readout), cards, table, live);
  root.dataset.ready = "true";

  const mid = () => (state.view[0] + state.view[1]) / 2;
  let size = { w: 640, h: 360 };
  const pad = { l: 48, r: 12, t: 12, b: 28 };
  let scale = null;
  let yfit = null;
  let dragging = false;
  const letGo = () => { dragging = false; redraw(); };

  function sample(fn, kind, p, xs) {
    const g = FUNCTIONS[fn.id][kind];
    return xs.map((x) => g(x, p));
  }

  function draw() {
    const started = performance.now();
    const [lo, hi] = state.view;
    const n = Math.max(200, Math.min(800, Math.round(size.w)));
    const xs = Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
    const series = [];
    state.curves.forEach((c, index) => {
      const fn = byId.get(c.id);
      const breaks = breaksOf(fn, c.p).filter((b) => b > lo && b < hi);
      for (const kind of c.show === "fd" ? ["f", "d"] : [c.show]) {
        const pts = xs.map((x) => [x, FUNCTIONS[c.id][kind](x, c.p)]);
        series.push({ index, kind, pts, breaks, c });
      }
    });
    let ymin = Infinity;
    let ymax = -Infinity;
    for (const s of series) for (const [, y] of s.pts) if (Number.isFinite(y)) { ymin = Math.min(ymin, y); ymax = Math.max(ymax, y); }
    if (!(ymin <= ymax)) { ymin = -1; ymax = 1; }
    if (ymax - ymin < 1e-9 * Math.max(1, Math.abs(ymax))) { ymin -= 1; ymax += 1; }
    // While a slider is dragged the y-range only grows, so the curve moves
    // against fixed axes; released, it fits again. Its ends are multiples of
    // a twentieth of the range (1, 2 or 5 times a power of ten), so a small
    // change of the curves does not rescale the axes at all.
    if (dragging && yfit) { ymin = Math.min(ymin, yfit[0]); ymax = Math.max(ymax, yfit[1]); }
    const margin = (ymax - ymin) * 0.02;
    const ystep = tickStep(ymin - margin, ymax + margin, 20);
    ymin = Math.floor((ymin - margin) / ystep) * ystep;
    ymax = Math.ceil((ymax + margin) / ystep) * ystep;
    yfit = [ymin, ymax];
    const W = size.w, H = size.h;
    const sx = (x) => pad.l + ((x - lo) / (hi - lo)) * (W - pad.l - pad.r);
    const sy = (y) => pad.t + ((ymax - y) / (ymax - ymin)) * (H - pad.t - pad.b);
    scale = { sx, sy, lo, hi, W, H };
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.setAttribute("height", H);

    const grid = [];
    for (const t of ticks(lo, hi, Math.max(3, Math.round(W / 90)))) {
      grid.push(h("svg:line", { x1: sx(t), x2: sx(t), y1: pad.t, y2: H - pad.b, class: t === 0 ? "ex-axis" : null }));
      grid.push(h("svg:text", { x: sx(t), y: H - 8, "text-anchor": "middle" }, fmt(t)));
    }
    for (const t of ticks(ymin, ymax, Math.max(3, Math.round(H / 70)))) {
      grid.push(h("svg:line", { x1: pad.l, x2: W - pad.r, y1: sy(t), y2: sy(t), class: t === 0 ? "ex-axis" : null }));
      grid.push(h("svg:text", { x: pad.l - 6, y: sy(t) + 4, "text-anchor": "end" }, fmt(t)));
    }
    gridLayer.replaceChildren(...grid);

    const clampY = (y) => Math.min(Math.max(sy(y), -1e4), 1e4);
    const paths = [];
    const dots = [];
    for (const s of series) {
      let d = "";
      let pen = false;
      const g = FUNCTIONS[s.c.id][s.kind];
      const jumps = s.breaks.filter((b) => {
        const e = (hi - lo) * 1e-9;
        return Math.abs(g(b - e, s.c.p) - g(b + e, s.c.p)) > (ymax - ymin) * 1e-6;
      });
      let j = 0;
      for (const [x, y] of s.pts) {
        while (j < jumps.length && jumps[j] <= x) {
          const b = jumps[j++];
          const e = (hi - lo) * 1e-12;
          const left = g(b - e, s.c.p);
          if (pen && Number.isFinite(left)) d += `L${sx(b).toFixed(2)} ${clampY(left).toFixed(2)}`;
          dots.push(h("svg:circle", { cx: sx(b), cy: clampY(g(b, s.c.p)), r: 3.5, class: `ex-c${s.index} ex-kink` }));
          const right = g(b + e, s.c.p);
          pen = Number.isFinite(right);
          if (pen) d += `M${sx(b).toFixed(2)} ${clampY(right).toFixed(2)}`;
        }
        if (!Number.isFinite(y)) { pen = false; continue; }
        d += `${pen ? "L" : "M"}${sx(x).toFixed(2)} ${clampY(y).toFixed(2)}`;
        pen = true;
      }
      paths.push(h("svg:path", { d, class: `ex-c${s.index} ex-${s.kind}` }));
    }
    curveLayer.replaceChildren(...paths, ...dots);
    rangeText.textContent = `x ∈ [${fmt(lo)}, ${fmt(hi)}]`;
    drawCross();
    if (table.open) renderTable();
    saveState();
    // Read by scripts/explorer_benchmark.py (p95 of the redraw time).
    performance.measure("explorer:redraw", { start: started });
  }

  function valuesAt(x) {
    return state.curves.map((c) => {
      const fn = byId.get(c.id);
      const f = FUNCTIONS[c.id].f(x, c.p);
      const d = FUNCTIONS[c.id].d(x, c.p);
      return { c, fn, f, d };
    });
  }

  function readingText(x) {
    return `x = ${fmt(x)}; ` + valuesAt(x).map(({ fn, f, d }) => `${fn[lang]}: f = ${fmt(f)}, f′ = ${fmt(d)}`).join("; ");
  }

  function drawCross() {
    if (!scale) return;
    const x = state.at;
    const inside = x >= scale.lo && x <= scale.hi;
    cross.setAttribute("visibility", inside ? "visible" : "hidden");
    cross.setAttribute("x1", scale.sx(x)); cross.setAttribute("x2", scale.sx(x));
    cross.setAttribute("y1", pad.t); cross.setAttribute("y2", scale.H - pad.b);
    const values = valuesAt(x);
    const dots = [];
    if (inside) {
      state.curves.forEach((c, i) => {
        for (const kind of c.show === "fd" ? ["f", "d"] : [c.show]) {
          const y = kind === "f" ? values[i].f : values[i].d;
          if (Number.isFinite(y)) dots.push(h("svg:circle", { cx: scale.sx(x), cy: scale.sy(y), r: 4.5, class: `ex-c${i} ex-dot` }));
        }
      });
    }
    dotLayer.replaceChildren(...dots);
    readout.replaceChildren(h("p", {}, h("strong", {}, `x = ${fmt(x)}`)),
      h("ul", {}, values.map(({ fn, f, d }, i) => h("li", { class: `ex-c${i}` }, h("span", { class: "ex-swatch", "aria-hidden": "true" }), `${fn[lang]}: f(x) = ${fmt(f)}, f′(x) = ${fmt(d)}`))));
    svg.setAttribute("aria-valuenow", String(x));
    svg.setAttribute("aria-valuemin", String(scale.lo));
    svg.setAttribute("aria-valuemax", String(scale.hi));
    svg.setAttribute("aria-valuetext", readingText(x));
  }

  function renderTable() {
    if (!table.open) return tableBox.replaceChildren();
    const [lo, hi] = state.view;
    const head = [h("th", { scope: "col" }, "x")];
    for (const c of state.curves) {
      for (const kind of c.show === "fd" ? ["f", "d"] : [c.show]) head.push(h("th", { scope: "col" }, `${byId.get(c.id)[lang]} ${ui[kind]}`));
    }
    const rows = Array.from({ length: TABLE_ROWS }, (_, i) => {
      const x = lo + ((hi - lo) * i) / (TABLE_ROWS - 1);
      const cells = [h("th", { scope: "row" }, fmt(x))];
      for (const c of state.curves) {
        for (const kind of c.show === "fd" ? ["f", "d"] : [c.show]) cells.push(h("td", {}, fmt(FUNCTIONS[c.id][kind](x, c.p))));
      }
      return h("tr", {}, cells);
    });
    tableBox.replaceChildren(h("div", { class: "ex-scroll", tabindex: "0", role: "region", "aria-label": ui.caption },
      h("table", {}, h("caption", {}, ui.caption), h("thead", {}, h("tr", {}, head)), h("tbody", {}, rows))));
  }

  // Written a moment after the last change, and only while the reader is still on
  // this page: were Material's instant navigation switched on, the old page's timer must not stamp its
  // query onto the next page's URL.
  const page = location.pathname;
  let saveTimer = 0;
  function saveState() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (root.isConnected && location.pathname === page) history.replaceState(history.state, "", formatState(state, softmax?.state, depth && formatDepth(depth.state, data)) + location.hash);
    }, 150);
  }

  let frame = 0;
  const redraw = () => { if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); }); };

  function setView([lo, hi]) {
    const width = Math.min(Math.max(hi - lo, 1e-3), 2 * data.widest);
    let center = Math.min(Math.max((lo + hi) / 2, -data.widest + width / 2), data.widest - width / 2);
    state.view = [center - width / 2, center + width / 2];
    redraw();
    announce(`${ui.range}: ${fmt(state.view[0])} … ${fmt(state.view[1])}`);
  }
  const zoom = (factor, about) => setView([about + (state.view[0] - about) * factor, about + (state.view[1] - about) * factor]);
  const pan = (fraction) => { const w = state.view[1] - state.view[0]; setView([state.view[0] + w * fraction, state.view[1] + w * fraction]); };

  function cards_() {
    cards.replaceChildren(...state.curves.map((c, i) => card(c, i)));
    if (!state.curves.length) cards.append(h("p", { class: "ex-note" }, ui.none));
    for (const [id, box] of boxes) {
      box.checked = state.curves.some((c) => c.id === id);
      box.disabled = !box.checked && state.curves.length >= data.maxCurves;
    }
  }

  // The range at the current parameters: the first case of the build's rule
  // whose parameter is positive (or that has no condition), its ends evaluated.
  function rangeOf(fn, p) {
    if (!fn.ranges) return fn.range;
    const end = (e) => (Array.isArray(e) ? (e[2] === "/" ? e[0] / p[e[1]] : e[0] * p[e[1]]) : Number(e));
    const rule = fn.ranges.find((r) => !r.when || p[r.when] > 0);
    const [lo, hi] = [end(rule.lo), end(rule.hi)];
    return `${rule.closed[0] ? "[" : "("}${fmt(lo)}, ${fmt(hi)}${rule.closed[1] ? "]" : ")"}`;
  }

  // A formula typeset by the build, with the current values written over the
  // parameters' sentinel numbers (in the visible HTML and the MathML).
  const templates = new Map();
  function formula(fn, kind, p) {
    let tpl = templates.get(fn.id + kind);
    if (!tpl) {
      tpl = document.createElement("template");
      tpl.innerHTML = fn.tex[kind];
      templates.set(fn.id + kind, tpl);
    }
    const node = tpl.content.cloneNode(true);
    if (fn.params.length) {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        for (const q of fn.params) if (t.data.includes(q.sentinel)) t.data = t.data.replaceAll(q.sentinel, fmt(p[q.name]));
      }
    }
    return h("p", { class: "ex-formula" }, node);
  }

  function formulas(c, fn) {
    return (c.show === "fd" ? ["f", "d"] : [c.show]).map((k) => formula(fn, k, c.p));
  }

  function properties(c, fn) {
    // Kinks at the current parameters: the pieces' joins where f' jumps
    // (ELU has one at 0 unless alpha = 1), with the value our f' returns there.
    const d = FUNCTIONS[c.id].d;
    const kinks = breaksOf(fn, c.p).filter((b) => Math.abs(d(b - 1e-9, c.p) - d(b + 1e-9, c.p)) > 1e-6);
    const kinkText = kinks.length ? kinks.map((b) => `x = ${fmt(b)}: ${fmt(d(b, c.p))}`).join(", ") : ui.nokinks;
    return h("dl", { class: "ex-props" },
      h("dt", {}, ui.rangedef), h("dd", {}, rangeOf(fn, c.p)),
      h("dt", {}, ui.f0), h("dd", {}, fmt(FUNCTIONS[c.id].f(0, c.p))),
      h("dt", {}, ui.df0), h("dd", {}, fmt(FUNCTIONS[c.id].d(0, c.p))),
      h("dt", {}, ui.kinks), h("dd", {}, kinkText));
  }

  function card(c, index) {
    const fn = byId.get(c.id);
    const uid = `ex-${c.id}`;
    const props = h("div", {}, properties(c, fn));
    const math = h("div", { class: "ex-math", role: "group", "aria-label": ui.formula }, formulas(c, fn));
    const refresh = () => { math.replaceChildren(...formulas(c, fn)); props.replaceChildren(properties(c, fn)); redraw(); };
    const show = h("select", { id: `${uid}-show`, onchange: () => { c.show = show.value; math.replaceChildren(...formulas(c, fn)); redraw(); } },
      KINDS.map((k) => h("option", { value: k, selected: c.show === k }, ui[k])));
    const params = fn.params.map((param) => {
      const [lo, hi] = param.range;
      const step = 10 ** (Math.floor(Math.log10(hi - lo)) - 3);
      const label = `${param.name}: ${param[lang]}`;
      const error = h("p", { class: "ex-error", id: `${uid}-${param.name}-error`, hidden: true });
      const set = (value, from) => {
        const started = performance.now();
        c.p[param.name] = value;
        if (from !== slider) slider.value = String(value);
        if (from !== field) field.value = String(value);
        field.removeAttribute("aria-invalid");
        error.hidden = true;
        refresh();
        announce(`${fn[lang]} ${param.name} = ${fmt(value)}`);
        performance.measure("explorer:input", { start: started });
      };
      const slider = h("input", { type: "range", min: lo, max: hi, step, value: c.p[param.name], id: `${uid}-${param.name}`,
        oninput: () => set(Number(slider.value), slider),
        onpointerdown: () => (dragging = true),
        onpointerup: letGo, onpointercancel: letGo, onchange: letGo });
      const field = h("input", { type: "number", min: lo, max: hi, step: "any", value: c.p[param.name], "aria-label": label,
        "aria-describedby": error.id, onchange: () => {
          const value = field.value === "" ? NaN : Number(field.value);
          if (Number.isFinite(value) && value >= lo && value <= hi) return set(value, field);
          field.setAttribute("aria-invalid", "true");
          error.hidden = false;
          error.textContent = fill(ui.badfield, { p: param.name, lo, hi });
        } });
      return h("div", { class: "ex-param" }, h("label", { for: slider.id }, label), h("div", { class: "ex-inputs" }, slider, field), error);
    });
    return h("fieldset", { class: `ex-card ex-c${index}` },
      h("legend", {}, h("span", { class: "ex-swatch", "aria-hidden": "true" }), fn[lang]),
      h("div", { class: "ex-row" }, h("label", { for: show.id }, ui.show), show,
        h("button", { type: "button", class: "md-button ex-button", onclick: () => toggle(c.id, false) }, `${ui.remove}: ${fn[lang]}`)),
      params, math, props);
  }

  function toggle(id, on) {
    const i = state.curves.findIndex((c) => c.id === id);
    if (on && i < 0 && state.curves.length < data.maxCurves) {
      const fn = byId.get(id);
      state.curves.push({ id, show: "f", p: Object.fromEntries(fn.params.map((p) => [p.name, p.default])) });
    } else if (!on && i >= 0) state.curves.splice(i, 1);
    cards_();
    redraw();
    announce(state.curves.map((c) => byId.get(c.id)[lang]).join(", ") || ui.none);
  }

  // Pointer: move reads, drag pans, two pointers pinch, wheel zooms.
  const pointers = new Map();
  const xOf = (event) => {
    const r = svg.getBoundingClientRect();
    const px = ((event.clientX - r.left) / r.width) * scale.W;
    return scale.lo + ((px - pad.l) / (scale.W - pad.l - pad.r)) * (scale.hi - scale.lo);
  };
  svg.addEventListener("pointerdown", (e) => { pointers.set(e.pointerId, xOf(e)); svg.setPointerCapture(e.pointerId); });
  const release = (e) => pointers.delete(e.pointerId);
  svg.addEventListener("pointerup", release);
  svg.addEventListener("pointercancel", release);
  svg.addEventListener("pointermove", (e) => {
    if (!scale) return;
    const x = xOf(e);
    if (pointers.size === 1 && pointers.has(e.pointerId)) {
      const shift = pointers.get(e.pointerId) - x;
      if (shift) setView([state.view[0] + shift, state.view[1] + shift]);
      return;
    }
    if (pointers.size === 2 && pointers.has(e.pointerId)) {
      const [other] = [...pointers].filter(([id]) => id !== e.pointerId);
      const before = Math.abs(pointers.get(e.pointerId) - other[1]);
      const after = Math.abs(x - other[1]);
      if (before > 0 && after > 0) zoom(before / after, other[1]);
      return;
    }
    state.at = x;
    drawCross();
    saveState();
  });
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    zoom(Math.exp(Math.max(-1, Math.min(1, e.deltaY / 300))), xOf(e));
  }, { passive: false });
  svg.addEventListener("keydown", (e) => {
    const w = state.view[1] - state.view[0];
    const step = w / (e.key.startsWith("Page") ? 10 : 100);
    const moves = { ArrowLeft: -step, ArrowDown: -step, PageDown: -step, ArrowRight: step, ArrowUp: step, PageUp: step };
    if (e.shiftKey && (e.key === "ArrowLeft" || e.key === "ArrowRight")) pan(e.key === "ArrowLeft" ? -0.1 : 0.1);
    else if (e.key in moves) state.at = Math.min(Math.max(state.at + moves[e.key], state.view[0]), state.view[1]);
    else if (e.key === "Home" || e.key === "End") state.at = state.view[e.key === "Home" ? 0 : 1];
    else if (e.key === "+" || e.key === "=") return e.preventDefault(), zoom(0.5, state.at);
    else if (e.key === "-" || e.key === "_") return e.preventDefault(), zoom(2, state.at);
    else return;
    e.preventDefault();
    drawCross();
    saveState();
    announce(readingText(state.at));
  });

  const resized = new ResizeObserver(() => {
    if (!root.isConnected) return resized.disconnect();
    const w = Math.round(svg.parentElement.clientWidth) || 640;
    const next = { w, h: Math.round(Math.min(420, Math.max(240, w * 0.6))) };
    if (next.w !== size.w || next.h !== size.h) { size = next; draw(); }
  });
  resized.observe(root);
  cards_();
  draw();
  if (softmax) softmaxPanel(panelBox, softmax.state, { h, ui, fmt, announce, changed: saveState });
  // A link that sets logits but no functions (the softmax pages') is about the
  // panel: it moves above the curves, so it is in view whatever the scroll.
  if (softmax && query.has("sm") && !query.has("fn")) {
    const heading = document.getElementById("softmax");
    if (heading) root.before(heading, heading.nextElementSibling, panelBox);
  }
  // The depth simulator starts when its section comes into view (or at once if
  // the address sets it): its first run takes a moment of the processor.
  if (depth) depthPanel(depthBox, depth.state, data, { h, ui, fmt, fill, ticks, announce, changed: saveState, start: (go) => {
    if (depth.given) return go();
    const seen = new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) { seen.disconnect(); go(); } }, { rootMargin: "200px" });
    seen.observe(depthBox);
  } });
  root.explorer = { state, draw, softmax: softmax?.state, depth: depth?.state, y: () => yfit };
}

async function start() {
  const root = document.getElementById("explorer");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "loading";
  const css = new URL("explorer.css", import.meta.url).href;
  if (!document.querySelector(`link[href="${css}"]`)) {
    const link = h("link", { rel: "stylesheet", href: css });
    const loaded = new Promise((resolve) => { link.onload = link.onerror = resolve; });
    document.head.append(link);
    await loaded;
  }
  const response = await fetch(new URL("data.json", import.meta.url));
  init(root, await response.json());
}

if (window.document$) window.document$.subscribe(() => start());
else start();
