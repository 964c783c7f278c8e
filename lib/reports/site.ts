/**
 * Builds the static report site in a reports folder from its run history (`runs.json`) and the
 * executed notebooks: `index.html`, one page per notebook at `runs/<key>/<stem>.html`, and
 * comparison pages in `compare/`. Nothing is executed; every link is relative, and every page
 * is checked to load nothing from outside the site.
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.ts";
import { mlflowRunUrl, type RunRecord, type StepRecord } from "./history.ts";
import { comparisonKeys, comparisonPath, renderComparison, runLabel } from "./compare_page.ts";
import { headlineMetrics } from "./headline.ts";
import { type IndexEntry, renderIndexPage } from "./index_page.ts";
import { type NotebookJson, renderNotebookPage } from "./notebook_page.ts";
import { LOCAL_UI } from "./layout.ts";
import { pageProblems } from "./offline.ts";
import { loadSeries, meanCoverage, readRunSeries, type RunSeries, saveSeries } from "./series.ts";

/** Options of {@link buildSite}. */
export interface SiteOptions {
  /** Render the notebook pages of these runs only (keys); defaults to every run. */
  readonly runs?: readonly string[];
  /** Runs whose series are read from their data folder again, even when kept already. */
  readonly refreshSeries?: readonly string[];
  /** More comparisons to build, each a list of two or more run keys. */
  readonly compare?: readonly (readonly string[])[];
  /**
   * The MLflow UI address runs link to. Defaults to the server a run logged to, except that a
   * loopback server (the one the runner starts for a run and stops after it) is replaced by
   * `http://127.0.0.1:5000`, where `deno task ui` serves the same store.
   */
  readonly mlflowUrl?: string;
}

/** What {@link buildSite} wrote and found. */
export interface SiteResult {
  /** Pages written, relative to the reports folder. */
  readonly pages: string[];
  /** Pages that refer outside the site or link a missing file (should be empty). */
  readonly problems: string[];
  /** Notes for the reader (a notebook whose executed copy is gone, …). */
  readonly notes: string[];
}

/** Builds (or rebuilds) the site; `history` is the run history, newest first. */
export async function buildSite(
  reportsDir: string,
  history: readonly RunRecord[],
  options: SiteOptions = {},
): Promise<SiteResult> {
  const written: string[] = [];
  const notes: string[] = [];
  const write = async (path: string, html: string) => {
    await writeFileAtomic(join(reportsDir, path), html);
    written.push(path);
  };
  const mlflowLink = (run: RunRecord, runId: string) => {
    if (!run.mlflow) return undefined;
    return mlflowRunUrl(
      mlflowBase(run.mlflow.uri, options.mlflowUrl),
      run.mlflow.experimentId,
      runId,
    );
  };

  const series = await seriesOf(reportsDir, history, options.refreshSeries ?? [], notes);

  const selected = new Set(options.runs ?? history.map((r) => r.key));
  const owners = pageOwners(history);
  for (const [html, { run, step }] of owners) {
    if (!selected.has(run.key)) continue;
    const executed = step.executed ? join(reportsDir, step.executed) : undefined;
    if (!executed || !existsSync(executed)) {
      notes.push(`${html}: its executed notebook is gone; page not rebuilt`);
      continue;
    }
    let notebook: NotebookJson;
    try {
      notebook = JSON.parse(await Deno.readTextFile(executed));
    } catch (error) {
      notes.push(`${html}: ${step.executed} is unreadable (${(error as Error).message})`);
      continue;
    }
    await write(
      html,
      renderNotebookPage(notebook, {
        run,
        step,
        root: "../../",
        mlflowLink: (id) => mlflowLink(run, id),
        ...neighbours(reportsDir, run, step),
      }),
    );
  }

  const comparisons = new Map<string, string[]>();
  const previous = previousRuns(history);
  for (const run of history) {
    const before = previous.get(run.key);
    if (
      before &&
      (selected.has(run.key) || !existsSync(join(reportsDir, comparisonPath([before, run.key]))))
    ) {
      comparisons.set(comparisonPath([before, run.key]), [before, run.key]);
    }
  }
  for (const keys of options.compare ?? []) comparisons.set(comparisonPath(keys), [...keys]);
  const byKey = new Map(history.map((r) => [r.key, r]));
  if (options.runs === undefined) {
    // A full rebuild also refreshes comparisons asked for earlier (their keys are in the name).
    for (const [href] of await listComparisons(reportsDir, byKey)) {
      if (!comparisons.has(href)) comparisons.set(href, comparisonKeys(href));
    }
  }
  for (const [path, keys] of comparisons) {
    const unknown = keys.filter((k) => !byKey.has(k));
    if (unknown.length > 0) {
      throw new Error(`--compare: no run ${unknown.join(", ")} in the history`);
    }
    if (keys.length < 2) throw new Error(`--compare needs two or more runs, got ${keys.join(",")}`);
    await write(
      path,
      renderComparison(keys.map((k) => ({ run: byKey.get(k)!, series: series.get(k) })), {
        mlflowLink,
      }),
    );
  }

  const existingComparisons = await listComparisons(reportsDir, byKey);
  const entries: IndexEntry[] = history.map((run) => {
    const before = previous.get(run.key);
    const compare = before ? comparisonPath([before, run.key]) : undefined;
    return {
      run,
      headlines: headlineMetrics(run, meanCoverage(series.get(run.key))),
      compareHref: compare && existsSync(join(reportsDir, compare)) ? compare : undefined,
      pages: new Set(
        run.steps.flatMap((s) => [s.html, s.executed]).filter((h): h is string =>
          h !== undefined && existsSync(join(reportsDir, h))
        ),
      ),
    };
  });
  const local = history.some((r) =>
    r.mlflow && mlflowBase(r.mlflow.uri, options.mlflowUrl) === LOCAL_UI
  );
  await write(
    "index.html",
    renderIndexPage(entries, {
      mlflowLink,
      comparisons: existingComparisons,
      mlflowNote: local
        ? `MLflow links open ${LOCAL_UI}, where "deno task ui" serves the local store.`
        : undefined,
    }),
  );

  const problems: string[] = [];
  for (const path of written) {
    const file = join(reportsDir, path);
    for (const problem of pageProblems(await Deno.readTextFile(file), file, reportsDir)) {
      problems.push(problem);
    }
  }
  return { pages: written, problems, notes };
}

