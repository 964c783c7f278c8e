/**
 * What a benchmark module provides to bench/run.ts.
 * @module
 */

/** One measured implementation of a benchmark. */
export interface BenchRow {
  /** The benchmark, e.g. `daily features`. */
  readonly benchmark: string;
  /** What ran, e.g. `nodejs-polars 0.25.2`. */
  readonly implementation: string;
  /** Wall-clock seconds (best of the repeats). */
  readonly seconds: number;
  /** CPU seconds of the process over the same run (all threads), robust to a busy machine. */
  readonly cpuSeconds: number;
  /** Rows processed. */
  readonly rows: number;
  /** Free-form notes (ratios, targets, agreement checks). */
  readonly note: string;
}

/** A benchmark module: a name and a function that measures and returns rows for the table. */
export interface Bench {
  /** Short name, used by `deno task bench <name>` to select it. */
  readonly name: string;
  /** Runs the benchmark and returns its rows. */
  run(): Promise<BenchRow[]>;
}
