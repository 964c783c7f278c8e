/**
 * Wide (date x symbol) matrices on a `Float64Array`: the layout of every backtest loop.
 * @module
 */
import pl from "nodejs-polars";
import { dayNumbers, uniqueDays } from "../validation/days.ts";

/** Values by date (rows) and symbol (columns), row-major; missing values are `NaN`. */
export interface WidePanel {
  /** Day numbers, ascending. */
  dates: Float64Array;
  /** Symbols, in column order. */
  symbols: readonly string[];
  /** `dates.length x symbols.length` values: (t, j) is `values[t * symbols.length + j]`. */
  values: Float64Array;
}

/**
 * Returns column `column` of a long frame (symbol, date, ...) as a {@link WidePanel}. With
 * `like.dates` and/or `like.symbols` (another panel fits), the result has exactly those (others
 * are ignored, gaps are NaN); otherwise every date and symbol of the frame, sorted. Throws on a
 * missing column or a repeated (symbol, date).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { toWide } from "@lib/backtest/wide.ts";
 * const frame = pl.DataFrame({ symbol: ["b", "a", "a"], close: [3, 1, 2] })
 *   .withColumns(pl.Series("date", [0, 0, 1], pl.Int32).cast(pl.Date));
 * const w = toWide(frame, "close");
 * if (w.symbols.join() !== "a,b" || w.values.join() !== "1,3,2,NaN") throw new Error("wrong");
 * ```
 */
export function toWide(
  frame: pl.DataFrame,
  column: string,
  like: Partial<Pick<WidePanel, "dates" | "symbols">> = {},
): WidePanel {
  for (const c of ["symbol", "date", column]) {
    if (!frame.columns.includes(c)) {
      throw new Error(`the frame has no column "${c}" (columns: ${frame.columns.join(", ")})`);
    }
  }
  const symbolOf = frame.getColumn("symbol").toArray() as string[];
  const days = dayNumbers(frame.getColumn("date"));
  const raw = frame.getColumn(column).cast(pl.Float64).toArray() as (number | null)[];
  const dates = like.dates ?? uniqueDays(days);
  const symbols = like.symbols ?? [...new Set(symbolOf)].sort();
  const row = new Map<number, number>();
  dates.forEach((d, t) => row.set(d, t));
  const col = new Map<string, number>(symbols.map((s, j) => [s, j]));
  const values = new Float64Array(dates.length * symbols.length).fill(NaN);
  const seen = new Uint8Array(values.length);
  for (let i = 0; i < days.length; i++) {
    const t = row.get(days[i]);
    const j = col.get(symbolOf[i]);
    if (t === undefined || j === undefined) continue;
    const at = t * symbols.length + j;
    if (seen[at]) throw new Error(`"${symbolOf[i]}" has two rows on one date (row ${i})`);
    seen[at] = 1;
    values[at] = raw[i] ?? NaN;
  }
  return { dates, symbols, values };
}

/** Throws unless `a` and `b` have the same dates and symbols. */
export function checkAligned(a: WidePanel, b: WidePanel, what: string): void {
  const same = a.dates.length === b.dates.length && a.dates.every((d, t) => d === b.dates[t]) &&
    a.symbols.length === b.symbols.length && a.symbols.every((s, j) => s === b.symbols[j]);
  if (!same) {
    throw new Error(
      `${what} is not aligned with the prices: build it with toWide(frame, column, prices)`,
    );
  }
}
