import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { normalisedCloses } from "@lib/charts/prices.ts";
import { equityVsBenchmark } from "@lib/charts/tearsheet.ts";
import { drawdownPeriodsChart } from "@lib/charts/tearsheet_drawdowns.ts";
import { formatRatio, logTicks, plainNumber } from "@lib/charts/ticks.ts";

/** The tick labels of the y axis of a rendered chart. */
function yTicks(html: string): string[] {
  const axis = html.split('aria-label="y-axis tick label"')[1]?.split("</g>")[0] ?? "";
  return [...axis.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

Deno.test("formatRatio reads 0.4x, 1x, 2x, never SI prefixes or exponents", () => {
  assert.deepEqual(
    [0.4, 0.3, 1, 2, 2.5, 10, 1000, 0.05, 0.0012].map(formatRatio),
    ["0.4x", "0.3x", "1x", "2x", "2.5x", "10x", "1,000x", "0.05x", "0.0012x"],
  );
  assert.equal(plainNumber(12345), "12,300");
  assert.equal(plainNumber(100), "100");
});

Deno.test("logTicks puts 1, 2 and 5 of each decade in range, finer over a narrow range", () => {
  assert.deepEqual(logTicks([0.3, 0.4, 2.5]), [0.5, 1, 2]);
  assert.deepEqual(logTicks([0.35, 12]), [0.5, 1, 2, 5, 10]);
  assert.deepEqual(logTicks([0.75, 1.4]), [0.8, 0.9, 1]);
  assert.deepEqual(logTicks([0.95, 1.05]), [0.95, 1, 1.05]);
  assert.deepEqual(logTicks([80, 2600]), [100, 200, 500, 1000, 2000]);
  assert.deepEqual(logTicks([NaN, 0, -1]), [1]);
});

const day = (i: number) => new Date(Date.UTC(2024, 0, 2 + i));

Deno.test("normalisedCloses labels its log axis as ratios (0.5x, 1x, 2x)", () => {
  const panel = pl.DataFrame({
    symbol: ["A", "A", "A", "B", "B", "B"],
    date: [day(0), day(1), day(2), day(0), day(1), day(2)],
    close: [10, 6, 4, 10, 15, 25],
  }).withColumns(pl.col("date").cast(pl.Date));
  const ticks = yTicks(normalisedCloses(panel).html);
  assert.deepEqual(ticks, ["0.5x", "1x", "2x"]);
  // Over two decades every tick keeps its label (Plot's own log format blanks the 5s).
  const wide = pl.DataFrame({
    symbol: ["A", "A", "A", "B", "B", "B"],
    date: [day(0), day(1), day(2), day(0), day(1), day(2)],
    close: [10, 4, 2, 10, 120, 400],
  }).withColumns(pl.col("date").cast(pl.Date));
  assert.deepEqual(yTicks(normalisedCloses(wide).html), [
    "0.2x",
    "0.5x",
    "1x",
    "2x",
    "5x",
    "10x",
    "20x",
  ]);
  const banded = yTicks(normalisedCloses(panel, { maxSymbols: 1 }).html);
  assert.ok(banded.includes("1x"), `banded ticks: ${banded}`);
  assert.ok(banded.every((t) => /^[\d.,]+x$/.test(t)), `banded ticks: ${banded}`);
});

Deno.test("the tear sheet's log equity charts label wealth as plain numbers, not SI", () => {
  const dates = new Float64Array(Array.from({ length: 60 }, (_, i) => 18000 + i));
  const returns = new Float64Array(60).fill(0.05);
  for (
    const chart of [
      equityVsBenchmark({ dates, returns }, undefined, { log: true }),
      drawdownPeriodsChart({ dates, returns }, { log: true }),
    ]
  ) {
    const ticks = yTicks(chart.html);
    assert.ok(ticks.length >= 3, `ticks: ${ticks}`);
    assert.ok(ticks.includes("1,000"), `ticks: ${ticks}`);
    assert.ok(ticks.every((t) => /^[\d,]+$/.test(t)), `ticks: ${ticks}`);
  }
});
