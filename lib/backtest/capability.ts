/**
 * What the backtest step can say about a universe of this size: a top-k portfolio with k at
 * least the number of stocks holds every stock (an equal-weight basket, not a selection by
 * score), and the crossover grid's "mean over stocks" of one stock is that stock's Sharpe.
 * Built on the analysis step's {@link Capability}, so the page line and the MLflow tags read
 * the same.
 * @module
 */
import { type Capability, caveat, RUNS } from "../analysis/capability.ts";
import type { WidePanel } from "./wide.ts";

/** The parts of the backtest step that depend on the universe's size. */
export type BacktestPart = "top_k" | "grid";

/** Options of {@link backtestCapability}: the step's `topK`. */
export interface BacktestCapabilityOptions {
  /** Assets held by the top-k portfolio. */
  readonly topK: number;
}

/**
 * Returns what the backtest can say with the stocks of `score` (its symbols, and the most with a
 * score on one date): top-k with `topK` >= that many runs with a caveat, as does the grid's mean
 * over a single stock.
 *
 * @example
 * ```ts
 * import { backtestCapability } from "@lib/backtest/capability.ts";
 * const score = { dates: new Float64Array([0]), symbols: ["a", "b"], values: new Float64Array([1, 2]) };
 * const c = backtestCapability(score, { topK: 3 });
 * if (!c.parts.top_k.runs || !c.parts.top_k.reason.includes("every one of the 2")) throw new Error();
 * ```
 */
export function backtestCapability(
  score: WidePanel,
  options: BacktestCapabilityOptions,
): Capability<BacktestPart> {
  const n = score.symbols.length;
  let maxAssets = 0;
  for (let t = 0; t < score.dates.length; t++) {
    let count = 0;
    for (let j = 0; j < n; j++) if (Number.isFinite(score.values[t * n + j])) count++;
    if (count > maxAssets) maxAssets = count;
  }
  const k = options.topK;
  const held = maxAssets === 1
    ? "holds that one stock whenever it has a score"
    : `holds every one of the ${maxAssets}: an equal-weight basket`;
  const topK = maxAssets > k ? RUNS : caveat(
    `k = ${k} is not fewer than the ${maxAssets === n ? "" : "at most "}${maxAssets} stock` +
      `${maxAssets === 1 ? "" : "s"} with a score on a date, so top-k ${held}, not a selection ` +
      "by score",
  );
  const grid = n > 1 ? RUNS : caveat("the grid's mean Sharpe over stocks is one stock's Sharpe");
  return { symbols: n, maxAssets, parts: { top_k: topK, grid } };
}
