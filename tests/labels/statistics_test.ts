import assert from "node:assert/strict";
import { mean } from "simple-statistics";
import fc from "fast-check";
import pl from "nodejs-polars";
import { buildLabels, labelStatistics } from "@lib/labels/mod.ts";

const closes = [100, 103, 103.5, 103.5, 101, 97];
const panel = pl.DataFrame({
  symbol: closes.map(() => "A"),
  date: closes.map((_, i) => i),
  high: closes.map((c) => c * 1.01),
  low: closes.map((c) => c * 0.99),
  close: closes,
});
const labels = buildLabels(panel, {
  horizons: [1],
  thresholds: { weak: 0.005, strong: 0.02 },
  scaling: "none",
  rangeExpansion: { mode: "fixed", threshold: 0.02 },
});
const events = pl.DataFrame({
  event_side: pl.Series("event_side", [1, -1, -1], pl.Int32),
  event_label: pl.Series("event_label", [1, 0, null], pl.Float64).cast(pl.Int32),
  event_return: pl.Series("event_return", [0.04, 0.01, null], pl.Float64),
  event_bars: pl.Series("event_bars", [2, 5, null], pl.Float64).cast(pl.Int32),
});

Deno.test("labelStatistics: class shares, labelled counts, events, range share", () => {
  const m = labelStatistics(labels, events, [1]);
  assert.equal(m.rows, 6);
  assert.equal(m.action_1_labelled, 5);
  // actions 2, 0, 0, -2, -2 (see build_test)
  assert.equal(m.action_1_share_neg2, 2 / 5);
  assert.equal(m.events, 3);
  assert.equal(m.events_short_open, 1);
  assert.equal(m.event_long_hit_rate, 1);
  assert.equal(m.event_mean_bars, 3.5);
  // next ranges 2.06%, 2.01%, 2%, 1.95%, 1.92% against 2%: 2 of 5
  assert.equal(m.range_expansion_labelled, 5);
  assert.equal(m.range_expansion_share, 2 / 5);
  assert.ok(Object.values(m).every(Number.isFinite));
});

Deno.test("labelStatistics without range columns or events leaves those out or at 0", () => {
  const m = labelStatistics(labels.select("symbol", "date", "action_1"), events.head(0), [1]);
  assert.equal(m.range_expansion_share, undefined);
  assert.equal(m.events, 0);
  assert.equal(m.event_mean_bars, 0);
});

Deno.test("simple-statistics' mean of integers is the plain sum over the count, bit for bit", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1 }), (xs) => {
      assert.ok(Object.is(mean(xs), xs.reduce((a, b) => a + b, 0) / xs.length));
    }),
  );
});
