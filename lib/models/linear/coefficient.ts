/**
 * The coefficient row every linear model reports, the contract of a linear model, and the three
 * ways a row's inference is filled: Student t, Wald (normal) or none.
 * @module
 */
import type { Model } from "../model.ts";
import { normalTwoSidedP, studentTTwoSidedP } from "../../stats/distributions.ts";

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

/** Returns a coefficient row with a Student t test on `df` degrees of freedom (NaN if df <= 0). */
export function tRow(
  feature: string,
  coefficient: number,
  stdError: number,
  df: number,
): Coefficient {
  const tStat = coefficient / stdError;
  return {
    feature,
    coefficient,
    stdError,
    tStat,
    pValue: df > 0 && Number.isFinite(tStat) ? studentTTwoSidedP(tStat, df) : NaN,
  };
}

/** Returns a coefficient row with a Wald z test; a null (NaN saved as JSON) error reads as NaN. */
export function waldRow(
  feature: string,
  coefficient: number,
  stdError: number | null,
): Coefficient {
  const se = stdError ?? NaN;
  const z = coefficient / se;
  return { feature, coefficient, stdError: se, tStat: z, pValue: normalTwoSidedP(z) };
}

/** Returns a coefficient row without inference (every inference field NaN). */
export function noInference(feature: string, coefficient: number): Coefficient {
  return { feature, coefficient, stdError: NaN, tStat: NaN, pValue: NaN };
}
