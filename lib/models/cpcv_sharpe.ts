/**
 * The distribution of out-of-sample Sharpe ratios of one model across the backtest paths of a
 * combinatorial purged cross-validation (validation/cpcv.ts): where walk-forward gives one
 * out-of-sample history, CPCV gives C(N-1, k-1), each from models that never saw its labels, so
 * the spread of their Sharpe ratios shows how much of one backtest is luck.
 *
 * The strategy scored on each path is the model's cross-sectional long-short: on every h-th
 * date (so the h-day returns do not overlap), long the top third of the symbols by prediction
 * and short the bottom third in equal weights, earning their h-day forward returns; with a
 * single symbol, the sign of the prediction times its forward return. Sharpe ratios are
 * annualised with 252 / h periods a year.
 * @module
 */
import pl from "nodejs-polars";
import { sharpeRatio } from "../performance/ratios.ts";
import { cpcvSplits } from "../validation/cpcv.ts";
import type { CpcvOptions } from "../validation/cpcv.ts";
import { takeRows, takeValues } from "./matrix.ts";
import type { ModelSpec } from "./model.ts";
import { selectColumns, SYMBOL_FEATURE, trainingData } from "./dataset.ts";

/** Options of {@link cpcvSharpe}. */
export interface CpcvSharpeOptions {
  /** The model to fit on every split (the champion). */
  spec: ModelSpec;
  /** Label horizon in days. */
  horizon: number;
  /** Feature columns; undefined for every column of the features. */
  features?: readonly string[];
  /** Groups, tested groups and embargo. */
  cpcv: CpcvOptions;
}

/** The path Sharpe ratios and their summary. */
export interface CpcvSharpe {
  /** Per path: path, sharpe, periods. */
  paths: pl.DataFrame;
  /** One row: model, splits, paths, mean, std, min, median, max, share_positive. */
  summary: pl.DataFrame;
}

/**
 * Fits `spec` on every CPCV split of the training rows at `horizon`, predicts the tested
 * groups, and returns each path's long-short Sharpe ratio. Returns `{ skipped }` with the
 * reason instead when the data cannot be cut into the groups asked for (too few dates).
 *
 * @example
 * ```ts ignore
 * const result = cpcvSharpe(features, labels, { spec: ridge(), horizon: 5, cpcv: { nGroups: 6, nTestGroups: 2 } });
 * if ("skipped" in result) console.log(result.skipped); else result.summary;
 * ```
 */
export function cpcvSharpe(
  features: pl.DataFrame,
  labels: pl.DataFrame,
  options: CpcvSharpeOptions,
): CpcvSharpe | { skipped: string } {
  const { spec, horizon } = options;
  const data = trainingData(features, labels, {
    horizon,
    features: options.features,
    symbolFeature: spec.symbolFeature ?? false,
  });
  let cv;
  try {
    cv = cpcvSplits(data.date, data.labelEnd, options.cpcv);
  } catch (error) {
    return { skipped: `CPCV cannot run on this data: ${(error as Error).message}` };
  }
  const names = data.x.features.filter((f) => spec.symbolFeature || f !== SYMBOL_FEATURE);
  const x = selectColumns(data.x, names);
  const y = data.forwardReturn;
  const predictions = Array.from({ length: cv.nPaths }, () => new Float64Array(y.length).fill(NaN));
  for (const split of cv.splits) {
    const model = spec.create();
    try {
      model.fit(takeRows(x, split.train), takeValues(y, split.train));
    } catch (error) {
      throw new Error(`CPCV split ${split.split}: ${(error as Error).message}`, { cause: error });
    }
    split.test.forEach((rows, j) => {
      const predicted = model.predict(takeRows(x, rows));
      const path = predictions[split.paths[j]];
      for (let r = 0; r < rows.length; r++) path[rows[r]] = predicted[r];
    });
  }
  const periodsPerYear = 252 / horizon;
  const sharpes: number[] = [];
  const periods: number[] = [];
  for (const path of predictions) {
    const returns = longShortReturns(data.date, path, y, horizon);
    sharpes.push(sharpeRatio(returns, { periodsPerYear }));
    periods.push(returns.length);
  }
  const finite = sharpes.filter(Number.isFinite).sort((a, b) => a - b);
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  const std = Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / (finite.length - 1));
  const mid = finite.length / 2;
  const median = finite.length % 2 === 1
    ? finite[Math.floor(mid)]
    : (finite[mid - 1] + finite[mid]) / 2;
  return {
    paths: pl.DataFrame({
      path: sharpes.map((_, p) => p),
      sharpe: sharpes,
      periods,
    }).withColumns(pl.col("path").cast(pl.Int32), pl.col("periods").cast(pl.Int32)),
    summary: pl.DataFrame({
      model: [spec.name],
      splits: [cv.splits.length],
      paths: [cv.nPaths],
      mean: [mean],
      std: [std],
      min: [finite[0] ?? NaN],
      median: [median],
      max: [finite[finite.length - 1] ?? NaN],
      share_positive: [finite.filter((s) => s > 0).length / Math.max(1, finite.length)],
    }),
  };
}

