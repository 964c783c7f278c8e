/**
 * Gradient-boosted trees by LightGBM's C library (the python wheel's `lib_lightgbm.so`) over
 * Deno FFI. {@link LightGbm} is the regression / quantile model, {@link LightGbmClassifier} the
 * binary / multiclass one; {@link lightgbm} returns the spec walk-forward evaluation uses.
 *
 * Training follows `lightgbm.train` in python step for step (same parameter string, label as
 * float32, validation set binned with the training set as reference, the early-stopping rule of
 * `lightgbm.early_stopping`), so the same options give the same trees. `deterministic` (the
 * default) also forces column-wise histograms: LightGBM otherwise picks row- or column-wise by
 * timing both, and the two can differ in the last bits.
 *
 * The native Dataset is freed as soon as training ends; the booster lives in the model until
 * `dispose()` (or garbage collection).
 * @module
 */
import { checkSameFeatures, checkSavedKind, checkTrainingData } from "../model.ts";
import type { Classifier, FeatureImportance, Model, ModelSpec, SavedModel } from "../model.ts";
import type { FeatureMatrix } from "../matrix.ts";
import { SYMBOL_FEATURE } from "../dataset.ts";
import { Booster, type ImportanceType } from "./booster.ts";
import { Dataset } from "./dataset.ts";
import {
  type LightGbmObjective,
  type LightGbmOptions,
  lightgbmParameters,
  type ResolvedLightGbmOptions,
  resolveLightGbmOptions,
} from "./params.ts";

export * from "./params.ts";

/** Extra inputs of `fit`. */
export interface LightGbmFitOptions {
  /** Validation rows for early stopping, instead of the last `validationFraction` rows. */
  validation?: { x: FeatureMatrix; y: Float64Array };
  /**
   * Datasets already built from these rows with the same binning parameters (see
   * `fitSharingDatasets`): the model trains on them instead of binning the rows again. The
   * caller keeps and frees them.
   */
  datasets?: { train: Dataset; valid: Dataset | null };
}

interface LightGbmState {
  /** LightGBM model text of the kept iterations. */
  model: string;
  /** The objective the booster was trained with. */
  objective: LightGbmObjective;
  /** Classes in training order (classifier only). */
  classes?: number[];
  /** Early stopping's best iteration (0 without early stopping). */
  bestIteration: number;
}

/** LightGBM gradient-boosted regression (L2 or quantile) implementing {@link Model}. */
export class LightGbm implements Model {
  /** Registry key: `"lightgbm"`. */
  readonly kind = "lightgbm";
  /** The options with their defaults filled in. */
  readonly options: ResolvedLightGbmOptions;
  /** Feature names the model was fitted on; empty before `fit`. */
  features: readonly string[] = [];
  /**
   * 1-based best iteration found by early stopping, the last one the model keeps; 0 without
   * early stopping (every trained iteration is kept).
   */
  bestIteration = 0;
  /** Validation metric after each iteration (first metric), when a validation set was used. */
  validationScores: number[] = [];
  /** The fitted (or loaded) booster; undefined before `fit` and after `dispose`. */
  protected booster: Booster | undefined;
  /** The objective in force; a classifier settles binary or multiclass at `fit`. */
  protected trainedObjective: LightGbmObjective;

  /** Returns an unfitted model; throws naming an invalid option. */
  constructor(options: LightGbmOptions = {}) {
    this.options = resolveLightGbmOptions(options);
    const objective = this.options.objective ?? this.defaultObjective();
    this.trainedObjective = objective;
    this.checkObjective(objective);
  }

  /** The objective trained with (a classifier picks binary or multiclass at `fit`). */
  get objective(): LightGbmObjective {
    return this.trainedObjective;
  }

