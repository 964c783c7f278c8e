/**
 * Classification metrics over class labels (integers) and scores or probabilities, with
 * sklearn's definitions: `accuracy_score`, `f1_score(average="macro")`, `roc_auc_score` (binary,
 * and one-vs-rest macro for several classes), `log_loss` and `confusion_matrix`.
 * @module
 */
import pl from "nodejs-polars";

function checkLabels(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isInteger(values[i])) {
      throw new Error(`${name} at row ${i} is ${values[i]}; class labels must be integers`);
    }
  }
}

function checkPair(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (actual.length !== predicted.length) {
    throw new Error(
      `actual (${actual.length}) and predicted (${predicted.length}) differ in length`,
    );
  }
  if (actual.length === 0) throw new Error("metrics need at least one row");
  checkLabels("actual", actual);
  checkLabels("predicted", predicted);
  return actual.length;
}

/** Returns the sorted distinct values of the given label arrays. */
export function classLabels(...labels: ArrayLike<number>[]): number[] {
  const set = new Set<number>();
  for (const values of labels) for (let i = 0; i < values.length; i++) set.add(values[i]);
  return [...set].sort((a, b) => a - b);
}

/**
 * Returns the share of rows whose predicted class equals the actual class.
 *
 * @example
 * ```ts
 * import { accuracy } from "@lib/models/classification_metrics.ts";
 * if (accuracy(Int32Array.from([0, 1, 1, 0]), Int32Array.from([0, 1, 0, 0])) !== 0.75) throw new Error("wrong");
 * ```
 */
export function accuracy(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = checkPair(actual, predicted);
  let hits = 0;
  for (let i = 0; i < n; i++) if (actual[i] === predicted[i]) hits++;
  return hits / n;
}

/** A confusion matrix: `counts[i * k + j]` rows of actual `labels[i]` predicted `labels[j]`. */
export interface ConfusionMatrix {
  /** Class labels, ascending (union of actual and predicted unless given). */
  labels: number[];
  /** `k x k` counts, row-major; rows are actual classes, columns predicted. */
  counts: Int32Array;
}

/**
 * Returns the confusion matrix (rows actual, columns predicted) over `labels`, which default to
 * every class seen in either array. Rows whose classes are not in `labels` are not counted.
 *
 * @example
 * ```ts
 * import { confusionMatrix } from "@lib/models/classification_metrics.ts";
 * const m = confusionMatrix(Int32Array.from([0, 1, 1]), Int32Array.from([0, 0, 1]));
 * if (m.counts.join() !== "1,0,1,1") throw new Error("wrong");
 * ```
 */
export function confusionMatrix(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  labels?: readonly number[],
): ConfusionMatrix {
  const n = checkPair(actual, predicted);
  const classes = labels ? [...labels] : classLabels(actual, predicted);
  const index = new Map(classes.map((c, i) => [c, i]));
  if (index.size !== classes.length) throw new Error(`labels repeat a class: ${classes.join()}`);
  const k = classes.length;
  const counts = new Int32Array(k * k);
  for (let i = 0; i < n; i++) {
    const a = index.get(actual[i]);
    const p = index.get(predicted[i]);
    if (a !== undefined && p !== undefined) counts[a * k + p]++;
  }
  return { labels: classes, counts };
}

/**
 * Returns the confusion matrix as a frame: column `actual` (the class) and one count column
 * `pred_<label>` per predicted class.
 */
export function confusionFrame(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  labels?: readonly number[],
): pl.DataFrame {
  const m = confusionMatrix(actual, predicted, labels);
  const k = m.labels.length;
  const columns: Record<string, pl.Series> = {
    actual: pl.Series("actual", m.labels, pl.Int64),
  };
  m.labels.forEach((label, j) => {
    const name = `pred_${label}`;
    columns[name] = pl.Series(name, m.labels.map((_, i) => m.counts[i * k + j]), pl.Int64);
  });
  return pl.DataFrame(columns);
}

/**
 * Returns the unweighted mean over classes of F1 = 2 TP / (2 TP + FP + FN), classes being every
 * label seen in either array (sklearn `f1_score(average="macro")`); a class with no true or
 * predicted rows scores 0, as sklearn's `zero_division` default.
 *
 * @example
 * ```ts
 * import { macroF1 } from "@lib/models/classification_metrics.ts";
 * // class 0: TP 1, FP 0, FN 1 -> 2/3; class 1: TP 2, FP 1, FN 0 -> 4/5.
 * const f1 = macroF1(Int32Array.from([0, 0, 1, 1]), Int32Array.from([0, 1, 1, 1]));
 * if (Math.abs(f1 - (2 / 3 + 4 / 5) / 2) > 1e-15) throw new Error("wrong");
 * ```
 */
