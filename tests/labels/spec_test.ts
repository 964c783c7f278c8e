import assert from "node:assert/strict";
import { stepParams } from "@pipelines/params.ts";
import { labelSpec } from "@lib/labels/mod.ts";
import { artifactPath } from "@lib/data/artifacts.ts";

Deno.test("labelSpec(defaults): fixed thresholds, trailing range, MACD 12/26/9 events", () => {
  const spec = labelSpec(stepParams.labeling.parse({}));
  assert.deepEqual(spec.labels, {
    horizons: [1, 5, 20],
    thresholds: { weak: 0.005, strong: 0.02 },
    scaling: "sqrt",
    volatility: undefined,
    rangeExpansion: { mode: "trailing", multiple: 1.5, window: 20 },
  });
  assert.deepEqual(spec.events, {
    side: "both",
    barriers: { mode: "fixed", up: 0.04, down: 0.04 },
    maxHolding: 10,
    macd: { fast: 12, slow: 26, signal: 9 },
  });
});

Deno.test("labelSpec: volatility modes share volWindow; fixed range uses rangeThreshold", () => {
  const spec = labelSpec(stepParams.labeling.parse({
    thresholdMode: "volatility",
    volWindow: 30,
    eventBarrierMode: "volatility",
    eventUp: 1.5,
    eventDown: 1,
    rangeMode: "fixed",
    rangeThreshold: 0.025,
    eventSide: "long",
  }));
  assert.deepEqual(spec.labels.volatility, { window: 30, weak: 0.25, strong: 1 });
  assert.deepEqual(spec.labels.rangeExpansion, { mode: "fixed", threshold: 0.025 });
  assert.deepEqual(spec.events.barriers, { mode: "volatility", up: 1.5, down: 1, window: 30 });
  assert.equal(spec.events.side, "long");
});

Deno.test("labeling params reject an unknown key and a bad mode", () => {
  assert.throws(() => stepParams.labeling.parse({ eventSides: "long" }), /eventSides/);
  assert.throws(() => stepParams.labeling.parse({ thresholdMode: "fitted" }), /thresholdMode/);
});

Deno.test("the events artifact sits beside labels.parquet", () => {
  assert.equal(artifactPath("/tmp/run", "events"), "/tmp/run/labels/events.parquet");
});