  /**
   * Trains on `x` (NaN is missing) and `y`, with early stopping on `fitOptions.validation` or the
   * last `validationFraction` rows when `earlyStoppingRounds` > 0. Throws on no rows, a constant
   * or non-finite label, mismatched lengths or an error LightGBM reports; a failed fit leaves
   * the model unfitted.
   */
  fit(x: FeatureMatrix, y: Float64Array, fitOptions: LightGbmFitOptions = {}): void {
    this.dispose();
    checkTrainingData(x, y);
    checkMatrix(x, "training");
    const label = this.trainingLabels(y);
    let train = { x, y: label };
    let valid: { x: FeatureMatrix; y: Float64Array } | undefined;
    if (fitOptions.validation) {
      const v = fitOptions.validation;
      checkMatrix(v.x, "validation");
      checkSameFeatures(x.features, v.x);
      if (v.y.length !== v.x.rows) {
        throw new Error(
          `validation feature rows (${v.x.rows}) and label values (${v.y.length}) differ`,
        );
      }
      valid = { x: v.x, y: this.validationLabels(v.y) };
    } else if (this.options.earlyStoppingRounds > 0) {
      [train, valid] = splitLast(x, label, this.options.validationFraction);
    }

    this.bestIteration = 0;
    this.validationScores = [];
    const parameters = lightgbmParameters(
      { ...this.options, objective: this.trainedObjective },
      x.features,
      this.numClass(),
    );
    const shared = fitOptions.datasets;
    using ownTrain = shared ? null : Dataset.fromMatrix(train.x, train.y, parameters);
    const trainSet = shared?.train ?? ownTrain!;
    using ownValid = shared || !valid
      ? null
      : Dataset.fromMatrix(valid.x, valid.y, parameters, trainSet);
    const validSet = shared ? shared.valid : ownValid;
    using booster = Booster.create(trainSet, parameters);
    if (validSet) booster.addValidData(validSet);
    this.bestIteration = this.train(booster, validSet !== null);
    // As lightgbm.train does by default: keep a booster rebuilt from the model text of the kept
    // iterations, so the model holds no pointer to the freed datasets and predicts exactly as
    // python's returned booster.
    this.booster = Booster.fromString(booster.saveModelToString(this.bestIteration));
    this.features = [...x.features];
  }

  predict(x: FeatureMatrix): Float64Array {
    return this.raw(x);
  }

  /** Gain importance: the total loss reduction of the splits on each feature. */
  importance(): FeatureImportance[] {
    return this.importanceOf("gain");
  }

  /** Split importance: how many splits (over the kept iterations) use each feature. */
  splitImportance(): FeatureImportance[] {
    return this.importanceOf("split");
  }

  /** Returns the number of iterations the model keeps (the best one with early stopping). */
  iterations(): number {
    return this.fitted().currentIteration();
  }

  /** Returns the LightGBM model text of the kept iterations (loadable by any LightGBM). */
  modelString(): string {
    return this.fitted().saveModelToString();
  }

  save(): SavedModel {
    const state: LightGbmState = {
      model: this.modelString(),
      objective: this.trainedObjective,
      bestIteration: this.bestIteration,
    };
    const classes = this.savedClasses();
    if (classes) state.classes = classes;
    const { objective: _, ...rest } = this.options;
    return {
      kind: this.kind,
      version: 1,
      features: [...this.features],
      params: { ...rest, objective: this.trainedObjective },
      state,
    };
  }

  /** Frees the native booster; the model must be fitted or loaded again before use. */
  dispose(): void {
    this.booster?.dispose();
    this.booster = undefined;
  }

  /** Disposes the model at the end of a `using` block. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /**
   * Rebuilds a fitted model (a {@link LightGbmClassifier} for binary and multiclass) from
   * `save()`'s output.
   */
  static load(saved: SavedModel): LightGbm {
    checkSavedKind(saved, "lightgbm");
    const state = saved.state as Partial<LightGbmState> | undefined;
    if (typeof state?.model !== "string" || typeof state.objective !== "string") {
      throw new Error("saved lightgbm state has no model text or objective");
    }
    const options = { ...saved.params, objective: state.objective } as LightGbmOptions;
    const classifier = state.objective === "binary" || state.objective === "multiclass";
    const model = classifier ? new LightGbmClassifier(options) : new LightGbm(options);
    if (classifier) {
      if (!Array.isArray(state.classes) || state.classes.length < 2) {
        throw new Error("saved lightgbm classifier has no classes");
      }
      (model as LightGbmClassifier).classes = [...state.classes];
    }
    const booster = Booster.fromString(state.model);
    if (booster.numFeatures() !== saved.features.length) {
      booster.dispose();
      throw new Error(
        `saved lightgbm model has ${booster.numFeatures()} features but ${saved.features.length} ` +
          `feature names`,
      );
    }
    model.booster = booster;
    model.features = [...saved.features];
    model.bestIteration = state.bestIteration ?? 0;
    return model;
  }

  /** Predictions of the kept iterations: one per row, or `rows x classes` probabilities. */
  protected raw(x: FeatureMatrix): Float64Array {
    const booster = this.fitted();
    checkSameFeatures(this.features, x);
    checkMatrix(x, "prediction");
    return booster.predict(x.data, x.rows, x.cols);
  }

