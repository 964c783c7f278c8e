/**
 * Polygon's flat files, read from a local folder as downloaded: one gzipped CSV per trading day
 * with every ticker's daily or one-minute aggregates. Flat-file prices are not adjusted.
 *
 * Layout and columns as Polygon (Massive) documents the stocks flat files
 * (massive.com/docs/flat-files, "Day Aggregates"/"Minute Aggregates"):
 * `us_stocks_sip/day_aggs_v1/{YYYY}/{MM}/{YYYY-MM-DD}.csv.gz` and `.../minute_aggs_v1/...`,
 * header `ticker,volume,open,close,high,low,window_start,transactions`, `window_start` the bar
 * start in epoch **nanoseconds** (day bars start at midnight New York time).
 * @module
 */
import { basename, join } from "node:path";
import { gunzipSync } from "node:zlib";
import pl from "nodejs-polars";
import { DataError } from "../errors.ts";
import { filterBars } from "../query.ts";
import type {
  BarInterval,
  DataSource,
  SourceDefinition,
  SourceOptions,
  SourceQuery,
} from "../source.ts";
import { assertInterval } from "../source.ts";
import { createProgress } from "../progress.ts";
import { barsFrame, NEW_YORK, stack } from "./common.ts";
import { folderFreshness, shownPath } from "./freshness.ts";
import { readCsvText } from "../csv.ts";

const INTERVALS: readonly BarInterval[] = ["1d", "1m"];
const COLUMNS = ["ticker", "volume", "open", "close", "high", "low", "window_start"] as const;
const FILE_NAME = /^(\d{4}-\d{2}-\d{2})\.csv(\.gz)?$/;

/** The flat-file dataset folder of each interval. */
export const FLAT_FOLDERS: Readonly<Record<BarInterval, string>> = {
  "1d": "day_aggs_v1",
  "1m": "minute_aggs_v1",
};

/**
 * Parses one flat file's CSV text into bars (pure), keeping only `symbols` when given. Throws a
 * {@link DataError} naming `origin` for text that is not CSV or lacks a column.
 */
export function parsePolygonFlatCsv(
  text: string,
  origin: string,
  interval: BarInterval,
  symbols?: readonly string[],
  timeZone: string = NEW_YORK,
): pl.DataFrame {
  let raw = readCsvText(text, origin);
  const missing = COLUMNS.filter((c) => !raw.columns.includes(c));
  if (missing.length > 0) {
    throw new DataError(
      origin,
      `missing column(s) ${missing.join(", ")}; found ${raw.columns.join(", ")}; ` +
        "expected ticker,volume,open,close,high,low,window_start,transactions",
    );
  }
  if (symbols && symbols.length > 0) raw = raw.filter(pl.col("ticker").isIn([...symbols]));
  const starts = raw.getColumn("window_start").toArray() as (string | null)[];
  const time = starts.map((s) => (s && /^\d{7,}$/.test(s) ? Number(s.slice(0, -6)) : Number.NaN));
  const bad = time.findIndex((t) => Number.isNaN(t));
  if (bad >= 0) {
    throw new DataError(origin, `window_start "${starts[bad]}" is not epoch nanoseconds`);
  }
  const numbers = (name: string) =>
    raw.getColumn(name).cast(pl.Float64, false).toArray() as (number | null)[];
  return barsFrame(
    raw.getColumn("ticker").toArray() as string[],
    {
      time,
      open: numbers("open"),
      high: numbers("high"),
      low: numbers("low"),
      close: numbers("close"),
      volume: numbers("volume"),
    },
    interval,
    timeZone,
  );
}

/** Reads one flat file (`.csv.gz` or `.csv`) as text; errors name the file. */
export async function readFlatFile(path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (cause) {
    throw new DataError(path, `cannot read file (${String(cause)})`, { cause });
  }
  if (!path.endsWith(".gz")) return new TextDecoder().decode(bytes);
  try {
    return new TextDecoder().decode(gunzipSync(bytes));
  } catch (cause) {
    throw new DataError(path, `not a gzip file (${String(cause)})`, { cause });
  }
}

/** A flat file found on disk with the trading date its name gives. */
export interface FlatFile {
  /** The trading date, `YYYY-MM-DD`. */
  readonly date: string;
  /** Absolute path. */
  readonly path: string;
}

function walk(dir: string, out: FlatFile[]): void {
  for (const entry of Deno.readDirSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) walk(path, out);
    const match = entry.isFile ? FILE_NAME.exec(entry.name) : null;
    if (match) out.push({ date: match[1], path });
  }
}

function isDir(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
}

