/**
 * The contract every model implements, so walk-forward evaluation, saving and loading work the
 * same for a closed-form ridge, a small CART tree or (later) a LightGBM booster over FFI.
 * A new model is one file exporting a class that implements {@link Model} (with a static `load`)
 * and a {@link ModelSpec} factory, plus its entry in `MODEL_KINDS` (registry.ts).
 * @module
 */
import type { FeatureMatrix } from "./matrix.ts";

/** A feature's contribution as the model measures it (see each model for the definition). */
export interface FeatureImportance {
  /** Feature column name. */
  feature: string;
  /** Non-negative importance; larger means more influential. */
  importance: number;
}

/** A model's state as plain JSON, enough for `loadModel` to rebuild it. */
export interface SavedModel {
  /** The model's kind, the key of its loader in the registry (`"ridge"`, `"tree"`). */
  kind: string;
  /** Format version of `state` for this kind. */
  version: number;
  /** Feature names in the column order the model was fitted on. */
  features: string[];
  /** The options the model was created with. */
  params: Record<string, unknown>;
  /** Kind-specific fitted state (coefficients, tree nodes, a booster's text dump). */
  state: unknown;
}

/** A regression model fitted on a feature matrix and a label vector. */
export interface Model {
  /** The model's kind (its registry key). */
  readonly kind: string;
  /** Feature names the model was fitted on; empty before `fit`. */
  readonly features: readonly string[];
  /** Fits the model in place; throws on no rows, a constant label or mismatched lengths. */
  fit(x: FeatureMatrix, y: Float64Array): void;
  /** Returns one prediction per row of `x`, whose columns must match `features` by name. */
  predict(x: FeatureMatrix): Float64Array;
  /** Returns each feature's importance, in feature order. */
  importance(): FeatureImportance[];
  /** Returns the fitted model as JSON data. */
  save(): SavedModel;
}

/**
 * A classifier over integer class labels (`0, 1` for direction; `0..4` for the action classes
 * strong sell .. strong buy). `fit` takes the class of each row as a number; `predict` returns
 * the most likely class per row (the {@link Model} contract), `predictProba` the probabilities.
 */
export interface Classifier extends Model {
  /** The classes seen in training, ascending; column order of `predictProba`. */
  readonly classes: readonly number[];
  /** Returns `rows x classes.length` probabilities, row-major; each row sums to 1. */
  predictProba(x: FeatureMatrix): Float64Array;
}

/** True when `model` is a {@link Classifier}. */
export function isClassifier(model: Model): model is Classifier {
  return typeof (model as Partial<Classifier>).predictProba === "function";
}

/** A named recipe for fresh, unfitted models: walk-forward evaluation fits one per fold. */
export interface ModelSpec {
  /** Name used in results (`"ridge"`, `"tree"`); unique within one evaluation. */
  name: string;
  /** Returns a new unfitted model. */
  create(): Model;
  /**
   * Whether the model also takes the symbol as an integer-coded categorical feature
   * (`symbol_id`, see dataset.ts), for models that split on categories. Defaults to false.
   */
  symbolFeature?: boolean;
}

/** Throws unless `x` and `y` can train a model: rows present, lengths equal, label not constant. */
export function checkTrainingData(x: FeatureMatrix, y: Float64Array): void {
  if (x.rows === 0) throw new Error("cannot fit a model on no rows");
  if (y.length !== x.rows) {
    throw new Error(`feature rows (${x.rows}) and label values (${y.length}) differ in length`);
  }
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new Error(`label value at row ${i} is ${y[i]}`);
  }
  if (y.every((v) => v === y[0])) {
    throw new Error(`label is constant (every value is ${y[0]}); there is nothing to learn`);
  }
}

/** Throws unless `x` has exactly the columns a model was fitted on, in order. */
export function checkSameFeatures(fitted: readonly string[], x: FeatureMatrix): void {
  if (fitted.length === 0) throw new Error("model is not fitted; call fit first");
  const missing = fitted.filter((f) => !x.features.includes(f));
  if (missing.length > 0) {
    throw new Error(
      `feature column(s) ${missing.map((m) => `"${m}"`).join(", ")} missing from the input`,
    );
  }
  if (x.features.length !== fitted.length || x.features.some((f, j) => f !== fitted[j])) {
    throw new Error(
      `input columns [${x.features.join(", ")}] differ from the fitted [${fitted.join(", ")}]`,
    );
  }
}

/** Throws unless `saved` is version 1 of model kind `kind` (what every loader accepts). */
export function checkSavedKind(saved: SavedModel, kind: string): void {
  if (saved.kind !== kind || saved.version !== 1) {
    throw new Error(`cannot load a ${saved.kind} v${saved.version} model as ${kind} v1`);
  }
}
