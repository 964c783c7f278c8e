/**
 * How many strategy configurations the backtest step has tried in an MLflow experiment: the
 * number of trials of a deflated Sharpe ratio that owns up to every earlier run, not just this
 * run's grid.
 *
 * A trial is one strategy with the values of the parameters that strategy reads. Each backtest
 * step run (tag `ws.step` = `backtest`, its parameters logged as MLflow strings) tried:
 *
 * - `top_k` with model, horizon, topK, rebalanceEvery and its costs (feesBps, slippageBps,
 *   execution, initialCash);
 * - `model_signal` with model, horizon, enterAbove, exitBelow and the signal costs (feesBps,
 *   fixedFee, slippageBps, execution, stopLoss, takeProfit, trailingStop, initialCash);
 * - `macd_cross` with macd and the signal costs; `rsi_reversion` with rsi and the signal costs;
 *   `index_signal` with the signal costs;
 * - one moving-average crossover per (fast, slow) pair of gridWindows, with the grid's costs
 *   (feesBps, fixedFee, slippageBps, execution, initialCash; the grid has no stops).
 *
 * Trials are counted once across runs: two runs that differ only in topK add one top_k trial,
 * not a whole second set. Paths (dataDir, factorFile) and the benchmark are not trials; a
 * parameter a run did not log counts as its own value ("unset"), and an unset model is the
 * champion of that run, one value whatever model it was. Runs are read whatever their status.
 * @module
 */
import type { MlflowClient } from "../mlflow/client.ts";
import { windowPairs } from "./grid.ts";

/** The step tag of backtest runs. */
export const BACKTEST_STEP = "backtest";

const SIGNAL_COSTS = [
  "feesBps",
  "fixedFee",
  "slippageBps",
  "execution",
  "stopLoss",
  "takeProfit",
  "trailingStop",
  "initialCash",
] as const;
const GRID_COSTS = ["feesBps", "fixedFee", "slippageBps", "execution", "initialCash"] as const;

/** Each named strategy of the backtest step and the parameters it reads. */
export const TRIAL_STRATEGIES: Readonly<Record<string, readonly string[]>> = {
  top_k: [
    "model",
    "horizon",
    "topK",
    "rebalanceEvery",
    "feesBps",
    "slippageBps",
    "execution",
    "initialCash",
  ],
  model_signal: ["model", "horizon", "enterAbove", "exitBelow", ...SIGNAL_COSTS],
  macd_cross: ["macd", ...SIGNAL_COSTS],
  rsi_reversion: ["rsi", ...SIGNAL_COSTS],
  index_signal: [...SIGNAL_COSTS],
};

/** Returns parameters as the runner logs them: strings as is, anything else as JSON, unset left out. */
export function loggedParams(params: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined) out[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return out;
}

function key(name: string, params: Readonly<Record<string, string>>, names: readonly string[]) {
  return `${name} ${JSON.stringify(names.map((n) => [n, params[n] ?? "unset"]))}`;
}

/**
 * Returns one key per trial of a backtest run with logged `params`: its named strategies, then
 * one per pair of `gridWindows` (a JSON array; none when it is missing or not an array of numbers).
 *
 * @example
 * ```ts
 * import { trialKeys } from "@lib/backtest/trials.ts";
 * const keys = trialKeys({ gridWindows: "[5,10,20]", topK: "3" });
 * if (keys.length !== 5 + 3) throw new Error(String(keys.length));
 * ```
 */
export function trialKeys(params: Readonly<Record<string, string>>): string[] {
  const keys = Object.entries(TRIAL_STRATEGIES).map(([name, names]) => key(name, params, names));
  for (const { fast, slow } of windowPairs(gridWindows(params.gridWindows))) {
    keys.push(key(`ma_cross(${fast},${slow})`, params, GRID_COSTS));
  }
  return keys;
}

function gridWindows(text: string | undefined): number[] {
  if (text === undefined) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === "number") ? value : [];
  } catch {
    return [];
  }
}

/** The trials of an experiment's backtest runs, as {@link experimentTrials} counts them. */
export interface ExperimentTrials {
  /** Distinct (strategy, parameter values) trials over every run and this one. */
  trials: number;
  /** Backtest step runs read from the experiment. */
  runs: number;
  /** Distinct parameter sets among those runs and this one. */
  configurations: number;
  /** Trials of this run alone (its named strategies and grid pairs). */
  thisRun: number;
  /** One sentence saying what was counted. */
  description: string;
}

/**
 * Returns the distinct trials of `paramSets` (logged backtest parameters, one set per run).
 *
 * @example
 * ```ts
 * import { countTrials } from "@lib/backtest/trials.ts";
 * const { trials, configurations } = countTrials([{ topK: "3" }, { topK: "5" }, { topK: "3" }]);
 * if (trials !== 6 || configurations !== 2) throw new Error(`${trials} ${configurations}`);
 * ```
 */
export function countTrials(
  paramSets: readonly Readonly<Record<string, string>>[],
): { trials: number; configurations: number } {
  const trials = new Set<string>();
  const configurations = new Set<string>();
  for (const params of paramSets) {
    configurations.add(JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1))));
    for (const k of trialKeys(params)) trials.add(k);
  }
  return { trials: trials.size, configurations: configurations.size };
}

/** What {@link experimentTrials} reads from MLflow. */
export type TrialSource = Pick<MlflowClient, "getRun" | "searchRuns">;

/** Parameters that name files, not a strategy: left out of a configuration. */
const PATH_PARAMS = ["dataDir", "factorFile"];

/**
 * Counts the trials of every backtest step run in the experiment of run `runId`, together with
 * this run's `params` (the parsed step parameters; included even when the run is not a step run
 * of that experiment, as in a notebook opened by hand).
 */
export async function experimentTrials(
  client: TrialSource,
  runId: string,
  params: Readonly<Record<string, unknown>>,
): Promise<ExperimentTrials> {
  const { experimentId } = (await client.getRun(runId)).info;
  const runs = await client.searchRuns({
    experimentIds: [experimentId],
    filter: `tags.\`ws.step\` = '${BACKTEST_STEP}'`,
  });
  const strip = (p: Readonly<Record<string, string>>) =>
    Object.fromEntries(Object.entries(p).filter(([k]) => !PATH_PARAMS.includes(k)));
  const current = strip(loggedParams(params));
  const { trials, configurations } = countTrials([
    ...runs.map((r) => strip(r.data.params)),
    current,
  ]);
  const thisRun = trialKeys(current).length;
  return {
    trials,
    runs: runs.length,
    configurations,
    thisRun,
    description: `${trials} distinct trials (strategy and the parameters it reads) over ` +
      `${configurations} configuration(s) of ${runs.length} backtest run(s) in experiment ` +
      `${experimentId} and this one; this run alone tries ${thisRun}`,
  };
}
