/**
 * The records a simulated portfolio is made of: its fills (orders), its positions from opening to
 * closing (trades), and its series by date with both. Backtests produce them and performance
 * statistics read them, so they sit below both.
 * @module
 */

/** One fill at a close. */
export interface Order {
  /** Day number of the fill. */
  day: number;
  /** Asset symbol. */
  symbol: string;
  /** `buy` or `sell`. */
  side: "buy" | "sell";
  /** Shares filled (positive). */
  shares: number;
  /** Fill price (the close). */
  price: number;
  /** `shares x price`, before fees. */
  value: number;
  /** Fee paid on this fill. */
  fee: number;
}

/** A position from the fill that opened it to the fill that closed it (or the last date). */
export interface Trade {
  /** Asset symbol. */
  symbol: string;
  /** Day number of the opening fill. */
  entryDay: number;
  /** Day number of the closing fill; NaN while open. */
  exitDay: number;
  /** Shares bought over the trade. */
  shares: number;
  /** Average buy price. */
  entryPrice: number;
  /** Average sell price; the last close for an open trade. */
  exitPrice: number;
  /** Fees paid on the trade's fills. */
  fees: number;
  /** Sale proceeds (plus the open remainder at the last close) minus purchase cost, net of fees. */
  pnl: number;
  /** `pnl` over the purchase cost including fees. */
  return: number;
  /** `closed`, or `open` when the position was still held on the last date. */
  status: "open" | "closed";
}

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
