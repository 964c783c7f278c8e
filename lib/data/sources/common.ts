/**
 * What the source modules share: building bar frames from vendor columns, trading dates in an
 * exchange's time zone, and the one loader of network sources (per symbol, with a progress bar).
 * @internal
 * @module
 */
import pl from "nodejs-polars";
import { concatRows } from "../../frames.ts";
import { BAR_COLUMNS } from "../schema.ts";
import { DataError } from "../errors.ts";
import { filterBars, parseIsoDate } from "../query.ts";
import type { BarInterval, DataSource, SourceQuery } from "../source.ts";
import { assertInterval, INTRADAY_COLUMNS } from "../source.ts";
import { createProgress, type ProgressOptions } from "../progress.ts";
import { type HttpClient, mapBounded } from "../http.ts";

/** The time zone of US exchanges, used for trading dates unless a source is told otherwise. */
export const NEW_YORK = "America/New_York";

/** Bars of one symbol as parallel arrays, times as epoch milliseconds (bar start). */
export interface RawBars {
  /** Bar start times, epoch milliseconds. */
  readonly time: readonly number[];
  /** Opening prices (null where the vendor has none). */
  readonly open: readonly (number | null)[];
  /** Highs. */
  readonly high: readonly (number | null)[];
  /** Lows. */
  readonly low: readonly (number | null)[];
  /** Closes. */
  readonly close: readonly (number | null)[];
  /** Volumes. */
  readonly volume: readonly (number | null)[];
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const hourDates = new Map<string, string>();

/**
 * The calendar date (`YYYY-MM-DD`) at epoch milliseconds `ms` in `timeZone`. Offsets change only
 * on whole hours in the zones markets use, so results are cached per hour.
 *
 * @example
 * ```ts
 * import { localDate } from "@lib/data/sources/common.ts";
 * // 2024-01-03T02:00Z is still the 2nd in New York.
 * if (localDate(Date.UTC(2024, 0, 3, 2), "America/New_York") !== "2024-01-02") throw new Error();
 * ```
 */
export function localDate(ms: number, timeZone: string): string {
  const key = `${timeZone}|${Math.floor(ms / 3_600_000)}`;
  const cached = hourDates.get(key);
  if (cached) return cached;
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dateFormats.set(timeZone, format);
  }
  const date = format.format(new Date(ms));
  if (hourDates.size > 200_000) hourDates.clear();
  hourDates.set(key, date);
  return date;
}

/** Returns `YYYY-MM-DD` as a JS Date at midnight UTC (how polars Date values are built). */
export function isoToDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/**
 * Builds a frame of bars: daily bars in the panel schema (`date` is the trading date in
 * `timeZone`) or, for `1m`, the intraday schema with `datetime` (UTC) and `date`. `symbol` is one
 * symbol for every row, or one per row.
 */
export function barsFrame(
  symbol: string | readonly string[],
  raw: RawBars,
  interval: BarInterval,
  timeZone: string = NEW_YORK,
): pl.DataFrame {
  const n = raw.time.length;
  const dates = raw.time.map((t) => isoToDate(localDate(t, timeZone)));
  const num = (name: string, values: readonly (number | null)[]) =>
    pl.Series(
      name,
      values.map((v) => (v === null || v === undefined ? null : Number(v))),
      pl.Float64,
    );
  const columns: pl.Series[] = [
    pl.Series(
      "symbol",
      typeof symbol === "string" ? new Array(n).fill(symbol) : [...symbol],
      pl.Utf8,
    ),
    pl.Series("date", dates, pl.Date),
    num("open", raw.open),
    num("high", raw.high),
    num("low", raw.low),
    num("close", raw.close),
    num("volume", raw.volume),
  ];
  if (interval === "1m") {
    columns.push(
      pl.Series("datetime", raw.time.map((t) => new Date(t)), pl.Datetime("ms")).cast(
        pl.Datetime("ms", "UTC"),
      ),
    );
  }
  const frame = pl.DataFrame(columns);
  return frame.select(...(interval === "1m" ? INTRADAY_COLUMNS : BAR_COLUMNS));
}

/** An empty frame with the columns and types of `interval`'s schema. */
export function emptyBars(interval: BarInterval): pl.DataFrame {
  return barsFrame("", { time: [], open: [], high: [], low: [], close: [], volume: [] }, interval);
}

/** Stacks frames of one schema; an empty list gives an empty frame of that schema. */
export function stack(frames: readonly pl.DataFrame[], interval: BarInterval): pl.DataFrame {
  const nonEmpty = frames.filter((f) => f.height > 0);
  if (nonEmpty.length === 0) return emptyBars(interval);
  return nonEmpty.length === 1 ? nonEmpty[0] : concatRows(nonEmpty);
}

/** The symbols a network load fetches: the query's, else the configured defaults, else an error. */
export function requestedSymbols(
  query: SourceQuery,
  defaults: readonly string[] | undefined,
  source: string,
): string[] {
  const symbols = query.symbols && query.symbols.length > 0 ? query.symbols : defaults ?? [];
  if (symbols.length === 0) {
    throw new DataError(
      source,
      "no symbols requested: a network source cannot list a whole market; " +
        "pass symbols in the query (the `symbols` parameter) or in the source's options",
    );
  }
  return [...new Set(symbols)];
}

