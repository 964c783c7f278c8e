/**
 * LightGBM over Deno FFI against python lightgbm (same wheel, same C library): on seeded data
 * with NaNs and a categorical symbol id, each objective trained with the same parameters
 * (deterministic, one thread) must give bit-identical predictions to python's `lightgbm.train`
 * (tolerance 0: both call the same library with the same inputs and parameters), the same gain
 * and split importances, and with early stopping the same best iteration.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { projectPath } from "@lib/paths.ts";
import { walkForwardEvaluate } from "@lib/models/evaluate.ts";
import type { FeatureMatrix } from "@lib/models/matrix.ts";
import { seededRandom } from "@lib/models/sample.ts";
import { isClassifier } from "@lib/models/model.ts";
import { loadModel, modelLoaders } from "@lib/models/registry.ts";
import {
  LightGbm,
  lightgbm,
  LightGbmClassifier,
  type LightGbmOptions,
  lightgbmParameters,
} from "@lib/models/lightgbm/model.ts";
import { lightgbmLibraryPath } from "@lib/models/lightgbm/ffi.ts";

const TOLERANCE = 0;
const ROWS = 3000;
const FEATURES = ["x0", "x1", "x2", "x3", "x4", "symbol_id"];

/** Seeded rows: 5 normal features (x1 10% missing) and a symbol id 0..9, with 4 targets. */
function makeData(rows: number, seed: number) {
  const rand = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const cols = FEATURES.length;
  const data = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  const symbolEffect = [0.5, -0.3, 0.1, 0.8, -0.6, 0, 0.2, -0.9, 0.4, -0.1];
  for (let i = 0; i < rows; i++) {
    const row = Array.from({ length: 5 }, normal);
    if (rand() < 0.1) row[1] = NaN;
    const symbol = Math.floor(rand() * 10);
    data.set([...row, symbol], i * cols);
    const x1 = Number.isNaN(row[1]) ? 0.7 : row[1];
    y[i] = Math.sin(row[0]) + 0.5 * x1 * x1 - 0.3 * row[2] * row[3] + symbolEffect[symbol] +
      0.5 * normal();
  }
  const x: FeatureMatrix = { data, rows, cols, features: FEATURES };
  const sorted = Float64Array.from(y).sort();
  const quintile = (v: number) => {
    let k = 0;
    while (k < 4 && v > sorted[Math.floor(((k + 1) * rows) / 5)]) k++;
    return k;
  };
  return {
    x,
    y,
    binary: y.map((v) => (v > sorted[rows >> 1] ? 1 : 0)),
    classes: y.map(quintile),
  };
}

const train = makeData(ROWS, 1);
const test = makeData(500, 2);

const common: LightGbmOptions = {
  numLeaves: 15,
  learningRate: 0.05,
  numIterations: 60,
  minDataInLeaf: 10,
  featureFraction: 0.8,
  baggingFraction: 0.7,
  baggingFreq: 1,
  lambdaL2: 1,
  seed: 7,
  numThreads: 1,
  categoricalFeatures: ["symbol_id"],
};
const pythonCommon = {
  num_leaves: 15,
  learning_rate: 0.05,
  min_data_in_leaf: 10,
  feature_fraction: 0.8,
  bagging_fraction: 0.7,
  bagging_freq: 1,
  lambda_l2: 1,
  seed: 7,
  num_threads: 1,
  deterministic: true,
  force_col_wise: true,
  verbosity: -1,
};

interface Case {
  options: LightGbmOptions;
  label: Float64Array;
  python: Record<string, unknown>;
  rounds: number;
  validLast?: number;
  valid?: { x: FeatureMatrix; y: Float64Array };
  earlyStopping?: number;
}

