// The softmax panel: softmax is vector-valued, so it gets logits, not a curve.
// p = softmax((z + c) / T) and log p, computed as the package does: shift by
// the maximum, and log p = (v - m) - log1p(sum of the other exponentials) so
// the largest log-probability keeps its digits when it is close to 0.

export function softmaxValues(z, temperature, shift) {
  const v = z.map((x) => (x + shift) / temperature);
  const top = v.indexOf(Math.max(...v));
  const e = v.map((x) => Math.exp(x - v[top]));
  const rest = e.reduce((sum, x, i) => (i === top ? sum : sum + x), 0);
  const total = 1 + rest;
  return { v, p: e.map((x) => x / total), logp: v.map((x) => x - v[top] - Math.log1p(rest)) };
}

const LIMITS = { z: [-10, 10], t: [0.1, 10], c: [-10, 10] };

// The panel's state from the address (?sm=z1,z2&t=T&c=C); bad values are reported.
export function parseSoftmax(query, ui, fill) {
  const notes = [];
  const state = { z: [2, 1, -1], t: 1, c: 0 };
  if (query.has("sm")) {
    const z = query.get("sm").split(",").map((s) => (s === "" ? NaN : Number(s)));
    const [lo, hi] = LIMITS.z;
    if (z.length >= 2 && z.length <= 4 && z.every((x) => Number.isFinite(x) && x >= lo && x <= hi)) state.z = z;
    else notes.push(fill(ui.badlogits, { v: query.get("sm"), lo, hi }));
  }
  for (const key of ["t", "c"]) {
    if (!query.has(key)) continue;
    const text = query.get(key);
    const value = text === "" ? NaN : Number(text);
    const [lo, hi] = LIMITS[key];
    if (Number.isFinite(value) && value >= lo && value <= hi) state[key] = value;
    else notes.push(fill(ui.badparam, { f: ui.softmax, p: key === "t" ? "T" : "c", v: text, lo, hi, d: state[key] }));
  }
  return { state, notes };
}

export function formatSoftmax(s) {
  return `&sm=${s.z.join(",")}&t=${s.t}&c=${s.c}`;
}

// Build the panel into `box`; `changed` is called after every change.
export function softmaxPanel(box, s, { h, ui, fmt, announce, changed }) {
  const rows = h("tbody", {});
  const countSelect = h("select", { id: "sm-count", onchange: () => {
    const n = Number(countSelect.value);
    s.z = Array.from({ length: n }, (_, i) => s.z[i] ?? 0);
    inputs();
    update();
  } }, [2, 3, 4].map((n) => h("option", { value: n, selected: s.z.length === n }, String(n))));
  const logitBox = h("div", { class: "ex-logits" });
  const control = (id, label, [lo, hi], get, set) => {
    const slider = h("input", { type: "range", id, min: lo, max: hi, step: 0.01, value: get() });
    const field = h("input", { type: "number", min: lo, max: hi, step: "any", value: get(), "aria-label": label });
    const error = h("p", { class: "ex-error", hidden: true }, `${label}: [${lo}, ${hi}]`);
    slider.addEventListener("input", () => { set(Number(slider.value)); field.value = slider.value; error.hidden = true; update(); });
    field.addEventListener("change", () => {
      const value = field.value === "" ? NaN : Number(field.value);
      const ok = Number.isFinite(value) && value >= lo && value <= hi;
      error.hidden = ok;
      if (ok) field.removeAttribute("aria-invalid"); else return field.setAttribute("aria-invalid", "true");
      set(value); slider.value = String(value); update();
    });
    return h("div", { class: "ex-param" }, h("label", { for: id }, label), h("div", { class: "ex-inputs" }, slider, field), error);
  };
  function inputs() {
    logitBox.replaceChildren(...s.z.map((_, i) => control(`sm-z${i}`, `z${i + 1}`, LIMITS.z, () => s.z[i], (v) => (s.z[i] = v))));
  }
  function update() {
    const { v, p, logp } = softmaxValues(s.z, s.t, s.c);
    const plain = softmaxValues(s.z, s.t, 0);
    rows.replaceChildren(...s.z.map((z, i) => {
      const bar = h("span", { class: "ex-bar", "aria-hidden": "true" });
      bar.style.width = `${(100 * p[i]).toFixed(2)}%`;
      return h("tr", {}, h("th", { scope: "row" }, `z${i + 1} = ${fmt(z)}`), h("td", {}, fmt(v[i])),
        h("td", { class: "ex-prob" }, fmt(p[i]), bar), h("td", {}, fmt(logp[i])));
    }));
    const diff = Math.max(...p.map((x, i) => Math.abs(x - plain.p[i])));
    invariance.textContent = fill(ui.invariance, { c: fmt(s.c), d: fmt(diff) });
    announce(`${ui.softmax}: ` + p.map((x, i) => `p${i + 1} = ${fmt(x)}`).join(", "));
    changed();
  }
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k]);
  const invariance = h("p", { class: "ex-invariance" });
  box.replaceChildren(
    h("div", { class: "ex-row" }, h("label", { for: "sm-count" }, ui.logits), countSelect),
    logitBox,
    control("sm-t", ui.temperature, LIMITS.t, () => s.t, (v) => (s.t = v)),
    control("sm-c", ui.shift, LIMITS.c, () => s.c, (v) => (s.c = v)),
    h("div", { class: "ex-scroll", tabindex: "0", role: "region", "aria-label": ui.softmax },
      h("table", { class: "ex-softmax" }, h("caption", {}, ui.smcaption),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, ui.logit), h("th", { scope: "col" }, "(z + c) / T"),
          h("th", { scope: "col" }, "p = softmax"), h("th", { scope: "col" }, "log p"))), rows)),
    invariance,
  );
  inputs();
  update();
}
