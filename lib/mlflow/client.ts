/**
 * A small typed client for the MLflow tracking server's REST API (`/api/2.0/mlflow/...`) and its
 * proxied artifact API (`/api/2.0/mlflow-artifacts/artifacts/...`), built on `ky`.
 *
 * Field names and limits follow MLflow 3.17's REST API; responses are parsed with zod so a change
 * on the server fails loudly here instead of as an `undefined` three calls later.
 * @module
 */
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import ky, { HTTPError, type KyInstance, TimeoutError } from "ky";
import { z } from "zod";

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

/** Options of {@linkcode MlflowClient}. */
export interface MlflowClientOptions {
  /** Per-request timeout in milliseconds; defaults to 60_000. */
  timeoutMs?: number;
  /** Retries of idempotent requests (GET, PUT, DELETE) on network errors and 408/429/5xx; defaults to 2. */
  retries?: number;
}

/** Per-request limits of `runs/log-batch`. */
export interface LogBatchLimits {
  metrics: number;
  params: number;
  tags: number;
  /** Metrics, params and tags together. */
  total: number;
  /** Approximate JSON size of one request's entries, in bytes. */
  maxBytes: number;
}

/** MLflow's limits for `runs/log-batch`, plus a size cap under its documented 1 MB request limit. */
export const LOG_BATCH_LIMITS: Readonly<LogBatchLimits> = {
  metrics: 1000,
  params: 100,
  tags: 100,
  total: 1000,
  maxBytes: 900_000,
};

/** Longest param value MLflow keeps (longer values are silently truncated by the server). */
export const MAX_PARAM_VALUE_LENGTH = 6000;
/** Longest run tag value MLflow keeps (longer values are silently truncated by the server). */
export const MAX_TAG_VALUE_LENGTH = 8000;

/**
 * An error from the MLflow server (or from reaching it), carrying the endpoint, HTTP status and
 * MLflow's `error_code`. `status` is undefined when no response arrived (refused, timed out).
 */
export class MlflowError extends Error {
  /** The API path the request went to, e.g. `runs/get`. */
  readonly endpoint: string;
  /** HTTP status, or undefined when the server could not be reached. */
  readonly status: number | undefined;
  /** MLflow's `error_code` (e.g. `RESOURCE_DOES_NOT_EXIST`), when the body carried one. */
  readonly errorCode: string | undefined;
  /** The server's message (or the network error's). */
  readonly serverMessage: string;

  constructor(
    endpoint: string,
    status: number | undefined,
    errorCode: string | undefined,
    serverMessage: string,
    options?: ErrorOptions,
  ) {
    const head = status === undefined
      ? "MLflow unreachable"
      : `MLflow ${status}${errorCode ? ` ${errorCode}` : ""}`;
    super(`${head} on ${endpoint}: ${serverMessage}`, options);
    this.name = "MlflowError";
    this.endpoint = endpoint;
    this.status = status;
    this.errorCode = errorCode;
    this.serverMessage = serverMessage;
  }
}

/**
 * The base URL of a tracking server, without a trailing slash; throws when `trackingUri` is not
 * an http(s) URL, naming it.
 */
export function parseTrackingUri(trackingUri: string): string {
  let url: URL;
  try {
    url = new URL(trackingUri);
  } catch {
    throw new TypeError(notHttpMessage(trackingUri));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(notHttpMessage(trackingUri));
  }
  return url.href.replace(/\/+$/, "");
}

function notHttpMessage(trackingUri: string): string {
  return `MLflow tracking URI ${JSON.stringify(trackingUri)} is not an http(s) URL: this client ` +
    "only talks to a tracking server over REST (set MLFLOW_TRACKING_URI=http://host:port, or " +
    "leave it unset to start the local server)";
}

/**
 * The artifact-API path of `relativePath` inside a run whose artifact root is `artifactUri`
 * (`mlflow-artifacts:/1/abc/artifacts` + `plots/ic.svg` -> `1/abc/artifacts/plots/ic.svg`).
 * Throws when the run's artifacts are not proxied by the server.
 */
