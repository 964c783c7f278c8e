/**
 * The metrics the training step logs to its run, gathered from its results in one record.
 * @module
 */
import type pl from "nodejs-polars";
import { metricRecord } from "../metric_record.ts";
import { summaryMetrics } from "./report.ts";
import { conformalSummary } from "./evaluate_quantiles.ts";
import type { WalkForwardEvaluation } from "./evaluate.ts";
import type { ClassifierEvaluation } from "./classifiers.ts";

/** The pooled metrics every classifier logs, as `{model}_{metric}`. */
export const CLASSIFIER_METRICS: readonly string[] = [
  "accuracy",
  "macro_f1",
  "auc",
  "log_loss",
  "majority_accuracy",
  "always_up_accuracy",
];

/** What {@link trainingMetrics} gathers. */
export interface TrainingResults {
  /** Rows of the written out-of-fold predictions. */
  predictions: number;
  /** The point models' evaluation. */
  regression: WalkForwardEvaluation;
  /** The classifiers' evaluation. */
  classifiers: ClassifierEvaluation;
  /** `walkForwardQuantiles(...).summary`. */
  quantileSummary: pl.DataFrame;
  /** Fidelity of the champion's surrogate tree. */
  surrogateFidelity: number;
  /** `driftReport(...)` of the training window against the latest dates. */
  drift: pl.DataFrame;
  /** Rows of the inference written from the registry alias (0 when skipped). */
  inferenceRows: number;
}

/**
 * Returns the step's metrics in logging order: `predictions`, the point models'
 * `{model}_h{h}_{metric}`, each classifier's `{model}_{metric}` (direction, then action),
 * `conformal_{metric}`, `surrogate_fidelity`, `max_psi` (largest PSI of any feature) and
 * `inference_rows`. Non-finite classifier and conformal values are left out, as MLflow refuses
 * them.
 */
export function trainingMetrics(results: TrainingResults): Record<string, number> {
  const { classifiers } = results;
  const classifierMetric = (e: WalkForwardEvaluation) =>
    metricRecord(e.summary, (r, m) => `${r.model}_${m}`, CLASSIFIER_METRICS);
  const psi = results.drift.getColumn("psi").toArray() as number[];
  return {
    predictions: results.predictions,
    ...summaryMetrics(results.regression.summary),
    ...classifierMetric(classifiers.direction),
    ...(classifiers.action ? classifierMetric(classifiers.action) : {}),
    ...metricRecord(
      conformalSummary(results.quantileSummary).drop("variant", "n"),
      (_, m) => `conformal_${m}`,
    ),
    surrogate_fidelity: results.surrogateFidelity,
    max_psi: psi.reduce((a, b) => Math.max(a, b), -Infinity),
    inference_rows: results.inferenceRows,
  };
}
