/**
 * The metrics step 01 logs to its run: the panel's size, the universe, the filters, the store's
 * fetches and both quality reports.
 * @module
 */
import type pl from "nodejs-polars";
import type { ScreenedUniverse } from "./universe.ts";
import type { QualityReport } from "./quality/check.ts";
import { qualityMetrics } from "./quality/report.ts";

/** What {@link acquisitionMetrics} reads: the step's outputs and its intermediate reports. */
export interface AcquisitionOutcome {
  /** The panel written (stocks' bars). */
  readonly panel: pl.DataFrame;
  /** The benchmark's bars written. */
  readonly benchmark: pl.DataFrame;
  /** The screened universe. */
  readonly universe: ScreenedUniverse;
  /** The filters' per-symbol statistics (one row per symbol before filtering). */
  readonly filterStats: pl.DataFrame;
  /** The store's update table (`rows_fetched` per symbol). */
  readonly updates: pl.DataFrame;
  /** The quality report of the stocks' bars. */
  readonly quality: QualityReport;
  /** The quality report of the benchmark's bars. */
  readonly benchmarkQuality: QualityReport;
}

/**
 * Returns the step's metrics: `rows`, `symbols`, `dates` (of the panel), `benchmark_rows`,
 * `universe_symbols`, `universe_removed`, `symbols_filtered_out` (symbols the filters and the
 * quality rules left out), `store_rows_fetched`, then the quality metrics of the stocks
 * (`quality_*`) and of the benchmark (`benchmark_quality_*`).
 */
export function acquisitionMetrics(outcome: AcquisitionOutcome): Record<string, number> {
  const symbols = outcome.panel.getColumn("symbol").nUnique();
  return {
    rows: outcome.panel.height,
    symbols,
    dates: outcome.panel.getColumn("date").nUnique(),
    benchmark_rows: outcome.benchmark.height,
    universe_symbols: outcome.universe.tradable.height,
    universe_removed: outcome.universe.removed.height,
    symbols_filtered_out: outcome.filterStats.height - symbols,
    store_rows_fetched: Number(outcome.updates.getColumn("rows_fetched").sum()),
    ...qualityMetrics(outcome.quality),
    ...qualityMetrics(outcome.benchmarkQuality, "benchmark_quality_"),
  };
}
