/**
 * How much of a return series a factor file covers, said in words for the page and in numbers
 * for MLflow: a regression over months the factors do not cover is skipped and reported, never
 * an error, and a partly covered series is fitted on the overlap.
 * @module
 */

/** `full`: every month with a return has factors; `partial`: the overlap is fitted; `skipped`: no fit. */
export type CoverageStatus = "full" | "partial" | "skipped";

/** The months of one regression against the months of the factors. */
export interface FactorCoverage {
  /** Whether the fit used every month, the overlap only, or was skipped. */
  status: CoverageStatus;
  /** First month with every factor the model needs, or null when there is none. */
  factorFirst: string | null;
  /** Last such month. */
  factorLast: string | null;
  /** First month with a return, or null when there is none. */
  dataFirst: string | null;
  /** Last month with a return. */
  dataLast: string | null;
  /** Months with a return. */
  dataMonths: number;
  /** Months with a return and every factor. */
  overlap: number;
  /** Months in the fit: the overlap, or 0 when skipped. */
  monthsUsed: number;
  /** First month of the overlap, or null when there is none. */
  usedFirst: string | null;
  /** Last month of the overlap. */
  usedLast: string | null;
  /**
   * The sentence for the page, e.g. `skipped: the factor file covers 1926-07..2018-11; the data
   * runs 2019-01..2024-12`.
   */
  note: string;
  /** The note without the factor range, for a list of many series that names it once. */
  reason: string;
}

/** What {@link factorCoverage} compares. */
export interface CoverageInput {
  /** Months with a return, ascending. */
  dataMonths: readonly string[];
  /** Months with a return and every factor, ascending. */
  usedMonths: readonly string[];
  /** First and last month of the factors the model needs, or null when they have none. */
  factorRange: readonly [string, string] | null;
  /** Fewest months a fit needs (coefficients + 1). */
  needed: number;
  /** Model name, in the note. */
  model: string;
}

/** `a..b`, or `no months`. */
function span(first: string | null, last: string | null): string {
  return first === null ? "no months" : `${first}..${last}`;
}

/**
 * Returns the coverage of a regression and its note: skipped when fewer than `needed` months
 * have both a return and the factors, partial when some months with a return have no factors.
 *
 * @example
 * ```ts
 * import { factorCoverage } from "@lib/analysis/factor_coverage.ts";
 * const c = factorCoverage({ dataMonths: ["2019-01", "2019-02"], usedMonths: [],
 *   factorRange: ["1926-07", "2018-11"], needed: 5, model: "ff3" });
 * if (c.note !== "skipped: the factor file covers 1926-07..2018-11; the data runs 2019-01..2019-02") throw new Error(c.note);
 * ```
 */
export function factorCoverage(input: CoverageInput): FactorCoverage {
  const { dataMonths, usedMonths, factorRange, needed, model } = input;
  const dataFirst = dataMonths.length > 0 ? dataMonths[0] : null;
  const dataLast = dataMonths.length > 0 ? dataMonths[dataMonths.length - 1] : null;
  const [factorFirst, factorLast] = factorRange ?? [null, null];
  const overlap = usedMonths.length;
  const usedFirst = overlap > 0 ? usedMonths[0] : null;
  const usedLast = overlap > 0 ? usedMonths[overlap - 1] : null;
  const status: CoverageStatus = dataMonths.length === 0 || overlap < needed
    ? "skipped"
    : overlap < dataMonths.length
    ? "partial"
    : "full";
  const [note, reason] = describe({
    status,
    factors: `the factor file covers ${span(factorFirst, factorLast)}`,
    data: `the data runs ${span(dataFirst, dataLast)}`,
    used: span(usedFirst, usedLast),
    overlap,
    dataMonths: dataMonths.length,
    needed,
    model,
  });
  return {
    status,
    factorFirst,
    factorLast,
    dataFirst,
    dataLast,
    dataMonths: dataMonths.length,
    overlap,
    monthsUsed: status === "skipped" ? 0 : overlap,
    usedFirst,
    usedLast,
    note,
    reason,
  };
}