const validation = makeData(600, 3);
const CASES: Record<string, Case> = {
  regression: {
    options: common,
    label: train.y,
    python: { objective: "regression" },
    rounds: 60,
  },
  quantile: {
    options: { ...common, objective: "quantile", alpha: 0.8 },
    label: train.y,
    python: { objective: "quantile", alpha: 0.8 },
    rounds: 60,
  },
  binary: {
    options: { ...common, objective: "binary" },
    label: train.binary,
    python: { objective: "binary" },
    rounds: 60,
  },
  multiclass: {
    options: { ...common, objective: "multiclass" },
    label: train.classes,
    python: { objective: "multiclass", num_class: 5 },
    rounds: 60,
  },
  random_forest: {
    options: { ...common, boosting: "rf" },
    label: train.y,
    python: { objective: "regression", boosting: "rf" },
    rounds: 60,
  },
  random_forest_multiclass: {
    options: { ...common, objective: "multiclass", boosting: "rf", baggingFraction: 0.632 },
    label: train.classes,
    python: { objective: "multiclass", num_class: 5, boosting: "rf", bagging_fraction: 0.632 },
    rounds: 60,
  },
  extra_trees: {
    options: { ...common, extraTrees: true },
    label: train.y,
    python: { objective: "regression", extra_trees: true },
    rounds: 60,
  },
  extra_trees_binary: {
    options: { ...common, objective: "binary", extraTrees: true },
    label: train.binary,
    python: { objective: "binary", extra_trees: true },
    rounds: 60,
  },
  random_forest_early_stopping: {
    options: {
      ...common,
      boosting: "rf",
      numIterations: 200,
      earlyStoppingRounds: 10,
      validationFraction: 0.25,
    },
    label: train.y,
    python: { objective: "regression", boosting: "rf" },
    rounds: 200,
    validLast: Math.floor(ROWS * 0.25),
    earlyStopping: 10,
  },
  early_stopping_last_rows: {
    options: {
      ...common,
      learningRate: 0.3,
      numIterations: 300,
      earlyStoppingRounds: 10,
      validationFraction: 0.25,
    },
    label: train.y,
    python: { objective: "regression", learning_rate: 0.3 },
    rounds: 300,
    validLast: Math.floor(ROWS * 0.25),
    earlyStopping: 10,
  },
  early_stopping_multiclass_valid: {
    options: {
      ...common,
      objective: "multiclass",
      learningRate: 0.3,
      numIterations: 200,
      earlyStoppingRounds: 5,
    },
    label: train.classes,
    python: { objective: "multiclass", num_class: 5, learning_rate: 0.3 },
    rounds: 200,
    valid: { x: validation.x, y: validation.classes },
    earlyStopping: 5,
  },
};

interface Reference {
  prediction: number[];
  gain: number[];
  split: number[];
  best_iteration: number;
  trees_kept: number;
}

async function pythonReference(): Promise<Record<string, Reference>> {
  const dir = await Deno.makeTempDir({ prefix: "lightgbm-ref-" });
  const write = async (name: string, m: FeatureMatrix) => {
    const path = join(dir, `${name}.f64`);
    await Deno.writeFile(path, new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength));
    return path;
  };
  const [x, predict, valid] = await Promise.all([
    write("train", train.x),
    write("test", test.x),
    write("valid", validation.x),
  ]);
  const cases = Object.fromEntries(
    Object.entries(CASES).map(([name, c]) => [name, {
      x,
      rows: ROWS,
      cols: FEATURES.length,
      y: Array.from(c.label),
      params: { ...pythonCommon, ...c.python },
      num_boost_round: c.rounds,
      categorical: [FEATURES.indexOf("symbol_id")],
      predict,
      predict_rows: test.x.rows,
      ...(c.validLast ? { valid_last: c.validLast } : {}),
      ...(c.valid ? { valid: { x: valid, rows: c.valid.x.rows, y: Array.from(c.valid.y) } } : {}),
      ...(c.earlyStopping ? { early_stopping_round: c.earlyStopping } : {}),
    }]),
  );
  const casesPath = join(dir, "cases.json");
  const outPath = join(dir, "out.json");
  await Deno.writeTextFile(casesPath, JSON.stringify(cases));
  const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
    args: [projectPath("tests", "models", "lightgbm_reference.py"), casesPath, outPath],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
  const out = JSON.parse(await Deno.readTextFile(outPath));
  await Deno.remove(dir, { recursive: true });
  return out;
}

let reference: Promise<Record<string, Reference>> | undefined;
const python = () => (reference ??= pythonReference());

function fitCase(name: string): LightGbm {
  const c = CASES[name];
  const model = lightgbm(c.options).create() as LightGbm;
  model.fit(train.x, c.label, c.valid ? { validation: c.valid } : {});
  return model;
}

function ourPrediction(model: LightGbm): Float64Array {
  return model instanceof LightGbmClassifier && model.objective === "multiclass"
    ? model.predictProba(test.x)
    : isClassifier(model)
    ? model.predictProba(test.x).filter((_, i) => i % 2 === 1)
    : model.predict(test.x);
}

