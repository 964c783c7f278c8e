/**
 * Options of the LightGBM models, their defaults and checks, and their translation into the
 * C API's parameter string (LightGBM's own names, `key=value` separated by spaces).
 * @module
 */

/** LightGBM objectives this model supports. */
export type LightGbmObjective = "regression" | "quantile" | "binary" | "multiclass";

/** LightGBM boosting modes this model supports: gradient boosting or a random forest. */
export type LightGbmBoosting = "gbdt" | "rf";

/** A LightGBM parameter value in the C API's `key=value` string. */
export type LightGbmParamValue = string | number | boolean | readonly (string | number)[];

/** Options of `LightGbm` and `LightGbmClassifier` (LightGBM's names in brackets). */
export interface LightGbmOptions {
  /**
   * `regression` (L2) or `quantile` for `LightGbm`; `binary` or `multiclass` for
   * `LightGbmClassifier`, where it defaults to binary for two classes and multiclass for
   * more. Defaults to `regression`.
   */
  objective?: LightGbmObjective;
  /**
   * `gbdt` (gradient boosting) or `rf` (a random forest: every tree fitted to the same
   * gradients on its own bagged rows, predictions averaged; as in LightGBM it needs bagging,
   * `baggingFreq` > 0 and `baggingFraction` < 1, or `featureFraction` < 1) (`boosting`).
   * Defaults to `gbdt`.
   */
  boosting?: LightGbmBoosting;
  /**
   * Extremely randomised trees: one random threshold per feature at each split instead of the
   * best of every bin (`extra_trees`). Defaults to false.
   */
  extraTrees?: boolean;
  /** Quantile of the `quantile` objective (`alpha`). Defaults to 0.5. */
  alpha?: number;
  /** Maximum leaves per tree (`num_leaves`). Defaults to 31. */
  numLeaves?: number;
  /** Shrinkage (`learning_rate`). Defaults to 0.1. */
  learningRate?: number;
  /** Boosting rounds (`num_iterations`). Defaults to 100. */
  numIterations?: number;
  /** Minimum rows in a leaf (`min_data_in_leaf`). Defaults to 20. */
  minDataInLeaf?: number;
  /** Share of features sampled per tree (`feature_fraction`). Defaults to 1. */
  featureFraction?: number;
  /** Share of rows bagged (`bagging_fraction`); needs `baggingFreq` > 0. Defaults to 1. */
  baggingFraction?: number;
  /** Re-bag every k iterations, 0 = no bagging (`bagging_freq`). Defaults to 0. */
  baggingFreq?: number;
  /** L2 penalty on leaf values (`lambda_l2`). Defaults to 0. */
  lambdaL2?: number;
  /** Histogram bins per feature (`max_bin`). Defaults to 255. */
  maxBin?: number;
  /** Seed of every LightGBM random choice (`seed`). Defaults to 42. */
  seed?: number;
  /** Threads (`num_threads`); 0 lets OpenMP choose. Defaults to 0. */
  numThreads?: number;
  /**
   * Reproducible results for the same data, options and thread count (`deterministic`, and
   * `force_col_wise`). Defaults to true.
   */
  deterministic?: boolean;
  /**
   * Stop when the validation metric (LightGBM's default for the objective: l2, quantile,
   * binary_logloss, multi_logloss) has not improved for this many rounds, and keep the best
   * iteration; 0 disables early stopping. Defaults to 0.
   */
  earlyStoppingRounds?: number;
  /**
   * Without an explicit validation set, early stopping validates on the last
   * `floor(rows x validationFraction)` training rows, which are the latest when rows are in time
   * order (as `trainingData` returns them), and trains on the rest. Defaults to 0.2.
   */
  validationFraction?: number;
  /** Categorical features, by name or column index (`categorical_column`). Defaults to none. */
  categoricalFeatures?: readonly (string | number)[];
  /** Further LightGBM parameters passed as given (e.g. `{ max_depth: 6 }`). Defaults to none. */
  params?: Readonly<Record<string, LightGbmParamValue>>;
}

/** Options with every default filled in (the objective stays open for a classifier). */
export type ResolvedLightGbmOptions = Required<Omit<LightGbmOptions, "objective" | "params">> & {
  objective: LightGbmObjective | undefined;
  params: Readonly<Record<string, LightGbmParamValue>>;
};

const DEFAULTS = {
  boosting: "gbdt",
  extraTrees: false,
  alpha: 0.5,
  numLeaves: 31,
  learningRate: 0.1,
  numIterations: 100,
  minDataInLeaf: 20,
  featureFraction: 1,
  baggingFraction: 1,
  baggingFreq: 0,
  lambdaL2: 0,
  maxBin: 255,
  seed: 42,
  numThreads: 0,
  deterministic: true,
  earlyStoppingRounds: 0,
  validationFraction: 0.2,
} as const;

/**
 * Returns the LightGBM parameter string (`key=value` pairs separated by spaces) of `options`
 * for a training set with columns `features`; `numClass` is set for multiclass.
 */
