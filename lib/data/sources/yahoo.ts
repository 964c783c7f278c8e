/**
 * Yahoo Finance's chart API: daily and one-minute bars, adjusted with Yahoo's adjusted close.
 *
 * Request and response follow `GET /v8/finance/chart/{symbol}` as recorded in the test fixtures
 * of yahoo-finance2 (github.com/gadicc/yahoo-finance2, tests/fixtures/http/chart-AAPL-2020-01-01-
 * to-2020-01-03.json) and as yfinance requests it: `period1`/`period2` in epoch seconds,
 * `interval`, `events=div|split`, `includeAdjustedClose=true`. The body is
 * `{"chart":{"result":[{"meta":{..,"exchangeTimezoneName","gmtoffset"},"timestamp":[..],
 * "indicators":{"quote":[{"open","high","low","close","volume"}],"adjclose":[{"adjclose"}]}}],
 * "error":null}}`; an unknown symbol is HTTP 404 with `{"chart":{"result":null,"error":
 * {"code":"Not Found","description":"No data found, symbol may be delisted"}}}`. Yahoo answers
 * 429 with the plain-text body `Edge: Too Many Requests`, also to clients without a browser-like
 * user agent, so one is sent. One-minute bars come at most 8 days per request and only for the
 * last 30 days; longer ranges are split into 7-day requests and Yahoo's 422 explains the rest.
 * @module
 */
import type pl from "nodejs-polars";
import { DataError } from "../errors.ts";
import { HttpClient } from "../http.ts";
import type {
  BarInterval,
  DataSource,
  SourceDefinition,
  SourceOptions,
  SourceQuery,
} from "../source.ts";
import { adjustPrices, barsFrame, networkSource, NEW_YORK, type RawBars } from "./common.ts";
import { networkFreshness } from "./freshness.ts";

/** Yahoo's API root. */
export const YAHOO_BASE_URL = "https://query1.finance.yahoo.com";

/** yfinance's start for "all history": 1900-01-01 in epoch seconds (Yahoo accepts negatives). */
const ALL_HISTORY_START = "1900-01-01";

const INTERVALS: readonly BarInterval[] = ["1d", "1m"];
const MINUTE_WINDOW_SECONDS = 7 * 86_400;
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)";

interface YahooQuote {
  open?: (number | null)[];
  high?: (number | null)[];
  low?: (number | null)[];
  close?: (number | null)[];
  volume?: (number | null)[];
}

