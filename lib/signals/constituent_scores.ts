/**
 * Which predictions score the index constituents: the action model's expected action score
 * when there is one, otherwise the champion's predicted return cut into the five classes.
 * @module
 */
import pl from "nodejs-polars";
import type { ActionThresholds } from "../labels/actions.ts";
import { scoresFromExpected, scoresFromReturns } from "./action_scores.ts";

/** Options of {@link constituentScores}. */
export interface ConstituentScoreOptions {
  /** The regression model whose predictions score the constituents without an action model. */
  model: string;
  /** The horizon of those predictions. */
  horizon: number;
  /** Return thresholds of the classes. Defaults to weak 0.005, strong 0.02. */
  thresholds?: ActionThresholds;
  /**
   * The action classifier whose rows of `action` score the constituents (the action champion);
   * needed when `action` holds several. Defaults to the only one.
   */
  actionModel?: string;
}

/**
 * Returns (symbol, date, score) in [-2, 2]: from `action` (out-of-fold predictions of the action
 * model, column `prediction`) when given, else from the rows of `regression` (out-of-fold
 * predictions of every model and horizon) of `options.model` at `options.horizon`.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { constituentScores } from "@lib/signals/constituent_scores.ts";
 * const date = [new Date("2020-01-02"), new Date("2020-01-02")];
 * const regression = pl.DataFrame({ symbol: ["a", "a"], date, horizon: [5, 5], model: ["ols", "tree"], prediction: [0.03, -0.03] });
 * const s = constituentScores(undefined, regression, { model: "ols", horizon: 5 });
 * if (s.getColumn("score").toArray().join() !== "2") throw new Error();
 * ```
 */
export function constituentScores(
  action: pl.DataFrame | undefined,
  regression: pl.DataFrame,
  options: ConstituentScoreOptions,
): pl.DataFrame {
  if (action) return scoresFromExpected(actionRows(action, options.actionModel), "prediction");
  const champion = regression.filter(
    pl.col("model").eq(pl.lit(options.model)).and(pl.col("horizon").eq(pl.lit(options.horizon))),
  );
  return scoresFromReturns(
    champion,
    "prediction",
    options.thresholds ?? { weak: 0.005, strong: 0.02 },
  );
}

function actionRows(action: pl.DataFrame, model: string | undefined): pl.DataFrame {
  if (!action.columns.includes("model")) return action;
  const models = [...new Set(action.getColumn("model").toArray() as string[])];
  if (model === undefined) {
    if (models.length > 1) {
      throw new Error(
        `the action predictions hold ${models.join(", ")}: name the one that scores the ` +
          "constituents (actionModel)",
      );
    }
    return action;
  }
  if (!models.includes(model)) {
    throw new Error(`no action predictions of "${model}"; the action models: ${models.join(", ")}`);
  }
  return action.filter(pl.col("model").eq(pl.lit(model)));
}
