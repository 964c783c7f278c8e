/**
 * The handful of numbers a run is judged by, picked from the metrics its notebooks logged to
 * MLflow: the champion model step 04 chose by its declared criterion, its out-of-fold IC and
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

/** The champion of a run as step 04 recorded it, with its out-of-fold IC from step 05. */
export interface Champion {
  readonly model: string;
  readonly horizon: number;
  /** The criterion it was chosen by, e.g. "rmse (lower wins)". */
  readonly rule: string;
  /** Mean daily Pearson and Spearman IC with their Newey-West t-statistics (undefined if not run). */
  readonly icMean?: number;
  readonly icT?: number;
  readonly rankIcMean?: number;
  readonly rankIcT?: number;
}

/**
 * Returns the champion step 04 chose (its `ws.champion` tags) with the IC step 05 measured on
 * its predictions (`champion_*` metrics), or undefined when the training step recorded none.
 * The model is never picked after the fact from the analysis metrics.
 *
 * @example
 * ```ts
 * import { champion } from "@lib/reports/headline.ts";
 * const run = { steps: [
 *   { name: "training", metrics: {}, tags: { "ws.champion": "ridge", "ws.champion_horizon": "5" } },
 *   { name: "analysis", metrics: { champion_rank_ic_mean: 0.05, pred_tree_5_h5_ic_mean: 0.2 } },
 * ] } as never;
 * if (champion(run)?.model !== "ridge" || champion(run)?.rankIcMean !== 0.05) throw new Error();
 * ```
 */
export function champion(run: RunRecord): Champion | undefined {
  const tags = run.steps.find((s) => s.name === "training")?.tags ?? {};
  const model = tags["ws.champion"];
  if (!model) return undefined;
  const analysis = stepMetrics(run, "analysis");
  return {
    model,
    horizon: Number(tags["ws.champion_horizon"]),
    rule: tags["ws.champion_rule"] ?? "",
    icMean: analysis.champion_ic_mean,
    icT: analysis.champion_ic_t_nw,
    rankIcMean: analysis.champion_rank_ic_mean,
    rankIcT: analysis.champion_rank_ic_t_nw,
  };
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
      title: `the model step 04 chose${best.rule ? ` by ${best.rule}` : ""}; steps 05 and 06 ` +
        "analyse and backtest it",
    });
    const withT = (mean: number, t: number | undefined) =>
      fixed(mean, 3) + (t === undefined ? "" : ` (t ${fixed(t, 1)})`);
    if (best.rankIcMean !== undefined) {
      out.push({
        label: "Rank IC",
        value: withT(best.rankIcMean, best.rankIcT),
        title:
          `mean daily Spearman IC of ${best.model} vs the ${best.horizon}-day forward return ` +
          `out of fold; t-statistic Newey-West with ${best.horizon - 1} lags (overlapping returns)`,
      });
    }
    if (best.icMean !== undefined) {
      out.push({
        label: "IC",
        value: withT(best.icMean, best.icT),
        title: `mean daily Pearson IC of ${best.model}; t-statistic Newey-West with ` +
          `${best.horizon - 1} lags`,
      });
    }
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
