/**
 * A LightGBM training or validation Dataset built from a row-major float64 matrix. LightGBM bins
 * the values on construction and keeps no reference to the input, so the native Dataset is only
 * needed while a booster trains; `free()` (or a `using` block) releases it right after.
 * @internal
 * @module
 */
import type { FeatureMatrix } from "../matrix.ts";
import {
  check,
  cString,
  DTYPE_FLOAT32,
  DTYPE_FLOAT64,
  handleFrom,
  lightgbmLibrary,
  ROW_MAJOR,
} from "./ffi.ts";

/** A native LightGBM Dataset; free it when the booster has been trained. */
export class Dataset {
  /** Rows in the dataset. */
  readonly rows: number;
  /** Feature columns. */
  readonly cols: number;
  #handle: Deno.PointerObject | null;

  private constructor(handle: Deno.PointerObject, rows: number, cols: number) {
    this.#handle = handle;
    this.rows = rows;
    this.cols = cols;
  }

  /**
   * Returns a Dataset of `x` (NaN is missing) with labels `label`, binned with the LightGBM
   * `parameters` string; a validation set passes its training Dataset as `reference` so both
   * share the same bins.
   */
  static fromMatrix(
    x: FeatureMatrix,
    label: Float64Array,
    parameters: string,
    reference?: Dataset,
  ): Dataset {
    if (x.data.length !== x.rows * x.cols) {
      throw new Error(
        `feature matrix data has ${x.data.length} values, not rows x cols = ${x.rows} x ${x.cols}`,
      );
    }
    if (label.length !== x.rows) {
      throw new Error(`label has ${label.length} values for ${x.rows} feature rows`);
    }
    const out = new BigUint64Array(1);
    check(
      lightgbmLibrary().LGBM_DatasetCreateFromMat(
        x.data,
        DTYPE_FLOAT64,
        x.rows,
        x.cols,
        ROW_MAJOR,
        cString(parameters),
        reference ? reference.handle : null,
        out,
      ),
      "DatasetCreateFromMat",
    );
    const dataset = new Dataset(handleFrom(out, "DatasetCreateFromMat"), x.rows, x.cols);
    try {
      check(
        lightgbmLibrary().LGBM_DatasetSetField(
          dataset.handle,
          cString("label"),
          Float32Array.from(label),
          label.length,
          DTYPE_FLOAT32,
        ),
        "DatasetSetField(label)",
      );
    } catch (error) {
      dataset.free();
      throw error;
    }
    return dataset;
  }

  /** The native handle; throws once freed. */
  get handle(): Deno.PointerObject {
    if (!this.#handle) throw new Error("LightGBM dataset was already freed");
    return this.#handle;
  }

  /** Releases the native Dataset; later calls do nothing. */
  free(): void {
    if (!this.#handle) return;
    const handle = this.#handle;
    this.#handle = null;
    check(lightgbmLibrary().LGBM_DatasetFree(handle), "DatasetFree");
  }

  /** Frees the dataset at the end of a `using` block. */
  [Symbol.dispose](): void {
    this.free();
  }
}
