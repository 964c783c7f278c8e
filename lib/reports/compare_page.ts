/**
 * The comparison page of two or more runs: parameters and metrics side by side (cells that differ
 * from the first run marked), and equity curves, IC decay and coverage overlaid.
 * @internal
 * @module
 */
import { coverageOverlay, equityOverlay, icDecayOverlay } from "../charts/comparison.ts";
import type { RunRecord } from "./history.ts";
import { headlineMetrics } from "./headline.ts";
import { escapeHtml, formatNumber, formatValue, mlflowAnchor, page } from "./layout.ts";
import { sameValue } from "./params.ts";
import { meanCoverage, type RunSeries } from "./series.ts";

/** One run on a comparison page. */
export interface ComparedRun {
  readonly run: RunRecord;
  /** Its kept series, or undefined when its data is gone. */
  readonly series?: RunSeries;
}

/** Options of {@link renderComparison}. */
export interface ComparisonOptions {
  /** Path from the page to the site root. Defaults to `"../"` (pages live in `compare/`). */
  readonly root?: string;
  /** The MLflow UI address of a run id. */
  readonly mlflowLink?: (run: RunRecord, runId: string) => string | undefined;
}

/** The file name of the comparison of these runs, relative to the site root. */
export function comparisonPath(keys: readonly string[]): string {
  return `compare/${keys.join("--")}.html`;
}

