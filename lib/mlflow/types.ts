/**
 * The records an MLflow tracking server returns (experiments, runs, artifacts, registered models
 * and their versions) and the options of the client's calls, in camelCase.
 * @module
 */

/** Status of a run, as MLflow reports it. */
export type RunStatus = "RUNNING" | "SCHEDULED" | "FINISHED" | "FAILED" | "KILLED";

/** A param value before it is stringified for MLflow (params are always strings there). */
export type ParamValue = string | number | boolean;

/** An experiment as returned by `experiments/get-by-name`. */
export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  /** `"active"` or `"deleted"`. */
  lifecycleStage: string;
  creationTime?: number;
  lastUpdateTime?: number;
  tags: Record<string, string>;
}

/** Metadata of a run (`run.info` in MLflow's responses). */
export interface RunInfo {
  runId: string;
  experimentId: string;
  runName: string;
  status: RunStatus;
  /** Unix time in milliseconds. */
  startTime?: number;
  /** Unix time in milliseconds; absent while the run is running. */
  endTime?: number;
  /** Where the run's artifacts live, e.g. `mlflow-artifacts:/1/<runId>/artifacts`. */
  artifactUri: string;
  lifecycleStage: string;
}

/** A run with its logged data; `metrics` holds the latest value of each metric key. */
export interface Run {
  info: RunInfo;
  data: {
    params: Record<string, string>;
    metrics: Record<string, number>;
    tags: Record<string, string>;
  };
}

/** One metric observation for {@linkcode MlflowClient.logBatch}. */
export interface MetricEntry {
  key: string;
  value: number;
  /** Defaults to 0. */
  step?: number;
  /** Unix time in milliseconds; defaults to the time of the call. */
  timestamp?: number;
}

/** What {@linkcode MlflowClient.logBatch} logs; any part may be omitted. */
export interface LogBatchInput {
  metrics?: MetricEntry[];
  params?: Record<string, ParamValue>;
  tags?: Record<string, string>;
}

/** Options for {@linkcode MlflowClient.createRun}. */
export interface CreateRunOptions {
  experimentId: string;
  runName?: string;
  /** Unix time in milliseconds; defaults to the time of the call. */
  startTime?: number;
  tags?: Record<string, string>;
  /** Makes this a nested run of `parentRunId` (tag `mlflow.parentRunId`). */
  parentRunId?: string;
}

/** Options for {@linkcode MlflowClient.searchRuns}. */
export interface SearchRunsOptions {
  experimentIds: string[];
  /** MLflow search syntax, e.g. `params.model = 'lgbm' and metrics.ic > 0.02`. */
  filter?: string;
  /** Defaults to every matching run. */
  maxResults?: number;
  /** E.g. `["metrics.ic DESC", "attributes.start_time ASC"]`. */
  orderBy?: string[];
}

/** One entry of a run's artifact listing; `path` is relative to the run's artifact root. */
export interface ArtifactInfo {
  path: string;
  isDir: boolean;
  fileSize?: number;
}

/** A registered model in the model registry. */
export interface RegisteredModel {
  name: string;
  creationTimestamp?: number;
  lastUpdatedTimestamp?: number;
  description?: string;
  /** The model's tags (not its versions' tags). */
  tags: Record<string, string>;
  /** Each alias of the model and the version it points at, e.g. `{ champion: "2" }`. */
  aliases: Record<string, string>;
}

/** A version of a registered model. */
export interface ModelVersion {
  name: string;
  version: string;
  source: string;
  runId?: string;
  status?: string;
  aliases: string[];
  creationTimestamp?: number;
  description?: string;
  /** The version's tags. */
  tags: Record<string, string>;
}

/** Options of {@linkcode MlflowClient.createRegisteredModel} and `createModelVersion`. */
export interface RegistryCreateOptions {
  tags?: Record<string, string>;
  description?: string;
}

/** Options for {@linkcode MlflowClient.searchModelVersions}. */
export interface SearchModelVersionsOptions {
  /** MLflow search syntax, e.g. `name = 'ranker'` or `run_id = '<id>'`. */
  filter?: string;
  /** Defaults to every matching version. */
  maxResults?: number;
  /** E.g. `["version_number DESC"]`. */
  orderBy?: string[];
}