/**
 * The MLflow UI base for a run: the override, else the run's server unless it is on loopback
 * (the runner's own short-lived server), in which case `deno task ui`'s address.
 */
export function mlflowBase(uri: string, override?: string): string {
  if (override) return override;
  return /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost)(:\d+)?\/?$/.test(uri) ? LOCAL_UI : uri;
}

/**
 * Which run renders each notebook page: the run that executed it (a reused step links the page
 * of the run it was reused from); a page whose executing run left the history is rendered from
 * the newest run that reused it.
 */
function pageOwners(
  history: readonly RunRecord[],
): Map<string, { run: RunRecord; step: StepRecord }> {
  const owners = new Map<string, { run: RunRecord; step: StepRecord }>();
  for (const run of [...history].reverse()) {
    for (const step of run.steps) {
      if (!step.html) continue;
      const current = owners.get(step.html);
      if (!current || (current.step.status === "cached" && step.status !== "cached")) {
        owners.set(step.html, { run, step });
      }
    }
  }
  return owners;
}

/**
 * The notebook pages before and after `step` in its run, as [label, href from the page]: the
 * nearest steps whose page exists or is being rendered (its executed notebook is there).
 */
function neighbours(
  reportsDir: string,
  run: RunRecord,
  step: StepRecord,
): { previous?: [string, string]; next?: [string, string] } {
  const pages = run.steps.filter((s) =>
    s.html !== undefined &&
    [s.html, s.executed].some((p) => p !== undefined && existsSync(join(reportsDir, p)))
  );
  const at = pages.findIndex((s) => s.html === step.html);
  if (at < 0) return {};
  const link = (s: StepRecord | undefined): [string, string] | undefined =>
    s?.html
      ? [s.html.replace(/^.*\//, "").replace(/\.html$/, "").replace("_", " · "), `../../${s.html}`]
      : undefined;
  return { previous: link(pages[at - 1]), next: link(pages[at + 1]) };
}

/** Each run's predecessor of the same pipeline (history is newest first). */
function previousRuns(history: readonly RunRecord[]): Map<string, string> {
  const out = new Map<string, string>();
  history.forEach((run, i) => {
    const before = history.slice(i + 1).find((r) => r.pipeline === run.pipeline);
    if (before) out.set(run.key, before.key);
  });
  return out;
}

/**
 * Each run's series: the kept `series.json`; else read from the data folder when the run is the
 * newest of its data folder (a later run would have overwritten its files); else none.
 */
async function seriesOf(
  reportsDir: string,
  history: readonly RunRecord[],
  refresh: readonly string[],
  notes: string[],
): Promise<Map<string, RunSeries>> {
  const out = new Map<string, RunSeries>();
  const newestOfFolder = new Set<string>();
  const seen = new Set<string>();
  for (const run of history) {
    const dir = run.dataDir ?? "";
    if (!seen.has(dir)) newestOfFolder.add(run.key);
    seen.add(dir);
  }
  for (const run of history) {
    const kept = refresh.includes(run.key) ? undefined : await loadSeries(reportsDir, run.key);
    if (kept) {
      out.set(run.key, kept);
      continue;
    }
    if (!existsSync(join(reportsDir, "runs", run.key))) continue;
    if (refresh.includes(run.key) || newestOfFolder.has(run.key)) {
      const fresh = readRunSeries(run);
      await saveSeries(reportsDir, run.key, fresh);
      out.set(run.key, fresh);
    } else {
      notes.push(`run ${run.key}: no kept series and a later run wrote its data folder`);
      out.set(run.key, {
        equity: [],
        icDecay: [],
        coverage: [],
        missing: ["its data was not kept and a later run has since written its data folder"],
      });
    }
  }
  return out;
}

/** The comparison pages on disk whose runs are all in the history, as [href, label]. */
async function listComparisons(
  reportsDir: string,
  byKey: ReadonlyMap<string, RunRecord>,
): Promise<[string, string][]> {
  const dir = join(reportsDir, "compare");
  if (!existsSync(dir)) return [];
  const out: [string, string][] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.isFile || !entry.name.endsWith(".html")) continue;
    const keys = comparisonKeys(entry.name);
    if (!keys.every((k) => byKey.has(k))) continue;
    const label = keys.map((k, i) => `${runLabel(i)} ${k}`).join(" vs ");
    out.push([`compare/${entry.name}`, label]);
  }
  return out.sort((a, b) => b[0].localeCompare(a[0]));
}
