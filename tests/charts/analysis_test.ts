import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  chartNote,
  cumulativeQuantileLines,
  icDecayLine,
  icSeries,
  monthlyIcHeatmap,
  quantileReturnBars,
  rankAutocorrelationLine,
  rollingBetaLines,
  spreadBars,
  turnoverLines,
} from "@lib/charts/analysis.ts";
import { assertSnapshot, markCount } from "./snapshot.ts";

const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2021, 0, 4 + i)));
const daily = pl.DataFrame({
  factor: days.map(() => "pred_ridge_5"),
  horizon: days.map(() => 5),
  date: days,
  spearman: days.map((_, i) => Math.round(Math.sin(i) * 100) / 1000),
  pearson: days.map((_, i) => Math.round(Math.cos(i) * 100) / 1000),
}).withColumns(pl.col("date").cast(pl.Date));

const table = pl.DataFrame({
  factor: Array(10).fill("ret_20"),
  horizon: [1, 1, 1, 1, 1, 5, 5, 5, 5, 5],
  quantile: [1, 2, 3, 4, 5, 1, 2, 3, 4, 5],
  mean_return: [-0.001, 0, 0.0005, 0.001, 0.002, -0.004, -0.001, 0.001, 0.003, 0.006],
});

Deno.test("icSeries draws the daily IC and its rolling mean with a legend", () => {
  const html = icSeries(daily, { window: 5 }).html;
  assert.match(html, /<h2>Rank IC of pred_ridge_5 vs 5-day forward return<\/h2>/);
  assert.equal(markCount(html, "line"), 2);
  assert.match(html, /Rank IC \(correlation\)/);
  assert.match(html, /swatch[^>]*>.*?daily spearman IC/s);
  assert.match(html, /swatch[^>]*>.*?5-date rolling mean/s);
  assertSnapshot("ic_series", html);
  assert.match(icSeries(daily, { factor: "nope" }).html, /No daily IC of nope at horizon 5/);
  assert.match(icSeries(daily.head(0)).html, /^<p class="chart-note"><em>No daily IC to draw/);
});

Deno.test("quantileReturnBars draws a bar per quantile and horizon, in percent", () => {
  const html = quantileReturnBars(table).html;
  assert.match(html, /<h2>Mean forward return by quantile of ret_20<\/h2>/);
  assert.equal(markCount(html, "bar", "rect"), 10);
  assert.match(html, /Mean forward return \(%\)/);
  assert.match(html, /Factor quantile \(1 = lowest\)/);
  assert.match(html, /swatch[^>]*>.*?5-day/s);
  assertSnapshot("quantile_returns", html);
});

const decay = pl.DataFrame({
  factor: ["ret_20", "ret_20", "ret_20"],
  horizon: [1, 5, 20],
  mean: [0.04, 0.025, 0.01],
  std_err: [0.01, 0.008, 0.006],
});

Deno.test("icDecayLine draws the mean IC by horizon with error bars", () => {
  const html = icDecayLine(decay).html;
  assert.match(html, /<h2>IC decay of ret_20<\/h2>/);
  assert.equal(markCount(html, "dot", "circle"), 3);
  assert.equal(markCount(html, "line"), 1);
  assert.equal(markCount(html, "rule", "line"), 4); // three error bars and the zero line
  assert.match(html, /Mean IC \(±1 std\. error\)/);
  assertSnapshot("analysis_ic_decay", html);
  assert.match(icDecayLine(decay, { factor: "nope" }).html, /No IC decay of nope to draw/);
  assert.match(icDecayLine(decay.head(0)).html, /No IC decay to draw/);
});

Deno.test("monthlyIcHeatmap draws one labelled cell per month on a diverging scale", () => {
  const monthly = pl.DataFrame({
    factor: Array(14).fill("ret_20"),
    horizon: Array(14).fill(5),
    year: [...Array(12).fill(2020), 2021, 2021],
    month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2],
    mean_ic: [0.1, -0.05, 0.02, 0, 0.03, -0.1, 0.07, 0.01, -0.02, 0.04, 0.05, -0.03, 0.06, -0.01],
  });
  const html = monthlyIcHeatmap(monthly).html;
  assert.match(html, /<h2>Monthly mean rank IC of ret_20 \(5-day\)<\/h2>/);
  assert.equal(markCount(html, "cell", "rect"), 14);
  assert.match(html, />-0\.10</);
  assertSnapshot("analysis_monthly_ic", html);
  assert.match(
    monthlyIcHeatmap(monthly, { horizon: 1 }).html,
    /No monthly IC of ret_20 at horizon 1/,
  );
});

