/**
 * Every file a step writes that another step, the report site or a user reads, under a run's
 * `dataDir`: one declaration, so producer and consumer notebooks cannot disagree and the pipeline
 * definition derives each step's inputs and outputs from it.
 * @module
 */
import { isAbsolute, join } from "node:path";
import { projectPath } from "../paths.ts";

/** One step output: the step that writes it and its path relative to `dataDir`. */
export interface ArtifactDecl {
  /**
   * The name of the step that writes the file, as in the pipeline definition (step names are
   * declared there; a test checks that every artifact's step exists and writes it).
   */
  readonly step: string;
  /** Path relative to `dataDir`; its first segment is the step's output folder. */
  readonly file: string;
}

/** Each step output, by name. */
export const ARTIFACTS = {
  /** Daily bars of the selected symbols, split-adjusted unless `adjustSplits` is off. */
  panel: { step: "acquisition", file: "panel/daily.parquet" },
  /** The same bars before split adjustment. */
  panelRaw: { step: "acquisition", file: "panel/daily_raw.parquet" },
  /** Daily bars of the benchmark index. */
  benchmark: { step: "acquisition", file: "panel/benchmark.parquet" },
  /** The data-quality report of the panel and the benchmark (JSON). */
  qualityReport: { step: "acquisition", file: "panel/quality_report.json" },
  /** Features per symbol and date. */
  features: { step: "features", file: "features/features.parquet" },
  /** Labels per symbol and date, each with the end of the span it reads. */
  labels: { step: "labeling", file: "labels/labels.parquet" },
  /** Triple-barrier event labels, one row per event. */
  events: { step: "labeling", file: "labels/events.parquet" },
  /** Out-of-fold model predictions keyed by (symbol, date, horizon, model). */
  predictions: { step: "training", file: "predictions/predictions.parquet" },
  /** The regression champion step 04 chose (JSON): model, horizon, criterion, candidates. */
  champion: { step: "training", file: "predictions/champion.json" },
  /** Out-of-fold quantile intervals, raw and conformal. */
  intervals: { step: "training", file: "predictions/intervals.parquet" },
  /** Predictions of the registry model behind the inference alias. */
  inference: { step: "training", file: "inference/predictions.parquet" },
  /** The component-weighted index sentiment and its positions. */
  indexSignal: { step: "training", file: "signals/index_signal.parquet" },
  /** Per-date IC of predictions and features. */
  icDaily: { step: "analysis", file: "analysis/ic_daily.parquet" },
  /** IC summary per factor, horizon and method. */
  icSummary: { step: "analysis", file: "analysis/ic_summary.parquet" },
  /** Mean forward return by factor quantile. */
  quantileReturns: { step: "analysis", file: "analysis/quantiles.parquet" },
  /** CAPM and Fama-French regressions per stock. */
  factorRegressions: { step: "analysis", file: "analysis/factor_regressions.parquet" },
  /** Equity and returns per strategy and date. */
  equity: { step: "backtest", file: "backtest/equity.parquet" },
  /** Closed and open trades per strategy. */
  trades: { step: "backtest", file: "backtest/trades.parquet" },
  /** Mean Sharpe of every moving-average pair of the grid. */
  grid: { step: "backtest", file: "backtest/grid.parquet" },
} as const satisfies Readonly<Record<string, ArtifactDecl>>;

/** The name of a step output. */
export type ArtifactName = keyof typeof ARTIFACTS;

/** Each step output's path relative to `dataDir`. */
export const ARTIFACT_FILES: Readonly<Record<ArtifactName, string>> = Object.fromEntries(
  Object.entries(ARTIFACTS).map(([name, decl]) => [name, decl.file]),
) as Record<ArtifactName, string>;

/** Resolves `dataDir` to an absolute path: relative paths are taken from the project root. */
export function resolveDataDir(dataDir: string): string {
  return isAbsolute(dataDir) ? dataDir : projectPath(dataDir);
}

/**
 * Returns the absolute path of a step output under `dataDir`.
 *
 * @example
 * ```ts
 * import { artifactPath } from "@lib/data/artifacts.ts";
 * const path = artifactPath("/tmp/run", "panel");
 * if (path !== "/tmp/run/panel/daily.parquet") throw new Error(path);
 * ```
 */
export function artifactPath(dataDir: string, name: ArtifactName): string {
  return join(resolveDataDir(dataDir), ARTIFACTS[name].file);
}

/** Returns the names of the artifacts `step` writes, in declaration order. */
export function artifactsOf(step: string): ArtifactName[] {
  return (Object.keys(ARTIFACTS) as ArtifactName[]).filter((name) => ARTIFACTS[name].step === step);
}

/**
 * Returns the distinct output folders (relative to `dataDir`) that hold `names`, in first-seen
 * order: the unit the runner digests to decide whether a step's inputs or outputs changed.
 *
 * @example
 * ```ts
 * import { artifactFolders } from "@lib/data/artifacts.ts";
 * const folders = artifactFolders(["panel", "benchmark", "features"]);
 * if (folders.join() !== "panel,features") throw new Error(folders.join());
 * ```
 */
export function artifactFolders(names: readonly ArtifactName[]): string[] {
  return [...new Set(names.map((name) => ARTIFACTS[name].file.split("/")[0]))];
}
