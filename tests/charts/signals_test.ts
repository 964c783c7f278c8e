import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { contributionChart, sentimentChart } from "@lib/charts/signals.ts";
import { markCount } from "./snapshot.ts";

const dates = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)));
const sentiment = pl.DataFrame({
  date: dates,
  score: dates.map((_, i) => 1.5 * Math.sin(i / 4)),
});
const index = pl.DataFrame({ date: dates, close: dates.map((_, i) => 3000 + 10 * i) });

Deno.test("sentimentChart draws the score, both thresholds and the index on a right axis", () => {
  const html = sentimentChart(sentiment, { buy: 0.5, sell: -0.75, index }).html;
  assert.match(html, /<h2>Index sentiment<\/h2>/);
  assert.equal(markCount(html, "line"), 2);
  assert.equal(markCount(html, "rule", "line"), 3, "zero, buy and sell rules");
  assert.match(html, /buy 0.5/);
  assert.match(html, /sell -0.75/);
  assert.match(html, /Sentiment score \(-2 sell \.\. \+2 buy\)/);
  assert.match(html, /Index close/);
  // The price axis labels real prices (3,000 .. 3,290 in steps of 100), not the rescaled score.
  assert.match(html, /3,000/);
  assert.match(html, /3,200/);
  assert.match(html, /swatch[^>]*>.*?Index close \(right axis\)/s);
});

Deno.test("sentimentChart draws the index only over the sentiment's dates", () => {
  const before = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2019, 11, 1 + i)));
  const longer = pl.concat([
    pl.DataFrame({ date: before, close: before.map(() => 9_000) }),
    index,
  ]);
  const html = sentimentChart(sentiment, { buy: 0.5, sell: -0.75, index: longer }).html;
  // Scaled over 2020 only, the right axis spans 3,000 .. 3,290, as without the earlier rows.
  assert.match(html, /3,000/);
  assert.doesNotMatch(html, /9,000|8,000/);
});

Deno.test("sentimentChart without an index draws one line and no legend", () => {
  const html = sentimentChart(sentiment, { buy: 1, sell: -1, title: "S" }).html;
  assert.match(html, /<h2>S<\/h2>/);
  assert.equal(markCount(html, "line"), 1);
  assert.doesNotMatch(html, /swatch/);
  assert.throws(() => sentimentChart(sentiment.drop("score"), { buy: 1, sell: -1 }), /no "score"/);
});

Deno.test("contributionChart stacks one bar per constituent for the last N dates", () => {
  const contributions = pl.DataFrame({
    symbol: dates.flatMap(() => ["AAA", "BBB", "CCC"]),
    date: dates.flatMap((d) => [d, d, d]),
    contribution: dates.flatMap((_, i) => [0.5, -0.25, i % 2 ? 0.1 : -0.1]),
  });
  const html = contributionChart(contributions, { lastN: 5 }).html;
  assert.match(html, /<h2>Contributions to the sentiment score<\/h2>/);
  assert.equal(markCount(html, "bar", "rect"), 15);
  assert.equal(markCount(html, "dot", "circle"), 5);
  assert.match(html, /2020-01-30/);
  assert.doesNotMatch(html, /2020-01-25/, "only the last 5 dates");
  for (const s of ["AAA", "BBB", "CCC"]) assert.match(html, new RegExp(`swatch[^>]*>.*?${s}`, "s"));
  assert.throws(() => contributionChart(contributions, { lastN: 0 }), /lastN must be/);
});