/**
 * Lists the flat files of `interval` under `dir`, sorted by date. `dir` may be the download root
 * (holding `us_stocks_sip/`), `us_stocks_sip/` itself, or the dataset folder.
 */
export function listFlatFiles(dir: string, interval: BarInterval): FlatFile[] {
  const folder = FLAT_FOLDERS[interval];
  const root = [join(dir, "us_stocks_sip", folder), join(dir, folder), dir].find((d) =>
    isDir(d) && (d === dir ? basename(d) === folder : true)
  );
  if (!root) {
    throw new DataError(
      dir,
      `no ${folder} folder found; expected the layout as downloaded: ` +
        `us_stocks_sip/${folder}/YYYY/MM/YYYY-MM-DD.csv.gz`,
    );
  }
  const files: FlatFile[] = [];
  walk(root, files);
  return files.sort((a, b) => a.date.localeCompare(b.date));
}

/** Options of {@link polygonFlatSource}; `dir` is required. */
export type PolygonFlatOptions = Pick<SourceOptions, "dir" | "progress" | "timeZone" | "symbols">;

/** Returns a source over Polygon flat files under `options.dir` (prices as traded). */
export function polygonFlatSource(options: PolygonFlatOptions): DataSource {
  const name = "polygon-flat";
  const dir = options.dir;
  const timeZone = options.timeZone ?? NEW_YORK;
  const requireDir = () => {
    if (!dir) throw new DataError(name, "no folder given: pass dir (the flat-file download root)");
    return dir;
  };
  return {
    name: dir ? `${name} ${dir}` : name,
    intervals: INTERVALS,
    adjustment: "unadjusted (prices as traded)",
    async symbols() {
      const files = listFlatFiles(requireDir(), "1d");
      if (files.length === 0) return [...(options.symbols ?? [])].sort();
      const latest = files[files.length - 1];
      const bars = parsePolygonFlatCsv(await readFlatFile(latest.path), latest.path, "1d");
      return (bars.getColumn("symbol").unique().toArray() as string[]).sort();
    },
    async load(query: SourceQuery = {}) {
      const interval = query.interval ?? "1d";
      assertInterval(name, INTERVALS, interval);
      if (query.adjusted === true) {
        throw new DataError(
          name,
          "flat files hold unadjusted prices; use adjusted: false or unset",
        );
      }
      const root = requireDir();
      const symbols = query.symbols && query.symbols.length > 0 ? query.symbols : options.symbols;
      const files = listFlatFiles(root, interval).filter((f) =>
        (!query.start || f.date >= query.start) && (!query.end || f.date <= query.end)
      );
      if (files.length === 0) {
        throw new DataError(
          root,
          `no ${FLAT_FOLDERS[interval]} files between ${query.start ?? "the first"} and ${
            query.end ?? "the last"
          } date`,
        );
      }
      const progress = createProgress(files.length, { label: name, ...options.progress });
      const frames: pl.DataFrame[] = [];
      try {
        for (const file of files) {
          frames.push(
            parsePolygonFlatCsv(
              await readFlatFile(file.path),
              file.path,
              interval,
              symbols,
              timeZone,
            ),
          );
          progress.tick(file.date);
        }
      } finally {
        progress.done();
      }
      const bars = stack(frames, interval);
      const found = new Set(bars.getColumn("symbol").unique().toArray() as string[]);
      const unknown = (symbols ?? []).filter((s) => !found.has(s));
      if (unknown.length > 0) {
        throw new DataError(
          `${name} ${root}`,
          `unknown symbol(s) ${unknown.join(", ")}: in no ${FLAT_FOLDERS[interval]} file from ` +
            `${files[0].date} to ${files[files.length - 1].date}`,
        );
      }
      return filterBars(bars, { start: query.start, end: query.end }, `${name} ${root}`);
    },
  };
}

/** Polygon flat files in the source registry (needs `dir`); its benchmark is SPY. */
export const polygonFlatDefinition: SourceDefinition<"polygon-flat"> = {
  name: "polygon-flat",
  description: "Polygon flat files on disk (day/minute aggregate CSV.gz as downloaded; unadjusted)",
  network: false,
  intervals: INTERVALS,
  benchmark: "SPY",
  create: (options) => polygonFlatSource(options),
  // The day files in the query's window are what a load reads; a new day is a new file.
  async freshness(options, query) {
    if (!options.dir) throw new DataError("polygon-flat", "no folder given: pass dir");
    const files = listFlatFiles(options.dir, query.interval ?? "1d").filter((f) =>
      (!query.start || f.date >= query.start) && (!query.end || f.date <= query.end)
    );
    return await folderFreshness(
      `polygon-flat folder ${shownPath(options.dir)}`,
      files.map((f) => f.path),
      options.dir,
    );
  },
};
