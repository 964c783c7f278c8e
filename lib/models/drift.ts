/**
 * Feature drift between the training window and the latest data: the population stability index
 * (PSI) on training-decile bins and the two-sample Kolmogorov-Smirnov test, per feature, as one
 * report frame with an ok / warn / alert status.
 *
 * PSI thresholds follow the credit-scoring rule of thumb (Siddiqi, *Credit Risk Scorecards*,
 * 2006; Yurdakul 2018): below 0.1 no meaningful shift, 0.1 to 0.25 a moderate shift worth a
 * look, 0.25 and above a major shift. The status reads PSI only: with thousands of rows the KS
 * p-value flags shifts far too small to matter, so it is reported, not thresholded.
 * @module
 */
import pl from "nodejs-polars";

/** Options of {@link populationStability}. */
export interface PsiOptions {
  /** Quantile bins cut from the training values (10 gives deciles). Defaults to 10. */
  bins?: number;
  /**
   * Floor on a bin's share, so an empty bin (share 0) gives a large but finite term instead of
   * `ln 0`. Defaults to 1e-4 (a bin empty on one side then adds about
   * `share x ln(share / 1e-4)`, e.g. 0.1 x ln 1000 = 0.69, an alert by itself).
   */
  epsilon?: number;
}

/** A PSI and the bins it was computed on. */
export interface PsiResult {
  /** `Σ (actual - expected) ln(actual / expected)` over bins, shares floored at epsilon. */
  psi: number;
  /** Distinct training quantiles cutting the bins; bin k is `(cuts[k-1], cuts[k]]`. */
  cuts: Float64Array;
  /** Share of training values per bin (before the floor). */
  expected: Float64Array;
  /** Share of latest values per bin (before the floor). */
  actual: Float64Array;
}

/**
 * Returns the population stability index of `latest` against `train`. Bins are cut at the
 * training quantiles `1/bins .. (bins-1)/bins` (linear interpolation, numpy's default), repeated
 * cut points merged (a discrete feature gets fewer bins); bins are right-closed, the outer ones
 * open-ended. Non-finite values are ignored; throws when either side has none.
 *
 * @example
 * ```ts
 * import { populationStability } from "@lib/models/drift.ts";
 * const train = Array.from({ length: 100 }, (_, i) => i);
 * if (populationStability(train, train).psi !== 0) throw new Error("same data drifted");
 * // all latest values in the top decile: nine bins at the 1e-4 floor, one with all of them
 * const { psi } = populationStability(train, [95, 96, 97, 98, 99]);
 * const expected = 9 * (1e-4 - 0.1) * Math.log(1e-4 / 0.1) + (1 - 0.1) * Math.log(1 / 0.1);
 * if (Math.abs(psi - expected) > 1e-12) throw new Error(`${psi}`);
 * ```
 */
export function populationStability(
  train: ArrayLike<number>,
  latest: ArrayLike<number>,
  options: PsiOptions = {},
): PsiResult {
  const bins = options.bins ?? 10;
  const epsilon = options.epsilon ?? 1e-4;
  if (!Number.isInteger(bins) || bins < 2) {
    throw new Error(`bins must be an integer >= 2; got ${bins}`);
  }
  if (!(epsilon > 0 && epsilon < 1)) throw new Error(`epsilon must be in (0, 1); got ${epsilon}`);
  const a = finiteSorted(train, "train");
  const b = finiteSorted(latest, "latest");
  const raw: number[] = [];
  for (let k = 1; k < bins; k++) {
    const q = quantileSorted(a, k / bins);
    if (raw.length === 0 || q > raw[raw.length - 1]) raw.push(q);
  }
  const cuts = Float64Array.from(raw);
  const expected = binShares(a, cuts);
  const actual = binShares(b, cuts);
  let psi = 0;
  for (let k = 0; k < expected.length; k++) {
    const e = Math.max(expected[k], epsilon);
    const o = Math.max(actual[k], epsilon);
    psi += (o - e) * Math.log(o / e);
  }
  return { psi, cuts, expected, actual };
}

/** Which p-value {@link ksTwoSample} computes. */
export type KsMethod = "exact" | "asymp" | "auto";

/** Options of {@link ksTwoSample}. */
export interface KsOptions {
  /**
   * `"exact"`: the exact null distribution of the two-sided statistic (as
   * `scipy.stats.ks_2samp(method="exact")`); `"asymp"`: the limiting Kolmogorov distribution,
   * `P(K > sqrt(n1 n2 / (n1 + n2)) D)` (scipy's `kstwobign`; scipy's own `"asymp"` uses the
   * finite-n `kstwo` and differs by O(1/sqrt(n))); `"auto"`: exact while `n1 x n2 <= 1e8`
   * (the exact recursion costs about n1 x n2 x 2D steps) and the asymptotic p-value is at least
   * 1e-12, asymptotic otherwise. Defaults to "auto".
   */
  method?: KsMethod;
}

