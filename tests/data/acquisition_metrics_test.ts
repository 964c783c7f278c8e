import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { acquisitionMetrics, parseBarsCsv } from "@lib/data/mod.ts";
import { checkBars, qualityMetrics } from "@lib/data/quality/mod.ts";
import { screenUniverse, universeFromSymbols } from "@lib/data/universe.ts";
import { applyFilters } from "@lib/data/filters.ts";

const HEADER = "symbol,date,open,high,low,close,volume";
const bars = parseBarsCsv(
  [
    HEADER,
    "A,2024-01-02,10,11,9,10,100",
    "A,2024-01-03,10,11,9,10,-1", // negative volume: dropped by quality
    "B,2024-01-02,5,6,4,5,100",
    "C,2024-01-02,1,1,1,1,100", // below minPrice: filtered out
  ].join("\n"),
  "t.csv",
);
const benchmark = parseBarsCsv(`${HEADER}\nI,2024-01-02,1,1,1,1,0\n`, "b.csv");

Deno.test("acquisitionMetrics names the panel, universe, store and quality counts in order", () => {
  const checked = checkBars(bars, { min_history: { minRows: 1 } });
  const benchmarkChecked = checkBars(benchmark, { min_history: { minRows: 1 } });
  const universe = screenUniverse(universeFromSymbols(["A", "B", "C", "ABCDW"]));
  const filtered = applyFilters(checked.bars, { minPrice: 2 });
  const updates = pl.DataFrame({ symbol: ["A", "B", "C"], rows_fetched: [2, 1, 1] });
  const metrics = acquisitionMetrics({
    panel: filtered.bars,
    benchmark: benchmarkChecked.bars,
    universe,
    filterStats: filtered.stats,
    updates,
    quality: checked.report,
    benchmarkQuality: benchmarkChecked.report,
  });
  assert.equal(metrics.quality_rule_non_negative_volume, 1);
  const quality = qualityMetrics(checked.report);
  const benchmarkQuality = qualityMetrics(benchmarkChecked.report, "benchmark_quality_");
  assert.deepEqual(Object.keys(metrics), [
    "rows",
    "symbols",
    "dates",
    "benchmark_rows",
    "universe_symbols",
    "universe_removed",
    "symbols_filtered_out",
    "store_rows_fetched",
    ...Object.keys(quality),
    ...Object.keys(benchmarkQuality),
  ]);
  assert.deepEqual(metrics, {
    rows: 2,
    symbols: 2,
    dates: 1,
    benchmark_rows: 1,
    universe_symbols: 3,
    universe_removed: 1,
    symbols_filtered_out: 1,
    store_rows_fetched: 4,
    ...quality,
    ...benchmarkQuality,
  });
});
