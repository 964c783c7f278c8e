/**
 * The scoring core against a real MLflow server: champions published by the training step's
 * functions, loaded back by alias, scored from the stored bars and compared with scoring the
 * step-02 features in memory; and the errors for dates without features.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pl from "nodejs-polars";
import { MlflowClient, startLocalServer } from "@lib/mlflow/mod.ts";
import { predictFrame } from "@lib/models/inference.ts";
import { featureMatrix } from "@lib/models/matrix.ts";
import { isClassifier } from "@lib/models/model.ts";
import type { MultiQuantileModel } from "@lib/models/quantiles.ts";
import {
  latestDay,
  loadModelFolder,
  loadScoringModels,
  MissingInputsError,
  parseDay,
  readStoredBars,
  saveModelFolder,
  scoreDay,
  scoredFrame,
  scoringTable,
  UnknownSymbolError,
} from "@lib/serving/mod.ts";
import { isoFromDay } from "@lib/validation/days.ts";
import { FEATURES, HORIZON, publishFixture, SYMBOLS } from "./fixture.ts";

const close = (a: number | null, b: number | null) =>
  a !== null && b !== null && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

Deno.test("the scoring core against a real mlflow server", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "serving-scoring-"));
  const server = await startLocalServer({ storeDir: join(dir, "mlflow") });
  try {
    const client = new MlflowClient(server.uri);
    const fixture = await publishFixture(client, join(dir, "data"));
    const models = await loadScoringModels(client, {
      regression: { name: "stock-returns", alias: "champion" },
      action: { name: "stock-actions", alias: "champion" },
    });
    const bars = readStoredBars(fixture.dataDir);
    const table = scoringTable(bars, models);
    const day = latestDay(table);

    await t.step("a date scores as step 02's features scored in memory", () => {
      const rows = scoreDay(models, table, day, SYMBOLS);
      assert.deepEqual(rows.map((r) => r.symbol), SYMBOLS);
      const latest = fixture.features.filter(
        pl.col("date").cast(pl.Date).cast(pl.Int32).eq(day),
      ).sort("symbol");
      const reg = fixture.regression;
      const expected = predictFrame(reg.model, latest, {
        horizon: HORIZON,
        quantileModel: reg.quantiles!.model as MultiQuantileModel,
        conformal: reg.quantiles!.calibration,
        symbols: reg.data.symbols,
      });
      const bySymbol = new Map(rows.map((r) => [r.symbol, r]));
      const symbols = expected.getColumn("symbol").toArray() as string[];
      symbols.forEach((s, i) => {
        const row = bySymbol.get(s)!;
        assert.equal(row.date, isoFromDay(day));
        assert.equal(row.model, "stock-returns");
        assert.equal(row.version, "1");
        assert.ok(close(row.prediction, expected.getColumn("prediction").get(i)), s);
        for (const q of ["q10", "q25", "q50", "q75", "q90"]) {
          assert.ok(close(row.quantiles[q], expected.getColumn(q).get(i)), `${s} ${q}`);
        }
        assert.ok(close(row.pUp, expected.getColumn("p_up").get(i)), s);
      });
      const action = fixture.action.model;
      assert.ok(isClassifier(action));
      const withCode = latest.withColumns(
        pl.Series(
          "symbol_id",
          symbols.map((s) => fixture.action.data.symbols.indexOf(s)),
          pl.Float64,
        ),
      );
      const proba = action.predictProba(featureMatrix(withCode, action.features));
      symbols.forEach((s, i) => {
        const a = bySymbol.get(s)!.action!;
        assert.equal(a.model, "stock-actions");
        const k = action.classes.length;
        const p = Array.from(proba.subarray(i * k, (i + 1) * k));
        const best = action.classes[p.indexOf(Math.max(...p))] - 2;
        assert.equal(a.actionClass, best);
        const total = Object.values(a.probabilities).reduce((x, y) => x + y, 0);
        assert.ok(Math.abs(total - 1) < 1e-9);
        assert.ok(a.score >= -2 && a.score <= 2);
      });
      const frame = scoredFrame(rows);
      assert.deepEqual(frame.columns, [
        "symbol",
        "date",
        "horizon",
        "model",
        "version",
        "prediction",
        "q10",
        "q25",
        "q50",
        "q75",
        "q90",
        "p_up",
        "action_model",
        "action_version",
        "action_class",
        "action_score",
        "p_strong_sell",
        "p_sell",
        "p_hold",
        "p_buy",
        "p_strong_buy",
      ]);
      assert.equal(frame.height, SYMBOLS.length);
    });

    await t.step("dates without features say which inputs are missing", () => {
      const first = table.days[0];
      assert.throws(
        () => scoreDay(models, table, table.days[3], ["AAPL"]),
        (e: unknown) =>
          e instanceof MissingInputsError &&
          /AAPL on \d{4}-\d{2}-\d{2}: ret_5, ret_20, rsi_14, vol_20 are empty \(warm-up: 4 bars/
            .test(e.message),
      );
      assert.throws(
        () => scoreDay(models, table, day + 30, ["AAPL"]),
        (e: unknown) =>
          e instanceof MissingInputsError &&
          e.message.includes(`the stored bars end on ${isoFromDay(day)}`),
      );
      assert.throws(
        () => scoreDay(models, table, first - 1, ["AAPL"]),
        /the stored bars start on/,
      );
      // 2010-01-02 was a Saturday.
      assert.throws(
        () => scoreDay(models, table, parseDay("2010-01-02"), ["AAPL"]),
        /2010-01-02 is not a session of the stored bars \(.*before is 2009-12-31, the one after 2010-01-04\)/,
      );
      assert.throws(
        () => scoreDay(models, table, day, ["AAPL", "ZZZZ"]),
        (e: unknown) => e instanceof UnknownSymbolError && e.symbols.join() === "ZZZZ",
      );
      assert.deepEqual(
        FEATURES,
        models.regression!.model.features.filter((f) => f !== "symbol_id"),
      );
    });

    await t.step("a saved model folder scores as the registry's model", async () => {
      const folder = join(dir, "models");
      await saveModelFolder(join(folder, "regression"), models.regression!);
      await saveModelFolder(join(folder, "action"), models.action!);
      const local = {
        regression: await loadModelFolder(join(folder, "regression")),
        action: await loadModelFolder(join(folder, "action")),
      };
      assert.deepEqual(local.regression.info, models.regression!.info);
      assert.deepEqual(
        scoreDay(local, table, day, SYMBOLS),
        scoreDay(models, table, day, SYMBOLS),
      );
      await assert.rejects(loadModelFolder(join(dir, "nothing")), /has no version\.json/);
    });

    await t.step("a regression model given as the action model is refused", async () => {
      await assert.rejects(
        loadScoringModels(client, { action: { name: "stock-returns", alias: "champion" } }),
        /"stock-returns" version 1 is not an action classifier/,
      );
      await assert.rejects(
        loadScoringModels(client, { regression: { name: "stock-returns", alias: "nope" } }),
        /registered model "stock-returns" has no alias "nope"/,
      );
    });
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
