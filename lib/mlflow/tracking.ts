/**
 * The tracking calls of MLflow's REST API: experiments, runs, their params, metrics and tags,
 * and run search.
 * @internal
 * @module
 */
import { chunkLogBatch } from "./batch.ts";
import { MlflowError, type MlflowHttp } from "./http.ts";
import type {
  CreateRunOptions,
  Experiment,
  LogBatchInput,
  ParamValue,
  Run,
  RunInfo,
  SearchRunsOptions,
} from "./types.ts";
import {
  createExperimentResponse,
  experimentResponse,
  runResponse,
  searchRunsResponse,
  toWireParams,
  toWireTags,
  updateRunResponse,
  wireMetricValue,
} from "./wire.ts";

/**
 * Experiments and runs on one tracking server. Remembers the artifact root of every run it
 * creates or reads, so artifact calls on those runs need no extra `runs/get`.
 */
export class TrackingApi {
  readonly #http: MlflowHttp;
  readonly #artifactRoots = new Map<string, string>();

  constructor(http: MlflowHttp) {
    this.#http = http;
  }

  /** The experiment named `name`, or undefined when there is none. */
  async getExperimentByName(name: string): Promise<Experiment | undefined> {
    try {
      const body = await this.#http.json("get", "mlflow/experiments/get-by-name", {
        query: { experiment_name: name },
      });
      return experimentResponse.parse(body).experiment;
    } catch (error) {
      if (error instanceof MlflowError && error.errorCode === "RESOURCE_DOES_NOT_EXIST") {
        return undefined;
      }
      throw error;
    }
  }

  /** Creates an experiment and returns its id; fails with RESOURCE_ALREADY_EXISTS if the name is taken. */
  async createExperiment(name: string, tags: Record<string, string> = {}): Promise<string> {
    const body = await this.#http.json("post", "mlflow/experiments/create", {
      json: { name, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) },
    });
    return createExperimentResponse.parse(body).experiment_id;
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
    const body = await this.#http.json("post", "mlflow/runs/create", {
      json: {
        experiment_id: options.experimentId,
        run_name: options.runName,
        start_time: options.startTime ?? Date.now(),
        tags: toWireTags(tags),
      },
    });
    const run = runResponse.parse(body).run;
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
      await this.#http.json("post", "mlflow/runs/log-batch", { json: { run_id: runId, ...chunk } });
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
    const body = await this.#http.json("post", "mlflow/runs/update", {
      json: { run_id: runId, status, end_time: end },
    });
    return updateRunResponse.parse(body).run_info;
  }

  /** The run with its params, latest metric values and tags. */
  async getRun(runId: string): Promise<Run> {
    const body = await this.#http.json("get", "mlflow/runs/get", { query: { run_id: runId } });
    const run = runResponse.parse(body).run;
    this.#artifactRoots.set(runId, run.info.artifactUri);
    return run;
  }

  /** Runs of `experimentIds` matching `filter`, following pages up to `maxResults`. */
  async searchRuns(options: SearchRunsOptions): Promise<Run[]> {
    const runs: Run[] = [];
    const limit = options.maxResults ?? Infinity;
    let pageToken: string | undefined;
    do {
      const body = await this.#http.json("post", "mlflow/runs/search", {
        json: {
          experiment_ids: options.experimentIds,
          filter: options.filter,
          max_results: Math.min(1000, limit - runs.length),
          order_by: options.orderBy,
          page_token: pageToken,
        },
      });
      const page = searchRunsResponse.parse(body);
      for (const run of page.runs) runs.push(run);
      pageToken = page.next_page_token || undefined;
    } while (pageToken !== undefined && runs.length < limit);
    return runs;
  }

  /** The artifact root URI of run `runId` (remembered, or read with `runs/get`). */
  async artifactRoot(runId: string): Promise<string> {
    return this.#artifactRoots.get(runId) ?? (await this.getRun(runId)).info.artifactUri;
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
