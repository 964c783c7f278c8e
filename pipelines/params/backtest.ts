import { z } from "zod";
import { commonParams } from "./common.ts";

/** Parameters of notebook 06 (backtesting): top-k and signal portfolios from predictions. */
export const backtestParams = commonParams.extend({
  /** Model whose out-of-fold predictions are the score. Defaults to "ridge". */
  model: z.string().min(1).default("ridge"),
  /** Horizon (days) of those predictions; must be one notebook 04 trained. Defaults to 5. */
  horizon: z.number().int().min(1).default(5),
  /** Assets held by the top-k portfolio. Defaults to 3. */
  topK: z.number().int().min(1).default(3),
  /** Dates between top-k rebalances. Defaults to 5 (weekly). */
  rebalanceEvery: z.number().int().min(1).default(5),
  /** Fee per fill in basis points of traded value. Defaults to 10. */
  feesBps: z.number().min(0).max(1_000).default(10),
  /** Starting cash of every portfolio and of the benchmark. Defaults to 10,000. */
  initialCash: z.number().positive().default(10_000),
  /** Signal strategy: enter an asset when its prediction is above this. Defaults to 0. */
  enterAbove: z.number().default(0),
  /** Signal strategy: exit an asset when its prediction is below this. Defaults to 0. */
  exitBelow: z.number().default(0),
}).strict();

/** The parsed backtest parameters. */
export type BacktestParams = z.infer<typeof backtestParams>;