  /** Returns the booster, throwing when the model is not fitted. */
  protected fitted(): Booster {
    if (!this.booster) throw new Error("lightgbm model is not fitted; call fit first");
    return this.booster;
  }

  /** Returns the objective used when the options name none. */
  protected defaultObjective(): LightGbmObjective {
    return "regression";
  }

  /** Throws unless this class supports `objective`. */
  protected checkObjective(objective: LightGbmObjective): void {
    if (objective !== "regression" && objective !== "quantile") {
      throw new Error(
        `LightGbm objective must be "regression" or "quantile"; got "${objective}" ` +
          `(use LightGbmClassifier, or lightgbm(), for binary and multiclass)`,
      );
    }
  }

  /** Returns LightGBM's `num_class`. */
  protected numClass(): number {
    return 1;
  }

  /** Returns the labels LightGBM trains on (class indices for a classifier). */
  protected trainingLabels(y: Float64Array): Float64Array {
    return y;
  }

  /** Returns the validation labels LightGBM evaluates on; throws on a bad one. */
  protected validationLabels(y: Float64Array): Float64Array {
    y.forEach((v, i) => {
      if (!Number.isFinite(v)) throw new Error(`validation label value at row ${i} is ${v}`);
    });
    return y;
  }

  /** Returns the classes to save (classifier only). */
  protected savedClasses(): number[] | undefined {
    return undefined;
  }

  /**
   * Boosts up to `numIterations` rounds; with validation data and early stopping, applies
   * python's `early_stopping` callback rule and returns the 1-based best iteration (0 = all).
   */
  private train(booster: Booster, validated: boolean): number {
    const { numIterations, earlyStoppingRounds } = this.options;
    const stopping = validated && earlyStoppingRounds > 0;
    let best: Float64Array | undefined;
    let bestIter: Int32Array | undefined;
    for (let iter = 0; iter < numIterations; iter++) {
      const finished = booster.updateOneIter();
      if (!validated) {
        if (finished) break; // further rounds add no trees
        continue;
      }
      const scores = booster.evaluate(1);
      this.validationScores.push(scores[0]);
      if (!stopping) continue;
      if (!best || !bestIter) {
        best = scores.slice();
        bestIter = new Int32Array(scores.length).fill(iter);
        if (iter === numIterations - 1) return bestIter[0] + 1;
        continue;
      }
      for (let m = 0; m < scores.length; m++) {
        // Every default metric is lower-is-better.
        if (scores[m] < best[m]) {
          best[m] = scores[m];
          bestIter[m] = iter;
        }
        if (iter - bestIter[m] >= earlyStoppingRounds || iter === numIterations - 1) {
          return bestIter[m] + 1;
        }
      }
    }
    return 0;
  }

  private importanceOf(type: ImportanceType): FeatureImportance[] {
    const values = this.fitted().featureImportance(type);
    return this.features.map((feature, j) => ({ feature, importance: values[j] }));
  }
}

/**
 * LightGBM gradient-boosted classifier (binary or multiclass) implementing {@link Classifier}.
 * Labels are class numbers; `classes` are the distinct ones seen in training, ascending, and
 * LightGBM trains on their indices.
 */
export class LightGbmClassifier extends LightGbm implements Classifier {
  /** Classes seen in training, ascending; the columns of `predictProba`. */
  classes: readonly number[] = [];

  /** Returns the most likely class of each row. */
  override predict(x: FeatureMatrix): Float64Array {
    const proba = this.predictProba(x);
    const k = this.classes.length;
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      let arg = 0;
      for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + arg]) arg = c;
      out[i] = this.classes[arg];
    }
    return out;
  }

  /** Returns `rows x classes.length` class probabilities, row-major. */
  predictProba(x: FeatureMatrix): Float64Array {
    const raw = this.raw(x);
    if (this.trainedObjective === "multiclass") return raw;
    const out = new Float64Array(x.rows * 2);
    for (let i = 0; i < x.rows; i++) {
      out[2 * i] = 1 - raw[i];
      out[2 * i + 1] = raw[i];
    }
    return out;
  }

  protected override defaultObjective(): LightGbmObjective {
    return "binary";
  }

  protected override checkObjective(objective: LightGbmObjective): void {
    if (objective !== "binary" && objective !== "multiclass") {
      throw new Error(
        `LightGbmClassifier objective must be "binary" or "multiclass"; got "${objective}"`,
      );
    }
  }

  protected override numClass(): number {
    return this.classes.length;
  }

  protected override trainingLabels(y: Float64Array): Float64Array {
    y.forEach((v, i) => {
      if (!Number.isInteger(v)) {
        throw new Error(`class label at row ${i} is ${v}; classes must be integers`);
      }
    });
    const classes = [...new Set(y)].sort((a, b) => a - b);
    if (this.options.objective === undefined) {
      this.trainedObjective = classes.length === 2 ? "binary" : "multiclass";
    }
    if (this.trainedObjective === "binary" && classes.length !== 2) {
      throw new Error(
        `binary objective needs exactly 2 classes; the labels have ${classes.length} ` +
          `(${classes.slice(0, 10).join(", ")}); use objective "multiclass"`,
      );
    }
    this.classes = classes;
    return this.indices(y, "class label");
  }

  protected override validationLabels(y: Float64Array): Float64Array {
    return this.indices(y, "validation class label");
  }

  protected override savedClasses(): number[] {
    return [...this.classes];
  }

  private indices(y: Float64Array, what: string): Float64Array {
    const index = new Map(this.classes.map((c, i) => [c, i]));
    return y.map((v, i) => {
      const c = index.get(v);
      if (c === undefined) {
        throw new Error(
          `${what} at row ${i} is ${v}, not one of the training classes ${this.classes.join(", ")}`,
        );
      }
      return c;
    });
  }
}

