/**
 * Information coefficient: the per-date cross-sectional correlation between a factor known at
 * the close of date t and the forward return from t over h days (`fwd_ret_{h}`).
 * @module
 */
import pl from "nodejs-polars";
import { daySeries } from "../validation/days.ts";
import { isConstant, pearson } from "./correlation.ts";
import { floatValues } from "../frames.ts";
import { joinLabels, SectionCache, sectionsOf } from "./cross_sections.ts";
import type { DropCounts } from "./cross_sections.ts";
import { rankAverageInto } from "./ranks.ts";

/** Options of {@link informationCoefficient}. */
export interface IcOptions {
  /** Factor columns of the factor frame (features or predictions). */
  factors: readonly string[];
  /** Horizons h in days; the labels need `fwd_ret_{h}`. */
  horizons: readonly number[];
  /** Fewest assets with both values for a date to count. Defaults to 3. */
  minAssets?: number;
  /**
   * Keep a row only when the return of every horizon is known, so all horizons stand on the same
   * rows (alphalens' `get_clean_factor` drops a row missing any period). Defaults to false: each
   * horizon uses every row it has a return for.
   */
  requireAllHorizons?: boolean;
}

/** Per-date ICs and the rows they leave out. */
export interface IcResult {
  /** factor, horizon (Int32), date, n, pearson, spearman; one row per usable date. */
  daily: pl.DataFrame;
  /** factor, horizon, reason, rows: every row not used, by reason (zeros included). */
  dropped: pl.DataFrame;
}

/** Returns the dropped-rows frame (factor, horizon, reason, rows) of per-horizon counts. */
export function droppedFrame(
  entries: readonly { factor: string; horizon: number; counts: DropCounts }[],
): pl.DataFrame {
  const factor: string[] = [];
  const horizon: number[] = [];
  const reason: string[] = [];
  const rows: number[] = [];
  for (const e of entries) {
    for (const [r, n] of Object.entries(e.counts)) {
      factor.push(e.factor);
      horizon.push(e.horizon);
      reason.push(r);
      rows.push(n ?? 0);
    }
  }
  return pl.DataFrame([
    pl.Series("factor", factor, pl.Utf8),
    pl.Series("horizon", horizon, pl.Float64).cast(pl.Int32),
    pl.Series("reason", reason, pl.Utf8),
    pl.Series("rows", rows, pl.Float64).cast(pl.Int64),
  ]);
}

/**
 * Returns the per-date Pearson and Spearman (rank) IC of each factor at each horizon.
 * `factors` holds symbol, date and the factor columns; `labels` holds symbol, date and
 * `fwd_ret_{h}`. Dates where the factor or the return does not vary are dropped as
 * `constant_date` (their correlation is undefined). The rank IC uses average ranks for ties, as
 * `scipy.stats.spearmanr` (alphalens' `factor_information_coefficient`) does.
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
  const { minAssets = 3, requireAllHorizons = false } = options;
  if (!Number.isInteger(minAssets) || minAssets < 2) {
    throw new Error(`minAssets must be an integer >= 2; got ${minAssets}`);
  }
  const joined = joinLabels(factors, labels, options.factors, options.horizons);
  const days = floatValues(joined, "date");
  const returns = new Map(options.horizons.map((h) => [h, floatValues(joined, `fwd_ret_${h}`)]));
  const all = requireAllHorizons ? [...returns.values()] : [];
  const out = { factor: [] as string[], horizon: [] as number[], day: [] as number[] };
  const n: number[] = [];
  const pearsons: number[] = [];
  const spearmans: number[] = [];
  const entries: { factor: string; horizon: number; counts: DropCounts }[] = [];
  let rr = new Float64Array(0);
  for (const factor of options.factors) {
    const f = floatValues(joined, factor);
    // factor ranks (null: constant factor) per date, shared by the horizons
    const factorRanks = new SectionCache<Float64Array | null>();
    for (const h of options.horizons) {
      const { sections, dropped: counts } = sectionsOf(days, f, returns.get(h)!, minAssets, all);
      let constant = 0;
      for (const s of sections) {
        const m = s.factor.length;
        if (rr.length < m) rr = new Float64Array(m);
        const fRanks = factorRanks.get(
          s,
          () => isConstant(s.factor) ? null : rankAverageInto(s.factor, new Float64Array(m)),
        );
        if (fRanks === null || isConstant(s.returns)) {
          constant += m;
          continue;
        }
        const p = pearson(s.factor, s.returns);
        if (Number.isNaN(p)) {
          constant += m;
          continue;
        }
        out.factor.push(factor);
        out.horizon.push(h);
        out.day.push(s.day);
        n.push(m);
        pearsons.push(p);
        spearmans.push(pearson(fRanks, rankAverageInto(s.returns, rr.subarray(0, m))));
      }
      counts.constant_date = constant;
      entries.push({ factor, horizon: h, counts });
    }
  }
  const daily = pl.DataFrame([
    pl.Series("factor", out.factor, pl.Utf8),
    pl.Series("horizon", out.horizon, pl.Float64).cast(pl.Int32),
    daySeries("date", out.day),
    pl.Series("n", n, pl.Float64).cast(pl.Int32),
    pl.Series("pearson", pearsons, pl.Float64),
    pl.Series("spearman", spearmans, pl.Float64),
  ]);
  return { daily, dropped: droppedFrame(entries) };
}
