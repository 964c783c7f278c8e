/**
 * A local folder of CSV or Parquet files: one file per symbol (named `AAPL.csv`, no `symbol`
 * column needed) or files holding many symbols (with a `symbol` column). Column names are
 * matched case-insensitively, so exports such as `Date,Open,High,Low,Close,Adj Close,Volume`
 * read as they are. Daily files need `date`; one-minute files need `datetime` (ISO 8601 with an
 * offset, or naive meaning UTC; or a Parquet Datetime).
 * @module
 */
import { extname, join } from "node:path";
import pl from "nodejs-polars";
import { DataError } from "../errors.ts";
import { filterBars } from "../query.ts";
import { readParquetFile } from "../parquet.ts";
import { BAR_COLUMNS, BAR_TYPES } from "../schema.ts";
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

const INTERVALS: readonly BarInterval[] = ["1d", "1m"];
const EXTENSIONS = new Set([".csv", ".parquet"]);
const PRICES = ["open", "high", "low", "close", "volume"] as const;

/** Lower case, trimmed, spaces and dashes as underscores; `adjclose` spelled `adj_close`. */
export function normaliseColumn(name: string): string {
  const n = name.trim().toLowerCase().replace(/[\s-]+/g, "_");
  return n === "adjclose" ? "adj_close" : n;
}

/** Reads one file of the folder as a frame with normalised column names; errors name the file. */
export async function readTableFile(path: string): Promise<pl.DataFrame> {
  let frame: pl.DataFrame;
  if (extname(path).toLowerCase() === ".parquet") {
    frame = readParquetFile(path);
  } else {
    let size: number;
    try {
      size = (await Deno.stat(path)).size;
      // Only a small file can be blank; a larger one goes to polars by path, unread here
      // (handing polars the text instead took 2.7 times as long).
      if (size < 4096 && (await Deno.readTextFile(path)).trim() === "") size = 0;
    } catch (cause) {
      throw new DataError(path, `cannot read file (${String(cause)})`, { cause });
    }
    if (size === 0) throw new DataError(path, "the file is empty (no header row)");
    try {
      frame = pl.readCSV(path, { inferSchemaLength: 0, hasHeader: true });
    } catch (cause) {
      throw new DataError(path, `cannot parse as CSV (${String(cause)})`, { cause });
    }
  }
  const renamed = Object.fromEntries(frame.columns.map((c) => [c, normaliseColumn(c)]));
  const seen = new Set<string>();
  for (const target of Object.values(renamed)) {
    if (seen.has(target)) {
      throw new DataError(path, `two columns are both named "${target}" (ignoring case)`);
    }
    seen.add(target);
  }
  return frame.rename(renamed);
}

function stem(path: string): string {
  const base = path.split("/").pop()!;
  return base.slice(0, base.length - extname(base).length);
}

function toMillis(value: unknown): number | null {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== "string" || value.trim() === "") return null;
  const text = value.trim();
  const naive = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text);
  const ms = Date.parse(naive ? `${text.replace(" ", "T")}Z` : text);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Turns one file's frame (normalised names) into bars of `interval`: symbol from the `symbol`
 * column or the file name, prices cast to Float64 (unparseable cells become null for validation
 * to report), and with `adjusted` open/high/low/close scaled by `adj_close / close`.
 */
export function fileBars(
  frame: pl.DataFrame,
  path: string,
  interval: BarInterval,
  adjusted: boolean,
  timeZone: string = NEW_YORK,
): pl.DataFrame {
  const timeColumn = interval === "1m" ? "datetime" : "date";
  const required = [timeColumn, ...PRICES, ...(adjusted ? ["adj_close"] : [])];
  const missing = required.filter((c) => !frame.columns.includes(c));
  if (missing.length > 0) {
    const hint = adjusted && missing.includes("adj_close")
      ? " (adjusted prices need an adjusted-close column)"
      : "";
    throw new DataError(
      path,
      `missing column(s) ${missing.map((c) => `"${c}"`).join(", ")}${hint}; ` +
        `found ${frame.columns.map((c) => `"${c}"`).join(", ")}`,
    );
  }
  const hasSymbol = frame.columns.includes("symbol");
  if (interval === "1d") {
    // One select (one pass through polars) for the bars of a daily file.
    const price = (c: string) => pl.col(c).cast(pl.Float64, false);
    const factor = price("adj_close").div(price("close"));
    const scaled = (c: string) => adjusted && c !== "volume" ? price(c).mul(factor) : price(c);
    return frame.select(
      (hasSymbol ? pl.col("symbol").cast(pl.Utf8) : pl.lit(stem(path))).alias("symbol"),
      pl.col("date").cast(BAR_TYPES.date, false),
      ...PRICES.map((c) => scaled(c).alias(c)),
    ).select(...BAR_COLUMNS);
  }
  let bars = hasSymbol ? frame : frame.withColumns(pl.lit(stem(path)).alias("symbol"));
  bars = bars.withColumns(
    pl.col("symbol").cast(pl.Utf8),
    ...[...PRICES, ...(adjusted ? ["adj_close"] : [])].map((c) =>
      pl.col(c).cast(pl.Float64, false)
    ),
  );
  if (adjusted) {
    const factor = pl.col("adj_close").div(pl.col("close"));
    bars = bars.withColumns(
      ...["open", "high", "low", "close"].map((c) => pl.col(c).mul(factor).alias(c)),
    );
  }
  const raw = bars.getColumn("datetime").toArray() as unknown[];
  const time = raw.map(toMillis);
  const bad = time.findIndex((t) => t === null);
  if (bad >= 0) {
    throw new DataError(path, `row ${bad + 2}: datetime "${raw[bad]}" is not a date-time`);
  }
  const col = (c: string) => bars.getColumn(c).toArray() as (number | null)[];
  return barsFrame(
    bars.getColumn("symbol").toArray() as string[],
    {
      time: time as number[],
      open: col("open"),
      high: col("high"),
      low: col("low"),
      close: col("close"),
      volume: col("volume"),
    },
    interval,
    timeZone,
  );
}

