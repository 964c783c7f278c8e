/**
 * Statistics of how a portfolio traded: win rate, profit factor and expectancy of its trades
 * and of its periods, the share of periods it held a position, and its turnover.
 * @module
 */
import type { Order, PortfolioResult, Trade } from "../portfolio/records.ts";
import { checkFinite, periodsPerYearOf } from "./options.ts";
import type { AnnualisationOptions } from "./options.ts";

/** Win rate, profit factor and expectancy of a set of outcomes (trades or periods). */
export interface OutcomeStats {
  /** Number of outcomes counted. */
  count: number;
  /** Share of outcomes above 0; NaN when there are none. */
  winRate: number;
  /** Sum of gains / |sum of losses|; Infinity with gains and no loss, NaN with neither. */
  profitFactor: number;
  /** Mean outcome (profit per trade in cash, or mean return per period); NaN when none. */
  expectancy: number;
}

function outcomeStats(values: ArrayLike<number>): OutcomeStats {
  let wins = 0;
  let gains = 0;
  let losses = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > 0) {
      wins++;
      gains += v;
    } else if (v < 0) losses -= v;
    sum += v;
  }
  const count = values.length;
  return {
    count,
    winRate: count > 0 ? wins / count : NaN,
    profitFactor: losses > 0 ? gains / losses : gains > 0 ? Infinity : NaN,
    expectancy: count > 0 ? sum / count : NaN,
  };
}

/** Trade statistics: {@link OutcomeStats} over profit in cash, plus the mean trade return. */
export interface TradeStats extends OutcomeStats {
  /** Mean of the trades' returns (profit over cost including fees); NaN when none. */
  expectancyReturn: number;
  /** Trades still open at the end, left out of the other fields. */
  open: number;
}

/**
 * Returns win rate, profit factor and expectancy of the closed trades (a trade still open at
 * the end is valued at the last close and may yet turn, so it is only counted in `open`). A
 * win is a trade with profit (after fees) above 0.
 *
 * @example
 * ```ts
 * import { tradeStats } from "@lib/performance/trading.ts";
 * const t = (pnl: number) => ({ symbol: "a", entryDay: 0, exitDay: 1, shares: 1, entryPrice: 100,
 *   exitPrice: 100 + pnl, fees: 0, pnl, return: pnl / 100, status: "closed" as const });
 * const s = tradeStats([t(30), t(-10), t(-5)]);
 * if (s.winRate !== 1 / 3 || s.profitFactor !== 2 || s.expectancy !== 5) throw new Error();
 * ```
 */
export function tradeStats(trades: readonly Trade[]): TradeStats {
  const closed = trades.filter((t) => t.status === "closed");
  const returns = closed.map((t) => t.return);
  return {
    ...outcomeStats(closed.map((t) => t.pnl)),
    expectancyReturn: returns.length > 0
      ? returns.reduce((s, r) => s + r, 0) / returns.length
      : NaN,
    open: trades.length - closed.length,
  };
}

/**
 * Returns win rate, profit factor and expectancy by period: over the periods whose return is
 * not 0 (a flat period, out of the market, is neither won nor lost), the share above 0 and
 * the sum of gains over losses (the Omega ratio at 0); the expectancy is the mean return of all
 * periods.
 */
export function periodStats(returns: Float64Array): OutcomeStats {
  checkFinite(returns);
  const moved = returns.filter((r) => r !== 0);
  const s = outcomeStats(moved);
  let sum = 0;
  for (let t = 0; t < returns.length; t++) sum += returns[t];
  return { ...s, expectancy: returns.length > 0 ? sum / returns.length : NaN };
}

/** Returns the index of the first `dates` entry >= `day` (binary search). */
function lowerBound(dates: Float64Array, day: number): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Returns for each date whether the portfolio held a position at its close (1) or was all in
 * cash (0), from its trades: a trade holds from the close of its entry date to before the
 * close of its exit date (the exit fill leaves it flat), or to the end while open.
 */
export function positionMask(portfolio: Pick<PortfolioResult, "dates" | "trades">): Uint8Array {
  const { dates, trades } = portfolio;
  const n = dates.length;
  const diff = new Int32Array(n + 1);
  for (const t of trades) {
    const start = lowerBound(dates, t.entryDay);
    const end = t.status === "open" || Number.isNaN(t.exitDay) ? n : lowerBound(dates, t.exitDay);
    if (end > start) {
      diff[start]++;
      diff[end]--;
    }
  }
  const mask = new Uint8Array(n);
  let held = 0;
  for (let t = 0; t < n; t++) {
    held += diff[t];
    mask[t] = held > 0 ? 1 : 0;
  }
  return mask;
}

/**
 * Returns the share of periods that ended with a position (see {@link positionMask}); NaN for
 * no periods, and NaN when the portfolio has no orders yet its equity moved: its positions are
 * not recorded (a buy-and-hold benchmark from `buyAndHold` has no fills).
 */
export function exposure(
  portfolio: Pick<PortfolioResult, "dates" | "trades" | "orders" | "returns">,
): number {
  if (portfolio.orders.length === 0 && portfolio.returns.some((r) => r !== 0)) return NaN;
  const mask = positionMask(portfolio);
  let held = 0;
  for (let t = 0; t < mask.length; t++) held += mask[t];
  return mask.length > 0 ? held / mask.length : NaN;
}

/**
 * Returns annualised turnover: the value of every fill, buys and sells, over the mean equity,
 * scaled to a year: `sum(|value|) / mean(equity) x periodsPerYear / n`. Both legs count, so
 * buying the whole portfolio and selling it again within a year is a turnover of 2 (halve it
 * for the one-sided convention, "share of the portfolio replaced"). NaN for no periods.
 *
 * @example
 * ```ts
 * import { turnover } from "@lib/performance/trading.ts";
 * const order = (value: number) => ({ day: 0, symbol: "a", side: "buy" as const, shares: 1,
 *   price: value, value, fee: 0 });
 * const pf = { equity: new Float64Array([100, 100, 100, 100]), orders: [order(100), order(100)] };
 * if (turnover(pf, { periodsPerYear: 4 }) !== 2) throw new Error();
 * ```
 */
export function turnover(
  portfolio: { equity: Float64Array; orders: readonly Order[] },
  options: AnnualisationOptions = {},
): number {
  const { equity, orders } = portfolio;
  const n = equity.length;
  if (n === 0) return NaN;
  let traded = 0;
  for (const o of orders) traded += Math.abs(o.value);
  let sum = 0;
  for (let t = 0; t < n; t++) sum += equity[t];
  return (traded / (sum / n)) * (periodsPerYearOf(options) / n);
}
