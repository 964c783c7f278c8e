/**
 * The fitted state every linear model shares (intercept, coefficients in original units, each
 * feature's training standard deviation) and what follows from it alone: prediction, importance,
 * saving and loading. Each model adds its own fields (standard errors, iterations) to the state;
 * they are saved as they are, in the order the model's `fit` wrote them.
 * @internal
 * @module
 */
import { checkSavedKind } from "../model.ts";
import type { FeatureImportance, SavedModel } from "../model.ts";
import type { FeatureMatrix } from "../matrix.ts";

/** The part of a linear model's fitted state every linear model has. */
export interface LinearState {
  /** Intercept. */
  intercept: number;
  /** One coefficient per feature, in the original units. */
  coefficients: number[];
  /** Population standard deviation of each feature in the training rows. */
  featureStd: number[];
}

/** Returns `intercept + x · coefficients` per row. */
export function linearPredict(
  x: FeatureMatrix,
  intercept: number,
  coefficients: readonly number[],
): Float64Array {
  const { rows, cols, data } = x;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = intercept;
    for (let j = 0; j < cols; j++) s += data[i * cols + j] * coefficients[j];
    out[i] = s;
  }
  return out;
}

/** Returns `|coefficient| x training std` per feature: the effect of a 1-sd move. */
export function linearImportance(
  features: readonly string[],
  state: LinearState,
): FeatureImportance[] {
  return features.map((feature, j) => ({
    feature,
    importance: Math.abs(state.coefficients[j]) * state.featureStd[j],
  }));
}

/** Returns `state`, or throws that the `kind` model is not fitted. */
export function fittedState<S extends LinearState>(state: S | undefined, kind: string): S {
  if (!state) throw new Error(`${kind} model is not fitted; call fit first`);
  return state;
}

/** Returns a linear model as {@link SavedModel} (version 1), its state deep-copied. */
export function saveLinear(
  kind: string,
  features: readonly string[],
  params: Record<string, unknown>,
  state: LinearState,
): SavedModel {
  return {
    kind,
    version: 1,
    features: [...features],
    params,
    state: structuredClone(state),
  };
}

/**
 * Returns a copy of the state {@link saveLinear} wrote for model kind `kind`; throws unless it is
 * version 1 of that kind with one coefficient per feature.
 */
export function loadLinearState<S extends LinearState>(saved: SavedModel, kind: string): S {
  checkSavedKind(saved, kind);
  const state = saved.state as S;
  if (
    !Array.isArray(state?.coefficients) || state.coefficients.length !== saved.features.length
  ) {
    throw new Error(`saved ${kind} state has no coefficient per feature`);
  }
  return structuredClone(state);
}
