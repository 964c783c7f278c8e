/**
 * The bundled sample (`data/sample/`) as a registry entry: the offline default.
 * @internal
 * @module
 */
import { join } from "node:path";
import type { DataSource, SourceDefinition, SourceQuery } from "../source.ts";
import { assertInterval } from "../source.ts";
import { DataError } from "../errors.ts";
import { SAMPLE_DIR, SAMPLE_FILES, type SampleDataset, sampleSource } from "../sample.ts";
import { folderFreshness, shownPath } from "./freshness.ts";

/**
 * Returns the sample's source for `dataset`; `dir` overrides the folder (tests). It serves daily
 * bars only, prices as traded (see `data/sample/README.md`); `adjusted: true` is refused.
 */
export function bundledSampleSource(dataset: SampleDataset, dir: string = SAMPLE_DIR): DataSource {
  const inner = sampleSource(dataset, dir);
  return {
    name: inner.name,
    intervals: ["1d"],
    adjustment: "as bundled: raw stock prices, split recorded in splits.csv",
    symbols: () => inner.symbols(),
    async load(query: SourceQuery = {}) {
      assertInterval(inner.name, ["1d"], query.interval ?? "1d");
      if (query.adjusted === true) {
        throw new DataError(
          inner.name,
          "the sample holds prices as traded; adjust with data/sample/splits.csv instead",
        );
      }
      return await inner.load(query);
    },
  };
}

/** The bundled sample in the source registry; its benchmark file holds `^GSPC`. */
export const sampleDefinition: SourceDefinition<"sample"> = {
  name: "sample",
  description: "the real daily bars bundled in data/sample/ (offline default)",
  network: false,
  intervals: ["1d"],
  benchmark: "^GSPC",
  create: (options) => bundledSampleSource("daily", options.dir),
  freshness: (options) => {
    const dir = options.dir ?? SAMPLE_DIR;
    const files = Object.values(SAMPLE_FILES).map((file) => join(dir, file));
    return folderFreshness(`sample ${shownPath(dir)}`, files, dir);
  },
};