export function proxiedArtifactPath(artifactUri: string, relativePath = ""): string {
  if (!artifactUri.startsWith("mlflow-artifacts:")) {
    throw new Error(
      `run artifact root ${JSON.stringify(artifactUri)} is not an mlflow-artifacts: URI, so the ` +
        "server does not proxy its artifacts and they cannot be uploaded over REST; start the " +
        "server with artifact serving (`mlflow server --artifacts-destination <dir>`, without " +
        "--no-serve-artifacts) and log to an experiment created on it",
    );
  }
  const root = new URL(artifactUri).pathname.replace(/^\/+|\/+$/g, "");
  const rel = checkRelativePath(relativePath);
  return rel === "" ? root : `${root}/${rel}`;
}

function checkRelativePath(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, "");
  if (trimmed.split("/").some((part) => part === "..")) {
    throw new Error(`artifact path ${JSON.stringify(path)} must not contain '..'`);
  }
  return trimmed;
}

type WireMetric = { key: string; value: number | string; timestamp: number; step: number };
type WireKeyValue = { key: string; value: string };

/** One `runs/log-batch` request body (without `run_id`). */
export interface LogBatchChunk {
  metrics: WireMetric[];
  params: WireKeyValue[];
  tags: WireKeyValue[];
}

/**
 * Splits a batch into requests that respect MLflow's `log-batch` limits, keeping the order of
 * each kind. Each chunk takes params and tags first, then fills up with metrics.
 */
export function chunkLogBatch(
  batch: LogBatchChunk,
  limits: Readonly<LogBatchLimits> = LOG_BATCH_LIMITS,
): LogBatchChunk[] {
  const encoder = new TextEncoder();
  const chunks: LogBatchChunk[] = [];
  const next = { metrics: 0, params: 0, tags: 0 };
  const left = () =>
    next.metrics < batch.metrics.length || next.params < batch.params.length ||
    next.tags < batch.tags.length;
  while (left()) {
    const chunk: LogBatchChunk = { metrics: [], params: [], tags: [] };
    let count = 0;
    let bytes = 0;
    const take = (kind: "params" | "tags" | "metrics", max: number) => {
      const source = batch[kind] as Array<WireMetric | WireKeyValue>;
      const target = chunk[kind] as Array<WireMetric | WireKeyValue>;
      while (next[kind] < source.length && target.length < max && count < limits.total) {
        const item = source[next[kind]];
        const size = encoder.encode(JSON.stringify(item)).length + 1;
        // Always take one item per chunk so an oversized item still makes progress.
        if (count > 0 && bytes + size > limits.maxBytes) return;
        target.push(item);
        next[kind]++;
        count++;
        bytes += size;
      }
    };
    take("params", limits.params);
    take("tags", limits.tags);
    take("metrics", limits.metrics);
    chunks.push(chunk);
  }
  return chunks;
}

/** JSON cannot carry NaN or infinities; MLflow's protobuf JSON accepts them as strings. */
function wireMetricValue(value: number): number | string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  return value;
}

function toWireParams(params: Record<string, ParamValue>): WireKeyValue[] {
  return Object.entries(params).map(([key, raw]) => {
    const value = String(raw);
    // Python counts code points, not UTF-16 units.
    const length = Array.from(value).length;
    if (length > MAX_PARAM_VALUE_LENGTH) {
      throw new RangeError(
        `param ${JSON.stringify(key)} is ${length} characters; MLflow keeps at most ` +
          `${MAX_PARAM_VALUE_LENGTH} and would silently truncate it. Log long values as an ` +
          "artifact (logArtifactBytes) instead",
      );
    }
    return { key, value };
  });
}

function toWireTags(tags: Record<string, string>): WireKeyValue[] {
  return Object.entries(tags).map(([key, value]) => {
    const length = Array.from(value).length;
    if (length > MAX_TAG_VALUE_LENGTH) {
      throw new RangeError(
        `tag ${JSON.stringify(key)} is ${length} characters; MLflow keeps at most ` +
          `${MAX_TAG_VALUE_LENGTH} and would silently truncate it`,
      );
    }
    return { key, value };
  });
}

