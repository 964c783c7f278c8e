/**
 * The classification metrics a walk-forward fold reports, from a classifier's probabilities.
 * @internal
 * @module
 */
import { accuracy, logLoss, macroF1, rocAuc } from "./classification_metrics.ts";

/** Accuracy, macro F1, ROC AUC and log loss of one set of predictions. */
export interface ClassificationScores {
  /** Share of rows whose most likely class is the actual one. */
  accuracy: number;
  /** Unweighted mean of the per-class F1 scores. */
  macro_f1: number;
  /**
   * ROC AUC: binary for two classes, else the one-vs-rest mean over the classes present in
   * `actual` (a fold's test block may lack a rare class); NaN with a single class present.
   */
  auc: number;
  /** Mean negative log-likelihood of the actual classes. */
  log_loss: number;
}

/**
 * Returns the {@link ClassificationScores} of row-major probabilities `proba` over `classes`
 * against the actual classes. The predicted class is the most likely one (the first on ties).
 *
 * @example
 * ```ts
 * import { classificationScores } from "@lib/models/classification_scores.ts";
 * const s = classificationScores(Float64Array.from([0, 1, 1]), Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.6, 0.4]), [0, 1]);
 * if (Math.abs(s.accuracy - 2 / 3) > 1e-12 || s.auc !== 1) throw new Error(JSON.stringify(s));
 * ```
 */
export function classificationScores(
  actual: Float64Array,
  proba: Float64Array,
  classes: readonly number[],
): ClassificationScores {
  const k = classes.length;
  const n = actual.length;
  if (proba.length !== n * k) {
    throw new Error(`proba has ${proba.length} values; expected ${n} rows x ${k} classes`);
  }
  const predicted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
    predicted[i] = classes[best];
  }
  const present = classes.filter((c) => actual.includes(c));
  let auc = NaN;
  if (present.length >= 2) {
    const column = new Float64Array(n);
    const aucOf = (c: number) => {
      const j = classes.indexOf(c);
      for (let i = 0; i < n; i++) column[i] = proba[i * k + j];
      return rocAuc(actual, column, c);
    };
    auc = k === 2 ? aucOf(classes[1]) : present.reduce((s, c) => s + aucOf(c), 0) / present.length;
  }
  return {
    accuracy: accuracy(actual, predicted),
    macro_f1: macroF1(actual, predicted),
    auc,
    log_loss: logLoss(actual, proba, classes),
  };
}
