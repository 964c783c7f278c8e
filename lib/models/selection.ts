/**
 * Choosing the champion among candidates evaluated on the same folds.
 * @module
 */
import pl from "nodejs-polars";

/** How candidates are ranked. */
export interface SelectionRule {
  /** A column of the evaluation summary, e.g. `rmse` or `direction_accuracy`. */
  metric: string;
  /** Whether a lower or a higher value wins. */
  direction: "lower" | "higher";
}

/** The chosen candidate and the ranking it came from. */
export interface Selection {
  /** The winning model's name. */
  champion: string;
  /** Its value of the metric. */
  value: number;
  /** Every candidate with its value and rank (1 = best), best first. */
  ranking: pl.DataFrame;
}

/**
 * Returns the candidate of `summary` (one row per model, as `walkForwardEvaluate(...).summary`
 * at one horizon) that is best on `rule`. Ties keep the earlier row; non-finite values rank
 * last. Throws naming an unknown metric, several horizons, or no candidate with a finite value.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { selectChampion } from "@lib/models/selection.ts";
 * const summary = pl.DataFrame({ model: ["ols", "lightgbm"], rmse: [0.031, 0.030] });
 * if (selectChampion(summary, { metric: "rmse", direction: "lower" }).champion !== "lightgbm") throw new Error();
 * ```
 */
export function selectChampion(summary: pl.DataFrame, rule: SelectionRule): Selection {
  if (!summary.columns.includes(rule.metric)) {
    throw new Error(
      `cannot select by "${rule.metric}": the summary has ${summary.columns.join(", ")}`,
    );
  }
  if (summary.columns.includes("horizon") && summary.getColumn("horizon").nUnique() > 1) {
    throw new Error("select a champion per horizon: the summary holds several horizons");
  }
  const models = summary.getColumn("model").toArray() as string[];
  const values = (summary.getColumn(rule.metric).cast(pl.Float64).toArray() as (number | null)[])
    .map((v) => v ?? NaN);
  const sign = rule.direction === "lower" ? 1 : -1;
  const order = models.map((_, i) => i).sort((a, b) => {
    const fa = Number.isFinite(values[a]);
    const fb = Number.isFinite(values[b]);
    if (fa !== fb) return fa ? -1 : 1;
    return fa ? sign * (values[a] - values[b]) || a - b : a - b;
  });
  const best = order[0];
  if (best === undefined || !Number.isFinite(values[best])) {
    throw new Error(`no candidate has a finite ${rule.metric}`);
  }
  const ranking = pl.DataFrame({
    rank: order.map((_, r) => r + 1),
    model: order.map((i) => models[i]),
    [rule.metric]: order.map((i) => values[i]),
  });
  return { champion: models[best], value: values[best], ranking };
}

/**
 * Returns the row of `model` in `summary` (one row per model, as `walkForwardEvaluate(...)
 * .summary` at one horizon) as a record; throws naming the model when it has no row.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { modelRow } from "@lib/models/selection.ts";
 * const summary = pl.DataFrame({ model: ["ols", "lightgbm"], rmse: [0.031, 0.030] });
 * if (modelRow(summary, "lightgbm").rmse !== 0.030) throw new Error();
 * ```
 */
export function modelRow(summary: pl.DataFrame, model: string): Record<string, number> {
  const row = summary.filter(pl.col("model").eq(pl.lit(model))).toRecords()[0];
  if (row === undefined) throw new Error(`the summary has no row for model "${model}"`);
  return row as Record<string, number>;
}
