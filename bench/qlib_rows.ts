/**
 * The rows of the Qlib side by side in the scale benchmark: which of our pipeline's steps stand
 * for each phase of Qlib's LightGBM + Alpha158 workflow (bench/qlib_workflow.py), and the ratio
 * ours / Qlib per phase with the target "no slower than Qlib". Pure: it takes the measured steps
 * and Qlib's report and returns table rows.
 * @module
 */
import type { BenchRow } from "./bench.ts";

/** A phase of Qlib's workflow as bench/qlib_workflow.py names it in its report. */
export type QlibPhase = "data" | "features" | "training" | "backtest";

/** One phase's cost in Qlib's report. */
export interface QlibPhaseCost {
  /** Wall-clock seconds. */
  readonly seconds: number;
  /** CPU seconds of the process and its finished children. */
  readonly cpu_seconds: number;
  /** Peak resident memory of the process so far, in KB. */
  readonly peak_rss_kb: number;
}

/** The JSON bench/qlib_workflow.py writes (the fields the rows read). */
export interface QlibReport {
  /** pyqlib's version. */
  readonly qlib: string;
  /** Python start-up, imports and `qlib.init`, outside every phase. */
  readonly import_seconds: number;
  /** The whole script, imports included. */
  readonly total_seconds: number;
  /** Each phase's cost. */
  readonly phases: Readonly<Record<QlibPhase, QlibPhaseCost>>;
  /** What was converted. */
  readonly sizes: {
    /** Stocks (the benchmark not counted). */
    readonly symbols: number;
    /** Stock bars on the calendar, between each stock's first and last date. */
    readonly bars: number;
    readonly dates: number;
    readonly bin_bytes: number;
  };
  /** The date segments: train, valid, test and the backtest's span. */
  readonly segments: Readonly<Record<string, readonly [string, string]>>;
  /** Rows x columns (features and label) of each DatasetH segment. */
  readonly shapes: Readonly<Record<string, readonly [number, number]>>;
  /** LightGBM's best iteration (early stopping on the valid segment). */
  readonly best_iteration: number;
}

/** One of our pipeline steps as the scale benchmark measured it. */
export interface StepCost {
  /** Notebook name, e.g. `01_acquisition`. */
  readonly name: string;
  /** Wall-clock seconds. */
  readonly seconds: number;
  /** CPU seconds. */
  readonly cpuSeconds: number;
}

/** A phase of the comparison: its label, the Qlib phase and the steps of ours that stand for it. */
export interface PhaseMapping {
  /** Label in the table. */
  readonly label: string;
  /** Qlib's phase. */
  readonly qlib: QlibPhase;
  /** What Qlib runs in it. */
  readonly qlibDoes: string;
  /** Our pipeline's steps (notebook names) summed for it. */
  readonly ours: readonly string[];
}

/**
 * The phases compared. Qlib's Alpha158 handler computes the label with the features, so features
 * stand against our features and labeling steps; Qlib's backtest phase runs the signal analysis
 * (IC) with the portfolio analysis, so it stands against our factor analysis and backtesting.
 */
export const QLIB_PHASES: readonly PhaseMapping[] = [
  {
    label: "data preparation",
    qlib: "data",
    qlibDoes: "CSVs to .bin (Qlib storage classes, dump_bin layout)",
    ours: ["01_acquisition"],
  },
  {
    label: "features + label",
    qlib: "features",
    qlibDoes: "Alpha158 handler (158 features + label) and DatasetH segments",
    ours: ["02_features", "03_labeling"],
  },
  {
    label: "training",
    qlib: "training",
    qlibDoes: "LGBModel, workflow_config_lightgbm_Alpha158 parameters, 2 threads",
    ours: ["04_training"],
  },
  {
    label: "backtest",
    qlib: "backtest",
    qlibDoes: "SignalRecord + SigAnaRecord + PortAnaRecord (TopkDropout 50/5)",
    ours: ["05_factor_analysis", "06_backtesting"],
  },
];

/**
 * "met" when ours took no longer than Qlib, else by how much it missed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(noSlowerVerdict(0.8), "met");
 * assert.equal(noSlowerVerdict(2.5), "missed by 2.5x");
 * ```
 */
export function noSlowerVerdict(ratio: number): string {
  return ratio <= 1 ? "met" : `missed by ${ratio.toFixed(1)}x`;
}

/** Sums the named steps; undefined when one of them was not measured (a failed run). */
export function sumSteps(
  steps: readonly StepCost[],
  names: readonly string[],
): { seconds: number; cpuSeconds: number } | undefined {
  let seconds = 0;
  let cpuSeconds = 0;
  for (const name of names) {
    const step = steps.find((s) => s.name === name);
    if (!step) return undefined;
    seconds += step.seconds;
    cpuSeconds += step.cpuSeconds;
  }
  return { seconds, cpuSeconds };
}

