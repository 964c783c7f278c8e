/**
 * Per-constituent action scores in -2 (strong sell) .. +2 (strong buy), the input of the index
 * sentiment signal. Three sources, all giving a frame (symbol, date, score: Float64, null where
 * the source is null):
 * - action classes 0..4 of a classifier (or -2..2 labels with `offset: 0`);
 * - predicted returns, cut into classes with the same thresholds and rule as the labels
 *   (`actionClass` in lib/labels/actions.ts), so a signal and its label agree on what "buy" means;
 * - an expected action score already in [-2, 2] (the action task's `prediction` column).
 * @module
 */
import pl from "nodejs-polars";
import { actionClass } from "../labels/actions.ts";
import type { ActionThresholds } from "../labels/actions.ts";

/** Options of {@link scoresFromClasses}. */
export interface ClassScoreOptions {
  /** Subtracted from each class: 2 maps classes 0..4 to -2..2. Defaults to 2. */
  offset?: number;
}

/**
 * Returns (symbol, date, score) with `score = class - offset` from the integer classes in
 * `column`. Throws naming the column and the first value that is not an integer whose score is
 * in -2..2.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { scoresFromClasses } from "@lib/signals/action_scores.ts";
 * const f = pl.DataFrame({ symbol: ["a", "b"], date: [new Date("2020-01-02"), new Date("2020-01-02")], cls: [4, 1] });
 * if (scoresFromClasses(f, "cls").getColumn("score").toArray().join() !== "2,-1") throw new Error();
 * ```
 */
export function scoresFromClasses(
  frame: pl.DataFrame,
  column: string,
  options: ClassScoreOptions = {},
): pl.DataFrame {
  const { offset = 2 } = options;
  const values = numbers(frame, column);
  const score = values.map((v) => (v === null ? null : v - offset));
  score.forEach((s, i) => {
    if (s !== null && !(Number.isInteger(s) && s >= -2 && s <= 2)) {
      throw new Error(
        `"${column}" has ${values[i]} at row ${i}: not an action class ` +
          `${-2 + offset}..${2 + offset}`,
      );
    }
  });
  return scoreFrame(frame, score);
}

/**
 * Returns (symbol, date, score) cutting the predicted returns in `column` at `thresholds`
 * exactly as the action labels are cut: `r >= strong` -> 2, `r >= weak` -> 1, `|r| < weak` -> 0,
 * `r <= -weak` -> -1, `r <= -strong` -> -2.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { scoresFromReturns } from "@lib/signals/action_scores.ts";
 * const f = pl.DataFrame({ symbol: ["a", "b", "c"], date: Array(3).fill(new Date("2020-01-02")), r: [0.03, -0.015, 0.001] });
 * const s = scoresFromReturns(f, "r", { weak: 0.01, strong: 0.02 });
 * if (s.getColumn("score").toArray().join() !== "2,-1,0") throw new Error();
 * ```
 */
export function scoresFromReturns(
  frame: pl.DataFrame,
  column: string,
  thresholds: ActionThresholds,
): pl.DataFrame {
  numbers(frame, column);
  const classes = frame.select(actionClass(pl.col(column).cast(pl.Float64), thresholds).alias("c"))
    .getColumn("c").toArray() as (number | null)[];
  return scoreFrame(frame, classes);
}

/**
 * Returns (symbol, date, score) from an expected action score already in [-2, 2] (the action
 * task's prediction); throws naming the first value outside that range.
 */
export function scoresFromExpected(frame: pl.DataFrame, column: string): pl.DataFrame {
  const values = numbers(frame, column);
  values.forEach((v, i) => {
    if (v !== null && !(v >= -2 && v <= 2)) {
      throw new Error(`"${column}" has ${v} at row ${i}: an action score must be in [-2, 2]`);
    }
  });
  return scoreFrame(frame, values);
}

function numbers(frame: pl.DataFrame, column: string): (number | null)[] {
  for (const c of ["symbol", "date", column]) {
    if (!frame.columns.includes(c)) {
      throw new Error(`the frame has no column "${c}" (columns: ${frame.columns.join(", ")})`);
    }
  }
  const values = frame.getColumn(column).cast(pl.Float64).toArray() as (number | null)[];
  return values.map((v) => (v === null || Number.isNaN(v) ? null : v));
}

function scoreFrame(frame: pl.DataFrame, score: (number | null)[]): pl.DataFrame {
  return pl.DataFrame([
    frame.getColumn("symbol").cast(pl.Utf8).alias("symbol"),
    frame.getColumn("date").cast(pl.Date).alias("date"),
    pl.Series("score", score, pl.Float64),
  ]);
}
