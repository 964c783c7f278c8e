/**
 * Parameters of notebook 01 (acquisition): the symbols and dates, the source, the universe and its
 * filters, the local store, split adjustment and the data-quality rules. Only this step chooses
 * symbols and dates: every later step reads the panel it writes, so `symbols`, `start` and `end`
 * are declared here and nowhere else. Every default keeps the offline sample pipeline working.
 * @module
 */
import { existsSync, statSync } from "node:fs";
import { z } from "zod";
import { projectPath } from "../../lib/paths.ts";
import { filterOptions } from "../../lib/data/filters.ts";
import { qualityConfig } from "../../lib/data/quality/config.ts";
import { SOURCE_NAMES, sourceDefinition } from "../../lib/data/sources.ts";
import { commonParams, isoDate, projectRelativePath, tickerSymbol } from "./common.ts";
import { folderProblems } from "./source_folder.ts";

/** The fields of notebook 01's parameters, before the check across `start` and `end`. */
const acquisitionFields = commonParams.extend({
  /**
   * Symbols the panel keeps; empty keeps every symbol of the universe (or of the source without
   * one). Later steps read the panel, so this is the only place symbols are chosen. Defaults to
   * all.
   */
  symbols: z.array(tickerSymbol).default([]),
  /** First date the panel keeps (inclusive); unset keeps from the first available date. */
  start: isoDate.optional(),
  /** Last date the panel keeps (inclusive), on or after `start`; unset keeps to the last available date. */
  end: isoDate.optional(),
  /**
   * Where bars come from (lib/data/sources.ts); `sample` is the real data bundled in
   * `data/sample/`, offline. Defaults to `sample`.
   */
  source: z.enum(SOURCE_NAMES).default("sample"),
  /**
   * Folder the `local` and `polygon-flat` sources read, relative to the project root (e.g.
   * `data/vendor/daily`). Unset by default.
   */
  sourceDir: projectRelativePath.optional(),
  /**
   * API root for a network source instead of its public host (a mirror, a proxy, or a local
   * replay server). Unset by default.
   */
  sourceUrl: z.string().url().optional(),
  /**
   * Tickers file in the Nasdaq screener layout (`Symbol,Name,Country,IPO Year,Sector,Industry`),
   * relative to the project root; `symbols` then picks from it. Empty: the universe is `symbols`,
   * or every symbol of the source when `symbols` is empty too. Warrants, units, rights, preferred
   * shares and test symbols are always removed (and listed). Unset (the default): the bundled
   * `data/sample/universe.csv` for the `sample` source, empty for every other source (the
   * sample's tickers file says nothing about a user's folder or a vendor).
   */
  universe: projectRelativePath.or(z.literal("")).optional(),
  /** Universe filters (price range, average volume, trading days). Defaults to none. */
  filters: filterOptions.default({}),
  /**
   * Folder of the per-symbol Parquet store; a relative path is taken under `dataDir`. Defaults to
   * `store` (`<dataDir>/store`).
   */
  storeDir: projectRelativePath.default("store"),
  /**
   * Fetch every symbol again and replace the store's copy, instead of fetching only the dates the
   * store lacks. The runner's `--force` sets it for the run. Defaults to false.
   */
  refetch: z.boolean().default(false),
  /**
   * Splits table `symbol,date,ratio` relative to the project root; empty for none. Unset (the
   * default): the bundled `data/sample/splits.csv` for the `sample` source, none for every other
   * source (the sample's splits must not adjust a user's or a vendor's prices twice).
   */
  splits: projectRelativePath.or(z.literal("")).optional(),
  /**
   * Write split-adjusted prices to the panel (raw prices go to `panel/daily_raw.parquet` either
   * way). Defaults to true.
   */
  adjustSplits: z.boolean().default(true),
  /**
   * Data-quality rules: a policy (fail, exclude, warn, fix) and thresholds per rule; see
   * lib/data/quality/config.ts for each rule's default.
   */
  quality: qualityConfig.default({}),
}).strict();

/** Parameters of notebook 01 (acquisition): its fields, with `start` on or before `end`. */
export const acquisitionParams = acquisitionFields.superRefine((p, ctx) => {
  // ISO dates compare as text; an empty window would only fail later, as an empty panel.
  if (p.start !== undefined && p.end !== undefined && p.start > p.end) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["start"],
      message: `start ${p.start} is after end ${p.end} (start must be on or before end)`,
    });
  }
  for (const message of folderProblem(p.source, p.sourceDir, p.symbols)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["sourceDir"], message });
  }
  for (const key of ["universe", "splits"] as const) {
    const file = p[key];
    if (file && !existsSync(projectPath(file))) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [key],
        message: `"${file}" does not exist`,
      });
    }
  }
});

/**
 * What is wrong with `sourceDir` for `source`: a source that reads a folder (not the network and
 * not the bundled sample) needs one that exists, and the local source one with stocks and its
 * benchmark (and the `symbols` asked for), so a wrong folder is named before anything runs rather
 * than inside notebook 01.
 */
function folderProblem(
  source: string,
  sourceDir: string | undefined,
  symbols: readonly string[],
): string[] {
  const definition = sourceDefinition(source);
  if (definition.network || source === "sample") return [];
  if (sourceDir === undefined) return [`the ${source} source reads a folder: set sourceDir`];
  const path = projectPath(sourceDir);
  if (!existsSync(path)) return [`"${sourceDir}" does not exist`];
  if (!statSync(path).isDirectory()) return [`"${sourceDir}" is not a folder`];
  if (source !== "local") return [];
  return folderProblems(path, sourceDir, { benchmark: definition.benchmark, symbols });
}

/** The parsed parameters of notebook 01. */
export type AcquisitionParams = z.infer<typeof acquisitionParams>;
