import assert from "node:assert/strict";
import { parseBarsCsv } from "@lib/data/mod.ts";
import { checkBars } from "@lib/data/quality/mod.ts";
import { qualityFailures } from "@lib/charts/quality.ts";
import { assertSnapshot, markCount } from "./snapshot.ts";

const bars = parseBarsCsv(
  [
    "symbol,date,open,high,low,close,volume",
    "A,2024-01-02,10,11,9,10,-1",
    "A,2024-01-03,10,11,9,10,-1",
    "B,2024-01-02,12,11,9,10,100",
    "B,2024-01-03,10,11,9,10,-1",
  ].join("\n"),
  "t.csv",
);
const { report } = checkBars(bars, { min_history: { minRows: 1 } });

Deno.test("qualityFailures stacks failing rows by symbol, one row per rule, labelled with the action", () => {
  const html = qualityFailures(report).html;
  assert.match(html, /<h2>Data quality: failing rows by rule<\/h2>/);
  assert.match(html, /Failing rows/);
  assert.match(html, /Rule/);
  assert.match(html, /swatch[^>]*>.*?A/s);
  assert.match(html, /swatch[^>]*>.*?B/s);
  assert.equal(markCount(html, "bar", "rect"), 3, "volume: A and B; in-range: B");
  assert.match(html, /3 dropped/);
  assert.match(html, /1 fixed/);
  for (const rule of ["required_columns", "extreme_move", "min_history"]) {
    assert.match(html, new RegExp(rule), `every rule has a row: ${rule}`);
  }
  assertSnapshot("quality_failures", html);
});

Deno.test("qualityFailures draws no bar for a clean report", () => {
  const clean = checkBars(bars.head(0), { min_history: { minRows: 1 } }).report;
  const html = qualityFailures(clean, { title: "Clean" }).html;
  assert.match(html, /<h2>Clean<\/h2>/);
  assert.equal(markCount(html, "bar", "rect"), 0);
});
