/**
 * Quantile buckets: on each date, assets are ranked by the factor and cut into `quantiles`
 * equal-count buckets (1 = lowest factor); the table is the mean forward return per bucket,
 * averaged over dates so each date weighs the same (as alphalens' mean return by quantile).
 * @module
 */
import pl from "nodejs-polars";
import { crossSections, joinLabels } from "./cross_sections.ts";
import { isConstant } from "./correlation.ts";
import type { DropReason } from "./cross_sections.ts";

/** Options of {@link quantileReturns}. */
export interface QuantileOptions {
  /** Factor columns of the factor frame. */
  factors: readonly string[];
  /** Horizons h in days; the labels need `fwd_ret_{h}`. */
  horizons: readonly number[];
  /** Number of buckets; dates with fewer usable assets are dropped. Defaults to 5. */
  quantiles?: number;
}

/** Mean forward return per bucket and the rows left out. */
export interface QuantileResult {
  /** factor, horizon, quantile (1..q), mean_return (fraction over h days), n_dates, n_obs. */
  table: pl.DataFrame;
  /** factor, horizon, top_minus_bottom: mean return of bucket q minus bucket 1. */
  spread: pl.DataFrame;
  /** factor, horizon, reason, rows: every row not used, by reason (zeros included). */
  dropped: pl.DataFrame;
}

/**
 * Returns the bucket of each value, 1..q, by rank (ties keep input order, as `rank("first")`;
 * `quantileReturns` sorts rows by symbol within a date and drops dates where the factor is
 * constant).
 *
 * @example
 * ```ts
 * import { quantileBuckets } from "@lib/analysis/quantiles.ts";
 * if (quantileBuckets([5, 1, 4, 2, 3], 5).join() !== "5,1,4,2,3") throw new Error("wrong");
 * ```
 */
export function quantileBuckets(values: ArrayLike<number>, quantiles: number): Int32Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    values[a] - values[b] || a - b
  );
  const buckets = new Int32Array(n);
  order.forEach((row, position) => {
    buckets[row] = Math.floor((position * quantiles) / n) + 1;
  });
  return buckets;
}

/** Returns the mean forward return per factor quantile for each factor and horizon. */
export function quantileReturns(
  factors: pl.DataFrame,
  labels: pl.DataFrame,
  options: QuantileOptions,
): QuantileResult {
  const { quantiles = 5 } = options;
  if (!Number.isInteger(quantiles) || quantiles < 2) {
    throw new Error(`quantiles must be an integer >= 2; got ${quantiles}`);
  }
  const joined = joinLabels(factors, labels, options.factors, options.horizons);
  const rows: Record<string, unknown>[] = [];
  const spreads: Record<string, unknown>[] = [];
  const dropped: Record<string, unknown>[] = [];
  for (const factor of options.factors) {
    for (const h of options.horizons) {
      const { sections, dropped: counts } = crossSections(joined, factor, h, quantiles);
      const sum = new Float64Array(quantiles);
      const obs = new Float64Array(quantiles);
      let nDates = 0;
      for (const s of sections) {
        // A factor equal for every asset (a shallow tree's single leaf) has no ranking: bucketing
        // it by row order would only sort by symbol.
        if (isConstant(s.factor)) {
          counts.constant_date += s.factor.length;
          continue;
        }
        nDates++;
        const buckets = quantileBuckets(s.factor, quantiles);
        const dateSum = new Float64Array(quantiles);
        const dateCount = new Float64Array(quantiles);
        buckets.forEach((b, i) => {
          dateSum[b - 1] += s.returns[i];
          dateCount[b - 1]++;
        });
        for (let q = 0; q < quantiles; q++) {
          sum[q] += dateSum[q] / dateCount[q];
          obs[q] += dateCount[q];
        }
      }
      for (let q = 0; q < quantiles; q++) {
        rows.push({
          factor,
          horizon: h,
          quantile: q + 1,
          mean_return: nDates > 0 ? sum[q] / nDates : NaN,
          n_dates: nDates,
          n_obs: obs[q],
        });
      }
      spreads.push({
        factor,
        horizon: h,
        top_minus_bottom: nDates > 0 ? (sum[quantiles - 1] - sum[0]) / nDates : NaN,
      });
      for (const [reason, n] of Object.entries(counts) as [DropReason, number][]) {
        dropped.push({ factor, horizon: h, reason, rows: n });
      }
    }
  }
  const ints = (frame: pl.DataFrame, ...cols: string[]) =>
    frame.withColumns(...cols.map((c) => pl.col(c).cast(pl.Int32)));
  return {
    table: ints(pl.DataFrame(rows), "horizon", "quantile", "n_dates", "n_obs"),
    spread: ints(pl.DataFrame(spreads), "horizon"),
    dropped: ints(pl.DataFrame(dropped), "horizon").withColumns(pl.col("rows").cast(pl.Int64)),
  };
}
