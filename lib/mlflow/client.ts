/**
 * A small typed client for the MLflow tracking server's REST API (`/api/2.0/mlflow/...`) and its
 * proxied artifact API (`/api/2.0/mlflow-artifacts/artifacts/...`): one object over the tracking,
 * artifact and registry calls, which share its transport.
 * @module
 */
import { ArtifactApi } from "./artifact_api.ts";
import { type MlflowClientOptions, MlflowHttp } from "./http.ts";
import { RegistryApi } from "./registry_api.ts";
import { TrackingApi } from "./tracking.ts";
import type {
  ArtifactInfo,
  CreateRunOptions,
  Experiment,
  LogBatchInput,
  ModelVersion,
  ParamValue,
  RegisteredModel,
  RegistryCreateOptions,
  Run,
  RunInfo,
  SearchModelVersionsOptions,
  SearchRunsOptions,
} from "./types.ts";

// Callers catch the client's error and name its records from here.
export { type MlflowClientOptions, MlflowError, parseTrackingUri } from "./http.ts";
export type { ModelVersion } from "./types.ts";

/**
 * Typed REST client for an MLflow tracking server.
 *
 * @example
 * ```ts ignore
 * const mlflow = new MlflowClient("http://127.0.0.1:5000");
 * const experimentId = await mlflow.getOrCreateExperiment("features");
 * const run = await mlflow.createRun({ experimentId, runName: "rsi_14" });
 * await mlflow.logParams(run.runId, { window: 14 });
 * await mlflow.logMetrics(run.runId, { ic: 0.031 });
 * await mlflow.updateRun(run.runId, "FINISHED");
 * ```
 */
export class MlflowClient {
  /** The server's base URL, without a trailing slash. */
  readonly trackingUri: string;
  readonly #tracking: TrackingApi;
  readonly #artifacts: ArtifactApi;
  readonly #registry: RegistryApi;

  constructor(trackingUri: string, options: MlflowClientOptions = {}) {
    const http = new MlflowHttp(trackingUri, options);
    this.trackingUri = http.trackingUri;
    this.#tracking = new TrackingApi(http);
    this.#artifacts = new ArtifactApi(http, this.#tracking);
    this.#registry = new RegistryApi(http);
  }

  /** The experiment named `name`, or undefined when there is none. */
  getExperimentByName(name: string): Promise<Experiment | undefined> {
    return this.#tracking.getExperimentByName(name);
  }
  /** Creates an experiment and returns its id; fails with RESOURCE_ALREADY_EXISTS if the name is taken. */
  createExperiment(name: string, tags: Record<string, string> = {}): Promise<string> {
    return this.#tracking.createExperiment(name, tags);
  }
  /** The id of the experiment named `name`, created if missing (safe when processes race). */
  getOrCreateExperiment(name: string): Promise<string> {
    return this.#tracking.getOrCreateExperiment(name);
  }
  /** Creates a run (nested under `parentRunId` when given) and returns its info. */
  createRun(options: CreateRunOptions): Promise<RunInfo> {
    return this.#tracking.createRun(options);
  }
  /** Logs metrics, params and tags in as many `log-batch` requests as MLflow's limits need. */
  logBatch(runId: string, input: LogBatchInput): Promise<number> {
    return this.#tracking.logBatch(runId, input);
  }
  /** Logs each metric once at `step` (defaults to 0). */
  logMetrics(runId: string, metrics: Record<string, number>, step = 0): Promise<void> {
    return this.#tracking.logMetrics(runId, metrics, step);
  }
  /** Logs params, stringified (`true` -> `"true"`, `0.5` -> `"0.5"`). */
  logParams(runId: string, params: Record<string, ParamValue>): Promise<void> {
    return this.#tracking.logParams(runId, params);
  }
  /** Sets run tags (a later value for the same key replaces the earlier one). */
  setTags(runId: string, tags: Record<string, string>): Promise<void> {
    return this.#tracking.setTags(runId, tags);
  }
  /** Sets a run's status (a terminal one ends it, by default now); returns the updated info. */
  updateRun(
    runId: string,
    status: "RUNNING" | "FINISHED" | "FAILED" | "KILLED",
    endTime?: number,
  ): Promise<RunInfo> {
    return this.#tracking.updateRun(runId, status, endTime);
  }
  /** The run with its params, latest metric values and tags. */
  getRun(runId: string): Promise<Run> {
    return this.#tracking.getRun(runId);
  }
  /** Runs of `experimentIds` matching `filter`, following pages up to `maxResults`. */
  searchRuns(options: SearchRunsOptions): Promise<Run[]> {
    return this.#tracking.searchRuns(options);
  }

