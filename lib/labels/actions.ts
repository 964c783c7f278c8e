/**
 * Action classes from forward returns: -2 strong sell, -1 sell, 0 hold, 1 buy, 2 strong buy,
 * cut at fixed thresholds (not fitted to the data, so no information leaks from other dates) or at
 * thresholds scaled by each row's trailing volatility (see volatility.ts).
 * @module
 */
import pl from "nodejs-polars";

/** The action classes, from strong sell to strong buy. */
export const ACTION_CLASSES = [-2, -1, 0, 1, 2] as const;

/** One action class. */
export type ActionClass = typeof ACTION_CLASSES[number];

/** Thresholds on a forward return (fractions, both > 0, `weak` < `strong`). */
export interface ActionThresholds {
  /** |return| at or above this is a buy/sell rather than hold. */
  readonly weak: number;
  /** |return| at or above this is a strong buy/sell. */
  readonly strong: number;
}

/** How thresholds grow with the horizon: `sqrt` multiplies them by sqrt(h), `none` keeps them. */
export type ThresholdScaling = "sqrt" | "none";

/** Column name of the action class over `horizon` days, e.g. `action_5`. */
export function actionColumn(horizon: number): string {
  return `action_${horizon}`;
}

/** Throws unless 0 < weak < strong. */
export function checkThresholds(t: ActionThresholds): void {
  if (!(t.weak > 0 && t.strong > t.weak)) {
    throw new Error(
      `action thresholds need 0 < weak < strong; got weak ${t.weak}, strong ${t.strong}`,
    );
  }
}

/**
 * Returns the thresholds for `horizon` days: the daily ones, times sqrt(h) under `sqrt`
 * scaling (returns' spread grows roughly with the square root of time).
 */
export function thresholdsFor(
  daily: ActionThresholds,
  horizon: number,
  scaling: ThresholdScaling,
): ActionThresholds {
  checkThresholds(daily);
  const k = scaling === "sqrt" ? Math.sqrt(horizon) : 1;
  return { weak: daily.weak * k, strong: daily.strong * k };
}

/**
 * Returns the thresholds used for each horizon: `horizon` (Int32), `weak` and `strong`
 * (fractions), for showing next to the labels they produced.
 */
export function thresholdTable(
  horizons: readonly number[],
  daily: ActionThresholds,
  scaling: ThresholdScaling,
): pl.DataFrame {
  const rows = horizons.map((h) => ({ horizon: h, ...thresholdsFor(daily, h, scaling) }));
  return pl.DataFrame({
    horizon: pl.Series("horizon", rows.map((r) => r.horizon), pl.Int32),
    weak: rows.map((r) => r.weak),
    strong: rows.map((r) => r.strong),
  });
}

/**
 * Maps a forward-return expression to its Int32 action class: `r >= strong` -> 2,
 * `weak <= r < strong` -> 1, `-weak < r < weak` -> 0, `-strong < r <= -weak` -> -1,
 * `r <= -strong` -> -2; null stays null. Alias the result: its name is polars' `literal`.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { actionClass } from "@lib/labels/actions.ts";
 * const df = pl.DataFrame({ r: [0.03, 0.01, 0, -0.01, -0.03] });
 * const action = actionClass(pl.col("r"), { weak: 0.01, strong: 0.02 }).alias("action");
 * const got = df.select(action).getColumn("action");
 * if (got.toArray().join() !== "2,1,0,-1,-2") throw new Error(String(got.toArray()));
 * ```
 */
export function actionClass(forwardReturn: pl.Expr, thresholds: ActionThresholds): pl.Expr {
  checkThresholds(thresholds);
  return actionClassBetween(forwardReturn, pl.lit(thresholds.weak), pl.lit(thresholds.strong));
}

/**
 * {@link actionClass} with per-row thresholds (expressions, e.g. scaled by trailing volatility):
 * the same cuts, and null where the return or either threshold is null (a warm-up row is
 * unlabelled, not "hold").
 */
export function actionClassBetween(
  forwardReturn: pl.Expr,
  weak: pl.Expr,
  strong: pl.Expr,
): pl.Expr {
  const r = forwardReturn;
  return pl.when(r.isNull().or(weak.isNull()).or(strong.isNull())).then(pl.lit(null))
    .when(r.gtEq(strong)).then(pl.lit(2))
    .when(r.gtEq(weak)).then(pl.lit(1))
    .when(r.ltEq(strong.mul(-1))).then(pl.lit(-2))
    .when(r.ltEq(weak.mul(-1))).then(pl.lit(-1))
    .otherwise(pl.lit(0))
    .cast(pl.Int32);
}
