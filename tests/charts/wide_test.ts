/**
 * Pages stay readable at 2,000 symbols: every chart with one mark per symbol, rendered with
 * 2,000 synthetic symbols, draws a bounded number of marks, names what it picked, and is no
 * bigger than with 200 symbols (so a page cannot grow with the universe). The sample-sized
 * charts (at most SYMBOL_LIMIT symbols) are the snapshots of the other tests here.
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { parseBarsCsv } from "@lib/data/mod.ts";
import { checkBars } from "@lib/data/quality/mod.ts";
import { normalisedCloses } from "@lib/charts/prices.ts";
import { qualityFailures } from "@lib/charts/quality.ts";
import { rangeExpansionBars } from "@lib/charts/labels.ts";
import { contributionChart } from "@lib/charts/signals.ts";
import { extremeSymbols, SYMBOL_LIMIT, topSymbols } from "@lib/charts/subset.ts";
import type { Chart } from "@lib/charts/chart.ts";
import { markCount } from "./snapshot.ts";

const name = (i: number) => `S${String(i).padStart(4, "0")}`;
const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i));
const DAYS = 250;

/** `n` symbols of `DAYS` closes each; S0001 drifts up most, S0000 down most. */
function panel(n: number): pl.DataFrame {
  const symbol: string[] = [];
  const date: Date[] = [];
  const close: number[] = [];
  for (let s = 0; s < n; s++) {
    let c = 50 + (s % 13);
    for (let d = 0; d < DAYS; d++) {
      const drift = s === 0 ? -0.005 : s === 1 ? 0.005 : ((s % 41) - 20) / 10_000;
      c *= 1 + drift + 0.01 * Math.sin(s + d / 5);
      symbol.push(name(s));
      date.push(day(d));
      close.push(c);
    }
  }
  return pl.DataFrame({ symbol, date, close }).withColumns(pl.col("date").cast(pl.Date));
}

/** A quality report where symbol i has (i mod 5) + 1 of its 5 rows (Mon-Fri) with negative volume. */
function failingReport(n: number) {
  const lines = ["symbol,date,open,high,low,close,volume"];
  for (let s = 0; s < n; s++) {
    for (let d = 0; d < 5; d++) {
      const volume = d <= s % 5 ? -1 : 100;
      lines.push(`${name(s)},${day(5 + d).toISOString().slice(0, 10)},10,11,9,10,${volume}`);
    }
  }
  return checkBars(parseBarsCsv(lines.join("\n"), "t.csv"), { min_history: { minRows: 1 } })
    .report;
}

function shares(n: number): pl.DataFrame {
  const symbols = Array.from({ length: n }, (_, i) => name(i));
  const share = symbols.map((_, i) => ((i * 37) % 1000) / 1000);
  return pl.DataFrame({ symbol: [...symbols, "all"], share: [...share, 0.5] });
}

function contributions(n: number): pl.DataFrame {
  const symbol: string[] = [];
  const date: Date[] = [];
  const contribution: number[] = [];
  for (let d = 0; d < 30; d++) {
    for (let s = 0; s < n; s++) {
      symbol.push(name(s));
      date.push(day(d));
      contribution.push(Math.sin(s * 3 + d) / (1 + (s % 97)));
    }
  }
  return pl.DataFrame({ symbol, date, contribution });
}

