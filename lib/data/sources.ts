/**
 * Sources by name, so a step's `source` parameter picks where bars come from.
 * @module
 */
import type { DataSource } from "./source.ts";
import { type SampleDataset, sampleSource } from "./sample.ts";

/** Names of the available sources. */
export const SOURCE_NAMES = ["sample"] as const;

/** A source's name, as the acquisition step's `source` parameter gives it. */
export type SourceName = typeof SOURCE_NAMES[number];

/**
 * Returns the source `name` for `dataset` (the stocks' bars or the benchmark's). Throws naming
 * the known sources for an unknown name.
 *
 * @example
 * ```ts
 * import { openSource } from "@lib/data/sources.ts";
 * if (!openSource("sample", "benchmark").name.endsWith("benchmark_daily.csv")) throw new Error();
 * ```
 */
export function openSource(name: SourceName, dataset: SampleDataset): DataSource {
  switch (name) {
    case "sample":
      return sampleSource(dataset);
    default:
      throw new Error(`unknown data source "${name}"; known: ${SOURCE_NAMES.join(", ")}`);
  }
}
