/**
 * The universe of symbols a run covers: from a tickers file in the Nasdaq screener layout
 * (`Symbol,Name,Country,IPO Year,Sector,Industry`, other columns ignored) or from a list, with the
 * instruments that are not ordinary shares (warrants, units, rights, preferred shares, test
 * symbols) screened out, and index constituents with weights.
 * @module
 */
import { isAbsolute } from "node:path";
import pl from "nodejs-polars";
import { projectPath } from "../paths.ts";
import { DataError } from "./errors.ts";
import type { DataSource } from "./source.ts";
import { readCsvText } from "./csv.ts";

/** The columns of a universe frame (all Utf8 except `ipo_year`, Int32). */
export const UNIVERSE_COLUMNS = ["symbol", "name", "country", "ipo_year", "sector", "industry"];

/** The screener's header for each universe column. */
const SCREENER_HEADERS: Readonly<Record<string, string>> = {
  symbol: "Symbol",
  name: "Name",
  country: "Country",
  ipo_year: "IPO Year",
  sector: "Sector",
  industry: "Industry",
};

/** Resolves an input file's path: relative paths are taken from the project root. */
export function inputPath(path: string): string {
  return isAbsolute(path) ? path : projectPath(path);
}

/** Reads a text file; a missing or unreadable file raises a {@link DataError} naming it. */
export async function readTextInput(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) {
      throw new DataError(path, "file not found", { cause });
    }
    throw new DataError(path, `cannot read file (${String(cause)})`, { cause });
  }
}

/**
 * Parses a tickers file in the Nasdaq screener layout into a universe frame (columns
 * {@link UNIVERSE_COLUMNS}; headers matched ignoring case; absent optional columns are null;
 * `IPO Year` that is not a year is null). Throws a {@link DataError} naming `origin` when the text
 * is not CSV, has no `Symbol` column, has an empty or repeated symbol, or lists no symbol.
 *
 * @example
 * ```ts
 * import { parseUniverseCsv } from "@lib/data/universe.ts";
 * const u = parseUniverseCsv("Symbol,Name,IPO Year\nAAPL,Apple Inc.,1980\n", "tickers.csv");
 * if (u.getColumn("ipo_year").get(0) !== 1980) throw new Error("ipo year");
 * ```
 */
export function parseUniverseCsv(text: string, origin: string): pl.DataFrame {
  const raw = readCsvText(text, origin);
  const byLower = new Map(raw.columns.map((c) => [c.trim().toLowerCase(), c]));
  const source = (column: string) => byLower.get(SCREENER_HEADERS[column].toLowerCase());
  if (!source("symbol")) {
    throw new DataError(
      origin,
      `missing column "Symbol"; found ${raw.columns.map((c) => `"${c}"`).join(", ")}; ` +
        `expected the screener layout ${Object.values(SCREENER_HEADERS).join(",")}`,
    );
  }
  const universe = raw.select(
    ...UNIVERSE_COLUMNS.map((column) => {
      const from = source(column);
      const value = from ? pl.col(from).str.strip() : pl.lit(null).cast(pl.Utf8);
      const text = pl.when(value.eq(pl.lit(""))).then(pl.lit(null).cast(pl.Utf8)).otherwise(value);
      return (column === "ipo_year" ? text.cast(pl.Int32, false) : text).alias(column);
    }),
  );
  return checkUniverse(universe, origin);
}

/** Reads a tickers file with {@link parseUniverseCsv}; errors name the file. */
export async function readUniverseCsv(path: string): Promise<pl.DataFrame> {
  return parseUniverseCsv(await readTextInput(path), path);
}

/**
 * Returns a universe frame for a list of symbols (names and sectors null). Throws a
 * {@link DataError} naming `origin` for an empty list, an empty or repeated symbol.
 */
export function universeFromSymbols(
  symbols: readonly string[],
  origin = "symbols list",
): pl.DataFrame {
  const universe = pl.DataFrame({
    symbol: pl.Series("symbol", symbols.map((s) => s.trim()), pl.Utf8),
  })
    .withColumns(
      pl.lit(null).cast(pl.Utf8).alias("name"),
      pl.lit(null).cast(pl.Utf8).alias("country"),
      pl.lit(null).cast(pl.Int32).alias("ipo_year"),
      pl.lit(null).cast(pl.Utf8).alias("sector"),
      pl.lit(null).cast(pl.Utf8).alias("industry"),
    );
  return checkUniverse(universe, origin);
}

function checkUniverse(universe: pl.DataFrame, origin: string): pl.DataFrame {
  if (universe.height === 0) throw new DataError(origin, "the universe is empty (no symbol)");
  const blank = universe.withRowIndex("line", 2).filter(pl.col("symbol").isNull());
  if (blank.height > 0) {
    throw new DataError(origin, `empty symbol on line ${blank.getColumn("line").toArray()[0]}`);
  }
  const repeated = universe.filter(pl.col("symbol").isDuplicated());
  if (repeated.height > 0) {
    const names = [...new Set(repeated.getColumn("symbol").toArray())].join(", ");
    throw new DataError(origin, `symbol(s) listed more than once: ${names}`);
  }
  return universe;
}

