/**
 * The run history behind the report site (`reports/runs.json`): every pipeline run with its
 * notebooks' reports, executed notebooks, parameters, data digests, metrics and MLflow runs.
 * @module
 */
import { join } from "node:path";
import { buildSite } from "../reports/site.ts";
import { writeFileAtomic } from "./files.ts";

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

const HISTORY = "runs.json";

/** Reads the run history of a reports folder (empty when there is none yet). */
export async function readHistory(reportsDir: string): Promise<RunRecord[]> {
  try {
    return JSON.parse(await Deno.readTextFile(join(reportsDir, HISTORY)));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw new Error(`${join(reportsDir, HISTORY)} is unreadable: ${(error as Error).message}`);
  }
}

/**
 * Adds or replaces `run` in the history, rewrites `runs.json`, and builds the run's pages of the
 * report site (lib/reports/site.ts): its notebook pages, the comparison with the run before it,
 * and `index.html`. Returns the index's path.
 */
export async function recordRun(reportsDir: string, run: RunRecord): Promise<string> {
  const history = (await readHistory(reportsDir)).filter((r) => r.key !== run.key);
  history.push(run);
  history.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  await writeFileAtomic(join(reportsDir, HISTORY), JSON.stringify(history, null, 2) + "\n");
  await buildSite(reportsDir, history, { runs: [run.key], refreshSeries: [run.key] });
  return join(reportsDir, "index.html");
}

/** The link to a run in the MLflow UI. */
export function mlflowRunUrl(uri: string, experimentId: string, runId: string): string {
  return `${uri.replace(/\/$/, "")}/#/experiments/${experimentId}/runs/${runId}`;
}
