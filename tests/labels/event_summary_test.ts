import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { eventCounts, eventMetrics } from "@lib/labels/mod.ts";

// three longs (target, stop, open) and two shorts (time, target)
const events = pl.DataFrame({
  event_side: pl.Series("event_side", [1, 1, 1, -1, -1], pl.Int32),
  event_label: pl.Series("event_label", [1, -1, null, 0, 1], pl.Float64).cast(pl.Int32),
  event_return: pl.Series("event_return", [0.04, -0.02, null, 0.01, 0.03], pl.Float64),
});

Deno.test("eventCounts lists every side x outcome with counts and shares of the side", () => {
  const got = eventCounts(events).toRecords().map((r) => [r.side, r.outcome, Number(r.count)]);
  assert.deepEqual(got, [
    ["long", "target", 1],
    ["long", "stop", 1],
    ["long", "time", 0],
    ["long", "open", 1],
    ["short", "target", 1],
    ["short", "stop", 0],
    ["short", "time", 1],
    ["short", "open", 0],
  ]);
  assert.equal(eventCounts(events).getColumn("share").toArray()[0], 1 / 3);
});

Deno.test("eventMetrics: counts, hit rate over closed events, mean side-signed return", () => {
  const m = eventMetrics(events);
  assert.equal(m.events, 5);
  assert.equal(m.events_long, 3);
  assert.equal(m.events_long_open, 1);
  assert.equal(m.event_long_hit_rate, 0.5);
  assert.ok(Math.abs(m.event_long_mean_return - 0.01) < 1e-12);
  assert.equal(m.event_short_hit_rate, 0.5);
  assert.ok(Math.abs(m.event_short_mean_return - 0.02) < 1e-12);
});

Deno.test("eventMetrics of no events is all zeros, not NaN", () => {
  const m = eventMetrics(events.head(0));
  assert.ok(Object.values(m).every((v) => v === 0), JSON.stringify(m));
});