/**
 * The long-short return of every `horizon`-th date of rows in date order: long the top third by
 * `prediction`, short the bottom third (at least one each; one symbol: sign times return).
 */
export function longShortReturns(
  date: ArrayLike<number>,
  prediction: ArrayLike<number>,
  forward: ArrayLike<number>,
  horizon: number,
): Float64Array {
  const out: number[] = [];
  let start = 0;
  let dateIndex = 0;
  while (start < date.length) {
    let end = start;
    while (end < date.length && date[end] === date[start]) end++;
    if (dateIndex % horizon === 0) {
      const rows: number[] = [];
      for (let i = start; i < end; i++) if (Number.isFinite(prediction[i])) rows.push(i);
      if (rows.length === 1) {
        out.push(Math.sign(prediction[rows[0]]) * forward[rows[0]]);
      } else if (rows.length >= 2) {
        rows.sort((a, b) => prediction[b] - prediction[a] || a - b);
        const k = Math.max(1, Math.floor(rows.length / 3));
        let long = 0;
        let short = 0;
        for (let j = 0; j < k; j++) {
          long += forward[rows[j]];
          short += forward[rows[rows.length - 1 - j]];
        }
        out.push((long - short) / k);
      }
    }
    dateIndex++;
    start = end;
  }
  return Float64Array.from(out);
}

/** The training step's CPCV settings. */
export interface CpcvSettings {
  cpcv: { enabled: boolean; nGroups: number; nTestGroups: number };
  embargo: number;
}

/**
 * Runs {@link cpcvSharpe} as the training step asks (or skips it when `cpcv.enabled` is off)
 * and returns what its cell shows: a line, the summary table, the paths for the chart (empty
 * when skipped) and the metrics to log (`cpcv_sharpe_mean`, `_std`, `_min`, `_median`, `_max`,
 * `cpcv_paths`, `cpcv_share_positive`; none when skipped).
 */
export function cpcvReport(
  features: pl.DataFrame,
  labels: pl.DataFrame,
  options: Omit<CpcvSharpeOptions, "cpcv"> & { settings: CpcvSettings },
): { line: string; summary: pl.DataFrame; paths: pl.DataFrame; metrics: Record<string, number> } {
  const { cpcv, embargo } = options.settings;
  const empty = pl.DataFrame({ path: [], sharpe: [], periods: [] });
  if (!cpcv.enabled) {
    return {
      line: "CPCV is off (`cpcv.enabled: false`).",
      summary: pl.DataFrame({}),
      paths: empty,
      metrics: {},
    };
  }
  const result = cpcvSharpe(features, labels, {
    ...options,
    cpcv: { nGroups: cpcv.nGroups, nTestGroups: cpcv.nTestGroups, embargo },
  });
  if ("skipped" in result) {
    return {
      line: `Skipped: ${result.skipped}.`,
      summary: pl.DataFrame({}),
      paths: empty,
      metrics: {},
    };
  }
  const s = result.summary.toRecords()[0] as Record<string, number>;
  const metrics = Object.fromEntries(
    Object.entries({
      cpcv_sharpe_mean: s.mean,
      cpcv_sharpe_std: s.std,
      cpcv_sharpe_min: s.min,
      cpcv_sharpe_median: s.median,
      cpcv_sharpe_max: s.max,
      cpcv_paths: s.paths,
      cpcv_share_positive: s.share_positive,
    }).filter(([, v]) => Number.isFinite(v)),
  );
  const line = `${options.spec.name} on ${s.paths} CPCV paths (${s.splits} fits, N = ` +
    `${cpcv.nGroups}, k = ${cpcv.nTestGroups}): out-of-sample Sharpe ${s.mean.toFixed(2)} on ` +
    `average, from ${s.min.toFixed(2)} to ${s.max.toFixed(2)}; positive on ` +
    `${(100 * s.share_positive).toFixed(0)}% of the paths.`;
  return { line, summary: result.summary, paths: result.paths, metrics };
}