function assertClose(ours: ArrayLike<number>, theirs: ArrayLike<number>, what: string): void {
  assert.equal(ours.length, theirs.length, `${what}: length`);
  let worst = 0;
  for (let i = 0; i < ours.length; i++) {
    worst = Math.max(worst, Math.abs(ours[i] - theirs[i]) / Math.max(1, Math.abs(theirs[i])));
  }
  assert.ok(worst <= TOLERANCE, `${what}: max scaled difference ${worst} > ${TOLERANCE}`);
}

for (const name of Object.keys(CASES)) {
  Deno.test(`LightGbm ${name}: predictions and importances equal python lightgbm.train`, async () => {
    const ref = (await python())[name];
    using model = fitCase(name);
    assertClose(ourPrediction(model), ref.prediction, "prediction");
    assert.deepEqual(model.splitImportance().map((f) => f.importance), ref.split);
    assertClose(model.importance().map((f) => f.importance), ref.gain, "gain importance");
    assert.equal(model.bestIteration, ref.best_iteration);
    assert.equal(model.iterations(), ref.trees_kept);
  });
}

Deno.test("LightGbm early stopping stops before numIterations and keeps the best iteration", async () => {
  for (const name of ["early_stopping_last_rows", "early_stopping_multiclass_valid"]) {
    const ref = (await python())[name];
    using model = fitCase(name);
    const rounds = CASES[name].rounds;
    const patience = CASES[name].earlyStopping!;
    assert.ok(model.bestIteration > 1 && model.bestIteration < rounds - patience, name);
    // it trained exactly `patience` rounds past the best one
    assert.equal(model.validationScores.length, model.bestIteration + patience, name);
    const best = Math.min(...model.validationScores);
    assert.equal(model.validationScores[model.bestIteration - 1], best, name);
    assert.equal(model.iterations(), model.bestIteration);
    assert.equal(model.bestIteration, ref.best_iteration);
  }
});

Deno.test("LightGbm.load(save()) predicts identically for every objective", () => {
  for (
    const name of [
      "regression",
      "quantile",
      "binary",
      "multiclass",
      "early_stopping_last_rows",
      "random_forest",
      "extra_trees_binary",
    ]
  ) {
    using model = fitCase(name);
    const saved = JSON.parse(JSON.stringify(model.save()));
    assert.equal(saved.kind, "lightgbm");
    assert.match(saved.state.model, /^tree\nversion=v4/);
    using loaded = LightGbm.load(saved);
    assert.equal(loaded === undefined, false);
    assert.deepEqual(loaded.predict(test.x), model.predict(test.x), name);
    assert.equal(isClassifier(loaded), isClassifier(model), name);
    if (isClassifier(model) && isClassifier(loaded)) {
      assert.deepEqual(loaded.classes, model.classes);
      assert.deepEqual(loaded.predictProba(test.x), model.predictProba(test.x));
    }
    assert.deepEqual(loaded.importance(), model.importance(), name);
    assert.equal(loaded.bestIteration, model.bestIteration);
    assert.equal(loaded.modelString(), model.modelString());
  }
});

Deno.test("loadModel reads a saved lightgbm model once the registry lists it", () => {
  using model = fitCase("regression");
  const saved = model.save();
  if (!("lightgbm" in modelLoaders)) {
    assert.throws(() => loadModel(saved), /unknown model kind "lightgbm"/);
    return;
  }
  const loaded = loadModel(saved) as LightGbm;
  assert.deepEqual(loaded.predict(test.x), model.predict(test.x));
  loaded.dispose();
});

Deno.test("LightGbmClassifier maps class labels -2..2 to indices and predicts the labels", () => {
  const labels = train.classes.map((c) => c - 2);
  using model = new LightGbmClassifier({ ...common, numIterations: 20 });
  model.fit(train.x, labels);
  assert.deepEqual(model.classes, [-2, -1, 0, 1, 2]);
  assert.equal(model.objective, "multiclass");
  using shifted = new LightGbmClassifier({ ...common, numIterations: 20 });
  shifted.fit(train.x, train.classes);
  const proba = model.predictProba(test.x);
  assert.deepEqual(proba, shifted.predictProba(test.x));
  const predicted = model.predict(test.x);
  for (let i = 0; i < test.x.rows; i++) {
    const row = proba.subarray(i * 5, i * 5 + 5);
    assert.equal(predicted[i], row.indexOf(Math.max(...row)) - 2);
    assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  }
});