const keyValues = z.array(z.object({ key: z.string(), value: z.string().default("") }))
  .default([]);
const toRecord = (entries: { key: string; value: string }[]) =>
  Object.fromEntries(entries.map((e) => [e.key, e.value]));

const experimentSchema = z.object({
  experiment_id: z.string(),
  name: z.string(),
  artifact_location: z.string().default(""),
  lifecycle_stage: z.string(),
  creation_time: z.number().optional(),
  last_update_time: z.number().optional(),
  tags: keyValues,
}).transform((e): Experiment => ({
  experimentId: e.experiment_id,
  name: e.name,
  artifactLocation: e.artifact_location,
  lifecycleStage: e.lifecycle_stage,
  creationTime: e.creation_time,
  lastUpdateTime: e.last_update_time,
  tags: toRecord(e.tags),
}));

const runInfoSchema = z.object({
  run_id: z.string(),
  experiment_id: z.string(),
  run_name: z.string().default(""),
  status: z.enum(["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"]),
  start_time: z.number().optional(),
  end_time: z.number().optional(),
  artifact_uri: z.string().default(""),
  lifecycle_stage: z.string(),
}).transform((i): RunInfo => ({
  runId: i.run_id,
  experimentId: i.experiment_id,
  runName: i.run_name,
  status: i.status,
  startTime: i.start_time,
  endTime: i.end_time,
  artifactUri: i.artifact_uri,
  lifecycleStage: i.lifecycle_stage,
}));

// The server writes NaN as the string "NaN"; the SQL store clamps infinities to +-1.797e308.
const metricValue = z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"])])
  .transform(Number);

const runSchema = z.object({
  info: runInfoSchema,
  data: z.object({
    metrics: z.array(z.object({ key: z.string(), value: metricValue })).default([]),
    params: keyValues,
    tags: keyValues,
  }).default({}),
}).transform((r): Run => ({
  info: r.info,
  data: {
    params: toRecord(r.data.params),
    metrics: Object.fromEntries(r.data.metrics.map((m) => [m.key, m.value])),
    tags: toRecord(r.data.tags),
  },
}));

const registeredModelSchema = z.object({
  name: z.string(),
  creation_timestamp: z.number().optional(),
  last_updated_timestamp: z.number().optional(),
  description: z.string().optional(),
  tags: keyValues,
  aliases: z.array(z.object({ alias: z.string(), version: z.string() })).default([]),
}).transform((m): RegisteredModel => ({
  name: m.name,
  creationTimestamp: m.creation_timestamp,
  lastUpdatedTimestamp: m.last_updated_timestamp,
  description: m.description,
  tags: toRecord(m.tags),
  aliases: Object.fromEntries(m.aliases.map((a) => [a.alias, a.version])),
}));

const modelVersionSchema = z.object({
  name: z.string(),
  version: z.string(),
  source: z.string().default(""),
  run_id: z.string().optional(),
  status: z.string().optional(),
  aliases: z.array(z.string()).default([]),
  creation_timestamp: z.number().optional(),
  description: z.string().optional(),
  tags: keyValues,
}).transform((v): ModelVersion => ({
  name: v.name,
  version: v.version,
  source: v.source,
  // The server sends "" for a version registered without a run.
  runId: v.run_id || undefined,
  status: v.status,
  aliases: v.aliases,
  creationTimestamp: v.creation_timestamp,
  description: v.description,
  tags: toRecord(v.tags),
}));

const artifactListSchema = z.object({
  files: z.array(z.object({
    path: z.string(),
    is_dir: z.boolean().default(false),
    file_size: z.number().optional(),
  })).default([]),
});

