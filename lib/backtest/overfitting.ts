/**
 * The probability of backtest overfitting of a backtest step and the deflated Sharpe ratio of its
 * headline strategy with the trials of its MLflow experiment.
 *
 * The strategies ranked are the moving-average grid's (fast, slow) pairs, each as the portfolio
 * of its per-stock sleeves (the column values summed over stocks, so a pair is one strategy like
 * a named one), plus the step's named strategies, over the dates every one of them has (the
 * out-of-fold dates when the grid covers the whole history). A strategy with a non-finite return
 * on those dates, or with every return exactly 0 (it never held a position), is left out and named.
 * @module
 */
import type { PortfolioResult } from "../portfolio/records.ts";
import type { GridRun } from "./run_strategy.ts";
import {
  DEFAULT_PBO_PARTITIONS,
  type PboResult,
  probabilityOfBacktestOverfitting,
} from "../performance/pbo.ts";
import { type DeflatedSharpe, deflatedSharpeRatio } from "../performance/sharpe_inference.ts";

/** Inputs of {@link backtestOverfitting}. */
export interface OverfittingInput {
  /** The grid run; its simulation's rows are `gridDates`. */
  grid: GridRun;
  /** Day numbers of the grid's rows. */
  gridDates: Float64Array;
  /** Named strategies by name. */
  strategies: Readonly<Record<string, PortfolioResult>>;
  /** Names in `strategies` that are not trials (the benchmark). */
  exclude?: readonly string[];
  /** Blocks of CSCV. Defaults to 16. */
  nPartitions?: number;
}

/** The PBO of a step, or why it was skipped. */
export type BacktestOverfitting =
  | { status: "ok"; result: PboResult; names: string[]; dropped: string[]; dates: number }
  | { status: "skipped"; reason: string; dropped: string[] };

/** Returns each grid pair's daily returns (its sleeves' values summed), `nRows x pairs`. */
export function gridPairReturns(grid: GridRun): Float64Array {
  const { sim } = grid;
  const pairs = grid.grid.pairs.length;
  const value = new Float64Array(sim.nRows * pairs);
  const cash = new Float64Array(pairs);
  for (let col = 0; col < sim.nCols; col++) {
    const p = grid.grid.pairOf[col];
    cash[p] += sim.initCash[sim.groupOf[col]];
    for (let i = 0; i < sim.nRows; i++) {
      value[i * pairs + p] += sim.value[i * sim.nGroups + sim.groupOf[col]];
    }
  }
  const out = new Float64Array(value.length);
  for (let p = 0; p < pairs; p++) {
    let prev = cash[p];
    for (let i = 0; i < sim.nRows; i++) {
      out[i * pairs + p] = value[i * pairs + p] / prev - 1;
      prev = value[i * pairs + p];
    }
  }
  return out;
}

/**
 * Returns the PBO over the grid's pairs and the named strategies (see the module doc), or
 * `skipped` with the reason when fewer than 2 strategies remain or the common dates cannot fill
 * `2 x nPartitions` periods.
 */
