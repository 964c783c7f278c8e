/**
 * Charts of backtest overfitting: the CSCV logits of the in-sample winners and their in-sample
 * vs out-of-sample performance.
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { PboResult } from "../performance/pbo.ts";
import type { BacktestOverfitting } from "../backtest/overfitting.ts";
import { type Chart, plot } from "./chart.ts";

/**
 * Returns a histogram of the CSCV logits `λ`: the share left of the rule at 0 (the IS winner at or
 * below the OOS median) is the PBO, stated in the title.
 */
export function logitHistogram(result: PboResult, options: { title?: string } = {}): Chart {
  const data = Array.from(result.logits, (value) => ({ value }));
  return plot({
    title: options.title ??
      `Logits of the in-sample winners: PBO ${
        result.pbo.toFixed(3)
      } (${result.combinations} combinations)`,
    x: { label: "λ = logit of the winner's out-of-sample relative rank" },
    y: { label: "Combinations", grid: true },
    marks: [
      Plot.rectY(data, { ...Plot.binX({ y: "count" }, { x: "value" }), fill: "#4e79a7" }),
      Plot.ruleX([0], { stroke: "#e15759", strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  });
}

/** Returns the {@link logitHistogram} of a step's PBO, or the reason it was skipped. */
export function overfittingChart(overfitting: BacktestOverfitting): Chart | string {
  return overfitting.status === "ok"
    ? logitHistogram(overfitting.result)
    : `No logit histogram: ${overfitting.reason}.`;
}
