/**
 * Per-symbol (time-series) IC: for each symbol, the correlation over its dates between the
 * factor and the forward return. Unlike the cross-sectional IC it needs no other names on the
 * date, so it says something about a universe of one or two symbols. h-day returns of
 * consecutive dates overlap, so no t-statistic is given: the dates are not independent.
 * @module
 */
import pl from "nodejs-polars";
import { isConstant, pearson, spearman } from "./correlation.ts";
import { floatValues } from "../frames.ts";
import { joinLabels } from "./cross_sections.ts";

/** Options of {@link timeSeriesIc}. */
export interface TimeSeriesIcOptions {
  /** Factor columns of the factor frame. */
  readonly factors: readonly string[];
  /** Horizons h in days; the labels need `fwd_ret_{h}`. */
  readonly horizons: readonly number[];
  /** Fewest dates with both values for a symbol's IC. Defaults to 20. */
  readonly minDates?: number;
}

/**
 * Returns factor, horizon, symbol, n_dates, pearson, spearman: each symbol's correlation over
 * time of the factor with its `fwd_ret_{h}`, from rows where both are known. A symbol with fewer
 * than `minDates` such dates, or a constant factor or return, is left out. Sorted by factor,
 * horizon, symbol. An empty factor frame gives an empty result.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { timeSeriesIc } from "@lib/analysis/time_series_ic.ts";
 * const date = pl.Series("date", [0, 1, 2, 3], pl.Int32).cast(pl.Date);
 * const f = pl.DataFrame({ symbol: ["a", "a", "a", "a"], f: [1, 2, 3, 4] }).withColumns(date);
 * const l = pl.DataFrame({ symbol: ["a", "a", "a", "a"], fwd_ret_1: [0.1, 0.3, 0.2, 0.4] }).withColumns(date);
 * const ic = timeSeriesIc(f, l, { factors: ["f"], horizons: [1], minDates: 3 });
 * // ranks 1,2,3,4 against 1,3,2,4: 1 - 6 * 2 / (4 * 15) = 0.8
if (Math.abs(ic.getColumn("spearman").get(0) - 0.8) > 1e-12) throw new Error("wrong");
 * ```
 */
export function timeSeriesIc(
  factors: pl.DataFrame,
  labels: pl.DataFrame,
  options: TimeSeriesIcOptions,
): pl.DataFrame {
  const { minDates = 20 } = options;
  const out = {
    factor: [] as string[],
    horizon: [] as number[],
    symbol: [] as string[],
    n: [] as number[],
    pearson: [] as number[],
    spearman: [] as number[],
  };
  if (factors.height > 0) {
    const joined = joinLabels(factors, labels, options.factors, options.horizons)
      .sort(["symbol", "date"]);
    const symbols = joined.getColumn("symbol").cast(pl.Utf8).toArray() as string[];
    const starts: number[] = [];
    for (let i = 0; i < symbols.length; i++) {
      if (i === 0 || symbols[i] !== symbols[i - 1]) starts.push(i);
    }
    starts.push(symbols.length);
    for (const factor of options.factors) {
      const f = floatValues(joined, factor);
      for (const h of options.horizons) {
        const r = floatValues(joined, `fwd_ret_${h}`);
        for (let s = 0; s + 1 < starts.length; s++) {
          const x: number[] = [];
          const y: number[] = [];
          for (let i = starts[s]; i < starts[s + 1]; i++) {
            if (Number.isFinite(f[i]) && Number.isFinite(r[i])) {
              x.push(f[i]);
              y.push(r[i]);
            }
          }
          if (x.length < minDates || isConstant(x) || isConstant(y)) continue;
          out.factor.push(factor);
          out.horizon.push(h);
          out.symbol.push(symbols[starts[s]]);
          out.n.push(x.length);
          out.pearson.push(pearson(x, y));
          out.spearman.push(spearman(x, y));
        }
      }
    }
  }
  return pl.DataFrame([
    pl.Series("factor", out.factor, pl.Utf8),
    pl.Series("horizon", out.horizon, pl.Float64).cast(pl.Int32),
    pl.Series("symbol", out.symbol, pl.Utf8),
    pl.Series("n_dates", out.n, pl.Float64).cast(pl.Int32),
    pl.Series("pearson", out.pearson, pl.Float64),
    pl.Series("spearman", out.spearman, pl.Float64),
  ]);
}
