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

/**
 * The reference tables that go with the sample's bars, relative to the project root: the
 * screener-style universe (with the warrants and test symbols the screen removes) and the splits
 * table. Step 01 uses them only when the source is `sample` and the parameter is unset.
 */
export const SAMPLE_REFERENCE_FILES = {
  universe: "data/sample/universe.csv",
  splits: "data/sample/splits.csv",
} as const;

/**
 * Returns the reference file step 01 reads for `kind`: `given` when set (an empty string means
 * none), else the sample's file for the `sample` source and none (`""`) for any other.
 *
 * @example
 * ```ts
 * import { referenceFile } from "@lib/data/sample.ts";
 * if (referenceFile("universe", undefined, "sample") !== "data/sample/universe.csv") throw new Error();
 * if (referenceFile("splits", undefined, "local") !== "") throw new Error("sample splits on a folder");
 * if (referenceFile("splits", "data/own/splits.csv", "local") !== "data/own/splits.csv") throw new Error();
 * ```
 */
export function referenceFile(
  kind: keyof typeof SAMPLE_REFERENCE_FILES,
  given: string | undefined,
  source: string,
): string {
  return given ?? (source === "sample" ? SAMPLE_REFERENCE_FILES[kind] : "");
}
