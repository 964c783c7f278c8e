/**
 * LightGBM's C library (`lib_lightgbm.so` from the PyPI wheel in the project venv) opened with
 * Deno FFI: the symbols this package calls, their C signatures (LightGBM 4.7 `c_api.h`) and the
 * error check every call goes through. Handles are opaque pointers; out-parameters are typed
 * arrays of length 1.
 * @internal
 * @module
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { projectPath } from "@lib/paths.ts";

/** `C_API_DTYPE_FLOAT32`: labels are passed as float32, as the python package does. */
export const DTYPE_FLOAT32 = 0;
/** `C_API_DTYPE_FLOAT64`: feature matrices are passed as float64. */
export const DTYPE_FLOAT64 = 1;
/** `C_API_IS_ROW_MAJOR`. */
export const ROW_MAJOR = 1;
/** `C_API_PREDICT_NORMAL`: transformed predictions (probabilities for classifiers). */
export const PREDICT_NORMAL = 0;
/** `C_API_FEATURE_IMPORTANCE_SPLIT`: times a feature is used to split. */
export const IMPORTANCE_SPLIT = 0;
/** `C_API_FEATURE_IMPORTANCE_GAIN`: total gain of the splits on a feature. */
export const IMPORTANCE_GAIN = 1;

const SYMBOLS = {
  // const char* LGBM_GetLastError()
  LGBM_GetLastError: { parameters: [], result: "pointer" },
  // (const void* data, int data_type, int32_t nrow, int32_t ncol, int is_row_major,
  //  const char* parameters, const DatasetHandle reference, DatasetHandle* out)
  LGBM_DatasetCreateFromMat: {
    parameters: ["buffer", "i32", "i32", "i32", "i32", "buffer", "pointer", "buffer"],
    result: "i32",
  },
  // (DatasetHandle handle, const char* field_name, const void* field_data, int num_element,
  //  int type)
  LGBM_DatasetSetField: {
    parameters: ["pointer", "buffer", "buffer", "i32", "i32"],
    result: "i32",
  },
  // (DatasetHandle handle)
  LGBM_DatasetFree: { parameters: ["pointer"], result: "i32" },
  // (const DatasetHandle train_data, const char* parameters, BoosterHandle* out)
  LGBM_BoosterCreate: { parameters: ["pointer", "buffer", "buffer"], result: "i32" },
  // (const char* model_str, int* out_num_iterations, BoosterHandle* out)
  LGBM_BoosterLoadModelFromString: { parameters: ["buffer", "buffer", "buffer"], result: "i32" },
  // (BoosterHandle handle)
  LGBM_BoosterFree: { parameters: ["pointer"], result: "i32" },
  // (BoosterHandle handle, const DatasetHandle valid_data)
  LGBM_BoosterAddValidData: { parameters: ["pointer", "pointer"], result: "i32" },
  // (BoosterHandle handle, int* is_finished)
  LGBM_BoosterUpdateOneIter: { parameters: ["pointer", "buffer"], result: "i32" },
  // (BoosterHandle handle, int* out_iteration)
  LGBM_BoosterGetCurrentIteration: { parameters: ["pointer", "buffer"], result: "i32" },
  // (BoosterHandle handle, int* out_len)
  LGBM_BoosterGetNumClasses: { parameters: ["pointer", "buffer"], result: "i32" },
  // (BoosterHandle handle, int* out_len)
  LGBM_BoosterGetNumFeature: { parameters: ["pointer", "buffer"], result: "i32" },
  // (BoosterHandle handle, int* out_len)
  LGBM_BoosterGetEvalCounts: { parameters: ["pointer", "buffer"], result: "i32" },
  // (BoosterHandle handle, int data_idx, int* out_len, double* out_results)
  LGBM_BoosterGetEval: { parameters: ["pointer", "i32", "buffer", "buffer"], result: "i32" },
  // (BoosterHandle handle, int num_row, int predict_type, int start_iteration,
  //  int num_iteration, int64_t* out_len)
  LGBM_BoosterCalcNumPredict: {
    parameters: ["pointer", "i32", "i32", "i32", "i32", "buffer"],
    result: "i32",
  },
  // (BoosterHandle handle, const void* data, int data_type, int32_t nrow, int32_t ncol,
  //  int is_row_major, int predict_type, int start_iteration, int num_iteration,
  //  const char* parameter, int64_t* out_len, double* out_result)
  LGBM_BoosterPredictForMat: {
    parameters: [
      "pointer",
      "buffer",
      "i32",
      "i32",
      "i32",
      "i32",
      "i32",
      "i32",
      "i32",
      "buffer",
      "buffer",
      "buffer",
    ],
    result: "i32",
  },
  // (BoosterHandle handle, int start_iteration, int num_iteration,
  //  int feature_importance_type, int64_t buffer_len, int64_t* out_len, char* out_str)
  LGBM_BoosterSaveModelToString: {
    parameters: ["pointer", "i32", "i32", "i32", "i64", "buffer", "buffer"],
    result: "i32",
  },
  // (BoosterHandle handle, int num_iteration, int importance_type, double* out_results)
  LGBM_BoosterFeatureImportance: {
    parameters: ["pointer", "i32", "i32", "buffer"],
    result: "i32",
  },
} as const;

