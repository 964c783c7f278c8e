/**
 * The handful of numbers a run is judged by, picked from the metrics its notebooks logged to
 * MLflow: the champion model (highest mean rank IC of its out-of-fold predictions), its IC and
 * direction accuracy, the top-k portfolio's Sharpe, return and drawdown against the benchmark,
 * and the share of the universe the predictions cover.
 * @internal
 * @module
 */
import type { RunRecord } from "./history.ts";

/** One headline number, already formatted. */
export interface Headline {
  readonly label: string;
  readonly value: string;
  /** A longer explanation (shown as a tooltip). */
  readonly title: string;
}

/** The champion model of a run and the metrics it was chosen on. */
export interface Champion {
  readonly model: string;
  readonly horizon: number;
  readonly icMean: number;
}

/**
 * Returns the model whose predictions have the highest mean rank IC in the analysis step's
 * metrics (`pred_{model}_{h}_h{h}_ic_mean`), or undefined when the run has none.
 *
 * @example
 * ```ts
 * import { champion } from "@lib/reports/headline.ts";
 * const metrics = { pred_ridge_5_h5_ic_mean: 0.1, pred_tree_5_h5_ic_mean: 0.12, ret_20_h5_ic_mean: 0.3 };
 * const run = { steps: [{ name: "analysis", metrics }] } as never;
 * if (champion(run)?.model !== "tree") throw new Error();
 * ```
 */
export function champion(run: RunRecord): Champion | undefined {
  const metrics = stepMetrics(run, "analysis");
  let best: Champion | undefined;
  for (const [name, value] of Object.entries(metrics)) {
    const m = name.match(/^pred_(.+)_(\d+)_h(\d+)_ic_mean$/);
    if (!m || !Number.isFinite(value)) continue;
    if (!best || value > best.icMean) best = { model: m[1], horizon: Number(m[3]), icMean: value };
  }
  return best;
}

/** Returns the run's headline numbers; `coverage` is the mean share of the universe scored. */
export function headlineMetrics(run: RunRecord, coverage?: number): Headline[] {
  const out: Headline[] = [];
  const best = champion(run);
  const training = stepMetrics(run, "training");
  const backtest = stepMetrics(run, "backtest");
  if (best) {
    out.push({
      label: "Champion model",
      value: `${best.model} (${best.horizon}d)`,
      title: "model with the highest mean rank IC of its out-of-fold predictions",
    });
    out.push({
      label: "Rank IC",
      value: fixed(best.icMean, 3),
      title: `mean daily Spearman IC of ${best.model} vs the ${best.horizon}-day forward return`,
    });
    const accuracy = training[`${best.model}_h${best.horizon}_direction_accuracy`];
    if (accuracy !== undefined) {
      out.push({
        label: "Direction accuracy",
        value: percent(accuracy),
        title: `share of out-of-fold rows where ${best.model} predicted the sign of the return`,
      });
    }
  }
  if (backtest.top_k_sharpe !== undefined) {
    const bench = backtest.benchmark_sharpe;
    out.push({
      label: "Sharpe (top-k)",
      value: fixed(backtest.top_k_sharpe, 2) +
        (bench === undefined ? "" : ` vs ${fixed(bench, 2)}`),
      title: "annualised Sharpe ratio of the top-k portfolio, vs the benchmark's",
    });
  }
  if (backtest.top_k_total_return !== undefined) {
    out.push({
      label: "Return (top-k)",
      value: percent(backtest.top_k_total_return),
      title: "total return of the top-k portfolio over the out-of-fold period",
    });
  }
  if (backtest.top_k_max_drawdown !== undefined) {
    out.push({
      label: "Max drawdown",
      value: percent(backtest.top_k_max_drawdown),
      title: "largest fall of the top-k portfolio from a running peak",
    });
  }
  if (coverage !== undefined) {
    out.push({
      label: "Coverage",
      value: percent(coverage),
      title: "mean share of the universe with a usable prediction per out-of-fold date",
    });
  }
  return out;
}

/** A step's metrics by name, without the runner's own duration. */
export function stepMetrics(run: RunRecord, name: string): Readonly<Record<string, number>> {
  return run.steps.find((s) => s.name === name)?.metrics ?? {};
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

function percent(value: number): string {
  return `${(100 * value).toFixed(1)}%`;
}
