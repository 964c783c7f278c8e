/** Run records and executed notebooks for the report-site tests. */
import type { RunRecord, StepRecord } from "@lib/reports/history.ts";

/** A backtest step with its metrics and parameters. */
export function backtestStep(key: string, topK: number, sharpe: number): StepRecord {
  return {
    name: "backtest",
    notebook: "notebooks/06_backtesting.ipynb",
    status: "ok",
    seconds: 2.5,
    html: `runs/${key}/06_backtesting.html`,
    executed: `runs/${key}/06_backtesting.ipynb`,
    metrics: {
      top_k_sharpe: sharpe,
      benchmark_sharpe: 0.6,
      top_k_total_return: 0.25,
      top_k_max_drawdown: -0.125,
      top_k_annual_return: 0.118,
      benchmark_annual_return: 0.08,
      equal_weight_sharpe: 0.9,
      equal_weight_annual_return: 0.1,
      oof_first_day: 17_169,
      oof_last_day: 17_896,
      oof_dates: 504,
      universe_symbols: 10,
      duration_seconds: 2.5,
    },
    mlflowRunId: `child-${key}`,
    params: { dataDir: "/data", model: "ridge", horizon: 5, topK },
    digests: { inputs: "a".repeat(64), outputs: "b".repeat(64) },
  };
}

/** A training step whose champion (by rmse) is ridge. */
export function trainingStep(key: string): StepRecord {
  return {
    name: "training",
    notebook: "notebooks/04_training.ipynb",
    status: "ok",
    seconds: 3,
    html: `runs/${key}/04_training.html`,
    executed: `runs/${key}/04_training.ipynb`,
    metrics: { ridge_h5_direction_accuracy: 0.5375 },
    tags: {
      "ws.champion": "ridge",
      "ws.champion_horizon": "5",
      "ws.champion_rule": "rmse (lower wins)",
    },
    params: { dataDir: "/data" },
  };
}

/**
 * An analysis step whose tree predictions rank better than ridge's (the champion's), so a
 * headline that picked the best IC after the fact would name the wrong model.
 */
export function analysisStep(key: string): StepRecord {
  return {
    name: "analysis",
    notebook: "notebooks/05_factor_analysis.ipynb",
    status: "ok",
    seconds: 1,
    html: `runs/${key}/05_factor_analysis.html`,
    executed: `runs/${key}/05_factor_analysis.ipynb`,
    metrics: {
      pred_ridge_5_h5_ic_mean: 0.1,
      pred_tree_5_h5_ic_mean: 0.125,
      ret_20_h5_ic_mean: 0.5,
      champion_rank_ic_mean: 0.1,
      champion_rank_ic_t_nw: 2.25,
      champion_ic_mean: 0.08,
      champion_ic_t_nw: 1.75,
    },
    params: { dataDir: "/data" },
  };
}

/** A recorded run of two steps. */
export function runRecord(key: string, startedAt: string, topK: number, sharpe: number): RunRecord {
  return {
    key,
    pipeline: "research",
    startedAt,
    status: "ok",
    steps: [trainingStep(key), analysisStep(key), backtestStep(key, topK, sharpe)],
    overrides: { "backtest.topK": String(topK) },
    changed: topK === 3 ? {} : { "backtest.topK": topK },
    mlflow: { uri: "http://127.0.0.1:41234", experimentId: "1", runId: `parent-${key}` },
  };
}

/** An executed notebook: a title, a parameters cell, a table and a chart output. */
export const executedNotebook = {
  cells: [
    { cell_type: "markdown", source: ["# 06 · Backtesting\n", "\n", "Trades **top_k**."] },
    {
      cell_type: "code",
      source: "let overrides: Record<string, unknown> = {};",
      metadata: { tags: ["parameters"] },
      execution_count: 1,
      outputs: [],
    },
    {
      cell_type: "code",
      source: 'overrides = {\n  "topK": 5\n};\nvoid 0;\n',
      metadata: { tags: ["injected-parameters"] },
      execution_count: 2,
      outputs: [],
    },
    {
      cell_type: "code",
      source: "table(stats)",
      execution_count: 3,
      outputs: [{
        output_type: "execute_result",
        data: {
          "text/html": '<table class="ws-table"><tr><td>1.5</td></tr></table>',
          "text/plain": "1.5",
        },
      }],
    },
    {
      cell_type: "code",
      source: "chart",
      execution_count: 4,
      outputs: [{
        output_type: "display_data",
        data: {
          "text/html":
            '<figure><h2>Equity</h2><svg width="10" height="10"><path d="M0,0L5,5"/></svg></figure>',
        },
      }, { output_type: "stream", name: "stdout", text: ["a < b\n"] }],
    },
    {
      cell_type: "code",
      source: "boom()",
      execution_count: 5,
      outputs: [{
        output_type: "error",
        ename: "Error",
        evalue: "boom",
        traceback: ["\u001b[31mError: boom\u001b[0m", "    at <anonymous>"],
      }],
    },
  ],
};
