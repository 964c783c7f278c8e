/**
 * One factor's analysis frame as alphalens' `get_clean_factor` builds it: the rows where the
 * factor and every horizon's forward return are known, each with its quantile on its date. Every
 * row left out is counted by reason instead of alphalens' single "dropped %" line.
 * @module
 */
import pl from "nodejs-polars";
import { floatValues } from "../frames.ts";
import { joinLabels, sectionsOf } from "./cross_sections.ts";
import type { DropReason } from "./cross_sections.ts";
import { bucketsOf } from "./quantiles.ts";
import type { Binning } from "./quantiles.ts";

/** Options of {@link factorData}. */
export interface FactorDataOptions {
  /** The factor column of the factor frame. */
  factor: string;
  /** Horizons h in days; the labels need `fwd_ret_{h}`. */
  horizons: readonly number[];
  /** Number of buckets. Defaults to 5. */
  quantiles?: number;
  /** How buckets are cut. Defaults to `qcut` (alphalens). */
  binning?: Binning;
  /** A column of the factor frame carried as `group` (alphalens `groupby`). */
  groupBy?: string;
  /** Cut buckets within each group on each date. Defaults to false. */
  binningByGroup?: boolean;
}

/** The analysis frame and the rows left out. */
export interface FactorData {
  /**
   * symbol, date, factor, fwd_ret_{h} per horizon, quantile (Int32, 1..q) and, with `groupBy`,
   * group (text); sorted by date then symbol.
   */
  data: pl.DataFrame;
  /** reason, rows: rows of the factor frame left out (`missing_factor`, `missing_return`, `tied_edges`). */
  dropped: pl.DataFrame;
  /**
   * Every date of the factor frame, sorted: the calendar for turnover and autocorrelation, so a
   * date that lost all its rows still breaks the lag (as alphalens' NaN on its date grid).
   */
  dates: pl.Series;
}

/**
 * Returns the factor's analysis frame: rows with a finite factor and every horizon's return
 * (alphalens drops a row missing any period), bucketed per date; dates whose `qcut` edges
 * coincide are left out as `tied_edges` (alphalens' binning loss). Unlike alphalens there is no
 * `max_loss` error: the losses are returned.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { factorData } from "@lib/analysis/factor_data.ts";
 * const date = pl.Series("date", [0, 0, 0, 0, 0, 0], pl.Int32).cast(pl.Date);
 * const symbol = ["a", "b", "c", "d", "e", "f"];
 * const f = pl.DataFrame({ symbol, mom: [1, 2, 3, 4, null, 6] }).withColumns(date);
 * const l = pl.DataFrame({ symbol, fwd_ret_1: [0.1, 0.2, 0.3, 0.4, 0.5, null] }).withColumns(date);
 * const { data, dropped } = factorData(f, l, { factor: "mom", horizons: [1], quantiles: 2 });
 * if (data.getColumn("quantile").toArray().join() !== "1,1,2,2") throw new Error("wrong buckets");
 * if (dropped.getColumn("rows").toArray().map(Number).join() !== "1,1,0") throw new Error("wrong drops");
 * ```
 */
export function factorData(
  factors: pl.DataFrame,
  labels: pl.DataFrame,
  options: FactorDataOptions,
): FactorData {
  const { factor, horizons, quantiles = 5, binning = "qcut", groupBy } = options;
  const { binningByGroup = false } = options;
  if (!Number.isInteger(quantiles) || quantiles < 2) {
    throw new Error(`quantiles must be an integer >= 2; got ${quantiles}`);
  }
  if (binningByGroup && !groupBy) throw new Error("binningByGroup needs a groupBy column");
  const joined = joinLabels(factors, labels, [factor], horizons, groupBy ? [groupBy] : []);
  const returns = horizons.map((h) => floatValues(joined, `fwd_ret_${h}`));
  const { sections, dropped } = sectionsOf(
    floatValues(joined, "date"),
    floatValues(joined, factor),
    returns[0],
    1,
    returns,
  );
  const groupValues = groupBy
    ? (joined.getColumn(groupBy).cast(pl.Utf8).toArray() as (string | null)[])
    : undefined;
  const codes = new Map<string, number>();
  const keep = new Uint8Array(joined.height);
  const bucket = new Int32Array(joined.height);
  let kept = 0;
  let tied = 0;
  for (const s of sections) {
    const groupCodes = binningByGroup
      ? Int32Array.from(s.rows, (r) => {
        const key = groupValues![r] ?? "null";
        if (!codes.has(key)) codes.set(key, codes.size);
        return codes.get(key)!;
      })
      : undefined;
    const b = bucketsOf(s.factor, quantiles, binning, groupCodes);
    if (!b) {
      tied += s.factor.length;
      continue;
    }
    for (let i = 0; i < b.length; i++) {
      if (b[i] === 0) tied++;
      else {
        keep[s.rows[i]] = 1;
        bucket[kept++] = b[i];
      }
    }
  }
  // sections run in row order, so the kept rows line up with the buckets in order
  let data = joined
    .select(
      "symbol",
      "date",
      pl.col(factor).cast(pl.Float64).alias("factor"),
      ...horizons.map((h) => pl.col(`fwd_ret_${h}`).cast(pl.Float64)),
      ...(groupBy ? [pl.col(groupBy).cast(pl.Utf8).alias("group")] : []),
    )
    .withColumns(pl.Series("_keep", keep))
    .filter(pl.col("_keep").eq(1))
    .drop("_keep")
    .withColumns(pl.Series("quantile", bucket.subarray(0, kept)));
  if (groupBy) data = data.select(pl.all().exclude("group"), pl.col("group"));
  const reasons: [DropReason, number][] = [
    ["missing_factor", dropped.missing_factor ?? 0],
    ["missing_return", dropped.missing_return ?? 0],
    ["tied_edges", tied],
  ];
  return {
    dates: joined.select(pl.col("date").unique().sort()).getColumn("date"),
    data, // joined is sorted by date then symbol and the filter keeps that order
    dropped: pl.DataFrame([
      pl.Series("reason", reasons.map((r) => r[0]), pl.Utf8),
      pl.Series("rows", reasons.map((r) => r[1]), pl.Float64).cast(pl.Int64),
    ]),
  };
}
