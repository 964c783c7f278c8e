/**
 * Backtesting on typed arrays: wide price panels; a vectorbt-parity simulator for signals
 * (long/short/both, fees, slippage, stops, next-open fills, parameter grids, shared cash) and
 * target weights; signal and top-k portfolios; ready strategies; a buy-and-hold benchmark;
 * performance statistics; results as danfojs frames or Parquet.
 * @module
 */
export * from "./wide.ts";
export * from "./signals.ts";
export * from "./records.ts";
export * from "./result.ts";
export * from "./from_signals.ts";
export * from "./top_k.ts";
export * from "./benchmark.ts";
export * from "./stats.ts";
export * from "./frames.ts";
export * from "./io.ts";
export * from "./simulation.ts";
export * from "./simulate_signals.ts";
export * from "./simulate_orders.ts";
export * from "./order_records.ts";
export * from "./exit_trades.ts";
export * from "./target_weights.ts";
export * from "./to_portfolio.ts";
export * from "./grid.ts";
export * from "./strategies.ts";
export * from "./sim_frames.ts";
export * from "./run_strategy.ts";
