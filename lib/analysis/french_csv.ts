/**
 * Reading factor returns in Ken French's CSV layout as downloaded from his data library (a few
 * description lines, a header row `,Mkt-RF,SMB,HML,RF` or `,Mkt-RF,SMB,HML,RMW,CMA,RF`, a block of
 * `YYYYMM` or `YYYYMMDD` rows in percent, and in monthly files an annual block after a blank
 * line), or in the workspace's own decimal layout (`date,mkt_rf,smb,hml,rf`, date `YYYY-MM`, the
 * bundled file's). Pure text to typed arrays, without polars, so that the step parameter schemas
 * can check a factor file before anything runs.
 * @module
 */

/** How often a factor file has a row: `monthly` (`YYYYMM` dates) or `daily` (`YYYYMMDD`). */
export type FactorFrequency = "monthly" | "daily";

/** Which Fama-French model a file's columns support: `ff3`, or `ff5` with RMW and CMA. */
export type FactorFileModel = "ff3" | "ff5";

/** The factor columns a file can hold, in Ken French's order, under their workspace names. */
const FRENCH_NAMES: Readonly<Record<string, string>> = {
  "mkt-rf": "mkt_rf",
  "smb": "smb",
  "hml": "hml",
  "rmw": "rmw",
  "cma": "cma",
  "rf": "rf",
};

/** Ken French's markers of a missing value. */
const MISSING = new Set([-99.99, -999]);

/** A factor file, parsed: dates and one decimal column per factor (NaN where missing). */
export interface ParsedFactors {
  /** `monthly` or `daily`, from the width of the dates. */
  frequency: FactorFrequency;
  /** `ff5` when the header has RMW and CMA, else `ff3`. */
  model: FactorFileModel;
  /** `french` (percent, `YYYYMM[DD]` dates) or `decimal` (the bundled layout). */
  layout: "french" | "decimal";
  /** Factor columns without rf, in file order: mkt_rf, smb, hml (then rmw, cma). */
  factors: string[];
  /** Dates in ascending order: `YYYY-MM` (monthly) or `YYYY-MM-DD` (daily). */
  dates: string[];
  /** Decimal returns by column (the factors and `rf`), NaN where the file marks a value missing. */
  values: Record<string, Float64Array>;
}

/**
 * Returns `text` (a number in percent, as written) divided by 100 by moving its decimal point,
 * so `2.96` reads as the double nearest 0.0296, exactly as a decimal file would have it (`/ 100`
 * can be one unit in the last place off).
 */
function percentToDecimal(text: string): number {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return Number(text) / 100;
  const [, sign, whole, fraction = ""] = m;
  const digits = whole + fraction;
  const point = whole.length - 2;
  const shifted = point <= 0
    ? `0.${"0".repeat(-point)}${digits}`
    : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return Number(`${sign}${shifted}`);
}

/** Returns a `YYYYMM` or `YYYYMMDD` cell as `YYYY-MM[-DD]`, or undefined when not a calendar date. */
function isoDate(cell: string): string | undefined {
  const year = Number(cell.slice(0, 4));
  const month = Number(cell.slice(4, 6));
  if (month < 1 || month > 12) return undefined;
  const ym = `${cell.slice(0, 4)}-${cell.slice(4, 6)}`;
  if (cell.length === 6) return ym;
  const day = Number(cell.slice(6, 8));
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= last ? `${ym}-${cell.slice(6, 8)}` : undefined;
}

/** Reads the data block after a Ken French header on line `at` (0-based). */
function readFrench(lines: string[], at: number): ParsedFactors {
  const header = lines[at].split(",").map((h) => h.trim().toLowerCase());
  const columns = header.map((h) => FRENCH_NAMES[h]);
  for (const need of ["mkt-rf", "smb", "hml", "rf"]) {
    if (!header.includes(need)) {
      throw new Error(
        `line ${at + 1}: the header "${lines[at].trim()}" has no ${need.toUpperCase()} column ` +
          "(expected ,Mkt-RF,SMB,HML,RF or ,Mkt-RF,SMB,HML,RMW,CMA,RF)",
      );
    }
  }
  const hasRmw = header.includes("rmw");
  if (hasRmw !== header.includes("cma")) {
    throw new Error(
      `line ${at + 1}: the header has ${hasRmw ? "RMW without CMA" : "CMA without RMW"}`,
    );
  }
  const named = columns.flatMap((c, i) => (c ? [[c, i] as const] : []));
  const dates: string[] = [];
  const raw: number[][] = named.map(() => []);
  let width = 0;
  for (let i = at + 1; i < lines.length; i++) {
    const cells = lines[i].split(",");
    const date = cells[0].trim();
    // The block ends at a blank line, the annual block's title or a copyright line, or rows of
    // another width (the annual block's YYYY rows).
    if (!/^\d+$/.test(date) || (width > 0 && date.length !== width)) break;
    if (width === 0) {
      if (date.length !== 6 && date.length !== 8) {
        throw new Error(
          `line ${i + 1}: date "${date}" is neither YYYYMM (monthly) nor YYYYMMDD (daily)`,
        );
      }
      width = date.length;
    }
    const iso = isoDate(date);
    if (!iso) throw new Error(`line ${i + 1}: "${date}" is not a calendar date`);
    if (dates.length > 0 && iso <= dates[dates.length - 1]) {
      throw new Error(`line ${i + 1}: date ${iso} does not come after ${dates[dates.length - 1]}`);
    }
    dates.push(iso);
    named.forEach(([name, k], j) => {
      const cell = cells[k]?.trim() ?? "";
      const v = Number(cell);
      if (cell === "" || !Number.isFinite(v)) {
        throw new Error(`line ${i + 1}: ${name} "${cell}" is not a number`);
      }
      raw[j].push(MISSING.has(v) ? NaN : percentToDecimal(cell));
    });
  }
  if (dates.length === 0) {
    throw new Error(`line ${at + 2}: no YYYYMM or YYYYMMDD rows after the header`);
  }
  const frequency: FactorFrequency = width === 6 ? "monthly" : "daily";
  if (frequency === "daily") {
    const months = new Set(dates.map((d) => d.slice(0, 7))).size;
    // A weekly file also has YYYYMMDD dates; compounding it as days would drop every month.
    if (dates.length / months < 10) {
      throw new Error(
        `the rows are dated YYYYMMDD but average ${(dates.length / months).toFixed(1)} per ` +
          "month (a weekly file?); use the daily or the monthly file",
      );
    }
  }
  const values: Record<string, Float64Array> = {};
  named.forEach(([name], j) => (values[name] = Float64Array.from(raw[j])));
  // Decimals under a Ken French header would silently shrink every factor 100-fold; two years of
  // months (or one of days) without a 1% market move do not happen in percent.
  const enough = frequency === "monthly" ? 24 : 250;
  const largest = values.mkt_rf.reduce((m, v) => (Math.abs(v) > m ? Math.abs(v) : m), 0);
  if (dates.length >= enough && largest < 0.01) {
    throw new Error(
      `Mkt-RF stays within ±${(100 * largest).toFixed(4)} over ${dates.length} rows: the values ` +
        "look like decimals, but Ken French's layout is in percent (2.96 for 2.96%)",
    );
  }
  const factors = named.map(([name]) => name).filter((n) => n !== "rf");
  return {
    frequency,
    model: hasRmw ? "ff5" : "ff3",
    layout: "french",
    factors,
    dates,
    values,
  };
}

