import assert from "node:assert/strict";
import {
  comparisonKeys,
  comparisonPath,
  renderComparison,
  runLabel,
} from "@lib/reports/compare_page.ts";
import type { RunSeries } from "@lib/reports/series.ts";
import { runRecord } from "./fixtures.ts";

const series: RunSeries = {
  equity: [
    { strategy: "top_k", date: "2020-01-02", value: 100 },
    { strategy: "top_k", date: "2020-01-03", value: 104 },
    { strategy: "benchmark", date: "2020-01-02", value: 100 },
    { strategy: "benchmark", date: "2020-01-03", value: 101 },
  ],
  icDecay: [{ factor: "ret_20", horizon: 1, ic: 0.02 }, { factor: "ret_20", horizon: 5, ic: 0.04 }],
  coverage: [{ date: "2020-01-02", share: 1 }, { date: "2020-01-03", share: 0.8 }],
  coverageFactor: "pred_ridge_5",
  missing: [],
};

Deno.test("comparisonPath and comparisonKeys are inverse, runLabel letters runs", () => {
  const path = comparisonPath(["20260101-000000-aaaa", "20260102-000000-bbbb"]);
  assert.equal(path, "compare/20260101-000000-aaaa--20260102-000000-bbbb.html");
  assert.deepEqual(comparisonKeys(path), ["20260101-000000-aaaa", "20260102-000000-bbbb"]);
  assert.deepEqual([0, 1, 25, 26].map(runLabel), ["A", "B", "Z", "AA"]);
});

Deno.test("renderComparison sets parameters and metrics side by side, marking differences", () => {
  const html = renderComparison([
    { run: runRecord("a", "2026-01-01T00:00:00Z", 3, 1.5), series },
    { run: runRecord("b", "2026-01-02T00:00:00Z", 5, 0.75), series },
  ]);
  assert.match(html, /<th scope="row">backtest\.topK<\/th><td>3<\/td><td class="differs">5<\/td>/);
  const differing = html.slice(0, html.indexOf("Every parameter, side by side"));
  assert.doesNotMatch(differing, /backtest\.model/);
  assert.match(html, /<th scope="row">backtest\.model<\/th><td>ridge<\/td><td>ridge/);
  assert.match(
    html,
    /<th scope="row">Sharpe \(top-k\)<\/th><td>1\.50 vs benchmark 0\.60, equal weight 0\.90<\/td><td class="differs">0\.75 vs benchmark 0\.60, equal weight 0\.90<\/td>/,
  );
  assert.match(html, /<th scope="row">Coverage<\/th><td>90\.0%<\/td><td>90\.0%<\/td>/);
  assert.match(html, /href="\.\.\/index\.html#b"/);
});

Deno.test("renderComparison overlays the charts with titles, axis labels and legends", () => {
  const html = renderComparison([
    { run: runRecord("a", "2026-01-01T00:00:00Z", 3, 1.5), series },
    { run: runRecord("b", "2026-01-02T00:00:00Z", 5, 0.75), series },
  ]);
  for (
    const title of [
      "Equity of the top-k portfolio by run",
      "IC decay by run",
      "Prediction coverage by run",
    ]
  ) {
    assert.ok(html.includes(`<h2>${title}`), title);
  }
  for (
    const label of [
      "Equity (start = 100)",
      "Mean rank IC (correlation)",
      "Universe with a prediction (%)",
    ]
  ) {
    assert.ok(html.includes(label), label);
  }
  // Legends: A · top_k, B · top_k and A · benchmark on the equity chart.
  assert.match(html, /A · top_k<\/span>.*B · top_k<\/span>/s);
  assert.equal(html.match(/<svg[^>]*viewBox/g)?.length, 3);
});

Deno.test("renderComparison says which run's data is gone instead of drawing it", () => {
  const html = renderComparison([
    {
      run: runRecord("a", "2026-01-01T00:00:00Z", 3, 1.5),
      series: { ...series, equity: [], missing: ["/d/backtest/equity.parquet is gone"] },
    },
    { run: runRecord("b", "2026-01-02T00:00:00Z", 5, 0.75) },
  ]);
  assert.match(html, /Run A \(a\): \/d\/backtest\/equity\.parquet is gone\./);
  assert.match(html, /Run B \(b\): its data was not kept, so it is not drawn\./);
  assert.match(html, /No run has backtest equity to draw\./);
});
