import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { metricRecord } from "@lib/metric_record.ts";

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
