/**
 * A long-only cross-sectional portfolio: every `rebalanceEvery` dates, hold the `k` assets with
 * the highest score in equal weights; between rebalances the holdings drift with prices.
 *
 * Timing (`execution`): the score of date t is known at t's close (predictions from features of
 * t are), so the ranking made from it trades
 * - `next_open`: at date t + 1's open (an asset is tradable where that open is positive);
 * - `next_close`: at date t + 1's close;
 * - `same_close`: at t's own close, the close that produced the score. A score built from bar t
 *   then earns the gap from t's close to t + 1's open, which no order placed after the close can:
 *   optimistic, kept for comparison with vectorbt's default.
 * Under the next-bar executions a ranking made on the last date never fills. Equity is marked
 * at every date's close after that date's fills, so under `next_open` the gap into the open
 * belongs to the holdings before the rebalance. Slippage moves every fill against the trader
 * (buys at price x (1 + s), sells at price x (1 - s)); fees are a share of each fill's value at
 * that price.
 * @module
 */
import type { WidePanel } from "./wide.ts";
import { checkAligned } from "./wide.ts";
import type { Order } from "../portfolio/records.ts";
import { portfolioResult } from "./result.ts";
import type { PortfolioResult } from "../portfolio/records.ts";
import { portfolioSettings } from "./portfolio_options.ts";
import type { PortfolioOptions } from "./portfolio_options.ts";
import { type Execution, EXECUTIONS } from "./simulation.ts";

/** Options of `topKPortfolio` (top_k.ts). */
export interface TopKOptions extends PortfolioOptions {
  /** Assets held after each rebalance. */
  k: number;
  /** Dates between rebalances (1 = every date), counted on the dates the scores are from. */
  rebalanceEvery: number;
  /** When the ranking of date t trades (see the module notes). Defaults to "same_close". */
  execution?: Execution;
  /** Opens aligned with the closes; required by `execution: "next_open"`. */
  open?: WidePanel;
  /** Slippage against the trader, in basis points of the fill price. Defaults to 0. */
  slippageBps?: number;
}

/**
 * Returns the top-k portfolio of `score` on `close` (both from `toWide`, aligned). Rebalances
 * start at the first date whose score ranks some asset tradable at the fill, then every
 * `rebalanceEvery` dates. On a rebalance the assets with a score and a positive fill price are
 * ranked (ties by symbol order), the top k (or all, when fewer) get equal shares of the tradable
 * value net of fees and slippage, and every other tradable position is sold. Fees and slippage
 * are solved so the portfolio ends fully invested. Assets without a fill price that date cannot
 * trade and keep their position.
 *
 * @example
 * ```ts
 * import { topKPortfolio } from "@lib/backtest/top_k.ts";
 * const dates = new Float64Array([0, 1, 2]);
 * const close = { dates, symbols: ["a"], values: new Float64Array([10, 12, 13]) };
 * const open = { dates, symbols: ["a"], values: new Float64Array([10, 11, 13]) };
 * const score = { ...close, values: new Float64Array([1, 1, 1]) };
 * const pf = topKPortfolio(close, score, { k: 1, rebalanceEvery: 5, execution: "next_open", open, initialCash: 110 });
 * // the score of date 0 buys 10 shares at date 1's open 11
 * if (pf.orders[0].day !== 1 || pf.equity[0] !== 110 || pf.equity[2] !== 130) throw new Error("wrong");
 * ```
 */
