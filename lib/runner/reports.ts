/**
 * The run history behind `reports/index.html`: every pipeline run with links to its notebooks'
 * HTML reports, executed notebooks and MLflow runs. Self-contained HTML, relative links only.
 * @module
 */
import { join } from "node:path";
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

/** Adds or replaces `run` in the history and rewrites `runs.json` and `index.html`. */
export async function recordRun(reportsDir: string, run: RunRecord): Promise<string> {
  const history = (await readHistory(reportsDir)).filter((r) => r.key !== run.key);
  history.push(run);
  history.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  await writeFileAtomic(join(reportsDir, HISTORY), JSON.stringify(history, null, 2) + "\n");
  const index = join(reportsDir, "index.html");
  await writeFileAtomic(index, renderIndex(history));
  return index;
}

/** The link to a run in the MLflow UI. */
export function mlflowRunUrl(uri: string, experimentId: string, runId: string): string {
  return `${uri.replace(/\/$/, "")}/#/experiments/${experimentId}/runs/${runId}`;
}

/** Renders the index page for a run history, newest first. */
export function renderIndex(history: readonly RunRecord[]): string {
  const runs = history.map(renderRun).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Research reports</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1d1d1f; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; } td, th { padding: .3rem .6rem; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
.ok { color: #137333; } .failed { color: #b3261e; } .muted { color: #666; font-size: .9em; }
code { font-size: .9em; }
</style>
</head>
<body>
<h1>Research reports</h1>
<p class="muted">${history.length} pipeline run(s), newest first.</p>
${runs || "<p>No runs yet: run <code>deno task pipeline</code>.</p>"}
</body>
</html>
`;
}

function renderRun(run: RunRecord): string {
  const overrides =
    Object.entries(run.overrides).map(([k, v]) =>
      `<code>${esc(k)}=${esc(JSON.stringify(v))}</code>`
    ).join(" ") || "defaults";
  const mlflow = run.mlflow
    ? ` · <a href="${
      esc(mlflowRunUrl(run.mlflow.uri, run.mlflow.experimentId, run.mlflow.runId))
    }">MLflow run</a>`
    : "";
  const rows = run.steps.map((step) => {
    const link = step.html
      ? `<a href="${esc(step.html)}">${esc(step.notebook)}</a>`
      : esc(step.notebook);
    const executed = step.executed
      ? ` <a class="muted" href="${esc(step.executed)}">ipynb</a>`
      : "";
    const metrics = Object.entries(step.metrics).slice(0, 6).map(([k, v]) =>
      `${esc(k)}=${formatNumber(v)}`
    ).join(", ");
    const detail = step.error ? `<span class="failed">${esc(step.error)}</span>` : esc(metrics);
    return `<tr><td>${link}${executed}</td><td class="${
      step.status === "failed" ? "failed" : "ok"
    }">${esc(step.status)}</td><td>${step.seconds.toFixed(1)} s</td><td>${detail}</td></tr>`;
  }).join("\n");
  return `<h2 id="${esc(run.key)}">${esc(run.pipeline)} · ${esc(run.startedAt)} · <span class="${
    run.status === "ok" ? "ok" : "failed"
  }">${esc(run.status)}</span></h2>
<p class="muted">Run <code>${esc(run.key)}</code> · parameters: ${overrides}${mlflow}</p>
<table><thead><tr><th>Notebook</th><th>Status</th><th>Time</th><th>Metrics</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}

function esc(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}
