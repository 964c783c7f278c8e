/**
 * Student-t and normal tail probabilities for t-statistics, from the regularised incomplete beta
 * and gamma functions (continued fractions, modified Lentz), accurate to about 1e-13 relative.
 * Kept here so analysis code does not depend on the models' distributions.
 * @module
 */

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

const LANCZOS = [
  0.99999999999980993,
  676.5203681218851,
  -1259.1392167224028,
  771.32342877765313,
  -176.61502916214059,
  12.507343278686905,
  -0.13857109526572012,
  9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** Returns ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new Error(`logGamma needs x > 0; got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return h;
  }
  throw new Error(`incomplete beta did not converge (x ${x}, a ${a}, b ${b})`);
}

/**
 * Returns the regularised incomplete beta I_x(a, b); `oneMinusX` may pass 1 - x computed without
 * cancellation.
 */
export function incompleteBeta(x: number, a: number, b: number, oneMinusX = 1 - x): number {
  if (!(a > 0 && b > 0)) throw new Error(`incompleteBeta needs a, b > 0; got ${a}, ${b}`);
  if (!(x >= 0 && x <= 1)) throw new Error(`incompleteBeta needs 0 <= x <= 1; got ${x}`);
  if (x === 0) return 0;
  if (oneMinusX === 0) return 1;
  const front = Math.exp(
    a * Math.log(x) + b * Math.log(oneMinusX) + logGamma(a + b) - logGamma(a) - logGamma(b),
  );
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(oneMinusX, b, a)) / b;
}

/**
 * Returns the two-sided p-value of a t-statistic with `df` degrees of freedom, P(|T| >= |t|)
 * (NaN for a NaN statistic or df <= 0).
 *
 * @example
 * ```ts
 * import { studentTwoSidedP } from "@lib/analysis/t_dist.ts";
 * // 2 * scipy.stats.t.sf(2.0, 10) = 0.07338803477074037
 * if (Math.abs(studentTwoSidedP(2, 10) - 0.07338803477074037) > 1e-12) throw new Error("wrong p");
 * ```
 */
export function studentTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(t)) return 0;
  const t2 = t * t;
  return incompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

/** Returns the Student-t CDF P(T <= t) with `df` degrees of freedom. */
export function studentCdf(t: number, df: number): number {
  const tail = studentTwoSidedP(t, df) / 2;
  return t >= 0 ? 1 - tail : tail;
}

function gammaQ(a: number, x: number): number {
  const lnFront = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n <= MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) return 1 - sum * Math.exp(lnFront);
    }
    throw new Error(`incomplete gamma series did not converge (a ${a}, x ${x})`);
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return Math.exp(lnFront) * h;
  }
  throw new Error(`incomplete gamma fraction did not converge (a ${a}, x ${x})`);
}

/**
 * Returns the two-sided normal p-value of a z-statistic, P(|Z| >= |z|) = erfc(|z| / sqrt 2).
 *
 * @example
 * ```ts
 * import { normalTwoSidedP } from "@lib/analysis/t_dist.ts";
 * // 2 * scipy.stats.norm.sf(1.959963984540054) = 0.05
 * if (Math.abs(normalTwoSidedP(1.959963984540054) - 0.05) > 1e-14) throw new Error("wrong p");
 * ```
 */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (!Number.isFinite(z)) return 0;
  if (z === 0) return 1;
  return gammaQ(0.5, (z * z) / 2);
}