interface YahooChartBody {
  chart?: {
    result?: {
      meta?: { exchangeTimezoneName?: string; symbol?: string };
      timestamp?: number[];
      indicators?: { quote?: YahooQuote[]; adjclose?: { adjclose?: (number | null)[] }[] };
    }[] | null;
    error?: { code?: string; description?: string } | null;
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `code: description` of a Yahoo error body, or undefined when it is not one. */
export function yahooErrorDetail(body: string): string | undefined {
  const error = (parseJson(body) as YahooChartBody | undefined)?.chart?.error;
  if (!error) return undefined;
  return [error.code, error.description].filter(Boolean).join(": ") || undefined;
}

function validZone(zone: string | undefined): zone is string {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses one chart response into bars of `symbol` (pure). Adjusted bars scale open, high, low
 * and close by adjclose / close, so returns include dividends. Rows Yahoo pads with nothing but
 * nulls are left out; rows with some nulls are kept for validation to report.
 */
export function parseYahooChart(
  text: string,
  symbol: string,
  interval: BarInterval,
  adjusted: boolean,
  origin: string,
  fallbackZone: string = NEW_YORK,
): pl.DataFrame {
  const body = parseJson(text) as YahooChartBody | undefined;
  if (!body || typeof body !== "object" || !body.chart) {
    throw new DataError(
      origin,
      `response is not a Yahoo chart (JSON with "chart"): ${text.slice(0, 120)}`,
    );
  }
  if (body.chart.error) {
    throw new DataError(
      origin,
      `Yahoo error ${yahooErrorDetail(text) ?? JSON.stringify(body.chart.error)}`,
    );
  }
  const result = body.chart.result?.[0];
  if (!result) throw new DataError(origin, "Yahoo returned no chart result");
  const time = result.timestamp ?? [];
  const quote = result.indicators?.quote?.[0];
  if (time.length > 0 && !quote) {
    throw new DataError(origin, "Yahoo chart has timestamps but no indicators.quote");
  }
  const column = (name: keyof YahooQuote) => {
    const values = quote?.[name] ?? [];
    if (values.length !== time.length) {
      throw new DataError(
        origin,
        `indicators.quote[0].${name} has ${values.length} values for ${time.length} timestamps`,
      );
    }
    return values;
  };
  let raw: RawBars = {
    time: time.map((t) => t * 1000),
    open: column("open"),
    high: column("high"),
    low: column("low"),
    close: column("close"),
    volume: column("volume"),
  };
  if (adjusted) {
    const adjclose = result.indicators?.adjclose?.[0]?.adjclose;
    if (time.length > 0 && (!adjclose || adjclose.length !== time.length)) {
      throw new DataError(
        origin,
        "Yahoo returned no adjclose series, so adjusted prices are unavailable",
      );
    }
    raw = adjustPrices(
      raw,
      (adjclose ?? []).map((a, i) => (a === null || !raw.close[i] ? null : a / raw.close[i]!)),
    );
  }
  const keep = raw.time.map((_, i) =>
    [raw.open, raw.high, raw.low, raw.close, raw.volume].some((c) =>
      c[i] !== null && c[i] !== undefined
    )
  );
  const pick = <T>(values: readonly T[]) => values.filter((_, i) => keep[i]);
  raw = {
    time: pick(raw.time),
    open: pick(raw.open),
    high: pick(raw.high),
    low: pick(raw.low),
    close: pick(raw.close),
    volume: pick(raw.volume),
  };
  const zone = validZone(result.meta?.exchangeTimezoneName)
    ? result.meta!.exchangeTimezoneName!
    : fallbackZone;
  return barsFrame(symbol, raw, interval, zone);
}

/** Options of {@link yahooSource}. */
export type YahooOptions = Pick<
  SourceOptions,
  "baseUrl" | "symbols" | "http" | "progress" | "timeZone"
>;

/** The chart URL for `symbol` between two epoch-second instants. */
export function yahooChartUrl(
  baseUrl: string,
  symbol: string,
  interval: BarInterval,
  period1: number,
  period2: number,
): string {
  const params = new URLSearchParams({
    period1: String(period1),
    period2: String(period2),
    interval,
    events: "div|split",
    includeAdjustedClose: "true",
  });
  if (interval === "1m") params.set("includePrePost", "false");
  return `${baseUrl.replace(/\/$/, "")}/v8/finance/chart/${encodeURIComponent(symbol)}?${params}`;
}

/** The epoch-second windows of one symbol's requests: one, or 7 days each for one-minute bars. */
function chartWindows(interval: BarInterval, start: string, end: string): [number, number][] {
  const from = Date.parse(`${start}T00:00:00Z`) / 1000;
  const to = Date.parse(`${end}T00:00:00Z`) / 1000 + 86_400;
  if (interval !== "1m") return [[from, to]];
  const windows: [number, number][] = [];
  for (let t = from; t < to; t += MINUTE_WINDOW_SECONDS) {
    windows.push([t, Math.min(t + MINUTE_WINDOW_SECONDS, to)]);
  }
  return windows;
}

/**
 * Returns a source reading Yahoo's chart API. Daily bars are adjusted (splits and dividends)
 * unless the query says `adjusted: false`; one-minute bars are as Yahoo gives them.
 */
export function yahooSource(options: YahooOptions = {}): DataSource {
  const name = "yahoo";
  const baseUrl = options.baseUrl ?? YAHOO_BASE_URL;
  const timeZone = options.timeZone ?? NEW_YORK;
  const adjustedOf = (query: SourceQuery) => query.adjusted ?? (query.interval ?? "1d") === "1d";
  return networkSource({
    name,
    intervals: INTERVALS,
    firstDate: ALL_HISTORY_START,
    symbols: options.symbols,
    progress: options.progress,
    client: new HttpClient({
      ...options.http,
      headers: { "User-Agent": USER_AGENT, ...options.http?.headers },
    }),
    errorDetail: yahooErrorDetail,
    urls(symbol, query, { start, end }) {
      const interval = query.interval ?? "1d";
      if (adjustedOf(query) && interval === "1m") {
        throw new DataError(
          name,
          "Yahoo has no adjusted close for one-minute bars; ask for adjusted: false",
        );
      }
      return chartWindows(interval, start, end).map(([p1, p2]) =>
        yahooChartUrl(baseUrl, symbol, interval, p1, p2)
      );
    },
    parse: (text, symbol, query, origin) => ({
      frame: parseYahooChart(
        text,
        symbol,
        query.interval ?? "1d",
        adjustedOf(query),
        origin,
        timeZone,
      ),
    }),
  }, "daily: split- and dividend-adjusted (Yahoo adjclose); 1m: split-adjusted");
}

/** Yahoo Finance in the source registry; its benchmark is the S&P 500 index `^GSPC`. */
export const yahooDefinition: SourceDefinition<"yahoo"> = {
  name: "yahoo",
  description: "Yahoo Finance chart API (daily and 1-minute bars; no key)",
  network: true,
  intervals: INTERVALS,
  benchmark: "^GSPC",
  create: (options) => yahooSource(options),
  freshness: networkFreshness("yahoo"),
};