Deno.test("lightgbm(options) gives a classifier spec for binary and multiclass", () => {
  assert.equal(isClassifier(lightgbm({ objective: "binary" }).create()), true);
  assert.equal(isClassifier(lightgbm({ objective: "multiclass" }).create()), true);
  assert.equal(isClassifier(lightgbm({ objective: "quantile" }).create()), false);
  const spec = lightgbm({ symbolFeature: true, name: "gbm" });
  assert.equal(spec.name, "gbm");
  assert.equal(spec.symbolFeature, true);
  assert.deepEqual((spec.create() as LightGbm).options.categoricalFeatures, ["symbol_id"]);
});

Deno.test("lightgbmParameters maps options to LightGBM's names", () => {
  const p = lightgbmParameters(
    { ...common, objective: "quantile", alpha: 0.2, params: { max_depth: 4 } },
    FEATURES,
  );
  assert.equal(
    p,
    "objective=quantile num_leaves=15 learning_rate=0.05 min_data_in_leaf=10 " +
      "feature_fraction=0.8 bagging_fraction=0.7 bagging_freq=1 lambda_l2=1 max_bin=255 seed=7 " +
      "num_threads=1 deterministic=true verbosity=-1 force_col_wise=true alpha=0.2 " +
      "categorical_column=5 max_depth=4",
  );
});

Deno.test("lightgbmParameters names rf and extra trees only when asked for", () => {
  const p = lightgbmParameters({ ...common, boosting: "rf", extraTrees: true }, FEATURES);
  assert.match(p, / boosting=rf extra_trees=true /);
  assert.doesNotMatch(lightgbmParameters(common, FEATURES), /boosting|extra_trees/);
});

Deno.test("random forest and extra trees differ from plain boosting on the same data", async () => {
  const ref = await python();
  for (const name of ["random_forest", "extra_trees"]) {
    using model = fitCase(name);
    const plain = ref.regression.prediction;
    const ours = ourPrediction(model);
    assert.ok(ours.some((v, i) => v !== plain[i]), `${name} predicts as plain gbdt does`);
  }
});

Deno.test("LightGbm refuses rf without bagging or feature sampling, naming the options", () => {
  assert.throws(
    () => new LightGbm({ boosting: "rf" }),
    /boosting "rf" needs bagging \(baggingFreq > 0 and baggingFraction < 1\) or featureFraction < 1; got baggingFreq 0, baggingFraction 1, featureFraction 1/,
  );
  assert.doesNotThrow(() => new LightGbm({ boosting: "rf", featureFraction: 0.5 }));
  // deno-lint-ignore no-explicit-any
  assert.throws(() => new LightGbm({ boosting: "dart" as any }), /boosting must be gbdt or rf/);
});

Deno.test("LightGbm.fit throws on a constant or NaN label", () => {
  const model = new LightGbm(common);
  assert.throws(() => model.fit(train.x, new Float64Array(ROWS).fill(2)), /label is constant/);
  const y = train.y.slice();
  y[17] = NaN;
  assert.throws(() => model.fit(train.x, y), /label value at row 17 is NaN/);
  assert.throws(() => model.predict(test.x), /not fitted/);
});

Deno.test("LightGbm.predict throws naming a missing feature column", () => {
  using model = new LightGbm({ ...common, numIterations: 5 });
  model.fit(train.x, train.y);
  const x = { ...test.x, features: ["x0", "x1", "x2", "x3", "x4", "sym"] };
  assert.throws(() => model.predict(x), /feature column\(s\) "symbol_id" missing from the input/);
  const narrow = { data: new Float64Array(10), rows: 2, cols: 5, features: FEATURES.slice(0, 5) };
  assert.throws(() => model.predict(narrow), /"symbol_id" missing/);
});

Deno.test("LightGbmClassifier.fit throws on wrong class labels", () => {
  const model = new LightGbmClassifier({ ...common, objective: "binary" });
  assert.throws(
    () => model.fit(train.x, train.classes),
    /binary objective needs exactly 2 classes; the labels have 5/,
  );
  const fractional = train.binary.map((v, i) => (i === 3 ? 0.5 : v));
  assert.throws(
    () => model.fit(train.x, fractional),
    /class label at row 3 is 0.5; classes must be integers/,
  );
  const valid = { x: validation.x, y: validation.binary.map((v, i) => (i === 9 ? 7 : v)) };
  assert.throws(
    () => model.fit(train.x, train.binary, { validation: valid }),
    /validation class label at row 9 is 7, not one of the training classes 0, 1/,
  );
  assert.throws(() => new LightGbm({ objective: "binary" }), /use LightGbmClassifier/);
});

