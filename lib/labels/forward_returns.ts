/**
 * Forward returns: what a position opened at the close of `date` earns by the close `h` trading
 * days later, with the date that return ends on (the label's span is `date` -> `label_end_h`).
 * @module
 */
import pl from "nodejs-polars";

/** Column name of the forward return over `horizon` days, e.g. `fwd_ret_5`. */
export function forwardReturnColumn(horizon: number): string {
  return `fwd_ret_${horizon}`;
}

/** Column name of the date a `horizon`-day label ends on (t1 of its span), e.g. `label_end_5`. */
export function labelEndColumn(horizon: number): string {
  return `label_end_${horizon}`;
}

/** Forward simple return over `horizon` rows of one symbol: `close_{t+h} / close_t - 1`. */
export function forwardReturnExpr(horizon: number): pl.Expr {
  return pl.col("close").shift(-horizon).div(pl.col("close")).sub(1);
}

/** The date `horizon` rows ahead within one symbol (null where the future is not available). */
export function labelEndExpr(horizon: number): pl.Expr {
  return pl.col("date").shift(-horizon);
}

/** Returns the shortest of `horizons` (the one notebooks chart forward returns at). */
export function shortestHorizon(horizons: readonly number[]): number {
  return horizons.reduce((m, h) => Math.min(m, h), Infinity);
}

/** Throws unless `horizons` are distinct positive integers. */
export function checkHorizons(horizons: readonly number[]): void {
  if (horizons.length === 0) throw new Error("labels: at least one horizon is required");
  for (const h of horizons) {
    if (!Number.isInteger(h) || h < 1) {
      throw new Error(`labels: horizon ${h} is not a positive whole number of days`);
    }
  }
  if (new Set(horizons).size !== horizons.length) {
    throw new Error(`labels: horizons ${horizons.join(", ")} repeat a value`);
  }
}

/**
 * Returns `symbol`, `date` and, per horizon, `fwd_ret_{h}` (Float64) and `label_end_{h}` (the
 * date h rows ahead), computed per symbol on rows sorted by date. The last h rows of each
 * symbol have both null: their future is not in the panel.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { forwardReturns } from "@lib/labels/forward_returns.ts";
 * const panel = pl.DataFrame({ symbol: ["A", "A", "A"], date: [1, 2, 3], close: [10, 11, 9.9] });
 * const got = forwardReturns(panel, [1]).getColumn("label_end_1").toArray();
 * if (got.join() !== "2,3,") throw new Error(String(got));
 * ```
 */
export function forwardReturns(panel: pl.DataFrame, horizons: readonly number[]): pl.DataFrame {
  checkHorizons(horizons);
  const missing = ["symbol", "date", "close"].filter((c) => !panel.columns.includes(c));
  if (missing.length > 0) {
    throw new Error(`forwardReturns: the panel lacks column(s) ${missing.join(", ")}`);
  }
  return panel.sort(["symbol", "date"]).select(
    pl.col("symbol"),
    pl.col("date"),
    ...horizons.flatMap((h) => [
      forwardReturnExpr(h).over("symbol").cast(pl.Float64).alias(forwardReturnColumn(h)),
      labelEndExpr(h).over("symbol").alias(labelEndColumn(h)),
    ]),
  );
}
