/**
 * The few series a comparison overlays (equity curves, IC decay, coverage), taken from a run's
 * data folder right after the run and kept beside its reports as `runs/<key>/series.json`, so a
 * later run writing the same data folder does not change what an earlier run shows.
 * @internal
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import pl from "nodejs-polars";
import { writeFileAtomic } from "../io/atomic.ts";
import { ARTIFACT_FILES, type ArtifactName } from "../data/artifacts.ts";
import type { RunRecord, StepRecord } from "./history.ts";

/** The series of one run, dates as ISO `YYYY-MM-DD`. */
export interface RunSeries {
  /** Equity of each backtest portfolio, rebased to 100 at its first date. */
  readonly equity: readonly { strategy: string; date: string; value: number }[];
  /** Mean rank IC (Spearman) of each analysed factor by forward-return horizon (days). */
  readonly icDecay: readonly { factor: string; horizon: number; ic: number }[];
  /** Share of the universe (0..1) with a usable prediction on each out-of-fold date. */
  readonly coverage: readonly { date: string; share: number }[];
  /** The prediction factor coverage is counted for (`pred_ridge_5`). */
  readonly coverageFactor?: string;
  /** Why a series is empty, in words (data removed, step failed, …). */
  readonly missing: readonly string[];
}

/** The frames series are computed from; any may be absent. */
export interface SeriesFrames {
  /** `backtest/equity.parquet`: strategy, date, equity, returns. */
  readonly equity?: pl.DataFrame;
  /** `analysis/ic_summary.parquet`: factor, horizon, method, mean. */
  readonly icSummary?: pl.DataFrame;
  /** `analysis/ic_daily.parquet`: factor, horizon, date, n. */
  readonly icDaily?: pl.DataFrame;
}

/** Options of {@link seriesFromFrames}. */
export interface SeriesOptions {
  /** Symbols in the universe, for coverage; defaults to the largest daily count in the IC. */
  readonly universe?: number;
  /** The prediction factor to count coverage for; defaults to the first `pred_*` factor. */
  readonly factor?: string;
}

/**
 * Computes a run's series from its frames (pure).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { seriesFromFrames } from "@lib/reports/series.ts";
 * const day = (d: number) => new Date(Date.UTC(2020, 0, d));
 * const equity = pl.DataFrame({
 *   strategy: ["top_k", "top_k"], date: [day(2), day(3)], equity: [99, 110], returns: [-0.01, 0.111],
 * });
 * const s = seriesFromFrames({ equity });
 * if (s.equity[0].value !== 99 || s.equity[1].value !== 110) throw new Error(JSON.stringify(s));
 * ```
 */
export function seriesFromFrames(frames: SeriesFrames, options: SeriesOptions = {}): RunSeries {
  const equity: RunSeries["equity"][number][] = [];
  if (frames.equity) {
    const start = new Map<string, number>();
    for (const row of records(frames.equity.sort(["strategy", "date"]))) {
      const strategy = String(row.strategy);
      // The first return is already earned at the first date: rebase on the cash before it.
      if (!start.has(strategy)) {
        start.set(strategy, Number(row.equity) / (1 + Number(row.returns ?? 0)));
      }
      equity.push({
        strategy,
        date: isoDate(row.date),
        value: round(100 * Number(row.equity) / start.get(strategy)!),
      });
    }
  }
  const icDecay = frames.icSummary
    ? records(frames.icSummary.filter(pl.col("method").eq(pl.lit("spearman"))))
      .filter((r) => Number.isFinite(Number(r.mean)))
      .map((r) => ({
        factor: String(r.factor),
        horizon: Number(r.horizon),
        ic: round(Number(r.mean)),
      }))
      .sort((a, b) => a.factor.localeCompare(b.factor) || a.horizon - b.horizon)
    : [];
  let coverage: RunSeries["coverage"][number][] = [];
  let coverageFactor: string | undefined;
  if (frames.icDaily) {
    const factors = [
      ...new Set(records(frames.icDaily.select("factor")).map((r) => String(r.factor))),
    ];
    coverageFactor = options.factor && factors.includes(options.factor)
      ? options.factor
      : factors.filter((f) => f.startsWith("pred_")).sort()[0];
    if (coverageFactor) {
      const rows = records(
        frames.icDaily.filter(pl.col("factor").eq(pl.lit(coverageFactor))).sort("date"),
      );
      const universe = options.universe ??
        rows.reduce((m, r) => Math.max(m, Number(r.n)), -Infinity);
      coverage = dedupeByDate(rows).map((r) => ({
        date: isoDate(r.date),
        share: round(Number(r.n) / universe),
      }));
    }
  }
  return { equity, icDecay, coverage, coverageFactor, missing: [] };
}

