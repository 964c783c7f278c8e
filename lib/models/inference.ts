/**
 * Inference: a fitted model (for instance one loaded from the registry by alias) applied to a
 * features frame, giving the predictions frame later steps read, and an idempotent upsert of
 * those predictions into a Parquet file.
 *
 * `p_up`, the probability of a positive forward return, comes from
 * - a classifier's `predictProba`: P(class 1) for the direction task; for the action task
 *   (classes 0..4 = strong sell .. strong buy) P(buy) + P(strong buy) + P(hold) / 2, since a hold
 *   is a small return of either sign (classes missing from training count as probability 0);
 * - otherwise quantile predictions: `1 - F(0)`, where F is the predictive CDF through the points
 *   (q_k, level_k), linear between them; below the lowest and above the highest quantile, F
 *   continues with the slope of the outermost segment, clamped to [0, level_1] and [level_K, 1].
 *   One quantile level alone gives no `p_up` (null).
 * With neither, `p_up` is null.
 * @module
 */
import pl from "nodejs-polars";
import { featureMatrix } from "./matrix.ts";
import type { FeatureMatrix } from "./matrix.ts";
import { isClassifier } from "./model.ts";
import type { Model } from "./model.ts";
import { SYMBOL_FEATURE } from "./dataset.ts";
import { taskPrediction } from "./tasks.ts";
import type { Task } from "./tasks.ts";
import { quantileColumn, rearrangeQuantiles } from "./quantiles.ts";
import type { QuantilePredictions } from "./quantiles.ts";
import { applyConformal } from "./conformal.ts";
import type { ConformalCalibration } from "./conformal.ts";
import { readParquetFile, writeParquetAtomic } from "../data/parquet.ts";

/** Anything that predicts several quantiles per row, such as `MultiQuantileModel`. */
export interface QuantilePredictor {
  /** Feature names it was fitted on. */
  readonly features: readonly string[];
  /** Returns one array per level (see {@link QuantilePredictions}). */
  predictQuantiles(x: FeatureMatrix): QuantilePredictions;
}

/** Options of {@link predictFrame}. */
export interface PredictOptions {
  /** Label horizon in days the model predicts. */
  horizon: number;
  /** The `model` column. Defaults to the model's kind. */
  name?: string;
  /** The `version` column (e.g. the registry version). Defaults to null. */
  version?: string | null;
  /** Gives the `q..` columns (`q10`, `q25`, ...) and, for a regressor, `p_up`. */
  quantileModel?: QuantilePredictor;
  /** CQR corrections applied to the quantile model's intervals (see conformal.ts). */
  conformal?: ConformalCalibration;
  /**
   * How a classifier's probabilities become `prediction`, as in walk-forward evaluation:
   * `"direction"` gives P(class 1), `"action"` the expected action score. Defaults to
   * `"direction"` for classes {0, 1} and `"action"` otherwise. Ignored for regressors.
   */
  task?: Task;
  /** The symbol coding of the `symbol_id` feature, for models trained with it (sorted symbols). */
  symbols?: readonly string[];
}

/** The key of a predictions row: one prediction per symbol, date, horizon and model. */
export const PREDICTION_KEYS = ["symbol", "date", "horizon", "model"] as const;

/**
 * Returns the predictions of `model` for every row of `features` (symbol, date, the model's
 * feature columns): symbol, date, horizon (Int32), model, version, prediction, a `q..` column per
 * quantile level when `quantileModel` is given, and p_up (see the module doc). A row with a
 * missing feature gets null predictions, as training drops such rows. Throws naming a feature
 * column the frame lacks.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { RidgeRegression } from "@lib/models/linear/ridge.ts";
 * import { predictFrame } from "@lib/models/inference.ts";
 * const model = new RidgeRegression({ alpha: 0 });
 * model.fit({ data: new Float64Array([0, 1, 2]), rows: 3, cols: 1, features: ["x"] }, new Float64Array([0, 2, 4]));
 * const features = pl.DataFrame({ symbol: ["a"], date: [new Date("2020-01-02")], x: [3] });
 * const out = predictFrame(model, features, { horizon: 5 });
 * if (Math.abs((out.getColumn("prediction").get(0) as number) - 6) > 1e-9) throw new Error();
 * ```
 */
