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
    const alwaysUp = training[`${best.model}_h${best.horizon}_always_up_accuracy`];
    if (accuracy !== undefined) {
      out.push({
        label: "Direction accuracy",
        value: percent(accuracy) +
          (alwaysUp === undefined ? "" : ` vs ${percent(alwaysUp)} always up`),
        title: `share of out-of-fold rows where ${best.model} predicted the sign of the return, ` +
          "beside the share a forecast of always up gets right",
      });
    }
  }
  for (const row of strategyHeadlines(backtest)) out.push(row);
  const period = periodHeadline(backtest);
  if (period) out.push(period);
  if (coverage !== undefined) {
    out.push({
      label: "Coverage",
      value: percent(coverage),
      title: "mean share of the universe with a usable prediction per out-of-fold date",
    });
  }
  const caveats = caveatsOf(run, backtest);
  if (caveats.length > 0) {
    out.push({
      label: "Caveats",
      value: caveats.join("; "),
      title: "what limits how far these numbers generalise",
    });
  }
  return out;
}

/**
 * The top-k strategy (the champion's score) beside the benchmark and the equal-weight portfolio:
 * Sharpe (with its standard error when logged), annual return and maximum drawdown.
 */
function strategyHeadlines(backtest: Readonly<Record<string, number>>): Headline[] {
  const rows: [string, string, (v: number) => string, string][] = [
    ["Sharpe (top-k)", "sharpe", (v) => fixed(v, 2), "annualised Sharpe ratio"],
    ["Annual return (top-k)", "annual_return", percent, "annualised return"],
    ["Max drawdown (top-k)", "max_drawdown", percent, "largest fall from a running peak"],
  ];
  const out: Headline[] = [];
  for (const [label, key, format, what] of rows) {
    const value = backtest[`top_k_${key}`];
    if (value === undefined) continue;
    const se = key === "sharpe" ? backtest.top_k_sharpe_se : undefined;
    const beside = [["benchmark", "benchmark"], ["equal_weight", "equal weight"]]
      .filter(([name]) => backtest[`${name}_${key}`] !== undefined)
      .map(([name, shown]) => `${shown} ${format(backtest[`${name}_${key}`])}`);
    out.push({
      label,
      value: format(value) + (se === undefined ? "" : ` ± ${fixed(se, 2)}`) +
        (key === "sharpe" && backtest.top_k_psr !== undefined
          ? ` (PSR ${percent(backtest.top_k_psr)})`
          : "") +
        (beside.length > 0 ? ` vs ${beside.join(", ")}` : ""),
      title: `${what} of the top-k portfolio of the champion's score over the out-of-fold ` +
        "period, beside buy-and-hold of the benchmark and the equal-weight universe" +
        (se === undefined ? "" : " (± one standard error of the Sharpe ratio)") +
        (key === "sharpe" ? "; PSR: the probability that the true Sharpe ratio is above 0" : ""),
    });
  }
  return out;
}

/** "2017-01-03 to 2018-12-31 (504 dates), 10 symbols", from step 06's period metrics. */
function periodHeadline(backtest: Readonly<Record<string, number>>): Headline | undefined {
  const { oof_first_day: first, oof_last_day: last, oof_dates: dates } = backtest;
  if (first === undefined || last === undefined) return undefined;
  const day = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  const symbols = backtest.universe_symbols;
  return {
    label: "Out of fold",
    value: `${day(first)} to ${day(last)} (${dates} dates)` +
      (symbols === undefined ? "" : `, ${symbols} symbols`),
    title: "the period and universe every number above comes from",
  };
}

/** Fewer out-of-fold dates than this is called a short sample (three years of trading days). */
const SHORT_SAMPLE_DATES = 756;

/** Short samples, thin quantile buckets and the bundled sample's survivorship bias. */
function caveatsOf(run: RunRecord, backtest: Readonly<Record<string, number>>): string[] {
  const out: string[] = [];
  const dates = backtest.oof_dates;
  if (dates !== undefined && dates < SHORT_SAMPLE_DATES) {
    out.push(`short sample: ${dates} out-of-fold dates (${(dates / 252).toFixed(1)} years)`);
  }
  const symbols = backtest.universe_symbols;
  const quantiles = Number(run.steps.find((s) => s.name === "analysis")?.params?.quantiles ?? 5);
  if (symbols !== undefined && symbols < 10 * quantiles) {
    out.push(
      `${symbols} symbols: each of ${quantiles} quantiles holds about ` +
        `${Math.floor(symbols / quantiles)} per date`,
    );
  }
  const source = run.steps.find((s) => s.name === "acquisition")?.params?.source;
  if (source === "sample") {
    out.push("survivorship bias: the bundled sample holds today's survivors only");
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