/**
 * Returns the universe of a run: the tickers file `file` (relative to the project root) when
 * given; otherwise `symbols`, or every symbol `source` serves when `symbols` is empty too.
 */
export async function loadUniverse(
  file: string,
  symbols: readonly string[],
  source: DataSource,
): Promise<pl.DataFrame> {
  if (file !== "") return await readUniverseCsv(inputPath(file));
  if (symbols.length > 0) return universeFromSymbols(symbols, "symbols parameter");
  return universeFromSymbols(await source.symbols(), source.name);
}

/** Kinds of listed instruments that are not ordinary shares. */
export type NonTradableKind = "test" | "warrant" | "unit" | "right" | "preferred";

const TEST_SYMBOLS = new Set([
  "ZAZZT",
  "ZBZZT",
  "ZJZZT",
  "ZVZZT",
  "ZWZZT",
  "ZXZZT",
  "ZVZZC",
  "ZXYZ.A",
  "ATEST",
  "CTEST",
  "MTEST",
  "NTEST",
  "PTEST",
]);

/**
 * Returns what kind of non-ordinary instrument `symbol` (with its screener `name`, when known) is,
 * or null for an ordinary share. Reads the name first ("... Warrant", "... Units", "... Rights",
 * "... Preferred", "Depositary Shares", "Test"), then the symbol's suffix conventions: Nasdaq's
 * fifth letter W, U, R; separators such as `.WS`, `-WT`, `.U`, `.R`, `^A`, `-PA`, `.PRA`.
 *
 * @example
 * ```ts
 * import { classifyInstrument } from "@lib/data/universe.ts";
 * if (classifyInstrument("ABCDW", null) !== "warrant") throw new Error("warrant");
 * if (classifyInstrument("SNOW", "Snowflake Inc.") !== null) throw new Error("ordinary");
 * ```
 */
export function classifyInstrument(symbol: string, name: string | null): NonTradableKind | null {
  const s = symbol.toUpperCase();
  const n = name ?? "";
  if (TEST_SYMBOLS.has(s) || /^Z[A-Z]ZZT$/.test(s) || /\btest\b/i.test(n)) return "test";
  if (/\bwarrants?\b/i.test(n) || /[.\-/+=](W|WS|WT)[A-Z]?$/.test(s) || /^[A-Z]{4}W$/.test(s)) {
    return "warrant";
  }
  if (/\bunits?\b/i.test(n) || /[.\-/=]U$/.test(s) || /^[A-Z]{4}U$/.test(s)) return "unit";
  if (/\brights?\b/i.test(n) || /[.\-/](R|RT)$/.test(s) || /^[A-Z]{4}R$/.test(s)) return "right";
  if (
    /\bpreferred\b|\bpfd\b|depositary shares/i.test(n) || s.includes("^") ||
    /[.\-/]P[A-Z]?$/.test(s) || /\.PR[A-Z]?$/.test(s)
  ) {
    return "preferred";
  }
  return null;
}

/** The outcome of {@link screenUniverse}. */
export interface ScreenedUniverse {
  /** The ordinary shares, in the input order. */
  readonly tradable: pl.DataFrame;
  /** The instruments removed: `symbol`, `name`, `reason` (a {@link NonTradableKind}). */
  readonly removed: pl.DataFrame;
}

/** A screened universe and the symbols a step loads from it. */
export interface UniverseSelection extends ScreenedUniverse {
  /** The symbols to load: `symbols` when given (each must be tradable), else every tradable one. */
  readonly symbols: string[];
}

/**
 * Loads the universe ({@link loadUniverse}: `file`, else `symbols`, else every symbol of
 * `source`), screens it ({@link screenUniverse}) and selects `symbols` from the tradable ones
 * ({@link selectSymbols}). Errors name the file, or the source when there is no file.
 */
export async function selectUniverse(
  file: string,
  symbols: readonly string[],
  source: DataSource,
): Promise<UniverseSelection> {
  const origin = file || source.name;
  const screened = screenUniverse(await loadUniverse(file, symbols, source), origin);
  return { ...screened, symbols: selectSymbols(screened.tradable, symbols, origin) };
}

/**
 * Splits a universe into ordinary shares and the instruments {@link classifyInstrument} flags.
 * Throws a {@link DataError} naming `origin` when nothing tradable is left.
 */
export function screenUniverse(universe: pl.DataFrame, origin = "universe"): ScreenedUniverse {
  const symbols = universe.getColumn("symbol").toArray() as string[];
  const names = universe.getColumn("name").toArray() as (string | null)[];
  const kinds = symbols.map((s, i) => classifyInstrument(s, names[i]));
  const flagged = universe.withColumns(pl.Series("reason", kinds, pl.Utf8));
  const tradable = flagged.filter(pl.col("reason").isNull()).drop("reason");
  if (tradable.height === 0) {
    throw new DataError(origin, `no tradable symbol left after removing ${universe.height}`);
  }
  return {
    tradable,
    removed: flagged.filter(pl.col("reason").isNotNull()).select("symbol", "name", "reason"),
  };
}