export function predictFrame(
  model: Model,
  features: pl.DataFrame,
  options: PredictOptions,
): pl.DataFrame {
  const { horizon } = options;
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new Error(`horizon must be a positive integer; got ${horizon}`);
  }
  for (const key of ["symbol", "date"]) {
    if (!features.columns.includes(key)) {
      throw new Error(
        `the features frame has no "${key}" column (columns: ${features.columns.join(", ")})`,
      );
    }
  }
  const rows = features.height;
  const symbol = features.getColumn("symbol").cast(pl.Utf8).toArray() as string[];
  const x = inputs(features, model.features, symbol, options.symbols);
  const complete = completeMask(x);

  let prediction: Float64Array;
  let pUp: Float64Array = new Float64Array(rows).fill(NaN);
  if (isClassifier(model)) {
    const proba = predictComplete(x, complete, model.classes.length, (m) => model.predictProba(m));
    const task = options.task ?? (isBinary(model.classes) ? "direction" : "action");
    prediction = taskPrediction.value(task, model.classes, proba);
    pUp = upProbability(task, model.classes, proba);
  } else {
    prediction = predictComplete(x, complete, 1, (m) => model.predict(m));
  }

  const columns: pl.Series[] = [];
  if (options.quantileModel) {
    const qm = options.quantileModel;
    const qx = inputs(features, qm.features, symbol, options.symbols);
    let q = quantilesComplete(qm, qx, completeMask(qx));
    if (options.conformal) q = applyConformal(q, options.conformal);
    else q = rearrangeQuantiles(q);
    for (let k = 0; k < q.levels.length; k++) {
      columns.push(floatSeries(quantileColumn(q.levels[k]), q.values[k]));
    }
    if (!isClassifier(model)) {
      const row = new Float64Array(q.levels.length);
      for (let i = 0; i < rows; i++) {
        for (let k = 0; k < row.length; k++) row[k] = q.values[k][i];
        pUp[i] = probabilityPositive(q.levels, row);
      }
    }
  }

  return pl.DataFrame([
    pl.Series("symbol", symbol, pl.Utf8),
    features.getColumn("date").cast(pl.Date).alias("date"),
    pl.Series("horizon", new Array(rows).fill(horizon), pl.Int32),
    pl.Series("model", new Array(rows).fill(options.name ?? model.kind), pl.Utf8),
    pl.Series("version", new Array(rows).fill(options.version ?? null), pl.Utf8),
    floatSeries("prediction", prediction),
    ...columns,
    floatSeries("p_up", pUp),
  ]);
}

/**
 * Returns P(return > 0) from quantile values `q` (ascending) at `levels` (ascending): `1 - F(0)`
 * with F linear through the points and extended by the outermost slopes (see the module doc).
 * NaN when a value is missing or there is one level only.
 *
 * @example
 * ```ts
 * import { probabilityPositive } from "@lib/models/inference.ts";
 * // 0 lies a quarter of the way from q25 = -0.01 to q50 = 0.03: F(0) = 0.25 + 0.25 x 0.25
 * const p = probabilityPositive([0.1, 0.25, 0.5, 0.75, 0.9], [-0.05, -0.01, 0.03, 0.05, 0.08]);
 * if (Math.abs(p - 0.6875) > 1e-12) throw new Error(String(p));
 * ```
 */
