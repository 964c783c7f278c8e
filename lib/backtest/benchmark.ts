/**
 * The portfolios every strategy is set beside: buy-and-hold of the benchmark index and the
 * equal-weight portfolio of the universe.
 * @module
 */
import type { WidePanel } from "./wide.ts";
import { portfolioResult } from "./result.ts";
import type { PortfolioResult } from "../portfolio/records.ts";
import { topKPortfolio } from "./top_k.ts";
import type { TopKOptions } from "./top_k.ts";

/**
 * Returns `initialCash` held in the single asset of `close` from its first close on, with no
 * fees (an index is not traded). Before the first close the equity is cash; a missing close
 * keeps the last one. Throws unless `close` has exactly one symbol with at least one close.
 *
 * @example
 * ```ts
 * import { buyAndHold } from "@lib/backtest/benchmark.ts";
 * const b = buyAndHold({ dates: new Float64Array([0, 1]), symbols: ["^GSPC"], values: new Float64Array([50, 55]) }, 100);
 * if (Math.abs(b.equity[1] - 110) > 1e-9) throw new Error("wrong");
 * ```
 */
export function buyAndHold(close: WidePanel, initialCash = 10_000): PortfolioResult {
  if (close.symbols.length !== 1) {
    throw new Error(
      `a benchmark has one symbol; got ${close.symbols.length} (${close.symbols.join(", ")})`,
    );
  }
  const n = close.dates.length;
  const equity = new Float64Array(n);
  let first = NaN;
  let last = NaN;
  for (let t = 0; t < n; t++) {
    const price = close.values[t];
    if (price > 0) {
      if (Number.isNaN(first)) first = price;
      last = price;
    }
    equity[t] = Number.isNaN(first) ? initialCash : (initialCash * last) / first;
  }
  if (Number.isNaN(first)) {
    throw new Error(`benchmark "${close.symbols[0]}" has no close on these dates`);
  }
  return portfolioResult(close.dates, initialCash, equity, [], {});
}

/**
 * Returns the equal-weight portfolio of every asset of `close`: the top-k rule of
 * `topKPortfolio` (top_k.ts) with k = every asset and the same score for all, so it rebalances
 * to equal weights every `rebalanceEvery` dates with the same fees, slippage and fill convention
 * as the strategies it is set beside. An asset without a price on a date is left out of that
 * rebalance.
 *
 * @example
 * ```ts
 * import { equalWeightPortfolio } from "@lib/backtest/benchmark.ts";
 * const close = { dates: new Float64Array([0, 1]), symbols: ["a", "b"], values: new Float64Array([10, 20, 11, 20]) };
 * // half in a (+10%), half in b (flat): +5%
 * const pf = equalWeightPortfolio(close, { rebalanceEvery: 1, initialCash: 100 });
 * if (Math.abs(pf.equity[1] - 105) > 1e-9) throw new Error(String(pf.equity[1]));
 * ```
 */
export function equalWeightPortfolio(
  close: WidePanel,
  options: Omit<TopKOptions, "k">,
): PortfolioResult {
  const score = { ...close, values: close.values.map((v) => (v > 0 ? 1 : NaN)) };
  return topKPortfolio(close, score, { ...options, k: Math.max(1, close.symbols.length) });
}
