import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import pl from "nodejs-polars";
import { SAMPLE_DIR, sampleSource } from "@lib/data/mod.ts";
import { checkBars, qualityTotals, sessionDates } from "@lib/data/quality/mod.ts";
import { adjustForSplits, loadSplits, splitReturns } from "@lib/data/corporate_actions.ts";

const bundled = ["ohlcv_daily.csv", "benchmark_daily.csv", "splits.csv"]
  .every((f) => existsSync(join(SAMPLE_DIR, f)));

Deno.test({
  name: "checkBars on the bundled sample finds the known problems of data/sample/README.md",
  ignore: !bundled,
  async fn() {
    const bars = await sampleSource("daily").load();
    const calendar = sessionDates(await sampleSource("benchmark").load());
    const splits = await loadSplits("data/sample/splits.csv");
    const { bars: clean, report } = checkBars(bars, {}, { calendar, splits });
    const found = Object.fromEntries(
      report.rules.filter((r) => r.failures > 0).map((r) => [r.rule, [r.failures, r.example]]),
    );
    assert.deepEqual(found, {
      non_trading_day: [16, "DELL 2011-11-24"], // Yahoo's placeholders on market holidays
      extreme_range: [1, "AMD 2008-09-29"], // the 3.00 .. 6.00 bad ticks
    });
    assert.deepEqual(qualityTotals(report), {
      rowsChecked: 21_496,
      symbolsChecked: 10,
      rowsKept: 21_480,
      rowsDropped: 16,
      symbolsDropped: 0,
      fixes: 1,
      warnings: 0,
      failures: 0,
    });
    const amd = clean.filter(
      pl.col("symbol").eq(pl.lit("AMD")).and(
        pl.col("date").eq(pl.lit(new Date("2008-09-29"))),
      ),
    ).toRecords()[0];
    assert.deepEqual([amd.open, amd.high, amd.low, amd.close], [5, 5, 4.29, 4.29]);

    // Without the splits table, AAPL's raw 2-for-1 is an extreme move.
    const unsplit = checkBars(bars, {}, { calendar }).report.rules
      .find((r) => r.rule === "extreme_move")!;
    assert.deepEqual([unsplit.failures, unsplit.example], [1, "AAPL 2005-02-28"]);

    const [aapl] = splitReturns(clean, adjustForSplits(clean, splits), splits).toRecords();
    assert.ok(Math.abs((aapl.raw_return as number) - (44.86 / 88.99 - 1)) < 1e-12);
    assert.ok(Math.abs(aapl.adjusted_return as number) < 0.01, String(aapl.adjusted_return));
  },
});
