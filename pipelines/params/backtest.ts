import { z } from "zod";
import { commonParams } from "./common.ts";
import { EXECUTIONS } from "@lib/backtest/simulation.ts";
import { factorFileParam } from "./factor_file.ts";

/** Parameters of notebook 06 (backtesting): strategies with costs and stops, a parameter grid and the tear sheet. */
export const backtestParams = commonParams.extend({
  /**
   * Model whose out-of-fold predictions are the score. Unset: the champion step 04 chose by its
   * declared criterion (its champion record), the model step 05 analyses.
   */
  model: z.string().min(1).optional(),
  /** Horizon (days) of those predictions; must be one notebook 04 trained. Defaults to 5. */
  horizon: z.number().int().min(1).default(5),
  /** Assets held by the top-k portfolio. Defaults to 3. */
  topK: z.number().int().min(1).default(3),
  /** Dates between top-k rebalances. Defaults to 5 (weekly). */
  rebalanceEvery: z.number().int().min(1).default(5),
  /** Fee per fill in basis points of traded value. Defaults to 10. */
  feesBps: z.number().min(0).max(1_000).default(10),
  /** Fixed fee per order, in cash (signal strategies). Defaults to 1. */
  fixedFee: z.number().min(0).default(1),
  /** Slippage against the trader in basis points of the fill price (every strategy). Defaults to 5. */
  slippageBps: z.number().min(0).max(1_000).default(5),
  /**
   * When a signal or score computed from bar t fills, for every strategy: "next_open" (bar
   * t + 1's open), "next_close" (bar t + 1's close) or "same_close" (bar t's own close, which
   * lets a signal earn the move it was computed from: flagged on the page and tagged
   * `ws.same_bar_fills`). The old "close" is read as "same_close". Defaults to "next_open".
   */
  execution: z.preprocess(
    (v) => (v === "close" ? "same_close" : v),
    z.enum(EXECUTIONS, {
      errorMap: () => ({ message: `execution must be one of ${EXECUTIONS.join(", ")}` }),
    }),
  ).default("next_open"),
  /** Stop loss of the signal strategies as a fraction of the entry price; 0 for none. Defaults to 0.1. */
  stopLoss: z.number().min(0).max(1).default(0.1),
  /** Take profit as a fraction of the entry price; 0 for none. Defaults to 0. */
  takeProfit: z.number().min(0).default(0),
  /** Makes the stop loss trail the highest high since entry. Defaults to false. */
  trailingStop: z.boolean().default(false),
  /** Starting cash of every portfolio and of the benchmark. Defaults to 10,000. */
  initialCash: z.number().positive().default(10_000),
  /** Model strategy: enter an asset when its prediction is above this. Defaults to 0. */
  enterAbove: z.number().default(0),
  /** Model strategy: exit an asset when its prediction is below this. Defaults to 0. */
  exitBelow: z.number().default(0),
  /** MACD cross strategy periods. Defaults to 12/26/9. */
  macd: z.object({
    fast: z.number().int().min(1).default(12),
    slow: z.number().int().min(2).default(26),
    signal: z.number().int().min(1).default(9),
  }).strict().default({}),
  /** RSI mean reversion: buy below lower, sell above upper. Defaults to 14, 30, 70. */
  rsi: z.object({
    window: z.number().int().min(2).default(14),
    lower: z.number().min(0).max(100).default(30),
    upper: z.number().min(0).max(100).default(70),
  }).strict().default({}),
  /** Moving-average windows of the crossover grid (every fast < slow pair). Defaults to [5, 10, 20, 50, 100, 200]. */
  gridWindows: z.array(z.number().int().min(2)).min(2).default([5, 10, 20, 50, 100, 200]),
  /** Rolling window of the tear sheet's Sharpe and beta. Defaults to 126. */
  rollingWindow: z.number().int().min(10).default(126),
  /**
   * Fama-French factor file of the factor regressions, relative to the project folder: a CSV as
   * downloaded from Ken French's data library (monthly or daily, FF3 or FF5 columns) or in the
   * bundled layout; checked when the parameters are parsed. Unset uses the bundled monthly FF3
   * file, data/sample/ff_factors_monthly.csv (1926-07..2018-11).
   */
  factorFile: factorFileParam.optional(),
}).strict();

/** The parsed backtest parameters. */
export type BacktestParams = z.infer<typeof backtestParams>;