export function probabilityPositive(levels: readonly number[], q: ArrayLike<number>): number {
  const k = levels.length;
  if (k < 2 || q.length !== k) return NaN;
  for (let j = 0; j < k; j++) if (!Number.isFinite(q[j])) return NaN;
  let cdf: number;
  if (0 < q[0]) {
    const slope = (levels[1] - levels[0]) / (q[1] - q[0]);
    cdf = Number.isFinite(slope) ? Math.max(0, levels[0] - q[0] * slope) : 0;
  } else if (0 > q[k - 1]) {
    const slope = (levels[k - 1] - levels[k - 2]) / (q[k - 1] - q[k - 2]);
    cdf = Number.isFinite(slope) ? Math.min(1, levels[k - 1] - q[k - 1] * slope) : 1;
  } else {
    // Quantiles equal to 0 span a flat stretch of levels: take its middle.
    const at = [];
    for (let j = 0; j < k; j++) if (q[j] === 0) at.push(levels[j]);
    if (at.length > 0) {
      cdf = (at[0] + at[at.length - 1]) / 2;
    } else {
      let j = 0;
      while (q[j + 1] < 0) j++;
      cdf = levels[j] + (levels[j + 1] - levels[j]) * (0 - q[j]) / (q[j + 1] - q[j]);
    }
  }
  return 1 - cdf;
}

/**
 * Returns P(up) per row of classifier probabilities `proba` (row-major over `classes`): P(class 1)
 * for `direction`; for `action` (classes 0..4, hold = 2) the buy classes plus half of hold.
 *
 * @example
 * ```ts
 * import { upProbability } from "@lib/models/inference.ts";
 * const p = upProbability("action", [0, 1, 2, 3, 4], new Float64Array([0.1, 0.2, 0.4, 0.2, 0.1]));
 * if (Math.abs(p[0] - 0.5) > 1e-12) throw new Error(String(p[0]));
 * ```
 */
export function upProbability(
  task: Task,
  classes: readonly number[],
  proba: Float64Array,
): Float64Array {
  const k = classes.length;
  const rows = k === 0 ? 0 : proba.length / k;
  const hold = 2;
  const weight = classes.map((c) =>
    task === "direction" ? (c === 1 ? 1 : 0) : c > hold ? 1 : c === hold ? 0.5 : 0
  );
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += weight[c] * proba[i * k + c];
    out[i] = s;
  }
  return out;
}

/**
 * Upserts `predictions` into the Parquet file at `path`, keyed by (symbol, date, horizon,
 * model): rows of the file with a key in `predictions` are replaced, other rows kept, new keys
 * added; the result is sorted by the key and replaces the file atomically. Writing the same
 * predictions twice leaves the file byte-identical. Columns missing on either side are null
 * there. Throws on a missing key column or a key repeated in `predictions`. Returns the frame
 * written.
 */
export async function writePredictions(
  path: string,
  predictions: pl.DataFrame,
): Promise<pl.DataFrame> {
  const incoming = normaliseKeys(predictions, "the predictions");
  const dupes = incoming.groupBy([...PREDICTION_KEYS]).len().filter(pl.col("len").gt(1));
  if (dupes.height > 0) {
    const row = dupes.row(0);
    throw new Error(
      `the predictions repeat the key (symbol, date, horizon, model) = (${row.slice(0, 4)}) ` +
        `${row[4]} times`,
    );
  }
  let merged = incoming;
  if (await exists(path)) {
    const existing = normaliseKeys(readParquetFile(path), path);
    const kept = existing.join(incoming.select(...PREDICTION_KEYS), {
      on: [...PREDICTION_KEYS],
      how: "anti",
    });
    const aligned = castLike(incoming, existing);
    merged = kept.height === 0 ? aligned : pl.concat([kept, aligned], { how: "diagonal" });
    const order = [
      ...existing.columns,
      ...aligned.columns.filter((c) => !existing.columns.includes(c)),
    ];
    merged = merged.select(...order);
  }
  merged = merged.sort([...PREDICTION_KEYS]);
  await writeParquetAtomic(merged, path);
  return merged;
}

function normaliseKeys(frame: pl.DataFrame, what: string): pl.DataFrame {
  for (const key of PREDICTION_KEYS) {
    if (!frame.columns.includes(key)) {
      throw new Error(`${what} have no "${key}" column (columns: ${frame.columns.join(", ")})`);
    }
  }
  return frame.withColumns(
    pl.col("symbol").cast(pl.Utf8),
    pl.col("date").cast(pl.Date),
    pl.col("horizon").cast(pl.Int32),
    pl.col("model").cast(pl.Utf8),
  );
}