/** A two-sample KS test result. */
export interface KsResult {
  /** `max |F1(x) - F2(x)|` over the pooled values. */
  statistic: number;
  /** Two-sided p-value under "same distribution". */
  pvalue: number;
  /** The method that produced `pvalue`. */
  method: "exact" | "asymp";
}

/**
 * Returns the two-sided two-sample Kolmogorov-Smirnov statistic and p-value of `a` against `b`
 * (non-finite values ignored; throws when either side has none).
 *
 * The exact p-value is `1 - P(every lattice path stays strictly inside the band)`, computed as a
 * probability recursion over the (n1, n2) lattice (each path equally likely), so it neither
 * overflows like a path count nor needs scipy's special case for n1 = n2.
 *
 * @example
 * ```ts
 * import { ksTwoSample } from "@lib/models/drift.ts";
 * // completely separated samples of 3 and 3: D = 1, p = 2 / C(6, 3) = 0.1
 * const r = ksTwoSample([1, 2, 3], [4, 5, 6], { method: "exact" });
 * if (r.statistic !== 1 || Math.abs(r.pvalue - 0.1) > 1e-12) throw new Error(`${r.pvalue}`);
 * ```
 */
export function ksTwoSample(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: KsOptions = {},
): KsResult {
  const requested = options.method ?? "auto";
  if (!["exact", "asymp", "auto"].includes(requested)) {
    throw new Error(`KS method must be "exact", "asymp" or "auto"; got "${requested}"`);
  }
  const x = finiteSorted(a, "first sample");
  const y = finiteSorted(b, "second sample");
  const n1 = x.length;
  const n2 = y.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n1 || j < n2) {
    // Step past every copy of the next pooled value in both samples (ties move together).
    const v = i < n1 && (j >= n2 || x[i] <= y[j]) ? x[i] : y[j];
    while (i < n1 && x[i] === v) i++;
    while (j < n2 && y[j] === v) j++;
    const diff = Math.abs(i / n1 - j / n2);
    if (diff > d) d = diff;
  }
  const asymp = kolmogorovSf(Math.sqrt((n1 * n2) / (n1 + n2)) * d);
  // The exact recursion's cost grows with D, and where the asymptotic p-value is below 1e-12
  // the exact one is 0 to within its own rounding (it is computed as 1 - P), so skip it.
  const method = requested === "auto"
    ? (n1 * n2 <= 1e8 && asymp >= 1e-12 ? "exact" : "asymp")
    : requested;
  const pvalue = method === "exact" ? ksExactPvalue(n1, n2, d) : asymp;
  return { statistic: d, pvalue: Math.min(1, Math.max(0, pvalue)), method };
}

/** Returns `P(D >= d)` for the two-sided statistic of samples of sizes m and n, exactly. */
function ksExactPvalue(m0: number, n0: number, d: number): number {
  // The long side runs along the outer loop; the band along the short side is at most n + 1 wide.
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const g = gcd(m, n);
  const mg = m / g;
  const ng = n / g;
  // |x/m - y/n| >= d  <=>  |x ng - y mg| >= h, with h = d lcm(m, n) rounded as scipy does.
  const h = Math.round(d * mg * n);
  if (h === 0) return 1;
  let prev = new Float64Array(n + 1);
  let cur = new Float64Array(n + 1);
  let prevLo = 0;
  let prevHi = -1;
  for (let x = 0; x <= m; x++) {
    const lo = Math.max(0, Math.floor((x * ng - h) / mg) + 1);
    const hi = Math.min(n, Math.ceil((x * ng + h) / mg) - 1);
    if (hi < lo) return 1;
    for (let y = lo; y <= hi; y++) {
      let p = x === 0 && y === 0 ? 1 : 0;
      if (x > 0 && y >= prevLo && y <= prevHi) {
        p += (prev[y] * (m - x + 1)) / (m + n - x + 1 - y);
      }
      if (y > lo) p += (cur[y - 1] * (n - y + 1)) / (m + n - x - y + 1);
      cur[y] = p;
    }
    [prev, cur] = [cur, prev];
    prevLo = lo;
    prevHi = hi;
  }
  return prevHi === n ? 1 - prev[n] : 1;
}

/** Returns `P(K > lambda)` of the Kolmogorov distribution (scipy's `kstwobign.sf`). */
export function kolmogorovSf(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1) {
    // Jacobi-theta form of the CDF converges fast for small lambda, where the alternating
    // series below needs many terms.
    const c = -(Math.PI ** 2) / (8 * lambda * lambda);
    let s = 0;
    for (let k = 1; k < 100; k++) {
      const t = Math.exp(c * (2 * k - 1) ** 2);
      s += t;
      if (t < 1e-17 * s) break;
    }
    return 1 - (Math.sqrt(2 * Math.PI) / lambda) * s;
  }
  let s = 0;
  for (let k = 1; k < 100; k++) {
    const t = Math.exp(-2 * k * k * lambda * lambda);
    s += k % 2 === 1 ? t : -t;
    if (t < 1e-17) break;
  }
  return 2 * s;
}

