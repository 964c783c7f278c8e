/**
 * Row-major feature matrices on a `Float64Array`, the form models consume.
 * @module
 */
import type pl from "nodejs-polars";
import { floatValues } from "../frames.ts";

/** `rows x features.length` values, row-major: value (i, j) is `data[i * cols + j]`. */
export interface FeatureMatrix {
  /** Row-major values; missing values are `NaN`. */
  data: Float64Array;
  /** Number of rows. */
  rows: number;
  /** Number of columns (`features.length`). */
  cols: number;
  /** Column names. */
  features: readonly string[];
}

/**
 * Returns the columns `features` of `frame` as a {@link FeatureMatrix} (nulls become `NaN`).
 * Throws naming the first feature column the frame lacks.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { featureMatrix } from "@lib/models/matrix.ts";
 * const m = featureMatrix(pl.DataFrame({ a: [1, 2], b: [3, 4] }), ["a", "b"]);
 * if (m.data.join() !== "1,3,2,4") throw new Error("not row-major");
 * ```
 */
export function featureMatrix(frame: pl.DataFrame, features: readonly string[]): FeatureMatrix {
  checkFeatureColumns(frame, features);
  const rows = frame.height;
  const cols = features.length;
  const data = new Float64Array(rows * cols);
  features.forEach((f, j) => {
    const values = floatValues(frame, f);
    for (let i = 0; i < rows; i++) data[i * cols + j] = values[i];
  });
  return { data, rows, cols, features: [...features] };
}

/** Throws unless `features` is non-empty and every one is a column of `frame`, naming the first missing. */
export function checkFeatureColumns(frame: pl.DataFrame, features: readonly string[]): void {
  if (features.length === 0) throw new Error("no feature columns given");
  const have = new Set(frame.columns);
  const missing = features.find((f) => !have.has(f));
  if (missing !== undefined) {
    throw new Error(
      `feature column "${missing}" is not in the frame (columns: ${frame.columns.join(", ")})`,
    );
  }
}

/** Returns the rows `index` of `x` as a new matrix. */
export function takeRows(x: FeatureMatrix, index: ArrayLike<number>): FeatureMatrix {
  const data = new Float64Array(index.length * x.cols);
  for (let r = 0; r < index.length; r++) {
    const from = index[r] * x.cols;
    data.set(x.data.subarray(from, from + x.cols), r * x.cols);
  }
  return { data, rows: index.length, cols: x.cols, features: x.features };
}

/** Returns `values[index[r]]` for each r. */
export function takeValues(values: Float64Array, index: ArrayLike<number>): Float64Array {
  const out = new Float64Array(index.length);
  for (let r = 0; r < index.length; r++) out[r] = values[index[r]];
  return out;
}

/** Returns true for each row of `x` with no `NaN`. */
export function completeRows(x: FeatureMatrix): Uint8Array {
  const ok = new Uint8Array(x.rows).fill(1);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      if (Number.isNaN(x.data[i * x.cols + j])) {
        ok[i] = 0;
        break;
      }
    }
  }
  return ok;
}
