/**
 * Returns compounded by calendar month and year (UTC dates of day numbers), as empyrical's
 * `aggregate_returns(returns, "monthly" | "yearly")`.
 * @module
 */
import type { ReturnSeries } from "./relative.ts";
import { checkFinite } from "./options.ts";

const msPerDay = 86_400_000;

/** The compounded return of one calendar month. */
export interface MonthlyReturn {
  /** Calendar year. */
  year: number;
  /** Month, 1 (January) to 12. */
  month: number;
  /** `prod(1 + r) - 1` over the month's periods. */
  return: number;
}

/**
 * Returns the compounded return of each calendar month that has a period, in time order.
 *
 * @example
 * ```ts
 * import { monthlyReturns } from "@lib/performance/calendar.ts";
 * // 2020-01-30, 2020-01-31, 2020-02-03
 * const m = monthlyReturns({ dates: new Float64Array([18291, 18292, 18295]), returns: new Float64Array([0.1, 0.1, -0.5]) });
 * if (m.length !== 2 || Math.abs(m[0].return - 0.21) > 1e-12 || m[1].month !== 2) throw new Error();
 * ```
 */
export function monthlyReturns(series: ReturnSeries): MonthlyReturn[] {
  const { dates, returns } = series;
  checkFinite(returns);
  if (dates.length !== returns.length) {
    throw new Error(`series has ${dates.length} dates but ${returns.length} returns`);
  }
  const out: MonthlyReturn[] = [];
  let current: MonthlyReturn | undefined;
  let wealth = 1;
  for (let t = 0; t < dates.length; t++) {
    const d = new Date(dates[t] * msPerDay);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    if (!current || current.year !== year || current.month !== month) {
      if (current) current.return = wealth - 1;
      current = { year, month, return: 0 };
      out.push(current);
      wealth = 1;
    }
    wealth *= 1 + returns[t];
  }
  if (current) current.return = wealth - 1;
  return out;
}

/** Returns the compounded return of each calendar year that has a period, in time order. */
export function yearlyReturns(series: ReturnSeries): { year: number; return: number }[] {
  const out: { year: number; return: number }[] = [];
  for (const m of monthlyReturns(series)) {
    const last = out[out.length - 1];
    if (last && last.year === m.year) last.return = (1 + last.return) * (1 + m.return) - 1;
    else out.push({ year: m.year, return: m.return });
  }
  return out;
}
