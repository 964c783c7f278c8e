/**
 * The interface every market-data source implements, so steps load bars the same way whether
 * they come from the bundled sample, a local folder or a vendor's API. A new source is one
 * module that exports a {@link SourceDefinition}; `sources.ts` lists it by name.
 * @module
 */
import pl from "nodejs-polars";
import type { BarQuery } from "./query.ts";
import { BAR_TYPES } from "./schema.ts";
import { DataError } from "./errors.ts";
import type { HttpOptions } from "./http.ts";
import type { ProgressOptions } from "./progress.ts";

/** Bar lengths a source can serve: one day, one minute. */
export const BAR_INTERVALS = ["1d", "1m"] as const;

/** A bar length: `1d` daily bars (the panel's schema), `1m` one-minute bars (intraday schema). */
export type BarInterval = typeof BAR_INTERVALS[number];

/**
 * The columns of intraday bars, in order: `datetime` is the bar's start (UTC, ms) and `date`
 * the exchange's local trading date of that instant, so daily aggregation needs no time zones.
 */
export const INTRADAY_COLUMNS = [
  "symbol",
  "datetime",
  "date",
  "open",
  "high",
  "low",
  "close",
  "volume",
] as const;

/** The polars type of each intraday column. */
export const INTRADAY_TYPES: Readonly<Record<typeof INTRADAY_COLUMNS[number], pl.DataType>> = {
  ...BAR_TYPES,
  datetime: pl.Datetime("ms", "UTC"),
};

/** A {@link BarQuery} plus what only some sources can vary. */
export interface SourceQuery extends BarQuery {
  /** Bar length. Defaults to `1d`. */
  readonly interval?: BarInterval;
  /**
   * `true` for prices adjusted for splits (and dividends where the vendor does), `false` for
   * prices as traded; unset takes the source's default (see {@link DataSource.adjustment}).
   * A source that cannot give what is asked throws instead of returning the other kind.
   */
  readonly adjusted?: boolean;
}

/** A source of bars with the columns of `BAR_COLUMNS` (daily) or {@link INTRADAY_COLUMNS}. */
export interface DataSource {
  /** A name for messages and run parameters, e.g. the file it reads. */
  readonly name: string;
  /** Bar lengths it serves; unset means daily only. */
  readonly intervals?: readonly BarInterval[];
  /** What its prices are by default, in words (e.g. "split- and dividend-adjusted"). */
  readonly adjustment?: string;
  /** Every symbol the source can serve, sorted (network sources: the configured ones). */
  symbols(): Promise<string[]>;
  /**
   * Bars matching `query`, typed as `BAR_TYPES` (or {@link INTRADAY_TYPES}), in the source's own
   * row order (validate before sorting so order problems are seen). Throws a `DataError` for an
   * unknown symbol, an interval it does not serve, or an empty result.
   */
  load(query?: SourceQuery): Promise<pl.DataFrame>;
}

/** Settings a source may use; each source reads the ones it needs and ignores the rest. */
export interface SourceOptions {
  /** Folder to read (local folder, Polygon flat files; the sample's folder for tests). */
  readonly dir?: string;
  /** API root, e.g. `https://api.polygon.io`; tests point it at a local replay server. */
  readonly baseUrl?: string;
  /** API key; when unset, sources that need one read their environment variable. */
  readonly apiKey?: string;
  /** Reads an environment variable. Defaults to `Deno.env.get` (undefined without permission). */
  readonly env?: (name: string) => string | undefined;
  /** Symbols loaded when a query names none (network sources cannot list a whole market). */
  readonly symbols?: readonly string[];
  /** Concurrency, retries, backoff and timeouts of network requests. */
  readonly http?: HttpOptions;
  /** The progress bar over tickers or files; `{ silent: true }` turns it off. */
  readonly progress?: ProgressOptions;
  /** IANA time zone giving each bar its trading date. Defaults to `America/New_York`. */
  readonly timeZone?: string;
}

/**
 * A source as the registry knows it: a name, what it serves, and how to open it. `N` is the
 * name's literal type, so the registry derives the list of names from its definitions.
 */
export interface SourceDefinition<N extends string = string> {
  /** The name a step's `source` parameter uses, e.g. `yahoo`. */
  readonly name: N;
  /** One line on what it reads. */
  readonly description: string;
  /** True when it makes network requests. */
  readonly network: boolean;
  /** Bar lengths it serves. */
  readonly intervals: readonly BarInterval[];
  /** The symbol its `benchmark` dataset loads, in the source's own notation. */
  readonly benchmark: string;
  /** Opens the source. */
  create(options: SourceOptions): DataSource;
  /**
   * A cheap probe of whether the data it would serve for `query` may have changed, without
   * loading it: equal results mean a rerun would fetch nothing new. Folder sources digest the
   * names, sizes and modification times of the files they read; network sources apply the
   * session rule of `sessionFreshness` (sources/freshness.ts).
   */
  freshness?(options: SourceOptions, query: SourceQuery): Promise<Freshness>;
}

/**
 * What a freshness probe saw: one value per item (a file, a trading session), so two probes can
 * be compared item by item and the difference named ("2 files changed").
 */
export interface Freshness {
  /** What was probed, e.g. `local folder data/vendor/bars` or `yahoo (open end)`. */
  readonly subject: string;
  /** What one item is, singular, for messages: `file`, `session`. */
  readonly unit: string;
  /** Value per item, e.g. file name -> `"1234 bytes, modified 2026-12-01T21:05:00.000Z"`. */
  readonly items: Readonly<Record<string, string>>;
}

/** Throws a {@link DataError} naming `source` when it does not serve `interval`. */
export function assertInterval(
  source: string,
  intervals: readonly BarInterval[],
  interval: BarInterval,
): void {
  if (!intervals.includes(interval)) {
    throw new DataError(
      source,
      `interval "${interval}" is not served; this source serves ${intervals.join(", ")}`,
    );
  }
}

/** Reads an environment variable, or undefined when unset or not permitted. */
export function readEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}
