import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { classBalanceBars, forwardReturnHistogram } from "@lib/charts/labels.ts";
import { buildLabels, classBalance } from "@lib/labels/mod.ts";
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
