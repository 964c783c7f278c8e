/**
 * The files a fitted model is stored as, and reading them back: pure functions, no I/O.
 *
 * Layout of a model's folder (e.g. `model/` among a run's artifacts):
 * - `model.json`: the {@link SavedModel} JSON that `loadModel` rebuilds the model from;
 * - `model.txt`: a LightGBM booster's text dump, when the saved state carries one (for reading
 *   in Python with `lightgbm.Booster(model_file=...)`; loading here uses `model.json` only);
 * - `quantiles.json`: the champion's quantile companion and its conformal corrections;
 * - any extra files the caller adds (a feature list, a metrics report).
 * @module
 */
import { z } from "zod";
import type { SavedModel } from "./model.ts";
import type { ConformalCalibration } from "./conformal.ts";
import type { ChampionFit } from "./fit_champion.ts";

/** Name of the model JSON inside a model's folder. */
export const MODEL_JSON = "model.json";
/** Name of the LightGBM text dump inside a model's folder. */
export const LIGHTGBM_TEXT = "model.txt";
/** Name of the file holding the quantile companion next to the registered model. */
export const QUANTILES_FILE = "quantiles.json";

/** File path (relative to the model's folder) to content. */
export type ModelFiles = Record<string, string | Uint8Array>;

/**
 * Returns the LightGBM model text carried in `saved.state` (the state itself when it is a
 * string, or a string property of it), or undefined. LightGBM's text format starts with
 * `tree\n`, which is how it is recognised without knowing the state's field names.
 */
export function lightgbmText(saved: SavedModel): string | undefined {
  const isBooster = (v: unknown): v is string => typeof v === "string" && /^tree\r?\n/.test(v);
  if (isBooster(saved.state)) return saved.state;
  if (saved.state !== null && typeof saved.state === "object") {
    for (const value of Object.values(saved.state as Record<string, unknown>)) {
      if (isBooster(value)) return value;
    }
  }
  return undefined;
}

/**
 * Returns the files a model is stored as: `model.json`, `model.txt` when the state carries a
 * LightGBM booster, and `extra`. Throws when an extra file would replace one of the first two
 * or its path leaves the folder.
 *
 * @example
 * ```ts
 * import { modelArtifactFiles } from "@lib/models/model_files.ts";
 * const saved = { kind: "ridge", version: 1, features: ["a"], params: {}, state: {} };
 * const files = modelArtifactFiles(saved, { "features.txt": "a\n" });
 * if (Object.keys(files).join() !== "model.json,features.txt") throw new Error("wrong files");
 * ```
 */
export function modelArtifactFiles(saved: SavedModel, extra: ModelFiles = {}): ModelFiles {
  checkSavedModel(saved, "saved model");
  const files: ModelFiles = { [MODEL_JSON]: JSON.stringify(saved) };
  const text = lightgbmText(saved);
  if (text !== undefined) files[LIGHTGBM_TEXT] = text;
  for (const [path, content] of Object.entries(extra)) {
    if (path in files) {
      throw new Error(`extra model file "${path}" would replace the model's own ${path}`);
    }
    if (path === "" || path.startsWith("/") || path.split("/").includes("..")) {
      throw new Error(`extra model file path "${path}" must be relative, without '..'`);
    }
    files[path] = content;
  }
  return files;
}

const savedModelSchema = z.object({
  kind: z.string().min(1),
  version: z.number(),
  features: z.array(z.string()),
  params: z.record(z.unknown()),
  state: z.unknown(),
});

/** Throws unless `value` has the shape of a {@link SavedModel}, naming `what` and the problem. */
export function checkSavedModel(value: unknown, what: string): asserts value is SavedModel {
  const parsed = savedModelSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${what} is not a saved model: ${issue.path.join(".") || "(root)"} ${issue.message}`,
    );
  }
}

/** Returns the {@link SavedModel} in the bytes of a `model.json`; throws naming `source`. */
export function parseModelJson(bytes: Uint8Array | string, source: string): SavedModel {
  const text = typeof bytes === "string" ? bytes : new TextDecoder().decode(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new Error(`${source} is not JSON (${String(cause)})`, { cause });
  }
  checkSavedModel(value, source);
  return value;
}

/** The quantile companion as stored: JSON has no Infinity, so a missing correction is null. */
interface QuantileBundle {
  saved: SavedModel;
  calibration: {
    pairs: (Omit<ConformalCalibration["pairs"][number], "correction"> & {
      correction: number | null;
    })[];
  };
}

/**
 * Returns the extra files logged with the champion: `quantiles.json` with the quantile model
 * and its conformal corrections (an infinite correction, from too few calibration rows, is
 * stored as null), or none without a quantile companion.
 */
export function championFiles(fit: Pick<ChampionFit, "quantiles">): Record<string, string> {
  if (!fit.quantiles) return {};
  const bundle: QuantileBundle = {
    saved: fit.quantiles.model.save(),
    calibration: {
      pairs: fit.quantiles.calibration.pairs.map((p) => ({
        ...p,
        correction: Number.isFinite(p.correction) ? p.correction : null,
      })),
    },
  };
  return { [QUANTILES_FILE]: JSON.stringify(bundle) };
}

/**
 * Returns the quantile model's saved state and the conformal corrections in the bytes of a
 * `quantiles.json` written by {@link championFiles} (a null correction reads as Infinity).
 */
export function parseQuantileFile(
  bytes: Uint8Array | string,
): { saved: SavedModel; conformal: ConformalCalibration } {
  const text = typeof bytes === "string" ? bytes : new TextDecoder().decode(bytes);
  const bundle = JSON.parse(text) as QuantileBundle;
  return {
    saved: bundle.saved,
    conformal: {
      pairs: bundle.calibration.pairs.map((p) => ({
        ...p,
        correction: p.correction ?? Infinity,
      })),
    },
  };
}
