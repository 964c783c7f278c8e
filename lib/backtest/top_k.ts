/**
 * A long-only cross-sectional portfolio: every `rebalanceEvery` dates, hold the `k` assets with
 * the highest score in equal weights; between rebalances the holdings drift with prices.
 *
 * Timing: the score of date t (known at t's close, as predictions from features of t are) picks
 * the holdings filled at t's close, which then earn the close-to-close returns from t + 1 on.
 * @module
 */
import type { WidePanel } from "./wide.ts";
import { checkAligned } from "./wide.ts";
import type { Order } from "../portfolio/records.ts";
import { portfolioResult } from "./result.ts";
import type { PortfolioResult } from "../portfolio/records.ts";
import { portfolioSettings } from "./portfolio_options.ts";
import type { PortfolioOptions } from "./portfolio_options.ts";

/** Options of `topKPortfolio` (top_k.ts). */
export interface TopKOptions extends PortfolioOptions {
  /** Assets held after each rebalance. */
  k: number;
  /** Dates between rebalances (1 = every date). */
  rebalanceEvery: number;
}

/**
 * Returns the top-k portfolio of `score` on `close` (both from `toWide`, aligned). Rebalances
 * start at the first date where some asset has both a score and a close, then every
 * `rebalanceEvery` dates. On a rebalance the assets with a score and a close are ranked (ties by
 * symbol order), the top k (or all, when fewer) get equal shares of the tradable value net of
 * fees, and every other tradable position is sold. Fees are `feesBps` of each fill's value and
 * are solved so the portfolio ends fully invested. Assets without a close that date cannot trade
 * and keep their position.
 */
export function topKPortfolio(
  close: WidePanel,
  score: WidePanel,
  options: TopKOptions,
): PortfolioResult {
  const { fee, cash: initialCash } = portfolioSettings(options);
  const { k, rebalanceEvery } = options;
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be an integer >= 1; got ${k}`);
  if (!Number.isInteger(rebalanceEvery) || rebalanceEvery < 1) {
    throw new Error(`rebalanceEvery must be an integer >= 1; got ${rebalanceEvery}`);
  }
  checkAligned(close, score, "the score");
  const nDates = close.dates.length;
  const nAssets = close.symbols.length;
  if (nDates === 0 || nAssets === 0) throw new Error("the price panel is empty");

  let cash = initialCash;
  const shares = new Float64Array(nAssets);
  const last = new Float64Array(nAssets).fill(NaN);
  const equity = new Float64Array(nDates);
  const orders: Order[] = [];
  let firstRebalance = -1;
  for (let t = 0; t < nDates; t++) {
    const row = t * nAssets;
    for (let j = 0; j < nAssets; j++) {
      if (close.values[row + j] > 0) last[j] = close.values[row + j];
    }

    const candidates: number[] = [];
    for (let j = 0; j < nAssets; j++) {
      if (close.values[row + j] > 0 && Number.isFinite(score.values[row + j])) candidates.push(j);
    }
    if (firstRebalance < 0 && candidates.length > 0) firstRebalance = t;
    if (
      firstRebalance >= 0 && (t - firstRebalance) % rebalanceEvery === 0 && candidates.length > 0
    ) {
      candidates.sort((a, b) => score.values[row + b] - score.values[row + a] || a - b);
      const chosen = candidates.slice(0, k);
      const weight = 1 / chosen.length;
      let value = cash;
      for (let j = 0; j < nAssets; j++) {
        if (close.values[row + j] > 0) value += shares[j] * close.values[row + j];
      }
      const weights = new Float64Array(nAssets);
      for (const j of chosen) weights[j] = weight;
      // Fees come out of the value being invested, so solve F = fee x Σ|w (V - F) - current|.
      let fees = 0;
      for (let iteration = 0; iteration < 100; iteration++) {
        let turnover = 0;
        for (let j = 0; j < nAssets; j++) {
          const price = close.values[row + j];
          if (!(price > 0)) continue;
          turnover += Math.abs(weights[j] * (value - fees) - shares[j] * price);
        }
        const next = fee * turnover;
        const done = Math.abs(next - fees) <= 1e-13 * value;
        fees = next;
        if (done) break;
      }
      // Orders below this share of the whole portfolio are float residue, not trades: a date on
      // which only unheld assets have a close would otherwise buy them with leftover cash dust.
      let total = cash;
      for (let j = 0; j < nAssets; j++) if (shares[j] > 0) total += shares[j] * last[j];
      const minOrder = 1e-9 * total;
      for (let j = 0; j < nAssets; j++) {
        const price = close.values[row + j];
        if (!(price > 0)) continue;
        let target = weights[j] * (value - fees);
        if (target < minOrder) target = 0;
        const delta = target - shares[j] * price;
        if (target === 0 ? shares[j] === 0 : Math.abs(delta) < minOrder) continue;
        const side = delta > 0 ? "buy" : "sell";
        const size = target === 0 ? shares[j] : Math.abs(delta) / price;
        const fill = size * price;
        orders.push({
          day: close.dates[t],
          symbol: close.symbols[j],
          side,
          shares: size,
          price,
          value: fill,
          fee: fill * fee,
        });
        shares[j] = target === 0 ? 0 : shares[j] + (side === "buy" ? size : -size);
        cash += (side === "buy" ? -fill : fill) - fill * fee;
      }
    }
    let value = cash;
    for (let j = 0; j < nAssets; j++) if (shares[j] > 0) value += shares[j] * last[j];
    equity[t] = value;
  }
  if (firstRebalance < 0) throw new Error("no date has both a score and a close; nothing to trade");
  const lastPrice = Object.fromEntries(close.symbols.map((s, j) => [s, last[j]]));
  return portfolioResult(close.dates, initialCash, equity, orders, lastPrice);
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
