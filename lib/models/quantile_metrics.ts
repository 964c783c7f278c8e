/**
 * Scores of quantile predictions against realised values: pinball loss per level, coverage,
 * width and interval score (Gneiting and Raftery 2007, "Strictly proper scoring rules,
 * prediction, and estimation", JASA) per interval, and the crossing rate of raw predictions.
 * @module
 */
import pl from "nodejs-polars";
import { quantileColumn, quantileRows, symmetricPairs } from "./quantiles.ts";
import type { QuantilePredictions } from "./quantiles.ts";

function checkLengths(actual: ArrayLike<number>, ...others: ArrayLike<number>[]): number {
  const n = actual.length;
  for (const o of others) {
    if (o.length !== n) {
      throw new Error(`actual (${n}) and predictions (${o.length}) differ in length`);
    }
  }
  if (n === 0) throw new Error("quantile metrics need at least one row");
  return n;
}

/**
 * Returns the mean pinball (quantile) loss of `predicted` as the `level` quantile of `actual`:
 * `level * (y - q)` when `y >= q`, else `(1 - level) * (q - y)`.
 *
 * @example
 * ```ts
 * import { pinballLoss } from "@lib/models/quantile_metrics.ts";
 * // y above q by 2 costs 0.9 x 2; y below q by 1 costs 0.1 x 1; mean (1.8 + 0.1) / 2
 * const loss = pinballLoss([2, -1], [0, 0], 0.9);
 * if (Math.abs(loss - 0.95) > 1e-12) throw new Error(`got ${loss}`);
 * ```
 */
export function pinballLoss(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  level: number,
): number {
  if (!(level > 0 && level < 1)) throw new Error(`level must be in (0, 1); got ${level}`);
  const n = checkLengths(actual, predicted);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const e = actual[i] - predicted[i];
    s += e >= 0 ? level * e : (level - 1) * e;
  }
  return s / n;
}

/** Returns the share of rows with `lower <= actual <= upper`. */
export function intervalCoverage(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): number {
  const n = checkLengths(actual, lower, upper);
  let covered = 0;
  for (let i = 0; i < n; i++) if (actual[i] >= lower[i] && actual[i] <= upper[i]) covered++;
  return covered / n;
}

/** Returns the mean of `upper - lower`. */
export function meanIntervalWidth(lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  const n = checkLengths(lower, upper);
  let s = 0;
  for (let i = 0; i < n; i++) s += upper[i] - lower[i];
  return s / n;
}

/**
 * Returns the mean interval score of the central `1 - miscoverage` interval:
 * `(hi - lo) + 2/a (lo - y)+ + 2/a (y - hi)+` (lower is better; a proper score, so it rewards
 * neither too narrow nor too wide intervals).
 *
 * @example
 * ```ts
 * import { intervalScore } from "@lib/models/quantile_metrics.ts";
 * // width 2 each; the second row misses above by 0.5: 2 + 2/0.2 x 0.5 = 7; mean (2 + 7) / 2
 * const s = intervalScore([0, 1.5], [-1, -1], [1, 1], 0.2);
 * if (Math.abs(s - 4.5) > 1e-12) throw new Error(`got ${s}`);
 * ```
 */
export function intervalScore(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  miscoverage: number,
): number {
  if (!(miscoverage > 0 && miscoverage < 1)) {
    throw new Error(`miscoverage must be in (0, 1); got ${miscoverage}`);
  }
  const n = checkLengths(actual, lower, upper);
  const penalty = 2 / miscoverage;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const y = actual[i];
    s += upper[i] - lower[i] + penalty * Math.max(lower[i] - y, 0) +
      penalty * Math.max(y - upper[i], 0);
  }
  return s / n;
}

/**
 * Returns the share of rows whose quantiles are not non-decreasing across levels (some level's
 * value below the previous level's). Pass raw predictions: rearranged ones never cross.
 */
export function crossingRate(predictions: QuantilePredictions): number {
  const rows = quantileRows(predictions);
  if (rows === 0) throw new Error("crossing rate needs at least one row");
  const { values } = predictions;
  let crossed = 0;
  for (let i = 0; i < rows; i++) {
    for (let k = 1; k < values.length; k++) {
      if (values[k][i] < values[k - 1][i]) {
        crossed++;
        break;
      }
    }
  }
  return crossed / rows;
}

/** Scores of one quantile level. */
export interface LevelMetrics {
  /** Quantile level. */
  level: number;
  /** Mean pinball loss. */
  pinball: number;
  /** Share of rows with `actual <= prediction` (the level, if calibrated). */
  observed: number;
}

/** Scores of one central interval. */
export interface IntervalMetrics {
  /** Lower level. */
  lower: number;
  /** Upper level. */
  upper: number;
  /** Nominal coverage `upper - lower`. */
  nominal: number;
  /** Share of rows inside the interval. */
  coverage: number;
  /** Mean width, in the label's units. */
  meanWidth: number;
  /** Mean interval score at miscoverage `1 - nominal`. */
  intervalScore: number;
}

