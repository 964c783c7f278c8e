import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { factorAnalysisMetrics } from "@lib/analysis/metrics.ts";
import { icMetrics } from "@lib/analysis/summary.ts";
import { metricRecord } from "@lib/metric_record.ts";

const summary = pl.DataFrame({
  factor: ["pred_ridge_5", "pred_ridge_5", "rsi_14"],
  horizon: [5, 5, 1],
  method: ["spearman", "pearson", "spearman"],
  mean: [0.03, 0.02, -0.01],
  icir: [0.4, 0.3, NaN],
  hit_rate: [0.55, 0.52, 0.48],
});
const spreads = pl.DataFrame({
  factor: ["pred_ridge_5", "rsi_14"],
  horizon: [5, 1],
  top_minus_bottom: [0.004, -0.001],
  std_err: [0.001, 0.002],
});
const regressions = pl.DataFrame({
  symbol: ["BRK/B", "^GSPC", "AAPL"],
  model: ["ff3", "capm", "ff3"],
  alpha_annual: [0.01, 0.02, NaN],
  alpha_t: [1.1, 0.4, 2.2],
  beta_mkt_rf: [0.9, 1, 1.2],
  r2: [0.5, 0.99, 0.4],
  months: [60, 60, 60],
});
const turnover = pl.DataFrame({ quantile: [1, 1, 5], turnover: [0.2, 0.4, 0.3] });
const autocorrelation = pl.DataFrame({ autocorrelation: [0.9, 0.7, NaN] });

Deno.test("factorAnalysisMetrics equals the record the factor notebook logged inline, key order too", () => {
  const factor = "pred_ridge_5";
  const symbolName = (s: unknown) => String(s).replace(/[^\w.-]/g, "_");
  const inline: Record<string, number> = {
    ...icMetrics(summary),
    ...metricRecord(spreads, (r) => `${r.factor}_h${r.horizon}_spread`, ["top_minus_bottom"]),
    ...metricRecord(regressions, (r, c) => `${symbolName(r.symbol)}_${r.model}_${c}`, [
      "alpha_annual",
      "alpha_t",
      "beta_mkt_rf",
      "r2",
    ]),
    ...metricRecord(turnover.select(pl.col("turnover").mean()), () => `${factor}_turnover_mean`),
    ...metricRecord(
      autocorrelation.select(pl.col("autocorrelation").mean()),
      () => `${factor}_rank_autocorrelation_mean`,
    ),
    // the factor's IC rows (the champion's predictions), spearman as rank IC; no t_stat_nw or
    // n_dates in this summary, so only the means
    champion_rank_ic_mean: 0.03,
    champion_ic_mean: 0.02,
  };
  const got = factorAnalysisMetrics({
    summary,
    spreads,
    regressions,
    turnover,
    autocorrelation,
    factor,
  });
  assert.deepEqual(got, inline);
  assert.deepEqual(Object.keys(got), Object.keys(inline));
  assert.equal(got["BRK_B_ff3_alpha_annual"], 0.01);
  assert.equal(got["_GSPC_capm_r2"], 0.99);
  assert.ok(Math.abs(got["pred_ridge_5_turnover_mean"] - 0.3) < 1e-15);
  assert.equal(got["rsi_14_h1_spread"], -0.001);
  assert.ok(!("AAPL_ff3_alpha_annual" in got), "NaN is not logged");
});