/** Reads the workspace's decimal layout: `date,mkt_rf,smb,hml,rf`, date `YYYY-MM`. */
function readDecimal(lines: string[], at: number): ParsedFactors {
  const header = lines[at].split(",").map((h) => h.trim());
  const wanted = ["mkt_rf", "smb", "hml", "rf"];
  const index = ["date", ...wanted].map((c) => {
    const i = header.indexOf(c);
    if (i < 0) throw new Error(`line ${at + 1}: the header has no "${c}" column`);
    return i;
  });
  const dates: string[] = [];
  const raw: number[][] = wanted.map(() => []);
  for (let i = at + 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const cells = lines[i].split(",");
    const date = cells[index[0]]?.trim() ?? "";
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(date)) {
      throw new Error(`line ${i + 1}: date "${date}" is not YYYY-MM`);
    }
    if (dates.length > 0 && date <= dates[dates.length - 1]) {
      throw new Error(`line ${i + 1}: date ${date} does not come after ${dates[dates.length - 1]}`);
    }
    dates.push(date);
    wanted.forEach((name, k) => {
      const cell = cells[index[k + 1]]?.trim() ?? "";
      const v = Number(cell);
      if (cell === "" || !Number.isFinite(v)) {
        throw new Error(`line ${i + 1}: ${name} "${cell}" is not a number`);
      }
      raw[k].push(v);
    });
  }
  if (dates.length === 0) throw new Error("no rows after the header");
  const values: Record<string, Float64Array> = {};
  wanted.forEach((name, k) => (values[name] = Float64Array.from(raw[k])));
  return {
    frequency: "monthly",
    model: "ff3",
    layout: "decimal",
    factors: ["mkt_rf", "smb", "hml"],
    dates,
    values,
  };
}

/**
 * Returns the factors of a CSV in Ken French's layout (the first header row with Mkt-RF and RF
 * starts the block; values in percent become decimals; `-99.99` and `-999` become NaN; a monthly
 * file's annual block is not read) or in the bundled decimal layout. Daily vs monthly comes from
 * the date width, FF3 vs FF5 from the header. Throws naming the line and what is wrong.
 *
 * @example
 * ```ts
 * import { parseFactorCsv } from "@lib/analysis/french_csv.ts";
 * const text = "Made by hand\n\n,Mkt-RF,SMB,HML,RF\n192607,    2.96,   -2.56,   -2.43,    0.22\n" +
 *   "\n Annual Factors: January-December \n,Mkt-RF,SMB,HML,RF\n  1927,   29.47,   -2.04,  -4.54,    3.12\n";
 * const f = parseFactorCsv(text);
 * if (f.frequency !== "monthly" || f.dates.join() !== "1926-07" || f.values.mkt_rf[0] !== 0.0296) throw new Error("wrong");
 * ```
 */
export function parseFactorCsv(text: string): ParsedFactors {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0) throw new Error("the factor file is empty");
  if (/^date\s*,/i.test(lines[first].trim())) return readDecimal(lines, first);
  const header = lines.findIndex((l) => {
    const cells = l.split(",").map((c) => c.trim().toLowerCase());
    return cells.length > 1 && cells[0] === "" && cells.includes("mkt-rf");
  });
  if (header < 0) {
    throw new Error(
      "no header row like ,Mkt-RF,SMB,HML,RF (Ken French's layout) or date,mkt_rf,smb,hml,rf",
    );
  }
  return readFrench(lines, header);
}
