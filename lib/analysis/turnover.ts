/**
 * How fast a factor's ranking changes: the share of a quantile's names that are new since the
 * previous period (alphalens `quantile_turnover`) and the correlation of the factor ranks with
 * their values a period earlier (alphalens `factor_rank_autocorrelation`).
 * @module
 */
import pl from "nodejs-polars";
import { daySeries } from "../validation/days.ts";
import { pearson } from "./correlation.ts";
import { floatValues } from "../frames.ts";
import { rankAverageInto } from "./ranks.ts";

/** Options of {@link quantileTurnover}. */
export interface TurnoverOptions {
  /** Quantiles to report. Defaults to the lowest and the highest present. */
  quantiles?: readonly number[];
  /** Lag in dates of the calendar. Defaults to 1. */
  period?: number;
  /**
   * The calendar the lag runs on (e.g. `factorData(...).dates`); defaults to the frame's
   * distinct dates. A calendar date without rows gives null there and `period` dates later.
   */
  dates?: pl.Series;
}

/**
 * Rows of `frame` grouped by date: sorted distinct day numbers (of `calendar` and the frame) and
 * each date's rows.
 */
function byDate(frame: pl.DataFrame, calendar?: pl.Series): { days: number[]; rows: number[][] } {
  const d = floatValues(frame, "date");
  const groups = new Map<number, number[]>();
  if (calendar) {
    const c = floatValues(pl.DataFrame([calendar.alias("date")]), "date");
    for (const day of c) if (Number.isFinite(day)) groups.set(day, []);
  }
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) continue;
    const list = groups.get(d[i]);
    if (list) list.push(i);
    else groups.set(d[i], [i]);
  }
  const days = [...groups.keys()].sort((a, b) => a - b);
  return { days, rows: days.map((day) => groups.get(day)!) };
}

function checkPeriod(period: number): void {
  if (!Number.isInteger(period) || period < 1) {
    throw new Error(`period must be an integer >= 1; got ${period}`);
  }
}

/**
 * Returns, per date and quantile, the share of the quantile's symbols that were not in it
 * `period` dates earlier: date, quantile, turnover (null for the first `period` dates and where
 * either date has no names in the quantile, as alphalens' NaN). `frame` holds symbol, date and
 * quantile, e.g. `factorData(...).data`. A frame without quantiles (no date had enough assets)
 * gives an empty result.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { quantileTurnover } from "@lib/analysis/turnover.ts";
 * const frame = pl.DataFrame({ symbol: ["a", "b", "a", "b"], quantile: [1, 2, 2, 1],
 *   date: [new Date("2020-01-01"), new Date("2020-01-01"), new Date("2020-01-02"), new Date("2020-01-02")] })
 *   .withColumns(pl.col("date").cast(pl.Date));
 * const t = quantileTurnover(frame).getColumn("turnover").toArray();
 * // rows run by quantile, then date: each quantile swapped its one name
 * if (t.join() !== ",1,,1") throw new Error(t.join());
 * ```
 */
