/**
 * A long-only portfolio from entry and exit signals, in the manner of vectorbt's
 * `Portfolio.from_signals`: each asset trades its own equal sleeve of the starting cash, goes
 * all in at the close of an entry and all out at the close of an exit.
 *
 * Timing: a signal of date t is acted on at date t's close. Signals built from information up
 * to that close (features, predictions) are therefore tradable; a signal that uses the close of
 * t + 1 is not and must be shifted by the caller.
 * @module
 */
import type { Signals } from "./signals.ts";
import type { WidePanel } from "./wide.ts";
import type { Order } from "./records.ts";
import { portfolioResult } from "./result.ts";
import type { PortfolioResult } from "./result.ts";

/** Options shared by the portfolio simulations. */
export interface PortfolioOptions {
  /** Fee per fill, in basis points of the traded value. Defaults to 0. */
  feesBps?: number;
  /** Starting cash. Defaults to 10,000. */
  initialCash?: number;
}

/** Returns the fee rate and cash of `options`, checked. */
export function portfolioSettings(options: PortfolioOptions): { fee: number; cash: number } {
  const { feesBps = 0, initialCash = 10_000 } = options;
  if (!(feesBps >= 0 && feesBps < 10_000)) {
    throw new Error(`feesBps must be in [0, 10000); got ${feesBps}`);
  }
  if (!(initialCash > 0) || !Number.isFinite(initialCash)) {
    throw new Error(`initialCash must be a positive number; got ${initialCash}`);
  }
  return { fee: feesBps / 10_000, cash: initialCash };
}

/**
 * Returns the portfolio that follows `signals` on `close`. An entry while flat buys with all of
 * the asset's sleeve (`shares = cash / (price x (1 + fee))`); an exit while long sells every
 * share and pays the fee from the proceeds. An entry and an exit on the same date cancel; a
 * missing close means no fill that date, and positions are valued at their last close.
 *
 * @example
 * ```ts
 * import { fromSignals } from "@lib/backtest/from_signals.ts";
 * const close = { dates: new Float64Array([0, 1]), symbols: ["a"], values: new Float64Array([100, 110]) };
 * const pf = fromSignals(close, { entries: new Uint8Array([1, 0]), exits: new Uint8Array([0, 1]) }, { initialCash: 1000 });
 * if (Math.abs(pf.equity[1] - 1100) > 1e-9) throw new Error("wrong");
 * ```
 */
export function fromSignals(
  close: WidePanel,
  signals: Signals,
  options: PortfolioOptions = {},
): PortfolioResult {
  const { fee, cash: initialCash } = portfolioSettings(options);
  const nDates = close.dates.length;
  const nAssets = close.symbols.length;
  if (nDates === 0 || nAssets === 0) throw new Error("the price panel is empty");
  if (
    signals.entries.length !== close.values.length || signals.exits.length !== close.values.length
  ) {
    throw new Error(
      `signals (${signals.entries.length}, ${signals.exits.length} values) do not match the prices ` +
        `(${nDates} dates x ${nAssets} symbols)`,
    );
  }
  const cash = new Float64Array(nAssets).fill(initialCash / nAssets);
  const shares = new Float64Array(nAssets);
  const last = new Float64Array(nAssets).fill(NaN);
  const equity = new Float64Array(nDates);
  const orders: Order[] = [];
  for (let t = 0; t < nDates; t++) {
    let value = 0;
    for (let j = 0; j < nAssets; j++) {
      const at = t * nAssets + j;
      const price = close.values[at];
      if (price > 0) {
        last[j] = price;
        const entry = signals.entries[at] === 1 && signals.exits[at] !== 1;
        const exit = signals.exits[at] === 1 && signals.entries[at] !== 1;
        if (entry && shares[j] === 0 && cash[j] > 0) {
          const size = cash[j] / (price * (1 + fee));
          const fill = size * price;
          orders.push({
            day: close.dates[t],
            symbol: close.symbols[j],
            side: "buy",
            shares: size,
            price,
            value: fill,
            fee: fill * fee,
          });
          shares[j] = size;
          cash[j] = 0;
        } else if (exit && shares[j] > 0) {
          const fill = shares[j] * price;
          orders.push({
            day: close.dates[t],
            symbol: close.symbols[j],
            side: "sell",
            shares: shares[j],
            price,
            value: fill,
            fee: fill * fee,
          });
          cash[j] += fill - fill * fee;
          shares[j] = 0;
        }
      }
      value += cash[j] + (shares[j] > 0 ? shares[j] * last[j] : 0);
    }
    equity[t] = value;
  }
  const lastPrice = Object.fromEntries(close.symbols.map((s, j) => [s, last[j]]));
  return portfolioResult(close.dates, initialCash, equity, orders, lastPrice);
}
