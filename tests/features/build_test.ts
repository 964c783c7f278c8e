import assert from "node:assert/strict";
import fc from "fast-check";
import pl from "nodejs-polars";
import {
  buildFeatures,
  catalogSpec,
  describeFeatures,
  featureInputs,
  featureNames,
  featureStatistics,
  lastDates,
  nullFractions,
  overallNullFraction,
  priceOverlays,
  statisticsMetrics,
} from "@lib/features/mod.ts";
import { projectPath } from "@lib/paths.ts";
import { stepParams } from "@pipelines/params.ts";

const SPEC = catalogSpec({
  returnHorizons: [1, 3],
  logReturnHorizons: [1],
  smaWindows: [3],
  emaWindows: [3],
  rsiWindows: [3],
  volatilityWindows: [3],
});

function panel(rows: { symbol: string; date: number; close: number }[]): pl.DataFrame {
  return pl.DataFrame({
    symbol: rows.map((r) => r.symbol),
    date: rows.map((r) => r.date),
    close: rows.map((r) => r.close),
  });
}

const A = [10, 11, 12, 11, 13, 14, 12, 15].map((close, date) => ({ symbol: "A", date, close }));
const B = [50, 40, 45, 44, 47, 41].map((close, date) => ({ symbol: "B", date, close }));

Deno.test("buildFeatures returns symbol, date and one Float64 column per feature", () => {
  const f = buildFeatures(panel([...A, ...B]), SPEC);
  assert.deepEqual(f.columns, [
    "symbol",
    "date",
    "ret_1",
    "ret_3",
    "logret_1",
    "sma_3",
    "ema_3",
    "rsi_3",
    "vol_3",
  ]);
  for (const c of f.columns.slice(2)) assert.ok(f.schema[c].equals(pl.Float64), c);
  assert.equal(f.height, A.length + B.length);
});

Deno.test("buildFeatures computes each symbol alone: no value bleeds across symbols", () => {
  const both = buildFeatures(panel([...B, ...A]), SPEC);
  const aOnly = buildFeatures(panel(A), SPEC);
  const bOnly = buildFeatures(panel(B), SPEC);
  assert.ok(both.filter(pl.col("symbol").eq(pl.lit("A"))).frameEqual(aOnly, true));
  assert.ok(both.filter(pl.col("symbol").eq(pl.lit("B"))).frameEqual(bOnly, true));
  // B's first row has no previous close of its own, even though A's last row precedes it.
  const bFirst = both.filter(pl.col("symbol").eq(pl.lit("B"))).head(1);
  assert.equal(bFirst.getColumn("ret_1").toArray()[0], null);
});

Deno.test("buildFeatures of the default catalog on the sample equals each symbol built alone", () => {
  // The build evaluates bounded look-backs over the whole panel and nulls each symbol's warm-up:
  // a warm-up declared too short would leak the previous symbol's rows into these values.
  const sample = pl.readCSV(projectPath("data", "sample", "ohlcv_daily.csv"), {
    tryParseDates: true,
  });
  const spec = catalogSpec(stepParams.features.parse({}));
  const all = buildFeatures(sample, spec);
  const symbols = all.getColumn("symbol").unique().sort().toArray() as string[];
  assert.ok(symbols.length > 5);
  for (const symbol of symbols) {
    const alone = buildFeatures(sample.filter(pl.col("symbol").eq(pl.lit(symbol))), spec);
    assert.ok(all.filter(pl.col("symbol").eq(pl.lit(symbol))).frameEqual(alone, true), symbol);
  }
});

Deno.test("buildFeatures sorts rows by symbol then date before computing", () => {
  const shuffled = panel([A[3], B[1], A[0], A[2], B[0], A[1]]);
  const f = buildFeatures(shuffled, [{ kind: "ret", params: { horizon: 1 } }]);
  assert.deepEqual(f.getColumn("symbol").toArray(), ["A", "A", "A", "A", "B", "B"]);
  assert.deepEqual(f.getColumn("date").toArray(), [0, 1, 2, 3, 0, 1]);
  const ret = f.getColumn("ret_1").toArray() as (number | null)[];
  assert.equal(ret[0], null);
  assert.ok(Math.abs((ret[1] as number) - 0.1) < 1e-12);
  assert.ok(Math.abs((ret[5] as number) - (40 / 50 - 1)) < 1e-12);
});

Deno.test("buildFeatures names the missing panel column", () => {
  assert.throws(
    () => buildFeatures(pl.DataFrame({ symbol: ["A"], date: [0] }), SPEC),
    /the panel lacks column\(s\) close/,
  );
});

