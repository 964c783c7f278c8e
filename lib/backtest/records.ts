/**
 * Trades (each position from opening to closing) from the orders (every fill) of a portfolio.
 * @internal
 * @module
 */
import type { Order, Trade } from "../portfolio/records.ts";

/**
 * Returns the trades of `orders` (in time order): a trade opens when a position goes from flat
 * to long and closes when it is flat again; resizing in between belongs to the same trade.
 * Open trades are valued at `lastPrice[symbol]`, without an exit fee.
 */
export function tradesFromOrders(
  orders: readonly Order[],
  lastPrice: Readonly<Record<string, number>>,
): Trade[] {
  interface Open {
    entryDay: number;
    held: number;
    bought: number;
    buyValue: number;
    buyFees: number;
    sold: number;
    sellValue: number;
    fees: number;
  }
  const open = new Map<string, Open>();
  const trades: Trade[] = [];
  const finish = (
    symbol: string,
    t: Open,
    exitDay: number,
    exitPrice: number,
    status: Trade["status"],
  ) => {
    const cost = t.buyValue + t.buyFees;
    const pnl = t.sellValue + (status === "open" ? t.held * exitPrice : 0) - t.buyValue - t.fees;
    trades.push({
      symbol,
      entryDay: t.entryDay,
      exitDay,
      shares: t.bought,
      entryPrice: t.buyValue / t.bought,
      exitPrice,
      fees: t.fees,
      pnl,
      return: pnl / cost,
      status,
    });
  };
  for (const o of orders) {
    let t = open.get(o.symbol);
    if (o.side === "buy") {
      if (!t) {
        t = {
          entryDay: o.day,
          held: 0,
          bought: 0,
          buyValue: 0,
          buyFees: 0,
          sold: 0,
          sellValue: 0,
          fees: 0,
        };
        open.set(o.symbol, t);
      }
      t.held += o.shares;
      t.bought += o.shares;
      t.buyValue += o.value;
      t.buyFees += o.fee;
      t.fees += o.fee;
    } else {
      if (!t) throw new Error(`sell of "${o.symbol}" without a position (day ${o.day})`);
      t.held -= o.shares;
      t.sold += o.shares;
      t.sellValue += o.value;
      t.fees += o.fee;
      // Fractional share arithmetic leaves dust when a position is sold down to its target 0.
      if (t.held <= t.bought * 1e-12) {
        t.held = 0;
        finish(o.symbol, t, o.day, t.sellValue / t.sold, "closed");
        open.delete(o.symbol);
      }
    }
  }
  for (const [symbol, t] of open) finish(symbol, t, NaN, lastPrice[symbol] ?? NaN, "open");
  return trades.sort((a, b) => a.entryDay - b.entryDay || a.symbol.localeCompare(b.symbol));
}