/**
 * Returns a {@link ModelSpec} for LightGBM named `lightgbm` (or `options.name`): a
 * {@link LightGbmClassifier} for the binary and multiclass objectives, else a {@link LightGbm}.
 * With `symbolFeature`, the model also receives `symbol_id` as a categorical feature.
 *
 * @example
 * ```ts
 * import { lightgbm } from "@lib/models/lightgbm/model.ts";
 * const model = lightgbm({ numIterations: 50, minDataInLeaf: 5, numThreads: 1 }).create();
 * const rows = 200;
 * const data = Float64Array.from({ length: rows }, (_, i) => i / rows);
 * const y = data.map((v) => (v < 0.5 ? 1 : 3));
 * model.fit({ data, rows, cols: 1, features: ["x"] }, y);
 * const [low, high] = model.predict({ data: new Float64Array([0.1, 0.9]), rows: 2, cols: 1, features: ["x"] });
 * if (Math.abs(low - 1) > 0.05 || Math.abs(high - 3) > 0.05) throw new Error("step not learned");
 * ```
 */
export function lightgbm(
  options: LightGbmOptions & { name?: string; symbolFeature?: boolean } = {},
): ModelSpec {
  const { name = "lightgbm", symbolFeature = false, ...rest } = options;
  resolveLightGbmOptions(rest); // fail on bad options now, not in the first fold
  const categorical = symbolFeature
    ? [...new Set([...(rest.categoricalFeatures ?? []), SYMBOL_FEATURE])]
    : rest.categoricalFeatures;
  const modelOptions = { ...rest, categoricalFeatures: categorical };
  const classifier = rest.objective === "binary" || rest.objective === "multiclass";
  return {
    name,
    symbolFeature,
    create: () => classifier ? new LightGbmClassifier(modelOptions) : new LightGbm(modelOptions),
  };
}

function checkMatrix(x: FeatureMatrix, what: string): void {
  if (x.cols === 0 || x.features.length !== x.cols) {
    throw new Error(
      `${what} matrix has ${x.cols} columns and ${x.features.length} feature names; ` +
        `need at least one column, one name each`,
    );
  }
  if (x.data.length !== x.rows * x.cols) {
    throw new Error(
      `${what} matrix data has ${x.data.length} values, not rows x cols = ${x.rows} x ${x.cols}`,
    );
  }
}

/** The first rows to train on and the last `fraction` of them to validate on, as `fit` splits. */
export function splitLast(
  x: FeatureMatrix,
  y: Float64Array,
  fraction: number,
): [{ x: FeatureMatrix; y: Float64Array }, { x: FeatureMatrix; y: Float64Array }] {
  const nValid = Math.floor(x.rows * fraction);
  const nTrain = x.rows - nValid;
  if (nValid < 1 || nTrain < 1) {
    throw new Error(
      `early stopping needs validation rows: validationFraction ${fraction} of ${x.rows} rows ` +
        `leaves ${nTrain} to train and ${nValid} to validate`,
    );
  }
  const part = (from: number, to: number) => ({
    x: {
      data: x.data.subarray(from * x.cols, to * x.cols),
      rows: to - from,
      cols: x.cols,
      features: x.features,
    },
    y: y.subarray(from, to),
  });
  return [part(0, nTrain), part(nTrain, x.rows)];
}
