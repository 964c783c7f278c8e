import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { trainingParams } from "@pipelines/params/training.ts";
import { metricRecord } from "@lib/metric_record.ts";
import { seededRandom } from "@lib/models/sample.ts";
import { walkForwardEvaluate } from "@lib/models/evaluate.ts";
import {
  actionCandidates,
  DIRECTION_MODELS,
  directionCandidates,
  REGRESSION_CANDIDATES,
  regressionCandidates,
  specByName,
} from "@lib/models/candidates.ts";
import { stepPredictions, walkForwardClassifiers } from "@lib/models/classifiers.ts";
import { featureColumns, foldOptions } from "@lib/models/training_options.ts";
import { CLASSIFIER_METRICS, trainingMetrics } from "@lib/models/training_metrics.ts";
import { summaryMetrics } from "@lib/models/report.ts";
import { modelRow } from "@lib/models/selection.ts";
import { conformalSummary } from "@lib/models/evaluate_quantiles.ts";
import { fitChampion } from "@lib/models/fit_champion.ts";
import { championSurrogate } from "@lib/models/champion_surrogate.ts";
import { selectColumns, SYMBOL_FEATURE } from "@lib/models/dataset.ts";
import { surrogateTree } from "@lib/models/tree.ts";
import { ridge } from "@lib/models/linear/ridge.ts";

const dayMs = 86_400_000;

/** 3 symbols x 80 days; fwd_ret_1 = 0.5 f + 0.1 g + noise, action_1 its five-class cut. */
function frames() {
  const random = seededRandom(11);
  const symbol: string[] = [];
  const date: Date[] = [];
  const f: number[] = [];
  const g: number[] = [];
  const y: (number | null)[] = [];
  const end: (Date | null)[] = [];
  const action: (number | null)[] = [];
  for (let d = 0; d < 80; d++) {
    for (const s of ["a", "b", "c"]) {
      const fv = random() - 0.5;
      const gv = random() - 0.5;
      const r = 0.05 * fv + 0.01 * gv + 0.01 * (random() - 0.5);
      const last = d === 79;
      symbol.push(s);
      date.push(new Date(d * dayMs));
      f.push(fv);
      g.push(gv);
      y.push(last ? null : r);
      end.push(last ? null : new Date((d + 1) * dayMs));
      action.push(
        last ? null : r > 0.02 ? 2 : r > 0.005 ? 1 : r < -0.02 ? -2 : r < -0.005 ? -1 : 0,
      );
    }
  }
  const features = pl.DataFrame({ symbol, f, g }).withColumns(
    pl.Series("date", date).cast(pl.Date),
  );
  const labels = pl.DataFrame({ symbol, fwd_ret_1: y, action_1: action }).withColumns(
    pl.Series("date", date).cast(pl.Date),
    pl.Series("label_end_1", end).cast(pl.Date),
  );
  return { features, labels };
}

const settings = trainingParams.parse({
  horizons: [1],
  features: ["f", "g"],
  nFolds: 2,
  testSize: 10,
  lightgbm: { numIterations: 5, minDataInLeaf: 5, earlyStoppingRounds: 0, numThreads: 1 },
});

Deno.test("the candidate lists are the schema's enums and defaults", () => {
  const defaults = trainingParams.parse({});
  assert.deepEqual(defaults.candidates, [...REGRESSION_CANDIDATES]);
  assert.deepEqual(defaults.directionModels, [...DIRECTION_MODELS]);
  assert.deepEqual(regressionCandidates(defaults).map((s) => s.name), [...REGRESSION_CANDIDATES]);
  assert.throws(() => trainingParams.parse({ candidates: ["xgboost"] }));
  assert.throws(() => trainingParams.parse({ directionModels: ["svm"] }));
});

Deno.test("specByName finds a candidate and lists the names when it is missing", () => {
  const specs = regressionCandidates(settings);
  assert.equal(specByName(specs, "lasso"), specs[2]);
  assert.throws(
    () => specByName(specs, "xgboost"),
    /no candidate named "xgboost"; candidates: ols, ridge, lasso, elastic_net, lightgbm, lightgbm_rf, lightgbm_et, tree/,
  );
});

Deno.test("foldOptions keeps the fold fields in order and featureColumns maps [] to every column", () => {
  assert.deepEqual(foldOptions({ ...settings, trainSize: 30 }), {
    nFolds: 2,
    testSize: 10,
    embargo: 0,
    trainOn: "past",
    trainSize: 30,
  });
  assert.equal(featureColumns([]), undefined);
  assert.deepEqual(featureColumns(["f"]), ["f"]);
});

Deno.test("modelRow returns one model's pooled metrics and names a missing model", () => {
  const summary = pl.DataFrame({ horizon: [1, 1], model: ["ols", "tree"], rmse: [0.2, 0.3] });
  assert.deepEqual(modelRow(summary, "tree"), { horizon: 1, model: "tree", rmse: 0.3 });
  assert.throws(() => modelRow(summary, "lasso"), /the summary has no row for model "lasso"/);
});

Deno.test("conformalSummary keeps the conformal rows", () => {
  const summary = pl.DataFrame({
    variant: ["raw", "conformal"],
    n: [5, 5],
    coverage_80: [0.7, 0.8],
  });
  assert.deepEqual(conformalSummary(summary).toRecords(), [
    { variant: "conformal", n: 5, coverage_80: 0.8 },
  ]);
});