/** One file of the folder as read, with the symbols it holds (looked up once, when read). */
interface FolderFile {
  readonly path: string;
  readonly frame: pl.DataFrame;
  /** Whether the file has a `symbol` column (else its name is the symbol). */
  readonly hasSymbolColumn: boolean;
  readonly symbols: readonly string[];
}

function folderFile(path: string, frame: pl.DataFrame): FolderFile {
  const hasSymbolColumn = frame.columns.includes("symbol");
  const symbols = hasSymbolColumn
    ? frame.getColumn("symbol").cast(pl.Utf8).unique().toArray() as string[]
    : [stem(path)];
  return { path, frame, hasSymbolColumn, symbols };
}

function availableSymbols(all: readonly FolderFile[]): Set<string> {
  const symbols = new Set<string>();
  for (const file of all) {
    for (const s of file.symbols) symbols.add(s);
  }
  return symbols;
}

/**
 * The files the folder source reads: every `.csv` and `.parquet` file directly in `dir`, sorted.
 * Throws a {@link DataError} when `dir` is unset, unreadable or holds none.
 */
export function folderFiles(dir: string | undefined): string[] {
  if (!dir) throw new DataError("local", "no folder given: pass dir");
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch (cause) {
    throw new DataError(dir, `cannot read folder (${String(cause)})`, { cause });
  }
  const paths = entries.filter((e) => e.isFile && EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => join(dir, e.name)).sort();
  if (paths.length === 0) throw new DataError(dir, "no .csv or .parquet files in the folder");
  return paths;
}

/** Options of {@link localFolderSource}; `dir` is required. */
export type LocalFolderOptions = Pick<SourceOptions, "dir" | "progress" | "timeZone">;

/** Returns a source over the CSV and Parquet files in `options.dir` (prices as stored). */
export function localFolderSource(options: LocalFolderOptions): DataSource {
  const dir = options.dir;
  const name = dir ? `local ${dir}` : "local";
  let cached: Promise<FolderFile[]> | undefined;
  const converted = new Map<string, pl.DataFrame>();

  const files = () => folderFiles(dir);
  const readAll = () =>
    cached ??= (async () => {
      const paths = files();
      const progress = createProgress(paths.length, { label: name, ...options.progress });
      try {
        const out: FolderFile[] = [];
        for (const path of paths) {
          out.push(folderFile(path, await readTableFile(path)));
          progress.tick(stem(path));
        }
        return out;
      } finally {
        progress.done();
      }
    })().catch((error) => {
      cached = undefined;
      converted.clear();
      throw error;
    });

  return {
    name,
    intervals: INTERVALS,
    adjustment: "as stored; adjusted: true scales by an adj_close column",
    async symbols() {
      return [...availableSymbols(await readAll())].sort();
    },
    async load(query: SourceQuery = {}) {
      const interval = query.interval ?? "1d";
      assertInterval(name, INTERVALS, interval);
      const all = await readAll();
      const wanted = query.symbols && query.symbols.length > 0 ? new Set(query.symbols) : undefined;
      if (wanted) {
        const available = availableSymbols(all);
        const unknown = [...wanted].filter((s) => !available.has(s));
        if (unknown.length > 0) {
          const known = [...available].sort();
          const shown = known.slice(0, 20).join(", ") + (known.length > 20 ? ", ..." : "");
          throw new DataError(
            name,
            `unknown symbol(s) ${unknown.join(", ")}; available (${known.length}): ${shown}`,
          );
        }
      }
      const adjusted = query.adjusted === true;
      const timeZone = options.timeZone ?? NEW_YORK;
      const frames: pl.DataFrame[] = [];
      for (const file of all) {
        if (wanted && !file.symbols.some((s) => wanted.has(s))) continue;
        if (wanted && file.hasSymbolColumn) {
          const rows = file.frame.filter(pl.col("symbol").cast(pl.Utf8).isIn([...wanted]));
          frames.push(fileBars(rows, file.path, interval, adjusted, timeZone));
          continue;
        }
        // A store update loads one symbol at a time: each file is converted once per layout.
        const key = `${file.path}\u0000${interval}\u0000${adjusted}\u0000${timeZone}`;
        let bars = converted.get(key);
        if (!bars) {
          bars = fileBars(file.frame, file.path, interval, adjusted, timeZone);
          converted.set(key, bars);
        }
        frames.push(bars);
      }
      return filterBars(stack(frames, interval), query, name);
    },
  };
}

/** The local folder source in the registry (needs `dir`); its benchmark is the symbol `^GSPC`. */
export const localFolderDefinition: SourceDefinition<"local"> = {
  name: "local",
  description: "a local folder of CSV or Parquet files (one per symbol, or with a symbol column)",
  network: false,
  intervals: INTERVALS,
  benchmark: "^GSPC",
  create: (options) => localFolderSource(options),
  // Every file is read whatever the query asks (a symbol may be in any file), so all are probed.
  freshness: (options) =>
    folderFreshness(
      `local folder ${shownPath(options.dir ?? "")}`,
      folderFiles(options.dir),
      options.dir!,
    ),
};
