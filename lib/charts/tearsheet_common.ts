/**
 * What the tear-sheet chart files share: series names, input checks, rebased wealth and the
 * date helpers of the rolling charts.
 * @internal
 * @module
 */
import type { ReturnSeries } from "../performance/relative.ts";

/** Milliseconds in a day: day numbers to `Date`. */
export const dayMs = 86_400_000;

/** Returns the `Date` of day number `day`. */
export function dateOf(day: number): Date {
  return new Date(day * dayMs);
}

/** Names of the two series in legends and table columns. */
export interface SeriesNames {
  /** The portfolio's name. Defaults to "strategy". */
  portfolio?: string;
  /** The benchmark's name. Defaults to "benchmark". */
  benchmark?: string;
}

/** Options of the single-series charts. */
export interface SeriesChartOptions {
  /** Chart title. */
  title?: string;
}

/** Returns the names with their defaults; throws when both are the same. */
export function namesOf(names: SeriesNames = {}): Required<SeriesNames> {
  const out = {
    portfolio: names.portfolio ?? "strategy",
    benchmark: names.benchmark ?? "benchmark",
  };
  if (out.portfolio === out.benchmark) {
    throw new Error(`portfolio and benchmark need different names; both are "${out.portfolio}"`);
  }
  return out;
}

/** Throws unless `series` has as many dates as returns and at least one. */
export function checkSeries(series: ReturnSeries, what: string): void {
  if (series.dates.length !== series.returns.length) {
    throw new Error(
      `${what} has ${series.dates.length} dates but ${series.returns.length} returns`,
    );
  }
  if (series.dates.length === 0) throw new Error(`${what} has no dates`);
}

/** Returns wealth rebased to 100 before the first return. */
export function rebased(returns: Float64Array): Float64Array {
  const out = new Float64Array(returns.length);
  let w = 100;
  for (let t = 0; t < returns.length; t++) out[t] = w *= 1 + returns[t];
  return out;
}

/** Returns the finite values of `values` as chart points dated by `dates`. */
export function finitePoints(
  dates: Float64Array,
  values: Float64Array,
): { date: Date; value: number }[] {
  const out: { date: Date; value: number }[] = [];
  for (let t = 0; t < values.length; t++) {
    if (Number.isFinite(values[t])) out.push({ date: dateOf(dates[t]), value: values[t] });
  }
  return out;
}

/** The whole series' date span, so a chart lines up with the equity chart above it. */
export function dateDomain(dates: Float64Array): [Date, Date] {
  return [dateOf(dates[0]), dateOf(dates[dates.length - 1])];
}
