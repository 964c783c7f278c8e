/**
 * Cumulative returns of the quantile portfolios: each date's equal-weighted bucket mean of the
 * 1-day forward return, compounded (alphalens `plot_cumulative_returns_by_quantile` on the "1D"
 * column). Longer horizons are not compounded: h-day returns of consecutive dates overlap, so
 * alphalens 0.5.1 draws this chart for 1-day returns only; compound the 1-day returns of buckets
 * formed daily instead (as here).
 * @module
 */
import pl from "nodejs-polars";
import { daySeries } from "../validation/days.ts";
import { floatValues } from "../frames.ts";

/**
 * Returns factor, date, quantile, cumulative (growth of 1, `prod(1 + r)`) from the `daily` frame
 * of `quantileReturns` at horizon 1; a date where a bucket has no assets adds nothing (empyrical's
 * `cum_returns` treats the NaN as 0). A frame without horizon-1 rows (no date had enough assets
 * for the quantiles, or horizon 1 was not analysed) gives an empty result.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { cumulativeQuantileReturns } from "@lib/analysis/cumulative.ts";
 * const daily = pl.DataFrame({ factor: ["f", "f"], horizon: [1, 1], quantile: [1, 1],
 *   date: [new Date("2020-01-01"), new Date("2020-01-02")], mean_return: [0.1, -0.5] })
 *   .withColumns(pl.col("date").cast(pl.Date));
 * const c = cumulativeQuantileReturns(daily).getColumn("cumulative").toArray();
 * if (Math.abs(Number(c[1]) - 0.55) > 1e-12) throw new Error(c.join());
 * ```
 */
export function cumulativeQuantileReturns(daily: pl.DataFrame): pl.DataFrame {
  const one = daily.filter(pl.col("horizon").eq(pl.lit(1))).sort(["factor", "quantile", "date"]);
  const factors = one.getColumn("factor").toArray() as string[];
  const quantiles = floatValues(one, "quantile");
  const days = floatValues(one, "date");
  const r = floatValues(one, "mean_return");
  const factorDays = new Map<string, Set<number>>();
  factors.forEach((f, k) => {
    if (!factorDays.has(f)) factorDays.set(f, new Set());
    factorDays.get(f)!.add(days[k]);
  });
  const out = {
    factor: [] as string[],
    day: [] as number[],
    quantile: [] as number[],
    value: [] as number[],
  };
  let i = 0;
  while (i < one.height) {
    let j = i;
    while (j < one.height && factors[j] === factors[i] && quantiles[j] === quantiles[i]) j++;
    if (j === i) j = i + 1; // a null quantile stands alone
    const byDay = new Map<number, number>();
    for (let k = i; k < j; k++) byDay.set(days[k], r[k]);
    let value = 1;
    let started = false;
    for (const day of [...factorDays.get(factors[i])!].sort((a, b) => a - b)) {
      const ret = byDay.get(day);
      if (ret === undefined && !started) continue;
      started = true;
      value *= 1 + (ret ?? 0);
      out.factor.push(factors[i]);
      out.day.push(day);
      out.quantile.push(quantiles[i]);
      out.value.push(value);
    }
    i = j;
  }
  return pl.DataFrame([
    pl.Series("factor", out.factor, pl.Utf8),
    daySeries("date", out.day),
    pl.Series("quantile", out.quantile, pl.Float64).cast(pl.Int32),
    pl.Series("cumulative", out.value, pl.Float64),
  ]);
}
