import assert from "node:assert/strict";
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
