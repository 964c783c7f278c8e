/**
 * Views of a {@link QualityReport}: a table per rule, failures by symbol, flat metrics for
 * MLflow, a JSON document for the run's artifacts, and the check that stops a step on rules whose
 * policy is `fail`.
 * @module
 */
import pl from "nodejs-polars";
import { writeFileAtomic } from "../parquet.ts";
import { DataError } from "../errors.ts";
import type { QualityReport } from "./check.ts";

/**
 * Returns one row per rule: `rule`, `policy`, `failures`, `symbols`, `action`, `example`,
 * `description`, in the order the rules ran.
 */
export function ruleTable(report: QualityReport): pl.DataFrame {
  const r = report.rules;
  return pl.DataFrame({
    rule: r.map((s) => s.rule),
    policy: r.map((s) => s.policy),
    failures: pl.Series("failures", r.map((s) => s.failures), pl.Int64),
    symbols: pl.Series("symbols", r.map((s) => s.symbols), pl.Int64),
    action: r.map((s) => s.action),
    example: pl.Series("example", r.map((s) => s.example), pl.Utf8),
    description: r.map((s) => s.description),
  });
}

/** Returns failing rows counted by `symbol`, `rule` and `action` (sorted), as `failures`. */
export function failuresBySymbol(report: QualityReport): pl.DataFrame {
  return report.issues.groupBy(["symbol", "rule", "action"])
    .agg(pl.len().cast(pl.Int64).alias("failures"))
    .sort(["symbol", "rule"]);
}

/** The headline counts of a report. */
export interface QualityTotals {
  /** Rows in the input. */
  readonly rowsChecked: number;
  /** Symbols in the input. */
  readonly symbolsChecked: number;
  /** Rows in the output. */
  readonly rowsKept: number;
  /** Rows dropped by `exclude` rules (input rows minus output rows). */
  readonly rowsDropped: number;
  /** Symbols with no row left. */
  readonly symbolsDropped: number;
  /** Row repairs made by `fix` rules (a row repaired by two rules counts twice). */
  readonly fixes: number;
  /** Rows kept with a warning. */
  readonly warnings: number;
  /** Rows failing rules whose policy is `fail`. */
  readonly failures: number;
}

/** Returns the headline counts of `report`. */
export function qualityTotals(report: QualityReport): QualityTotals {
  const sum = (policy: string) =>
    report.rules.filter((r) => r.policy === policy).reduce((n, r) => n + r.failures, 0);
  return {
    rowsChecked: report.rowsChecked,
    symbolsChecked: report.symbolsChecked,
    rowsKept: report.rowsKept,
    rowsDropped: report.rowsChecked - report.rowsKept,
    symbolsDropped: report.symbolsChecked - report.symbolsKept,
    fixes: sum("fix"),
    warnings: sum("warn"),
    failures: sum("fail"),
  };
}

/**
 * Returns the report as flat numeric metrics for MLflow: `<prefix>rows_checked`, `rows_kept`,
 * `rows_dropped`, `symbols_checked`, `symbols_dropped`, `fixes`, `warnings`, `failures`, and
 * `<prefix>rule_<rule>` (failing rows) for every rule. `prefix` defaults to `quality_`.
 *
 * @example
 * ```ts
 * import { parseBarsCsv } from "@lib/data/csv.ts";
 * import { checkBars } from "@lib/data/quality/check.ts";
 * import { qualityMetrics } from "@lib/data/quality/report.ts";
 * const bars = parseBarsCsv("symbol,date,open,high,low,close,volume\nA,2024-01-02,1,1,1,1,-1\n", "t");
 * const m = qualityMetrics(checkBars(bars, { min_history: { minRows: 1 } }).report);
 * if (m.quality_rows_dropped !== 1 || m.quality_rule_non_negative_volume !== 1) throw new Error();
 * ```
 */
export function qualityMetrics(report: QualityReport, prefix = "quality_"): Record<string, number> {
  const t = qualityTotals(report);
  const metrics: Record<string, number> = {
    [`${prefix}rows_checked`]: t.rowsChecked,
    [`${prefix}rows_kept`]: t.rowsKept,
    [`${prefix}rows_dropped`]: t.rowsDropped,
    [`${prefix}symbols_checked`]: t.symbolsChecked,
    [`${prefix}symbols_dropped`]: t.symbolsDropped,
    [`${prefix}fixes`]: t.fixes,
    [`${prefix}warnings`]: t.warnings,
    [`${prefix}failures`]: t.failures,
  };
  for (const r of report.rules) metrics[`${prefix}rule_${r.rule}`] = r.failures;
  return metrics;
}

/** A JSON-ready report: totals, rules and every failing row with ISO dates. */
export interface QualityReportJson {
  /** The file or source checked. */
  readonly origin: string;
  /** Headline counts. */
  readonly totals: QualityTotals;
  /** One entry per rule. */
  readonly rules: QualityReport["rules"];
  /** Every failing row. */
  readonly issues: { symbol: string; date: string; rule: string; action: string }[];
}

/** Returns `report` as plain JSON-ready data. */
export function qualityReportJson(report: QualityReport): QualityReportJson {
  const issues = (report.issues.toRecords() as Record<string, unknown>[]).map((r) => ({
    symbol: String(r.symbol),
    date: r.date instanceof Date ? r.date.toISOString().slice(0, 10) : String(r.date),
    rule: String(r.rule),
    action: String(r.action),
  }));
  return { origin: report.origin, totals: qualityTotals(report), rules: report.rules, issues };
}

/**
 * Writes `reports` (keyed by dataset, e.g. `daily`, `benchmark`) as one JSON file at `path`,
 * atomically, and returns `path`.
 */
export async function writeQualityReports(
  reports: Readonly<Record<string, QualityReport>>,
  path: string,
): Promise<string> {
  const json = Object.fromEntries(
    Object.entries(reports).map(([name, report]) => [name, qualityReportJson(report)]),
  );
  await writeFileAtomic(path, (temp) => Deno.writeTextFile(temp, JSON.stringify(json, null, 2)));
  return path;
}

/**
 * Throws a {@link DataError} naming the report's origin and every rule with policy `fail` that
 * has failing rows; returns quietly otherwise.
 */
export function assertNoFailures(report: QualityReport): void {
  const failed = report.rules.filter((r) => r.policy === "fail" && r.failures > 0);
  if (failed.length === 0) return;
  const lines = failed.map((r) => `${r.rule}: ${r.failures} failing row(s), first ${r.example}`);
  throw new DataError(report.origin, `data quality failed: ${lines.join("; ")}`);
}
