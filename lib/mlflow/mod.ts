/**
 * MLflow tracking over REST: a typed client, a local server for runs without one, tracking that
 * survives an outage, and the model-registry workflow.
 * @module
 */
export { MlflowClient } from "./client.ts";
export { type MlflowClientOptions, MlflowError, parseTrackingUri } from "./http.ts";
export type {
  ArtifactInfo,
  CreateRunOptions,
  Experiment,
  LogBatchInput,
  MetricEntry,
  ModelVersion,
  ParamValue,
  RegisteredModel,
  RegistryCreateOptions,
  Run,
  RunInfo,
  RunStatus,
  SearchModelVersionsOptions,
  SearchRunsOptions,
} from "./types.ts";
export {
  type LocalServer,
  type LocalServerOptions,
  resolveTracking,
  type ResolveTrackingOptions,
  startLocalServer,
  type TrackingTarget,
} from "./server.ts";
export { type ReplayResult, replaySpool, ResilientTracker, Spool, type Tracker } from "./spool.ts";
export {
  type ArtifactFiles,
  downloadSourceFile,
  logArtifactFiles,
  type LoggedArtifacts,
} from "./artifacts.ts";
export {
  CHALLENGER,
  CHAMPION,
  CHAMPION_HISTORY_TAG,
  type ChampionChange,
  championTagMetric,
  hasAlias,
  PREVIOUS_CHAMPION_TAG,
  promote,
  registerModel,
  type RegisterOptions,
  rollback,
  versionByAlias,
} from "./registry.ts";
