import assert from "node:assert/strict";
import type { MlflowClient } from "@lib/mlflow/client.ts";
import pl from "nodejs-polars";
import {
  analysisCapability,
  capabilityLine,
  onlyIf,
  RUNS,
  skip,
  skippedMetrics,
  skippedTag,
  tagSkipped,
  universeSize,
} from "@lib/analysis/capability.ts";
import { factorAnalysisMetrics } from "@lib/analysis/metrics.ts";

/** A panel of `n` symbols on 2 dates; `late` symbols have only the second date. */
function panel(n: number, late = 0): pl.DataFrame {
  const symbol: string[] = [];
  const date: number[] = [];
  for (let s = 0; s < n; s++) {
    for (const d of s < late ? [2] : [1, 2]) {
      symbol.push(`s${s}`);
      date.push(d);
    }
  }
  return pl.DataFrame({ symbol, date });
}

Deno.test("universeSize counts the symbols and the most symbols on one date", () => {
  assert.deepEqual(universeSize(panel(4, 2)), { symbols: 4, maxAssets: 4 });
  assert.deepEqual(universeSize(panel(3).filter(pl.col("date").eq(1)).head(2)), {
    symbols: 2,
    maxAssets: 2,
  });
  assert.deepEqual(universeSize(panel(0)), { symbols: 0, maxAssets: 0 });
});

Deno.test("analysisCapability(10 symbols) runs every part, the quantiles with a thin-bucket caveat", () => {
  const c = analysisCapability(panel(10), { minAssets: 3, quantiles: 5, horizons: [1, 5] });
  assert.deepEqual(Object.values(c.parts).map((p) => p.runs), [true, true, true, true]);
  assert.equal(
    capabilityLine(c),
    "**10** symbols. Every part runs. Note: **quantiles**: 5 quantiles of 10 symbols hold about " +
      "2 per date (fewer than 10), so bucket returns are noisy.",
  );
  assert.deepEqual(skippedMetrics(c), {});
  assert.equal(skippedTag(c), "");
});

Deno.test("analysisCapability(50 symbols) runs every part with no caveat", () => {
  const c = analysisCapability(panel(50), { minAssets: 3, quantiles: 5, horizons: [1, 5] });
  assert.equal(capabilityLine(c), "**50** symbols. Every part runs.");
});

Deno.test("analysisCapability(3 symbols) skips the quantiles, naming 3 symbols and 5 quantiles", () => {
  const c = analysisCapability(panel(3), { minAssets: 3, quantiles: 5, horizons: [1, 5] });
  assert.equal(c.parts.cross_sectional_ic.runs, true);
  assert.equal(
    c.parts.quantiles.reason,
    "5 quantiles need 5 symbols on a date; the universe has 3 symbols",
  );
  assert.equal(c.parts.cumulative.runs, false);
  assert.equal(c.parts.turnover.runs, false);
  assert.deepEqual(skippedMetrics(c), {
    skipped_quantiles: 1,
    skipped_cumulative: 1,
    skipped_turnover: 1,
  });
  assert.equal(skippedTag(c).split("\n").length, 3);
});

Deno.test("analysisCapability(1 and 2 symbols) skips the cross-sectional IC (minAssets)", () => {
  const one = analysisCapability(panel(1), { minAssets: 3, quantiles: 5 });
  assert.equal(
    one.parts.cross_sectional_ic.reason,
    "a cross-sectional IC needs 3 symbols on a date (minAssets); the universe has 1 symbol",
  );
  assert.match(capabilityLine(one), /^\*\*1\*\* symbol\. Skipped: \*\*cross_sectional_ic\*\*: /);
  const two = analysisCapability(panel(2), { minAssets: 2, quantiles: 2 });
  assert.equal(two.parts.cross_sectional_ic.runs, true);
  assert.equal(two.parts.quantiles.runs, true);
});

Deno.test("analysisCapability reads the most symbols on one date, not the symbol count", () => {
  // 5 symbols: s0, s1 list late (date 2 only) and s4 misses date 2, so no date has all 5
  const late = panel(5, 2).filter(pl.col("symbol").neq(pl.lit("s4")).or(pl.col("date").eq(1)));
  const c = analysisCapability(late, { quantiles: 5 });
  assert.equal(c.maxAssets, 4);
  assert.equal(
    c.parts.quantiles.reason,
    "5 quantiles need 5 symbols on a date; the universe has 5 symbols (at most 4 on one date)",
  );
});

Deno.test("analysisCapability skips the cumulative returns without horizon 1", () => {
  const c = analysisCapability(panel(10), { horizons: [5] });
  assert.equal(c.parts.cumulative.runs, false);
  assert.match(c.parts.cumulative.reason, /horizons has no 1/);
});

Deno.test("onlyIf keeps the frame when the part runs and empties it (same columns) when not", () => {
  const f = panel(2);
  assert.equal(onlyIf(RUNS, f).height, 4);
  const none = onlyIf(skip("no"), f);
  assert.equal(none.height, 0);
  assert.deepEqual(none.columns, ["symbol", "date"]);
});

Deno.test("tagSkipped sets ws.skipped on a tracked run only when a part is skipped", async () => {
  const tags: Record<string, string>[] = [];
  const client = { setTags: (_: string, t: Record<string, string>) => tags.push(t) };
  const nb = (runId: string | undefined) => ({
    runId,
    mlflow: () =>
      Promise.resolve({ client: client as unknown as MlflowClient, runId: runId ?? "x" }),
  });
  const skipped = analysisCapability(panel(1));
  await tagSkipped(nb(undefined), skipped);
  await tagSkipped(nb("r"), analysisCapability(panel(50)));
  assert.equal(tags.length, 0);
  // a caveat alone tags ws.caveats, not ws.skipped
  await tagSkipped(nb("r"), analysisCapability(panel(10)));
  assert.deepEqual(Object.keys(tags.pop()!), ["ws.caveats"]);
  await tagSkipped(nb("r"), skipped);
  assert.deepEqual(Object.keys(tags[0]), ["ws.skipped"]);
  assert.match(tags[0]["ws.skipped"], /^cross_sectional_ic: a cross-sectional IC needs 3/);
});

Deno.test("factorAnalysisMetrics adds skipped_{part} = 1 for the skipped parts only", () => {
  const input = {
    summary: pl.DataFrame({ factor: [], horizon: [], method: [], mean: [] }),
    spreads: pl.DataFrame({ factor: [], horizon: [], top_minus_bottom: [] }),
    regressions: pl.DataFrame({ symbol: [], model: [] }),
    turnover: pl.DataFrame({ turnover: [] }),
    autocorrelation: pl.DataFrame({ autocorrelation: [] }),
    factor: "f",
  };
  assert.deepEqual(factorAnalysisMetrics(input), {});
  assert.deepEqual(
    factorAnalysisMetrics({ ...input, capability: analysisCapability(panel(2)) }),
    {
      skipped_cross_sectional_ic: 1,
      skipped_quantiles: 1,
      skipped_cumulative: 1,
      skipped_turnover: 1,
    },
  );
});
