/**
 * The file `deno task predict` upserts into: Parquet (`writePredictions`, shared with step
 * 04's inference file) or CSV, keyed by (symbol, date, horizon, model), sorted by the key and
 * replaced atomically, so rerunning the same prediction leaves the file byte-identical.
 * @module
 */
import { join } from "node:path";
import pl from "nodejs-polars";
import { resolveDataDir } from "../data/artifacts.ts";
import { writeAtomic } from "../io/atomic.ts";
import { PREDICTION_KEYS, writePredictions } from "../models/inference.ts";
import { readCsvText } from "../data/csv.ts";

/** Where `deno task predict` writes under the data dir unless told otherwise. */
export const SERVED_PREDICTIONS_FILE = "predict/predictions.parquet";

/** Returns the default predictions file of `dataDir` (see {@link SERVED_PREDICTIONS_FILE}). */
export function servedPredictionsPath(dataDir: string): string {
  return join(resolveDataDir(dataDir), SERVED_PREDICTIONS_FILE);
}

/**
 * Upserts `predictions` into `path` (`.parquet` or `.csv`): rows with a key in `predictions`
 * replaced, other rows kept, sorted by the key, written to a temporary file and renamed over
 * `path`. Returns the frame written. Throws naming a path with another extension.
 */
export async function upsertPredictionFile(
  path: string,
  predictions: pl.DataFrame,
): Promise<pl.DataFrame> {
  if (path.endsWith(".parquet")) return await writePredictions(path, predictions);
  if (!path.endsWith(".csv")) {
    throw new Error(`predictions file ${path}: expected a .parquet or .csv file`);
  }
  const incoming = textKeys(predictions);
  const asText = incoming.select(...incoming.columns.map((c) => pl.col(c).cast(pl.Utf8)));
  let merged = asText;
  const existing = await readExistingCsv(path);
  if (existing) {
    const kept = existing.join(asText.select(...PREDICTION_KEYS), {
      on: [...PREDICTION_KEYS],
      how: "anti",
    });
    const order = [
      ...existing.columns,
      ...asText.columns.filter((c) => !existing.columns.includes(c)),
    ];
    merged = (kept.height === 0 ? asText : pl.concat([kept, asText], { how: "diagonal" }))
      .select(...order);
  }
  // Text keys sort as the typed ones would: ISO dates sort by date, horizons as numbers.
  merged = merged.withColumns(pl.col("horizon").cast(pl.Int64).alias("__h"))
    .sort(["symbol", "date", "__h", "model"]).drop("__h");
  const csv = merged.writeCSV().toString();
  await writeAtomic(path, (temp) => Deno.writeTextFile(temp, csv));
  return merged;
}

/** The key columns as text the CSV holds: symbol, ISO date, horizon, model. */
function textKeys(frame: pl.DataFrame): pl.DataFrame {
  for (const key of PREDICTION_KEYS) {
    if (!frame.columns.includes(key)) {
      throw new Error(`the predictions have no "${key}" column`);
    }
  }
  return frame.withColumns(
    pl.col("date").cast(pl.Date).cast(pl.Utf8),
    pl.col("horizon").cast(pl.Int32),
  );
}

async function readExistingCsv(path: string): Promise<pl.DataFrame | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  const frame = readCsvText(text, path);
  const missing = PREDICTION_KEYS.filter((k) => !frame.columns.includes(k));
  if (missing.length > 0) {
    throw new Error(`${path} is not a predictions file: no column(s) ${missing.join(", ")}`);
  }
  return frame;
}
