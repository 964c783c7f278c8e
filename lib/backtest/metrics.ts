/**
 * The flat `name -> number` record a backtest step logs: every strategy's statistics, the tear
 * sheet of one strategy, trade counts, the parameter grid's size and best mean Sharpe ratio, and
 * the strategy's Fama-French alpha.
 * @module
 */
import type pl from "nodejs-polars";
import { metricRecord, metricSlug } from "../metric_record.ts";
import type { PortfolioResult } from "../portfolio/records.ts";
import type { GridRun } from "./run_strategy.ts";
import { headlineMetrics } from "./stats.ts";
import type { WidePanel } from "./wide.ts";

/** What {@link backtestMetrics} reads. */
export interface BacktestMetricsInput {
  /** The statistics table of `portfolios` (`statsTable`): logged as `{strategy}_{column}`. */
  stats: pl.DataFrame;
  /** The portfolios, by name: their headline statistics. */
  portfolios: Readonly<Record<string, PortfolioResult>>;
  /** The portfolio the factor fit is of (a key of `portfolios`): `{strategy}_alpha_ff3`. */
  strategy: string;
  /** The tear sheet's statistics table: its `tearSheetOf` column, logged as `tearsheet_{statistic}`. */
  tearSheet: pl.DataFrame;
  /** The portfolio the tear sheet is of: the column of `tearSheet` that is logged. */
  tearSheetOf: string;
  /** Portfolios whose number of trades is logged as `{name}_trades`, in this order. */
  tradesOf: readonly string[];
  /** The moving-average grid: its number of pairs. */
  grid: GridRun;
  /** The grid's finite mean Sharpe ratios: the best is logged. */
  trialSharpes: readonly number[];
  /** The strategy's annualised Fama-French 3 alpha; NaN (not logged) when the fit was skipped. */
  alphaFf3: number;
}

/**
 * Returns the metrics of a backtest step: `{strategy}_{column}` of the statistics table,
 * `tearsheet_{statistic}`, the headline statistics, `{name}_trades`, `grid_pairs`,
 * `grid_best_mean_sharpe` and `{strategy}_alpha_ff3`. A name given twice keeps its first place
 * and its last value.
 */
export function backtestMetrics(input: BacktestMetricsInput): Record<string, number> {
  const { portfolios, strategy, tearSheetOf } = input;
  const trades: Record<string, number> = {};
  for (const name of input.tradesOf) {
    const pf = portfolios[name];
    if (!pf) throw new Error(`no portfolio "${name}" (have ${Object.keys(portfolios).join(", ")})`);
    trades[`${name}_trades`] = pf.trades.length;
  }
  return {
    ...metricRecord(input.stats, (r, c) => `${r.strategy}_${c}`),
    ...metricRecord(input.tearSheet, (r) => `tearsheet_${metricSlug(r.statistic)}`, [tearSheetOf]),
    ...headlineMetrics(portfolios),
    ...trades,
    grid_pairs: input.grid.grid.pairs.length,
    // A fold, not a spread: the same value (-Infinity with no trials) without a stack limit.
    grid_best_mean_sharpe: input.trialSharpes.reduce((m, s) => Math.max(m, s), -Infinity),
    ...(Number.isFinite(input.alphaFf3) ? { [`${strategy}_alpha_ff3`]: input.alphaFf3 } : {}),
  };
}

/**
 * Returns what the headline says its numbers come from: the out-of-fold period of `score` as
 * day numbers since 1970-01-01 (`oof_first_day`, `oof_last_day`), its number of dates
 * (`oof_dates`) and of symbols (`universe_symbols`).
 *
 * @example
 * ```ts
 * import { periodMetrics } from "@lib/backtest/metrics.ts";
 * const m = periodMetrics({ dates: new Float64Array([17000, 17001]), symbols: ["a", "b", "c"], values: new Float64Array(6) });
 * if (m.oof_dates !== 2 || m.universe_symbols !== 3 || m.oof_last_day !== 17001) throw new Error();
 * ```
 */
export function periodMetrics(score: WidePanel): Record<string, number> {
  const n = score.dates.length;
  return {
    ...(n > 0 ? { oof_first_day: score.dates[0], oof_last_day: score.dates[n - 1] } : {}),
    oof_dates: n,
    universe_symbols: score.symbols.length,
  };
}
