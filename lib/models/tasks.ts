/**
 * What a model is trained to predict from a horizon's labels, and how its output becomes the
 * one `prediction` column later steps read.
 *
 * - `regression`: the forward return; the prediction is the predicted return.
 * - `direction`: class 1 when the forward return is positive, else 0; the prediction is the
 *   probability of class 1.
 * - `action`: the action class (-2 strong sell .. 2 strong buy) shifted to 0..4 for the
 *   classifier; the prediction is the expected action score, `sum_k p_k x (class_k - 2)`.
 * @module
 */
import type { TrainingData } from "./dataset.ts";

/** A training task. */
export type Task = "regression" | "direction" | "action";

/** The tasks, for option schemas. */
export const TASKS: readonly Task[] = ["regression", "direction", "action"];

/** Offset between an action class (-2..2) and its classifier label (0..4). */
const ACTION_OFFSET = 2;

/**
 * Returns the training target of `task` per row of `data`. Throws when the action task meets a
 * row without an action class (drop them first with `trainingData({ requireAction: true })`).
 *
 * @example
 * ```ts
 * import { taskTarget } from "@lib/models/tasks.ts";
 * const data = { forwardReturn: new Float64Array([0.01, -0.02]), action: new Float64Array([1, -2]) };
 * // deno-lint-ignore no-explicit-any
 * if (taskTarget("action", data as any).join() !== "3,0") throw new Error();
 * ```
 */
export function taskTarget(
  task: Task,
  data: Pick<TrainingData, "forwardReturn" | "action">,
): Float64Array {
  if (task === "regression") return data.forwardReturn;
  if (task === "direction") return data.forwardReturn.map((r) => (r > 0 ? 1 : 0));
  return data.action.map((a, i) => {
    if (!Number.isFinite(a)) {
      throw new Error(`row ${i} has no action class; the action task needs action_{h} labels`);
    }
    return a + ACTION_OFFSET;
  });
}

/**
 * Columns of an action classifier's predictions beside `prediction` (the expected score): the
 * predicted action class (-2..2, the most probable) and the probability of each class, in the
 * classes' order from strong sell to strong buy.
 */
export const ACTION_COLUMNS = {
  class: "action_class",
  probabilities: ["p_strong_sell", "p_sell", "p_hold", "p_buy", "p_strong_buy"],
} as const;

/** The action classes (-2..2) in the order of {@link ACTION_COLUMNS}' probabilities. */
export const ACTION_LABELS: readonly number[] = [-2, -1, 0, 1, 2];

/**
 * Returns, per row of row-major probabilities `proba` over classifier classes `classes` (0..4,
 * as `taskTarget("action", ...)` gives them; a class absent from training has probability 0),
 * the most probable action class (-2..2; the first on a tie) and the five class probabilities
 * in {@link ACTION_COLUMNS} order.
 *
 * @example
 * ```ts
 * import { actionProbabilities } from "@lib/models/tasks.ts";
 * const a = actionProbabilities([0, 2, 4], new Float64Array([0.2, 0.5, 0.3]));
 * if (a.actionClass[0] !== 0 || a.probabilities[4][0] !== 0.3 || a.probabilities[1][0] !== 0) throw new Error();
 * ```
 */
export function actionProbabilities(
  classes: readonly number[],
  proba: Float64Array,
): { actionClass: Int32Array; probabilities: Float64Array[] } {
  const k = classes.length;
  const rows = k === 0 ? 0 : proba.length / k;
  const probabilities = ACTION_LABELS.map(() => new Float64Array(rows));
  const actionClass = new Int32Array(rows);
  for (const c of classes) {
    if (!Number.isInteger(c) || c < 0 || c >= ACTION_LABELS.length) {
      throw new Error(`action classifier class ${c} is not one of 0..4 (classes: ${classes})`);
    }
  }
  for (let i = 0; i < rows; i++) {
    let best = -1;
    for (let c = 0; c < k; c++) {
      const p = proba[i * k + c];
      probabilities[classes[c]][i] = p;
      if (best < 0 || p > proba[i * k + best]) best = c;
    }
    actionClass[i] = classes[best] - ACTION_OFFSET;
  }
  return { actionClass, probabilities };
}

/** Turning classifier output into the prediction column and class labels for reports. */
export const taskPrediction = {
  /**
   * Returns the prediction column of a classifier's row-major probabilities `proba` over
   * `classes`: P(class 1) for direction, the expected action score for action.
   */
  value(task: Task, classes: readonly number[], proba: Float64Array): Float64Array {
    const k = classes.length;
    const rows = proba.length / k;
    const out = new Float64Array(rows);
    if (task === "direction") {
      const up = classes.indexOf(1);
      for (let i = 0; i < rows; i++) out[i] = up < 0 ? 0 : proba[i * k + up];
      return out;
    }
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += proba[i * k + c] * (classes[c] - ACTION_OFFSET);
      out[i] = s;
    }
    return out;
  },
  /** Returns the label shown for a classifier class: the action class (-2..2) or 0/1 direction. */
  classLabel(task: Task, _classes: readonly number[], value: number): number {
    return task === "action" ? value - ACTION_OFFSET : value;
  },
};
