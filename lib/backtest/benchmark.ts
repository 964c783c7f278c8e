/**
 * Buy-and-hold of a benchmark, as a portfolio comparable with the strategies.
 * @module
 */
import type { WidePanel } from "./wide.ts";
import { portfolioResult } from "./result.ts";
import type { PortfolioResult } from "../portfolio/records.ts";

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
