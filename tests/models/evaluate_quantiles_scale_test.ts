import assert from "node:assert/strict";
import { scalePanel } from "./scale_panel.ts";
import pl from "nodejs-polars";
import { walkForwardQuantiles } from "@lib/models/evaluate_quantiles.ts";
import { multiQuantile } from "@lib/models/quantiles.ts";
import { quantileMetricRecord, quantileMetrics } from "@lib/models/quantile_metrics.ts";
import type { FeatureMatrix } from "@lib/models/matrix.ts";
import type { Model } from "@lib/models/model.ts";

const SYMBOLS = 3_000;
const DAYS = 71;
const TEST_DAYS = 50;
const LEVELS = [0.1, 0.25, 0.5, 0.75, 0.9];

/** A quantile model that fits nothing: the feature plus a fixed offset per level. */
const offset = (alpha: number) => ({
  name: `offset_${alpha}`,
  create(): Model {
    let features: string[] = [];
    return {
      kind: "offset",
      get features() {
        return features;
      },
      fit(x: FeatureMatrix) {
        features = [...x.features];
      },
      predict: (x: FeatureMatrix) =>
        Float64Array.from({ length: x.rows }, (_, r) => x.data[r * x.cols] + (alpha - 0.5)),
      importance: () => features.map((feature) => ({ feature, importance: 0 })),
      save: () => ({ kind: "offset", version: 1, features, params: {}, state: alpha }),
    };
  },
});

/**
 * 3,000 symbols x 71 days, fwd_ret_1 = f + a spread-out residual in [-0.5, 0.5), one-day label
 * spans; the last day has no label. One fold of 50 test days holds 150,000 rows, more than one
 * spread call can take.
 */
function frames() {
  return scalePanel(SYMBOLS, DAYS, (f, i) => f + ((i * 104_729) % 997) / 997 - 0.5);
}

Deno.test("walkForwardQuantiles pools a 150,000-row test block and scores it as the predictions it returns", () => {
  const { features, labels } = frames();
  const ev = walkForwardQuantiles(features, labels, {
    horizon: 1,
    model: multiQuantile({ levels: LEVELS, factory: offset }),
    folds: { nFolds: 1, testSize: TEST_DAYS },
  });
  const rows = TEST_DAYS * SYMBOLS;
  assert.equal(ev.predictions.height, rows);
  const conformal = ev.summary.filter(pl.col("variant").eq(pl.lit("conformal")))
    .toRecords()[0] as Record<string, number>;
  assert.equal(conformal.n, rows);

  // The reference: the metrics recomputed from the returned rows (in date, symbol order, the
  // order the fold pools them in) against the labels they were scored on.
  const joined = ev.predictions
    .join(labels.select("symbol", "date", "fwd_ret_1"), { on: ["symbol", "date"], how: "left" })
    .sort(["date", "symbol"]);
  const actual = Float64Array.from(joined.getColumn("fwd_ret_1").toArray() as number[]);
  assert.deepEqual(Array.from(actual), joined.getColumn("actual").toArray());
  const values = LEVELS.map((level) =>
    Float64Array.from(joined.getColumn(`q${level * 100}`).toArray() as number[])
  );
  const reference = quantileMetricRecord(quantileMetrics(actual, { levels: LEVELS, values }));
  assert.equal(reference.crossing_rate, 0);
  for (const [metric, value] of Object.entries(reference)) {
    assert.equal(conformal[metric], value, metric);
  }
  assert.ok(conformal.coverage_80 > 0.5 && conformal.coverage_80 < 1);
});
