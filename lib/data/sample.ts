/**
 * The real market data bundled with the workspace under `data/sample/`.
 * @module
 */
import { join } from "node:path";
import { projectPath } from "../paths.ts";
import type { DataSource } from "./source.ts";
import { csvSource } from "./csv_source.ts";

/** The bundled sample's datasets and their files. */
export const SAMPLE_FILES = {
  /** Daily bars of the sample's stocks. */
  daily: "ohlcv_daily.csv",
  /** Daily bars of the benchmark index. */
  benchmark: "benchmark_daily.csv",
} as const;

/** A dataset of the bundled sample. */
export type SampleDataset = keyof typeof SAMPLE_FILES;

/** Folder of the bundled sample, `data/sample/` under the project root. */
export const SAMPLE_DIR: string = projectPath("data", "sample");

/**
 * Returns the source for one dataset of the bundled sample; `dir` overrides the folder (tests).
 *
 * @example
 * ```ts
 * import { sampleSource } from "@lib/data/sample.ts";
 * const source = sampleSource("daily");
 * if (!source.name.endsWith("ohlcv_daily.csv")) throw new Error(source.name);
 * ```
 */
export function sampleSource(dataset: SampleDataset, dir: string = SAMPLE_DIR): DataSource {
  return csvSource(join(dir, SAMPLE_FILES[dataset]));
}