Deno.test("cumulativeQuantileLines draws one line per quantile with a legend", () => {
  const days = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2021, 0, 4 + i)));
  const cumulative = pl.DataFrame({
    factor: days.flatMap(() => ["ret_20", "ret_20", "ret_20"]),
    date: days.flatMap((d) => [d, d, d]),
    quantile: days.flatMap(() => [1, 2, 3]),
    cumulative: days.flatMap((_, i) => [1 - i / 100, 1, 1 + i / 50]),
  }).withColumns(pl.col("date").cast(pl.Date));
  const html = cumulativeQuantileLines(cumulative).html;
  assert.match(html, /<h2>Cumulative 1-day return by quantile of ret_20<\/h2>/);
  assert.equal(markCount(html, "line"), 3);
  assert.match(html, /swatch[^>]*>.*?Q3/s);
  assertSnapshot("analysis_cumulative_quantiles", html);
});

Deno.test("spreadBars draws the spread per horizon in percent with error bars", () => {
  const spread = pl.DataFrame({
    factor: ["ret_20", "ret_20"],
    horizon: [1, 5],
    top_minus_bottom: [0.002, 0.008],
    std_err: [0.001, 0.003],
  });
  const html = spreadBars(spread).html;
  assert.match(html, /<h2>Top minus bottom quantile of ret_20<\/h2>/);
  assert.equal(markCount(html, "bar", "rect"), 2);
  assert.match(html, /Mean spread \(%, ±1 std\. error\)/);
  assertSnapshot("analysis_spread", html);
});

Deno.test("turnoverLines and rankAutocorrelationLine draw their series, nulls left out", () => {
  const days = Array.from({ length: 6 }, (_, i) => new Date(Date.UTC(2021, 0, 4 + i)));
  const turnover = pl.DataFrame({
    date: [...days, ...days],
    quantile: [...days.map(() => 1), ...days.map(() => 5)],
    turnover: [null, 0.2, 0.4, 0.2, 0, 0.2, null, 0.1, 0.3, 0.5, 0.2, 0.1],
  }).withColumns(pl.col("date").cast(pl.Date));
  const t = turnoverLines(turnover).html;
  assert.equal(markCount(t, "line"), 2);
  assert.match(t, /swatch[^>]*>.*?Q5/s);
  assertSnapshot("analysis_turnover", t);
  const auto = pl.DataFrame({ date: days, autocorrelation: [null, 0.9, 0.85, 0.95, 0.9, 0.8] })
    .withColumns(pl.col("date").cast(pl.Date));
  const a = rankAutocorrelationLine(auto).html;
  assert.match(a, /<h2>Factor rank autocorrelation<\/h2>/);
  assert.equal(markCount(a, "line"), 1);
  assertSnapshot("analysis_rank_autocorrelation", a);
});

Deno.test("rollingBetaLines draws a line per factor loading past the warm-up", () => {
  const rolling = pl.DataFrame({
    month: ["2020-01", "2020-02", "2020-03", "2020-04"],
    alpha: [null, 0.001, 0.002, 0.001],
    beta_mkt_rf: [null, 1.1, 1.0, 0.9],
    beta_smb: [null, 0.2, 0.3, 0.1],
    r2: [null, 0.9, 0.8, 0.85],
  });
  const html = rollingBetaLines(rolling).html;
  assert.equal(markCount(html, "line"), 2);
  assert.match(html, /swatch[^>]*>.*?mkt_rf/s);
  assertSnapshot("analysis_rolling_betas", html);
  assert.throws(() => rollingBetaLines(rolling.select("month", "alpha")), /no beta_ columns/);
});

Deno.test("quantileReturnBars adds a standard error bar per bar when the table has std_err", () => {
  const html = quantileReturnBars(table.withColumns(pl.lit(0.0005).alias("std_err"))).html;
  assert.equal(markCount(html, "bar", "rect"), 10);
  assert.equal(markCount(html, "rule", "line"), 12); // ten error bars and a zero line per facet
});

Deno.test("the analysis charts given empty results render a note instead of throwing", () => {
  const emptyTable = table.head(0);
  const thin = table.withColumns(pl.lit(0).alias("n_dates"), pl.lit(NaN).alias("mean_return"));
  const spread = pl.DataFrame({
    factor: ["ret_20"],
    horizon: [1],
    top_minus_bottom: [NaN],
    std_err: [NaN],
  });
  const notes = [
    quantileReturnBars(emptyTable),
    quantileReturnBars(thin),
    spreadBars(spread),
    cumulativeQuantileLines(pl.DataFrame({ factor: [], date: [], quantile: [], cumulative: [] })),
    turnoverLines(pl.DataFrame({ date: [], quantile: [], turnover: [] })),
    rankAutocorrelationLine(pl.DataFrame({ date: [new Date(0)], autocorrelation: [null] })),
    rollingBetaLines(pl.DataFrame({ month: ["2020-01"], beta_mkt_rf: [null] })),
  ].map((c) => c.html);
  for (const html of notes) assert.match(html, /^<p class="chart-note"><em>No .+<\/em><\/p>$/);
  assert.match(notes[1], /No quantile returns of ret_20 to draw: no date had enough assets/);
  assert.match(chartNote("a < b").html, /a &lt; b/);
});
