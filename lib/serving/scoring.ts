/**
 * The shared scoring core of `deno task predict` and `deno task serve:model`: the stored bars
 * of a data dir, the served models loaded from their registry aliases, and a date scored from
 * the bars without labels or retraining.
 * @module
 */
import pl from "nodejs-polars";
import { artifactPath } from "../data/artifacts.ts";
import { readParquetFile } from "../data/parquet.ts";
import type { MlflowClient } from "../mlflow/client.ts";
import { type FeatureTable, featureTable, inputRows } from "./feature_inputs.ts";
import type { ModelRef } from "./model_ref.ts";
import { dayNumbers, uniqueDays } from "../validation/days.ts";
import { checkModels, modelFeatures, type ScoredRow, scoreRows } from "./score.ts";
import type { ScoringModels } from "./score.ts";
import { loadScoringModel } from "./scoring_model.ts";

/** The registry aliases to load: the regression champion, the action champion, or both. */
export interface ScoringRefs {
  regression?: ModelRef;
  action?: ModelRef;
}

/**
 * Loads the models behind `refs` from the registry; throws naming a missing model or alias,
 * a model of the wrong kind (an action classifier given as the regression model or the other
 * way round) and models of different horizons.
 *
 * @example
 * ```ts ignore
 * const models = await loadScoringModels(client, {
 *   regression: { name: "stock-returns", alias: "champion" },
 *   action: { name: "stock-actions", alias: "champion" },
 * });
 * ```
 */
export async function loadScoringModels(
  client: MlflowClient,
  refs: ScoringRefs,
): Promise<ScoringModels> {
  const models: ScoringModels = {};
  if (refs.regression) models.regression = await loadScoringModel(client, refs.regression);
  if (refs.action) {
    models.action = await loadScoringModel(client, refs.action);
    if (models.action.task !== "action") {
      throw new Error(
        `"${refs.action.name}" version ${models.action.info.version} is not an action ` +
          "classifier (it has no classes.json)",
      );
    }
  }
  checkModels(models);
  return models;
}

/**
 * Returns the stored bars step 01 wrote under `dataDir` (`panel/daily.parquet`, quality-checked
 * and split-adjusted: what step 02 reads). Throws naming the file when it is missing.
 */
export function readStoredBars(dataDir: string): pl.DataFrame {
  const path = artifactPath(dataDir, "panel");
  try {
    Deno.statSync(path);
  } catch {
    throw new Error(
      `no stored bars at ${path}: run step 01 (deno task pipeline --to acquisition) first`,
    );
  }
  return readParquetFile(path);
}

/** A feature table and the symbol coding for models logged without theirs. */
export interface ScoringTable extends FeatureTable {
  /** The sorted symbols of all the bars, before any selection. */
  coding: string[];
}

/**
 * Returns the feature table of `bars` for the features `models` read (see feature_inputs.ts),
 * restricted to `symbols` and to dates up to `upTo` when given.
 */
export function scoringTable(
  bars: pl.DataFrame,
  models: ScoringModels,
  options: { symbols?: readonly string[]; upTo?: number } = {},
): ScoringTable {
  const { symbols, upTo } = options;
  const symbol = bars.getColumn("symbol").cast(pl.Utf8).toArray() as string[];
  const all = [...new Set(symbol)].sort();
  let selected = bars;
  if (symbols !== undefined) {
    // A mask rather than `isIn`, which polars warns about for a list of the column's type.
    const wanted = new Set(symbols);
    const keep = pl.Series("__keep", symbol.map((s) => wanted.has(s)), pl.Bool);
    selected = bars.withColumns(keep).filter(pl.col("__keep")).drop("__keep");
  }
  // Sessions come from every bar, so a date is "not a session" or "after the bars" as the
  // stored bars say, whatever symbols and cut-off were selected.
  const sessions = uniqueDays(dayNumbers(bars.getColumn("date")));
  return {
    ...featureTable(selected, modelFeatures(models), upTo, sessions),
    coding: all,
  };
}

/**
 * Scores `symbols` on `day` (a day number): the features from `table`, the models' outputs.
 * Throws an `UnknownSymbolError` or a `MissingInputsError` (see feature_inputs.ts).
 */
export function scoreDay(
  models: ScoringModels,
  table: ScoringTable,
  day: number,
  symbols: readonly string[],
): ScoredRow[] {
  return scoreRows(models, inputRows(table, day, symbols), table.coding);
}