export function quantileTurnover(frame: pl.DataFrame, options: TurnoverOptions = {}): pl.DataFrame {
  const { period = 1 } = options;
  checkPeriod(period);
  for (const c of ["symbol", "date", "quantile"]) {
    if (!frame.columns.includes(c)) throw new Error(`the frame has no "${c}" column`);
  }
  const quantile = floatValues(frame, "quantile");
  const symbols = frame.getColumn("symbol").cast(pl.Utf8).toArray() as string[];
  let lo = Infinity;
  let hi = -Infinity;
  for (const q of quantile) {
    if (Number.isFinite(q)) {
      lo = Math.min(lo, q);
      hi = Math.max(hi, q);
    }
  }
  // no bucket on any date (too few assets for the quantiles): empty, not an error
  if (lo > hi) {
    return pl.DataFrame([
      daySeries("date", []),
      pl.Series("quantile", [], pl.Int32),
      pl.Series("turnover", [], pl.Float64),
    ]);
  }
  const wanted = options.quantiles ?? (lo === hi ? [lo] : [lo, hi]);
  const { days, rows } = byDate(frame, options.dates);
  const out = { day: [] as number[], quantile: [] as number[], turnover: [] as (number | null)[] };
  for (const q of wanted) {
    const sets = rows.map((r) => {
      const s = new Set<string>();
      for (const i of r) if (quantile[i] === q) s.add(symbols[i]);
      return s;
    });
    sets.forEach((current, t) => {
      const before = t >= period ? sets[t - period] : undefined;
      let value: number | null = null;
      if (before && before.size > 0 && current.size > 0) {
        let fresh = 0;
        for (const s of current) if (!before.has(s)) fresh++;
        value = fresh / current.size;
      }
      out.day.push(days[t]);
      out.quantile.push(q);
      out.turnover.push(value);
    });
  }
  return pl.DataFrame([
    daySeries("date", out.day),
    pl.Series("quantile", out.quantile, pl.Float64).cast(pl.Int32),
    pl.Series("turnover", out.turnover, pl.Float64),
  ]);
}

/** Options of {@link factorRankAutocorrelation}. */
export interface AutocorrelationOptions {
  /** The factor column. Defaults to `factor` (the name `factorData` gives it). */
  factor?: string;
  /** Lag in dates of the calendar. Defaults to 1. */
  period?: number;
  /** The calendar the lag runs on; defaults to the frame's distinct dates. */
  dates?: pl.Series;
}

/**
 * Returns, per date, the Pearson correlation of the symbols' factor ranks (average ranks within
 * the date) with their ranks `period` dates earlier, over the symbols present on both dates:
 * date, autocorrelation (null for the first `period` dates and below two common symbols). High
 * values mean a slow-moving ranking and low turnover.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { factorRankAutocorrelation } from "@lib/analysis/turnover.ts";
 * const d = (s: string) => new Date(s);
 * const frame = pl.DataFrame({ symbol: ["a", "b", "c", "a", "b", "c"], factor: [1, 2, 3, 30, 20, 10],
 *   date: [d("2020-01-01"), d("2020-01-01"), d("2020-01-01"), d("2020-01-02"), d("2020-01-02"), d("2020-01-02")] })
 *   .withColumns(pl.col("date").cast(pl.Date));
 * const a = factorRankAutocorrelation(frame).getColumn("autocorrelation").toArray();
 * if (a[0] !== null || a[1] !== -1) throw new Error(a.join());
 * ```
 */
export function factorRankAutocorrelation(
  frame: pl.DataFrame,
  options: AutocorrelationOptions = {},
): pl.DataFrame {
  const { factor = "factor", period = 1 } = options;
  checkPeriod(period);
  for (const c of ["symbol", "date", factor]) {
    if (!frame.columns.includes(c)) throw new Error(`the frame has no "${c}" column`);
  }
  const values = floatValues(frame, factor);
  const symbols = frame.getColumn("symbol").cast(pl.Utf8).toArray() as string[];
  const { days, rows } = byDate(frame, options.dates);
  const ranks = rows.map((r) => {
    const usable = r.filter((i) => Number.isFinite(values[i]));
    const rk = rankAverageInto(Float64Array.from(usable, (i) => values[i]));
    return new Map(usable.map((i, k) => [symbols[i], rk[k]]));
  });
  const out: (number | null)[] = ranks.map((current, t) => {
    if (t < period) return null;
    const before = ranks[t - period];
    const x: number[] = [];
    const y: number[] = [];
    for (const [s, r] of current) {
      const b = before.get(s);
      if (b !== undefined) {
        x.push(r);
        y.push(b);
      }
    }
    const c = pearson(x, y);
    return Number.isNaN(c) ? null : c;
  });
  return pl.DataFrame([daySeries("date", days), pl.Series("autocorrelation", out, pl.Float64)]);
}