Deno.test("walkForwardClassifiers equals the direction and action evaluations run one by one", () => {
  const { features, labels } = frames();
  const folds = foldOptions(settings);
  const classifiers = walkForwardClassifiers(features, labels, { horizon: 1, settings, folds });
  const direction = walkForwardEvaluate(features, labels, {
    horizons: [1],
    models: directionCandidates(settings),
    folds,
    task: "direction",
  });
  const action = walkForwardEvaluate(features, labels, {
    horizons: [1],
    models: actionCandidates(settings),
    folds,
    task: "action",
  });
  assert.ok(classifiers.direction.summary.frameEqual(direction.summary));
  assert.ok(classifiers.action?.predictions.frameEqual(action.predictions));
  assert.ok(classifiers.actionPredictions?.frameEqual(action.predictions));
  const summary = pl.concat([direction.summary, action.summary], { how: "diagonal" });
  assert.ok(classifiers.summary.frameEqual(summary));
  assert.ok(classifiers.confusion.frameEqual(pl.concat([direction.confusion, action.confusion])));
  assert.deepEqual(classifiers.summary.getColumn("model").toArray(), [
    "logistic_direction",
    "lightgbm_direction",
    "lightgbm_rf_direction",
    "lightgbm_et_direction",
    "lightgbm_action",
    "lightgbm_rf_action",
    "lightgbm_et_action",
  ]);
  assert.deepEqual(action.predictions.columns, [
    "symbol",
    "date",
    "horizon",
    "model",
    "prediction",
    "action_class",
    "p_strong_sell",
    "p_sell",
    "p_hold",
    "p_buy",
    "p_strong_buy",
  ]);
  // The expected score is the probabilities' mean class; the class is the most probable one.
  const names = ["p_strong_sell", "p_sell", "p_hold", "p_buy", "p_strong_buy"];
  for (const row of action.predictions.head(50).toRecords()) {
    const p = names.map((c) => row[c] as number);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    const expected = p.reduce((a, v, k) => a + v * (k - 2), 0);
    assert.ok(Math.abs((row.prediction as number) - expected) < 1e-12);
    assert.equal(row.action_class, p.indexOf(Math.max(...p)) - 2);
  }

  const regression = walkForwardEvaluate(features, labels, {
    horizons: [1],
    models: [ridge({ alpha: 1 })],
    folds,
  });
  const all = stepPredictions(regression, classifiers);
  const expected = pl.concat(
    [regression.predictions, direction.predictions, action.predictions],
    { how: "diagonal" },
  );
  assert.ok(all.frameEqual(expected));
  assert.equal(all.filter(pl.col("action_class").isNotNull()).height, action.predictions.height);

  // trainingMetrics gives the record the notebook used to spell out, key for key, in order.
  const quantileSummary = pl.DataFrame({
    variant: ["raw", "conformal"],
    n: [30, 30],
    coverage_80: [0.7, 0.81],
    pinball_mean: [0.01, NaN],
  });
  const drift = pl.DataFrame({ feature: ["f", "g"], psi: [0.02, 0.3] });
  const metrics = trainingMetrics({
    predictions: all.height,
    regression,
    classifiers,
    quantileSummary,
    surrogateFidelity: 0.9,
    drift,
    inferenceRows: 3,
  });
  const name = (r: Record<string, unknown>, m: string) => `${r.model}_${m}`;
  const before = {
    predictions: all.height,
    ...summaryMetrics(regression.summary),
    ...metricRecord(direction.summary, name, CLASSIFIER_METRICS),
    ...metricRecord(action.summary, name, CLASSIFIER_METRICS),
    ...metricRecord(
      quantileSummary.filter(pl.col("variant").eq(pl.lit("conformal"))).drop("variant", "n"),
      (_, m) => `conformal_${m}`,
    ),
    surrogate_fidelity: 0.9,
    max_psi: Math.max(...(drift.getColumn("psi").toArray() as number[])),
    inference_rows: 3,
  };
  assert.deepEqual(Object.entries(metrics), Object.entries(before));
  assert.equal(metrics.max_psi, 0.3);
  assert.equal(metrics.conformal_coverage_80, 0.81);
  assert.equal("conformal_pinball_mean" in metrics, false);
});

Deno.test("walkForwardClassifiers without the action model has direction rows only", () => {
  const { features, labels } = frames();
  const classifiers = walkForwardClassifiers(features, labels, {
    horizon: 1,
    settings: { ...settings, directionModels: ["logistic"], actionModel: false },
    folds: foldOptions(settings),
    features: ["f"],
  });
  assert.equal(classifiers.action, undefined);
  assert.equal(classifiers.actionPredictions, undefined);
  assert.deepEqual(classifiers.summary.getColumn("model").toArray(), ["logistic_direction"]);
  assert.equal(classifiers.predictions.length, 1);
  assert.deepEqual(classifiers.direction.features, ["f"]);
});

Deno.test("championSurrogate equals the surrogate tree built by hand, with and without the symbol", () => {
  const { features, labels } = frames();
  for (const symbolFeature of [false, true]) {
    const spec = specByName(
      regressionCandidates({
        ...settings,
        lightgbm: { ...settings.lightgbm, symbolFeature },
      }),
      "lightgbm",
    );
    const fit = fitChampion(features, labels, { horizon: 1, spec, features: ["f", "g"] });
    const surrogate = championSurrogate(fit, spec, ["f", "g"], { maxDepth: 2, seed: 3 });
    const championX = selectColumns(
      fit.data.x,
      symbolFeature ? ["f", "g", SYMBOL_FEATURE] : ["f", "g"],
    );
    const byHand = surrogateTree(
      selectColumns(fit.data.x, ["f", "g"]),
      fit.model.predict(championX),
      { maxDepth: 2, seed: 3 },
    );
    assert.equal(surrogate.fidelity, byHand.fidelity);
    assert.deepEqual(surrogate.rules, byHand.rules);
    assert.equal(surrogate.trainedRows, byHand.trainedRows);
  }
});
