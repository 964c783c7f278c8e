/**
 * Serving models from the MLflow registry: logging a fitted model's files to a run, publishing
 * the training step's champion through the promotion gate, loading a version by alias and
 * scoring the latest data with it. Sits above `lib/models` and `lib/mlflow`, which know nothing
 * of each other.
 * @module
 */
export { type LoggedModel, logModel } from "./log_model.ts";
export { loadByAlias, type LoadedModel, loadServedModel, type ServedModel } from "./load.ts";
export {
  type GateSettings,
  type Publication,
  publishChampion,
  type PublishOptions,
} from "./publish.ts";
export {
  ACTION_CLASSES_FILE,
  type ActionClassesFile,
  actionClassesFile,
  type ActionPublication,
  type ActionPublishOptions,
  publishActionChampion,
} from "./publish_action.ts";
export {
  championHistory,
  type PromoteOptions,
  type PromoteResult,
  promoteVersion,
  type RegistryRow,
  registryRows,
  rollbackChampion,
  SELECTED_BY_TAG,
  SELECTED_DIRECTION_TAG,
  selectionRule,
} from "./registry_admin.ts";
export { type Inference, inferLatest, type InferLatestOptions } from "./infer.ts";
export { formatModelRef, type ModelRef, parseModelRef } from "./model_ref.ts";
export { SYMBOLS_FILE, symbolsFile } from "./log_model.ts";
export {
  actionClassifier,
  loadModelFolder,
  loadScoringModel,
  saveModelFolder,
  type ScoringModel,
  scoringModelFromFiles,
  VERSION_FILE,
  type VersionInfo,
} from "./scoring_model.ts";
export {
  type CollectedRows,
  collectRows,
  type FeatureTable,
  featureTable,
  type InputRows,
  inputRows,
  latestDay,
  MissingInputsError,
  parseDay,
  servingFeatureSpec,
  UnknownSymbolError,
} from "./feature_inputs.ts";
export {
  type ActionScore,
  checkModels,
  modelFeatures,
  scoredFrame,
  type ScoredRow,
  scoreRows,
  type ScoringModels,
} from "./score.ts";
export {
  loadScoringModels,
  readStoredBars,
  scoreDay,
  type ScoringRefs,
  type ScoringTable,
  scoringTable,
} from "./scoring.ts";
export {
  SERVED_PREDICTIONS_FILE,
  servedPredictionsPath,
  upsertPredictionFile,
} from "./predictions_file.ts";
export {
  type Contribution,
  type IndexSignalPoint,
  type ServedIndexSignal,
  servedIndexSignal,
  type ServedSignalOptions,
} from "./served_signal.ts";
export {
  ModelService,
  type ModelSource,
  type ReloadResult,
  type ServiceOptions,
  ServiceUnavailable,
  type Serving,
} from "./service.ts";
export {
  BadRequest,
  bodyRows,
  checked,
  componentQuery,
  MAX_BATCH_ROWS,
  predictBody,
  queryObject,
  signalQuery,
} from "./requests.ts";
export { createHandler, type HandlerOptions, rowJson } from "./routes.ts";
export { openApiDocument } from "./openapi.ts";
export { livePage } from "./page.ts";
