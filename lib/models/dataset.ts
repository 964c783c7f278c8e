/**
 * The rows a horizon can train on: features joined to that horizon's labels, rows with a
 * missing feature or label left out and counted, as a feature matrix with each row's symbol,
 * date and label span, ready for walk-forward splits.
 * @module
 */
import pl from "nodejs-polars";
import { dayNumbers } from "../validation/days.ts";
import { floatValues } from "../frames.ts";
import { checkFeatureColumns, takeValues } from "./matrix.ts";
import type { FeatureMatrix } from "./matrix.ts";

/** Name of the optional feature holding each row's symbol as an integer code. */
export const SYMBOL_FEATURE = "symbol_id";

/** Options of {@link trainingData}. */
export interface TrainingDataOptions {
  /** Label horizon in days; the labels need `fwd_ret_{h}` and `label_end_{h}`. */
  horizon: number;
  /** Feature columns; defaults to every column of the features except `symbol` and `date`. */
  features?: readonly string[];
  /**
   * Adds {@link SYMBOL_FEATURE}, the symbol's index in the sorted list of `symbols` (or of the
   * symbols present), for models that treat it as a categorical feature. Defaults to false.
   */
  symbolFeature?: boolean;
  /** The symbol coding of {@link SYMBOL_FEATURE}; defaults to the sorted symbols present. */
  symbols?: readonly string[];
  /** Also drops rows without an action class (`missing_action`), for the action task. */
  requireAction?: boolean;
}

/** The complete rows of one horizon, in (date, symbol) order. */
export interface TrainingData {
  /** Label horizon in days. */
  horizon: number;
  /** Feature matrix of the kept rows (with {@link SYMBOL_FEATURE} last when requested). */
  x: FeatureMatrix;
  /** Forward return over the horizon, per kept row. */
  forwardReturn: Float64Array;
  /** Action class (-2..2) per kept row, `NaN` where the labels have none or no action column. */
  action: Float64Array;
  /** Symbol per kept row. */
  symbol: string[];
  /** Day number of each kept row's date. */
  date: Float64Array;
  /** Day number of each kept row's label end (the span's t1). */
  labelEnd: Float64Array;
  /** The symbol coding used by {@link SYMBOL_FEATURE} (sorted). */
  symbols: string[];
  /** Rows left out, by reason: `missing_feature`, `missing_label` (and `missing_action`). */
  dropped: { reason: string; rows: number }[];
}

/**
 * Returns the rows of `features` joined to `labels` at `horizon` that have every feature and
 * the label. Throws naming a missing key, feature or label column, or when no row is left.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { trainingData } from "@lib/models/dataset.ts";
 * const date = [new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2020, 0, 2))];
 * const features = pl.DataFrame({ symbol: ["a", "a"], date, f: [1, null] });
 * const labels = pl.DataFrame({ symbol: ["a", "a"], date, fwd_ret_1: [0.1, 0.2], label_end_1: date });
 * const data = trainingData(features, labels, { horizon: 1 });
 * if (data.x.rows !== 1 || data.dropped[0].rows !== 1) throw new Error("warm-up row not dropped");
 * ```
 */
