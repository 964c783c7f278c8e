import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { positionSummary, trailingThresholds } from "@lib/signals/thresholds.ts";
import { indexPositions, positionsFromScore, signalOptions } from "@lib/signals/positions.ts";

const options = { window: 4, buyQuantile: 0.75, sellQuantile: 0.25, minPeriods: 3 };

Deno.test("trailingThresholds are numpy's linear quantiles of the earlier window only", () => {
  const score = [0.1, 0.4, 0.2, 0.8, 0.5, NaN, 0.3];
  const { buy, sell } = trailingThresholds(score, options);
  assert.ok(Number.isNaN(buy[2]), "two earlier scores < minPeriods");
  // date 3 sees 0.1, 0.4, 0.2 -> sorted 0.1 0.2 0.4: q0.75 at 1.5 = 0.3, q0.25 at 0.5 = 0.15
  assert.ok(Math.abs(buy[3] - 0.3) < 1e-12 && Math.abs(sell[3] - 0.15) < 1e-12);
  // date 6 sees 0.2, 0.8, 0.5 (NaN skipped) -> 0.2 0.5 0.8: 0.65 and 0.35
  assert.ok(Math.abs(buy[6] - 0.65) < 1e-12 && Math.abs(sell[6] - 0.35) < 1e-12);
});

Deno.test("trailingThresholds look no further than the date before", () => {
  const score = Array.from({ length: 40 }, (_, t) => Math.sin(t / 3));
  const before = trailingThresholds(score, options);
  for (const t of [10, 25]) {
    const changed = score.map((v, i) => (i >= t ? v + 100 : v));
    const after = trailingThresholds(changed, options);
    for (let s = 0; s <= t; s++) {
      assert.ok(Object.is(after.buy[s], before.buy[s]), `buy at ${s} moved when ${t} changed`);
    }
  }
});

Deno.test("adaptive thresholds trade a score that never crosses the fixed ones", () => {
  // a score drifting inside (0.31, 0.35): above a fixed buy of 0.3 from the start, so fixed
  // thresholds hold it from the first date on; adaptive ones follow its own range and trade
  const score = Float64Array.from({ length: 300 }, (_, t) => 0.33 + 0.02 * Math.sin(t / 7));
  const settings = {
    signalBuy: 0.3,
    signalSell: -0.3,
    signalWindow: 40,
    signalBuyQuantile: 0.8,
    signalSellQuantile: 0.2,
  };
  const fixed = positionsFromScore(
    score,
    signalOptions({ ...settings, signalThresholds: "fixed" }),
  );
  const adaptive = positionsFromScore(
    score,
    signalOptions({ ...settings, signalThresholds: "adaptive" }),
  );
  const changes = (p: Int8Array) => p.reduce((n, v, i) => n + (i > 0 && v !== p[i - 1] ? 1 : 0), 0);
  assert.equal(changes(fixed), 0);
  assert.ok(changes(adaptive) > 10, `adaptive changed ${changes(adaptive)} times`);
  const frame = (p: Int8Array) => pl.DataFrame({ position: Array.from(p) });
  assert.match(positionSummary(frame(fixed)), /\*\*Warning:\*\*.*buy-and-hold of the index/);
  assert.doesNotMatch(positionSummary(frame(adaptive)), /Warning/);
});

Deno.test("indexPositions records the thresholds in force on each date", () => {
  const sentiment = pl.DataFrame({
    date: [1, 2, 3, 4, 5].map((d) => new Date(Date.UTC(2020, 0, d))),
    score: [0.1, 0.4, 0.2, 0.8, 0.5],
  });
  const out = indexPositions(sentiment, { buy: 0, sell: 0, adaptive: options });
  const buy = out.getColumn("buy_threshold").toArray() as number[];
  assert.ok(Number.isNaN(buy[2]));
  assert.ok(Math.abs(buy[3] - 0.3) < 1e-12);
  // date 4's score 0.8 is above 0.3: long from there
  assert.deepEqual(out.getColumn("position").toArray(), [0, 0, 0, 1, 1]);
  const fixed = indexPositions(sentiment, { buy: 0.3, sell: -0.3 });
  assert.deepEqual(fixed.getColumn("buy_threshold").toArray(), [0.3, 0.3, 0.3, 0.3, 0.3]);
});
