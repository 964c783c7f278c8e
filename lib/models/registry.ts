/**
 * Every model kind, declared once: how to rebuild a model from what its `save()` wrote, and the
 * candidates the training step builds from it. The loaders, the candidate names the training
 * parameters accept and the candidate builders (candidates.ts) are all derived from
 * {@link MODEL_KINDS}, so a new model is its own file plus one entry here.
 * @module
 */
import type { Model, ModelSpec, SavedModel } from "./model.ts";
import { ols, OlsRegression } from "./linear/ols.ts";
import { ridge, RidgeRegression } from "./linear/ridge.ts";
import { elasticNet, ElasticNetRegression, lasso } from "./linear/elastic_net.ts";
import { logistic, LogisticRegression } from "./linear/logistic.ts";
import { LightGbm, lightgbm } from "./lightgbm/model.ts";
import type { LightGbmOptions } from "./lightgbm/model.ts";
import { DecisionTree, tree } from "./tree.ts";
import { MultiQuantileModel } from "./quantiles.ts";

/** LightGBM settings shared by every booster of the step. */
export interface BoosterSettings {
  numLeaves: number;
  learningRate: number;
  numIterations: number;
  minDataInLeaf: number;
  featureFraction: number;
  earlyStoppingRounds: number;
  validationFraction: number;
  numThreads: number;
  /** Gives the booster the symbol as a categorical feature. */
  symbolFeature: boolean;
  /** Share of rows each tree of the random-forest candidates is fitted on. */
  rfBaggingFraction: number;
  /** The random-forest candidates re-bag every this many trees. */
  rfBaggingFreq: number;
  /** Upper bound on the trees of the random-forest candidates (they ignore `numIterations`). */
  rfNumIterations: number;
}

/** The training parameters the candidate builders of {@link MODEL_KINDS} read. */
export interface ModelSettings {
  ridgeAlpha: number;
  lassoAlpha: number;
  elasticNetAlpha: number;
  l1Ratio: number;
  lightgbm: BoosterSettings;
  treeMaxDepth: number;
  treeMinSamples: number;
  treeMaxRows: number;
  logisticC: number;
  quantiles: readonly number[];
  seed: number;
}

/** Builds one candidate from the training parameters. */
export type CandidateBuilder = (settings: ModelSettings) => ModelSpec;

/** One model kind: its loader and the candidates of the training step built from it. */
export interface ModelKind {
  /** Rebuilds a fitted model from a {@link SavedModel} of this kind. */
  readonly load: (saved: SavedModel) => Model;
  /**
   * Regression candidates of this kind by candidate name (a kind can give several: `lasso` and
   * `elastic_net` are both elastic nets). Their order across the table is the order the training
   * step compares them in, and its default.
   */
  readonly regression?: Readonly<Record<string, CandidateBuilder>>;
  /**
   * Direction classifiers of this kind by id, each named `{id}_direction`; the ids are what
   * `training.directionModels` lists.
   */
  readonly direction?: Readonly<Record<string, CandidateBuilder>>;
  /**
   * Five-class action classifiers of this kind by id, each named `{id}_action`; the ids are what
   * `training.actionModels` lists and the action champion is chosen among them.
   */
  readonly action?: Readonly<Record<string, CandidateBuilder>>;
}

/** The LightGBM options of every booster of the step, from the shared settings and the seed. */
export function boosterOptions(s: ModelSettings): LightGbmOptions & { symbolFeature: boolean } {
  const { symbolFeature, rfBaggingFraction: _f, rfBaggingFreq: _k, rfNumIterations: _n, ...rest } =
    s.lightgbm;
  return { ...rest, seed: s.seed, symbolFeature };
}

/** The variants of the LightGBM candidates: boosting, a random forest, extremely random trees. */
type BoosterVariant = "lightgbm" | "lightgbm_rf" | "lightgbm_et";

/**
 * The options of LightGBM variant `variant` (`boosting=rf` with the step's bagging settings, or
 * `extra_trees`) on top of the shared booster settings.
 */
export function variantOptions(
  s: ModelSettings,
  variant: BoosterVariant,
): LightGbmOptions & { symbolFeature: boolean } {
  const base = boosterOptions(s);
  if (variant === "lightgbm_rf") {
    return {
      ...base,
      boosting: "rf",
      numIterations: s.lightgbm.rfNumIterations,
      baggingFraction: s.lightgbm.rfBaggingFraction,
      baggingFreq: s.lightgbm.rfBaggingFreq,
    };
  }
  return variant === "lightgbm_et" ? { ...base, extraTrees: true } : base;
}

