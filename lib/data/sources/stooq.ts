/**
 * Stooq's CSV downloads: daily bars, adjusted for splits and dividends by Stooq.
 *
 * The request is `GET https://stooq.com/q/d/l/?s=aapl.us&i=d&d1=YYYYMMDD&d2=YYYYMMDD` as
 * pandas-datareader's `StooqDailyReader` builds it (github.com/pydata/pandas-datareader,
 * pandas_datareader/stooq.py): lower-case symbols, US listings with the `.us` suffix, indices
 * with a leading `^` and no suffix. The answer is `Date,Open,High,Low,Close,Volume` with ISO
 * dates (some series, e.g. indices, lack `Volume`). Stooq signals problems with HTTP 200 and a
 * plain-text body: `No data` for an unknown symbol, `Exceeded the daily hits limit` when the
 * daily quota is used up. Since March 2026 Stooq wants an `apikey` parameter and otherwise
 * returns an HTML page (pandas-datareader issue #1012); the key is read from `STOOQ_API_KEY`.
 * @module
 */
import pl from "nodejs-polars";
import { DataError } from "../errors.ts";
import { HttpClient } from "../http.ts";
import type { BarInterval, DataSource, SourceDefinition, SourceOptions } from "../source.ts";
import { readEnv } from "../source.ts";
import { barsFrame, networkSource, NEW_YORK } from "./common.ts";
import { networkFreshness } from "./freshness.ts";

/** Stooq's root. */
export const STOOQ_BASE_URL = "https://stooq.com";

/** The environment variable holding a Stooq API key. */
export const STOOQ_KEY_VARIABLE = "STOOQ_API_KEY";

const INTERVALS: readonly BarInterval[] = ["1d"];
const COLUMNS = ["Date", "Open", "High", "Low", "Close"] as const;

/**
 * Stooq's notation for `symbol`: lower case; `suffix` (default `.us`) added unless the symbol
 * already has a market suffix or is an index (`^spx`).
 *
 * @example
 * ```ts
 * import { stooqSymbol } from "@lib/data/sources/stooq.ts";
 * if (stooqSymbol("AAPL") !== "aapl.us" || stooqSymbol("^SPX") !== "^spx") throw new Error();
 * ```
 */
export function stooqSymbol(symbol: string, suffix = ".us"): string {
  const lower = symbol.toLowerCase();
  return lower.startsWith("^") || lower.includes(".") ? lower : `${lower}${suffix}`;
}

/**
 * Parses a Stooq CSV download into daily bars of `symbol` (pure). Throws a {@link DataError}
 * naming `origin` for Stooq's plain-text answers (`No data`, the daily limit, an HTML page), a
 * body that is not CSV, and a missing column. Cells that do not parse become null.
 */
export function parseStooqCsv(text: string, symbol: string, origin: string): pl.DataFrame {
  const body = text.replace(/^\uFEFF/, "").trim();
  if (body === "" || /^no data$/i.test(body)) {
    throw new DataError(
      origin,
      `Stooq has no data for ${symbol} (unknown symbol, or no bars in the range)`,
    );
  }
  if (/exceeded the daily hits limit/i.test(body)) {
    throw new DataError(
      origin,
      `Stooq's daily download limit is used up ("${
        body.slice(0, 60)
      }"); try tomorrow or use an API key`,
    );
  }
  if (body.startsWith("<")) {
    throw new DataError(
      origin,
      `Stooq returned an HTML page instead of CSV; Stooq requires an API key (set ${STOOQ_KEY_VARIABLE}; ` +
        "get one at https://stooq.com/q/d/?s=spy.us&get_apikey)",
    );
  }
  let raw: pl.DataFrame;
  try {
    raw = pl.readCSV(body, { inferSchemaLength: 0, hasHeader: true });
  } catch (cause) {
    throw new DataError(origin, `cannot parse Stooq's answer as CSV (${String(cause)})`, { cause });
  }
  const missing = COLUMNS.filter((c) => !raw.columns.includes(c));
  if (missing.length > 0) {
    throw new DataError(
      origin,
      `Stooq CSV lacks column(s) ${missing.join(", ")}; found ${raw.columns.join(", ")}; ` +
        `expected Date,Open,High,Low,Close[,Volume]`,
    );
  }
  const numbers = (
    name: string,
  ) => (raw.getColumn(name).cast(pl.Float64, false).toArray() as (number | null)[]);
  const dates = raw.getColumn("Date").toArray() as string[];
  const time = dates.map((
    d,
  ) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? Date.parse(`${d}T12:00:00Z`) : Number.NaN));
  const bad = dates.findIndex((_, i) => Number.isNaN(time[i]));
  if (bad >= 0) {
    throw new DataError(origin, `row ${bad + 2}: date "${dates[bad]}" is not YYYY-MM-DD`);
  }
  return barsFrame(
    symbol,
    {
      time,
      open: numbers("Open"),
      high: numbers("High"),
      low: numbers("Low"),
      close: numbers("Close"),
      // Stooq leaves Volume out for indices; the sample's benchmark also carries 0 there.
      volume: raw.columns.includes("Volume") ? numbers("Volume") : dates.map(() => 0),
    },
    "1d",
    NEW_YORK,
  );
}

/** Options of {@link stooqSource}. */
export type StooqOptions = Pick<
  SourceOptions,
  "baseUrl" | "apiKey" | "symbols" | "http" | "progress"
>;

/** The download URL for `symbol` between two `YYYY-MM-DD` dates (inclusive). */
export function stooqUrl(
  baseUrl: string,
  symbol: string,
  start: string,
  end: string,
  apiKey?: string,
): string {
  const params = new URLSearchParams({
    s: stooqSymbol(symbol),
    i: "d",
    d1: start.replaceAll("-", ""),
    d2: end.replaceAll("-", ""),
  });
  if (apiKey) params.set("apikey", apiKey);
  return `${baseUrl.replace(/\/$/, "")}/q/d/l/?${params}`;
}

/** Returns a source reading Stooq's daily CSV downloads (prices adjusted by Stooq). */
export function stooqSource(options: StooqOptions = {}): DataSource {
  const name = "stooq";
  const baseUrl = options.baseUrl ?? STOOQ_BASE_URL;
  const apiKey = options.apiKey;
  return networkSource({
    name,
    intervals: INTERVALS,
    firstDate: "1900-01-01",
    symbols: options.symbols,
    progress: options.progress,
    client: new HttpClient({
      ...options.http,
      secrets: [...(options.http?.secrets ?? []), ...(apiKey ? [apiKey] : [])],
    }),
    check(query) {
      if (query.adjusted === false) {
        throw new DataError(name, "Stooq serves adjusted prices only; use adjusted: true or unset");
      }
    },
    urls: (symbol, _query, { start, end }) => [stooqUrl(baseUrl, symbol, start, end, apiKey)],
    parse: (text, symbol, _query, origin) => ({ frame: parseStooqCsv(text, symbol, origin) }),
  }, "split- and dividend-adjusted by Stooq");
}

/** Stooq in the source registry; its benchmark is the S&P 500 index `^spx`. */
export const stooqDefinition: SourceDefinition<"stooq"> = {
  name: "stooq",
  description: `Stooq CSV downloads (daily, adjusted; key in ${STOOQ_KEY_VARIABLE})`,
  network: true,
  intervals: INTERVALS,
  benchmark: "^spx",
  create: (options) =>
    stooqSource({
      ...options,
      apiKey: options.apiKey ?? (options.env ?? readEnv)(STOOQ_KEY_VARIABLE),
    }),
  freshness: networkFreshness("stooq"),
};