/** The opened library's symbols, typed from their C signatures. */
export type LightGbmSymbols = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];

let library: Deno.DynamicLibrary<typeof SYMBOLS> | undefined;

const POLICY_ENV = "OMP_WAIT_POLICY";
const SPIN_ENV = "GOMP_SPINCOUNT";
const SPIN_COUNT = 10_000;

/**
 * Returns the path of `lib_lightgbm.so`: `$LIGHTGBM_LIB` when set, else the lightgbm wheel's
 * library under the project venv (`.venv/lib/python3.* /site-packages/lightgbm/lib/`).
 * Throws naming every path searched when none exists.
 */
export function lightgbmLibraryPath(): string {
  const override = Deno.env.get("LIGHTGBM_LIB");
  if (override) {
    if (!existsSync(override)) {
      throw new Error(`LIGHTGBM_LIB is set to "${override}", which does not exist`);
    }
    return override;
  }
  const venvLib = projectPath(".venv", "lib");
  const pythons = existsSync(venvLib)
    ? readdirSync(venvLib).filter((d) => d.startsWith("python3")).sort()
    : ["python3.11"];
  const searched = pythons.map((py) =>
    join(venvLib, py, "site-packages", "lightgbm", "lib", "lib_lightgbm.so")
  );
  const found = searched.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `LightGBM library not found; searched ${searched.join(", ")}. Install the python ` +
        `package (deno task setup creates the venv with lightgbm) or set LIGHTGBM_LIB to ` +
        `the path of lib_lightgbm.so`,
    );
  }
  return found;
}

/**
 * Returns the LightGBM symbols, opening the library on first use.
 *
 * Before the first open, `GOMP_SPINCOUNT` is set to 10,000 unless the environment sets it or
 * `OMP_WAIT_POLICY`. LightGBM's OpenMP threads spin while they wait for work, by default 300,000
 * times, and on a machine whose cores are busy with other processes the spinning threads take
 * turns with the ones doing the work. Walk-forward quantiles at 100 symbols, 2 threads on 2 cores:
 * idle, 8.4 s spinning without end (ACTIVE), 8.9 s at 10,000 spins, 14.8 s never spinning
 * (PASSIVE); beside two busy processes, 45.3 s, 52.7 s at the default 300,000, 27.5 s at 10,000 and
 * 19.2 s PASSIVE. The OpenMP runtime reads the variables once, when it is loaded with the library,
 * so they have to be set here, before `dlopen`.
 */
export function lightgbmLibrary(): LightGbmSymbols {
  if (!library && Deno.env.get(SPIN_ENV) === undefined && Deno.env.get(POLICY_ENV) === undefined) {
    Deno.env.set(SPIN_ENV, String(SPIN_COUNT));
  }
  library ??= Deno.dlopen(lightgbmLibraryPath(), SYMBOLS);
  return library.symbols;
}

/** Throws LightGBM's last error, prefixed by `what`, when `code` is not 0. */
export function check(code: number, what: string): void {
  if (code === 0) return;
  const message = lightgbmLibrary().LGBM_GetLastError();
  const text = message ? Deno.UnsafePointerView.getCString(message) : "unknown error";
  throw new Error(`LightGBM ${what} failed: ${text}`);
}

/** Returns `text` as a NUL-terminated UTF-8 buffer for a `const char*` parameter. */
export function cString(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${text}\0`);
}

/** Returns the handle a `Handle* out` parameter received, throwing if LightGBM left it null. */
export function handleFrom(out: BigUint64Array, what: string): Deno.PointerObject {
  const handle = Deno.UnsafePointer.create(out[0]);
  if (!handle) throw new Error(`LightGBM ${what} returned a null handle`);
  return handle;
}
