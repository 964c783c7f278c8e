/**
 * One executed notebook as a report page: the run's parameters (changed ones marked), data
 * digests and metrics at the top, then the notebook's Markdown, outputs (tables, Observable Plot
 * charts, text, errors) and its code folded away in `<details>`. Rendered from the executed
 * `.ipynb` alone, so the site can be rebuilt without running anything.
 * @internal
 * @module
 */
import type { RunRecord, StepRecord } from "./history.ts";
import { metricTable } from "../table.ts";
import { escapeHtml, formatValue, keyValueTable, mlflowAnchor, page } from "./layout.ts";
import { markdownToHtml } from "./markdown.ts";

/** The parts of an nbformat v4 notebook a report reads. */
export interface NotebookJson {
  readonly cells: readonly {
    readonly cell_type: string;
    readonly source: string | readonly string[];
    readonly metadata?: { readonly tags?: readonly string[] };
    readonly execution_count?: number | null;
    readonly outputs?: readonly OutputJson[];
  }[];
}

/** One cell output of an nbformat v4 notebook. */
export interface OutputJson {
  readonly output_type: string;
  readonly name?: string;
  readonly text?: string | readonly string[];
  readonly data?: Readonly<Record<string, string | readonly string[] | unknown>>;
  readonly ename?: string;
  readonly evalue?: string;
  readonly traceback?: readonly string[];
}

/** Where a report page sits and what it links to. */
export interface NotebookPageContext {
  readonly run: RunRecord;
  readonly step: StepRecord;
  /** Path from the page to the site root (`"../../"` for `runs/<key>/<stem>.html`). */
  readonly root: string;
  /** Parameters read from the notebook's injected cell, for records that lack `step.params`. */
  readonly injected?: Readonly<Record<string, unknown>>;
  /** The MLflow UI address of a run id, or undefined when the run was not tracked. */
  readonly mlflowLink?: (runId: string) => string | undefined;
  /** The run's notebook pages before and after this one, as [title, href from this page]. */
  readonly previous?: readonly [string, string];
  readonly next?: readonly [string, string];
}

/**
 * Renders an executed notebook as a report page.
 *
 * @example
 * ```ts
 * import { renderNotebookPage } from "@lib/reports/notebook_page.ts";
 * const nb = { cells: [
 *   { cell_type: "markdown", source: "# 01 · Demo\n\nText." },
 *   { cell_type: "code", source: "1 + 1", execution_count: 1,
 *     outputs: [{ output_type: "execute_result", data: { "text/plain": "2" } }] },
 * ] };
 * const step = { name: "demo", notebook: "notebooks/01_demo.ipynb", status: "ok", seconds: 1, metrics: {} } as const;
 * const run = { key: "k", pipeline: "p", startedAt: "2026-01-01T00:00:00Z", status: "ok", steps: [step], overrides: {} } as const;
 * const html = renderNotebookPage(nb, { run, step, root: "../../" });
 * if (!html.includes("<title>01 · Demo</title>") || !html.includes('<details class="code">')) throw new Error(html);
 * ```
 */
export function renderNotebookPage(notebook: NotebookJson, context: NotebookPageContext): string {
  const cells = [...notebook.cells];
  let title = context.step.notebook.replace(/^.*\//, "").replace(/\.ipynb$/, "");
  const first = cells[0];
  if (first?.cell_type === "markdown") {
    const m = text(first.source).match(/^\s*#\s+(.+)\n?/);
    if (m) {
      title = m[1].trim();
      cells[0] = { ...first, source: text(first.source).slice(m[0].length) };
    }
  }
  let codeNumber = 0;
  const toc: [string, string][] = [];
  const body = cells.map((cell) => {
    if (cell.cell_type === "markdown") {
      return `<div class="cell markdown">${
        anchorHeadings(markdownToHtml(text(cell.source)), toc)
      }</div>`;
    }
    if (cell.cell_type !== "code") return "";
    codeNumber++;
    const tags = cell.metadata?.tags ?? [];
    const label = tags.includes("injected-parameters")
      ? "Parameters injected by the runner"
      : tags.includes("parameters")
      ? "Parameters cell"
      : `Code [${cell.execution_count ?? codeNumber}]`;
    const source = text(cell.source);
    const code = source.trim() === ""
      ? ""
      : `<details class="code"><summary>${escapeHtml(label)}</summary><pre><code>${
        escapeHtml(source)
      }</code></pre></details>`;
    const outputs = isMetricDump(source, cell.outputs ?? [])
      ? `<div class="output html">${metricTable(context.step.metrics).html}</div>`
      : (cell.outputs ?? []).map(renderOutput).join("\n");
    return `<div class="cell code">${code}${outputs}</div>`;
  }).join("\n");
  return page({
    title,
    root: context.root,
    crumbs: [[`Run ${context.run.key}`, `${context.root}index.html#${context.run.key}`], [title]],
    toc,
    pager: { previous: context.previous, next: context.next },
    body: `${
      header({ ...context, injected: injectedParams(notebook) })
    }\n<div class="notebook">\n${body}\n</div>`,
  });
}

function header(context: NotebookPageContext): string {
  const { run, step } = context;
  const changed = new Set(Object.keys(run.changed ?? run.overrides));
  const isChanged = (key: string) => changed.has(key) || changed.has(`${step.name}.${key}`);
  const params = Object.entries(step.params ?? context.injected ?? {}).filter(([, v]) =>
    v !== undefined
  ).map((
    [key, value],
  ) =>
    [
      key,
      `<code>${escapeHtml(formatValue(value))}</code>${
        isChanged(key) ? ' <span class="chip changed">changed from default</span>' : ""
      }`,
    ] as const
  );
  const links = [
    `<a href="${context.root}index.html#${escapeHtml(run.key)}">all notebooks of this run</a>`,
    step.executed
      ? `<a href="${relativeToPage(step.executed)}">executed notebook (.ipynb)</a>`
      : "",
    mlflowLinkOf(context, step.mlflowRunId, "MLflow run of this notebook"),
    mlflowLinkOf(context, run.mlflow?.runId, "MLflow pipeline run"),
  ].filter(Boolean).join("");
  const status = `<span class="${step.status === "failed" ? "failed" : "ok"}">${
    escapeHtml(step.status)
  }</span>`;
  const digests = step.digests
    ? keyValueTable([
      ["inputs", digest(step.digests.inputs)],
      ["outputs", digest(step.digests.outputs)],
    ], "Data digests (sha256)")
    : '<p class="muted">No data digests recorded for this run.</p>';
  const count = Object.keys(step.metrics).length;
  const metrics = count === 0
    ? ""
    : `<details><summary>Metrics logged (${count})</summary>${
      metricTable(step.metrics).html
    }</details>`;
  const error = step.error ? `<p class="failed">${escapeHtml(step.error)}</p>` : "";
  return `<section class="card run-meta">
<p>Run <code>${escapeHtml(run.key)}</code> · ${escapeHtml(run.pipeline)} · started ${
    escapeHtml(run.startedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC"))
  } · ${status} in ${step.seconds.toFixed(1)} s</p>
${error}
<p class="links">${links}</p>
${
    params.length > 0
      ? keyValueTable(params, "Parameters of this notebook")
      : '<p class="muted">No parameters recorded for this run.</p>'
  }
${digests}
${metrics}
</section>`;
}

/** The values of the runner's `injected-parameters` cell (`overrides = {...};`), if readable. */
export function injectedParams(notebook: NotebookJson): Record<string, unknown> | undefined {
  const cell = notebook.cells.find((c) => c.metadata?.tags?.includes("injected-parameters"));
  const m = cell ? text(cell.source).match(/=\s*(\{[\s\S]*\})\s*;/) : null;
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]);
  } catch {
    return undefined;
  }
}

