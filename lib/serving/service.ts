/**
 * The state of `deno task serve:model`: the models it serves (loaded from their registry
 * aliases, or from a local model folder when the registry cannot be reached), the feature table
 * of the stored bars, and the index signal per date. A reload that fails keeps the models that
 * were serving; a start with neither registry nor folder leaves the service unavailable with the
 * reason, which every model endpoint returns as a 503.
 *
 * The model folder (`modelDir`) holds `regression/` and `action/` as `saveModelFolder` writes
 * them. After each load from the registry the service writes the models it loaded there, so the
 * folder is the last model loaded and a restart while the registry is down serves it.
 * @module
 */
import { join } from "node:path";
import type pl from "nodejs-polars";
import { MlflowClient, MlflowError } from "../mlflow/client.ts";
import type { IndexWeights } from "../signals/constituent_weights.ts";
import type { PositionOptions } from "../signals/positions.ts";
import { latestDay } from "./feature_inputs.ts";
import { formatModelRef } from "./model_ref.ts";
import type { ScoringModels } from "./score.ts";
import { loadScoringModels, type ScoringRefs, type ScoringTable, scoringTable } from "./scoring.ts";
import { loadModelFolder, saveModelFolder } from "./scoring_model.ts";
import { type ServedIndexSignal, servedIndexSignal } from "./served_signal.ts";

/** How {@link ModelService} finds its models, bars and signal settings. */
export interface ServiceOptions {
  /** The MLflow tracking server holding the registry; unset serves `modelDir` only. */
  trackingUri?: string;
  /** The aliases to serve. */
  refs: ScoringRefs;
  /** The local model folder (see the module doc); unset for none. */
  modelDir?: string;
  /** The stored bars file (step 01's panel). */
  barsPath: string;
  /** Reads the bars. */
  readBars: () => pl.DataFrame;
  /** The index weights of the bars (constituents file or proxy). */
  weights: (bars: pl.DataFrame) => IndexWeights;
  /** Index signal settings. */
  signal: { minCoverage: number; positions: PositionOptions; history: number };
  /** Registry request timeout in milliseconds. Defaults to 5,000. */
  timeoutMs?: number;
}

/** Where the serving models came from. */
export type ModelSource = "registry" | "model-dir";

/** The models being served, with the data they score. */
export interface Serving {
  models: ScoringModels;
  table: ScoringTable;
  weights: IndexWeights;
  /** ISO time of the load. */
  loadedAt: string;
  source: ModelSource;
  /** Why the registry was not used, for a `model-dir` source. */
  fallbackReason?: string;
}

/** The outcome of a reload. */
export type ReloadResult = { ok: true; serving: Serving } | { ok: false; error: string };

/** The served models, their data and the registry they come from. */
export class ModelService {
  readonly options: ServiceOptions;
  /** The models being served; undefined while unavailable. */
  serving?: Serving;
  /** Why the service is unavailable (no model could be loaded at start). */
  unavailable?: string;
  /** The last failed reload: when and why (the previous models kept serving). */
  lastReloadError?: { at: string; error: string };
  readonly #client?: MlflowClient;
  readonly #signals = new Map<number, ServedIndexSignal>();
  #barsMtime = 0;
  #checkedAt = 0;

