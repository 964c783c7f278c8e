/**
 * A parameter grid's mean Sharpe ratios as a ranked table, and as the trials a deflated Sharpe
 * ratio counts.
 * @module
 */
import pl from "nodejs-polars";
import type { GridCell } from "./grid.ts";

/**
 * Returns `cells` as a frame (`fast`, `slow`, `mean_sharpe`) without the pairs whose Sharpe is
 * NaN (they never traded), best first.
 *
 * @example
 * ```ts
 * import { gridSharpeFrame } from "@lib/backtest/grid_summary.ts";
 * const f = gridSharpeFrame([{ fast: 5, slow: 10, value: 0.2 }, { fast: 5, slow: 20, value: NaN }, { fast: 10, slow: 20, value: 0.9 }]);
 * if (f.getColumn("slow").toArray().join() !== "20,10") throw new Error();
 * ```
 */
export function gridSharpeFrame(cells: readonly GridCell[]): pl.DataFrame {
  return pl.DataFrame(cells.map((c) => ({ fast: c.fast, slow: c.slow, mean_sharpe: c.value })))
    .filter(pl.col("mean_sharpe").isNotNan())
    .sort("mean_sharpe", true);
}

/** Returns the finite values of `cells`, in order: the trials of a deflated Sharpe ratio. */
export function trialSharpes(cells: readonly GridCell[]): number[] {
  return cells.map((c) => c.value).filter(Number.isFinite);
}