/** Legend entries (swatches) of a chart. */
const swatches = (html: string) => (html.match(/class="[^"]*-swatch"/g) ?? []).length;

/** The chart at 2,000 symbols is small and no bigger than at 200 (up to the symbol counts). */
function assertBounded(render: (n: number) => Chart, what: string, maxBytes: number): string {
  const small = render(200).html;
  const wide = render(2_000).html;
  assert.ok(wide.length < maxBytes, `${what}: ${wide.length} characters at 2,000 symbols`);
  assert.ok(
    wide.length < small.length * 1.05 + 500,
    `${what} grows with the universe: ${small.length} at 200, ${wide.length} at 2,000 symbols`,
  );
  return wide;
}

Deno.test("normalisedCloses(2,000 symbols) draws bands, a median and 10 named lines", () => {
  const wide = assertBounded((n) => normalisedCloses(panel(n)), "normalisedCloses", 150_000);
  assert.match(wide, /<h2>Close relative to the first day: median and bands of 2,000 symbols/);
  assert.match(wide, /the 5 highest and 5 lowest of 2,000 symbols by total growth/);
  assert.equal(markCount(wide, "line"), 11, "10 named symbols and the median");
  assert.equal(markCount(wide, "area"), 2, "the 10-90% and 25-75% bands");
  assert.equal(swatches(wide), 13);
  assert.match(wide, /swatch[^>]*>.*?S0001/s);
  assert.match(wide, /swatch[^>]*>.*?S0000/s);
});

Deno.test("normalisedCloses draws one line per symbol up to the bound", () => {
  const html = normalisedCloses(panel(SYMBOL_LIMIT)).html;
  assert.equal(markCount(html, "line"), SYMBOL_LIMIT);
  assert.equal(markCount(html, "area"), 0);
  assert.match(html, /<h2>Close relative to the first day<\/h2>/);
});

Deno.test("qualityFailures(2,000 failing symbols) colours 19 and stacks the rest as other", () => {
  const wide = assertBounded((n) => qualityFailures(failingReport(n)), "qualityFailures", 40_000);
  assert.equal(markCount(wide, "bar", "rect"), SYMBOL_LIMIT);
  assert.equal(swatches(wide), SYMBOL_LIMIT);
  assert.match(wide, /other \(1,981 symbols\)/);
  assert.match(wide, /the 19 of 2,000 failing symbols with the most failing rows/);
  assert.match(wide, /6000 dropped/, "the total still counts every symbol's rows");
});

Deno.test("rangeExpansionBars(2,000 symbols) draws the 10 highest and 10 lowest shares", () => {
  const wide = assertBounded((n) => rangeExpansionBars(shares(n)), "rangeExpansionBars", 30_000);
  assert.equal(markCount(wide, "bar", "rect"), SYMBOL_LIMIT);
  assert.match(wide, /the 10 highest and 10 lowest of 2,000 symbols by share/);
  const all = rangeExpansionBars(shares(SYMBOL_LIMIT)).html;
  assert.equal(markCount(all, "bar", "rect"), SYMBOL_LIMIT);
  assert.doesNotMatch(all, /highest/);
});

Deno.test("contributionChart(2,000 constituents) colours 19 and stacks the rest per side", () => {
  const wide = assertBounded(
    (n) => contributionChart(contributions(n), { lastN: 20 }),
    "contributionChart",
    150_000,
  );
  // 19 constituents and "other" on both sides, on each of the 20 dates.
  assert.ok(markCount(wide, "bar", "rect") <= 20 * (SYMBOL_LIMIT + 1));
  assert.equal(swatches(wide), SYMBOL_LIMIT);
  assert.match(wide, /other \(1,981 symbols\)/);
  assert.match(wide, /the 19 of 2,000 constituents with the largest absolute contribution/);
  assert.equal(markCount(wide, "dot", "circle"), 20);
});

Deno.test("topSymbols and extremeSymbols keep every symbol up to the bound, then pick", () => {
  const scores = Array.from({ length: 30 }, (_, i) => ({ symbol: name(i), score: i }));
  assert.equal(topSymbols(scores.slice(0, 5), 5).cut, false);
  assert.deepEqual(topSymbols(scores, 3).shown, [name(29), name(28), name(27)]);
  const extremes = extremeSymbols([...scores, { symbol: "NAN", score: Number.NaN }], 4);
  assert.deepEqual(extremes.shown, [name(29), name(28), name(1), name(0)]);
  assert.equal(extremes.total, 31);
});
