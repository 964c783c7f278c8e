/**
 * Validation at the schema: each rule is refused by the run plan of the real research pipeline
 * (`planRun`, which `deno task pipeline` builds before it installs anything, starts MLflow or a
 * kernel), with a message naming the step, the key and the problem.
 */
import assert from "node:assert/strict";
import { ParamError, paramShape, parseAssignment } from "@lib/runner/params.ts";
import { planRun } from "@lib/runner/plan.ts";
import { stepParams } from "@pipelines/params.ts";
import { research } from "@pipelines/research.ts";

/** The message `planRun` refuses `--param` values with (it throws synchronously, before any I/O). */
function refusal(...params: string[]): string {
  try {
    planRun(research, { params: params.map(parseAssignment) });
  } catch (error) {
    assert.ok(error instanceof ParamError, String(error));
    return error.message;
  }
  assert.fail(`planRun accepted ${params.join(" ")}`);
}

function resolved(step: string, ...params: string[]): Record<string, unknown> {
  return planRun(research, { params: params.map(parseAssignment) }).resolved.get(step)!;
}

Deno.test("planRun refuses a date the calendar lacks, naming the step and key", () => {
  assert.match(
    refusal("start=2020-13-45"),
    /acquisition\.start: "2020-13-45" is not a calendar date/,
  );
  assert.match(refusal("end=2021-02-29"), /acquisition\.end: "2021-02-29" is not a calendar date/);
  assert.match(refusal("start=2012/01/01"), /acquisition\.start: expected a date as YYYY-MM-DD/);
});

Deno.test("planRun accepts a leap day of a leap year", () => {
  assert.equal(resolved("acquisition", "start=2024-02-29").start, "2024-02-29");
});

Deno.test("planRun refuses start after end, naming both values", () => {
  assert.match(
    refusal("start=2021-06-01", "end=2021-01-04"),
    /acquisition\.start: start 2021-06-01 is after end 2021-01-04 \(start must be on or before end\)/,
  );
  const sameDay = resolved("acquisition", "start=2021-01-04", "end=2021-01-04");
  assert.deepEqual([sameDay.start, sameDay.end], ["2021-01-04", "2021-01-04"]);
  assert.equal(resolved("acquisition", "end=2010-01-01").end, "2010-01-01", "an open start passes");
});

Deno.test("planRun refuses an empty list of direction classifiers", () => {
  assert.match(
    refusal("training.directionModels="),
    /training\.directionModels: needs at least one direction classifier \(logistic, lightgbm, lightgbm_rf, lightgbm_et\)/,
  );
  assert.deepEqual(resolved("training", "directionModels=logistic").directionModels, ["logistic"]);
});

Deno.test("planRun refuses the other lists step 04 cannot run without", () => {
  assert.match(refusal("training.horizons="), /training\.horizons: needs at least one horizon/);
  assert.match(
    refusal("training.candidates="),
    /training\.candidates: needs at least one regression candidate \(ols, ridge, lasso/,
  );
  assert.match(
    refusal("training.quantiles=0.1,0.9"),
    /training\.quantiles: must include 0\.5 \(the median the quantile model predicts\); got \[0\.1,0\.9\]/,
  );
  assert.deepEqual(resolved("training", "training.quantiles=0.5").quantiles, [0.5]);
});

Deno.test("planRun reports every schema problem of a command line at once", () => {
  const message = refusal("start=2021-02-29", "training.directionModels=", "training.horizons=");
  assert.match(message, /acquisition\.start: "2021-02-29" is not a calendar date/);
  assert.match(message, /training\.directionModels: needs at least one direction classifier/);
  assert.match(message, /training\.horizons: needs at least one horizon/);
});

Deno.test("the defaults still plan: no rule refuses the pipeline as shipped", () => {
  const plan = planRun(research);
  assert.deepEqual(plan.steps.map((s) => s.name), [
    "acquisition",
    "features",
    "labeling",
    "training",
    "analysis",
    "backtest",
  ]);
  const acquisition = plan.resolved.get("acquisition")!;
  assert.deepEqual([acquisition.symbols, acquisition.start, acquisition.end], [
    [],
    undefined,
    undefined,
  ]);
  assert.deepEqual(plan.resolved.get("training")!.directionModels, [
    "logistic",
    "lightgbm",
    "lightgbm_rf",
    "lightgbm_et",
  ]);
});

Deno.test("planRun refuses a features step that selects no feature, and accepts leaving families out", () => {
  const families = Object.entries(paramShape(stepParams.features))
    .filter(([key]) => !["dataDir", "seed"].includes(key));
  const none = families.map(([key]) => key === "obv" ? "features.obv=false" : `features.${key}=`);
  assert.match(
    refusal(...none),
    /features: selects no feature: every family's list is empty and obv is false/,
  );
  const onlyObv = resolved("features", ...none.filter((a) => a !== "features.obv=false"));
  assert.deepEqual([onlyObv.obv, onlyObv.rsiWindows], [true, []]);
  assert.deepEqual(resolved("features", ...none.slice(1)).returnHorizons, [1, 5, 20]);
});

Deno.test("planRun refuses a sell threshold above the buy threshold of the index signal", () => {
  assert.match(
    refusal("signalSell=0.5", "signalBuy=0.2"),
    /training\.signalSell: 0\.5 is above signalBuy 0\.2 \(signalSell must be at most signalBuy\)/,
  );
  const equal = resolved("training", "signalSell=0.2", "signalBuy=0.2");
  assert.deepEqual([equal.signalSell, equal.signalBuy], [0.2, 0.2]);
});
