/**
 * The run history behind the report site (`reports/runs.json`): every pipeline run with its
 * notebooks' reports, executed notebooks, parameters, data digests, metrics and MLflow runs.
 * The runner appends to it; the site, `deno task report` and the tests read it.
 * @module
 */
import { join } from "node:path";

/** One notebook of a recorded run. */
export interface StepRecord {
  readonly name: string;
  readonly notebook: string;
  readonly status: "ok" | "failed" | "cached" | "not run";
  readonly seconds: number;
  /** Paths relative to the reports folder. */
  readonly html?: string;
  readonly executed?: string;
  readonly metrics: Readonly<Record<string, number>>;
  /** Tags the notebook set on its MLflow run (`nb.setTags`), e.g. `ws.champion`. */
  readonly tags?: Readonly<Record<string, string>>;
  readonly mlflowRunId?: string;
  readonly error?: string;
  /** The step's resolved parameters (schema defaults, pipeline values, command line). */
  readonly params?: Readonly<Record<string, unknown>>;
  /** sha256 of the step's inputs before it ran and of its outputs after it ran. */
  readonly digests?: { readonly inputs: string; readonly outputs: string };
}

/** One recorded pipeline run. */
export interface RunRecord {
  readonly key: string;
  readonly pipeline: string;
  readonly startedAt: string;
  readonly status: "ok" | "failed";
  readonly steps: readonly StepRecord[];
  /** Parameters given on the command line (`step.key` -> value). */
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly mlflow?: { readonly uri: string; readonly experimentId: string; readonly runId: string };
  /** The run's data folder (absolute), where `deno task report` finds its outputs. */
  readonly dataDir?: string;
  /** Parameters whose resolved value differs from the pipeline's defaults (`key` or `step.key`). */
  readonly changed?: Readonly<Record<string, unknown>>;
}

/** Returns the path of a reports folder's run history, `<reportsDir>/runs.json`. */
export function historyPath(reportsDir: string): string {
  return join(reportsDir, "runs.json");
}

/** Reads the run history of a reports folder, newest first (empty when there is none yet). */
export async function readHistory(reportsDir: string): Promise<RunRecord[]> {
  try {
    return JSON.parse(await Deno.readTextFile(historyPath(reportsDir)));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw new Error(`${historyPath(reportsDir)} is unreadable: ${(error as Error).message}`);
  }
}

/**
 * Returns the link to a run in the MLflow UI.
 *
 * @example
 * ```ts
 * import { mlflowRunUrl } from "@lib/reports/history.ts";
 * const url = mlflowRunUrl("http://127.0.0.1:5000/", "1", "abc");
 * if (url !== "http://127.0.0.1:5000/#/experiments/1/runs/abc") throw new Error(url);
 * ```
 */
export function mlflowRunUrl(uri: string, experimentId: string, runId: string): string {
  return `${uri.replace(/\/$/, "")}/#/experiments/${experimentId}/runs/${runId}`;
}