export function topKPortfolio(
  close: WidePanel,
  score: WidePanel,
  options: TopKOptions,
): PortfolioResult {
  const { fee, cash: initialCash } = portfolioSettings(options);
  const { k, rebalanceEvery, execution = "same_close", slippageBps = 0 } = options;
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be an integer >= 1; got ${k}`);
  if (!Number.isInteger(rebalanceEvery) || rebalanceEvery < 1) {
    throw new Error(`rebalanceEvery must be an integer >= 1; got ${rebalanceEvery}`);
  }
  if (!EXECUTIONS.includes(execution)) {
    throw new Error(`execution must be one of ${EXECUTIONS.join(", ")}; got ${execution}`);
  }
  if (!(slippageBps >= 0 && slippageBps < 10_000)) {
    throw new Error(`slippageBps must be in [0, 10000); got ${slippageBps}`);
  }
  checkAligned(close, score, "the score");
  if (execution === "next_open") {
    if (!options.open) throw new Error('execution "next_open" needs the open prices');
    checkAligned(close, options.open, "the open");
  }
  const nDates = close.dates.length;
  const nAssets = close.symbols.length;
  if (nDates === 0 || nAssets === 0) throw new Error("the price panel is empty");
  const fill = execution === "next_open" ? options.open!.values : close.values;
  const lag = execution === "same_close" ? 0 : 1;
  const costs = { fee, slippage: slippageBps / 10_000 };

  const book: Book = { cash: initialCash, shares: new Float64Array(nAssets), orders: [] };
  const last = new Float64Array(nAssets).fill(NaN);
  const equity = new Float64Array(nDates);
  let firstRank = -1;
  for (let t = 0; t < nDates; t++) {
    const r = t - lag;
    if (r >= 0) {
      const candidates: number[] = [];
      for (let j = 0; j < nAssets; j++) {
        if (fill[t * nAssets + j] > 0 && Number.isFinite(score.values[r * nAssets + j])) {
          candidates.push(j);
        }
      }
      if (firstRank < 0 && candidates.length > 0) firstRank = r;
      if (firstRank >= 0 && (r - firstRank) % rebalanceEvery === 0 && candidates.length > 0) {
        candidates.sort((a, b) =>
          score.values[r * nAssets + b] - score.values[r * nAssets + a] || a - b
        );
        const prices = fill.subarray(t * nAssets, (t + 1) * nAssets);
        rebalance(book, candidates.slice(0, k), prices, last, costs, close, t);
      }
    }
    for (let j = 0; j < nAssets; j++) {
      if (close.values[t * nAssets + j] > 0) last[j] = close.values[t * nAssets + j];
    }
    let value = book.cash;
    for (let j = 0; j < nAssets; j++) if (book.shares[j] > 0) value += book.shares[j] * last[j];
    equity[t] = value;
  }
  if (firstRank < 0) {
    const at = { next_open: "next open", next_close: "next close", same_close: "close" }[execution];
    throw new Error(`no date has both a score and a ${at} to fill at; nothing to trade`);
  }
  const lastPrice = Object.fromEntries(close.symbols.map((s, j) => [s, last[j]]));
  return portfolioResult(close.dates, initialCash, equity, book.orders, lastPrice);
}

/** Cash, shares per asset and fills of a portfolio being simulated. */
interface Book {
  cash: number;
  shares: Float64Array;
  orders: Order[];
}

/**
 * Rebalances `book` on date `t` to equal weights in `chosen` at `prices` (one per asset; not
 * positive = cannot trade). `last` holds each asset's last close before this fill, to value
 * positions that cannot trade; an asset bought without one gets the fill's price there.
 */
function rebalance(
  book: Book,
  chosen: readonly number[],
  prices: Float64Array,
  last: Float64Array,
  { fee, slippage }: { fee: number; slippage: number },
  close: WidePanel,
  t: number,
): void {
  const { shares } = book;
  const nAssets = shares.length;
  const weights = new Float64Array(nAssets);
  for (const j of chosen) weights[j] = 1 / chosen.length;
  let value = book.cash;
  let untradable = 0;
  for (let j = 0; j < nAssets; j++) {
    if (prices[j] > 0) value += shares[j] * prices[j];
    else if (shares[j] > 0) untradable += shares[j] * last[j];
  }
  // Costs come out of the value being invested: a buy of x at the price costs x (1 + s)(1 + fee),
  // a sale of x brings x (1 - s)(1 - fee), so the costs C solve C = Σ c |w (V - C) - current|
  // with c = s + fee (1 ± s) by side.
  const buyCost = slippage + fee * (1 + slippage);
  const sellCost = slippage + fee * (1 - slippage);
  let costs = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let next = 0;
    for (let j = 0; j < nAssets; j++) {
      if (!(prices[j] > 0)) continue;
      const delta = weights[j] * (value - costs) - shares[j] * prices[j];
      next += (delta > 0 ? buyCost : sellCost) * Math.abs(delta);
    }
    const done = Math.abs(next - costs) <= 1e-13 * value;
    costs = next;
    if (done) break;
  }
  // Orders below this share of the whole portfolio are float residue, not trades: a date on
  // which only unheld assets have a price would otherwise buy them with leftover cash dust.
  const minOrder = 1e-9 * (value + untradable);
  for (let j = 0; j < nAssets; j++) {
    const price = prices[j];
    if (!(price > 0)) continue;
    let target = weights[j] * (value - costs);
    if (target < minOrder) target = 0;
    const delta = target - shares[j] * price;
    if (target === 0 ? shares[j] === 0 : Math.abs(delta) < minOrder) continue;
    const side = delta > 0 ? "buy" : "sell";
    const size = target === 0 ? shares[j] : Math.abs(delta) / price;
    const filled = price * (side === "buy" ? 1 + slippage : 1 - slippage);
    const amount = size * filled;
    book.orders.push({
      day: close.dates[t],
      symbol: close.symbols[j],
      side,
      shares: size,
      price: filled,
      value: amount,
      fee: amount * fee,
    });
    shares[j] = target === 0 ? 0 : shares[j] + (side === "buy" ? size : -size);
    book.cash += (side === "buy" ? -amount : amount) - amount * fee;
    // An asset bought at an open before it ever had a close is marked at that open meanwhile.
    if (!(last[j] > 0)) last[j] = price;
  }
}

/**
 * Returns the target weights of the top-k rule of `topKPortfolio` (top_k.ts), `nDates x nAssets`
 * row-major: on a rebalance date the chosen assets get `1 / chosen`, other assets with a close
 * get 0, and assets without a close NaN (no order); every other date is all NaN. Feed them to
 * `targetWeightsPortfolio` (target_weights.ts) to rebalance the way vectorbt `from_orders` does.
 *
 * @example
 * ```ts
 * import { topKWeights } from "@lib/backtest/top_k.ts";
 * const close = { dates: new Float64Array([0, 1]), symbols: ["a", "b"], values: new Float64Array([1, 1, 1, 1]) };
 * const score = { ...close, values: new Float64Array([0.1, 0.2, 0.3, 0.1]) };
 * const w = topKWeights(close, score, { k: 1, rebalanceEvery: 2 });
 * if (w[0] !== 0 || w[1] !== 1 || !Number.isNaN(w[2])) throw new Error("wrong");
 * ```
 */
export function topKWeights(
  close: WidePanel,
  score: WidePanel,
  options: Pick<TopKOptions, "k" | "rebalanceEvery">,
): Float64Array {
  const { k, rebalanceEvery } = options;
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be an integer >= 1; got ${k}`);
  if (!Number.isInteger(rebalanceEvery) || rebalanceEvery < 1) {
    throw new Error(`rebalanceEvery must be an integer >= 1; got ${rebalanceEvery}`);
  }
  checkAligned(close, score, "the score");
  const nDates = close.dates.length;
  const nAssets = close.symbols.length;
  const weights = new Float64Array(nDates * nAssets).fill(NaN);
  let firstRebalance = -1;
  for (let t = 0; t < nDates; t++) {
    const row = t * nAssets;
    const candidates: number[] = [];
    for (let j = 0; j < nAssets; j++) {
      if (close.values[row + j] > 0 && Number.isFinite(score.values[row + j])) candidates.push(j);
    }
    if (firstRebalance < 0 && candidates.length > 0) firstRebalance = t;
    if (firstRebalance < 0 || (t - firstRebalance) % rebalanceEvery !== 0) continue;
    if (candidates.length === 0) continue;
    candidates.sort((a, b) => score.values[row + b] - score.values[row + a] || a - b);
    const chosen = candidates.slice(0, k);
    for (let j = 0; j < nAssets; j++) if (close.values[row + j] > 0) weights[row + j] = 0;
    for (const j of chosen) weights[row + j] = 1 / chosen.length;
  }
  if (firstRebalance < 0) throw new Error("no date has both a score and a close; nothing to trade");
  return weights;
}
