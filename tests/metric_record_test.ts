import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { metricRecord, metricSlug, metricSymbol } from "@lib/metric_record.ts";

Deno.test("metricRecord names each finite number by row and column and skips text, NaN and null", () => {
  const t = pl.DataFrame({
    strategy: ["top_k", "benchmark"],
    sharpe: [1.2, NaN],
    trades: [10, null],
  });
  assert.deepEqual(metricRecord(t, (r, c) => `${r.strategy}_${c}`), {
    top_k_sharpe: 1.2,
    top_k_trades: 10,
  });
  assert.deepEqual(metricRecord(t, (r) => `${r.strategy}`, ["sharpe"]), { top_k: 1.2 });
});

Deno.test("metricSlug lower-cases, joins runs of other characters with one _ and trims the ends", () => {
  assert.equal(metricSlug("Sharpe ratio"), "sharpe_ratio");
  assert.equal(metricSlug("Turnover (annual)"), "turnover_annual");
  assert.equal(metricSlug("  Max drawdown -- %"), "max_drawdown");
  assert.equal(metricSlug("Value at risk (5%)"), "value_at_risk_5");
  assert.equal(metricSlug(42), "42");
});

Deno.test("metricSymbol replaces each character outside [A-Za-z0-9_.-] with _ and keeps case", () => {
  assert.equal(metricSymbol("BRK/B"), "BRK_B");
  assert.equal(metricSymbol("^GSPC"), "_GSPC");
  assert.equal(metricSymbol("BF.B-x_1"), "BF.B-x_1");
  assert.equal(metricSymbol("a  b"), "a__b");
});
