/**
 * The wide frames a backtest of model predictions needs: the score (one model's prediction at
 * one horizon, date x symbol over the out-of-fold dates), the stocks' prices aligned to it, and
 * the benchmark's prices on the same dates.
 * @module
 */
import type pl from "nodejs-polars";
import { predictionFactorName, predictionFactors } from "../analysis/factors.ts";
import type { WidePanel } from "./wide.ts";
import { toWide } from "./wide.ts";

/** Open, high, low and close panels of the same dates and symbols. */
export interface PricePanels {
  close: WidePanel;
  open: WidePanel;
  high: WidePanel;
  low: WidePanel;
}

/** What {@link backtestInputs} returns. */
export interface BacktestInputs {
  /** The model's prediction by out-of-fold date and symbol. */
  score: WidePanel;
  /** The stocks' prices on the score's dates and symbols (NaN where a stock has no bar). */
  prices: PricePanels;
  /** The benchmark's prices on the score's dates. */
  benchmarkPrices: PricePanels;
}

/** Which predictions are the score. */
export interface ScoreOptions {
  /** The model whose predictions are the score. */
  model: string;
  /** The prediction horizon, in days. */
  horizon: number;
}

/**
 * Returns the score of `options.model` at `options.horizon` from `predictions` (symbol, date,
 * horizon, model, prediction), the open/high/low/close of `panel` on the score's dates and
 * symbols, and those of `benchmarkBars` on the score's dates.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { backtestInputs } from "@lib/backtest/inputs.ts";
 * const bars = (symbol: string, close: number[]) => pl.DataFrame({
 *   symbol: close.map(() => symbol), open: close, high: close, low: close, close,
 * }).withColumns(pl.Series("date", close.map((_, i) => i), pl.Int32).cast(pl.Date));
 * const predictions = pl.DataFrame({ symbol: ["a"], horizon: [5], model: ["ridge"], prediction: [0.1] })
 *   .withColumns(pl.Series("date", [1], pl.Int32).cast(pl.Date));
 * const inputs = backtestInputs(bars("a", [10, 11, 12]), predictions, bars("SPY", [1, 2, 3]), { model: "ridge", horizon: 5 });
 * if (inputs.prices.close.values.join() !== "11" || inputs.benchmarkPrices.close.values.join() !== "2") throw new Error();
 * ```
 */
export function backtestInputs(
  panel: pl.DataFrame,
  predictions: pl.DataFrame,
  benchmarkBars: pl.DataFrame,
  options: ScoreOptions,
): BacktestInputs {
  const score = toWide(
    predictionFactors(predictions, options.horizon),
    predictionFactorName(options.model, options.horizon),
  );
  const benchmarkClose = toWide(benchmarkBars, "close", { dates: score.dates });
  return {
    score,
    prices: {
      close: toWide(panel, "close", score),
      open: toWide(panel, "open", score),
      high: toWide(panel, "high", score),
      low: toWide(panel, "low", score),
    },
    benchmarkPrices: {
      close: benchmarkClose,
      open: toWide(benchmarkBars, "open", benchmarkClose),
      high: toWide(benchmarkBars, "high", benchmarkClose),
      low: toWide(benchmarkBars, "low", benchmarkClose),
    },
  };
}
