import assert from "node:assert/strict";
import fc from "fast-check";
import pl from "nodejs-polars";
import { buildLabels, classBalance, classShareMetrics } from "@lib/labels/mod.ts";

const day = (i: number) => new Date(Date.UTC(2024, 0, 2 + i));
const closes = [100, 103, 103.5, 103.5, 101, 97];
const panel = pl.DataFrame({
  symbol: closes.map(() => "A"),
  date: closes.map((_, i) => day(i)),
  close: closes,
}).withColumns(pl.col("date").cast(pl.Date));

const options = { horizons: [1, 4], thresholds: { weak: 0.005, strong: 0.02 } } as const;

Deno.test("buildLabels returns fwd_ret, label_end and action per horizon with their types", () => {
  const labels = buildLabels(panel, { ...options, scaling: "none" });
  assert.deepEqual(labels.columns, [
    "symbol",
    "date",
    "fwd_ret_1",
    "label_end_1",
    "action_1",
    "fwd_ret_4",
    "label_end_4",
    "action_4",
  ]);
  assert.ok(labels.schema.fwd_ret_1.equals(pl.Float64));
  assert.ok(labels.schema.label_end_4.equals(pl.Date));
  assert.ok(labels.schema.action_1.equals(pl.Int32));
  // returns: +3%, +0.49%, 0, -2.42%, -3.96%, null
  assert.deepEqual(labels.getColumn("action_1").toArray(), [2, 0, 0, -2, -2, null]);
  // 4-day: 101/100-1 = +1% -> 1; 97/103-1 = -5.8% -> -2; then null
  assert.deepEqual(labels.getColumn("action_4").toArray(), [1, -2, null, null, null, null]);
});

Deno.test("buildLabels with sqrt scaling widens the 4-day thresholds twofold", () => {
  const labels = buildLabels(panel, { ...options, scaling: "sqrt" });
  // thresholds weak 1%, strong 4%: +1% -> 1 (boundary inside buy), -5.8% -> -2
  assert.deepEqual(labels.getColumn("action_4").toArray().slice(0, 2), [1, -2]);
  assert.deepEqual(labels.getColumn("action_1").toArray(), [2, 0, 0, -2, -2, null]);
});

Deno.test("classBalance counts every class per horizon and shares sum to 1", () => {
  const labels = buildLabels(panel, { ...options, scaling: "none" });
  const balance = classBalance(labels, [1]);
  assert.deepEqual(balance.toRecords().map((r) => [r.action, Number(r.count)]), [
    [-2, 2],
    [-1, 0],
    [0, 2],
    [1, 0],
    [2, 1],
  ]);
  const shares = balance.getColumn("share").toArray() as number[];
  assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.equal(shares[0], 2 / 5);
});

Deno.test("classShareMetrics names each horizon's class shares", () => {
  const labels = buildLabels(panel, { ...options, scaling: "none" });
  const metrics = classShareMetrics(classBalance(labels, [1]));
  assert.deepEqual(Object.keys(metrics), [
    "action_1_share_neg2",
    "action_1_share_neg1",
    "action_1_share_0",
    "action_1_share_1",
    "action_1_share_2",
  ]);
  assert.equal(metrics.action_1_share_2, 1 / 5);
});

Deno.test("buildLabels with rangeExpansion appends the range columns after the horizons", () => {
  const bars = panel.withColumns(
    pl.col("close").mul(1.01).alias("high"),
    pl.col("close").mul(0.99).alias("low"),
  );
  const labels = buildLabels(bars, {
    ...options,
    scaling: "none",
    rangeExpansion: { mode: "fixed", threshold: 0.02 },
  });
  assert.deepEqual(labels.columns.slice(-4), [
    "range_next",
    "range_threshold",
    "range_expansion",
    "range_end",
  ]);
  // next ranges 0.02 x close_{t+1} / close_t: 2.06%, 2.01%, 2%, 1.95%, 1.92%, none
  assert.deepEqual(labels.getColumn("range_expansion").toArray(), [1, 1, 0, 0, 0, null]);
  assert.deepEqual(
    labels.getColumn("range_end").toArray(),
    labels.getColumn("label_end_1").toArray(),
  );
});

Deno.test("buildLabels keeps the forward-return columns 04/05 read, unchanged by the new options", () => {
  const bars = panel.withColumns(pl.col("close").alias("high"), pl.col("close").alias("low"));
  const plain = buildLabels(panel, { ...options, scaling: "none" });
  const full = buildLabels(bars, {
    ...options,
    scaling: "none",
    volatility: { window: 2, weak: 0.25, strong: 1 },
    rangeExpansion: { mode: "trailing", multiple: 1.5, window: 2 },
  });
  const kept = ["symbol", "date", "fwd_ret_1", "label_end_1", "fwd_ret_4", "label_end_4"];
  assert.ok(full.select(...kept).frameEqual(plain.select(...kept), true));
});

Deno.test("buildLabels (fixed thresholds): action_h at t reads rows t..t+h only", () => {
  const prices = fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), {
    minLength: 2,
    maxLength: 30,
  });
  fc.assert(
    fc.property(prices, fc.nat(), fc.integer({ min: 1, max: 5 }), (a, seed, h) => {
      const t = seed % a.length;
      const changed = a.map((c, i) => (i < t || i > t + h ? c * 2 + 1 : c));
      const frame = (xs: number[]) =>
        pl.DataFrame({ symbol: xs.map(() => "A"), date: xs.map((_, i) => i), close: xs });
      const at = (xs: number[]) =>
        buildLabels(frame(xs), { ...options, horizons: [h], scaling: "sqrt" })
          .filter(pl.col("date").eq(pl.lit(t)));
      return at(a).frameEqual(at(changed), true);
    }),
    { numRuns: 100, seed: 42 },
  );
});
