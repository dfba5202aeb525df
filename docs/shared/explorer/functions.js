// The elementwise activations and their derivatives, written once for the
// browser. Each is the package's definition (src/activations/) in a form that
// stays accurate in double precision: the same identities (expm1, log1p,
// logistic by the sign of x), and no cancellation where the package avoids it.
// tests/browser/test_explorer.py checks every function against the package's
// values (build/explorer/golden.json) in chromium: relative error <= 1e-12,
// 1e-7 for the exact GELU whose erfc is computed here by series and continued
// fraction.
// FUNCTIONS[id] = { f(x, p), d(x, p) }, p the parameters by name.

const SELU_SCALE = 1.0507009873554805;
const SELU_SCALE_ALPHA = 1.7580993408473768;
const INV_SQRT_2PI = 0.3989422804014327;
const INV_SQRT_PI = 0.5641895835477563;
const SQRT_HALF = 0.7071067811865476;
const K_TANH = 1.5957691216057308; // 2 sqrt(2/pi): the tanh-GELU gate is sigmoid(K (x + A x^3))
const A_TANH = 0.044715;

// The logistic function, from exp of a non-positive number only.
export function sigmoid(x) {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

// sigmoid'(x) = e / (1 + e)^2 with e = exp(-|x|): no 1 - sigmoid cancellation.
function sigmoidSlope(x) {
  const e = Math.exp(-Math.abs(x));
  return e / ((1 + e) * (1 + e));
}

// log(1 + exp(x)) without overflow or cancellation.
function softplus1(x) {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

// erf(z) by its Maclaurin series, for |z| < 1.5 (terms grow at most e^2.25-fold).
function erfSeries(z) {
  const z2 = z * z;
  let term = z;
  let sum = z;
  for (let n = 1; n < 60; n++) {
    term *= -z2 / n;
    const next = term / (2 * n + 1);
    sum += next;
    if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
  }
  return 2 * INV_SQRT_PI * sum;
}

// erfc(z) for z >= 1.5 by the continued fraction
// erfc(z) = exp(-z^2)/sqrt(pi) / (z + (1/2)/(z + 1/(z + (3/2)/(z + ...)))),
// evaluated by the modified Lentz method (under 100 terms here).
function erfcFraction(z) {
  if (z > 27.3) return 0;
  let f = z;
  let c = z;
  let d = 0;
  for (let n = 1; n < 200; n++) {
    const a = n / 2;
    d = 1 / (z + a * d);
    c = z + a / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  // exp(-z^2) with the rounding error of z * z put back: exp(-(p + e)) ~ exp(-p)(1 - e).
  const p = z * z;
  return (Math.exp(-p) * (1 - twoProductError(z, z, p)) * INV_SQRT_PI) / f;
}

// The rounding error of a * b (Dekker's split), so that a * b = p + error exactly.
function twoProductError(a, b, p) {
  const split = (v) => {
    const c = 134217729 * v;
    const hi = c - (c - v);
    return [hi, v - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

// The standard normal distribution function Phi(x) = erfc(-x / sqrt 2) / 2.
export function normalCdf(x) {
  const z = x * SQRT_HALF;
  if (z <= -1.5) return 0.5 * erfcFraction(-z);
  if (z >= 1.5) return 1 - 0.5 * erfcFraction(z);
  return 0.5 + 0.5 * erfSeries(z);
}

function normalPdf(x) {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

const clip = (x, lo, hi) => Math.min(Math.max(x, lo), hi);

// Mish: tanh(softplus(x)) = s (1 + w) / (1 + w^2) with s = sigmoid(x),
// w = sigmoid(-x); sech^2(softplus(x)) = 4 w^2 / (1 + w^2)^2.
function mishParts(x) {
  const s = sigmoid(x);
  const w = sigmoid(-x);
  const q = 1 + w * w;
  return [s * (1 + w) / q, 4 * w * w / (q * q), s];
}

function gate2u(x) {
  return K_TANH * (x + A_TANH * x * x * x);
}

export const FUNCTIONS = {
  identity: { f: (x) => x, d: () => 1 },
  binary_step: { f: (x) => (x >= 0 ? 1 : 0), d: () => 0 },
  sigmoid: { f: sigmoid, d: sigmoidSlope },
  tanh: {
    f: Math.tanh,
    d: (x) => {
      const e = Math.exp(-2 * Math.abs(x));
      return (4 * e) / ((1 + e) * (1 + e));
    },
  },
  softsign: {
    f: (x) => x / (1 + Math.abs(x)),
    d: (x) => 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))),
  },
  hard_sigmoid: {
    f: (x) => (clip(x, -3, 3) + 3) / 6,
    d: (x) => (x > -3 && x < 3 ? 1 / 6 : 0),
  },
  hard_tanh: {
    f: (x, p) => clip(x, p.min_val, p.max_val),
    d: (x, p) => (x > p.min_val && x < p.max_val ? 1 : 0),
  },
  log_sigmoid: {
    f: (x) => -softplus1(-x),
    d: (x) => sigmoid(-x),
  },
  relu: { f: (x) => Math.max(x, 0), d: (x) => (x > 0 ? 1 : 0) },
  relu6: { f: (x) => clip(x, 0, 6), d: (x) => (x > 0 && x < 6 ? 1 : 0) },
  leaky_relu: {
    f: (x, p) => (x < 0 ? x * p.negative_slope : x),
    d: (x, p) => (x > 0 ? 1 : p.negative_slope),
  },
  prelu: {
    f: (x, p) => (x < 0 ? x * p.weight : x),
    d: (x, p) => (x > 0 ? 1 : p.weight),
  },
  softplus: {
    f: (x, p) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(p.beta * x))) / p.beta,
    d: (x, p) => sigmoid(p.beta * x),
  },
  elu: {
    f: (x, p) => (x > 0 ? x : p.alpha * Math.expm1(x)),
    d: (x, p) => (x > 0 ? 1 : p.alpha * Math.exp(x)),
  },
  selu: {
    f: (x) => (x > 0 ? SELU_SCALE * x : SELU_SCALE_ALPHA * Math.expm1(x)),
    d: (x) => (x > 0 ? SELU_SCALE : SELU_SCALE_ALPHA * Math.exp(x)),
  },
  celu: {
    f: (x, p) => (x > 0 ? x : p.alpha * Math.expm1(x / p.alpha)),
    d: (x, p) => (x > 0 ? 1 : Math.exp(x / p.alpha)),
  },
  gelu: {
    f: (x) => x * normalCdf(x),
    d: (x) => normalCdf(x) + x * normalPdf(x),
  },
  gelu_tanh: {
    f: (x) => x * sigmoid(gate2u(x)),
    d: (x) => {
      const t = gate2u(x);
      const slope = K_TANH * (1 + 3 * A_TANH * x * x);
      return sigmoid(t) + x * slope * sigmoidSlope(t);
    },
  },
  silu: {
    f: (x, p) => x * sigmoid(p.beta * x),
    d: (x, p) => {
      const bx = p.beta * x;
      return sigmoid(bx) * (1 + bx * sigmoid(-bx));
    },
  },
  hard_swish: {
    f: (x) => (x <= -3 ? 0 : x >= 3 ? x : (x * (x + 3)) / 6),
    d: (x) => (x <= -3 ? 0 : x >= 3 ? 1 : (2 * x + 3) / 6),
  },
  mish: {
    f: (x) => x * mishParts(x)[0],
    d: (x) => {
      const [t, sech2, s] = mishParts(x);
      return t + x * s * sech2;
    },
  },
};