export function backtestOverfitting(input: OverfittingInput): BacktestOverfitting {
  const s = input.nPartitions ?? DEFAULT_PBO_PARTITIONS;
  const exclude = new Set(input.exclude ?? []);
  const named = Object.entries(input.strategies).filter(([n]) => !exclude.has(n));
  const pairs = input.grid.grid.pairs;
  const gridReturns = gridPairReturns(input.grid);
  const lookups = named.map(([, pf]) => new Map(Array.from(pf.dates, (d, i) => [d, i])));
  const rows: number[] = [];
  input.gridDates.forEach((d, i) => {
    if (lookups.every((m) => m.has(d))) rows.push(i);
  });
  const series: { name: string; values: Float64Array }[] = [];
  pairs.forEach((pair, p) => {
    series.push({
      name: `ma(${pair.fast},${pair.slow})`,
      values: Float64Array.from(rows, (i) => gridReturns[i * pairs.length + p]),
    });
  });
  named.forEach(([name, pf], k) => {
    const at = rows.map((i) => lookups[k].get(input.gridDates[i])!);
    series.push({ name, values: Float64Array.from(at, (i) => pf.returns[i]) });
  });
  const dropped = series.filter((x) => !usable(x.values)).map((x) => x.name);
  const kept = series.filter((x) => usable(x.values));
  if (kept.length < 2) {
    return { status: "skipped", reason: `only ${kept.length} strategy traded`, dropped };
  }
  if (rows.length < 2 * s) {
    return {
      status: "skipped",
      reason: `${rows.length} common dates cannot fill ${s} blocks of 2 (need ${2 * s})`,
      dropped,
    };
  }
  const m = kept.length;
  const matrix = new Float64Array(rows.length * m);
  kept.forEach((x, j) => x.values.forEach((v, i) => (matrix[i * m + j] = v)));
  const result = probabilityOfBacktestOverfitting(matrix, m, { nPartitions: s });
  return { status: "ok", result, names: kept.map((x) => x.name), dropped, dates: rows.length };
}

function usable(values: Float64Array): boolean {
  return values.every(Number.isFinite) && values.some((v) => v !== 0);
}

/** The deflated Sharpe ratio of the headline strategy, or why it was not computed. */
export type HeadlineDsr = { status: "ok"; dsr: DeflatedSharpe } | {
  status: "skipped";
  reason: string;
};

/**
 * Returns the deflated Sharpe ratio of `returns` with `trials` trials and the variance of
 * `trialSharpes` (this run's grid), or `skipped` with fewer than 2 trial Sharpe ratios or a
 * non-finite return.
 */
export function headlineDeflatedSharpe(
  returns: Float64Array,
  trialSharpes: readonly number[],
  trials: number,
): HeadlineDsr {
  if (trialSharpes.length < 2) {
    return { status: "skipped", reason: `${trialSharpes.length} finite grid Sharpe ratio(s)` };
  }
  if (!returns.every(Number.isFinite)) {
    return { status: "skipped", reason: "the strategy has a non-finite return" };
  }
  const dsr = deflatedSharpeRatio(returns, trialSharpes, { trials: Math.max(trials, 2) });
  if (!Number.isFinite(dsr.dsr)) return { status: "skipped", reason: "constant returns" };
  return { status: "ok", dsr };
}

/** Returns one Markdown line of the PBO and the deflated Sharpe ratio. */
export function overfittingLine(pbo: BacktestOverfitting, dsr: HeadlineDsr, trials: string) {
  const first = pbo.status === "ok"
    ? `PBO ${pbo.result.pbo.toFixed(3)} over ${pbo.result.combinations} CSCV combinations ` +
      `(${pbo.names.length} strategies, ${pbo.dates} dates, S = ${pbo.result.nPartitions})`
    : `PBO skipped: ${pbo.reason}`;
  const left = pbo.dropped.length > 0
    ? `; left out (no trade or gaps): ${pbo.dropped.join(", ")}`
    : "";
  const second = dsr.status === "ok"
    ? `deflated Sharpe of top_k ${dsr.dsr.dsr.toFixed(3)} against a threshold Sharpe of ` +
      `${dsr.dsr.threshold.toFixed(2)} with ${dsr.dsr.trials} trials`
    : `deflated Sharpe of top_k skipped: ${dsr.reason}`;
  return `${first}${left}. ${second}: ${trials}.`;
}

/** Returns the metrics `pbo`, `pbo_combinations`, `dsr_trials`, `top_k_deflated_sharpe` that exist. */
export function overfittingMetrics(
  pbo: BacktestOverfitting,
  dsr: HeadlineDsr,
  trials: number,
): Record<string, number> {
  return {
    ...(pbo.status === "ok"
      ? { pbo: pbo.result.pbo, pbo_combinations: pbo.result.combinations }
      : {}),
    dsr_trials: trials,
    ...(dsr.status === "ok" ? { top_k_deflated_sharpe: dsr.dsr.dsr } : {}),
  };
}