/** The note and the reason (the note without the factor range) of a coverage. */
function describe(c: {
  status: CoverageStatus;
  factors: string;
  data: string;
  used: string;
  overlap: number;
  dataMonths: number;
  needed: number;
  model: string;
}): [string, string] {
  const months = `${c.overlap} month${c.overlap === 1 ? "" : "s"}`;
  if (c.dataMonths === 0) return ["skipped: no monthly returns", "no monthly returns"];
  if (c.overlap === 0) return [`skipped: ${c.factors}; ${c.data}`, c.data];
  if (c.status === "skipped") {
    return [
      `skipped: only ${months} overlap (${c.factors}; ${c.data}), fewer than the ${c.needed} ` +
      `the ${c.model} model needs`,
      `only ${months} overlap (${c.data})`,
    ];
  }
  if (c.status === "partial") {
    const used = `${c.overlap} of ${c.dataMonths} months used`;
    return [`partial: ${used} (${c.used}); ${c.factors}; ${c.data}`, `${used}, ${c.data}`];
  }
  return [`all ${months} used (${c.used}); ${c.factors}`, `all ${months} used`];
}

/**
 * Returns the metrics of one or more regressions' coverage: `factor_months_used` (months fitted,
 * summed over the series), `factor_coverage` (that over the months with a return: 1 when the
 * factors cover everything, 0 when nothing was fitted) and `factor_skipped` (series not fitted).
 *
 * @example
 * ```ts
 * import { factorCoverage, factorCoverageMetrics } from "@lib/analysis/factor_coverage.ts";
 * const c = factorCoverage({ dataMonths: ["2018-10", "2018-11", "2018-12", "2019-01"], usedMonths: ["2018-10", "2018-11"],
 *   factorRange: ["1926-07", "2018-11"], needed: 2, model: "capm" });
 * const m = factorCoverageMetrics([c]);
 * if (m.factor_coverage !== 0.5 || m.factor_months_used !== 2 || m.factor_skipped !== 0) throw new Error(JSON.stringify(m));
 * ```
 */
export function factorCoverageMetrics(
  coverages: readonly FactorCoverage[],
): Record<string, number> {
  let used = 0;
  let months = 0;
  let skipped = 0;
  for (const c of coverages) {
    used += c.monthsUsed;
    months += c.dataMonths;
    if (c.status === "skipped") skipped++;
  }
  return {
    factor_months_used: used,
    factor_coverage: months === 0 ? 0 : used / months,
    factor_skipped: skipped,
  };
}

/** How many names {@link coverageSummary} lists per status before "and N more". */
const LISTED = 5;

/**
 * Returns one Markdown paragraph on the coverage of many series (`name`: its coverage), e.g.
 * `Factor regressions: 8 of 10 stocks fully covered; 2 skipped (AAA: the data runs 2019-01..2024-12, ...)`.
 * At most five names are listed per status, so the line stays short at thousands of symbols.
 *
 * @example
 * ```ts
 * import { coverageSummary, factorCoverage } from "@lib/analysis/factor_coverage.ts";
 * const full = factorCoverage({ dataMonths: ["2010-01", "2010-02"], usedMonths: ["2010-01", "2010-02"],
 *   factorRange: ["1926-07", "2018-11"], needed: 2, model: "capm" });
 * const line = coverageSummary([["a", full], ["b", full]], "stocks");
 * if (line !== "Factor regressions: all 2 stocks fully covered by the factor file (1926-07..2018-11).") throw new Error(line);
 * ```
 */
export function coverageSummary(
  series: readonly (readonly [string, FactorCoverage])[],
  noun = "series",
): string {
  const range = series.find(([, c]) => c.factorFirst !== null)?.[1];
  const factors = range ? `${range.factorFirst}..${range.factorLast}` : "no months";
  const of = (status: CoverageStatus) => series.filter(([, c]) => c.status === status);
  const full = of("full").length;
  if (full === series.length) {
    return `Factor regressions: all ${full} ${noun} fully covered by the factor file (${factors}).`;
  }
  const list = (rows: readonly (readonly [string, FactorCoverage])[]) => {
    const shown = rows.slice(0, LISTED).map(([name, c]) => `${name}: ${c.reason}`).join("; ");
    return rows.length > LISTED ? `${shown}; and ${rows.length - LISTED} more` : shown;
  };
  const parts = [
    `${full} of ${series.length} ${noun} fully covered by the factor file (${factors})`,
  ];
  const partial = of("partial");
  if (partial.length > 0) parts.push(`${partial.length} fitted on the overlap (${list(partial)})`);
  const skipped = of("skipped");
  if (skipped.length > 0) parts.push(`${skipped.length} skipped (${list(skipped)})`);
  return `Factor regressions: ${parts.join("; ")}.`;
}