export function lightgbmParameters(
  options: LightGbmOptions,
  features: readonly string[],
  numClass = 1,
): string {
  const o = resolveLightGbmOptions(options);
  const objective = o.objective ?? "regression";
  const p: Record<string, LightGbmParamValue> = {
    objective,
    num_leaves: o.numLeaves,
    learning_rate: o.learningRate,
    min_data_in_leaf: o.minDataInLeaf,
    feature_fraction: o.featureFraction,
    bagging_fraction: o.baggingFraction,
    bagging_freq: o.baggingFreq,
    lambda_l2: o.lambdaL2,
    max_bin: o.maxBin,
    seed: o.seed,
    num_threads: o.numThreads,
    deterministic: o.deterministic,
    verbosity: -1,
  };
  if (o.deterministic) p.force_col_wise = true;
  // Only when asked for, so the parameter string (and the model text) of a plain booster stays
  // as it was.
  if (o.boosting !== "gbdt") p.boosting = o.boosting;
  if (o.extraTrees) p.extra_trees = true;
  if (objective === "quantile") p.alpha = o.alpha;
  if (objective === "multiclass") p.num_class = numClass;
  const categorical = categoricalIndices(o.categoricalFeatures, features);
  if (categorical.length > 0) p.categorical_column = categorical;
  Object.assign(p, o.params);
  return Object.entries(p).map(([k, v]) => `${k}=${formatValue(k, v)}`).join(" ");
}

/** Returns `options` with defaults filled in; throws naming the first invalid option. */
export function resolveLightGbmOptions(options: LightGbmOptions): ResolvedLightGbmOptions {
  const o: ResolvedLightGbmOptions = {
    ...DEFAULTS,
    objective: options.objective,
    categoricalFeatures: [],
    params: {},
    ...definedOnly(options),
  } as ResolvedLightGbmOptions;
  const objectives = ["regression", "quantile", "binary", "multiclass"];
  if (o.objective !== undefined && !objectives.includes(o.objective)) {
    throw new Error(
      `lightgbm objective must be one of ${objectives.join(", ")}; got ${o.objective}`,
    );
  }
  if (o.boosting !== "gbdt" && o.boosting !== "rf") {
    throw new Error(`lightgbm boosting must be gbdt or rf; got ${o.boosting}`);
  }
  if (typeof o.extraTrees !== "boolean") {
    throw new Error(`lightgbm extraTrees must be true or false; got ${o.extraTrees}`);
  }
  const integer = (name: keyof ResolvedLightGbmOptions, min: number) => {
    const v = o[name] as number;
    if (!Number.isInteger(v) || v < min) {
      throw new Error(`lightgbm ${name} must be an integer >= ${min}; got ${v}`);
    }
  };
  integer("numLeaves", 2);
  integer("numIterations", 1);
  integer("minDataInLeaf", 0);
  integer("baggingFreq", 0);
  integer("maxBin", 2);
  integer("seed", 0);
  integer("numThreads", 0);
  integer("earlyStoppingRounds", 0);
  const inRange = (
    name: keyof ResolvedLightGbmOptions,
    lo: number,
    hi: number,
    openLo: boolean,
  ) => {
    const v = o[name] as number;
    if (!(openLo ? v > lo : v >= lo) || !(v <= hi) || !Number.isFinite(v)) {
      throw new Error(`lightgbm ${name} must be in ${openLo ? "(" : "["}${lo}, ${hi}]; got ${v}`);
    }
  };
  inRange("learningRate", 0, Infinity, true);
  inRange("featureFraction", 0, 1, true);
  inRange("baggingFraction", 0, 1, true);
  inRange("lambdaL2", 0, Infinity, false);
  inRange("validationFraction", 0, 1, true);
  // LightGBM's own rule for rf, checked here because LightGBM checks it only once training
  // starts, with a message in its own option names.
  const bagged = o.baggingFreq > 0 && o.baggingFraction < 1;
  if (o.boosting === "rf" && !bagged && !(o.featureFraction < 1)) {
    throw new Error(
      `lightgbm boosting "rf" needs bagging (baggingFreq > 0 and baggingFraction < 1) or ` +
        `featureFraction < 1; got baggingFreq ${o.baggingFreq}, baggingFraction ` +
        `${o.baggingFraction}, featureFraction ${o.featureFraction}`,
    );
  }
  if (!(o.alpha > 0 && o.alpha < 1)) {
    throw new Error(`lightgbm quantile alpha must be in (0, 1); got ${o.alpha}`);
  }
  return o;
}

function definedOnly(options: LightGbmOptions): LightGbmOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

function categoricalIndices(
  categorical: readonly (string | number)[],
  features: readonly string[],
): number[] {
  const out = new Set<number>();
  for (const c of categorical) {
    const j = typeof c === "number" ? c : features.indexOf(c);
    if (!Number.isInteger(j) || j < 0 || j >= features.length) {
      throw new Error(
        `categorical feature ${JSON.stringify(c)} is not a column of [${features.join(", ")}]`,
      );
    }
    out.add(j);
  }
  return [...out].sort((a, b) => a - b);
}

function formatValue(key: string, value: LightGbmParamValue): string {
  const text = Array.isArray(value) ? value.join(",") : String(value);
  if (/[\s=]/.test(text) || text === "") {
    throw new Error(`lightgbm parameter ${key} has a value LightGBM cannot parse: "${text}"`);
  }
  return text;
}