/** PSI thresholds of the drift status. */
export interface DriftThresholds {
  /** PSI at or above which a feature is `warn`. Defaults to 0.1. */
  psiWarn?: number;
  /** PSI at or above which a feature is `alert`. Defaults to 0.25. */
  psiAlert?: number;
}

/** Drift status of a feature. */
export type DriftStatus = "ok" | "warn" | "alert";

/** Returns `ok`, `warn` or `alert` for a PSI under `thresholds` (0.1 / 0.25 by default). */
export function driftStatus(psi: number, thresholds: DriftThresholds = {}): DriftStatus {
  const warn = thresholds.psiWarn ?? 0.1;
  const alert = thresholds.psiAlert ?? 0.25;
  if (!(warn <= alert)) throw new Error(`psiWarn (${warn}) must not exceed psiAlert (${alert})`);
  if (psi >= alert) return "alert";
  return psi >= warn ? "warn" : "ok";
}

/** Options of {@link driftReport}. */
export interface DriftReportOptions extends PsiOptions, KsOptions, DriftThresholds {}

/**
 * Returns one row per feature: `feature`, `n_train`, `n_latest` (finite values compared),
 * `psi`, `ks_stat`, `ks_pvalue`, `status` (from PSI: see {@link driftStatus}). Throws naming a
 * feature missing from either frame or with no finite value in it.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { driftReport } from "@lib/models/drift.ts";
 * const train = pl.DataFrame({ a: Array.from({ length: 50 }, (_, i) => i), b: Array.from({ length: 50 }, (_, i) => i % 5) });
 * const latest = pl.DataFrame({ a: [60, 70, 80, 90, 100], b: [0, 1, 2, 3, 4] });
 * const report = driftReport(train, latest, ["a", "b"]);
 * if (report.getColumn("status").toArray().join() !== "alert,ok") throw new Error();
 * ```
 */
export function driftReport(
  trainFrame: pl.DataFrame,
  latestFrame: pl.DataFrame,
  features: readonly string[],
  options: DriftReportOptions = {},
): pl.DataFrame {
  if (features.length === 0) throw new Error("no features given for the drift report");
  const rows = features.map((feature) => {
    const train = column(trainFrame, feature, "training");
    const latest = column(latestFrame, feature, "latest");
    const where = (side: string) => `feature "${feature}" has no finite value in the ${side} frame`;
    if (!train.some(Number.isFinite)) throw new Error(where("training"));
    if (!latest.some(Number.isFinite)) throw new Error(where("latest"));
    const { psi } = populationStability(train, latest, options);
    const ks = ksTwoSample(train, latest, options);
    return {
      feature,
      n_train: train.filter(Number.isFinite).length,
      n_latest: latest.filter(Number.isFinite).length,
      psi,
      ks_stat: ks.statistic,
      ks_pvalue: ks.pvalue,
      status: driftStatus(psi, options),
    };
  });
  return pl.DataFrame([
    pl.Series("feature", rows.map((r) => r.feature), pl.Utf8),
    pl.Series("n_train", rows.map((r) => r.n_train), pl.Float64).cast(pl.Int32),
    pl.Series("n_latest", rows.map((r) => r.n_latest), pl.Float64).cast(pl.Int32),
    pl.Series("psi", rows.map((r) => r.psi), pl.Float64),
    pl.Series("ks_stat", rows.map((r) => r.ks_stat), pl.Float64),
    pl.Series("ks_pvalue", rows.map((r) => r.ks_pvalue), pl.Float64),
    pl.Series("status", rows.map((r) => r.status), pl.Utf8),
  ]);
}

function column(frame: pl.DataFrame, name: string, side: string): number[] {
  if (!frame.columns.includes(name)) {
    throw new Error(`feature "${name}" is not in the ${side} frame`);
  }
  return (frame.getColumn(name).cast(pl.Float64).toArray() as (number | null)[]).map((v) =>
    v ?? NaN
  );
}

function finiteSorted(values: ArrayLike<number>, name: string): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out.push(values[i]);
  if (out.length === 0) throw new Error(`${name} has no finite value`);
  return Float64Array.from(out).sort();
}

/** numpy's default ("linear") quantile of ascending `sorted`. */
function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Shares of ascending `sorted` in the bins cut by `cuts` (right-closed). */
function binShares(sorted: Float64Array, cuts: Float64Array): Float64Array {
  const counts = new Float64Array(cuts.length + 1);
  let k = 0;
  for (const v of sorted) {
    while (k < cuts.length && v > cuts[k]) k++;
    counts[k]++;
  }
  return counts.map((c) => c / sorted.length);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