/** The mean coverage share of a run's series, or undefined without coverage. */
export function meanCoverage(series: RunSeries | undefined): number | undefined {
  if (!series || series.coverage.length === 0) return undefined;
  return series.coverage.reduce((s, r) => s + r.share, 0) / series.coverage.length;
}

/**
 * Reads a run's series from its data folder: only from steps that ran (or were reused) in that
 * run, since a failed or skipped step leaves an older run's files in place.
 */
export function readRunSeries(run: RunRecord): RunSeries {
  const missing: string[] = [];
  const dataDir = run.dataDir ?? dataDirOf(run);
  const usable = (name: string): StepRecord | undefined => {
    const step = run.steps.find((s) => s.name === name);
    if (!step) missing.push(`the run has no ${name} step`);
    else if (step.status !== "ok" && step.status !== "cached") {
      missing.push(`its ${name} step ${step.status === "failed" ? "failed" : "did not run"}`);
    } else return step;
    return undefined;
  };
  const read = (step: StepRecord | undefined, file: ArtifactName): pl.DataFrame | undefined => {
    if (!step) return undefined;
    if (!dataDir) {
      missing.push("the run record does not say where its data is");
      return undefined;
    }
    const path = join(dataDir, ARTIFACT_FILES[file]);
    if (!existsSync(path)) {
      missing.push(`${path} is gone`);
      return undefined;
    }
    return pl.readParquet(path);
  };
  const backtest = usable("backtest");
  const analysis = usable("analysis");
  const params = backtest?.params ?? {};
  const series = seriesFromFrames({
    equity: read(backtest, "equity"),
    icSummary: read(analysis, "icSummary"),
    icDaily: read(analysis, "icDaily"),
  }, {
    universe: run.steps.find((s) => s.name === "acquisition")?.metrics.symbols,
    factor: params.model && params.horizon ? `pred_${params.model}_${params.horizon}` : undefined,
  });
  return { ...series, missing: [...new Set(missing)] };
}

/** Where a run's series file lives, relative to the reports folder. */
export function seriesPath(key: string): string {
  return `runs/${key}/series.json`;
}

/** Reads a run's kept series, or undefined when none was kept. */
export async function loadSeries(reportsDir: string, key: string): Promise<RunSeries | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(join(reportsDir, seriesPath(key))));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** Keeps a run's series beside its reports. */
export async function saveSeries(
  reportsDir: string,
  key: string,
  series: RunSeries,
): Promise<void> {
  await writeFileAtomic(join(reportsDir, seriesPath(key)), JSON.stringify(series) + "\n");
}

function dataDirOf(run: RunRecord): string | undefined {
  const dir = run.steps.find((s) => s.params?.dataDir)?.params?.dataDir;
  return typeof dir === "string" && dir.startsWith("/") ? dir : undefined;
}

function dedupeByDate(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const d = isoDate(r.date);
    if (seen.has(d)) return false;
    seen.add(d);
    return true;
  });
}

function records(frame: pl.DataFrame): Record<string, unknown>[] {
  return frame.toRecords() as Record<string, unknown>[];
}

function isoDate(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

function round(value: number): number {
  return Number(value.toFixed(4));
}
