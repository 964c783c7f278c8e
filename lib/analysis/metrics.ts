/**
 * The flat `name -> number` record a factor-analysis step logs: IC summaries, quantile spreads,
 * the per-asset factor regressions, and the mean turnover and rank autocorrelation of one factor.
 * @module
 */
import pl from "nodejs-polars";
import { metricRecord, metricSymbol } from "../metric_record.ts";
import { type Capability, skippedMetrics } from "./capability.ts";
import { icMetrics } from "./summary.ts";

/** What {@link factorAnalysisMetrics} reads. */
export interface FactorAnalysisMetricsInput {
  /** IC summary (`icSummary`): see `icMetrics`. */
  summary: pl.DataFrame;
  /** Quantile spreads (factor, horizon, top_minus_bottom): `{factor}_h{horizon}_spread`. */
  spreads: pl.DataFrame;
  /** Per-asset regressions (`assetFactorRegressions`): `{symbol}_{model}_{column}`. */
  regressions: pl.DataFrame;
  /** Quantile turnover (`quantileTurnover`) of `factor`: its mean. */
  turnover: pl.DataFrame;
  /** Rank autocorrelation (`factorRankAutocorrelation`) of `factor`: its mean. */
  autocorrelation: pl.DataFrame;
  /**
   * The factor whose turnover and autocorrelation these are: the champion's predictions, whose
   * IC also gives the `champion_*` metrics.
   */
  factor: string;
  /** What could run (`analysisCapability`): `skipped_{part}` = 1 per skipped part. */
  capability?: Capability;
}

/** Columns of the per-asset regressions that are logged. */
const REGRESSION_METRICS = ["alpha_annual", "alpha_t", "beta_mkt_rf", "r2"];

/**
 * Returns the metrics of a factor analysis: the IC metrics of `summary`,
 * `{factor}_h{horizon}_spread`, `{symbol}_{model}_{alpha_annual|alpha_t|beta_mkt_rf|r2}` (the
 * symbol made safe by `metricSymbol`), `{factor}_turnover_mean` and
 * `{factor}_rank_autocorrelation_mean`, `skipped_{part}` = 1 for each part the capability
 * skipped (none when every part runs), and the headline's numbers of `factor` (the champion's
 * predictions): `champion_ic_mean`, `champion_ic_t_nw` (Pearson), `champion_rank_ic_mean`,
 * `champion_rank_ic_t_nw` (Spearman), `champion_ic_dates`. Non-finite values are left out.
 */
export function factorAnalysisMetrics(input: FactorAnalysisMetricsInput): Record<string, number> {
  const { factor } = input;
  return {
    ...icMetrics(input.summary),
    ...metricRecord(input.spreads, (r) => `${r.factor}_h${r.horizon}_spread`, ["top_minus_bottom"]),
    ...metricRecord(
      input.regressions,
      (r, c) => `${metricSymbol(r.symbol)}_${r.model}_${c}`,
      REGRESSION_METRICS,
    ),
    ...metricRecord(
      input.turnover.select(pl.col("turnover").mean()),
      () => `${factor}_turnover_mean`,
    ),
    ...metricRecord(
      input.autocorrelation.select(pl.col("autocorrelation").mean()),
      () => `${factor}_rank_autocorrelation_mean`,
    ),
    ...(input.capability ? skippedMetrics(input.capability) : {}),
    ...championIc(input.summary, factor),
  };
}

/** The IC numbers of the headline: mean and Newey-West t of `factor`'s Pearson and Spearman IC. */
function championIc(summary: pl.DataFrame, factor: string): Record<string, number> {
  if (summary.height === 0) return {};
  const rows = summary.filter(pl.col("factor").eq(pl.lit(factor))).toRecords();
  const out: Record<string, number> = {};
  for (const row of rows) {
    const prefix = row.method === "spearman" ? "champion_rank_ic" : "champion_ic";
    out[`${prefix}_mean`] = Number(row.mean);
    out[`${prefix}_t_nw`] = Number(row.t_stat_nw);
    out.champion_ic_dates = Number(row.n_dates);
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => Number.isFinite(v)));
}