/** The query's dates as a validated range; `start` defaults to `fallbackStart`, `end` to today. */
export function dateRange(
  query: SourceQuery,
  source: string,
  fallbackStart: string,
): { start: string; end: string } {
  const start = query.start ?? fallbackStart;
  const end = query.end ?? new Date().toISOString().slice(0, 10);
  if (parseIsoDate(start, "start", source) > parseIsoDate(end, "end", source)) {
    throw new DataError(source, `start ${start} is after end ${end}`);
  }
  return { start, end };
}

/** One parsed answer of a vendor: its bars and, when the vendor pages, the next page's URL. */
export interface ParsedPage {
  /** Bars of the answer. */
  readonly frame: pl.DataFrame;
  /** The URL of the next page, fetched next when set. */
  readonly nextUrl?: string;
}

/**
 * What a network source supplies to {@link loadPerSymbol}: how to build a symbol's URLs and how to
 * parse an answer. Everything else (symbols, date range, concurrency, progress, paging, stacking
 * and the final date filter) is the loader's.
 */
export interface PerSymbolSource {
  /** The source's name, for messages and the progress bar. */
  readonly name: string;
  /** Bar lengths it serves. */
  readonly intervals: readonly BarInterval[];
  /** Start of "all history" when the query gives no `start`, `YYYY-MM-DD`. */
  readonly firstDate: string;
  /** Symbols loaded when a query names none. */
  readonly symbols?: readonly string[];
  /** The client making the requests (concurrency, retries, secrets to redact). */
  readonly client: HttpClient;
  /** The progress bar over the symbols. */
  readonly progress?: ProgressOptions;
  /** Headers of every request (e.g. the API key). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Reads a vendor's error body for the message of a failed request. */
  readonly errorDetail?: (body: string) => string | undefined;
  /** Throws when the query asks what the source cannot serve; runs before any request. */
  check?(query: SourceQuery): void;
  /** The first URL of each window of `symbol`'s bars over `range`, fetched in order. */
  urls(symbol: string, query: SourceQuery, range: { start: string; end: string }): string[];
  /** Parses one answer of `symbol`; `origin` names the request (`name symbol (url)`). */
  parse(text: string, symbol: string, query: SourceQuery, origin: string): ParsedPage;
  /** When set, a symbol without a single bar is an error with this message. */
  noBars?(symbol: string, range: { start: string; end: string }): string;
}

/** Pages followed for one URL before giving up (a loop guard, far above real needs). */
export const MAX_PAGES = 10_000;

/**
 * Loads `query` from a network source: checks the interval and the query, resolves the symbols
 * and the date range, fetches every symbol (bounded by the client's concurrency, a progress bar
 * over the symbols; each of its URLs in order, following `nextUrl` pages), stacks the frames and
 * applies the query's date range with `filterBars` (so an empty result is an error naming the
 * source).
 */
export async function loadPerSymbol(
  source: PerSymbolSource,
  query: SourceQuery = {},
): Promise<pl.DataFrame> {
  const name = source.name;
  const interval = query.interval ?? "1d";
  assertInterval(name, source.intervals, interval);
  source.check?.(query);
  const symbols = requestedSymbols(query, source.symbols, name);
  const range = dateRange(query, name, source.firstDate);
  const progress = createProgress(symbols.length, { label: name, ...source.progress });
  let frames: pl.DataFrame[];
  try {
    frames = await mapBounded(symbols, source.client.concurrency, async (symbol) => {
      const frame = await fetchSymbol(source, symbol, query, range);
      progress.tick(symbol);
      return frame;
    }, name);
  } finally {
    progress.done();
  }
  return filterBars(stack(frames, interval), { start: query.start, end: query.end }, name);
}

async function fetchSymbol(
  source: PerSymbolSource,
  symbol: string,
  query: SourceQuery,
  range: { start: string; end: string },
): Promise<pl.DataFrame> {
  const label = `${source.name} ${symbol}`;
  const frames: pl.DataFrame[] = [];
  for (const first of source.urls(symbol, query, range)) {
    let url: string | undefined = first;
    for (let page = 0; url !== undefined; page++) {
      if (page >= MAX_PAGES) {
        throw new DataError(label, `more than ${MAX_PAGES} pages; narrow the date range`);
      }
      const response = await source.client.get(url, {
        label,
        headers: source.headers,
        errorDetail: source.errorDetail,
      });
      const parsed = source.parse(response.text, symbol, query, `${label} (${response.url})`);
      frames.push(parsed.frame);
      url = parsed.nextUrl;
    }
  }
  if (source.noBars && frames.reduce((n, f) => n + f.height, 0) === 0) {
    throw new DataError(label, source.noBars(symbol, range));
  }
  return stack(frames, query.interval ?? "1d");
}

/**
 * Returns a {@link DataSource} over a network source: `symbols()` lists the configured symbols
 * and `load` is {@link loadPerSymbol}.
 */
export function networkSource(source: PerSymbolSource, adjustment: string): DataSource {
  return {
    name: source.name,
    intervals: source.intervals,
    adjustment,
    symbols() {
      return Promise.resolve([...(source.symbols ?? [])].sort());
    },
    async load(query: SourceQuery = {}) {
      return await loadPerSymbol(source, query);
    },
  };
}

/** Scales open, high, low and close by `factor` (adjusted close / close), row by row. */
export function adjustPrices(raw: RawBars, factor: readonly (number | null)[]): RawBars {
  const scale = (values: readonly (number | null)[]) =>
    values.map((v, i) => (v === null || factor[i] === null ? null : v * factor[i]!));
  return {
    ...raw,
    open: scale(raw.open),
    high: scale(raw.high),
    low: scale(raw.low),
    close: scale(raw.close),
  };
}