/** Everything {@link quantileMetrics} measures. */
export interface QuantileMetrics {
  /** Rows scored. */
  n: number;
  /** Mean of the levels' pinball losses. */
  meanPinball: number;
  /** Per level, ascending. */
  levels: LevelMetrics[];
  /** Per symmetric interval, outermost first. */
  intervals: IntervalMetrics[];
  /** {@link crossingRate} of the predictions as passed. */
  crossingRate: number;
}

/** Options of {@link quantileMetrics}. */
export interface QuantileMetricsOptions {
  /** Intervals to score. Defaults to every symmetric pair of levels (0.1/0.9, 0.25/0.75). */
  pairs?: readonly (readonly [number, number])[];
}

/**
 * Returns pinball loss and observed frequency per level, coverage, width and interval score per
 * interval, and the crossing rate of `predictions` against `actual`.
 *
 * @example
 * ```ts
 * import { quantileMetrics } from "@lib/models/quantile_metrics.ts";
 * const f = (...v: number[]) => Float64Array.from(v);
 * const m = quantileMetrics(f(0, 2), { levels: [0.1, 0.5, 0.9], values: [f(-1, -1), f(0, 0), f(1, 1)] });
 * if (m.intervals[0].coverage !== 0.5 || m.intervals[0].meanWidth !== 2) throw new Error();
 * ```
 */
export function quantileMetrics(
  actual: ArrayLike<number>,
  predictions: QuantilePredictions,
  options: QuantileMetricsOptions = {},
): QuantileMetrics {
  const rows = quantileRows(predictions);
  checkLengths(actual, predictions.values[0]);
  const { levels, values } = predictions;
  const byLevel = (level: number) => {
    const k = levels.findIndex((l) => Math.abs(l - level) < 1e-12);
    if (k < 0) throw new Error(`level ${level} is not among the predictions' levels [${levels}]`);
    return values[k];
  };
  const levelMetrics = levels.map((level, k) => {
    let below = 0;
    for (let i = 0; i < rows; i++) if (actual[i] <= values[k][i]) below++;
    return { level, pinball: pinballLoss(actual, values[k], level), observed: below / rows };
  });
  const pairs = options.pairs ?? symmetricPairs(levels);
  return {
    n: rows,
    meanPinball: levelMetrics.reduce((s, m) => s + m.pinball, 0) / levelMetrics.length,
    levels: levelMetrics,
    intervals: pairs.map(([lower, upper]) => {
      const lo = byLevel(lower);
      const hi = byLevel(upper);
      const nominal = upper - lower;
      return {
        lower,
        upper,
        nominal,
        coverage: intervalCoverage(actual, lo, hi),
        meanWidth: meanIntervalWidth(lo, hi),
        intervalScore: intervalScore(actual, lo, hi, 1 - nominal),
      };
    }),
    crossingRate: crossingRate(predictions),
  };
}

/** Returns the nominal coverage of an interval as a percent label: `80` for 0.1/0.9. */
function percent(x: number): string {
  return String(Number((x * 100).toFixed(6)));
}

/**
 * Returns the metrics as flat numbers, for logging (MLflow) and the promotion gate:
 * `mean_pinball`, `crossing_rate`, `pinball_q10`.., and per interval `coverage_80`, `width_80`,
 * `interval_score_80` (named by nominal coverage in percent).
 */
export function quantileMetricRecord(metrics: QuantileMetrics): Record<string, number> {
  const out: Record<string, number> = {
    mean_pinball: metrics.meanPinball,
    crossing_rate: metrics.crossingRate,
  };
  for (const m of metrics.levels) out[`pinball_${quantileColumn(m.level)}`] = m.pinball;
  for (const m of metrics.intervals) {
    const p = percent(m.nominal);
    out[`coverage_${p}`] = m.coverage;
    out[`width_${p}`] = m.meanWidth;
    out[`interval_score_${p}`] = m.intervalScore;
  }
  return out;
}

/**
 * Returns nominal against observed frequency, the data of a calibration chart: one row per
 * level (`kind` "level": nominal level vs share of `actual <= q`) and per interval (`kind`
 * "interval": nominal vs observed coverage), with `label` (`q10`, `10-90`), and a `model`
 * column when `model` is given (stack several models' tables with `pl.concat`).
 */
export function calibrationTable(metrics: QuantileMetrics, model?: string): pl.DataFrame {
  const rows = [
    ...metrics.levels.map((m) => ({
      kind: "level",
      label: quantileColumn(m.level),
      nominal: m.level,
      observed: m.observed,
    })),
    ...metrics.intervals.map((m) => ({
      kind: "interval",
      label: `${percent(m.lower)}-${percent(m.upper)}`,
      nominal: m.nominal,
      observed: m.coverage,
    })),
  ];
  const frame = pl.DataFrame({
    kind: rows.map((r) => r.kind),
    label: rows.map((r) => r.label),
    nominal: rows.map((r) => r.nominal),
    observed: rows.map((r) => r.observed),
  });
  return model === undefined
    ? frame
    : frame.withColumns(pl.lit(model).alias("model")).select("model", ...frame.columns);
}
