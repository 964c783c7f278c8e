/**
 * Equity returns, drawdown and the assembled {@link PortfolioResult} of a simulated portfolio.
 * @internal
 * @module
 */
import type { Order, PortfolioResult } from "../portfolio/records.ts";
import { tradesFromOrders } from "./records.ts";

/** Returns the simple returns of `equity`, the first against `initialCash`. */
export function equityReturns(equity: Float64Array, initialCash: number): Float64Array {
  const out = new Float64Array(equity.length);
  let previous = initialCash;
  for (let t = 0; t < equity.length; t++) {
    out[t] = equity[t] / previous - 1;
    previous = equity[t];
  }
  return out;
}

/** Returns `equity / running peak - 1`, the peak starting at `initialCash`. */
export function drawdownSeries(equity: Float64Array, initialCash: number): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = initialCash;
  for (let t = 0; t < equity.length; t++) {
    if (equity[t] > peak) peak = equity[t];
    out[t] = equity[t] / peak - 1;
  }
  return out;
}

/** Returns a {@link PortfolioResult} from an equity series and the fills that made it. */
export function portfolioResult(
  dates: Float64Array,
  initialCash: number,
  equity: Float64Array,
  orders: Order[],
  lastPrice: Readonly<Record<string, number>>,
): PortfolioResult {
  return {
    dates,
    initialCash,
    equity,
    returns: equityReturns(equity, initialCash),
    drawdown: drawdownSeries(equity, initialCash),
    orders,
    trades: tradesFromOrders(orders, lastPrice),
    totalFees: orders.reduce((s, o) => s + o.fee, 0),
  };
}
