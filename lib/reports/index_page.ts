/**
 * The site's front page: every pipeline run, newest first, with its date, the parameters that
 * differ from the defaults, headline metrics, and links to each notebook's report, the executed
 * notebook, the MLflow runs and the comparison with the run before it.
 * @internal
 * @module
 */
import type { RunRecord, StepRecord } from "./history.ts";
import type { Headline } from "./headline.ts";
import { escapeHtml, formatValue, mlflowAnchor, page } from "./layout.ts";

/** One run on the index, with what the site built for it. */
export interface IndexEntry {
  readonly run: RunRecord;
  readonly headlines: readonly Headline[];
  /** Site-relative path of the comparison with the previous run, when built. */
  readonly compareHref?: string;
  /** Which of the run's report pages and executed notebooks exist (site-relative paths). */
  readonly pages: ReadonlySet<string>;
}

/** Options of {@link renderIndexPage}. */
export interface IndexOptions {
  /** The MLflow UI address of a run id. */
  readonly mlflowLink?: (run: RunRecord, runId: string) => string | undefined;
  /** Every comparison page of the site, as [href, label]. */
  readonly comparisons?: readonly (readonly [string, string])[];
  /** A line on where the MLflow links point. */
  readonly mlflowNote?: string;
}

/**
 * Renders the index.
 *
 * @example
 * ```ts
 * import { renderIndexPage } from "@lib/reports/index_page.ts";
 * const run = { key: "k1", pipeline: "research", startedAt: "2026-01-01T00:00:00.000Z",
 *   status: "ok", overrides: {}, changed: { seed: 7 }, steps: [] } as const;
 * const html = renderIndexPage([{ run, headlines: [], pages: new Set() }]);
 * if (!html.includes('id="k1"') || !html.includes("seed=7")) throw new Error(html);
 * ```
 */
export function renderIndexPage(
  entries: readonly IndexEntry[],
  options: IndexOptions = {},
): string {
  const runs = entries.map((e) => renderRun(e, options)).join("\n");
  const comparisons = (options.comparisons ?? []).map(([href, label]) =>
    `<li><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></li>`
  ).join("\n");
  const body = `<p class="muted">${entries.length} pipeline run(s), newest first. ${
    escapeHtml(options.mlflowNote ?? "")
  }</p>
${runs || "<p>No runs yet: run <code>deno task pipeline</code>.</p>"}
${comparisons ? `<h2 id="comparisons">Comparisons</h2>\n<ul>\n${comparisons}\n</ul>` : ""}`;
  return page({ title: "Research reports", root: "", body });
}

function renderRun(entry: IndexEntry, options: IndexOptions): string {
  const { run } = entry;
  const changed = Object.entries(run.changed ?? run.overrides);
  const params = changed.length === 0
    ? "defaults"
    : changed.map(([k, v]) => `<span class="chip">${escapeHtml(`${k}=${formatValue(v)}`)}</span>`)
      .join(" ");
  const mlflow = run.mlflow ? options.mlflowLink?.(run, run.mlflow.runId) : undefined;
  const links = [
    mlflow ? mlflowAnchor(mlflow, "MLflow run") : "",
    entry.compareHref
      ? `<a href="${escapeHtml(entry.compareHref)}">compare with the previous run</a>`
      : "",
  ].filter(Boolean).join(" ");
  const metrics = entry.headlines.length === 0
    ? ""
    : `<dl class="metrics">${
      entry.headlines.map((h) =>
        `<div title="${escapeHtml(h.title)}"><dt>${escapeHtml(h.label)}</dt><dd>${
          escapeHtml(h.value)
        }</dd></div>`
      ).join("")
    }</dl>`;
  const steps = run.steps.map((s) => renderStep(s, entry, run, options)).join("\n");
  return `<section class="card run" id="${escapeHtml(run.key)}">
<h2>${escapeHtml(run.startedAt.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC"))} · ${
    escapeHtml(run.pipeline)
  } · <span class="${run.status === "ok" ? "ok" : "failed"}">${escapeHtml(run.status)}</span></h2>
<p class="muted">Run <code>${escapeHtml(run.key)}</code></p>
<p>Parameters: ${params}</p>
${metrics}
<ul class="steps">
${steps}
</ul>
<p class="links">${links}</p>
</section>`;
}

function renderStep(
  step: StepRecord,
  entry: IndexEntry,
  run: RunRecord,
  options: IndexOptions,
): string {
  const name = step.notebook.replace(/^.*\//, "").replace(/\.ipynb$/, "");
  const title = step.html && entry.pages.has(step.html)
    ? `<a href="${escapeHtml(step.html)}">${escapeHtml(name)}</a>`
    : escapeHtml(name);
  const cls = step.status === "failed" ? "failed" : step.status === "not run" ? "muted" : "ok";
  const from = step.status === "cached" && step.html
    ? ` <span class="muted">(report of run ${escapeHtml(step.html.split("/")[1] ?? "")})</span>`
    : "";
  const ipynb = step.executed && entry.pages.has(step.executed)
    ? ` · <a class="muted" href="${escapeHtml(step.executed)}">ipynb</a>`
    : "";
  const mlflow = step.mlflowRunId ? options.mlflowLink?.(run, step.mlflowRunId) : undefined;
  const mlflowLink = mlflow
    ? ` · ${mlflowAnchor(mlflow, "MLflow", { note: false, className: "muted" })}`
    : "";
  const error = step.error ? `<br><span class="failed">${escapeHtml(step.error)}</span>` : "";
  return `<li>${title} · <span class="${cls}">${escapeHtml(step.status)}</span>${from} · ${
    step.seconds.toFixed(1)
  } s${ipynb}${mlflowLink}${error}</li>`;
}
