/**
 * Index weights from a constituents file (parsed by `parseConstituentsCsv`), or the close x
 * volume proxy when there is none, and the line the page shows about what the weights cover.
 *
 * A dated file is a series of snapshots: each as-of date lists the whole membership, so a symbol
 * missing from a later snapshot has left the index from that date (its weight becomes unknown,
 * which `weightTable` reads as "not in the index").
 * @module
 */
import pl from "nodejs-polars";
import { marketCapProxyWeights } from "./weights.ts";

/** Options of {@link indexWeights}. */
export interface IndexWeightOptions {
  /** Parsed constituents (index, symbol, weight, optional date); undefined for the proxy. */
  constituents?: pl.DataFrame;
  /** Where the constituents came from, for the page. */
  origin?: string;
  /** Days of volume in the proxy. Defaults to 60. */
  window?: number;
}

/** The weights and what they are. */
export interface IndexWeights {
  /** (symbol, weight) or (symbol, date, weight), as `indexSentiment` reads them. */
  weights: pl.DataFrame;
  /**
   * True for a constituents file: its symbols are the whole index, so a constituent without a
   * score lowers a date's coverage and a scored symbol outside the file is not in the index.
   */
  fromFile: boolean;
  /** One sentence saying where the weights come from (Markdown). */
  source: string;
}

/**
 * Returns the index weights: from `constituents` when given (snapshots closed as the module doc
 * says), else the close x trailing mean volume proxy of `panel`. Throws when the file holds
 * several indexes (keep one per file).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { indexWeights } from "@lib/signals/constituent_weights.ts";
 * const constituents = pl.DataFrame({ index: ["x", "x"], symbol: ["a", "b"], weight: [0.6, 0.4] });
 * const w = indexWeights(pl.DataFrame({}), { constituents, origin: "x.csv" });
 * if (!w.fromFile || w.weights.height !== 2) throw new Error();
 * ```
 */
export function indexWeights(panel: pl.DataFrame, options: IndexWeightOptions = {}): IndexWeights {
  const { constituents, window = 60 } = options;
  if (!constituents) {
    return {
      weights: marketCapProxyWeights(panel, { window }),
      fromFile: false,
      source: `No constituents file is given, so the weights are a market-cap proxy: close x ` +
        `mean volume over ${window} dates.`,
    };
  }
  const origin = options.origin ?? "the constituents file";
  const indexes = [...new Set(constituents.getColumn("index").toArray() as string[])];
  if (indexes.length > 1) {
    throw new Error(`${origin} holds several indexes (${indexes.join(", ")}); keep one per file`);
  }
  const dated = constituents.columns.includes("date");
  const symbols = constituents.getColumn("symbol").nUnique();
  const source = `Weights from \`${origin}\`: ${symbols} constituents` +
    (dated
      ? `, ${constituents.getColumn("date").nUnique()} as-of dates from ` +
        `${iso(constituents.getColumn("date").min())}`
      : ", static") +
    ", renormalised over the constituents with a score on each date.";
  if (!dated) {
    return { weights: constituents.select("symbol", "weight"), fromFile: true, source };
  }
  return { weights: closeSnapshots(constituents), fromFile: true, source };
}

/** Adds a null-weight row on each as-of date for every earlier constituent it does not list. */
function closeSnapshots(constituents: pl.DataFrame): pl.DataFrame {
  const rows = constituents.select(
    pl.col("symbol"),
    pl.col("date").cast(pl.Date).cast(pl.Int32).alias("day"),
    pl.col("weight"),
  ).toRecords() as { symbol: string; day: number; weight: number }[];
  const byDay = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const list = byDay.get(r.day) ?? new Map<string, number>();
    list.set(r.symbol, r.weight);
    byDay.set(r.day, list);
  }
  const out = { symbol: [] as string[], day: [] as number[], weight: [] as (number | null)[] };
  const members = new Set<string>();
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    const list = byDay.get(day)!;
    for (const s of members) {
      if (!list.has(s)) {
        out.symbol.push(s);
        out.day.push(day);
        out.weight.push(null);
      }
    }
    members.clear();
    for (const [s, w] of list) {
      members.add(s);
      out.symbol.push(s);
      out.day.push(day);
      out.weight.push(w);
    }
  }
  return pl.DataFrame([
    pl.Series("symbol", out.symbol, pl.Utf8),
    pl.Series("date", out.day, pl.Int32).cast(pl.Date),
    pl.Series("weight", out.weight, pl.Float64),
  ]).sort(["symbol", "date"]);
}

/**
 * Returns one sentence on the coverage of `sentiment` (`indexSentiment(...).sentiment`): how
 * many dates were left empty because the constituents with a score held less than
 * `minCoverage` of the index weight, and the median coverage.
 */
export function coverageLine(sentiment: pl.DataFrame, minCoverage: number): string {
  const coverage = sentiment.getColumn("coverage").toArray() as number[];
  const empty = coverage.filter((c) => c < minCoverage).length;
  const sorted = Float64Array.from(coverage).sort();
  const median = sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)];
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return empty === 0
    ? `Every one of the ${coverage.length} dates has at least ${pct(minCoverage)} of the index ` +
      `weight scored (median coverage ${pct(median)}).`
    : `**${empty} of ${coverage.length} dates are left empty**: the constituents with a score ` +
      `held less than ${pct(minCoverage)} of the index weight on them (median coverage ` +
      `${pct(median)}).`;
}

// A Date column's min() comes back as days since the epoch in nodejs-polars 0.25.
function iso(value: unknown): string {
  const date = typeof value === "number" ? new Date(value * 86_400_000) : value;
  return date instanceof Date ? date.toISOString().slice(0, 10) : String(value);
}