/** `frame` with each column also in `like` cast to `like`'s type, so the two concatenate. */
function castLike(frame: pl.DataFrame, like: pl.DataFrame): pl.DataFrame {
  const casts = frame.columns
    .filter((c) =>
      like.columns.includes(c) && !frame.getColumn(c).dtype.equals(like.getColumn(c).dtype)
    )
    .map((c) => pl.col(c).cast(like.getColumn(c).dtype));
  return casts.length === 0 ? frame : frame.withColumns(...casts);
}

function inputs(
  frame: pl.DataFrame,
  features: readonly string[],
  symbol: readonly string[],
  symbols: readonly string[] | undefined,
): FeatureMatrix {
  if (features.length === 0) throw new Error("the model is not fitted: it has no features");
  if (!features.includes(SYMBOL_FEATURE) || frame.columns.includes(SYMBOL_FEATURE)) {
    return featureMatrix(frame, features);
  }
  if (!symbols) {
    throw new Error(
      `the model uses the "${SYMBOL_FEATURE}" feature: pass options.symbols, the symbol coding ` +
        "it was trained with",
    );
  }
  const code = new Map(symbols.map((s, i) => [s, i]));
  const withCode = frame.withColumns(
    pl.Series(SYMBOL_FEATURE, symbol.map((s) => code.get(s) ?? NaN), pl.Float64),
  );
  return featureMatrix(withCode, features);
}

function completeMask(x: FeatureMatrix): Uint8Array {
  const ok = new Uint8Array(x.rows).fill(1);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      if (!Number.isFinite(x.data[i * x.cols + j])) {
        ok[i] = 0;
        break;
      }
    }
  }
  return ok;
}

function completeIndex(complete: Uint8Array): number[] {
  const index: number[] = [];
  complete.forEach((ok, i) => ok && index.push(i));
  return index;
}

function subset(x: FeatureMatrix, index: readonly number[]): FeatureMatrix {
  const data = new Float64Array(index.length * x.cols);
  index.forEach((from, r) =>
    data.set(x.data.subarray(from * x.cols, (from + 1) * x.cols), r * x.cols)
  );
  return { data, rows: index.length, cols: x.cols, features: x.features };
}

/** Runs `predict` on the complete rows only; `width` values per row, NaN for the others. */
function predictComplete(
  x: FeatureMatrix,
  complete: Uint8Array,
  width: number,
  predict: (m: FeatureMatrix) => Float64Array,
): Float64Array {
  const out = new Float64Array(x.rows * width).fill(NaN);
  const index = completeIndex(complete);
  if (index.length === 0) return out;
  const got = predict(subset(x, index));
  index.forEach((i, r) => out.set(got.subarray(r * width, (r + 1) * width), i * width));
  return out;
}

function quantilesComplete(
  qm: QuantilePredictor,
  x: FeatureMatrix,
  complete: Uint8Array,
): QuantilePredictions {
  const index = completeIndex(complete);
  const got = index.length > 0 ? qm.predictQuantiles(subset(x, index)) : undefined;
  const levels = got?.levels ?? levelsOf(qm);
  const values = levels.map((_, k) => {
    const v = new Float64Array(x.rows).fill(NaN);
    if (got) index.forEach((i, r) => (v[i] = got.values[k][r]));
    return v;
  });
  return { levels, values };
}

function levelsOf(qm: QuantilePredictor): readonly number[] {
  const levels = (qm as Partial<{ levels: readonly number[] }>).levels;
  if (!levels) throw new Error("no complete feature row to predict quantiles for");
  return levels;
}

function isBinary(classes: readonly number[]): boolean {
  return classes.length === 2 && classes[0] === 0 && classes[1] === 1;
}

function floatSeries(name: string, values: Float64Array): pl.Series {
  return pl.Series(name, Array.from(values, (v) => (Number.isFinite(v) ? v : null)), pl.Float64);
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
