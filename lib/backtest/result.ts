/**
 * A simulated portfolio's series and records.
 * @module
 */
import type { Order, Trade } from "./records.ts";
import { tradesFromOrders } from "./records.ts";

/** What a portfolio simulation returns: series by date, and its fills and trades. */
export interface PortfolioResult {
  /** Day numbers, ascending. */
  dates: Float64Array;
  /** Cash at the start, before the first date. */
  initialCash: number;
  /** Cash plus positions at each close, after that close's fills and fees. */
  equity: Float64Array;
  /** Simple return of equity per date; the first is against `initialCash`. */
  returns: Float64Array;
  /** `equity / running peak - 1` (<= 0), with `initialCash` as the first peak. */
  drawdown: Float64Array;
  /** Every fill, in time order. */
  orders: Order[];
  /** Positions from opening to closing fill. */
  trades: Trade[];
  /** Sum of all fees paid. */
  totalFees: number;
}

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
