/**
 * A local store of bars, one Parquet file per symbol and dataset with a JSON file saying what it
 * holds (`<storeDir>/<dataset>/<symbol>.parquet` and `.json`). An update fetches from the source
 * only the date ranges the store does not cover yet; `refetch` replaces what is stored. Every file
 * is written atomically and the Parquet file before its metadata, so a failed fetch or an
 * interrupted run never damages what was stored before.
 * @module
 */
import { isAbsolute, join } from "node:path";
import pl from "nodejs-polars";
import { concatRows } from "../frames.ts";
import type { DataSource } from "./source.ts";
import { DataError } from "./errors.ts";
import { readParquetFile, writeFileAtomic, writeParquetAtomic } from "./parquet.ts";
import { BAR_COLUMNS } from "./schema.ts";
import { assertBarSchema } from "./quality/check.ts";
import { resolveDataDir } from "./artifacts.ts";

/** Resolves the store's folder: an absolute `storeDir` as is, a relative one under `dataDir`. */
export function resolveStoreDir(dataDir: string, storeDir: string): string {
  return isAbsolute(storeDir) ? storeDir : join(resolveDataDir(dataDir), storeDir);
}

/** What the store holds for one symbol (the `.json` beside its Parquet file). */
export interface StoredMeta {
  /** The symbol. */
  readonly symbol: string;
  /** The source's name the bars came from. */
  readonly source: string;
  /** First requested date covered, `YYYY-MM-DD`; null when fetched without a start. */
  readonly start: string | null;
  /** Last requested date covered, `YYYY-MM-DD`; null when fetched without an end. */
  readonly end: string | null;
  /** First and last date of the stored bars. */
  readonly first: string;
  /** Last date of the stored bars. */
  readonly last: string;
  /** Rows in the Parquet file. */
  readonly rows: number;
  /** When the file was last written (ISO timestamp). */
  readonly updated: string;
}

/** A date range to fetch; an unset bound is open. */
export interface DateRange {
  /** First date, `YYYY-MM-DD`, inclusive. */
  readonly start?: string;
  /** Last date, `YYYY-MM-DD`, inclusive. */
  readonly end?: string;
}

/** Options of {@link updateStore}. */
export interface UpdateOptions extends DateRange {
  /** The store's folder. */
  readonly storeDir: string;
  /** The dataset's subfolder, e.g. `daily` or `benchmark`. */
  readonly dataset: string;
  /** Symbols to bring up to date. */
  readonly symbols: readonly string[];
  /** Fetch every symbol's whole range again and replace what is stored. Defaults to false. */
  readonly refetch?: boolean;
}

/** What an update did for one symbol. */
export type UpdateAction = "cached" | "fetched" | "extended" | "refetched";

/** Returns the Parquet and metadata paths of `symbol` in a store dataset. */
export function storedPaths(
  storeDir: string,
  dataset: string,
  symbol: string,
): { parquet: string; meta: string } {
  const stem = join(storeDir, dataset, encodeURIComponent(symbol));
  return { parquet: `${stem}.parquet`, meta: `${stem}.json` };
}

/** Reads a symbol's metadata, or null when there is none or it does not parse. */
export async function readStoredMeta(
  storeDir: string,
  dataset: string,
  symbol: string,
): Promise<StoredMeta | null> {
  try {
    const meta = JSON.parse(await Deno.readTextFile(storedPaths(storeDir, dataset, symbol).meta));
    return typeof meta?.rows === "number" && meta.symbol === symbol ? meta as StoredMeta : null;
  } catch {
    return null;
  }
}

const DAY_MS = 86_400_000;

