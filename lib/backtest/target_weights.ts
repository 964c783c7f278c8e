/**
 * A cash-sharing portfolio rebalanced to target weights, exactly as vectorbt 1.2.0
 * `Portfolio.from_orders(close, size=weights, size_type="targetpercent", group_by=True,
 * cash_sharing=True, call_seq="auto")` does it ({@link simulateOrders}).
 *
 * Differences from `topKPortfolio` (top_k.ts) with `execution: "same_close"` and no slippage (same
 * weights, same close fills; its next-bar executions have no counterpart here): vectorbt values the
 * group at the close before the rebalance, including positions whose close is missing (at their
 * last close), sells first, then buys each target until the cash runs out, so with fees the last
 * buy is cut and a little less than the value is invested; topKPortfolio solves for the fees so
 * that the portfolio ends fully invested, and skips orders below 1e-9 of the value. Without fees
 * and without missing closes the two agree.
 * @module
 */
import type { PortfolioOptions } from "./portfolio_options.ts";
import { portfolioSettings } from "./portfolio_options.ts";
import type { PortfolioResult } from "../portfolio/records.ts";
import { simulateOrders } from "./simulate_orders.ts";
import { portfolioFromSimulation } from "./to_portfolio.ts";
import type { WidePanel } from "./wide.ts";

/**
 * Returns the portfolio that rebalances to `weights` (`nDates x nAssets` row-major fractions of
 * the portfolio value; NaN = leave that asset alone that date) at the closes of `close`.
 *
 * @example
 * ```ts
 * import { targetWeightsPortfolio } from "@lib/backtest/target_weights.ts";
 * const close = { dates: new Float64Array([0, 1]), symbols: ["a", "b"], values: new Float64Array([10, 20, 11, 18]) };
 * const pf = targetWeightsPortfolio(close, new Float64Array([0.5, 0.5, NaN, NaN]), { initialCash: 100 });
 * if (Math.abs(pf.equity[1] - (5 * 11 + 2.5 * 18)) > 1e-9) throw new Error("wrong");
 * ```
 */
export function targetWeightsPortfolio(
  close: WidePanel,
  weights: Float64Array,
  options: PortfolioOptions = {},
): PortfolioResult {
  const { fee, cash } = portfolioSettings(options);
  const nAssets = close.symbols.length;
  if (weights.length !== close.values.length) {
    throw new Error(
      `weights have ${weights.length} values; the prices ${close.dates.length} dates x ${nAssets} symbols`,
    );
  }
  const prices = close.values.map((v) => (v > 0 ? v : NaN));
  const sim = simulateOrders(
    { nAssets, close: prices, nCols: nAssets, size: weights },
    {
      sizeType: "targetpercent",
      direction: "longonly",
      fees: fee,
      initCash: cash,
      groupLens: [nAssets],
      cashSharing: true,
      callSeq: "auto",
    },
  );
  return portfolioFromSimulation(sim, { ...close, values: prices });
}
