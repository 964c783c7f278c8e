/**
 * Performance statistics of return series and portfolios: returns, risk, risk-adjusted ratios,
 * drawdowns, tails, benchmark-relative statistics, trade statistics and the probabilistic and
 * deflated Sharpe ratios. Annualisation and risk-free conventions are in ./options.ts.
 * @module
 */
export { DEFAULT_PERIODS_PER_YEAR } from "./options.ts";
export type { AnnualisationOptions } from "./options.ts";
export * from "./ratios.ts";
export * from "./drawdown.ts";
export * from "./tails.ts";
export * from "./relative.ts";
export * from "./sharpe_inference.ts";
export * from "./trading.ts";
export * from "./rolling.ts";
export * from "./calendar.ts";
export { normalCdf, normalQuantile } from "../stats/normal.ts";
