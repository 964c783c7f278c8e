/**
 * Market data: sources of daily bars, their schema, the acquisition step's metrics, and Parquet
 * I/O for step outputs. Quality rules live in `quality/mod.ts`; the universe, the store, splits
 * and filters are modules of their own (`universe.ts`, `store.ts`, `corporate_actions.ts`,
 * `filters.ts`).
 * @module
 */
export { BAR_COLUMNS, type BarColumn, sortBars } from "./schema.ts";
export { DataError } from "./errors.ts";
export { parseBarsCsv, readBarsCsv } from "./csv.ts";
export { type BarQuery, filterBars, parseIsoDate } from "./query.ts";
export type {
  BarInterval,
  DataSource,
  SourceDefinition,
  SourceOptions,
  SourceQuery,
} from "./source.ts";
export { csvSource } from "./csv_source.ts";
export {
  referenceFile,
  SAMPLE_DIR,
  SAMPLE_FILES,
  SAMPLE_REFERENCE_FILES,
  type SampleDataset,
  sampleSource,
} from "./sample.ts";
export { readParquetFile, writeFileAtomic, writeParquetAtomic } from "./parquet.ts";
export {
  ARTIFACT_FILES,
  type ArtifactDecl,
  artifactFolders,
  type ArtifactName,
  artifactPath,
  ARTIFACTS,
  artifactsOf,
  resolveDataDir,
} from "./artifacts.ts";
export {
  localFolderSource,
  openSource,
  polygonFlatSource,
  polygonRestSource,
  SOURCE_DEFINITIONS,
  SOURCE_NAMES,
  type SourceLocation,
  type SourceName,
  sourceOptions,
  stooqSource,
  yahooSource,
} from "./sources.ts";
export { firstSymbol, summariseBars } from "./summary.ts";
export { acquisitionMetrics, type AcquisitionOutcome } from "./acquisition_metrics.ts";
export { dailyFromMinutes, weeklyBars } from "./aggregate.ts";
export {
  adjustForSplits,
  loadSplits,
  panelPrices,
  parseSplitsCsv,
  readSplitsCsv,
  SPLIT_COLUMNS,
  splitFactors,
  splitReturns,
} from "./corporate_actions.ts";
export {
  applyFilters,
  type FilterOptions,
  filterOptions,
  type FilterResult,
  symbolStats,
} from "./filters.ts";
export {
  type DateRange,
  missingRanges,
  readStore,
  readStoredMeta,
  resolveStoreDir,
  type StoredMeta,
  storedPaths,
  type UpdateAction,
  type UpdateOptions,
  updateStore,
} from "./store.ts";
export {
  classifyInstrument,
  inputPath,
  loadUniverse,
  type NonTradableKind,
  parseConstituentsCsv,
  parseUniverseCsv,
  readConstituentsCsv,
  readTextInput,
  readUniverseCsv,
  type ScreenedUniverse,
  screenUniverse,
  selectSymbols,
  selectUniverse,
  UNIVERSE_COLUMNS,
  universeFromSymbols,
  type UniverseSelection,
} from "./universe.ts";
