import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { chartRows, normalisedClose, normalisedCloses } from "@lib/charts/prices.ts";
import { assertSnapshot, markCount } from "./snapshot.ts";

const day = (i: number) => new Date(Date.UTC(2024, 0, 2 + i));
const panel = pl.DataFrame({
  symbol: ["BBB", "BBB", "AAA", "AAA", "AAA"],
  date: [day(0), day(1), day(0), day(1), day(2)],
  close: [50, 40, 10, 12, 15],
}).withColumns(pl.col("date").cast(pl.Date));

Deno.test("normalisedClose divides each symbol's close by its own first close", () => {
  const got = normalisedClose(panel);
  assert.deepEqual(got.getColumn("symbol").toArray(), ["AAA", "AAA", "AAA", "BBB", "BBB"]);
  assert.deepEqual(got.getColumn("growth").toArray(), [1, 1.2, 1.5, 1, 0.8]);
});

Deno.test("normalisedCloses draws a line per symbol, with title, axis labels and legend", () => {
  const html = normalisedCloses(panel).html;
  assert.match(html, /<h2>Close relative to the first day<\/h2>/);
  assert.equal(markCount(html, "line"), 2);
  assert.match(html, /aria-label="rule"/);
  assert.match(html, /Close \/ first close/);
  assert.match(html, /Date/);
  assert.match(html, /swatch[^>]*>.*?AAA/s);
  assert.match(html, /swatch[^>]*>.*?BBB/s);
  assertSnapshot("prices_normalised_closes", html);
});

Deno.test("normalisedCloses with symbols draws only those", () => {
  const html = normalisedCloses(panel, { symbols: ["AAA"], title: "One" }).html;
  assert.match(html, /<h2>One<\/h2>/);
  assert.equal(markCount(html, "line"), 1);
  assert.doesNotMatch(html, /BBB/);
});

Deno.test("chartRows keeps every k-th row and each symbol's last", () => {
  const frame = pl.DataFrame({ symbol: Array(10).fill("A"), i: [...Array(10).keys()] });
  assert.deepEqual(chartRows(frame, 3).map((r) => r.i), [0, 4, 8, 9]);
  assert.equal(chartRows(frame).length, 10);
});
