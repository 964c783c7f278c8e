/**
 * Index weights of the constituents: a frame (symbol, weight) for static weights or (symbol,
 * date, weight) for weights that change, each row in effect from its date until the symbol's next
 * row. Weights need not sum to 1: the index signal renormalises them over the constituents that
 * have a score on each date.
 *
 * The bundled sample has no index weights, so two stand-ins are derived from the price panel:
 * - {@link capWeights}: close x shares outstanding, a market capitalisation when the share
 *   counts are real;
 * - {@link marketCapProxyWeights}: close x trailing mean volume, the average traded dollar
 *   volume. This is a *proxy*: it ranks large, liquid companies high, but turnover differs from
 *   stock to stock, so it is not a market capitalisation.
 * @module
 */
import pl from "nodejs-polars";

/**
 * Returns static weights (symbol, weight) from a record, in the record's order.
 *
 * @example
 * ```ts
 * import { staticWeights } from "@lib/signals/weights.ts";
 * const w = staticWeights({ AAPL: 3, MSFT: 2 });
 * if (w.getColumn("weight").toArray().join() !== "3,2") throw new Error();
 * ```
 */
export function staticWeights(weights: Readonly<Record<string, number>>): pl.DataFrame {
  const symbols = Object.keys(weights);
  if (symbols.length === 0) throw new Error("static weights are empty");
  return pl.DataFrame([
    pl.Series("symbol", symbols, pl.Utf8),
    pl.Series("weight", symbols.map((s) => weights[s]), pl.Float64),
  ]);
}

/**
 * Returns (symbol, date, weight = close x shares) for each row of `panel` (symbol, date, close)
 * whose symbol has a share count; throws naming a symbol of the panel without one or a
 * non-positive count.
 */
export function capWeights(
  panel: pl.DataFrame,
  shares: Readonly<Record<string, number>>,
): pl.DataFrame {
  requireColumns(panel, ["symbol", "date", "close"], "the price panel");
  const symbols = [...new Set(panel.getColumn("symbol").toArray() as string[])].sort();
  for (const s of symbols) {
    const n = shares[s];
    if (n === undefined) throw new Error(`no share count for "${s}"`);
    if (!(n > 0) || !Number.isFinite(n)) {
      throw new Error(`share count of "${s}" must be a positive number; got ${n}`);
    }
  }
  const table = pl.DataFrame({ symbol: Object.keys(shares), shares: Object.values(shares) });
  return panel.select("symbol", "date", "close")
    .join(table, { on: "symbol", how: "left" })
    .select(
      pl.col("symbol").cast(pl.Utf8),
      pl.col("date").cast(pl.Date),
      pl.col("close").cast(pl.Float64).mul(pl.col("shares")).alias("weight"),
    )
    .sort(["symbol", "date"]);
}

/** Options of {@link marketCapProxyWeights}. */
export interface CapProxyOptions {
  /** Days of volume averaged. Defaults to 60. */
  window?: number;
}

/**
 * Returns (symbol, date, weight = close x mean volume of the last `window` days, that day
 * included), a market-cap proxy (see the module doc). The first `window - 1` rows of each symbol
 * have a null weight (warm-up), so a symbol enters the index once its average is known.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { marketCapProxyWeights } from "@lib/signals/weights.ts";
 * const panel = pl.DataFrame({ symbol: ["a", "a"], date: [new Date("2020-01-02"), new Date("2020-01-03")], close: [10, 12], volume: [100, 300] });
 * const w = marketCapProxyWeights(panel, { window: 2 }).getColumn("weight").toArray();
 * if (w[0] !== null || w[1] !== 12 * 200) throw new Error(String(w));
 * ```
 */
export function marketCapProxyWeights(
  panel: pl.DataFrame,
  options: CapProxyOptions = {},
): pl.DataFrame {
  const { window = 60 } = options;
  if (!Number.isInteger(window) || window < 1) {
    throw new Error(`window must be a positive integer; got ${window}`);
  }
  requireColumns(panel, ["symbol", "date", "close", "volume"], "the price panel");
  return panel.select(
    pl.col("symbol").cast(pl.Utf8),
    pl.col("date").cast(pl.Date),
    pl.col("close").cast(pl.Float64),
    pl.col("volume").cast(pl.Float64),
  )
    .sort(["symbol", "date"])
    .select(
      "symbol",
      "date",
      pl.col("close").mul(
        pl.col("volume").rollingMean({ windowSize: window, minPeriods: window }).over("symbol"),
      ).alias("weight"),
    );
}

