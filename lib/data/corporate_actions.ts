/**
 * Stock splits: a splits table (`symbol,date,ratio`, ratio = shares after per share before, date =
 * the first session at the new basis) and the back-adjustment of earlier bars to the latest basis,
 * so a 2-for-1 split stops looking like a -50% day. Raw bars are left untouched; adjustment
 * returns a new frame.
 * @module
 */
import pl from "nodejs-polars";
import { DataError } from "./errors.ts";
import { inputPath, readTextInput } from "./universe.ts";
import { readCsvText } from "./csv.ts";

/** The columns of a splits table. */
export const SPLIT_COLUMNS = ["symbol", "date", "ratio"] as const;

/**
 * Parses a splits table from CSV text (`symbol,date,ratio`; extra columns ignored) into symbol
 * Utf8, date Date, ratio Float64. Throws a {@link DataError} naming `origin` for a missing column,
 * a cell that does not parse, a ratio that is not positive, or a repeated (symbol, date). A header
 * with no rows is an empty table.
 *
 * @example
 * ```ts
 * import { parseSplitsCsv } from "@lib/data/corporate_actions.ts";
 * const splits = parseSplitsCsv("symbol,date,ratio\nAAPL,2005-02-28,2\n", "splits.csv");
 * if (splits.getColumn("ratio").get(0) !== 2) throw new Error("ratio");
 * ```
 */
export function parseSplitsCsv(text: string, origin: string): pl.DataFrame {
  const raw = readCsvText(text, origin);
  const missing = SPLIT_COLUMNS.filter((c) => !raw.columns.includes(c));
  if (missing.length > 0) {
    throw new DataError(
      origin,
      `missing column(s) ${missing.join(", ")}; found ${raw.columns.join(", ")}; ` +
        `expected ${SPLIT_COLUMNS.join(",")}`,
    );
  }
  const splits = raw.select(
    pl.col("symbol").str.strip(),
    pl.col("date").cast(pl.Date, false),
    pl.col("ratio").cast(pl.Float64, false),
  );
  const bad = splits.withRowIndex("line", 2).filter(
    pl.anyHorizontal([
      pl.col("symbol").isNull(),
      pl.col("symbol").eq(pl.lit("")),
      pl.col("date").isNull(),
      pl.col("ratio").isNull(),
      pl.col("ratio").ltEq(0),
    ]),
  );
  if (bad.height > 0) {
    const lines = bad.getColumn("line").toArray().slice(0, 5).join(", ");
    throw new DataError(
      origin,
      `${bad.height} row(s) without a symbol, a YYYY-MM-DD date and a positive ratio (line ${lines})`,
    );
  }
  if (splits.height > 0 && splits.select("symbol", "date").isDuplicated().any()) {
    throw new DataError(origin, "a (symbol, date) appears more than once");
  }
  return splits.sort(["symbol", "date"]);
}

/** Reads a splits table with {@link parseSplitsCsv}; errors name the file. */
export async function readSplitsCsv(path: string): Promise<pl.DataFrame> {
  return parseSplitsCsv(await readTextInput(path), path);
}

/**
 * Returns the splits table at `path` (relative to the project root), or an empty table when
 * `path` is empty.
 */
export async function loadSplits(path: string): Promise<pl.DataFrame> {
  if (path === "") {
    return pl.DataFrame({ symbol: [], date: [], ratio: [] }, {
      schema: { symbol: pl.Utf8, date: pl.Date, ratio: pl.Float64 },
    });
  }
  return await readSplitsCsv(inputPath(path));
}

/**
 * Returns, for each row of `bars` (in its order), the factor dividing its prices: the product of
 * the ratios of the symbol's splits dated after the row. 1 when no later split.
 */
export function splitFactors(bars: pl.DataFrame, splits: pl.DataFrame): pl.Series {
  const ROW = "__row";
  const indexed = bars.select("symbol", "date").withRowIndex(ROW);
  if (splits.height === 0) return pl.Series("split_factor", Array(bars.height).fill(1), pl.Float64);
  const events = splits.select(
    pl.col("symbol"),
    pl.col("date").alias("split_date"),
    pl.col("ratio"),
  );
  const factors = indexed.join(events, { on: "symbol", how: "left" })
    .withColumns(
      pl.when(pl.col("split_date").gt(pl.col("date"))).then(pl.col("ratio")).otherwise(pl.lit(1.0))
        .alias("ratio"),
    )
    .groupBy(ROW)
    .agg(pl.col("ratio").product().alias("split_factor"))
    .sort(ROW);
  return factors.getColumn("split_factor").cast(pl.Float64).alias("split_factor");
}

/**
 * Returns `bars` with prices divided and volume multiplied by each row's {@link splitFactors}, so
 * every bar is on the basis of the latest split; row order, columns and types are unchanged.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { adjustForSplits, parseSplitsCsv } from "@lib/data/corporate_actions.ts";
 * const bars = pl.DataFrame({
 *   symbol: ["A", "A"], date: [new Date("2024-01-02"), new Date("2024-01-03")],
 *   open: [100, 50], high: [100, 50], low: [100, 50], close: [100, 50], volume: [10, 20],
 * }).withColumns(pl.col("date").cast(pl.Date));
 * const adjusted = adjustForSplits(bars, parseSplitsCsv("symbol,date,ratio\nA,2024-01-03,2\n", "s"));
 * if (adjusted.getColumn("close").toArray().join() !== "50,50") throw new Error("adjust");
 * ```
 */
export function adjustForSplits(bars: pl.DataFrame, splits: pl.DataFrame): pl.DataFrame {
  const factor = splitFactors(bars, splits);
  return bars.withColumns(factor).withColumns(
    ...["open", "high", "low", "close"].map((c) => pl.col(c).div(pl.col("split_factor")).alias(c)),
    pl.col("volume").mul(pl.col("split_factor")).alias("volume"),
  ).drop("split_factor");
}

/** Returns the prices a panel carries: `adjusted` when `adjustSplits`, else `raw`. */
export function panelPrices(
  raw: pl.DataFrame,
  adjusted: pl.DataFrame,
  adjustSplits: boolean,
): pl.DataFrame {
  return adjustSplits ? adjusted : raw;
}

/**
 * Returns one row per split found in `bars`: `symbol`, `date`, `ratio`, `raw_return` (close on the
 * split date over the previous session's raw close, minus 1) and `adjusted_return` (the same from
 * `adjusted`). Splits whose symbol or date is not in `bars` are left out. Both frames must be
 * sorted by symbol then date.
 */
export function splitReturns(
  raw: pl.DataFrame,
  adjusted: pl.DataFrame,
  splits: pl.DataFrame,
): pl.DataFrame {
  const ret = (frame: pl.DataFrame, name: string) =>
    frame.select(
      pl.col("symbol"),
      pl.col("date"),
      pl.col("close").div(pl.col("close").shift(1).over("symbol")).minus(1).alias(name),
    );
  return splits
    .join(ret(raw, "raw_return"), { on: ["symbol", "date"], how: "inner" })
    .join(ret(adjusted, "adjusted_return"), { on: ["symbol", "date"], how: "inner" })
    .sort(["symbol", "date"]);
}
