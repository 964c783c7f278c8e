/**
 * Backtesting on typed arrays: wide price panels, signal and top-k long-only portfolios with
 * fees, a buy-and-hold benchmark, performance statistics, and results as danfojs frames or
 * Parquet.
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
