/**
 * Walk-forward evaluation of multi-quantile models with conformalized quantile regression: in
 * every fold the training rows are split in time into a proper-training part and a calibration
 * part (the latest `calibrationFraction` of the dates, purged of overlapping labels), the model
 * is fitted on the first and its intervals widened or narrowed on the second, and the test block
 * is scored both raw and conformalised. Pooled out of fold, the conformal 10-90 interval should
 * cover about 80% of realised returns; the raw one often does not.
 * @module
 */
import pl from "nodejs-polars";
import { concatRows } from "../frames.ts";
import { walkForwardSplits } from "../validation/walk_forward.ts";
import type { WalkForwardOptions } from "../validation/walk_forward.ts";
import { daySeries } from "../validation/days.ts";
import { takeRows, takeValues } from "./matrix.ts";
import { selectColumns, SYMBOL_FEATURE, trainingData } from "./dataset.ts";
import { fitConformalQuantiles } from "./conformal.ts";
import { quantileColumn, rearrangeQuantiles } from "./quantiles.ts";
import type { MultiQuantileSpec, QuantilePredictions } from "./quantiles.ts";
import { calibrationTable, quantileMetricRecord, quantileMetrics } from "./quantile_metrics.ts";

/** Options of {@link walkForwardQuantiles}. */
export interface QuantileEvaluateOptions {
  /** Label horizon in days. */
  horizon: number;
  /** The multi-quantile model, fresh per fold. */
  model: MultiQuantileSpec;
  /** Fold layout, the same as the point models' so the results compare. */
  folds: WalkForwardOptions;
  /** Feature columns; defaults to every column of the features except `symbol` and `date`. */
  features?: readonly string[];
  /** Latest share of each fold's training dates used for calibration. Defaults to 0.2. */
  calibrationFraction?: number;
}

/** What {@link walkForwardQuantiles} measured. */
export interface QuantileEvaluation {
  /** Per (fold, variant raw|conformal): n and the flat metrics of `quantileMetricRecord`. */
  metrics: pl.DataFrame;
  /** Pooled per variant: the same metrics over every out-of-fold row. */
  summary: pl.DataFrame;
  /** Nominal against observed coverage (levels and intervals), pooled, per variant. */
  calibration: pl.DataFrame;
  /** Per fold: calibration rows, purged rows and each interval's conformal correction. */
  corrections: pl.DataFrame;
  /** Out-of-fold conformal quantiles: symbol, date, horizon, actual, q10..q90. */
  predictions: pl.DataFrame;
}

/**
 * Evaluates `options.model` on the walk-forward folds of `options.horizon` with per-fold
 * conformal calibration. Throws as `walkForwardEvaluate` does on missing columns or no rows, and
 * names the fold when a calibration split or fit fails.
 */
export function walkForwardQuantiles(
  features: pl.DataFrame,
  labels: pl.DataFrame,
  options: QuantileEvaluateOptions,
): QuantileEvaluation {
  const { horizon, model: spec } = options;
  const data = trainingData(features, labels, {
    horizon,
    features: options.features,
    symbolFeature: spec.symbolFeature,
  });
  const names = data.x.features.filter((f) => f !== SYMBOL_FEATURE);
  const x = selectColumns(data.x, spec.symbolFeature ? [...names, SYMBOL_FEATURE] : names);
  const y = data.forwardReturn;
  const folds = walkForwardSplits(data.date, data.labelEnd, options.folds);

  const metricRows: Record<string, unknown>[] = [];
  const correctionRows: Record<string, unknown>[] = [];
  const pooled = { raw: [] as QuantilePredictions[], conformal: [] as QuantilePredictions[] };
  // The test rows of every fold, in fold order, preallocated (a spread into push overflows the
  // call stack on a large universe).
  const testRows = new Int32Array(folds.reduce((n, fold) => n + fold.test.length, 0));
  let pooledRows = 0;
  for (const fold of folds) {
    let fit;
    try {
      fit = fitConformalQuantiles(spec, x, y, fold.train, data.date, data.labelEnd, {
        calibrationFraction: options.calibrationFraction,
      });
    } catch (error) {
      throw new Error(`horizon ${horizon}, fold ${fold.fold}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const xTest = takeRows(x, fold.test);
    const yTest = takeValues(y, fold.test);
    const raw = fit.model.predictQuantiles(xTest, { rearrange: false });
    const conformal = fit.predictQuantiles(xTest);
    for (const [variant, q] of [["raw", raw], ["conformal", conformal]] as const) {
      metricRows.push({
        fold: fold.fold,
        variant,
        n: fold.test.length,
        ...quantileMetricRecord(quantileMetrics(yTest, q)),
      });
      pooled[variant].push(q);
    }
    const row: Record<string, unknown> = {
      fold: fold.fold,
      n_calibration: fit.split.calibration.length,
      purged: fit.split.purged,
    };
    for (const p of fit.calibration.pairs) {
      row[`correction_${Math.round((p.upper - p.lower) * 100)}`] = p.correction;
    }
    correctionRows.push(row);
    testRows.set(fold.test, pooledRows);
    pooledRows += fold.test.length;
  }

  const actual = takeValues(y, testRows);
  const summaryRows: Record<string, unknown>[] = [];
  const calibrations: pl.DataFrame[] = [];
  const concatenated = {
    raw: concatQuantiles(pooled.raw),
    conformal: concatQuantiles(pooled.conformal),
  };
  for (const variant of ["raw", "conformal"] as const) {
    const m = quantileMetrics(actual, concatenated[variant]);
    summaryRows.push({ variant, n: m.n, ...quantileMetricRecord(m) });
    calibrations.push(calibrationTable(m, variant));
  }
  const conformal = rearrangeQuantiles(concatenated.conformal);
  const predictions = pl.DataFrame([
    pl.Series("symbol", Array.from(testRows, (i) => data.symbol[i]), pl.Utf8),
    daySeries("date", takeValues(data.date, testRows)),
    pl.Series("horizon", new Array(testRows.length).fill(horizon), pl.Int32),
    pl.Series("actual", actual, pl.Float64),
    ...conformal.levels.map((level, k) =>
      pl.Series(quantileColumn(level), conformal.values[k], pl.Float64)
    ),
  ]).sort(["date", "symbol"]);
  return {
    metrics: pl.DataFrame(metricRows),
    summary: pl.DataFrame(summaryRows),
    calibration: concatRows(calibrations),
    corrections: pl.DataFrame(correctionRows),
    predictions,
  };
}

function concatQuantiles(parts: readonly QuantilePredictions[]): QuantilePredictions {
  const levels = parts[0].levels;
  return {
    levels,
    values: levels.map((_, k) => {
      const total = parts.reduce((s, p) => s + p.values[k].length, 0);
      const out = new Float64Array(total);
      let at = 0;
      for (const p of parts) {
        out.set(p.values[k], at);
        at += p.values[k].length;
      }
      return out;
    }),
  };
}

/**
 * Returns the conformal rows of `walkForwardQuantiles(...).summary` (the intervals that are
 * served; the raw rows show what calibration changed).
 */
export function conformalSummary(summary: pl.DataFrame): pl.DataFrame {
  return summary.filter(pl.col("variant").eq(pl.lit("conformal")));
}
