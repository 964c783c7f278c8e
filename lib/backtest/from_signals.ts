/**
 * A long-only portfolio from entry and exit signals, computed by vectorbt's `from_signals`
 * semantics ({@link simulateSignals}): each asset trades its own equal sleeve of the starting
 * cash, goes all in at the close of an entry and all out at the close of an exit.
 *
 * Timing: a signal of date t is acted on at date t's close. Signals built from information up
 * to that close (features, predictions) are therefore tradable; a signal that uses the close of
 * t + 1 is not and must be shifted by the caller.
 * @module
 */
import type { Signals } from "./signals.ts";
import type { WidePanel } from "./wide.ts";
import type { PortfolioResult } from "../portfolio/records.ts";
import { runStrategy } from "./run_strategy.ts";
import type { PortfolioOptions } from "./portfolio_options.ts";
import { portfolioSettings } from "./portfolio_options.ts";

/**
 * Returns the portfolio that follows `signals` on `close`: each asset trades its own equal sleeve
 * of the cash (vectorbt `from_signals` with `init_cash = initialCash / nAssets` per column and
 * the columns grouped for value). An entry while flat buys with all of the asset's sleeve
 * (`shares = cash / (price x (1 + fee))`); an exit while long sells every share and pays the fee
 * from the proceeds. An entry and an exit on the same date cancel; a missing close means no fill
 * that date, and positions are valued at their last close. For shorts, stops, next-open fills
 * and parameter grids use {@link simulateSignals}.
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
  portfolioSettings(options);
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
  return runStrategy({ close }, signals, options).portfolio;
}
