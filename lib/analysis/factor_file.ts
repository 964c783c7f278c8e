/**
 * A factor file as the regressions use it: the file's own rows as a frame, what it holds
 * (frequency, model, first and last period) and its monthly factors, daily files compounded to
 * calendar months.
 * @module
 */
import { readFileSync } from "node:fs";
import pl from "nodejs-polars";
import { projectPath } from "../paths.ts";
import { FF_MONTHLY_PATH } from "./fama_french.ts";
import { parseFactorCsv } from "./french_csv.ts";
import type { FactorFileModel, FactorFrequency, ParsedFactors } from "./french_csv.ts";

/**
 * Fewest days a month needs to count, for a daily factor file's rows and for a stock's daily
 * returns alike (partial first and last months are left out).
 */
export const MIN_FACTOR_DAYS = 15;

/** A factor file, read. */
export interface FactorFile {
  /** Where it was read from (project-relative when given so), or `the bundled file`. */
  source: string;
  /** `monthly` or `daily`. */
  frequency: FactorFrequency;
  /** `ff5` when the file has RMW and CMA, else `ff3`. */
  model: FactorFileModel;
  /** Factor columns without rf: mkt_rf, smb, hml (then rmw, cma). */
  factors: string[];
  /** First and last period of the file: `YYYY-MM` (monthly) or `YYYY-MM-DD` (daily). */
  first: string;
  /** Last period of the file. */
  last: string;
  /**
   * The file's rows: `month` (`YYYY-MM` text) for a monthly file or `date` (polars Date) for a
   * daily one, then the factors and `rf` as decimals (Float64, null where the file marks a value
   * missing).
   */
  frame: pl.DataFrame;
  /**
   * Monthly factors, the frame the regressions take: month (`YYYY-MM`), the factors and rf. A
   * daily file compounded per calendar month (see {@link monthlyFactors}).
   */
  monthly: pl.DataFrame;
  /** One line for the page: model, frequency, range and source. */
  description: string;
}

/** Options of {@link factorFileFromText} and {@link loadFactorFile}. */
export interface FactorFileOptions {
  /** Months of a daily file with fewer rows are left out. Defaults to {@link MIN_FACTOR_DAYS}. */
  minDays?: number;
  /** Named in the description and errors. Defaults to `the factor file`. */
  source?: string;
}