type Method = "get" | "post" | "put" | "delete";
interface RequestOptions {
  query?: Record<string, string> | URLSearchParams;
  json?: unknown;
  body?: Uint8Array<ArrayBuffer>;
}

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
  readonly #http: KyInstance;
  readonly #artifactRoots = new Map<string, string>();

  constructor(trackingUri: string, options: MlflowClientOptions = {}) {
    this.trackingUri = parseTrackingUri(trackingUri);
    this.#http = ky.create({
      prefixUrl: `${this.trackingUri}/api/2.0/`,
      timeout: options.timeoutMs ?? 60_000,
      retry: options.retries ?? 2,
    });
  }

  /** The experiment named `name`, or undefined when there is none. */
  async getExperimentByName(name: string): Promise<Experiment | undefined> {
    try {
      const body = await this.#json("get", "mlflow/experiments/get-by-name", {
        query: { experiment_name: name },
      });
      return z.object({ experiment: experimentSchema }).parse(body).experiment;
    } catch (error) {
      if (error instanceof MlflowError && error.errorCode === "RESOURCE_DOES_NOT_EXIST") {
        return undefined;
      }
      throw error;
    }
  }

  /** Creates an experiment and returns its id; fails with RESOURCE_ALREADY_EXISTS if the name is taken. */
  async createExperiment(name: string, tags: Record<string, string> = {}): Promise<string> {
    const body = await this.#json("post", "mlflow/experiments/create", {
      json: { name, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) },
    });
    return z.object({ experiment_id: z.string() }).parse(body).experiment_id;
  }

  /**
   * The id of the experiment named `name`, created if missing. Safe when several processes race
   * to create it: the loser of the race reads the winner's experiment.
   */
  async getOrCreateExperiment(name: string): Promise<string> {
    const existing = await this.getExperimentByName(name);
    if (existing) return activeExperimentId(existing);
    try {
      return await this.createExperiment(name);
    } catch (error) {
      if (!(error instanceof MlflowError) || error.errorCode !== "RESOURCE_ALREADY_EXISTS") {
        throw error;
      }
      const winner = await this.getExperimentByName(name);
      if (!winner) throw error;
      return activeExperimentId(winner);
    }
  }

  /** Creates a run (nested under `parentRunId` when given) and returns its info. */
  async createRun(options: CreateRunOptions): Promise<RunInfo> {
    const tags: Record<string, string> = { ...options.tags };
    if (options.runName !== undefined) tags["mlflow.runName"] = options.runName;
    if (options.parentRunId !== undefined) tags["mlflow.parentRunId"] = options.parentRunId;
    const body = await this.#json("post", "mlflow/runs/create", {
      json: {
        experiment_id: options.experimentId,
        run_name: options.runName,
        start_time: options.startTime ?? Date.now(),
        tags: toWireTags(tags),
      },
    });
    const run = z.object({ run: runSchema }).parse(body).run;
    this.#artifactRoots.set(run.info.runId, run.info.artifactUri);
    return run.info;
  }

  /**
   * Logs metrics, params and tags, split into as many `log-batch` requests as MLflow's limits
   * need; returns the number of requests made. Params are stringified and must fit in 6000
   * characters (a RangeError names the param otherwise). Params are immutable in MLflow: logging
   * a different value for an existing key fails with INVALID_PARAMETER_VALUE.
   */
  async logBatch(runId: string, input: LogBatchInput): Promise<number> {
    const now = Date.now();
    const chunks = chunkLogBatch({
      metrics: (input.metrics ?? []).map((m) => ({
        key: m.key,
        value: wireMetricValue(m.value),
        timestamp: m.timestamp ?? now,
        step: m.step ?? 0,
      })),
      params: toWireParams(input.params ?? {}),
      tags: toWireTags(input.tags ?? {}),
    });
    for (const chunk of chunks) {
      await this.#json("post", "mlflow/runs/log-batch", { json: { run_id: runId, ...chunk } });
    }
    return chunks.length;
  }

  /** Logs each metric once at `step` (defaults to 0). */
  async logMetrics(runId: string, metrics: Record<string, number>, step = 0): Promise<void> {
    await this.logBatch(runId, {
      metrics: Object.entries(metrics).map(([key, value]) => ({ key, value, step })),
    });
  }

  /** Logs params, stringified (`true` -> `"true"`, `0.5` -> `"0.5"`). */
  async logParams(runId: string, params: Record<string, ParamValue>): Promise<void> {
    await this.logBatch(runId, { params });
  }

  /** Sets run tags (a later value for the same key replaces the earlier one). */
  async setTags(runId: string, tags: Record<string, string>): Promise<void> {
    await this.logBatch(runId, { tags });
  }

  /**
   * Sets a run's status; for a terminal status the end time defaults to now.
   * Returns the updated run info.
   */
  async updateRun(
    runId: string,
    status: "RUNNING" | "FINISHED" | "FAILED" | "KILLED",
    endTime?: number,
  ): Promise<RunInfo> {
    const end = endTime ?? (status === "RUNNING" ? undefined : Date.now());
    const body = await this.#json("post", "mlflow/runs/update", {
      json: { run_id: runId, status, end_time: end },
    });
    return z.object({ run_info: runInfoSchema }).parse(body).run_info;
  }

  /** The run with its params, latest metric values and tags. */
  async getRun(runId: string): Promise<Run> {
    const body = await this.#json("get", "mlflow/runs/get", { query: { run_id: runId } });
    const run = z.object({ run: runSchema }).parse(body).run;
    this.#artifactRoots.set(runId, run.info.artifactUri);
    return run;
  }

  /** Runs of `experimentIds` matching `filter`, following pages up to `maxResults`. */
  async searchRuns(options: SearchRunsOptions): Promise<Run[]> {
    const runs: Run[] = [];
    const limit = options.maxResults ?? Infinity;
    let pageToken: string | undefined;
    do {
      const body = await this.#json("post", "mlflow/runs/search", {
        json: {
          experiment_ids: options.experimentIds,
          filter: options.filter,
          max_results: Math.min(1000, limit - runs.length),
          order_by: options.orderBy,
          page_token: pageToken,
        },
      });
      const page = z.object({
        runs: z.array(runSchema).default([]),
        next_page_token: z.string().optional(),
      }).parse(body);
      runs.push(...page.runs);
      pageToken = page.next_page_token || undefined;
    } while (pageToken !== undefined && runs.length < limit);
    return runs;
  }

  /**
   * Uploads the file at `localPath` as `<artifactPath>/<file name>` (or `<file name>` at the
   * run's artifact root), through the server's artifact proxy. Returns the run-relative path.
   */
  async logArtifact(runId: string, localPath: string, artifactPath?: string): Promise<string> {
    if ((await stat(localPath)).isDirectory()) {
      throw new Error(`logArtifact uploads one file; ${localPath} is a directory`);
    }
    const name = basename(localPath);
    const target = artifactPath ? `${checkRelativePath(artifactPath)}/${name}` : name;
    await this.logArtifactBytes(runId, await readFile(localPath), target);
    return target;
  }

  /**
   * Uploads `bytes` (a string is written as UTF-8) to `artifactPath`, a file path relative to the
   * run's artifact root such as `reports/summary.json`.
   */
  async logArtifactBytes(
    runId: string,
    bytes: Uint8Array | string,
    artifactPath: string,
  ): Promise<void> {
    // fetch wants a view over a plain ArrayBuffer; the copy also detaches the upload from the caller.
    const body = typeof bytes === "string"
      ? new TextEncoder().encode(bytes)
      : new Uint8Array(bytes);
    if (checkRelativePath(artifactPath) === "") {
      throw new Error("logArtifactBytes needs a file path such as 'reports/summary.json'");
    }
    const path = proxiedArtifactPath(await this.#artifactRoot(runId), artifactPath);
    await this.#send("put", `mlflow-artifacts/artifacts/${encodePath(path)}`, { body });
  }

  /** Files and directories directly under `path` (the run's artifact root by default). */
  async listArtifacts(runId: string, path?: string): Promise<ArtifactInfo[]> {
    const query: Record<string, string> = { run_id: runId };
    if (path) query.path = checkRelativePath(path);
    const body = await this.#json("get", "mlflow/artifacts/list", { query });
    return artifactListSchema.parse(body).files.map((f) => ({
      path: f.path,
      isDir: f.is_dir,
      fileSize: f.file_size,
    }));
  }

  /** The bytes of the artifact at `path`, relative to the run's artifact root. */
  async downloadArtifact(runId: string, path: string): Promise<Uint8Array> {
    const full = proxiedArtifactPath(await this.#artifactRoot(runId), path);
    const response = await this.#send("get", `mlflow-artifacts/artifacts/${encodePath(full)}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  /** Creates a registered model; fails with RESOURCE_ALREADY_EXISTS if the name is taken. */
  async createRegisteredModel(
    name: string,
    options: RegistryCreateOptions = {},
  ): Promise<RegisteredModel> {
    const body = await this.#json("post", "mlflow/registered-models/create", {
      json: { name, tags: toWireTags(options.tags ?? {}), description: options.description },
    });
    return z.object({ registered_model: registeredModelSchema }).parse(body).registered_model;
  }

  /**
   * The registered model `name` with its tags and aliases, or undefined when there is none.
   */
  async getRegisteredModel(name: string): Promise<RegisteredModel | undefined> {
    try {
      const body = await this.#json("get", "mlflow/registered-models/get", { query: { name } });
      return z.object({ registered_model: registeredModelSchema }).parse(body).registered_model;
    } catch (error) {
      if (error instanceof MlflowError && error.errorCode === "RESOURCE_DOES_NOT_EXIST") {
        return undefined;
      }
      throw error;
    }
  }

  /** Sets tag `key` of registered model `name` (replacing an earlier value). */
  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    toWireTags({ [key]: value });
    await this.#json("post", "mlflow/registered-models/set-tag", { json: { name, key, value } });
  }

  /** Removes tag `key` from registered model `name`. */
  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    await this.#json("delete", "mlflow/registered-models/delete-tag", { json: { name, key } });
  }

  /**
   * Registers `source` as the next version of model `name`: a `runs:/<runId>/model` URI or the
   * run's artifact URI plus a path (`mlflow-artifacts:/1/<runId>/artifacts/model`).
   */
  async createModelVersion(
    name: string,
    source: string,
    runId: string,
    options: RegistryCreateOptions = {},
  ): Promise<ModelVersion> {
    const body = await this.#json("post", "mlflow/model-versions/create", {
      json: {
        name,
        source,
        run_id: runId,
        tags: toWireTags(options.tags ?? {}),
        description: options.description,
      },
    });
    return z.object({ model_version: modelVersionSchema }).parse(body).model_version;
  }

  /** Version `version` of model `name` with its tags and aliases. */
  async getModelVersion(name: string, version: string | number): Promise<ModelVersion> {
    const body = await this.#json("get", "mlflow/model-versions/get", {
      query: { name, version: String(version) },
    });
    return z.object({ model_version: modelVersionSchema }).parse(body).model_version;
  }

  /** Sets tag `key` of version `version` of model `name`. */
  async setModelVersionTag(
    name: string,
    version: string | number,
    key: string,
    value: string,
  ): Promise<void> {
    toWireTags({ [key]: value });
    await this.#json("post", "mlflow/model-versions/set-tag", {
      json: { name, version: String(version), key, value },
    });
  }

  /** Model versions matching `filter`, following pages up to `maxResults`. */
  async searchModelVersions(options: SearchModelVersionsOptions = {}): Promise<ModelVersion[]> {
    const versions: ModelVersion[] = [];
    const limit = options.maxResults ?? Infinity;
    let pageToken: string | undefined;
    do {
      // A GET endpoint: repeated order_by values go in the query string one by one.
      const query = new URLSearchParams();
      if (options.filter) query.set("filter", options.filter);
      query.set("max_results", String(Math.min(1000, limit - versions.length)));
      for (const o of options.orderBy ?? []) query.append("order_by", o);
      if (pageToken) query.set("page_token", pageToken);
      const body = await this.#json("get", "mlflow/model-versions/search", { query });
      const page = z.object({
        model_versions: z.array(modelVersionSchema).default([]),
        next_page_token: z.string().optional(),
      }).parse(body);
      versions.push(...page.model_versions);
      pageToken = page.next_page_token || undefined;
    } while (pageToken !== undefined && versions.length < limit);
    return versions;
  }

  /** Where the files of version `version` of model `name` can be downloaded from (a URI). */
  async getModelVersionDownloadUri(name: string, version: string | number): Promise<string> {
    const body = await this.#json("get", "mlflow/model-versions/get-download-uri", {
      query: { name, version: String(version) },
    });
    return z.object({ artifact_uri: z.string() }).parse(body).artifact_uri;
  }

  /**
   * The bytes of the file `relativePath` under an `mlflow-artifacts:` URI (such as a model
   * version's download URI), through the server's artifact proxy.
   */
  async downloadArtifactUri(artifactUri: string, relativePath = ""): Promise<Uint8Array> {
    const full = proxiedArtifactPath(artifactUri, relativePath);
    const response = await this.#send("get", `mlflow-artifacts/artifacts/${encodePath(full)}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  /** Points `alias` of model `name` at `version`, moving it if it pointed elsewhere. */
  async setRegisteredModelAlias(
    name: string,
    alias: string,
    version: string | number,
  ): Promise<void> {
    await this.#json("post", "mlflow/registered-models/alias", {
      json: { name, alias, version: String(version) },
    });
  }

  /** The version `alias` points at, or undefined when model `name` has no such alias. */
  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined> {
    try {
      const body = await this.#json("get", "mlflow/registered-models/alias", {
        query: { name, alias },
      });
      return z.object({ model_version: modelVersionSchema }).parse(body).model_version;
    } catch (error) {
      // MLflow 3.17 answers a missing alias with 400 INVALID_PARAMETER_VALUE, not a 404.
      if (
        error instanceof MlflowError && error.errorCode === "INVALID_PARAMETER_VALUE" &&
        /alias .* not found/i.test(error.serverMessage)
      ) {
        return undefined;
      }
      throw error;
    }
  }

  /** Removes `alias` from model `name`. */
  async deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    // The server reads name and alias from a JSON body here, not from the query string.
    await this.#json("delete", "mlflow/registered-models/alias", { json: { name, alias } });
  }

  async #artifactRoot(runId: string): Promise<string> {
    return this.#artifactRoots.get(runId) ?? (await this.getRun(runId)).info.artifactUri;
  }

  async #json(method: Method, path: string, options: RequestOptions = {}): Promise<unknown> {
    const response = await this.#send(method, path, options);
    const text = await response.text();
    return text.trim() === "" ? {} : JSON.parse(text);
  }

  async #send(method: Method, path: string, options: RequestOptions = {}): Promise<Response> {
    const endpoint = path.replace(/^mlflow\//, "");
    try {
      return await this.#http(path, {
        method,
        searchParams: options.query,
        json: options.json,
        body: options.body,
        headers: options.body ? { "content-type": "application/octet-stream" } : undefined,
      });
    } catch (error) {
      if (error instanceof HTTPError) throw await httpError(endpoint, error);
      if (error instanceof TimeoutError) {
        throw new MlflowError(
          endpoint,
          undefined,
          undefined,
          `no answer from ${this.trackingUri}`,
          {
            cause: error,
          },
        );
      }
      if (error instanceof TypeError) {
        const reason = error.message;
        throw new MlflowError(
          endpoint,
          undefined,
          undefined,
          `cannot reach the tracking server at ${this.trackingUri} (${reason})`,
          { cause: error },
        );
      }
      throw error;
    }
  }
}

function activeExperimentId(experiment: Experiment): string {
  if (experiment.lifecycleStage === "deleted") {
    throw new Error(
      `experiment ${JSON.stringify(experiment.name)} (id ${experiment.experimentId}) is deleted; ` +
        "restore it in the MLflow UI or use another name",
    );
  }
  return experiment.experimentId;
}

async function httpError(endpoint: string, error: HTTPError): Promise<MlflowError> {
  const text = (await error.response.text().catch(() => "")).trim();
  let code: string | undefined;
  let message = text.slice(0, 500) || error.response.statusText;
  try {
    const parsed = z.object({ error_code: z.string().optional(), message: z.string().optional() })
      .parse(JSON.parse(text));
    code = parsed.error_code;
    if (parsed.message) message = parsed.message;
  } catch {
    // Not MLflow's JSON error shape (e.g. the host-check middleware's plain-text 403).
  }
  return new MlflowError(endpoint, error.response.status, code, message, { cause: error });
}

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