  /** Uploads the file at `localPath` into folder `artifactPath`; returns its run-relative path. */
  logArtifact(runId: string, localPath: string, artifactPath?: string): Promise<string> {
    return this.#artifacts.logArtifact(runId, localPath, artifactPath);
  }
  /** Uploads `bytes` (a string as UTF-8) to the run-relative file path `artifactPath`. */
  logArtifactBytes(runId: string, bytes: Uint8Array | string, artifactPath: string): Promise<void> {
    return this.#artifacts.logArtifactBytes(runId, bytes, artifactPath);
  }
  /** Files and directories directly under `path` (the run's artifact root by default). */
  listArtifacts(runId: string, path?: string): Promise<ArtifactInfo[]> {
    return this.#artifacts.listArtifacts(runId, path);
  }
  /** The bytes of the artifact at `path`, relative to the run's artifact root. */
  downloadArtifact(runId: string, path: string): Promise<Uint8Array> {
    return this.#artifacts.downloadArtifact(runId, path);
  }
  /** The bytes of the file `relativePath` under an `mlflow-artifacts:` URI. */
  downloadArtifactUri(artifactUri: string, relativePath = ""): Promise<Uint8Array> {
    return this.#artifacts.downloadArtifactUri(artifactUri, relativePath);
  }

  /** Creates a registered model; fails with RESOURCE_ALREADY_EXISTS if the name is taken. */
  createRegisteredModel(
    name: string,
    options: RegistryCreateOptions = {},
  ): Promise<RegisteredModel> {
    return this.#registry.createRegisteredModel(name, options);
  }
  /** The registered model `name` with its tags and aliases, or undefined when there is none. */
  getRegisteredModel(name: string): Promise<RegisteredModel | undefined> {
    return this.#registry.getRegisteredModel(name);
  }
  /** Sets tag `key` of registered model `name` (replacing an earlier value). */
  setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    return this.#registry.setRegisteredModelTag(name, key, value);
  }
  /** Removes tag `key` from registered model `name`. */
  deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    return this.#registry.deleteRegisteredModelTag(name, key);
  }
  /** Registers `source` (a `runs:/` or `mlflow-artifacts:` URI) as the next version of `name`. */
  createModelVersion(
    name: string,
    source: string,
    runId: string,
    options: RegistryCreateOptions = {},
  ): Promise<ModelVersion> {
    return this.#registry.createModelVersion(name, source, runId, options);
  }
  /** Version `version` of model `name` with its tags and aliases. */
  getModelVersion(name: string, version: string | number): Promise<ModelVersion> {
    return this.#registry.getModelVersion(name, version);
  }
  /** Sets tag `key` of version `version` of model `name`. */
  setModelVersionTag(
    name: string,
    version: string | number,
    key: string,
    value: string,
  ): Promise<void> {
    return this.#registry.setModelVersionTag(name, version, key, value);
  }
  /** Model versions matching `filter`, following pages up to `maxResults`. */
  searchModelVersions(options: SearchModelVersionsOptions = {}): Promise<ModelVersion[]> {
    return this.#registry.searchModelVersions(options);
  }
  /** Where the files of version `version` of model `name` can be downloaded from (a URI). */
  getModelVersionDownloadUri(name: string, version: string | number): Promise<string> {
    return this.#registry.getModelVersionDownloadUri(name, version);
  }
  /** Points `alias` of model `name` at `version`, moving it if it pointed elsewhere. */
  setRegisteredModelAlias(name: string, alias: string, version: string | number): Promise<void> {
    return this.#registry.setRegisteredModelAlias(name, alias, version);
  }
  /** The version `alias` points at, or undefined when model `name` has no such alias. */
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined> {
    return this.#registry.getModelVersionByAlias(name, alias);
  }
  /** Removes `alias` from model `name`. */
  deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    return this.#registry.deleteRegisteredModelAlias(name, alias);
  }
}
