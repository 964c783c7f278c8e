/**
 * Universe filters on bars: a price range, a minimum average volume and a minimum number of
 * trading days per symbol. The statistics are taken over the whole loaded window, which looks
 * ahead: fine for choosing a research universe, not for a point-in-time screen.
 * @module
 */
import pl from "nodejs-polars";
import { z } from "zod";
import { DataError } from "./errors.ts";

/**
 * The thresholds of {@link applyFilters}, the acquisition step's `filters` parameter: per-symbol
 * statistics over the loaded window; an unset threshold keeps every symbol.
 */
export const filterOptions = z.object({
  /** Lowest accepted average close. Unset by default. */
  minPrice: z.number().nonnegative().optional(),
  /** Highest accepted average close. Unset by default. */
  maxPrice: z.number().positive().optional(),
  /** Lowest accepted average daily volume (shares). Unset by default. */
  minAvgVolume: z.number().nonnegative().optional(),
  /** Fewest trading days a symbol needs. Unset by default. */
  minTradingDays: z.number().int().min(1).optional(),
}).strict();

/** Thresholds of {@link applyFilters}; an unset threshold keeps every symbol. */
export type FilterOptions = Readonly<z.infer<typeof filterOptions>>;

/** Returns per symbol (sorted): `trading_days` (Int64), `avg_close` and `avg_volume`. */
export function symbolStats(bars: pl.DataFrame): pl.DataFrame {
  return bars.groupBy("symbol").agg(
    pl.len().cast(pl.Int64).alias("trading_days"),
    pl.col("close").mean().alias("avg_close"),
    pl.col("volume").mean().alias("avg_volume"),
  ).sort("symbol");
}

/** The outcome of {@link applyFilters}. */
export interface FilterResult {
  /** The bars of the symbols that pass every filter, in the input order. */
  readonly bars: pl.DataFrame;
  /** {@link symbolStats} plus `kept` (Boolean) and `reason` (why a symbol was removed, or null). */
  readonly stats: pl.DataFrame;
}

/**
 * Keeps the symbols whose statistics pass every threshold and says why each other one was
 * removed. Throws a {@link DataError} naming `origin` when no symbol passes.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
import { z } from "zod";
 * import { applyFilters } from "@lib/data/filters.ts";
 * const bars = pl.DataFrame({ symbol: ["A", "B"], close: [3, 30], volume: [10, 10] });
 * const { stats } = applyFilters(bars, { minPrice: 5 });
 * if (stats.getColumn("reason").get(0) !== "avg close 3 < 5") throw new Error("reason");
 * ```
 */
export function applyFilters(
  bars: pl.DataFrame,
  options: FilterOptions,
  origin = "bars",
): FilterResult {
  const stats = symbolStats(bars).toRecords() as {
    symbol: string;
    trading_days: number;
    avg_close: number;
    avg_volume: number;
  }[];
  const fmt = (x: number) => Number(x.toPrecision(6)).toString();
  const reasons = stats.map((s) => {
    const why: string[] = [];
    const days = Number(s.trading_days);
    if (options.minPrice !== undefined && !(s.avg_close >= options.minPrice)) {
      why.push(`avg close ${fmt(s.avg_close)} < ${options.minPrice}`);
    }
    if (options.maxPrice !== undefined && !(s.avg_close <= options.maxPrice)) {
      why.push(`avg close ${fmt(s.avg_close)} > ${options.maxPrice}`);
    }
    if (options.minAvgVolume !== undefined && !(s.avg_volume >= options.minAvgVolume)) {
      why.push(`avg volume ${fmt(s.avg_volume)} < ${options.minAvgVolume}`);
    }
    if (options.minTradingDays !== undefined && days < options.minTradingDays) {
      why.push(`${days} trading days < ${options.minTradingDays}`);
    }
    return why.length > 0 ? why.join("; ") : null;
  });
  const table = symbolStats(bars).withColumns(
    pl.Series("reason", reasons, pl.Utf8),
  ).withColumns(pl.col("reason").isNull().alias("kept")).select(
    "symbol",
    "trading_days",
    "avg_close",
    "avg_volume",
    "kept",
    "reason",
  );
  const kept = table.filter(pl.col("kept")).getColumn("symbol").toArray() as string[];
  if (kept.length === 0) {
    throw new DataError(origin, `no symbol passes the filters ${JSON.stringify(options)}`);
  }
  return { bars: bars.filter(pl.col("symbol").isIn(kept)), stats: table };
}
