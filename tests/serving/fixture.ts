/**
 * Registered champions for the serving tests, made cheaply but for real: the bundled sample's
 * bars (a few symbols) written where step 01 writes them, step 02's features and step 03's
 * labels computed by the same lib code, a small LightGBM regressor with its conformal quantile
 * companion and a LightGBM action classifier fitted, and both published through the training
 * step's own functions (`publishChampion`, `publishActionChampion`) to a real MLflow server.
 */
import { join } from "node:path";
import pl from "nodejs-polars";
import { readBarsCsv } from "@lib/data/csv.ts";
import { artifactPath } from "@lib/data/artifacts.ts";
import { writeParquetAtomic } from "@lib/data/parquet.ts";
import { SAMPLE_DIR } from "@lib/data/sample.ts";
import { buildFeatures } from "@lib/features/build.ts";
import { buildLabels } from "@lib/labels/build.ts";
import type { MlflowClient } from "@lib/mlflow/client.ts";
import { actionCandidates, quantileCandidate, specByName } from "@lib/models/candidates.ts";
import { regressionCandidates } from "@lib/models/candidates.ts";
import { fitChampion } from "@lib/models/fit_champion.ts";
import type { ChampionFit } from "@lib/models/fit_champion.ts";
import { trainingParams } from "@pipelines/params/training.ts";
import { publishActionChampion, publishChampion } from "@lib/serving/mod.ts";
import { servingFeatureSpec } from "@lib/serving/feature_inputs.ts";

/** The symbols of the fixture (a slice of the sample). */
export const SYMBOLS = ["AAPL", "AMD", "IBM", "MSFT"];
/** The features the models read (step 04's default list). */
export const FEATURES = ["ret_1", "ret_5", "ret_20", "rsi_14", "vol_20"];
/** The horizon of both models. */
export const HORIZON = 5;

/** What {@link publishFixture} made. */
export interface Fixture {
  /** The data dir holding `panel/daily.parquet`. */
  dataDir: string;
  /** The panel written there. */
  panel: pl.DataFrame;
  /** Step 02's features of the panel (the models' columns). */
  features: pl.DataFrame;
  /** The regression fit registered as `stock-returns`. */
  regression: ChampionFit;
  /** The action fit registered as `stock-actions`. */
  action: ChampionFit;
}

const settings = trainingParams.parse({
  horizons: [HORIZON],
  features: FEATURES,
  candidates: ["lightgbm"],
  actionModels: ["lightgbm"],
  quantiles: [0.1, 0.25, 0.5, 0.75, 0.9],
  lightgbm: { numIterations: 20, minDataInLeaf: 50, earlyStoppingRounds: 0, numThreads: 2 },
});

/** The sample's bars of {@link SYMBOLS} from `start` on. */
export async function samplePanel(start = "2009-01-01"): Promise<pl.DataFrame> {
  const bars = await readBarsCsv(join(SAMPLE_DIR, "ohlcv_daily.csv"));
  const from = Date.parse(`${start}T00:00:00Z`) / 86_400_000;
  const symbol = bars.getColumn("symbol").toArray() as string[];
  const keep = pl.Series("keep", symbol.map((s) => SYMBOLS.includes(s)), pl.Bool);
  return bars.withColumns(keep)
    .filter(pl.col("keep").and(pl.col("date").cast(pl.Date).cast(pl.Int32).gtEq(from)))
    .drop("keep")
    .sort(["symbol", "date"]);
}

/**
 * Writes the panel into `dataDir`, fits the two models and publishes them to `client` under
 * `stock-returns` and `stock-actions` (both promoted to `champion` by the gate, the registry
 * being empty). Publishing twice registers a second version of each.
 */
export async function publishFixture(
  client: MlflowClient,
  dataDir: string,
  experiment = "serving-fixture",
): Promise<Fixture> {
  const panel = await samplePanel();
  await writeParquetAtomic(panel, artifactPath(dataDir, "panel"));
  const features = buildFeatures(panel, servingFeatureSpec(FEATURES));
  const labels = buildLabels(panel, {
    horizons: [HORIZON],
    thresholds: { weak: 0.005, strong: 0.02 },
    scaling: "sqrt",
  });
  const spec = specByName(regressionCandidates(settings), "lightgbm");
  const regression = fitChampion(features, labels, {
    horizon: HORIZON,
    spec,
    features: FEATURES,
    quantiles: quantileCandidate(settings),
  });
  const experimentId = await client.getOrCreateExperiment(experiment);
  const run = await client.createRun({ experimentId, runName: "fixture" });
  const drift = pl.DataFrame({ feature: FEATURES, psi: FEATURES.map(() => 0.01) });
  await publishChampion(client, run.runId, {
    features,
    labels,
    horizon: HORIZON,
    featureNames: FEATURES,
    specs: [spec],
    champion: spec.name,
    fit: regression,
    summary: pl.DataFrame({ horizon: [HORIZON], model: [spec.name], n: [1000], rmse: [0.03] }),
    quantileSummary: pl.DataFrame({
      variant: ["raw", "conformal"],
      n: [1000, 1000],
      coverage_80: [0.78, 0.8],
    }),
    drift,
    registeredModel: "stock-returns",
    selectBy: { metric: "rmse", direction: "lower" },
    gate: { minImprovement: 0, maxPsi: 0.25, minCoverage: 0.5 },
  });
  const actionSpecs = actionCandidates(settings);
  const published = await publishActionChampion(client, run.runId, {
    features,
    labels,
    horizon: HORIZON,
    featureNames: FEATURES,
    specs: actionSpecs,
    champion: actionSpecs[0].name,
    summary: pl.DataFrame({
      horizon: [HORIZON],
      model: [actionSpecs[0].name],
      n: [1000],
      macro_f1: [0.3],
      accuracy: [0.4],
    }),
    drift,
    registeredModel: "stock-actions",
    gate: { minImprovement: 0, maxPsi: 0.25 },
  });
  return { dataDir, panel, features, regression, action: published.fit! };
}
