/**
 * A portfolio's results as danfojs DataFrames, for inspection and export. The simulation itself
 * stays on typed arrays because danfojs is slow in loops (a Series operation costs far more than
 * the same loop over a typed array); these frames are built once, at the end.
 * @module
 */
import * as dfd from "danfojs";
import pl from "nodejs-polars";
import { isoFromDay } from "../validation/days.ts";
import type { PortfolioResult } from "../portfolio/records.ts";

const iso = (day: number): string | null => (Number.isFinite(day) ? isoFromDay(day) : null);

/** Returns date (ISO), equity, returns and drawdown, one row per date. */
export function portfolioFrame(result: PortfolioResult): dfd.DataFrame {
  return new dfd.DataFrame({
    date: Array.from(result.dates, (d) => isoFromDay(d)),
    equity: Array.from(result.equity),
    returns: Array.from(result.returns),
    drawdown: Array.from(result.drawdown),
  });
}

/** Trade columns, in order. */
export const tradeColumns = [
  "symbol",
  "entry_date",
  "exit_date",
  "shares",
  "entry_price",
  "exit_price",
  "fees",
  "pnl",
  "return",
  "status",
] as const;

/** Returns one row per trade (dates ISO; exit_date null while open). */
export function tradesFrame(result: PortfolioResult): dfd.DataFrame {
  if (result.trades.length === 0) return new dfd.DataFrame([], { columns: [...tradeColumns] });
  return new dfd.DataFrame(
    result.trades.map((t) => ({
      symbol: t.symbol,
      entry_date: iso(t.entryDay),
      exit_date: iso(t.exitDay),
      shares: t.shares,
      entry_price: t.entryPrice,
      exit_price: t.exitPrice,
      fees: t.fees,
      pnl: t.pnl,
      return: t.return,
      status: t.status,
    })),
    { columns: [...tradeColumns] },
  );
}

/** Order columns, in order. */
export const orderColumns = ["date", "symbol", "side", "shares", "price", "value", "fee"] as const;

/** Returns one row per fill. */
export function ordersFrame(result: PortfolioResult): dfd.DataFrame {
  if (result.orders.length === 0) return new dfd.DataFrame([], { columns: [...orderColumns] });
  return new dfd.DataFrame(
    result.orders.map((o) => ({
      date: isoFromDay(o.day),
      symbol: o.symbol,
      side: o.side,
      shares: o.shares,
      price: o.price,
      value: o.value,
      fee: o.fee,
    })),
    { columns: [...orderColumns] },
  );
}

/** Returns a danfojs frame as a nodejs-polars frame (for display as a notebook table). */
export function toPolars(frame: dfd.DataFrame): pl.DataFrame {
  if (frame.shape[0] === 0) {
    return pl.DataFrame(frame.columns.map((c) => pl.Series(c, [], pl.Utf8)));
  }
  return pl.DataFrame(dfd.toJSON(frame) as Record<string, unknown>[]);
}