Deno.test("buildFeatures: data after t never changes a feature at or before t", () => {
  const closes = fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), {
    minLength: 2,
    maxLength: 40,
  });
  fc.assert(
    fc.property(closes, closes, fc.nat(), fc.double({ min: 0.5, max: 2, noNaN: true }), (
      a,
      b,
      cutSeed,
      factor,
    ) => {
      const rows = (xs: number[], symbol: string) =>
        xs.map((close, date) => ({ symbol, date, close }));
      const t = cutSeed % a.length;
      const changed = a.map((c, i) => (i > t ? c * factor + 1 : c));
      const before = buildFeatures(panel([...rows(a, "A"), ...rows(b, "B")]), SPEC);
      const after = buildFeatures(panel([...rows(changed, "A"), ...rows(b, "B")]), SPEC);
      const upToT = (f: pl.DataFrame) =>
        f.filter(pl.col("symbol").eq(pl.lit("B")).or(pl.col("date").ltEq(t)));
      return upToT(before).frameEqual(upToT(after), true);
    }),
    { numRuns: 100, seed: 42 },
  );
});

Deno.test("nullFractions and overallNullFraction count warm-up nulls", () => {
  const f = buildFeatures(panel(A), [
    { kind: "ret", params: { horizon: 1 } },
    { kind: "sma", params: { window: 3 } },
  ]);
  assert.deepEqual(nullFractions(f).toRecords(), [
    { feature: "ret_1", null_fraction: 1 / 8 },
    { feature: "sma_3", null_fraction: 2 / 8 },
  ]);
  assert.equal(overallNullFraction(f), 3 / 16);
});

Deno.test("featureNames and describeFeatures list a spec's columns with warm-up", () => {
  assert.deepEqual(featureNames(SPEC, ["sma", "ema"]), ["sma_3", "ema_3"]);
  assert.equal(featureNames(SPEC).length, 7);
  const table = describeFeatures(SPEC);
  assert.deepEqual(table.columns, ["feature", "kind", "group", "inputs", "warmup", "description"]);
  assert.deepEqual(table.getColumn("inputs").toArray().slice(0, 2), ["close", "close"]);
  assert.deepEqual(table.getColumn("warmup").toArray(), [1, 3, 1, 2, 2, 3, 3]);
  assert.match(table.getColumn("description").toArray()[5] as string, /Wilder/);
});

Deno.test("featureInputs marks the panel columns each feature reads", () => {
  const table = featureInputs(catalogSpec({ returnHorizons: [1], atrWindows: [14], obv: true }));
  assert.deepEqual(table.columns, ["feature", "group", "open", "high", "low", "close", "volume"]);
  assert.deepEqual(table.toRecords()[1], {
    feature: "atr_14",
    group: "volatility",
    open: 0,
    high: 1,
    low: 1,
    close: 1,
    volume: 0,
  });
});

Deno.test("buildFeatures names the missing input of a feature that needs more than close", () => {
  assert.throws(
    () => buildFeatures(panel(A), [{ kind: "atr", params: { window: 3 } }]),
    /the panel lacks column\(s\) high, low/,
  );
});

Deno.test("featureStatistics and statisticsMetrics summarise each column, skipping all-null ones", () => {
  const f = pl.DataFrame({ symbol: ["A", "A", "A"], date: [1, 2, 3], x: [1, 2, 3] })
    .withColumns(pl.lit(null).cast(pl.Float64).alias("empty"));
  const stats = featureStatistics(f);
  assert.deepEqual(stats.toRecords()[0], {
    feature: "x",
    mean: 2,
    std: 1,
    min: 1,
    max: 3,
    null_fraction: 0,
  });
  assert.deepEqual(statisticsMetrics(stats), {
    "mean.x": 2,
    "std.x": 1,
    "min.x": 1,
    "max.x": 3,
    "null_fraction.x": 0,
    "null_fraction.empty": 1,
  });
});

Deno.test("lastDates keeps the rows of the last n dates", () => {
  const f = panel([...A, ...B]);
  assert.deepEqual(lastDates(f, 2).getColumn("date").toArray(), [6, 7]);
  assert.equal(lastDates(f, 100).height, f.height);
});

Deno.test("priceOverlays is the first SMA and the Bollinger bands of the spec", () => {
  const spec = catalogSpec(stepParams.features.parse({}));
  assert.deepEqual(priceOverlays(spec), ["sma_20", "bb_upper_20_2", "bb_lower_20_2"]);
  assert.deepEqual(
    priceOverlays(spec),
    [...featureNames(spec, ["sma"]).slice(0, 1), ...featureNames(spec, ["bb_upper", "bb_lower"])],
  );
  assert.deepEqual(priceOverlays(catalogSpec({ rsiWindows: [14] })), []);
});