function mlflowLinkOf(context: NotebookPageContext, runId: string | undefined, label: string) {
  const href = runId ? context.mlflowLink?.(runId) : undefined;
  return href ? mlflowAnchor(href, label) : "";
}

/**
 * Gives each `<h2>` of a Markdown cell an id (from its text, unique on the page) and adds it to
 * the page's contents.
 */
function anchorHeadings(html: string, toc: [string, string][]): string {
  return html.replace(/<h2>(.*?)<\/h2>/g, (_, inner: string) => {
    const label = decodeEntities(inner.replace(/<[^>]*>/g, "")).trim();
    const base = label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") ||
      "section";
    let id = base;
    for (let i = 2; toc.some(([, used]) => used === id); i++) id = `${base}-${i}`;
    toc.push([label, id]);
    return `<h2 id="${id}">${inner}</h2>`;
  });
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

/**
 * Whether a cell is the closing `nb.metrics;` of a notebook executed before notebooks ended with
 * `metricTable(nb.metrics)`: its raw text dump is shown as the metrics table instead.
 */
function isMetricDump(source: string, outputs: readonly OutputJson[]): boolean {
  const last = source.trim().split("\n").at(-1)?.trim();
  return (last === "nb.metrics;" || last === "Object.keys(nb.metrics).length;") &&
    outputs.every((o) => o.output_type === "execute_result" && !o.data?.["text/html"]);
}

/** A reports-relative path (`runs/k/x.ipynb`) as seen from a page in `runs/k/`. */
function relativeToPage(path: string): string {
  return escapeHtml(path.replace(/^.*\//, ""));
}

function digest(hex: string): string {
  return `<code title="${escapeHtml(hex)}">${escapeHtml(hex.slice(0, 16))}…</code>`;
}

/** Renders one output, preferring the richest representation. */
export function renderOutput(output: OutputJson): string {
  if (output.output_type === "stream") {
    const cls = output.name === "stderr" ? "output stream stderr" : "output stream";
    return `<div class="${cls}"><pre>${escapeHtml(stripAnsi(text(output.text ?? "")))}</pre></div>`;
  }
  if (output.output_type === "error") {
    const trace = (output.traceback ?? []).map(stripAnsi).join("\n");
    const message = `${output.ename ?? "Error"}: ${output.evalue ?? ""}`;
    return `<div class="output error"><pre>${escapeHtml(trace || message)}</pre></div>`;
  }
  const data = output.data ?? {};
  const get = (mime: string) => (data[mime] === undefined ? undefined : text(data[mime] as string));
  const html = get("text/html");
  if (html !== undefined) return `<div class="output html">${html}</div>`;
  const svg = get("image/svg+xml");
  if (svg !== undefined) return `<div class="output svg">${svg}</div>`;
  for (const mime of ["image/png", "image/jpeg"]) {
    const b64 = get(mime);
    if (b64 !== undefined) {
      return `<div class="output image"><img alt="figure" src="data:${mime};base64,${
        b64.replace(/\s/g, "")
      }"></div>`;
    }
  }
  const md = get("text/markdown");
  if (md !== undefined) return `<div class="output markdown">${markdownToHtml(md)}</div>`;
  const plain = get("text/plain");
  if (plain !== undefined) {
    return `<div class="output text"><pre>${escapeHtml(stripAnsi(plain))}</pre></div>`;
  }
  return "";
}

function text(source: string | readonly string[] | unknown): string {
  return Array.isArray(source) ? source.join("") : String(source ?? "");
}

function stripAnsi(value: string): string {
  // deno-lint-ignore no-control-regex
  return value.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
}
