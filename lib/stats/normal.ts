/**
 * The standard normal distribution's CDF and quantile, accurate to about 1e-15, for the
 * probabilistic and deflated Sharpe ratios.
 *
 * The CDF is Cephes' `ndtr` (S. L. Moshier, the routine behind `scipy.special.ndtr` and so
 * `scipy.stats.norm.cdf`), with its rational approximations of erf and erfc.
 * @module
 */

// Coefficients of Cephes ndtr.c (Cephes Math Library 2.2, as redistributed by SciPy).
const P = [
  2.46196981473530512524e-10,
  5.64189564831068821977e-1,
  7.46321056442269912687e0,
  4.86371970985681366614e1,
  1.96520832956077098242e2,
  5.26445194995477358631e2,
  9.34528527171957607540e2,
  1.02755188689515710272e3,
  5.57535335369399327526e2,
];
const Q = [
  1.32281951154744992508e1,
  8.67072140885989742329e1,
  3.54937778887819891062e2,
  9.75708501743205489753e2,
  1.82390916687909736289e3,
  2.24633760818710981792e3,
  1.65666309194161350182e3,
  5.57535340817727675546e2,
];
const R = [
  5.64189583547755073984e-1,
  1.27536670759978104416e0,
  5.01905042251180477414e0,
  6.16021097993053585195e0,
  7.40974269950448939160e0,
  2.97886665372100240670e0,
];
const S = [
  2.26052863220117276590e0,
  9.39603524938001434673e0,
  1.20489539808096656605e1,
  1.70814450747565897222e1,
  9.60896809063285878198e0,
  3.36907645100081516050e0,
];
const T = [
  9.60497373987051638749e0,
  9.00260197203842689217e1,
  2.23200534594684319226e3,
  7.00332514112805075473e3,
  5.55923013010394962768e4,
];
const U = [
  3.35617141647503099647e1,
  5.21357949780152679795e2,
  4.59432382970980127987e3,
  2.26290000613890934246e4,
  4.92673942608635921086e4,
];
const MAXLOG = 7.09782712893383996843e2;

function polevl(x: number, c: readonly number[]): number {
  let y = c[0];
  for (let i = 1; i < c.length; i++) y = y * x + c[i];
  return y;
}

/** Polynomial whose leading coefficient is an implicit 1. */
function p1evl(x: number, c: readonly number[]): number {
  let y = x + c[0];
  for (let i = 1; i < c.length; i++) y = y * x + c[i];
  return y;
}

/** Returns erf(x), the error function. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return -erf(-x);
  if (x > 1) return 1 - erfc(x);
  const z = x * x;
  return (x * polevl(z, T)) / p1evl(z, U);
}

/** Returns erfc(x) = 1 - erf(x), without cancellation for large x. */
export function erfc(a: number): number {
  if (Number.isNaN(a)) return NaN;
  const x = Math.abs(a);
  if (x < 1) return 1 - erf(a);
  const z = -a * a;
  if (z < -MAXLOG) return a < 0 ? 2 : 0;
  const e = Math.exp(z);
  const y = x < 8 ? (e * polevl(x, P)) / p1evl(x, Q) : (e * polevl(x, R)) / p1evl(x, S);
  if (y === 0) return a < 0 ? 2 : 0;
  return a < 0 ? 2 - y : y;
}

/**
 * Returns P(Z <= x) for a standard normal Z.
 *
 * @example
 * ```ts
 * import { normalCdf } from "@lib/stats/normal.ts";
 * if (Math.abs(normalCdf(1.959963984540054) - 0.975) > 1e-15) throw new Error("wrong");
 * ```
 */
export function normalCdf(x: number): number {
  const z = x * Math.SQRT1_2;
  if (Math.abs(z) < 1) return 0.5 + 0.5 * erf(z);
  const y = 0.5 * erfc(Math.abs(z));
  return z > 0 ? 1 - y : y;
}

/** Returns the standard normal density at `x`. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * Returns the `p` quantile of the standard normal (the x with `normalCdf(x) = p`); -Infinity
 * at 0 and Infinity at 1. Throws unless 0 <= p <= 1.
 *
 * Newton's method on {@link normalCdf} from 0 in the lower tail (the upper by symmetry): the
 * CDF is convex left of 0, so the iterates approach the root monotonically and never
 * overshoot; they converge to the last bits of the CDF's accuracy.
 *
 * @example
 * ```ts
 * import { normalQuantile } from "@lib/stats/normal.ts";
 * if (Math.abs(normalQuantile(0.975) - 1.959963984540054) > 1e-12) throw new Error("wrong");
 * ```
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`normal quantile: p must be in [0, 1]; got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // 1 - p is exact for p >= 0.5, and the lower tail's CDF keeps its relative accuracy.
  if (p > 0.5) return -normalQuantile(1 - p);
  let x = 0;
  for (let i = 0; i < 5000; i++) {
    const step = (normalCdf(x) - p) / normalPdf(x);
    if (!Number.isFinite(step)) break;
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}
