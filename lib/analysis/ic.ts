/**
 * Information coefficient: the per-date cross-sectional correlation between a factor known at
 * the close of date t and the forward return from t over h days (`fwd_ret_{h}`).
 * @module
 */
import pl from "nodejs-polars";
import { daySeries } from "../validation/days.ts";
import { pearson, spearman } from "./correlation.ts";
import { crossSections, joinLabels } from "./cross_sections.ts";
import type { DropReason } from "./cross_sections.ts";

/** Options of {@link informationCoefficient}. */
export interface IcOptions {
  /** Factor columns of the factor frame (features or predictions). */
  factors: readonly string[];
  /** Horizons h in days; the labels need `fwd_ret_{h}`. */
  horizons: readonly number[];
  /** Fewest assets with both values for a date to count. Defaults to 3. */
  minAssets?: number;
}

/** Per-date ICs and the rows they leave out. */
export interface IcResult {
  /** factor, horizon (Int32), date, n, pearson, spearman; one row per usable date. */
  daily: pl.DataFrame;
  /** factor, horizon, reason, rows: every row not used, by reason (zeros included). */
  dropped: pl.DataFrame;
}

/**
 * Returns the per-date Pearson and Spearman (rank) IC of each factor at each horizon.
 * `factors` holds symbol, date and the factor columns; `labels` holds symbol, date and
 * `fwd_ret_{h}`. Dates where the factor or the return does not vary are dropped as
 * `constant_date` (their correlation is undefined).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { informationCoefficient } from "@lib/analysis/ic.ts";
 * const date = pl.Series("date", [0, 0, 0], pl.Int32).cast(pl.Date);
 * const factors = pl.DataFrame({ symbol: ["a", "b", "c"], f: [1, 2, 3] }).withColumns(date);
 * const labels = pl.DataFrame({ symbol: ["a", "b", "c"], fwd_ret_1: [0.01, 0.02, 0.5] }).withColumns(date);
 * const ic = informationCoefficient(factors, labels, { factors: ["f"], horizons: [1] });
 * if (ic.daily.getColumn("spearman").get(0) !== 1) throw new Error("not 1");
 * ```
 */
export function informationCoefficient(
  factors: pl.DataFrame,
  labels: pl.DataFrame,
  options: IcOptions,
): IcResult {
  const { minAssets = 3 } = options;
  if (!Number.isInteger(minAssets) || minAssets < 2) {
    throw new Error(`minAssets must be an integer >= 2; got ${minAssets}`);
  }
  const joined = joinLabels(factors, labels, options.factors, options.horizons);
  const out = {
    factor: [] as string[],
    horizon: [] as number[],
    day: [] as number[],
    n: [] as number[],
  };
  const pearsons: number[] = [];
  const spearmans: number[] = [];
  const dropped: Record<string, unknown>[] = [];
  for (const factor of options.factors) {
    for (const h of options.horizons) {
      const { sections, dropped: counts } = crossSections(joined, factor, h, minAssets);
      for (const s of sections) {
        const p = pearson(s.factor, s.returns);
        if (Number.isNaN(p)) {
          counts.constant_date += s.factor.length;
          continue;
        }
        out.factor.push(factor);
        out.horizon.push(h);
        out.day.push(s.day);
        out.n.push(s.factor.length);
        pearsons.push(p);
        spearmans.push(spearman(s.factor, s.returns));
      }
      for (const [reason, rows] of Object.entries(counts) as [DropReason, number][]) {
        dropped.push({ factor, horizon: h, reason, rows });
      }
    }
  }
  const daily = pl.DataFrame([
    pl.Series("factor", out.factor, pl.Utf8),
    pl.Series("horizon", out.horizon, pl.Int32),
    daySeries("date", out.day),
    pl.Series("n", out.n, pl.Int32),
    pl.Series("pearson", pearsons, pl.Float64),
    pl.Series("spearman", spearmans, pl.Float64),
  ]);
  return {
    daily,
    dropped: pl.DataFrame(dropped).withColumns(
      pl.col("horizon").cast(pl.Int32),
      pl.col("rows").cast(pl.Int64),
    ),
  };
}
