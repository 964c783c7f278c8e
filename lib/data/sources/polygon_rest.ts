/**
 * Polygon's REST aggregates (Polygon is now also branded Massive): daily and one-minute bars,
 * split-adjusted unless asked otherwise.
 *
 * The request is `GET /v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}
 * ?adjusted=true&sort=asc&limit=50000` with the key as `Authorization: Bearer <key>`, as the
 * official client sends it (github.com/polygon-io/client-python, polygon/rest/base.py and
 * aggs.py: base `https://api.polygon.io`, key from `POLYGON_API_KEY`). The body is
 * `{"ticker","queryCount","resultsCount","adjusted","results":[{"v","vw","o","c","h","l","t","n"}],
 * "status":"OK","request_id","count","next_url"}` with `t` the bar start in epoch ms; `next_url`
 * is present while more pages remain and is followed as is (the client replaces its host only).
 * A ticker without bars returns 200 with `resultsCount: 0` and no `results`. Errors carry
 * `{"status":"ERROR","request_id","error":"Unknown API Key"}` (401),
 * `{"status":"NOT_AUTHORIZED","request_id","message":"You are not entitled to this data..."}`
 * (403) and `{"status":"ERROR","error":"You've exceeded the maximum requests per minute..."}`
 * (429); shapes as quoted in polygon-io/issues#219 and clients' recorded fixtures.
 * @module
 */
import { DataError } from "../errors.ts";
import { HttpClient } from "../http.ts";
import type { BarInterval, DataSource, SourceDefinition, SourceOptions } from "../source.ts";
import { readEnv } from "../source.ts";
import { barsFrame, networkSource, NEW_YORK, type ParsedPage } from "./common.ts";
import { networkFreshness } from "./freshness.ts";

/** Polygon's API root. */
export const POLYGON_BASE_URL = "https://api.polygon.io";

/** The environment variable holding the Polygon API key. */
export const POLYGON_KEY_VARIABLE = "POLYGON_API_KEY";

const INTERVALS: readonly BarInterval[] = ["1d", "1m"];
const OK_STATUSES = new Set(["OK", "DELAYED"]);

interface PolygonAgg {
  t?: number;
  o?: number | null;
  h?: number | null;
  l?: number | null;
  c?: number | null;
  v?: number | null;
}