/** Returns a Float64 series with null where `values` is NaN (a missing value in the file). */
function nullable(name: string, values: Float64Array): pl.Series {
  const out: (number | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number.isNaN(values[i]) ? null : values[i];
  return pl.Series(name, out, pl.Float64);
}

/**
 * Returns one row per calendar month of daily factors: month (`YYYY-MM`), each factor and rf.
 * rf, SMB, HML, RMW and CMA compound as prod(1 + r) - 1 over the month's rows; the market's
 * excess return compounds the market's own return and subtracts the month's rf,
 * prod(1 + mkt_rf + rf) - prod(1 + rf), as Ken French's monthly Mkt-RF is the month's market
 * return less the month's bill rate. A month with fewer than `minDays` rows is left out, as for a
 * stock's daily returns; a month with a missing value in a column is null in that column.
 *
 * @example
 * ```ts
 * import { monthlyFactors } from "@lib/analysis/factor_file.ts";
 * const dates = ["2020-01-02", "2020-01-03"];
 * const v = (a: number, b: number) => Float64Array.from([a, b]);
 * const m = monthlyFactors({ frequency: "daily", model: "ff3", layout: "french", factors: ["mkt_rf", "smb", "hml"], dates,
 *   values: { mkt_rf: v(0.01, 0.02), smb: v(0.1, 0.1), hml: v(0, 0), rf: v(0, 0) } }, 2);
 * if (Math.abs(m.getColumn("smb").get(0) - 0.21) > 1e-12) throw new Error("wrong");
 * ```
 */
export function monthlyFactors(parsed: ParsedFactors, minDays = MIN_FACTOR_DAYS): pl.DataFrame {
  const columns = [...parsed.factors, "rf"];
  if (parsed.frequency === "monthly") {
    return pl.DataFrame([
      pl.Series("month", parsed.dates, pl.Utf8),
      ...columns.map((c) => nullable(c, parsed.values[c])),
    ]);
  }
  const months: string[] = [];
  const out: number[][] = columns.map(() => []);
  const rf = parsed.values.rf;
  const mkt = parsed.values.mkt_rf;
  let from = 0;
  while (from < parsed.dates.length) {
    const month = parsed.dates[from].slice(0, 7);
    let to = from;
    while (to < parsed.dates.length && parsed.dates[to].startsWith(month)) to++;
    if (to - from >= minDays) {
      months.push(month);
      let growRf = 1;
      let growMarket = 1;
      for (let i = from; i < to; i++) {
        growRf *= 1 + rf[i];
        growMarket *= 1 + mkt[i] + rf[i];
      }
      columns.forEach((c, k) => {
        if (c === "rf") return out[k].push(growRf - 1);
        if (c === "mkt_rf") return out[k].push(growMarket - growRf);
        let grow = 1;
        for (let i = from; i < to; i++) grow *= 1 + parsed.values[c][i];
        out[k].push(grow - 1);
      });
    }
    from = to;
  }
  return pl.DataFrame([
    pl.Series("month", months, pl.Utf8),
    ...columns.map((c, k) => nullable(c, Float64Array.from(out[k]))),
  ]);
}

/**
 * Returns the factor file in `text` (Ken French's layout or the bundled decimal one, see
 * `parseFactorCsv`) with its monthly factors. Throws naming the source, the line and the problem.
 *
 * @example
 * ```ts
 * import { factorFileFromText } from "@lib/analysis/factor_file.ts";
 * const f = factorFileFromText(",Mkt-RF,SMB,HML,RMW,CMA,RF\n196307,-0.39,-0.44,-0.89,0.68,-1.23,0.27\n");
 * if (f.model !== "ff5" || f.monthly.getColumn("cma").get(0) !== -0.0123) throw new Error(f.description);
 * ```
 */
export function factorFileFromText(text: string, options: FactorFileOptions = {}): FactorFile {
  const { source = "the factor file", minDays = MIN_FACTOR_DAYS } = options;
  let parsed: ParsedFactors;
  try {
    parsed = parseFactorCsv(text);
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message}`, { cause: error });
  }
  const columns = [...parsed.factors, "rf"];
  const frame = parsed.frequency === "monthly"
    ? pl.DataFrame([
      pl.Series("month", parsed.dates, pl.Utf8),
      ...columns.map((c) => nullable(c, parsed.values[c])),
    ])
    : pl.DataFrame([
      pl.Series("date", parsed.dates, pl.Utf8).str.strptime(pl.Date, "%Y-%m-%d"),
      ...columns.map((c) => nullable(c, parsed.values[c])),
    ]);
  const monthly = monthlyFactors(parsed, minDays);
  const first = parsed.dates[0];
  const last = parsed.dates[parsed.dates.length - 1];
  const model = parsed.model.toUpperCase();
  return {
    source,
    frequency: parsed.frequency,
    model: parsed.model,
    factors: parsed.factors,
    first,
    last,
    frame,
    monthly,
    description: `Factors: ${model} ${parsed.frequency}, ${first}..${last}, from ${source}` +
      (parsed.frequency === "daily"
        ? ` (compounded to ${monthly.height} months of at least ${minDays} days).`
        : "."),
  };
}

/**
 * Returns the factor file at `path` (relative to the project folder), or the bundled monthly
 * FF3 file (`data/sample/ff_factors_monthly.csv`, 1926-07..2018-11) when `path` is unset; see
 * {@link factorFileFromText}.
 *
 * @example
 * ```ts
 * import { loadFactorFile } from "@lib/analysis/factor_file.ts";
 * const ff = loadFactorFile();
 * if (ff.model !== "ff3" || ff.first !== "1926-07" || ff.last !== "2018-11") throw new Error(ff.description);
 * ```
 */
export function loadFactorFile(
  path?: string,
  options: Omit<FactorFileOptions, "source"> = {},
): FactorFile {
  const source = path ?? "the bundled file (data/sample/ff_factors_monthly.csv)";
  const file = path === undefined ? FF_MONTHLY_PATH : projectPath(path);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`factor file "${source}" cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return factorFileFromText(text, { ...options, source });
}
