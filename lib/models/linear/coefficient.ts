/**
 * The coefficient table every linear model reports, and its polars form for notebooks.
 * @module
 */
import pl from "nodejs-polars";
import type { Model } from "../model.ts";

/**
 * One fitted coefficient with its inference. What the standard error means depends on the model
 * (see each model's docs); fields that model cannot define are `NaN`, never made up.
 */
export interface Coefficient {
  /** Feature name (`"(intercept)"` for the intercept row). */
  feature: string;
  /** Change in prediction (or log-odds, for logistic regression) per unit of the feature. */
  coefficient: number;
  /** Standard error (NaN where the model defines none or there are no residual degrees of freedom). */
  stdError: number;
  /** `coefficient / stdError`: a t-statistic (z for logistic regression); NaN when the error is. */
  tStat: number;
  /** Two-sided p-value of `coefficient = 0` (NaN where the model has no valid test). */
  pValue: number;
}

/** Name of the intercept row in coefficient tables. */
export const INTERCEPT = "(intercept)";

/** A fitted model with an intercept and per-feature coefficients. */
export interface LinearModel extends Model {
  /** Returns the intercept. */
  intercept(): number;
  /** Returns the intercept row (feature `"(intercept)"`) with its inference. */
  interceptCoefficient(): Coefficient;
  /** Returns each feature's coefficient with its inference, in feature order. */
  coefficients(): Coefficient[];
}

/**
 * Returns a model's coefficient table as a frame (columns feature, coefficient, std_error,
 * t_stat, p_value), the intercept first. NaN stays NaN.
 *
 * @example
 * ```ts
 * import { ols } from "@lib/models/linear/ols.ts";
 * import { coefficientFrame } from "@lib/models/linear/coefficient.ts";
 * const m = ols().create() as import("@lib/models/linear/ols.ts").OlsRegression;
 * const x = { data: new Float64Array([0, 1, 2, 3]), rows: 4, cols: 1, features: ["x"] };
 * m.fit(x, new Float64Array([1, 3, 5, 8]));
 * const f = coefficientFrame(m);
 * if (f.getColumn("feature").toArray().join() !== "(intercept),x") throw new Error("rows");
 * ```
 */
export function coefficientFrame(model: LinearModel): pl.DataFrame {
  const rows = [model.interceptCoefficient(), ...model.coefficients()];
  return pl.DataFrame({
    feature: rows.map((r) => r.feature),
    coefficient: pl.Series("coefficient", rows.map((r) => r.coefficient), pl.Float64),
    std_error: pl.Series("std_error", rows.map((r) => r.stdError), pl.Float64),
    t_stat: pl.Series("t_stat", rows.map((r) => r.tStat), pl.Float64),
    p_value: pl.Series("p_value", rows.map((r) => r.pValue), pl.Float64),
  });
}