interface PolygonAggsBody {
  ticker?: string;
  status?: string;
  resultsCount?: number;
  results?: PolygonAgg[];
  next_url?: string;
  error?: string;
  message?: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `status: error/message` of a Polygon error body, or undefined when it is not one. */
export function polygonErrorDetail(body: string): string | undefined {
  const parsed = parseJson(body) as PolygonAggsBody | undefined;
  if (!parsed || typeof parsed !== "object") return undefined;
  const message = parsed.error ?? parsed.message;
  if (!message && !parsed.status) return undefined;
  return [parsed.status, message].filter(Boolean).join(": ");
}

/** One parsed page: its bars and the next page's URL, if any. */
export type PolygonPage = ParsedPage;

/** Parses one aggregates page into bars of `symbol` (pure). */
export function parsePolygonAggs(
  text: string,
  symbol: string,
  interval: BarInterval,
  origin: string,
  timeZone: string = NEW_YORK,
): PolygonPage {
  const body = parseJson(text) as PolygonAggsBody | undefined;
  if (!body || typeof body !== "object") {
    throw new DataError(origin, `response is not JSON: ${text.slice(0, 120)}`);
  }
  if (!body.status || !OK_STATUSES.has(body.status)) {
    throw new DataError(origin, `Polygon status ${polygonErrorDetail(text) ?? "missing"}`);
  }
  const results = body.results ?? [];
  const bad = results.findIndex((r) => typeof r.t !== "number");
  if (bad >= 0) throw new DataError(origin, `results[${bad}] has no timestamp "t"`);
  const frame = barsFrame(
    symbol,
    {
      time: results.map((r) => r.t!),
      open: results.map((r) => r.o ?? null),
      high: results.map((r) => r.h ?? null),
      low: results.map((r) => r.l ?? null),
      close: results.map((r) => r.c ?? null),
      volume: results.map((r) => r.v ?? null),
    },
    interval,
    timeZone,
  );
  return { frame, nextUrl: body.next_url || undefined };
}

/** Options of {@link polygonRestSource}; `apiKey` is required to load. */
export type PolygonRestOptions = Pick<
  SourceOptions,
  "baseUrl" | "apiKey" | "symbols" | "http" | "progress" | "timeZone"
>;

/** The first-page URL of `symbol`'s aggregates between two `YYYY-MM-DD` dates (inclusive). */
export function polygonAggsUrl(
  baseUrl: string,
  symbol: string,
  interval: BarInterval,
  start: string,
  end: string,
  adjusted: boolean,
): string {
  const timespan = interval === "1m" ? "minute" : "day";
  const params = new URLSearchParams({ adjusted: String(adjusted), sort: "asc", limit: "50000" });
  return `${baseUrl.replace(/\/$/, "")}/v2/aggs/ticker/${
    encodeURIComponent(symbol)
  }/range/1/${timespan}/${start}/${end}?${params}`;
}

/** `next_url` moved onto `baseUrl`'s origin, as the official client does with its base. */
function rebase(nextUrl: string, baseUrl: string): string {
  const next = new URL(nextUrl, baseUrl);
  const base = new URL(baseUrl);
  return `${base.origin}${next.pathname}${next.search}`;
}

/** Returns a source reading Polygon's aggregates (split-adjusted unless `adjusted: false`). */
export function polygonRestSource(options: PolygonRestOptions = {}): DataSource {
  const name = "polygon";
  const baseUrl = options.baseUrl ?? POLYGON_BASE_URL;
  const apiKey = options.apiKey;
  const timeZone = options.timeZone ?? NEW_YORK;
  return networkSource({
    name,
    intervals: INTERVALS,
    firstDate: "1970-01-01",
    symbols: options.symbols,
    progress: options.progress,
    client: new HttpClient({
      ...options.http,
      secrets: [...(options.http?.secrets ?? []), ...(apiKey ? [apiKey] : [])],
    }),
    headers: { Authorization: `Bearer ${apiKey}` },
    errorDetail: polygonErrorDetail,
    check() {
      if (!apiKey) {
        throw new DataError(name, `no API key: set ${POLYGON_KEY_VARIABLE} or pass apiKey`);
      }
    },
    urls: (symbol, query, { start, end }) => [
      polygonAggsUrl(baseUrl, symbol, query.interval ?? "1d", start, end, query.adjusted ?? true),
    ],
    parse(text, symbol, query, origin) {
      const page = parsePolygonAggs(text, symbol, query.interval ?? "1d", origin, timeZone);
      return {
        frame: page.frame,
        nextUrl: page.nextUrl === undefined ? undefined : rebase(page.nextUrl, baseUrl),
      };
    },
    noBars: (symbol, { start, end }) =>
      `Polygon has no bars for ${symbol} from ${start} to ${end} (unknown ticker, or no trades in the range)`,
  }, "split-adjusted (Polygon's adjusted=true); not dividend-adjusted");
}

/** Polygon REST in the source registry; its benchmark is SPY (index aggregates need a plan). */
export const polygonRestDefinition: SourceDefinition<"polygon"> = {
  name: "polygon",
  description: `Polygon REST aggregates (daily and 1-minute; key in ${POLYGON_KEY_VARIABLE})`,
  network: true,
  intervals: INTERVALS,
  benchmark: "SPY",
  create: (options) =>
    polygonRestSource({
      ...options,
      apiKey: options.apiKey ?? (options.env ?? readEnv)(POLYGON_KEY_VARIABLE),
    }),
  freshness: networkFreshness("polygon"),
};