function boosters(
  build: (s: ModelSettings, variant: BoosterVariant) => ModelSpec,
): Record<BoosterVariant, CandidateBuilder> {
  return {
    lightgbm: (s) => build(s, "lightgbm"),
    lightgbm_rf: (s) => build(s, "lightgbm_rf"),
    lightgbm_et: (s) => build(s, "lightgbm_et"),
  };
}

/**
 * Every model kind, keyed by `SavedModel.kind`, in the order the training step lists its
 * candidates (regression candidates and direction classifiers alike follow it).
 */
export const MODEL_KINDS = {
  ols: { load: OlsRegression.load, regression: { ols: () => ols() } },
  ridge: {
    load: RidgeRegression.load,
    regression: { ridge: (s) => ridge({ alpha: s.ridgeAlpha }) },
  },
  elastic_net: {
    load: ElasticNetRegression.load,
    regression: {
      lasso: (s) => lasso({ alpha: s.lassoAlpha }),
      elastic_net: (s) => elasticNet({ alpha: s.elasticNetAlpha, l1Ratio: s.l1Ratio }),
    },
  },
  logistic: {
    load: LogisticRegression.load,
    direction: { logistic: (s) => logistic({ C: s.logisticC, name: "logistic_direction" }) },
  },
  lightgbm: {
    load: LightGbm.load,
    regression: boosters((s, v) => lightgbm({ ...variantOptions(s, v), name: v })),
    direction: boosters((s, v) =>
      lightgbm({ ...variantOptions(s, v), objective: "binary", name: `${v}_direction` })
    ),
    action: boosters((s, v) =>
      lightgbm({ ...variantOptions(s, v), objective: "multiclass", name: `${v}_action` })
    ),
  },
  tree: {
    load: DecisionTree.load,
    regression: {
      tree: (s) =>
        tree({
          maxDepth: s.treeMaxDepth,
          minNumSamples: s.treeMinSamples,
          maxRows: s.treeMaxRows,
          seed: s.seed,
        }),
    },
  },
  multi_quantile: { load: (saved: SavedModel) => MultiQuantileModel.load(saved, loadModel) },
} as const satisfies Readonly<Record<string, ModelKind>>;

type Kinds = typeof MODEL_KINDS;

/** Names of the regression candidates (the keys of every kind's `regression`). */
export type RegressionCandidate = {
  [K in keyof Kinds]: Kinds[K] extends { regression: infer R } ? keyof R & string : never;
}[keyof Kinds];

/** Ids of the direction classifiers (the keys of every kind's `direction`). */
export type DirectionModel = {
  [K in keyof Kinds]: Kinds[K] extends { direction: infer R } ? keyof R & string : never;
}[keyof Kinds];

/** Ids of the action classifiers (the keys of every kind's `action`). */
export type ActionModel = {
  [K in keyof Kinds]: Kinds[K] extends { action: infer R } ? keyof R & string : never;
}[keyof Kinds];

const kinds: Readonly<Record<string, ModelKind>> = MODEL_KINDS;

/** Loaders keyed by `SavedModel.kind`. */
export const modelLoaders: Readonly<Record<string, (saved: SavedModel) => Model>> = Object
  .fromEntries(Object.entries(kinds).map(([kind, entry]) => [kind, entry.load]));

/** Regression candidate builders by name, in table order. */
export const regressionBuilders: Readonly<Record<RegressionCandidate, CandidateBuilder>> = Object
  .fromEntries(
    Object.values(kinds).flatMap((entry) => Object.entries(entry.regression ?? {})),
  ) as Record<RegressionCandidate, CandidateBuilder>;

/** Direction classifier builders by id, in table order. */
export const directionBuilders: Readonly<Record<DirectionModel, CandidateBuilder>> = Object
  .fromEntries(
    Object.values(kinds).flatMap((entry) => Object.entries(entry.direction ?? {})),
  ) as Record<DirectionModel, CandidateBuilder>;

/** Action classifier builders by id, in table order. */
export const actionBuilders: Readonly<Record<ActionModel, CandidateBuilder>> = Object
  .fromEntries(
    Object.values(kinds).flatMap((entry) => Object.entries(entry.action ?? {})),
  ) as Record<ActionModel, CandidateBuilder>;

/** Returns the fitted model `saved` describes; throws naming an unknown kind. */
export function loadModel(saved: SavedModel): Model {
  const load = modelLoaders[saved.kind];
  if (!load) {
    throw new Error(
      `unknown model kind "${saved.kind}"; known: ${Object.keys(modelLoaders).join(", ")}`,
    );
  }
  return load(saved);
}
