/**
 * Monthly Fama-French factors: the bundled `data/sample/ff_factors_monthly.csv` (month
 * `YYYY-MM`, mkt_rf, smb, hml, rf as decimals, from the Kenneth R. French Data Library).
 * @module
 */
import { readFileSync } from "node:fs";
import pl from "nodejs-polars";
import { projectPath } from "../paths.ts";

/** The factor columns of the Fama-French 3-factor file, in order. */
export const FF3_COLUMNS = ["mkt_rf", "smb", "hml", "rf"] as const;

/** Path of the bundled monthly Fama-French factors. */
export const FF_MONTHLY_PATH: string = projectPath("data", "sample", "ff_factors_monthly.csv");

/**
 * Returns the factors in CSV text `date,mkt_rf,smb,hml,rf` (date `YYYY-MM`, decimals) as a frame
 * month (text `YYYY-MM`), mkt_rf, smb, hml, rf (Float64), sorted by month. Throws on a missing
 * column, a malformed month, a repeated month or a non-numeric value.
 *
 * @example
 * ```ts
 * import { parseFamaFrench } from "@lib/analysis/fama_french.ts";
 * const ff = parseFamaFrench("date,mkt_rf,smb,hml,rf\n1926-07,0.0296,-0.023,-0.0287,0.0022\n");
 * if (ff.getColumn("month").get(0) !== "1926-07" || ff.getColumn("rf").get(0) !== 0.0022) throw new Error("wrong");
 * ```
 */
export function parseFamaFrench(text: string): pl.DataFrame {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length === 0) throw new Error("the Fama-French CSV is empty");
  const header = lines[0].split(",").map((h) => h.trim());
  const index = ["date", ...FF3_COLUMNS].map((c) => {
    const i = header.indexOf(c);
    if (i < 0) throw new Error(`the Fama-French CSV has no "${c}" column (header: ${lines[0]})`);
    return i;
  });
  const month: string[] = [];
  const values: number[][] = FF3_COLUMNS.map(() => []);
  const seen = new Set<string>();
  lines.slice(1).forEach((line, row) => {
    const cells = line.split(",");
    const m = cells[index[0]]?.trim() ?? "";
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) {
      throw new Error(`Fama-French CSV line ${row + 2}: date "${m}" is not YYYY-MM`);
    }
    if (seen.has(m)) throw new Error(`Fama-French CSV line ${row + 2}: month ${m} repeats`);
    seen.add(m);
    month.push(m);
    FF3_COLUMNS.forEach((c, k) => {
      const v = Number(cells[index[k + 1]]);
      if (
        cells[index[k + 1]] === undefined || cells[index[k + 1]].trim() === "" ||
        !Number.isFinite(v)
      ) {
        throw new Error(
          `Fama-French CSV line ${row + 2}: ${c} "${cells[index[k + 1]]}" is not a number`,
        );
      }
      values[k].push(v);
    });
  });
  return pl.DataFrame([
    pl.Series("month", month, pl.Utf8),
    ...FF3_COLUMNS.map((c, k) => pl.Series(c, values[k], pl.Float64)),
  ]).sort("month");
}

/** Returns the monthly factors read from `path` (the bundled file by default); see {@link parseFamaFrench}. */
export function loadFamaFrench(path: string = FF_MONTHLY_PATH): pl.DataFrame {
  return parseFamaFrench(readFileSync(path, "utf8"));
}
