import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  classBalanceBars,
  eventOutcomeBars,
  forwardReturnHistogram,
  labelSpanHistogram,
  rangeExpansionBars,
} from "@lib/charts/labels.ts";
import { buildLabels, classBalance, eventCounts } from "@lib/labels/mod.ts";
import { assertSnapshot, markCount } from "./snapshot.ts";

const closes = [100, 103, 103.5, 103.5, 101, 97, 99, 104];
const panel = pl.DataFrame({
  symbol: closes.map(() => "A"),
  date: closes.map((_, i) => i),
  close: closes,
});
const labels = buildLabels(panel, {
  horizons: [1, 2],
  thresholds: { weak: 0.005, strong: 0.02 },
  scaling: "none",
});

Deno.test("classBalanceBars draws one bar per horizon and class, faceted by horizon", () => {
  const html = classBalanceBars(classBalance(labels, [1, 2])).html;
  assert.match(html, /<h2>Action class shares by horizon<\/h2>/);
  assert.equal(markCount(html, "bar", "rect"), 10);
  assert.match(html, /Share of labelled rows \(%\)/);
  assert.match(html, /Horizon \(trading days\)/);
  // Facets in numeric horizon order, classes from strong sell to strong buy.
  const facets = html.slice(
    html.indexOf('aria-label="fx-axis tick label"'),
    html.indexOf('aria-label="fx-axis label"'),
  );
  assert.deepEqual([...facets.matchAll(/>(\d+)</g)].map((m) => m[1]), ["1", "2"]);
  const swatches = [...html.matchAll(/<\/svg>([^<]+)<\/span>/g)].map((m) => m[1]);
  assert.deepEqual(swatches, ["-2 strong sell", "-1 sell", "0 hold", "1 buy", "2 strong buy"]);
  assertSnapshot("labels_class_balance_bars", html);
});

Deno.test("forwardReturnHistogram bins the non-null forward returns", () => {
  const html = forwardReturnHistogram(labels, 1).html;
  assert.match(html, /<h2>Forward 1-day returns<\/h2>/);
  assert.match(html, /aria-label="rect"/);
  assert.match(html, /Forward 1-day return \(%\)/);
  assertSnapshot("labels_forward_return_histogram", html);
  assert.throws(() => forwardReturnHistogram(labels, 5), /no fwd_ret_5/);
});

Deno.test("eventOutcomeBars draws a bar per side x outcome with counts and a legend", () => {
  const events = pl.DataFrame({
    event_side: pl.Series("event_side", [1, 1, 1, -1, -1], pl.Int32),
    event_label: pl.Series("event_label", [1, -1, null, 0, 1], pl.Float64).cast(pl.Int32),
  });
  const html = eventOutcomeBars(eventCounts(events)).html;
  assert.match(html, /<h2>Events by side and outcome<\/h2>/);
  assert.equal(markCount(html, "bar", "rect"), 8);
  assert.match(html, /Events \(count\)/);
  assert.match(html, />Side</);
  const swatches = [...html.matchAll(/<\/svg>([^<]+)<\/span>/g)].map((m) => m[1]);
  assert.deepEqual(swatches, ["target", "stop", "time", "open"]);
  assertSnapshot("labels_event_outcome_bars", html);
});

Deno.test("rangeExpansionBars draws one bar per symbol and a rule at the overall share", () => {
  const share = pl.DataFrame({ symbol: ["all", "A", "B"], share: [0.12, 0.1, 0.14] });
  const html = rangeExpansionBars(share).html;
  assert.match(html, /<h2>Share of days followed by a range expansion<\/h2>/);
  assert.equal(markCount(html, "bar", "rect"), 2);
  assert.equal(markCount(html, "rule", "line"), 2, "the overall share and the zero line");
  assert.match(html, /Labelled days that expand \(%\)/);
  assertSnapshot("labels_range_expansion_bars", html);
});

Deno.test("labelSpanHistogram draws one panel per family in first-seen order", () => {
  const spans = pl.DataFrame({
    family: ["fwd_ret_1", "fwd_ret_1", "fwd_ret_1", "events", "events"],
    span_days: pl.Series("span_days", [1, 1, 3, 2, 9], pl.Int32),
  });
  const html = labelSpanHistogram(spans).html;
  assert.match(html, /<h2>Label spans: calendar days from t0 \(date\) to t1<\/h2>/);
  assert.match(html, /Span t1 - t0 \(calendar days\)/);
  assert.match(html, /Share of the family \(%\)/);
  // 1-day bins: fwd_ret_1 fills 2 (days 1 and 3), events 2 (days 2 and 9)
  assert.equal(markCount(html, "rect", "rect"), 4);
  const facets = html.slice(
    html.indexOf('aria-label="fy-axis tick label"'),
    html.indexOf('aria-label="fy-axis label"'),
  );
  assert.deepEqual([...facets.matchAll(/>([a-z_0-9]+)</g)].map((m) => m[1]), [
    "fwd_ret_1",
    "events",
  ]);
  assertSnapshot("labels_label_span_histogram", html);
});
