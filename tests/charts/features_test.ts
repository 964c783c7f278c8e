import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  featureDependencies,
  indicatorLine,
  indicatorLines,
  priceWithIndicators,
} from "@lib/charts/features.ts";
import { buildFeatures, catalogSpec, featureInputs } from "@lib/features/mod.ts";
import { assertSnapshot, markCount } from "./snapshot.ts";

const day = (i: number) => new Date(Date.UTC(2024, 0, 2 + i));
const closes = [10, 11, 12, 11, 13, 14];
const panel = pl.DataFrame({
  symbol: [...closes.map(() => "AAA"), "BBB"],
  date: [...closes.map((_, i) => day(i)), day(0)],
  close: [...closes, 50],
}).withColumns(pl.col("date").cast(pl.Date));
const features = buildFeatures(
  panel,
  catalogSpec({ smaWindows: [2], emaWindows: [3], rsiWindows: [2] }),
);

Deno.test("priceWithIndicators draws close and each indicator as a line, with a legend", () => {
  const html = priceWithIndicators(panel, features, {
    symbol: "AAA",
    indicators: ["sma_2", "ema_3"],
  }).html;
  assert.match(html, /<h2>AAA: close with sma_2, ema_3<\/h2>/);
  assert.equal(markCount(html, "line"), 3);
  for (const series of ["close", "sma_2", "ema_3"]) {
    assert.match(html, new RegExp(`swatch[^>]*>.*?${series}`, "s"));
  }
  assert.match(html, /Price \(quote currency\)/);
  assertSnapshot("features_price_with_indicators", html);
});

Deno.test("priceWithIndicators names a missing column or symbol", () => {
  assert.throws(
    () => priceWithIndicators(panel, features, { symbol: "AAA", indicators: ["sma_50"] }),
    /no column\(s\) sma_50/,
  );
  assert.throws(
    () => priceWithIndicators(panel, features, { symbol: "ZZZ", indicators: ["sma_2"] }),
    /no rows for symbol ZZZ/,
  );
});

Deno.test("indicatorLine draws the indicator and its reference rules", () => {
  const html = indicatorLine(features, {
    symbol: "AAA",
    indicator: "rsi_2",
    yLabel: "RSI (0-100)",
    rules: [30, 70],
  }).html;
  assert.match(html, /<h2>AAA: rsi_2<\/h2>/);
  assert.equal(markCount(html, "line"), 1);
  assert.equal(markCount(html, "rule", "line"), 2);
  assert.match(html, /RSI \(0-100\)/);
  assertSnapshot("features_indicator_line", html);
  assert.throws(
    () => indicatorLine(features, { symbol: "AAA", indicator: "nope" }),
    /no column nope/,
  );
});

const bars = pl.DataFrame({
  symbol: closes.map(() => "AAA"),
  date: closes.map((_, i) => day(i)),
  open: closes.map((c) => c - 0.5),
  high: closes.map((c) => c + 1),
  low: closes.map((c) => c - 1),
  close: closes,
  volume: closes.map(() => 1000),
}).withColumns(pl.col("date").cast(pl.Date));

Deno.test("indicatorLines draws one line per indicator with a legend and reference rules", () => {
  const frame = buildFeatures(bars, catalogSpec({ adxWindows: [2] }));
  const html = indicatorLines(frame, {
    symbol: "AAA",
    indicators: ["plus_di_2", "minus_di_2", "adx_2"],
    yLabel: "Index (0-100)",
    rules: [25],
  }).html;
  assert.match(html, /<h2>AAA: plus_di_2, minus_di_2, adx_2<\/h2>/);
  assert.equal(markCount(html, "line"), 3);
  assert.equal(markCount(html, "rule", "line"), 1);
  for (const series of ["plus_di_2", "minus_di_2", "adx_2"]) {
    assert.match(html, new RegExp(`swatch[^>]*>.*?${series}`, "s"));
  }
  assertSnapshot("features_indicator_lines", html);
  assert.throws(
    () => indicatorLines(frame, { symbol: "AAA", indicators: ["nope"], yLabel: "x" }),
    /no column\(s\) nope/,
  );
});

Deno.test("featureDependencies fills one cell per (feature, input) read", () => {
  const spec = catalogSpec({ returnHorizons: [1], atrWindows: [14], obv: true });
  const html = featureDependencies(featureInputs(spec)).html;
  assert.match(html, /Panel columns read by each feature/);
  // ret_1 reads close; atr_14 reads high, low, close; obv reads close, volume.
  assert.equal(markCount(html, "cell", "rect"), 1 + 3 + 2);
  assertSnapshot("features_dependencies", html);
});