const mb = (kb: number) => `${Math.round(kb / 1024).toLocaleString("en-US")} MB`;

/**
 * Two rows per phase (ours, then Qlib's) and two for the four phases together; each of ours
 * carries the wall and CPU ratio ours / Qlib and the target's verdict (on wall time). A phase
 * whose steps did not all run says so instead of a ratio.
 */
export function qlibRows(
  benchmark: string,
  steps: readonly StepCost[],
  report: QlibReport,
): BenchRow[] {
  const rows: BenchRow[] = [];
  const bars = report.sizes.bars;
  const compare = (ours: { seconds: number; cpuSeconds: number }, q: QlibPhaseCost) => {
    const wall = ours.seconds / q.seconds;
    return `ours/Qlib wall ${wall.toFixed(2)}x, CPU ${
      (ours.cpuSeconds / q.cpu_seconds).toFixed(2)
    }x (target: no slower than Qlib: ${noSlowerVerdict(wall)})`;
  };
  let oursTotal: { seconds: number; cpuSeconds: number } | undefined = {
    seconds: 0,
    cpuSeconds: 0,
  };
  const qlibTotal = { seconds: 0, cpu_seconds: 0, peak_rss_kb: 0 };
  for (const phase of QLIB_PHASES) {
    const q = report.phases[phase.qlib];
    const ours = sumSteps(steps, phase.ours);
    qlibTotal.seconds += q.seconds;
    qlibTotal.cpu_seconds += q.cpu_seconds;
    qlibTotal.peak_rss_kb = Math.max(qlibTotal.peak_rss_kb, q.peak_rss_kb);
    oursTotal = ours && oursTotal
      ? {
        seconds: oursTotal.seconds + ours.seconds,
        cpuSeconds: oursTotal.cpuSeconds + ours.cpuSeconds,
      }
      : undefined;
    rows.push({
      benchmark: `${benchmark}: ${phase.label}`,
      implementation: `this workspace: ${phase.ours.join(" + ")}`,
      seconds: ours?.seconds ?? NaN,
      cpuSeconds: ours?.cpuSeconds ?? NaN,
      rows: bars,
      note: ours ? compare(ours, q) : "not measured: the pipeline did not run every step of it",
    });
    rows.push({
      benchmark: `${benchmark}: ${phase.label}`,
      implementation: `pyqlib ${report.qlib}: ${phase.qlibDoes}`,
      seconds: q.seconds,
      cpuSeconds: q.cpu_seconds,
      rows: bars,
      note: `peak RSS so far ${mb(q.peak_rss_kb)}` + phaseNote(phase.qlib, report),
    });
  }
  rows.push({
    benchmark: `${benchmark}: the four phases`,
    implementation: "this workspace: steps 01 to 06",
    seconds: oursTotal?.seconds ?? NaN,
    cpuSeconds: oursTotal?.cpuSeconds ?? NaN,
    rows: bars,
    note: oursTotal ? compare(oursTotal, qlibTotal) : "not measured: the pipeline failed",
  });
  rows.push({
    benchmark: `${benchmark}: the four phases`,
    implementation: `pyqlib ${report.qlib}: the whole workflow`,
    seconds: qlibTotal.seconds,
    cpuSeconds: qlibTotal.cpu_seconds,
    rows: bars,
    note: `plus ${
      report.import_seconds.toFixed(1)
    } s of Python start-up, imports and qlib.init; whole script ${
      report.total_seconds.toFixed(1)
    } s; peak RSS ${mb(qlibTotal.peak_rss_kb)}`,
  });
  return rows;
}

function phaseNote(phase: QlibPhase, report: QlibReport): string {
  const seg = (k: string) => {
    const s = report.segments[k];
    const shape = report.shapes[k];
    return s
      ? `${k} ${s[0]}..${s[1]}${shape ? ` (${shape[0].toLocaleString("en-US")} rows)` : ""}`
      : "";
  };
  switch (phase) {
    case "data":
      return `; ${report.sizes.symbols} symbols + benchmark, ${
        report.sizes.dates.toLocaleString("en-US")
      } dates, ${(report.sizes.bin_bytes / 1e6).toFixed(1)} MB of .bin`;
    case "features":
      return `; ${["train", "valid", "test"].map(seg).join(", ")}`;
    case "training":
      return `; best iteration ${report.best_iteration} (early stopping 50 on valid)`;
    case "backtest":
      return `; ${seg("backtest")}`;
  }
}
