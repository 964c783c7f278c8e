import assert from "node:assert/strict";
import type { MlflowClient } from "@lib/mlflow/client.ts";
import { capabilityLine, caveatTag, skippedTag, tagSkipped } from "@lib/analysis/capability.ts";
import { backtestCapability } from "@lib/backtest/capability.ts";

/** A score panel of `n` symbols on 2 dates; NaN where `missing` says. */
function score(n: number, missing: number[] = []) {
  const values = Float64Array.from({ length: 2 * n }, (_, i) => missing.includes(i) ? NaN : i);
  return {
    dates: new Float64Array([0, 1]),
    symbols: Array.from({ length: n }, (_, j) => `s${j}`),
    values,
  };
}

Deno.test("backtestCapability(10 stocks, k = 3) runs top-k and the grid as designed", () => {
  const c = backtestCapability(score(10), { topK: 3 });
  assert.deepEqual(c.parts.top_k, { runs: true, reason: "" });
  assert.equal(capabilityLine(c), "**10** symbols. Every part runs.");
  assert.equal(caveatTag(c), "");
});

Deno.test("backtestCapability(2 stocks, k = 3): top-k holds both, a caveat not a skip", () => {
  const c = backtestCapability(score(2), { topK: 3 });
  assert.equal(c.parts.top_k.runs, true);
  assert.equal(
    c.parts.top_k.reason,
    "k = 3 is not fewer than the 2 stocks with a score on a date, so top-k holds every one of " +
      "the 2: an equal-weight basket, not a selection by score",
  );
  assert.equal(skippedTag(c), "");
  assert.match(
    capabilityLine(c),
    /^\*\*2\*\* symbols\. Every part runs\. Note: \*\*top_k\*\*: k = 3/,
  );
});

Deno.test("backtestCapability reads the most stocks scored on one date", () => {
  // 4 stocks, each date misses one score: at most 3 scored, so k = 3 holds them all
  const c = backtestCapability(score(4, [0, 5]), { topK: 3 });
  assert.equal(c.maxAssets, 3);
  assert.match(c.parts.top_k.reason, /not fewer than the at most 3 stocks/);
  assert.equal(backtestCapability(score(4, [0, 5]), { topK: 2 }).parts.top_k.reason, "");
});

Deno.test("backtestCapability(1 stock) notes top-k and the grid mean of one stock", async () => {
  const c = backtestCapability(score(1), { topK: 3 });
  assert.equal(c.parts.grid.reason, "the grid's mean Sharpe over stocks is one stock's Sharpe");
  assert.equal(caveatTag(c).split("\n").length, 2);
  const tags: Record<string, string>[] = [];
  const client = { setTags: (_: string, t: Record<string, string>) => tags.push(t) };
  await tagSkipped({
    runId: "r",
    mlflow: () => Promise.resolve({ client: client as unknown as MlflowClient, runId: "r" }),
  }, c);
  assert.deepEqual(Object.keys(tags[0]), ["ws.caveats"]);
});