  constructor(options: ServiceOptions) {
    this.options = options;
    if (options.trackingUri) {
      this.#client = new MlflowClient(options.trackingUri, {
        timeoutMs: options.timeoutMs ?? 5_000,
        retries: 0,
      });
    }
  }

  /**
   * Loads the models (registry, else the model folder) and the bars. Never throws: without
   * models the service is unavailable and {@link unavailable} says why.
   */
  async start(): Promise<this> {
    const loaded = await this.#load();
    if (loaded.ok) this.serving = loaded.serving;
    else this.unavailable = loaded.error;
    return this;
  }

  /**
   * Loads the aliases again (a new champion, new bars). On failure the previous models keep
   * serving and the error is returned and kept in {@link lastReloadError}.
   */
  async reload(): Promise<ReloadResult> {
    const loaded = await this.#load(this.serving !== undefined);
    if (loaded.ok) {
      this.serving = loaded.serving;
      this.unavailable = undefined;
      this.lastReloadError = undefined;
      this.#signals.clear();
    } else {
      this.lastReloadError = { at: new Date().toISOString(), error: loaded.error };
    }
    return loaded;
  }

  /** Whether the registry answers `GET /health`, and the problem when it does not. */
  async registryStatus(): Promise<{ reachable: boolean; problem?: string }> {
    const uri = this.options.trackingUri;
    if (!uri) return { reachable: false, problem: "no registry configured" };
    try {
      const response = await fetch(`${uri}/health`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return response.ok
        ? { reachable: true }
        : { reachable: false, problem: `GET /health answered ${response.status}` };
    } catch (error) {
      return { reachable: false, problem: (error as Error).message };
    }
  }

  /**
   * The serving state with bars no older than the file: when the bars file changed since it
   * was read (checked at most once a second), the feature table is rebuilt. Throws
   * {@link ServiceUnavailable} without models.
   */
  current(): Serving {
    const serving = this.serving;
    if (!serving) throw new ServiceUnavailable(this.unavailable ?? "no model loaded");
    const now = Date.now();
    if (now - this.#checkedAt > 1_000) {
      this.#checkedAt = now;
      const mtime = this.#mtime();
      if (mtime !== this.#barsMtime) {
        this.#barsMtime = mtime;
        const bars = this.options.readBars();
        serving.table = scoringTable(bars, serving.models);
        serving.weights = this.options.weights(bars);
        this.#signals.clear();
      }
    }
    return serving;
  }

  /** The index signal of `day` (default: the latest session), cached per day. */
  signal(day?: number): ServedIndexSignal {
    const serving = this.current();
    const at = day ?? latestDay(serving.table);
    let signal = this.#signals.get(at);
    if (!signal) {
      signal = servedIndexSignal(serving.models, serving.table, at, {
        weights: serving.weights,
        ...this.options.signal,
      });
      if (this.#signals.size >= 64) this.#signals.delete(this.#signals.keys().next().value!);
      this.#signals.set(at, signal);
    }
    return signal;
  }

  async #load(keepPrevious = false): Promise<ReloadResult> {
    const { refs, modelDir } = this.options;
    let models: ScoringModels | undefined;
    let source: ModelSource = "registry";
    let fallbackReason: string | undefined;
    const wanted = [refs.regression, refs.action].filter((r) => r !== undefined)
      .map((r) => formatModelRef(r!)).join(" and ");
    try {
      if (!this.#client) throw new Error("no registry configured (MLFLOW_TRACKING_URI)");
      models = await loadScoringModels(this.#client, refs);
    } catch (error) {
      const reason = describe(error);
      // A reload keeps what serves rather than falling back to an older folder copy.
      if (keepPrevious || !modelDir) {
        return { ok: false, error: `cannot load ${wanted} from the registry: ${reason}` };
      }
      try {
        models = await readModelDir(modelDir, refs);
        source = "model-dir";
        fallbackReason = reason;
      } catch (folderError) {
        return {
          ok: false,
          error: `cannot load ${wanted} from the registry (${reason}) nor from the model ` +
            `folder ${modelDir} (${(folderError as Error).message})`,
        };
      }
    }
    let bars: pl.DataFrame;
    let table: ScoringTable;
    try {
      this.#barsMtime = this.#mtime();
      bars = this.options.readBars();
      table = scoringTable(bars, models);
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
    if (source === "registry" && modelDir) await writeModelDir(modelDir, models);
    return {
      ok: true,
      serving: {
        models,
        table,
        weights: this.options.weights(bars),
        loadedAt: new Date().toISOString(),
        source,
        fallbackReason,
      },
    };
  }

  #mtime(): number {
    try {
      return Deno.statSync(this.options.barsPath).mtime?.getTime() ?? 0;
    } catch {
      return 0;
    }
  }
}

/** No model is loaded: the reason, answered as HTTP 503. */
export class ServiceUnavailable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "ServiceUnavailable";
  }
}

async function readModelDir(dir: string, refs: ScoringRefs): Promise<ScoringModels> {
  const models: ScoringModels = {};
  if (refs.regression) models.regression = await loadModelFolder(join(dir, "regression"));
  if (refs.action) models.action = await loadModelFolder(join(dir, "action"));
  return models;
}

async function writeModelDir(dir: string, models: ScoringModels): Promise<void> {
  if (models.regression) await saveModelFolder(join(dir, "regression"), models.regression);
  if (models.action) await saveModelFolder(join(dir, "action"), models.action);
}

function describe(error: unknown): string {
  if (error instanceof MlflowError && error.status === undefined) {
    return `the registry is unreachable (${error.serverMessage})`;
  }
  return (error as Error).message;
}
