import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { walkForwardQuantiles } from "@lib/models/evaluate_quantiles.ts";
import { multiQuantile } from "@lib/models/quantiles.ts";
import { RidgeRegression } from "@lib/models/linear/ridge.ts";
import { seededRandom } from "@lib/models/sample.ts";
import type { FeatureMatrix } from "@lib/models/matrix.ts";
import type { Model } from "@lib/models/model.ts";

const dayMs = 86_400_000;

/** 4 symbols x 400 days: fwd_ret_1 = 0.5 f + uniform noise on [-1, 1], one-day label spans. */
function frames() {
  const random = seededRandom(11);
  const symbol: string[] = [];
  const date: Date[] = [];
  const end: Date[] = [];
  const f: number[] = [];
  const y: number[] = [];
  for (let d = 0; d < 400; d++) {
    for (const s of ["a", "b", "c", "d"]) {
      const v = random() - 0.5;
      symbol.push(s);
      date.push(new Date(d * dayMs));
      end.push(new Date((d + 1) * dayMs));
      f.push(v);
      y.push(0.5 * v + (2 * random() - 1));
    }
  }
  const features = pl.DataFrame({ symbol, f }).withColumns(pl.Series("date", date).cast(pl.Date));
  const labels = pl.DataFrame({ symbol, fwd_ret_1: y }).withColumns(
    pl.Series("date", date).cast(pl.Date),
    pl.Series("label_end_1", end).cast(pl.Date),
  );
  return { features, labels };
}

/**
 * A deliberately over-confident quantile model: least squares plus the residuals' quantile at a
 * level pulled towards the median (0.5 + (alpha - 0.5) / 4), so its raw intervals are too narrow.
 */
const narrow = (alpha: number) => ({
  name: `narrow_${alpha}`,
  create(): Model {
    const ols = new RidgeRegression({ alpha: 0 });
    let shift = 0;
    return {
      kind: "narrow",
      get features() {
        return ols.features;
      },
      fit(x: FeatureMatrix, y: Float64Array) {
        ols.fit(x, y);
        const fitted = ols.predict(x);
        const residuals = y.map((v, i) => v - fitted[i]).sort();
        shift = residuals[Math.floor((0.5 + (alpha - 0.5) / 4) * (residuals.length - 1))];
      },
      predict: (x: FeatureMatrix) => ols.predict(x).map((v) => v + shift),
      importance: () => ols.importance(),
      save: () => ols.save(),
    };
  },
});

Deno.test("walkForwardQuantiles: conformal calibration brings a too-narrow 10-90 interval to about 80% coverage out of fold", () => {
  const { features, labels } = frames();
  const ev = walkForwardQuantiles(features, labels, {
    horizon: 1,
    model: multiQuantile({ factory: narrow }),
    folds: { nFolds: 4, testSize: 50 },
  });
  const pooled = (variant: string, metric: string) =>
    ev.summary.filter(pl.col("variant").eq(pl.lit(variant))).getColumn(metric)
      .toArray()[0] as number;
  assert.ok(pooled("raw", "coverage_80") < 0.4, `raw coverage ${pooled("raw", "coverage_80")}`);
  const covered = pooled("conformal", "coverage_80");
  // 800 test rows: the binomial standard error at 0.8 is about 0.014.
  assert.ok(Math.abs(covered - 0.8) < 0.05, `conformal coverage ${covered}`);
  assert.ok(pooled("conformal", "width_80") > pooled("raw", "width_80"));
  assert.equal(ev.metrics.height, 8); // 4 folds x raw, conformal
  assert.equal(ev.predictions.height, 800);
  // Conformal quantiles are monotone in every row.
  const q = ["q10", "q25", "q50", "q75", "q90"].map((c) =>
    ev.predictions.getColumn(c).toArray() as number[]
  );
  for (let i = 0; i < 800; i++) {
    for (let k = 1; k < q.length; k++) assert.ok(q[k][i] >= q[k - 1][i], `row ${i} crosses`);
  }
  assert.ok((ev.corrections.getColumn("correction_80").toArray() as number[]).every((c) => c > 0));
  const levels = ev.calibration.filter(pl.col("kind").eq(pl.lit("interval")));
  assert.deepEqual([...new Set(levels.getColumn("model").toArray())].sort(), ["conformal", "raw"]);
});

Deno.test("walkForwardQuantiles names the fold whose calibration split cannot be made", () => {
  const { features, labels } = frames();
  assert.throws(
    () =>
      walkForwardQuantiles(features, labels, {
        horizon: 1,
        model: multiQuantile({ factory: narrow }),
        folds: { nFolds: 1, testSize: 50 },
        calibrationFraction: 2,
      }),
    /horizon 1, fold 0: .*calibrationFraction/,
  );
});
