/**
 * Market data: sources of daily bars, validation, and Parquet I/O for step outputs.
 * @module
 */
export * from "./schema.ts";
export * from "./errors.ts";
export * from "./csv.ts";
export * from "./query.ts";
export * from "./source.ts";
export * from "./csv_source.ts";
export * from "./sample.ts";
export * from "./parquet.ts";
export * from "./artifacts.ts";
export * from "./sources.ts";
export * from "./summary.ts";
