import assert from "node:assert/strict";
import {
  championFiles,
  checkSavedModel,
  lightgbmText,
  modelArtifactFiles,
  parseModelJson,
  parseQuantileFile,
  QUANTILES_FILE,
} from "@lib/models/model_files.ts";
import type { SavedModel } from "@lib/models/model.ts";
import type { ConformalFit } from "@lib/models/conformal.ts";
import type { MultiQuantileModel } from "@lib/models/quantiles.ts";

Deno.test("modelArtifactFiles adds model.txt only for a LightGBM text state", () => {
  const ridge: SavedModel = { kind: "ridge", version: 1, features: ["a"], params: {}, state: {} };
  assert.deepEqual(Object.keys(modelArtifactFiles(ridge)), ["model.json"]);
  const booster = "tree\nversion=v4\nnum_class=1\n";
  const lgbm: SavedModel = { ...ridge, kind: "lightgbm", state: { modelText: booster } };
  assert.equal(lightgbmText(lgbm), booster);
  const files = modelArtifactFiles(lgbm, { "features.txt": "a" });
  assert.deepEqual(Object.keys(files), ["model.json", "model.txt", "features.txt"]);
  assert.equal(files["model.txt"], booster);
  assert.throws(() => modelArtifactFiles(ridge, { "model.json": "{}" }), /would replace/);
  assert.throws(() => modelArtifactFiles(ridge, { "../x": "" }), /must be relative/);
});

Deno.test("parseModelJson names the source and the bad field", () => {
  assert.throws(() => parseModelJson("{", "model.json of m"), /model.json of m is not JSON/);
  assert.throws(
    () => parseModelJson(JSON.stringify({ kind: "ridge", version: 1, params: {} }), "m"),
    /m is not a saved model: features Required/,
  );
});

Deno.test("checkSavedModel accepts the saved shape and names the problem otherwise", () => {
  const saved = { kind: "ols", version: 1, features: ["a"], params: {}, state: null };
  checkSavedModel(saved, "x");
  assert.throws(() => checkSavedModel({ ...saved, kind: "" }, "x"), /x is not a saved model: kind/);
  assert.throws(() => checkSavedModel(null, "x"), /x is not a saved model: \(root\)/);
});

Deno.test("championFiles without a quantile companion is empty", () => {
  assert.deepEqual(championFiles({ quantiles: undefined }), {});
});

Deno.test("championFiles stores an infinite correction as null and parseQuantileFile reads it back", () => {
  const saved: SavedModel = {
    kind: "multi_quantile",
    version: 1,
    features: ["a"],
    params: {},
    state: {},
  };
  const quantiles = {
    model: { save: () => saved } as unknown as MultiQuantileModel,
    calibration: {
      pairs: [
        { lower: 0.1, upper: 0.9, correction: 0.25, n: 40 },
        { lower: 0.25, upper: 0.75, correction: Infinity, n: 2 },
      ],
    },
  } as unknown as ConformalFit;
  const files = championFiles({ quantiles });
  assert.deepEqual(Object.keys(files), [QUANTILES_FILE]);
  const stored = JSON.parse(files[QUANTILES_FILE]);
  assert.equal(stored.calibration.pairs[1].correction, null);
  const back = parseQuantileFile(new TextEncoder().encode(files[QUANTILES_FILE]));
  assert.deepEqual(back.saved, saved);
  assert.deepEqual(back.conformal, quantiles.calibration);
});
