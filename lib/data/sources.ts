/**
 * Sources by name, so a step's `source` parameter picks where bars come from. Each source is one
 * module under `sources/` exporting a {@link SourceDefinition}; adding one is that module plus
 * its line in {@link SOURCE_DEFINITIONS} (the list of names is derived from it).
 * @module
 */
import { projectPath } from "../paths.ts";
import { DataError } from "./errors.ts";
import type {
  DataSource,
  Freshness,
  SourceDefinition,
  SourceOptions,
  SourceQuery,
} from "./source.ts";
import type { SampleDataset } from "./sample.ts";
import { bundledSampleSource, sampleDefinition } from "./sources/sample.ts";
import { yahooDefinition } from "./sources/yahoo.ts";
import { stooqDefinition } from "./sources/stooq.ts";
import { polygonRestDefinition } from "./sources/polygon_rest.ts";
import { polygonFlatDefinition } from "./sources/polygon_flat.ts";
import { localFolderDefinition } from "./sources/local_folder.ts";

export { yahooSource } from "./sources/yahoo.ts";
export { stooqSource } from "./sources/stooq.ts";
export { polygonRestSource } from "./sources/polygon_rest.ts";
export { polygonFlatSource } from "./sources/polygon_flat.ts";
export { localFolderSource } from "./sources/local_folder.ts";

/** Every registered source, `sample` (offline) first, the default. */
export const SOURCE_DEFINITIONS = [
  sampleDefinition,
  yahooDefinition,
  stooqDefinition,
  polygonRestDefinition,
  polygonFlatDefinition,
  localFolderDefinition,
] as const;

/** A source's name, as the acquisition step's `source` parameter gives it. */
export type SourceName = typeof SOURCE_DEFINITIONS[number]["name"];

/** Names of the available sources, in {@link SOURCE_DEFINITIONS} order (a tuple for `z.enum`). */
export const SOURCE_NAMES = SOURCE_DEFINITIONS.map((d) => d.name) as unknown as readonly [
  SourceName,
  ...SourceName[],
];

/** Builds the name -> definition table; a name defined twice is an error, not an override. */
export function sourceRegistry(
  definitions: readonly SourceDefinition[],
): ReadonlyMap<string, SourceDefinition> {
  const registry = new Map<string, SourceDefinition>();
  for (const definition of definitions) {
    if (registry.has(definition.name)) {
      throw new Error(`data source "${definition.name}" is defined twice`);
    }
    registry.set(definition.name, definition);
  }
  return registry;
}

const REGISTRY = sourceRegistry(SOURCE_DEFINITIONS);

/** Returns the definition of source `name`; throws naming the known sources otherwise. */
export function sourceDefinition(name: string): SourceDefinition {
  const definition = REGISTRY.get(name);
  if (!definition) {
    throw new Error(`unknown data source "${name}"; known: ${[...REGISTRY.keys()].join(", ")}`);
  }
  return definition;
}

/** `source` with `symbols` loaded (and listed) when a query names none. */
function withSymbols(source: DataSource, symbols: readonly string[], name: string): DataSource {
  return {
    ...source,
    name,
    symbols: () => Promise.resolve([...symbols].sort()),
    async load(query: SourceQuery = {}) {
      const asked = query.symbols && query.symbols.length > 0 ? query.symbols : symbols;
      return await source.load({ ...query, symbols: asked });
    },
  };
}

/**
 * Returns the source `name` for `dataset`: the stocks' bars (`daily`) or the benchmark's. The
 * benchmark of a vendor is its {@link SourceDefinition.benchmark} symbol (the sample reads its
 * benchmark file). `options` carries folders, API roots, keys and the progress bar; API keys
 * default to their environment variables (`POLYGON_API_KEY`, `STOOQ_API_KEY`). Throws naming
 * the known sources for an unknown name.
 *
 * @example
 * ```ts
 * import { openSource } from "@lib/data/sources.ts";
 * if (!openSource("sample", "benchmark").name.endsWith("benchmark_daily.csv")) throw new Error();
 * ```
 */
export function openSource(
  name: SourceName,
  dataset: SampleDataset = "daily",
  options: SourceOptions = {},
): DataSource {
  const definition = sourceDefinition(name);
  if (definition.name === "sample") return bundledSampleSource(dataset, options.dir);
  const source = definition.create(options);
  if (dataset === "benchmark") {
    return withSymbols(
      source,
      [definition.benchmark],
      `${source.name} benchmark ${definition.benchmark}`,
    );
  }
  return source;
}

/** Where a step's parameters say a source reads: a folder and an API root, both optional. */
export interface SourceLocation {
  /** Folder of the `local` and `polygon-flat` sources, relative to the project root. */
  readonly sourceDir?: string;
  /** API root of a network source instead of its public host. */
  readonly sourceUrl?: string;
}

/** Returns the {@link SourceOptions} of `location`: the folder resolved under the project root. */
export function sourceOptions(location: SourceLocation): SourceOptions {
  return {
    dir: location.sourceDir && projectPath(location.sourceDir),
    baseUrl: location.sourceUrl,
  };
}

/** Throws a {@link DataError} naming `name` when it is not a registered source. */
export function assertSourceName(name: string): asserts name is SourceName {
  if (!REGISTRY.has(name)) {
    throw new DataError(
      "source",
      `unknown data source "${name}"; known: ${[...REGISTRY.keys()].join(", ")}`,
    );
  }
}

/**
 * The freshness probe of source `name` for `query` at `location` (see
 * {@link SourceDefinition.freshness}): equal results mean a rerun of the acquisition step would
 * find no new bars. The benchmark is covered too: folder sources probe every file they read,
 * network sources probe the session, which is the same for every symbol.
 *
 * @example
 * ```ts
 * import { sourceFreshness } from "@lib/data/sources.ts";
 * const probe = await sourceFreshness("sample", {}, {});
 * if (Object.keys(probe.items).join() !== "ohlcv_daily.csv,benchmark_daily.csv") throw new Error();
 * ```
 */
export async function sourceFreshness(
  name: string,
  location: SourceLocation,
  query: SourceQuery,
): Promise<Freshness> {
  const definition = sourceDefinition(name);
  if (!definition.freshness) {
    return { subject: `${name} (no freshness probe)`, unit: "item", items: {} };
  }
  return await definition.freshness(sourceOptions(location), query);
}