function shiftDay(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Returns the ranges to fetch so that `covered` grows to include `request`: at most one before
 * and one after, each reaching the covered range (so coverage stays one contiguous range). An
 * absent bound is open on either side, so an open request is covered only by an open coverage.
 *
 * @example
 * ```ts
 * import { missingRanges } from "@lib/data/store.ts";
 * const gaps = missingRanges({ start: "2020-01-01", end: "2020-12-31" }, { start: "2020-03-01" });
 * if (JSON.stringify(gaps) !== '[{"start":"2020-01-01","end":"2020-02-29"}]') throw new Error();
 * ```
 */
export function missingRanges(
  request: DateRange,
  covered: { start?: string | null; end?: string | null },
): DateRange[] {
  // Gaps reach the covered range even when the request does not, so coverage stays contiguous.
  const gaps: DateRange[] = [];
  const cs = covered.start ?? undefined;
  const ce = covered.end ?? undefined;
  if (cs !== undefined && (request.start === undefined || request.start < cs)) {
    gaps.push({ start: request.start, end: shiftDay(cs, -1) });
  }
  if (ce !== undefined && (request.end === undefined || request.end > ce)) {
    gaps.push({ start: shiftDay(ce, 1), end: request.end });
  }
  return gaps;
}

function describeRange(range: DateRange): string {
  return `${range.start ?? "first"}..${range.end ?? "last"}`;
}

function minBound(a: string | null | undefined, b: string | null | undefined): string | null {
  return a == null || b == null ? null : a < b ? a : b;
}

function maxBound(a: string | null | undefined, b: string | null | undefined): string | null {
  return a == null || b == null ? null : a > b ? a : b;
}

/**
 * True for the error a source raises when a well-formed request matches no rows. The DataSource
 * contract has no error type for this, so the sources' wordings are matched (csv/sample: "no rows
 * match", Polygon: "has no bars", Stooq: "has no data"); any other error stops the update.
 */
function isEmptyResult(error: unknown): boolean {
  return error instanceof DataError && /no rows match|has no bars|has no data/.test(error.message);
}

function isoOf(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

/**
 * Brings each symbol of `options.symbols` up to date in the store: fetches from `source` only the
 * ranges its metadata does not cover (everything when there is no usable metadata, when the
 * stored rows do not match it, when the source changed, or with `refetch`), merges them with the
 * stored rows (fetched rows win on a repeated date) and writes Parquet then metadata atomically.
 * A symbol stored with an open end is covered up to its last stored bar, so each update asks for
 * the dates after it (a symbol with none new stays `cached`, its files untouched). The dates
 * before the first stored bar of an open start are taken as final and not asked for again.
 * Returns one row per symbol: `symbol`, `action` (cached, fetched, extended, refetched),
 * `fetched` (the ranges asked for), `rows_fetched`, `rows`, `first`, `last`.
 *
 * A failing fetch raises a {@link DataError} naming the source and the symbol; the symbol's
 * stored files are untouched (symbols updated before it stay updated). A stored file that is not
 * Parquet raises a {@link DataError} naming it unless `refetch` is set.
 */
export async function updateStore(
  source: DataSource,
  options: UpdateOptions,
): Promise<pl.DataFrame> {
  const request: DateRange = { start: options.start, end: options.end };
  const log: Record<string, unknown>[] = [];
  for (const symbol of options.symbols) {
    const paths = storedPaths(options.storeDir, options.dataset, symbol);
    const meta = await readStoredMeta(options.storeDir, options.dataset, symbol);
    let stored: pl.DataFrame | null = null;
    if (meta && !options.refetch) {
      stored = readParquetFile(paths.parquet);
      assertBarSchema(stored, paths.parquet);
      if (stored.height !== meta.rows || meta.source !== source.name) stored = null;
    }
    const whole = stored === null;
    // Bars fetched with an open end cover only up to the last one stored: later dates are asked
    // for again, so a rerun picks up bars published (or appended to a file) since.
    // Network sources end an open range today (UTC) and refuse a start after it, so a symbol
    // already stored through today asks for nothing more.
    const today = new Date().toISOString().slice(0, 10);
    const ranges = whole
      ? [request]
      : missingRanges(request, { start: meta!.start, end: meta!.end ?? meta!.last })
        .filter((r) => r.end !== undefined || r.start === undefined || r.start <= today);
    const pieces: pl.DataFrame[] = [];
    for (const range of ranges) {
      try {
        const bars = await source.load({ symbols: [symbol], ...range });
        assertBarSchema(bars, source.name);
        pieces.push(bars.select(...BAR_COLUMNS).filter(pl.col("symbol").eq(pl.lit(symbol))));
      } catch (cause) {
        if (!whole && isEmptyResult(cause)) continue;
        const problem = cause instanceof Error ? cause.message : String(cause);
        throw new DataError(
          source.name,
          `fetching ${symbol} ${describeRange(range)} failed; stored data kept (${problem})`,
          { cause },
        );
      }
    }
    const fetchedRows = pieces.reduce((n, p) => n + p.height, 0);
    const start = whole ? request.start ?? null : minBound(meta!.start, request.start);
    const end = whole ? request.end ?? null : maxBound(meta!.end, request.end);
    // Asking past an open end and finding nothing changes nothing: the files stay as they are.
    const unchanged = !whole && fetchedRows === 0 && start === meta!.start && end === meta!.end;
    const action: UpdateAction = whole
      ? (meta ? "refetched" : "fetched")
      : ranges.length === 0 || unchanged
      ? "cached"
      : "extended";
    let merged = stored;
    if (action !== "cached") {
      const parts = [...(stored && stored.height > 0 ? [stored] : []), ...pieces];
      merged = concatRows(parts)
        .unique({ subset: ["date"], keep: "last", maintainOrder: true })
        .sort("date");
      const first = isoOf(merged.getColumn("date").toArray()[0]);
      const last = isoOf(merged.getColumn("date").toArray()[merged.height - 1]);
      const next: StoredMeta = {
        symbol,
        source: source.name,
        start,
        end,
        first,
        last,
        rows: merged.height,
        updated: new Date().toISOString(),
      };
      await writeParquetAtomic(merged, paths.parquet);
      await writeFileAtomic(
        paths.meta,
        (temp) => Deno.writeTextFile(temp, JSON.stringify(next, null, 2)),
      );
    }
    const dates = merged!.getColumn("date").toArray();
    log.push({
      symbol,
      action,
      fetched: ranges.map(describeRange).join(", "),
      rows_fetched: fetchedRows,
      rows: merged!.height,
      first: isoOf(dates[0]),
      last: isoOf(dates[dates.length - 1]),
    });
  }
  return pl.DataFrame(log);
}

/**
 * Reads the stored bars of `symbols` within `range` (inclusive; open bounds keep everything), in
 * symbol order then date order. Throws a {@link DataError} naming the missing file for a symbol
 * that was never stored.
 */
export function readStore(
  storeDir: string,
  dataset: string,
  symbols: readonly string[],
  range: DateRange = {},
): pl.DataFrame {
  if (symbols.length === 0) throw new DataError(join(storeDir, dataset), "no symbols to read");
  const frames = symbols.map((symbol) => {
    const path = storedPaths(storeDir, dataset, symbol).parquet;
    let bars = readParquetFile(path);
    assertBarSchema(bars, path);
    bars = bars.select(...BAR_COLUMNS);
    if (range.start) bars = bars.filter(pl.col("date").gtEq(pl.lit(new Date(range.start))));
    if (range.end) bars = bars.filter(pl.col("date").ltEq(pl.lit(new Date(range.end))));
    return bars;
  });
  return concatRows(frames);
}
