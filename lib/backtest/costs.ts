/**
 * The trading assumptions of a signal strategy (cash, fees, slippage, fill timing, direction,
 * stops), and how a step's parameters map to them.
 * @module
 */
import type { Execution } from "./simulation.ts";

/** Trading assumptions of `runStrategy`. */
export interface StrategyCosts {
  /** Starting cash, split equally across assets. Defaults to 10,000. */
  initialCash?: number;
  /** Proportional fee per fill, in basis points of the traded value. Defaults to 0. */
  feesBps?: number;
  /** Fixed fee per order, in cash. Defaults to 0. */
  fixedFee?: number;
  /** Slippage against the trader, in basis points of the fill price. Defaults to 0. */
  slippageBps?: number;
  /**
   * When a signal of bar t fills: `"next_open"` (bar t + 1's open), `"next_close"` (bar t + 1's
   * close) or `"same_close"` (bar t's own close). Defaults to "same_close".
   */
  execution?: Execution;
  /** `"longonly"`, `"shortonly"` or `"both"` (an exit signal opens a short). Defaults to "longonly". */
  direction?: "longonly" | "shortonly" | "both";
  /** Stop loss as a fraction of the entry price (0.05 = 5%); unset for none. */
  stopLoss?: number;
  /** Take profit as a fraction of the entry price; unset for none. */
  takeProfit?: number;
  /** Makes the stop loss trail the highest high (lowest low for shorts) since entry. Defaults to false. */
  trailingStop?: boolean;
}

/** A step's cost parameters, where a stop of 0 means none. */
export interface CostParams {
  /** Starting cash. */
  initialCash: number;
  /** Proportional fee per fill, in basis points. */
  feesBps: number;
  /** Fixed fee per order, in cash. */
  fixedFee: number;
  /** Slippage in basis points of the fill price. */
  slippageBps: number;
  /** When a signal of bar t fills ({@link Execution}). */
  execution: Execution;
  /** Stop loss as a fraction of the entry price; 0 for none. */
  stopLoss: number;
  /** Take profit as a fraction of the entry price; 0 for none. */
  takeProfit: number;
  /** Whether the stop loss trails. */
  trailingStop: boolean;
}

/**
 * Returns the {@link StrategyCosts} of a step's parameters: the same values, a stop of 0 unset
 * (no stop) and the direction left at its default.
 *
 * @example
 * ```ts
 * import { strategyCosts } from "@lib/backtest/costs.ts";
 * const costs = strategyCosts({
 *   initialCash: 1000, feesBps: 10, fixedFee: 1, slippageBps: 5, execution: "same_close",
 *   stopLoss: 0.1, takeProfit: 0, trailingStop: false,
 * });
 * if (costs.stopLoss !== 0.1 || costs.takeProfit !== undefined) throw new Error();
 * ```
 */
export function strategyCosts(params: CostParams): StrategyCosts {
  return {
    initialCash: params.initialCash,
    feesBps: params.feesBps,
    fixedFee: params.fixedFee,
    slippageBps: params.slippageBps,
    execution: params.execution,
    stopLoss: params.stopLoss || undefined,
    takeProfit: params.takeProfit || undefined,
    trailingStop: params.trailingStop,
  };
}
