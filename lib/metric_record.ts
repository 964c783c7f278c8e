/**
 * Turning result tables into the flat `name -> number` records MLflow logs.
 * @module
 */
import type pl from "nodejs-polars";

/**
 * Returns one entry per row and column of `frame`, named by `name(row, column)`, keeping only
 * finite numbers (MLflow refuses NaN and infinities). `columns` defaults to every column.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { metricRecord } from "@lib/metric_record.ts";
 * const t = pl.DataFrame({ model: ["ols", "tree"], rmse: [0.1, NaN] });
 * const m = metricRecord(t, (r, c) => `${r.model}_${c}`, ["rmse"]);
 * if (JSON.stringify(m) !== '{"ols_rmse":0.1}') throw new Error(JSON.stringify(m));
 * ```
 */
export function metricRecord(
  frame: pl.DataFrame,
  name: (row: Record<string, unknown>, column: string) => string,
  columns: readonly string[] = frame.columns,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of frame.toRecords() as Record<string, unknown>[]) {
    for (const column of columns) {
      const value = row[column];
      if (typeof value === "number" && Number.isFinite(value)) out[name(row, column)] = value;
    }
  }
  return out;
}

/**
 * Returns `text` as a metric-name slug: lower case, every run of characters other than `a-z`
 * and `0-9` one `_`, no `_` at either end (a tear-sheet statistic's label as a metric name).
 *
 * @example
 * ```ts
 * import { metricSlug } from "@lib/metric_record.ts";
 * if (metricSlug("Sharpe ratio (annual)") !== "sharpe_ratio_annual") throw new Error();
 * ```
 */
export function metricSlug(text: unknown): string {
  return String(text).toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
}

/**
 * Returns `symbol` safe inside a metric name: every character other than a word character, `.`
 * and `-` becomes `_`, one for one; case is kept.
 *
 * @example
 * ```ts
 * import { metricSymbol } from "@lib/metric_record.ts";
 * if (metricSymbol("BRK/B") !== "BRK_B") throw new Error();
 * ```
 */
export function metricSymbol(symbol: unknown): string {
  return String(symbol).replace(/[^\w.-]/g, "_");
}
