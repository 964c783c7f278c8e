/**
 * What a portfolio held, date by date, rebuilt from its fills: each position's weight in equity
 * (pyfolio's `positions` divided by the portfolio value), the number of names held, the largest
 * weight and the Herfindahl index of the weights; and the turnover of each date that traded.
 *
 * A date's fills come before its close (as the simulators mark equity), so the holdings of date
 * t include t's orders and are valued at t's close. A position whose close is missing keeps its
 * last close, as the simulators value it; one bought before its first close is valued at the
 * fill price until then.
 * @module
 */
import type { PortfolioResult } from "../portfolio/records.ts";
import type { WidePanel } from "./wide.ts";

/** Per-date holdings of a portfolio (see {@link holdingsOverTime}). */
export interface Holdings {
  /** The portfolio's day numbers. */
  dates: Float64Array;
  /** The close panel's symbols, in column order. */
  symbols: readonly string[];
  /** `dates x symbols` row-major: position value at the close over equity (0 when not held). */
  weights: Float64Array;
  /** Names held (shares above 0) after each date's fills. */
  names: Float64Array;
  /** The largest position weight per date; 0 when nothing is held. */
  maxWeight: Float64Array;
  /** Herfindahl index `Σ w²` of the position weights per date; 0 when nothing is held. */
  herfindahl: Float64Array;
  /** Cash over equity per date (`1 - Σ w` for a long-only book). */
  cash: Float64Array;
}

/**
 * Returns the holdings of `portfolio` on each of its dates, from its orders and `close` (the
 * wide close panel the portfolio traded; it must have every portfolio date and every traded
 * symbol). Shares below `1e-9` of a share are float residue of a full sale and count as none.
 *
 * @example
 * ```ts
 * import { holdingsOverTime } from "@lib/backtest/holdings.ts";
 * const dates = new Float64Array([0, 1]);
 * const close = { dates, symbols: ["a", "b"], values: new Float64Array([10, 10, 20, 10]) };
 * const pf = { dates, initialCash: 100, equity: new Float64Array([100, 150]), returns: new Float64Array(2),
 *   drawdown: new Float64Array(2), trades: [], totalFees: 0, orders: [
 *     { day: 0, symbol: "a", side: "buy" as const, shares: 5, price: 10, value: 50, fee: 0 },
 *     { day: 0, symbol: "b", side: "buy" as const, shares: 5, price: 10, value: 50, fee: 0 }] };
 * const h = holdingsOverTime(pf, close);
 * // date 1: a is worth 100 of 150, b 50 of 150
 * if (h.names[1] !== 2 || Math.abs(h.maxWeight[1] - 2 / 3) > 1e-12) throw new Error("wrong");
 * ```
 */
export function holdingsOverTime(portfolio: PortfolioResult, close: WidePanel): Holdings {
  const { dates, equity, orders } = portfolio;
  const nAssets = close.symbols.length;
  const row = new Map<number, number>();
  close.dates.forEach((d, t) => row.set(d, t));
  const column = new Map(close.symbols.map((s, j) => [s, j]));
  const rows = Int32Array.from(dates, (d) => {
    const t = row.get(d);
    if (t === undefined) throw new Error(`the close panel has no date ${d} of the portfolio`);
    return t;
  });
  const n = dates.length;
  const weights = new Float64Array(n * nAssets);
  const names = new Float64Array(n);
  const maxWeight = new Float64Array(n);
  const herfindahl = new Float64Array(n);
  const cash = new Float64Array(n);
  const shares = new Float64Array(nAssets);
  const last = new Float64Array(nAssets).fill(NaN);
  let next = 0;
  for (let t = 0; t < n; t++) {
    for (; next < orders.length && orders[next].day <= dates[t]; next++) {
      const o = orders[next];
      const j = column.get(o.symbol);
      if (j === undefined) throw new Error(`the close panel has no symbol "${o.symbol}"`);
      shares[j] += o.side === "buy" ? o.shares : -o.shares;
      if (Math.abs(shares[j]) < 1e-9) shares[j] = 0;
      if (!(last[j] > 0)) last[j] = o.price;
    }
    const base = rows[t] * nAssets;
    let held = 0;
    let top = 0;
    let sumSquares = 0;
    let invested = 0;
    for (let j = 0; j < nAssets; j++) {
      const price = close.values[base + j];
      if (price > 0) last[j] = price;
      if (shares[j] === 0) continue;
      const w = (shares[j] * last[j]) / equity[t];
      weights[t * nAssets + j] = w;
      held++;
      if (Math.abs(w) > top) top = Math.abs(w);
      sumSquares += w * w;
      invested += w;
    }
    names[t] = held;
    maxWeight[t] = top;
    herfindahl[t] = sumSquares;
    cash[t] = 1 - invested;
  }
  return { dates, symbols: close.symbols, weights, names, maxWeight, herfindahl, cash };
}

/** The turnover of each date a portfolio traded (see {@link rebalanceTurnover}). */
export interface RebalanceTurnover {
  /** Day numbers with at least one fill, ascending. */
  dates: Float64Array;
  /** Traded value (buys plus sales, before fees) over equity at that date's close. */
  turnover: Float64Array;
}

/**
 * Returns, for every date with fills, the value traded (buys plus sales, before fees) over the
 * portfolio's equity at that date's close: 1 for the first purchase from cash, 2 when every name
 * is replaced. Dates without fills are left out.
 *
 * @example
 * ```ts
 * import { rebalanceTurnover } from "@lib/backtest/holdings.ts";
 * const pf = { dates: new Float64Array([0, 1]), initialCash: 100, equity: new Float64Array([100, 200]),
 *   returns: new Float64Array(2), drawdown: new Float64Array(2), trades: [], totalFees: 0, orders: [
 *     { day: 1, symbol: "a", side: "sell" as const, shares: 5, price: 20, value: 100, fee: 0 },
 *     { day: 1, symbol: "b", side: "buy" as const, shares: 10, price: 10, value: 100, fee: 0 }] };
 * const t = rebalanceTurnover(pf);
 * if (t.dates.join() !== "1" || t.turnover[0] !== 1) throw new Error("wrong");
 * ```
 */
export function rebalanceTurnover(portfolio: PortfolioResult): RebalanceTurnover {
  const equityOn = new Map<number, number>();
  portfolio.dates.forEach((d, t) => equityOn.set(d, portfolio.equity[t]));
  const traded = new Map<number, number>();
  for (const o of portfolio.orders) traded.set(o.day, (traded.get(o.day) ?? 0) + Math.abs(o.value));
  const days = Float64Array.from(traded.keys()).sort();
  return {
    dates: days,
    turnover: Float64Array.from(days, (d) => {
      const e = equityOn.get(d);
      if (e === undefined) throw new Error(`an order on day ${d} is not on a portfolio date`);
      return traded.get(d)! / e;
    }),
  };
}
