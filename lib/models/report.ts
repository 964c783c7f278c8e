/**
 * Condensing a walk-forward evaluation into tables and headline metrics.
 * @module
 */
import pl from "nodejs-polars";

/**
 * Returns the mean importance of each feature per (horizon, model) over the folds of
 * `walkForwardEvaluate(...).importance`, largest first within each model.
 */
export function meanImportance(importance: pl.DataFrame): pl.DataFrame {
  if (importance.height === 0) throw new Error("the importance frame has no rows");
  return importance
    .groupBy(["horizon", "model", "feature"])
    .agg(
      pl.col("importance").mean().alias("mean_importance"),
      pl.col("importance").std().alias("std_importance"),
    )
    .sort(["horizon", "model", "mean_importance"], [false, false, true]);
}

/**
 * Returns the pooled out-of-fold metrics of `walkForwardEvaluate(...).summary` as a flat record,
 * `{model}_h{horizon}_{metric}` (rmse, mae, r2, direction_accuracy), for logging.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { summaryMetrics } from "@lib/models/report.ts";
 * const s = pl.DataFrame({ horizon: [5], model: ["ridge"], n: [10], rmse: [0.1], mae: [0.05], r2: [0.01], direction_accuracy: [0.52] });
 * if (summaryMetrics(s).ridge_h5_rmse !== 0.1) throw new Error("wrong");
 * ```
 */
export function summaryMetrics(summary: pl.DataFrame): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of summary.toRecords() as Record<string, unknown>[]) {
    for (
      const metric of ["rmse", "mae", "r2", "r2_zero", "direction_accuracy", "always_up_accuracy"]
    ) {
      if (row[metric] !== undefined) {
        out[`${row.model}_h${row.horizon}_${metric}`] = Number(row[metric]);
      }
    }
  }
  return out;
}

/**
 * Returns the symbol of the first row of `frame` and its last `n` rows, the slice an interval
 * fan chart shows.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { firstSymbolTail } from "@lib/models/report.ts";
 * const f = pl.DataFrame({ symbol: ["b", "a", "b", "b"], x: [1, 2, 3, 4] });
 * const { symbol, rows } = firstSymbolTail(f, 2);
 * if (symbol !== "b" || rows.getColumn("x").toArray().join() !== "3,4") throw new Error();
 * ```
 */
export function firstSymbolTail(
  frame: pl.DataFrame,
  n: number,
): { symbol: string; rows: pl.DataFrame } {
  const symbol = (frame.getColumn("symbol").toArray() as string[])[0];
  return { symbol, rows: frame.filter(pl.col("symbol").eq(pl.lit(symbol))).tail(n) };
}
