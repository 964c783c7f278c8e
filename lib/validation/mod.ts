/**
 * Time-series validation: walk-forward splits with purging and embargo, and the day-number
 * helpers they work in.
 * @module
 */
export * from "./days.ts";
export * from "./walk_forward.ts";
