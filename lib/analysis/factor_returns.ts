/**
 * The factor-weighted long-short portfolio of alphalens (`performance.factor_returns` with
 * `demeaned=True`, then `cumulative_returns`): each date, every asset is weighted by its factor
 * minus the date's mean factor, scaled so the absolute weights sum to 1 (half long, half short),
 * and the portfolio earns the weighted sum of the 1-period forward returns. Compounding those
 * returns gives the growth of 1, as alphalens' "Factor Weighted Long/Short Portfolio Cumulative
 * Return (1D Period)".
 * @module
 */
import pl from "nodejs-polars";
import { floatValues } from "../frames.ts";
import { daySeries } from "../validation/days.ts";

/** Options of {@link factorReturns}. */
export interface FactorReturnsOptions {
  /** Horizon h of the forward return `fwd_ret_{h}` the weights earn. Defaults to 1. */
  horizon?: number;
  /**
   * Labels (symbol, date, `fwd_ret_{h}`) to join when the factor data lacks `fwd_ret_{h}` (factor
   * data built at a longer horizon). Defaults to none: the column must be in the factor data.
   */
  labels?: pl.DataFrame;
}

/**
 * Returns `date`, `factor_return` and `cumulative` (growth of 1) of the factor-weighted
 * long-short portfolio of `data` (symbol, date, factor and `fwd_ret_{h}`, as `factorData(...)
 * .data`), one row per date, sorted. Weights use every row of the date; a row whose forward
 * return is missing earns nothing, and a date with none is NaN (alphalens' `sum(min_count=1)`),
 * compounded as 0 (empyrical's `cum_returns`). A date whose factor does not vary has weight 0
 * everywhere and returns 0. With fewer than 2 symbols in `data` there is no long-short book:
 * the frame is empty (with its columns).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { factorReturns } from "@lib/analysis/factor_returns.ts";
 * const data = pl.DataFrame({ symbol: ["a", "b", "c"], factor: [1, 2, 6], fwd_ret_1: [0.01, 0.02, 0.04] })
 *   .withColumns(pl.Series("date", [0, 0, 0], pl.Int32).cast(pl.Date));
 * // demeaned factor -2, -1, 3; |w| sums to 1: w = -1/3, -1/6, 1/2
 * const r = factorReturns(data).getColumn("factor_return").get(0);
 * if (Math.abs(r - (-0.01 / 3 - 0.02 / 6 + 0.04 / 2)) > 1e-15) throw new Error(String(r));
 * ```
 */
export function factorReturns(
  data: pl.DataFrame,
  options: FactorReturnsOptions = {},
): pl.DataFrame {
  const horizon = options.horizon ?? 1;
  const column = `fwd_ret_${horizon}`;
  for (const c of ["symbol", "date", "factor"]) {
    if (!data.columns.includes(c)) throw new Error(`the factor data has no column "${c}"`);
  }
  const own = data.columns.includes(column) ? [column] : [];
  let frame = data.select("symbol", pl.col("date").cast(pl.Date), "factor", ...own);
  if (!frame.columns.includes(column)) {
    if (!options.labels) {
      throw new Error(`the factor data has no column "${column}" and no labels were given`);
    }
    if (!options.labels.columns.includes(column)) {
      throw new Error(`the labels have no column "${column}"`);
    }
    frame = frame.join(
      options.labels.select("symbol", pl.col("date").cast(pl.Date), column),
      { on: ["symbol", "date"], how: "left" },
    );
  }
  frame = frame.sort(["date", "symbol"]);
  const symbols = frame.select(pl.col("symbol").nUnique()).getColumn("symbol").get(0) ?? 0;
  if (symbols < 2) frame = frame.head(0);
  const days = floatValues(frame, "date");
  const factor = floatValues(frame, "factor");
  const forward = floatValues(frame, column);
  const outDays: number[] = [];
  const outReturns: number[] = [];
  for (let i = 0; i < frame.height;) {
    let j = i;
    let sum = 0;
    let count = 0;
    for (; j < frame.height && days[j] === days[i]; j++) {
      if (Number.isFinite(factor[j])) {
        sum += factor[j];
        count++;
      }
    }
    const mean = sum / count;
    let denominator = 0;
    for (let k = i; k < j; k++) {
      if (Number.isFinite(factor[k])) denominator += Math.abs(factor[k] - mean);
    }
    let total = 0;
    let earned = 0;
    for (let k = i; k < j; k++) {
      if (!Number.isFinite(factor[k]) || !Number.isFinite(forward[k])) continue;
      const w = denominator === 0 ? 0 : (factor[k] - mean) / denominator;
      total += w * forward[k];
      earned++;
    }
    outDays.push(days[i]);
    outReturns.push(earned > 0 ? total : NaN);
    i = j;
  }
  let wealth = 1;
  const cumulative = outReturns.map((r) => (wealth *= 1 + (Number.isFinite(r) ? r : 0)));
  return pl.DataFrame([
    daySeries("date", outDays),
    pl.Series("factor_return", outReturns, pl.Float64),
    pl.Series("cumulative", cumulative, pl.Float64),
  ]);
}