/** The run keys a comparison file name stands for (inverse of {@link comparisonPath}). */
export function comparisonKeys(fileName: string): string[] {
  return fileName.replace(/^.*\//, "").replace(/\.html$/, "").split("--");
}

/** The letter a run is shown by on a comparison page (A, B, …, Z, AA, …). */
export function runLabel(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : runLabel(Math.floor(index / 26) - 1) + letter;
}

/**
 * Renders the comparison page.
 *
 * @example
 * ```ts
 * import { renderComparison } from "@lib/reports/compare_page.ts";
 * const run = (key: string, topK: number) => ({
 *   key, pipeline: "research", startedAt: "2026-01-01T00:00:00Z", status: "ok", overrides: {},
 *   steps: [{ name: "backtest", notebook: "n", status: "ok", seconds: 1, metrics: { top_k_sharpe: topK / 10 }, params: { topK } }],
 * }) as const;
 * const html = renderComparison([{ run: run("a", 3) }, { run: run("b", 5) }]);
 * if (!/backtest\.topK<\/th><td>3<\/td><td class="differs">5<\/td>/.test(html)) throw new Error(html);
 * ```
 */
export function renderComparison(
  runs: readonly ComparedRun[],
  options: ComparisonOptions = {},
): string {
  const root = options.root ?? "../";
  const labels = runs.map((_, i) => runLabel(i));
  const head = `<tr><th></th>${labels.map((l) => `<th>${l}</th>`).join("")}</tr>`;

  const who = runs.map(({ run }, i) => {
    const mlflow = run.mlflow ? options.mlflowLink?.(run, run.mlflow.runId) : undefined;
    return `<tr><th>${labels[i]}</th><td><a href="${root}index.html#${escapeHtml(run.key)}">${
      escapeHtml(run.key)
    }</a></td><td>${escapeHtml(run.startedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC"))}</td>` +
      `<td class="${run.status === "ok" ? "ok" : "failed"}">${run.status}</td><td>${
        mlflow ? mlflowAnchor(mlflow, "MLflow run") : ""
      }</td></tr>`;
  }).join("\n");

  const params = runs.map(({ run }) => flatParams(run));
  const changedRow = `<tr><th scope="row">changed from defaults</th>${
    runs.map(({ run }) => `<td>${changedChips(run)}</td>`).join("")
  }</tr>`;
  const paramRows = changedRow + "\n" + sideBySide(params, (v) => formatValue(v), true);
  const allParamRows = sideBySide(params, (v) => formatValue(v), false);
  const headlineRows = sideBySide(
    runs.map(({ run, series }) =>
      Object.fromEntries(headlineMetrics(run, meanCoverage(series)).map((h) => [h.label, h.value]))
    ),
    (v) => String(v),
    false,
  );
  const metricRows = sideBySide(
    runs.map(({ run }) =>
      Object.fromEntries(
        run.steps.flatMap((s) =>
          Object.entries(s.metrics).filter(([k]) => k !== "duration_seconds").map((
            [k, v],
          ) => [`${s.name}.${k}`, v])
        ),
      )
    ),
    (v) => formatNumber(Number(v)),
    false,
  );
  const table = (rows: string, caption: string) =>
    `<div class="scroll"><table><caption>${caption}</caption><thead>${head}</thead><tbody>\n${rows}\n</tbody></table></div>`;

  const body =
    `<p class="muted">Runs are lettered in the order given; a marked cell differs from run A.</p>
<div class="scroll"><table><caption>Runs</caption><thead><tr><th></th><th>Run</th><th>Started</th><th>Status</th><th>MLflow</th></tr></thead><tbody>
${who}
</tbody></table></div>
<h2>Parameters</h2>
${table(paramRows, "Parameters that differ between the runs")}
${
      allParamRows
        ? `<details><summary>Every parameter, side by side</summary>${
          table(allParamRows, "Parameters by step")
        }</details>`
        : ""
    }
<h2>Metrics</h2>
${headlineRows ? table(headlineRows, "Headline metrics") : "<p>No headline metrics.</p>"}
${
      metricRows
        ? `<details><summary>Every logged metric, side by side</summary>${
          table(metricRows, "Metrics by step")
        }</details>`
        : ""
    }
<h2>Charts</h2>
${charts(runs, labels)}`;
  return page({
    title: `Comparison of ${runs.length} runs`,
    root,
    crumbs: [["Comparison"]],
    body,
  });
}

function charts(runs: readonly ComparedRun[], labels: readonly string[]): string {
  const notices = runs.flatMap(({ run, series }, i) => {
    if (!series) {
      return [`Run ${labels[i]} (${run.key}): its data was not kept, so it is not drawn.`];
    }
    if (series.missing.length === 0) return [];
    return [`Run ${labels[i]} (${run.key}): ${series.missing.join("; ")}.`];
  });
  const equity = runs.flatMap(({ series }, i) =>
    (series?.equity ?? []).filter((p) =>
      p.strategy === "top_k" || (i === 0 && p.strategy === "benchmark")
    )
      .map((p) => ({
        run: labels[i],
        strategy: p.strategy,
        date: new Date(p.date),
        value: p.value,
      }))
  );
  const decay = runs.flatMap(({ series }, i) =>
    (series?.icDecay ?? []).map((p) => ({ run: labels[i], ...p }))
  );
  const coverage = runs.flatMap(({ series }, i) =>
    (series?.coverage ?? []).map((p) => ({
      run: labels[i],
      date: new Date(p.date),
      share: p.share,
    }))
  );
  const parts = [
    notices.map((n) => `<p class="notice">${escapeHtml(n)}</p>`).join("\n"),
    equity.length > 0
      ? `<figure>${
        equityOverlay(equity, "Equity of the top-k portfolio by run (benchmark of run A)")
      }</figure>`
      : '<p class="notice">No run has backtest equity to draw.</p>',
    decay.length > 0
      ? `<figure>${icDecayOverlay(decay)}</figure>`
      : '<p class="notice">No run has IC by horizon to draw.</p>',
    coverage.length > 0
      ? `<figure>${coverageOverlay(coverage)}</figure>`
      : '<p class="notice">No run has prediction coverage to draw.</p>',
  ];
  return `<div class="charts output">${parts.join("\n")}</div>`;
}

function changedChips(run: RunRecord): string {
  const changed = Object.entries(run.changed ?? run.overrides);
  if (changed.length === 0) return "defaults";
  return changed.map(([k, v]) =>
    `<span class="chip">${escapeHtml(`${k}=${formatValue(v)}`)}</span>`
  )
    .join(" ");
}

/** Every parameter of a run as `step.key`. */
function flatParams(run: RunRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const step of run.steps) {
    for (const [k, v] of Object.entries(step.params ?? {})) out[`${step.name}.${k}`] = v;
  }
  return out;
}

/**
 * Rows of a side-by-side table: keys present in any run; with `onlyDiffering`, only keys whose
 * values are not all equal.
 */
function sideBySide(
  values: readonly Record<string, unknown>[],
  format: (v: unknown) => string,
  onlyDiffering: boolean,
): string {
  const keys = [...new Set(values.flatMap(Object.keys))];
  return keys.filter((k) => !onlyDiffering || values.some((v) => !sameValue(v[k], values[0][k])))
    .map((k) => {
      const cells = values.map((v, i) => {
        const shown = v[k] === undefined ? "—" : escapeHtml(format(v[k]));
        const differs = i > 0 && !sameValue(v[k], values[0][k]);
        return `<td${differs ? ' class="differs"' : ""}>${shown}</td>`;
      }).join("");
      return `<tr><th scope="row">${escapeHtml(k)}</th>${cells}</tr>`;
    }).join("\n");
}
