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
 * at one horizon) that is best on `rule`, and among equal values best on `tieBreak` (when
 * given). Remaining ties keep the earlier row; non-finite values rank last. Throws naming an
 * unknown metric, several horizons, or no candidate with a finite value.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { selectChampion } from "@lib/models/selection.ts";
 * const summary = pl.DataFrame({ model: ["ols", "lightgbm"], rmse: [0.031, 0.030] });
 * if (selectChampion(summary, { metric: "rmse", direction: "lower" }).champion !== "lightgbm") throw new Error();
 * ```
 */
export function selectChampion(
  summary: pl.DataFrame,
  rule: SelectionRule,
  tieBreak?: SelectionRule,
): Selection {
  const rules = tieBreak ? [rule, tieBreak] : [rule];
  for (const r of rules) {
    if (!summary.columns.includes(r.metric)) {
      throw new Error(
        `cannot select by "${r.metric}": the summary has ${summary.columns.join(", ")}`,
      );
    }
  }
  if (summary.columns.includes("horizon") && summary.getColumn("horizon").nUnique() > 1) {
    throw new Error("select a champion per horizon: the summary holds several horizons");
  }
  const models = summary.getColumn("model").toArray() as string[];
  const columns = rules.map((r) =>
    (summary.getColumn(r.metric).cast(pl.Float64).toArray() as (number | null)[])
      .map((v) => v ?? NaN)
  );
  const compare = (a: number, b: number, k: number): number => {
    const values = columns[k];
    const fa = Number.isFinite(values[a]);
    const fb = Number.isFinite(values[b]);
    if (fa !== fb) return fa ? -1 : 1;
    if (!fa) return 0;
    return (rules[k].direction === "lower" ? 1 : -1) * (values[a] - values[b]);
  };
  const order = models.map((_, i) => i).sort((a, b) => {
    for (let k = 0; k < rules.length; k++) {
      const c = compare(a, b, k);
      if (c !== 0) return c;
    }
    return a - b;
  });
  const values = columns[0];
  const best = order[0];
  if (best === undefined || !Number.isFinite(values[best])) {
    throw new Error(`no candidate has a finite ${rule.metric}`);
  }
  const ranking = pl.DataFrame({
    rank: order.map((_, r) => r + 1),
    model: order.map((i) => models[i]),
    ...Object.fromEntries(rules.map((r, k) => [r.metric, order.map((i) => columns[k][i])])),
  });
  return { champion: models[best], value: values[best], ranking };
}

/** How the action champion is chosen: the highest macro F1, then the highest accuracy. */
export const ACTION_SELECTION: { rule: SelectionRule; tieBreak: SelectionRule } = {
  rule: { metric: "macro_f1", direction: "higher" },
  tieBreak: { metric: "accuracy", direction: "higher" },
};

/**
 * Returns the action champion among the five-class classifiers of `summary` (pooled
 * out-of-fold rows at one horizon): the highest macro F1, accuracy breaking ties (see
 * {@link ACTION_SELECTION}).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { selectActionChampion } from "@lib/models/selection.ts";
 * const summary = pl.DataFrame({ model: ["a", "b"], macro_f1: [0.3, 0.3], accuracy: [0.4, 0.5] });
 * if (selectActionChampion(summary).champion !== "b") throw new Error();
 * ```
 */
export function selectActionChampion(summary: pl.DataFrame): Selection {
  return selectChampion(summary, ACTION_SELECTION.rule, ACTION_SELECTION.tieBreak);
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
