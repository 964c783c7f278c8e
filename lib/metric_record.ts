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
