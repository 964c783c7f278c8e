import { z } from "zod";
import {
  ACTION_MODELS,
  DIRECTION_MODELS,
  REGRESSION_CANDIDATES,
} from "../../lib/models/candidates.ts";
import { commonParams } from "./common.ts";
import { constituentsFileParam } from "./constituents_file.ts";

/** The fields of notebook 04's parameters, before the check across the signal thresholds. */
const trainingFields = commonParams.extend({
  /** Label horizons (days) to train on; each must be in the labels. Defaults to [5]. */
  horizons: z.array(z.number().int().min(1)).min(1, "needs at least one horizon").default([5]),
  /**
   * Feature columns to train on; empty uses every column of the features. Defaults to the
   * scale-free ones of the default catalog, ["ret_1", "ret_5", "ret_20", "rsi_14", "vol_20"]
   * (moving averages are price levels, not comparable across symbols).
   */
  features: z.array(z.string().min(1)).default(["ret_1", "ret_5", "ret_20", "rsi_14", "vol_20"]),
  /** Walk-forward folds (test blocks at the end of the data). Defaults to 4. */
  nFolds: z.number().int().min(1).default(4),
  /** Distinct dates in each test block. Defaults to 126 (about half a trading year). */
  testSize: z.number().int().min(1).default(126),
  /** Dates after each test block kept out of training; bites only with trainOn "past-and-future". Defaults to 0. */
  embargo: z.number().int().min(0).default(0),
  /** "past" trains each fold on earlier dates only (walk-forward); "past-and-future" also on later dates (purged k-fold). Defaults to "past". */
  trainOn: z.enum(["past", "past-and-future"]).default("past"),
  /**
   * Rolling training window in dates before each test block; unset trains on every earlier
   * date (an expanding window). Defaults to unset.
   */
  trainSize: z.number().int().min(1).optional(),
  /**
   * Regression candidates compared on the same folds, by name (the `regression` entries of the
   * model kinds in lib/models/registry.ts). Defaults to all of them, in that order.
   */
  candidates: z.array(z.enum(REGRESSION_CANDIDATES))
    .min(1, `needs at least one regression candidate (${REGRESSION_CANDIDATES.join(", ")})`)
    .default([...REGRESSION_CANDIDATES]),
  /** Champion selection: pooled out-of-fold metric and whether lower or higher wins. Defaults to rmse, lower. */
  selectBy: z.object({
    metric: z.enum(["rmse", "mae", "r2", "direction_accuracy"]).default("rmse"),
    direction: z.enum(["lower", "higher"]).default("lower"),
  }).strict().default({}),
  /** Ridge L2 penalty on standardised coefficients. Defaults to 1. */
  ridgeAlpha: z.number().min(0).default(1),
  /** Lasso L1 penalty (sklearn's alpha, on standardised features). Defaults to 0.0001. */
  lassoAlpha: z.number().positive().default(1e-4),
  /** Elastic net penalty (sklearn's alpha). Defaults to 0.0001. */
  elasticNetAlpha: z.number().positive().default(1e-4),
  /** Elastic net mix: 1 is lasso, 0 is ridge. Defaults to 0.5. */
  l1Ratio: z.number().min(0).max(1).default(0.5),
  /** LightGBM settings shared by the regression, classification and quantile boosters. */
  lightgbm: z.object({
    /** Leaves per tree. Defaults to 15. */
    numLeaves: z.number().int().min(2).default(15),
    /** Shrinkage. Defaults to 0.05. */
    learningRate: z.number().positive().max(1).default(0.05),
    /** Boosting rounds (upper bound with early stopping). Defaults to 200. */
    numIterations: z.number().int().min(1).default(200),
    /** Fewest rows in a leaf. Defaults to 100. */
    minDataInLeaf: z.number().int().min(1).default(100),
    /** Share of features tried per tree. Defaults to 0.8. */
    featureFraction: z.number().positive().max(1).default(0.8),
    /** Stop when the validation slice has not improved for this many rounds; 0 disables. Defaults to 20. */
    earlyStoppingRounds: z.number().int().min(0).default(20),
    /** Latest share of each fold's training rows used as the early-stopping validation slice. Defaults to 0.2. */
    validationFraction: z.number().positive().max(0.5).default(0.2),
    /** Threads. Defaults to 2. */
    numThreads: z.number().int().min(1).default(2),
    /** Gives the booster the symbol as a categorical feature. Defaults to true. */
    symbolFeature: z.boolean().default(true),
    /**
     * Share of rows each tree of the random-forest candidates (`lightgbm_rf*`, LightGBM's
     * `boosting=rf`) is fitted on, without replacement; below 1, since a forest needs bagging.
     * Defaults to 0.632 (the share of distinct rows in a bootstrap sample).
     */
    rfBaggingFraction: z.number().positive().lt(1).default(0.632),
    /** The random-forest candidates draw a new bag every this many trees. Defaults to 1. */
    rfBaggingFreq: z.number().int().min(1).default(1),
    /**
     * Upper bound on the trees of the random-forest candidates, in place of `numIterations`. A
     * forest's trees are fitted independently and averaged, so its validation loss flattens early
     * and early stopping seldom ends it: without a bound of its own the five-class forest grew
     * 150-200 trees per fold (5 per round) and cost more than every other candidate together at
     * 250 symbols. Defaults to 50.
     */
    rfNumIterations: z.number().int().min(1).default(50),
  }).strict().default({}),
  /**
   * Combinatorial purged cross-validation of the champion: its dates cut into `nGroups` groups,
   * every choice of `nTestGroups` tested (C(N, k) fits of the champion: 15 by default, quick for
   * a linear champion, minutes for LightGBM on a large universe), purged by label span and
   * embargoed by `embargo`, giving C(N-1, k-1) out-of-sample paths and their Sharpe ratios.
   */
  cpcv: z.object({
    /** Runs it. Defaults to true. */
    enabled: z.boolean().default(true),
    /** Groups N. Defaults to 6. */
    nGroups: z.number().int().min(2).max(16).default(6),
    /** Groups tested per split k, below nGroups. Defaults to 2. */
    nTestGroups: z.number().int().min(1).default(2),
  }).strict().refine((c) => c.nTestGroups < c.nGroups, (c) => ({
    message: `nTestGroups (${c.nTestGroups}) must be below nGroups (${c.nGroups})`,
    path: ["nTestGroups"],
  })).default({}),
  /** Maximum depth of the CART tree baseline and of the surrogate tree. Defaults to 4. */
  treeMaxDepth: z.number().int().min(1).default(4),
  /** A tree node with this many rows or fewer becomes a leaf. Defaults to 50. */
  treeMinSamples: z.number().int().min(1).default(50),
  /** Rows sampled to train a tree (ml-cart's split search is quadratic in rows, so a tree on the whole panel takes minutes). Defaults to 3,000. */
  treeMaxRows: z.number().int().min(2).max(20_000).default(3_000),
  /**
   * Direction classifiers (positive forward return), by model kind (those with a `direction`
   * entry); at least one, since step 04's classifier tables and charts are built from them.
   * Defaults to all.
   */
  directionModels: z.array(z.enum(DIRECTION_MODELS))
    .min(1, `needs at least one direction classifier (${DIRECTION_MODELS.join(", ")})`)
    .default([...DIRECTION_MODELS]),
  /** L2 strength of the logistic regression as sklearn's C (larger = weaker). Defaults to 1. */
  logisticC: z.number().positive().default(1),
  /** Train the five-class action classifiers and choose the action champion. Defaults to true. */
  actionModel: z.boolean().default(true),
  /**
   * Five-class action classifiers compared on the same folds, by id (the `action` entries of the
   * model kinds: LightGBM boosting, random forest `lightgbm_rf`, extra trees `lightgbm_et`),
   * each named `{id}_action`; the action champion is the best by macro F1, accuracy breaking
   * ties. Defaults to all of them.
   */
  actionModels: z.array(z.enum(ACTION_MODELS))
    .min(1, `needs at least one action classifier (${ACTION_MODELS.join(", ")})`)
    .default([...ACTION_MODELS]),
  /** Quantile levels of the LightGBM quantile models (need 0.5 and symmetric pairs). Defaults to [0.1, 0.25, 0.5, 0.75, 0.9]. */
  quantiles: z.array(z.number().gt(0).lt(1)).min(1)
    // The quantile model predicts its median, so 0.5 must be fitted (otherwise it throws in step 04).
    .refine((levels) => levels.includes(0.5), (levels) => ({
      message: `must include 0.5 (the median the quantile model predicts); got [${levels}]`,
    }))
    .default([0.1, 0.25, 0.5, 0.75, 0.9]),
  /** Latest share of each fold's training dates held out to calibrate the conformal intervals. Defaults to 0.2. */
  calibrationFraction: z.number().positive().max(0.5).default(0.2),
  /** Dates at the end of the data compared with the training window for drift. Defaults to 63 (a quarter). */
  driftWindow: z.number().int().min(10).default(63),
  /** Promotion gate: the champion metric must not be worse, PSI at most maxPsi, 10-90 coverage at least minCoverage. */
  gate: z.object({
    /** Largest PSI of any feature between the training window and the latest data. Defaults to 0.25. */
    maxPsi: z.number().positive().default(0.25),
    /** Smallest conformal 10-90 coverage out of fold. Defaults to 0.75. */
    minCoverage: z.number().min(0).max(1).default(0.75),
    /** Smallest improvement over the current champion's metric (absolute). Defaults to 0. */
    minImprovement: z.number().min(0).default(0),
  }).strict().default({}),
  /** Name of the registered model in the MLflow model registry. Defaults to "stock-returns". */
  registeredModel: z.string().regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/,
    "expected a model name (letters, digits, _ . -)",
  ).default("stock-returns"),
  /**
   * Name of the registered model of the action classifier champion (the five-class model whose
   * class probabilities score the index constituents). Defaults to "stock-actions".
   */
  actionRegisteredModel: z.string().regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/,
    "expected a model name (letters, digits, _ . -)",
  ).default("stock-actions"),
  /** Registry alias the inference step loads. Defaults to "champion". */
  inferenceAlias: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,62}$/).default("champion"),
  /** Index signal: sentiment above this buys the index. Defaults to 0.3. */
  signalBuy: z.number().min(-2).max(2).default(0.3),
  /**
   * Index signal thresholds: "adaptive" buys above the `signalBuyQuantile` and sells below the
   * `signalSellQuantile` of the sentiment over the `signalWindow` dates before each date (no
   * future data); "fixed" uses `signalBuy` and `signalSell`. Defaults to "adaptive".
   */
  signalThresholds: z.enum(["adaptive", "fixed"]).default("adaptive"),
  /** Earlier dates whose sentiment sets the adaptive thresholds. Defaults to 252 (a year). */
  signalWindow: z.number().int().min(10).default(252),
  /** Adaptive buy threshold as a quantile of the trailing sentiment. Defaults to 0.8. */
  signalBuyQuantile: z.number().gt(0).max(1).default(0.8),
  /** Adaptive sell threshold as a quantile of the trailing sentiment; below the buy quantile. Defaults to 0.2. */
  signalSellQuantile: z.number().min(0).lt(1).default(0.2),
  /** Index signal: sentiment below this sells; at most signalBuy. Defaults to -0.3. */
  signalSell: z.number().min(-2).max(2).default(-0.3),
  /**
   * Index constituents CSV (project-relative): `symbol,weight` and optionally `date` (or
   * `as_of`), each as-of date a snapshot of the whole index. Weights are renormalised over the
   * constituents with a score on each date. Checked before anything runs. Unset uses the close x
   * volume proxy. Defaults to unset.
   */
  constituents: constituentsFileParam.optional(),
  /**
   * Least share of the index weight the scored constituents must hold for a date to get a
   * sentiment score; dates below it are left empty and the page counts them. Defaults to 0.5.
   */
  minIndexCoverage: z.number().min(0).max(1).default(0.5),
  /** Index weights: trailing dates of the close x volume market-cap proxy. Defaults to 60. */
  weightWindow: z.number().int().min(1).default(60),
}).strict();

/**
 * Parameters of notebook 04 (training): candidates on walk-forward folds, intervals, registry,
 * inference and the index signal, with `signalSell` at most `signalBuy` (checked here rather than
 * when the signal is built, after every model has trained).
 */
export const trainingParams = trainingFields.superRefine((p, ctx) => {
  if (p.signalSell > p.signalBuy) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["signalSell"],
      message:
        `${p.signalSell} is above signalBuy ${p.signalBuy} (signalSell must be at most signalBuy)`,
    });
  }
  if (p.actionModel && p.actionRegisteredModel === p.registeredModel) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["actionRegisteredModel"],
      message: `"${p.actionRegisteredModel}" is also registeredModel; the two champions ` +
        "need registered models of their own",
    });
  }
  if (p.signalSellQuantile >= p.signalBuyQuantile) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["signalSellQuantile"],
      message: `${p.signalSellQuantile} is not below signalBuyQuantile ${p.signalBuyQuantile}`,
    });
  }
});

/** The parsed training parameters. */
export type TrainingParams = z.infer<typeof trainingParams>;