/**
 * Returns the symbols to load: `requested` when given (each must be in `universe`, else a
 * {@link DataError} naming `origin` and the unknown symbols), otherwise every universe symbol.
 */
export function selectSymbols(
  universe: pl.DataFrame,
  requested: readonly string[],
  origin = "universe",
): string[] {
  const known = universe.getColumn("symbol").toArray() as string[];
  if (requested.length === 0) return known;
  const set = new Set(known);
  const unknown = requested.filter((s) => !set.has(s));
  if (unknown.length > 0) {
    throw new DataError(
      origin,
      `symbol(s) not in the universe: ${unknown.join(", ")} (universe has ${known.length})`,
    );
  }
  return [...requested];
}

/**
 * Parses index constituents from CSV: `symbol,weight`, optionally `date` (or `as_of`: the day
 * the row's weight takes effect, `YYYY-MM-DD`, until the symbol's next row) and `index` (one
 * file may hold several indexes). Weights must be non-negative numbers; they are divided by
 * their sum per index (and per as-of date), so percentages and fractions both give weights
 * summing to 1. Returns `index`, `symbol`, `weight` (and `date` when dated) sorted by index,
 * date, then descending weight. Errors name `origin` and the line.
 *
 * @example
 * ```ts
 * import { parseConstituentsCsv } from "@lib/data/universe.ts";
 * const c = parseConstituentsCsv("symbol,weight\nA,60\nB,40\n", "spx.csv");
 * if (c.getColumn("weight").toArray().join() !== "0.6,0.4") throw new Error("weights");
 * ```
 */
export function parseConstituentsCsv(text: string, origin: string): pl.DataFrame {
  const raw = readCsvText(text, origin);
  const missing = ["symbol", "weight"].filter((c) => !raw.columns.includes(c));
  if (missing.length > 0) {
    throw new DataError(
      origin,
      `missing column(s) ${missing.join(", ")}; found ${raw.columns.join(", ")}`,
    );
  }
  if (raw.height === 0) throw new DataError(origin, "no constituents");
  const dateColumn = ["date", "as_of"].filter((c) => raw.columns.includes(c));
  if (dateColumn.length > 1) {
    throw new DataError(origin, "has both date and as_of columns; keep one as-of date column");
  }
  const dated = dateColumn.length === 1;
  const frame = raw.select(
    (raw.columns.includes("index") ? pl.col("index").cast(pl.Utf8) : pl.lit(origin)).alias(
      "index",
    ),
    pl.col("symbol").cast(pl.Utf8).str.strip(),
    pl.col("weight").cast(pl.Float64, false),
    ...(dated
      ? [pl.col(dateColumn[0]).cast(pl.Utf8).str.strptime(pl.Date, "%Y-%m-%d").alias("date")]
      : []),
  );
  const bad = frame.withRowIndex("line", 2).filter(
    pl.col("weight").isNull().or(pl.col("weight").lt(0)).or(pl.col("symbol").isNull()),
  );
  if (bad.height > 0) {
    throw new DataError(
      origin,
      `weight must be a number >= 0 with a symbol (line ${bad.getColumn("line").toArray()[0]})`,
    );
  }
  const group = dated ? ["index", "date"] : ["index"];
  if (dated) {
    const undated = frame.withRowIndex("line", 2).filter(pl.col("date").isNull());
    if (undated.height > 0) {
      throw new DataError(
        origin,
        `${dateColumn[0]} must be a date YYYY-MM-DD (line ${
          undated.getColumn("line").toArray()[0]
        })`,
      );
    }
  }
  const repeated = frame.groupBy([...group, "symbol"]).agg(pl.col("weight").count().alias("n"))
    .filter(pl.col("n").gt(1));
  if (repeated.height > 0) {
    const r = repeated.toRecords()[0];
    throw new DataError(
      origin,
      `"${r.symbol}" is listed twice` + (dated ? ` on ${isoDate(r.date)}` : "") +
        (raw.columns.includes("index") ? ` in ${r.index}` : ""),
    );
  }
  const zero = frame.groupBy(group).agg(pl.col("weight").sum().alias("total"))
    .filter(pl.col("total").ltEq(0));
  if (zero.height > 0) {
    const r = zero.toRecords()[0];
    throw new DataError(
      origin,
      `weights of ${r.index}` + (dated ? ` on ${isoDate(r.date)}` : "") + " sum to 0",
    );
  }
  return frame
    .withColumns(
      pl.col("weight").div(pl.col("weight").sum().over(group[0], ...group.slice(1))).alias(
        "weight",
      ),
    )
    .sort([...group, "weight"], [...group.map(() => false), true]);
}

/** Reads and parses a constituents CSV (see {@link parseConstituentsCsv}); errors name `path`. */
export function readConstituentsCsv(path: string): pl.DataFrame {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (error) {
    throw new DataError(
      path,
      error instanceof Deno.errors.NotFound ? "file not found" : String(error),
    );
  }
  return parseConstituentsCsv(text, path);
}

function isoDate(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}
