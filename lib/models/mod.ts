/**
 * Models: the `Model` contract, the linear family, LightGBM, a CART tree and quantile models;
 * walk-forward evaluation producing out-of-fold predictions, their metrics and the champion's
 * selection, final fit, drift check, promotion gate and inference. Registry I/O lives in
 * `lib/serving`.
 * @module
 */
export {
  type Classifier,
  type FeatureImportance,
  isClassifier,
  type Model,
  type ModelSpec,
  type SavedModel,
} from "./model.ts";
export { type FeatureMatrix, featureMatrix } from "./matrix.ts";
export { ridge, type RidgeOptions, RidgeRegression } from "./linear/ridge.ts";
export {
  DecisionTree,
  type RulesOptions,
  type Surrogate,
  type SurrogateOptions,
  surrogateTree,
  tree,
  type TreeOptions,
  treeRules,
  treeRulesText,
} from "./tree.ts";
export {
  directionAccuracy,
  mae,
  r2,
  type RegressionMetrics,
  regressionMetrics,
  rmse,
} from "./metrics.ts";
export { type Baselines, classificationBaselines, regressionBaselines } from "./baselines.ts";
export {
  type ActionModel,
  type BoosterSettings,
  type DirectionModel,
  loadModel,
  modelLoaders,
  type ModelSettings,
  type RegressionCandidate,
} from "./registry.ts";
export {
  type EvaluateOptions,
  walkForwardEvaluate,
  type WalkForwardEvaluation,
} from "./evaluate.ts";
export { firstSymbolTail, meanImportance, summaryMetrics } from "./report.ts";
export {
  type Coefficient,
  coefficientFrame,
  type Convergence,
  elasticNet,
  type ElasticNetOptions,
  ElasticNetRegression,
  INTERCEPT,
  lasso,
  type LinearModel,
  ols,
  OlsRegression,
  type OlsSummary,
} from "./linear/mod.ts";
export { logistic, type LogisticOptions, LogisticRegression } from "./linear/logistic.ts";
export {
  accuracy,
  classLabels,
  confusionFrame,
  type ConfusionMatrix,
  confusionMatrix,
  logLoss,
  macroF1,
  rocAuc,
  rocAucOvr,
} from "./classification_metrics.ts";
export {
  selectColumns,
  SYMBOL_FEATURE,
  type TrainingData,
  trainingData,
  type TrainingDataOptions,
} from "./dataset.ts";
export { type Task, TASKS } from "./tasks.ts";
export {
  conformalSummary,
  type QuantileEvaluateOptions,
  type QuantileEvaluation,
  walkForwardQuantiles,
} from "./evaluate_quantiles.ts";
export {
  ACTION_SELECTION,
  modelRow,
  selectActionChampion,
  selectChampion,
  type Selection,
  type SelectionRule,
} from "./selection.ts";
export {
  type ActionChampionRecord,
  type ChampionRecord,
  championTags,
  readChampionRecord,
  resolveModel,
  writeChampionRecord,
} from "./champion_record.ts";
export {
  defaultQuantileLevels,
  multiQuantile,
  MultiQuantileModel,
  type MultiQuantileOptions,
  type MultiQuantileSpec,
  quantileColumn,
  quantileFrame,
  type QuantilePredictions,
  type QuantileSpecFactory,
  rearrangeQuantiles,
  symmetricPairs,
} from "./quantiles.ts";
export {
  applyConformal,
  calibrateConformal,
  type CalibrationSplit,
  type CalibrationSplitOptions,
  type ConformalCalibration,
  type ConformalFit,
  type ConformalOptions,
  type ConformalPair,
  conformalQuantile,
  conformityScores,
  fitConformalQuantiles,
  splitCalibration,
} from "./conformal.ts";
export {
  calibrationTable,
  crossingRate,
  intervalCoverage,
  type IntervalMetrics,
  intervalScore,
  type LevelMetrics,
  meanIntervalWidth,
  pinballLoss,
  quantileMetricRecord,
  type QuantileMetrics,
  quantileMetrics,
  type QuantileMetricsOptions,
} from "./quantile_metrics.ts";
export {
  driftReport,
  type DriftReportOptions,
  type DriftStatus,
  driftStatus,
  type DriftThresholds,
  type KsMethod,
  type KsOptions,
  type KsResult,
  ksTwoSample,
  populationStability,
  type PsiOptions,
  type PsiResult,
} from "./drift.ts";
export { driftWindows } from "./drift_windows.ts";
export {
  type PromotionCheck,
  type PromotionDecision,
  promotionGate,
  type PromotionInput,
  type PromotionRules,
  type PromotionRulesInput,
  promotionRulesSchema,
} from "./promotion.ts";
export {
  predictFrame,
  PREDICTION_KEYS,
  type PredictOptions,
  probabilityPositive,
  type QuantilePredictor,
  upProbability,
  writePredictions,
} from "./inference.ts";
export {
  LightGbm,
  lightgbm,
  LightGbmClassifier,
  type LightGbmFitOptions,
  type LightGbmObjective,
  type LightGbmOptions,
  type LightGbmParamValue,
} from "./lightgbm/model.ts";
export {
  ACTION_MODELS,
  actionCandidate,
  actionCandidates,
  type CandidateSettings,
  DIRECTION_MODELS,
  directionCandidates,
  quantileCandidate,
  REGRESSION_CANDIDATES,
  regressionCandidates,
  specByName,
} from "./candidates.ts";
export { type ChampionFit, type ChampionOptions, fitChampion } from "./fit_champion.ts";
export { championSurrogate } from "./champion_surrogate.ts";
export {
  championFiles,
  checkSavedModel,
  LIGHTGBM_TEXT,
  lightgbmText,
  MODEL_JSON,
  modelArtifactFiles,
  type ModelFiles,
  parseModelJson,
  parseQuantileFile,
  QUANTILES_FILE,
} from "./model_files.ts";
export {
  type ActionChampion,
  actionChampion,
  type ClassifierEvaluation,
  type ClassifierOptions,
  stepPredictions,
  walkForwardClassifiers,
} from "./classifiers.ts";
export { featureColumns, foldOptions } from "./training_options.ts";
export { CLASSIFIER_METRICS, trainingMetrics, type TrainingResults } from "./training_metrics.ts";
export {
  cpcvReport,
  type CpcvSettings,
  type CpcvSharpe,
  cpcvSharpe,
  type CpcvSharpeOptions,
  longShortReturns,
} from "./cpcv_sharpe.ts";