Deno.test("LightGbm rejects bad options and surfaces LightGBM's own errors", () => {
  assert.throws(() => new LightGbm({ numLeaves: 1 }), /numLeaves must be an integer >= 2; got 1/);
  assert.throws(
    () => new LightGbm({ alpha: 1.5, objective: "quantile" }),
    /alpha must be in \(0, 1\)/,
  );
  assert.throws(
    () => new LightGbm({ categoricalFeatures: ["nope"] }).fit(train.x, train.y),
    /categorical feature "nope" is not a column of \[x0, x1/,
  );
  assert.throws(
    () => new LightGbm({ params: { max_depth: "deep" } }).fit(train.x, train.y),
    /LightGBM DatasetCreateFromMat failed: .*max_depth/,
  );
  assert.throws(
    () =>
      new LightGbm({ earlyStoppingRounds: 5, validationFraction: 0.0001 }).fit(train.x, train.y),
    /early stopping needs validation rows/,
  );
});

Deno.test("lightgbmLibraryPath names the path it searched when LIGHTGBM_LIB is wrong", () => {
  const before = Deno.env.get("LIGHTGBM_LIB");
  try {
    Deno.env.set("LIGHTGBM_LIB", "/nonexistent/lib_lightgbm.so");
    assert.throws(
      () => lightgbmLibraryPath(),
      /LIGHTGBM_LIB is set to "\/nonexistent\/lib_lightgbm.so"/,
    );
    Deno.env.delete("LIGHTGBM_LIB");
    assert.match(
      lightgbmLibraryPath(),
      /\.venv\/lib\/python3\.\d+\/site-packages\/lightgbm\/lib\/lib_lightgbm\.so$/,
    );
  } finally {
    if (before === undefined) Deno.env.delete("LIGHTGBM_LIB");
    else Deno.env.set("LIGHTGBM_LIB", before);
  }
});

Deno.test("LightGbm.dispose frees the booster; the model must be refitted", () => {
  const model = new LightGbm({ ...common, numIterations: 3 });
  model.fit(train.x, train.y);
  model.dispose();
  model.dispose();
  assert.throws(() => model.predict(test.x), /not fitted/);
  model.fit(train.x, train.y);
  assert.equal(model.predict(test.x).length, test.x.rows);
  model.dispose();
});

Deno.test("walkForwardEvaluate with lightgbm({ symbolFeature }) learns a per-symbol level", () => {
  const rand = seededRandom(11);
  const level: Record<string, number> = { a: -1, b: 0, c: 1 };
  const rows = {
    symbol: [] as string[],
    day: [] as number[],
    f: [] as number[],
    y: [] as number[],
  };
  for (let d = 0; d < 120; d++) {
    for (const s of ["a", "b", "c"]) {
      const f = rand() - 0.5;
      rows.symbol.push(s);
      rows.day.push(d);
      rows.f.push(f);
      rows.y.push(level[s] + f + 0.1 * (rand() - 0.5));
    }
  }
  const date = pl.Series("date", rows.day.map((d) => new Date(d * 86_400_000))).cast(pl.Date);
  const end = pl.Series("label_end_1", rows.day.map((d) => new Date((d + 1) * 86_400_000)))
    .cast(pl.Date);
  const features = pl.DataFrame({ symbol: rows.symbol, f: rows.f }).withColumns(date);
  const labels = pl.DataFrame({ symbol: rows.symbol, fwd_ret_1: rows.y }).withColumns(date, end);
  const result = walkForwardEvaluate(features, labels, {
    horizons: [1],
    models: [
      lightgbm({ symbolFeature: true, numIterations: 30, minDataInLeaf: 5, numThreads: 1 }),
    ],
    folds: { nFolds: 3, testSize: 10 },
  });
  assert.equal(result.predictions.height, 3 * 10 * 3);
  const rmse = result.summary.getColumn("rmse").toArray()[0] as number;
  // the label's spread is ~0.9; the symbol level and f explain all but the 0.03 noise
  assert.ok(rmse < 0.15, `rmse ${rmse}`);
});