export function trainingData(
  features: pl.DataFrame,
  labels: pl.DataFrame,
  options: TrainingDataOptions,
): TrainingData {
  const { horizon } = options;
  if (features.height === 0) throw new Error("the features frame has no rows");
  for (const key of ["symbol", "date"]) {
    if (!features.columns.includes(key)) {
      throw new Error(`the features frame has no "${key}" column`);
    }
    if (!labels.columns.includes(key)) throw new Error(`the labels frame has no "${key}" column`);
  }
  const names = [
    ...(options.features ?? features.columns.filter((c) => c !== "symbol" && c !== "date")),
  ].filter((f) => f !== SYMBOL_FEATURE);
  const returnColumn = `fwd_ret_${horizon}`;
  const endColumn = `label_end_${horizon}`;
  for (const c of [returnColumn, endColumn]) {
    if (!labels.columns.includes(c)) {
      throw new Error(
        `the labels frame has no column "${c}" (columns: ${labels.columns.join(", ")})`,
      );
    }
  }
  const actionColumn = `action_${horizon}`;
  const labelColumns = [returnColumn, endColumn];
  if (labels.columns.includes(actionColumn)) labelColumns.push(actionColumn);

  const joined = features
    .select("symbol", "date", ...names.filter((f) => features.columns.includes(f)))
    .join(labels.select("symbol", "date", ...labelColumns), { on: ["symbol", "date"], how: "left" })
    .sort(["date", "symbol"]);
  checkFeatureColumns(joined, names);
  if (options.requireAction && !labelColumns.includes(actionColumn)) {
    throw new Error(`the labels frame has no column "${actionColumn}" for the action task`);
  }
  // Every column crosses from polars once as a typed array; the rows are picked in JS.
  const rows = joined.height;
  const columns = names.map((f) => floatValues(joined, f));
  const { distinct, index } = symbolIndex(joined);
  const symbols = [...(options.symbols ?? [...distinct].sort())];
  let codes: Float64Array | undefined;
  if (options.symbolFeature) {
    const coding = new Map(symbols.map((sym, i) => [sym, i]));
    const codeOf = distinct.map((sym) => coding.get(sym) ?? NaN);
    codes = Float64Array.from(index, (k) => codeOf[k]);
  }
  const y = floatValues(joined, returnColumn);
  const ends = dayNumbers(joined.getColumn(endColumn));
  const action = labelColumns.includes(actionColumn)
    ? floatValues(joined, actionColumn)
    : new Float64Array(rows).fill(NaN);
  const dates = dayNumbers(joined.getColumn("date"));

  const kept: number[] = [];
  let missingFeature = 0;
  let missingLabel = 0;
  let missingAction = 0;
  for (let i = 0; i < rows; i++) {
    let complete = codes === undefined || !Number.isNaN(codes[i]);
    for (let j = 0; complete && j < columns.length; j++) complete = !Number.isNaN(columns[j][i]);
    if (!complete) missingFeature++;
    else if (!Number.isFinite(y[i]) || !Number.isFinite(ends[i])) missingLabel++;
    else if (options.requireAction && !Number.isFinite(action[i])) missingAction++;
    else kept.push(i);
  }
  if (kept.length === 0) {
    throw new Error(
      `horizon ${horizon}: no rows left after dropping ${missingFeature} with a missing feature ` +
        `and ${missingLabel} with a missing label` +
        (options.requireAction ? ` and ${missingAction} without an action class` : ""),
    );
  }
  const matrixColumns = codes ? [...columns, codes] : columns;
  const cols = matrixColumns.length;
  const data = new Float64Array(kept.length * cols);
  for (let r = 0; r < kept.length; r++) {
    const i = kept[r];
    for (let j = 0; j < cols; j++) data[r * cols + j] = matrixColumns[j][i];
  }
  return {
    horizon,
    x: {
      data,
      rows: kept.length,
      cols,
      features: codes ? [...names, SYMBOL_FEATURE] : [...names],
    },
    forwardReturn: takeValues(y, kept),
    action: takeValues(action, kept),
    symbol: kept.map((i) => distinct[index[i]]),
    date: takeValues(dates, kept),
    labelEnd: takeValues(ends, kept),
    symbols,
    dropped: [
      { reason: "missing_feature", rows: missingFeature },
      { reason: "missing_label", rows: missingLabel },
      ...(options.requireAction ? [{ reason: "missing_action", rows: missingAction }] : []),
    ],
  };
}

/**
 * The distinct symbols of `frame` and each row's position among them, found by polars (a join
 * on a small table) so no per-row string crosses into JS.
 */
function symbolIndex(frame: pl.DataFrame): { distinct: string[]; index: Float64Array } {
  const distinct = frame.getColumn("symbol").cast(pl.Utf8).unique().toArray() as string[];
  const table = pl.DataFrame([
    pl.Series("symbol", distinct, pl.Utf8),
    pl.Series("__symbol_index", distinct.map((_, i) => i), pl.Float64),
  ]);
  const joined = frame
    .select(pl.col("symbol").cast(pl.Utf8))
    .withRowIndex("__row")
    .join(table, { on: "symbol", how: "left" })
    .sort("__row");
  return { distinct, index: floatValues(joined, "__symbol_index") };
}

/** Returns the columns of `x` named `features`, in that order (a view for one model's inputs). */
export function selectColumns(x: FeatureMatrix, features: readonly string[]): FeatureMatrix {
  const index = features.map((f) => {
    const j = x.features.indexOf(f);
    if (j < 0) {
      throw new Error(`feature column "${f}" is not in the matrix (${x.features.join(", ")})`);
    }
    return j;
  });
  if (index.every((j, k) => j === k) && index.length === x.cols) return x;
  const cols = index.length;
  const data = new Float64Array(x.rows * cols);
  for (let i = 0; i < x.rows; i++) {
    for (let k = 0; k < cols; k++) data[i * cols + k] = x.data[i * x.cols + index[k]];
  }
  return { data, rows: x.rows, cols, features: [...features] };
}