/** A weights frame checked and split by symbol, for looking weights up by date. */
export interface WeightTable {
  /** Symbols with weights, sorted. */
  symbols: string[];
  /** Per symbol: the days its rows take effect (ascending; `-Infinity` for static weights). */
  from: Map<string, Float64Array>;
  /** Per symbol: the weight of each row, aligned with `from`; NaN for an unknown weight. */
  weight: Map<string, Float64Array>;
}

/**
 * Checks a weights frame (symbol, weight, optional date) and returns it as a {@link WeightTable}.
 * Throws on a missing column, a negative or infinite weight, a repeated (symbol, date) and
 * static weights that are all zero. A null weight (a warm-up row) means the symbol is not in
 * the index from that date.
 */
export function weightTable(weights: pl.DataFrame): WeightTable {
  requireColumns(weights, ["symbol", "weight"], "the weights");
  const dated = weights.columns.includes("date");
  const symbol = weights.getColumn("symbol").cast(pl.Utf8).toArray() as string[];
  const raw = weights.getColumn("weight").cast(pl.Float64).toArray() as (number | null)[];
  const day = dated
    ? (weights.getColumn("date").cast(pl.Date).cast(pl.Int32).toArray() as (number | null)[])
    : symbol.map(() => -Infinity);
  const rows = new Map<string, { day: number; weight: number }[]>();
  for (let i = 0; i < symbol.length; i++) {
    const w = raw[i] ?? NaN;
    const where = dated ? ` on ${isoDay(day[i])}` : "";
    if (w < 0 || w === Infinity || w === -Infinity) {
      throw new Error(`weight of "${symbol[i]}"${where} is ${w}; weights must be >= 0 and finite`);
    }
    if (day[i] === null) throw new Error(`weight of "${symbol[i]}" at row ${i} has no date`);
    const list = rows.get(symbol[i]) ?? [];
    list.push({ day: day[i] as number, weight: w });
    rows.set(symbol[i], list);
  }
  const table: WeightTable = {
    symbols: [...rows.keys()].sort(),
    from: new Map(),
    weight: new Map(),
  };
  for (const s of table.symbols) {
    const list = rows.get(s)!.sort((a, b) => a.day - b.day);
    for (let k = 1; k < list.length; k++) {
      if (list[k].day === list[k - 1].day) {
        throw new Error(
          dated
            ? `"${s}" has two weights on ${isoDay(list[k].day)}`
            : `"${s}" has two static weights`,
        );
      }
    }
    table.from.set(s, Float64Array.from(list, (r) => r.day));
    table.weight.set(s, Float64Array.from(list, (r) => r.weight));
  }
  if (!dated && table.symbols.every((s) => !(table.weight.get(s)![0] > 0))) {
    throw new Error("the static weights are all zero (or unknown): no constituent has a weight");
  }
  return table;
}

/** Returns the weight of `symbol` in effect on `day` (its latest row on or before), or NaN. */
export function weightOn(table: WeightTable, symbol: string, day: number): number {
  const from = table.from.get(symbol);
  if (!from) return NaN;
  let lo = 0;
  let hi = from.length - 1;
  if (!(from[0] <= day)) return NaN;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (from[mid] <= day) lo = mid;
    else hi = mid - 1;
  }
  return table.weight.get(symbol)![lo];
}

function requireColumns(frame: pl.DataFrame, columns: string[], what: string): void {
  for (const c of columns) {
    if (!frame.columns.includes(c)) {
      throw new Error(`${what} have no "${c}" column (columns: ${frame.columns.join(", ")})`);
    }
  }
}

function isoDay(day: number | null): string {
  return day === null ? "(no date)" : new Date(day * 86_400_000).toISOString().slice(0, 10);
}
