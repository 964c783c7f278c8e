/**
 * A LightGBM Booster handle: training one iteration at a time, evaluation on validation data,
 * prediction on a row-major float64 matrix, and the model text. The native booster is freed by
 * `dispose()`; a booster dropped without it is freed when garbage-collected
 * (FinalizationRegistry), so a forgotten model leaks nothing for long.
 * @internal
 * @module
 */
import type { Dataset } from "./dataset.ts";
import {
  check,
  cString,
  DTYPE_FLOAT64,
  handleFrom,
  IMPORTANCE_GAIN,
  IMPORTANCE_SPLIT,
  lightgbmLibrary,
  PREDICT_NORMAL,
  ROW_MAJOR,
} from "./ffi.ts";

const finalizer = new FinalizationRegistry<bigint>((address) => {
  const handle = Deno.UnsafePointer.create(address);
  if (handle) lightgbmLibrary().LGBM_BoosterFree(handle);
});

/** `"gain"` (total split gain) or `"split"` (number of splits), as LightGBM measures them. */
export type ImportanceType = "gain" | "split";

/** A native LightGBM booster; call `dispose()` when done with it. */
export class Booster {
  #handle: Deno.PointerObject | null;

  private constructor(handle: Deno.PointerObject) {
    this.#handle = handle;
    finalizer.register(this, Deno.UnsafePointer.value(handle) as bigint, this);
  }

  /** Returns a new booster that will train on `train` with the LightGBM `parameters` string. */
  static create(train: Dataset, parameters: string): Booster {
    const out = new BigUint64Array(1);
    check(
      lightgbmLibrary().LGBM_BoosterCreate(train.handle, cString(parameters), out),
      "BoosterCreate",
    );
    return new Booster(handleFrom(out, "BoosterCreate"));
  }

  /** Returns the booster described by LightGBM model text (`saveModelToString`'s output). */
  static fromString(model: string): Booster {
    const out = new BigUint64Array(1);
    const iterations = new Int32Array(1);
    check(
      lightgbmLibrary().LGBM_BoosterLoadModelFromString(cString(model), iterations, out),
      "BoosterLoadModelFromString",
    );
    return new Booster(handleFrom(out, "BoosterLoadModelFromString"));
  }

  /** The native handle; throws once disposed. */
  get handle(): Deno.PointerObject {
    if (!this.#handle) throw new Error("LightGBM booster was disposed");
    return this.#handle;
  }

  /** Adds a validation Dataset (built with the training set as reference); its index is 1, 2, ... */
  addValidData(valid: Dataset): void {
    check(
      lightgbmLibrary().LGBM_BoosterAddValidData(this.handle, valid.handle),
      "BoosterAddValidData",
    );
  }

  /** Trains one more iteration; returns true when no tree could split (training is finished). */
  updateOneIter(): boolean {
    const finished = new Int32Array(1);
    check(
      lightgbmLibrary().LGBM_BoosterUpdateOneIter(this.handle, finished),
      "BoosterUpdateOneIter",
    );
    return finished[0] === 1;
  }

  /** Returns the number of iterations trained (or loaded). */
  currentIteration(): number {
    return this.intOut("BoosterGetCurrentIteration");
  }

  /** Returns the number of classes (1 for regression and binary). */
  numClasses(): number {
    return this.intOut("BoosterGetNumClasses");
  }

  /** Returns the number of features the booster was trained on. */
  numFeatures(): number {
    return this.intOut("BoosterGetNumFeature");
  }

  /** Returns the current value of each metric on dataset `dataIndex` (0 training, 1.. valid). */
  evaluate(dataIndex: number): Float64Array {
    const count = this.intOut("BoosterGetEvalCounts");
    const results = new Float64Array(count);
    const len = new Int32Array(1);
    check(
      lightgbmLibrary().LGBM_BoosterGetEval(this.handle, dataIndex, len, results),
      "BoosterGetEval",
    );
    return results.subarray(0, len[0]);
  }

  /**
   * Returns the predictions for `rows x cols` row-major `data` (NaN is missing) from the first
   * `numIteration` iterations (`<= 0`: all): `rows` values, or `rows x classes` row-major.
   */
  predict(data: Float64Array, rows: number, cols: number, numIteration = 0): Float64Array {
    const lib = lightgbmLibrary();
    const expected = new BigInt64Array(1);
    check(
      lib.LGBM_BoosterCalcNumPredict(this.handle, rows, PREDICT_NORMAL, 0, numIteration, expected),
      "BoosterCalcNumPredict",
    );
    const out = new Float64Array(Number(expected[0]));
    const written = new BigInt64Array(1);
    check(
      lib.LGBM_BoosterPredictForMat(
        this.handle,
        data,
        DTYPE_FLOAT64,
        rows,
        cols,
        ROW_MAJOR,
        PREDICT_NORMAL,
        0,
        numIteration,
        cString(""),
        written,
        out,
      ),
      "BoosterPredictForMat",
    );
    if (Number(written[0]) !== out.length) {
      throw new Error(`LightGBM wrote ${written[0]} predictions; expected ${out.length}`);
    }
    return out;
  }

  /** Returns the LightGBM model text of the first `numIteration` iterations (`<= 0`: all). */
  saveModelToString(numIteration = 0): string {
    const lib = lightgbmLibrary();
    let buffer = new Uint8Array(1 << 20);
    const len = new BigInt64Array(1);
    const save = () =>
      check(
        lib.LGBM_BoosterSaveModelToString(
          this.handle,
          0,
          numIteration,
          IMPORTANCE_SPLIT,
          BigInt(buffer.length),
          len,
          buffer,
        ),
        "BoosterSaveModelToString",
      );
    save();
    if (Number(len[0]) > buffer.length) {
      buffer = new Uint8Array(Number(len[0]));
      save();
    }
    // out_len counts the terminating NUL.
    return new TextDecoder().decode(buffer.subarray(0, Number(len[0]) - 1));
  }

  /** Returns each feature's importance over the first `numIteration` iterations (`<= 0`: all). */
  featureImportance(type: ImportanceType, numIteration = 0): Float64Array {
    const out = new Float64Array(this.numFeatures());
    check(
      lightgbmLibrary().LGBM_BoosterFeatureImportance(
        this.handle,
        numIteration,
        type === "gain" ? IMPORTANCE_GAIN : IMPORTANCE_SPLIT,
        out,
      ),
      "BoosterFeatureImportance",
    );
    return out;
  }

  /** Frees the native booster; later calls do nothing. */
  dispose(): void {
    if (!this.#handle) return;
    const handle = this.#handle;
    this.#handle = null;
    finalizer.unregister(this);
    check(lightgbmLibrary().LGBM_BoosterFree(handle), "BoosterFree");
  }

  /** Disposes the booster at the end of a `using` block. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  private intOut(
    name:
      | "BoosterGetCurrentIteration"
      | "BoosterGetNumClasses"
      | "BoosterGetNumFeature"
      | "BoosterGetEvalCounts",
  ): number {
    const out = new Int32Array(1);
    check(lightgbmLibrary()[`LGBM_${name}`](this.handle, out), name);
    return out[0];
  }
}