export function macroF1(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const m = confusionMatrix(actual, predicted);
  const k = m.labels.length;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const tp = m.counts[c * k + c];
    let fp = 0;
    let fn = 0;
    for (let j = 0; j < k; j++) {
      if (j === c) continue;
      fp += m.counts[j * k + c];
      fn += m.counts[c * k + j];
    }
    const denom = 2 * tp + fp + fn;
    sum += denom === 0 ? 0 : (2 * tp) / denom;
  }
  return sum / k;
}

/**
 * Returns the binary ROC AUC of `score` for `positive` (default 1) against every other class:
 * the Mann-Whitney probability that a positive row outscores a negative one, ties counting 1/2
 * (the trapezoidal area sklearn's `roc_auc_score` computes). Throws when a class is absent.
 *
 * @example
 * ```ts
 * import { rocAuc } from "@lib/models/classification_metrics.ts";
 * const auc = rocAuc(Int32Array.from([0, 0, 1, 1]), Float64Array.from([0.1, 0.4, 0.35, 0.8]));
 * if (auc !== 0.75) throw new Error("wrong");
 * ```
 */
export function rocAuc(actual: ArrayLike<number>, score: ArrayLike<number>, positive = 1): number {
  if (actual.length !== score.length) {
    throw new Error(`actual (${actual.length}) and score (${score.length}) differ in length`);
  }
  checkLabels("actual", actual);
  const n = actual.length;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(score[i])) throw new Error(`score at row ${i} is NaN`);
  }
  order.sort((a, b) => score[a] - score[b]);
  let nPos = 0;
  let rankSum = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && score[order[end]] === score[order[start]]) end++;
    const rank = (start + 1 + end) / 2; // average 1-based rank of the tied run
    for (let r = start; r < end; r++) {
      if (actual[order[r]] === positive) {
        nPos++;
        rankSum += rank;
      }
    }
    start = end;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) {
    throw new Error(
      `ROC AUC needs both class ${positive} and another class in actual; got ${nPos} positive ` +
        `and ${nNeg} other rows`,
    );
  }
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

function checkProba(actual: ArrayLike<number>, proba: ArrayLike<number>, k: number): number {
  const n = actual.length;
  if (n === 0) throw new Error("metrics need at least one row");
  if (proba.length !== n * k) {
    throw new Error(
      `proba has ${proba.length} values; expected rows (${n}) x classes (${k}) = ${n * k}`,
    );
  }
  checkLabels("actual", actual);
  return n;
}

/**
 * Returns the one-vs-rest macro ROC AUC of `rows x classes.length` probabilities (column j the
 * probability of `classes[j]`, which default to the classes in `actual`, ascending), as sklearn's
 * `roc_auc_score(multi_class="ovr", average="macro")`.
 */
export function rocAucOvr(
  actual: ArrayLike<number>,
  proba: ArrayLike<number>,
  classes: readonly number[] = classLabels(actual),
): number {
  const k = classes.length;
  const n = checkProba(actual, proba, k);
  let sum = 0;
  const column = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < n; i++) column[i] = proba[i * k + j];
    sum += rocAuc(actual, column, classes[j]);
  }
  return sum / k;
}

/**
 * Returns the mean negative log-likelihood of the actual classes. `proba` is either one
 * probability of class 1 per row (binary, labels 0/1) or `rows x classes.length` probabilities
 * (`classes` default to those in `actual`). Probabilities are clipped to `[ε, 1 - ε]`,
 * ε = 2.2e-16, as sklearn's `log_loss`.
 *
 * @example
 * ```ts
 * import { logLoss } from "@lib/models/classification_metrics.ts";
 * const ll = logLoss(Int32Array.from([1, 0]), Float64Array.from([0.8, 0.4]));
 * if (Math.abs(ll - -(Math.log(0.8) + Math.log(0.6)) / 2) > 1e-15) throw new Error("wrong");
 * ```
 */
export function logLoss(
  actual: ArrayLike<number>,
  proba: ArrayLike<number>,
  classes?: readonly number[],
): number {
  const eps = Number.EPSILON;
  const clip = (p: number) => Math.min(Math.max(p, eps), 1 - eps);
  const n = actual.length;
  if (!classes && proba.length === n) {
    checkProba(actual, proba, 1);
    let s = 0;
    for (let i = 0; i < n; i++) {
      if (actual[i] !== 0 && actual[i] !== 1) {
        throw new Error(
          `actual at row ${i} is ${actual[i]}; one probability per row needs labels 0/1`,
        );
      }
      s -= Math.log(actual[i] === 1 ? clip(proba[i]) : clip(1 - proba[i]));
    }
    return s / n;
  }
  const labels = classes ?? classLabels(actual);
  const k = labels.length;
  checkProba(actual, proba, k);
  const index = new Map(labels.map((c, j) => [c, j]));
  let s = 0;
  for (let i = 0; i < n; i++) {
    const j = index.get(actual[i]);
    if (j === undefined) throw new Error(`actual at row ${i} is ${actual[i]}, not in classes`);
    s -= Math.log(clip(proba[i * k + j]));
  }
  return s / n;
}
