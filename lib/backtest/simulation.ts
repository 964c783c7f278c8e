/**
 * The result of a multi-column simulation ({@link simulateSignals}, {@link simulateOrders}):
 * order and exit-trade records plus value, returns and drawdown per group, all on typed arrays.
 * @module
 */
import type { OrderRecords } from "./order_records.ts";
import type { TradeRecords } from "./exit_trades.ts";

/** Every {@link Execution}, in the order a message lists them. */
export const EXECUTIONS = ["next_open", "next_close", "same_close"] as const;

/**
 * When a signal computed from bar t fills: `next_open` at bar t + 1's open, `next_close` at bar
 * t + 1's close, `same_close` at bar t's own close (the close that produced the signal, so a
 * signal can earn the move it was computed from: optimistic).
 */
export type Execution = typeof EXECUTIONS[number];

/** Output of a simulation over `nRows` bars and `nCols` columns. */
export interface Simulation {
  /** Bars. */
  readonly nRows: number;
  /** Simulated columns (asset x parameter combinations). */
  readonly nCols: number;
  /** Value groups: `nCols` unless columns were grouped. */
  readonly nGroups: number;
  /** Group of each column (0..nGroups-1, contiguous). */
  readonly groupOf: Int32Array;
  /** Whether the columns of a group shared one cash balance. */
  readonly cashSharing: boolean;
  /**
   * `same_close`: a signal of bar t fills at t's close. `next_open` / `next_close`: it fills at
   * bar t + 1's open / close (a signal on the last bar never fills). Stops fill inside the bar
   * they trigger on either way.
   */
  readonly execution: Execution;
  /** Starting cash of each group. */
  readonly initCash: Float64Array;
  /** Every fill. */
  readonly orders: OrderRecords;
  /** Exit trades (see lib/backtest/exit_trades.ts). */
  readonly trades: TradeRecords;
  /** Cash plus positions at the (forward-filled) close, `nRows x nGroups` row-major. */
  readonly value: Float64Array;
}

/** Returns group `g`'s value series (length nRows). */
export function groupValue(sim: Simulation, g: number): Float64Array {
  const out = new Float64Array(sim.nRows);
  for (let i = 0; i < sim.nRows; i++) out[i] = sim.value[i * sim.nGroups + g];
  return out;
}

/**
 * Returns simple returns of every group's value, `nRows x nGroups`; the first bar's return is
 * against the starting cash (vectorbt `Portfolio.returns()`).
 */
export function simulationReturns(sim: Simulation): Float64Array {
  const { nRows, nGroups, value, initCash } = sim;
  const out = new Float64Array(nRows * nGroups);
  for (let g = 0; g < nGroups; g++) {
    let prev = initCash[g];
    for (let i = 0; i < nRows; i++) {
      const v = value[i * nGroups + g];
      out[i * nGroups + g] = v / prev - 1;
      prev = v;
    }
  }
  return out;
}

/**
 * Returns `value / running max(value) - 1` of every group, `nRows x nGroups` (vectorbt
 * `Portfolio.drawdown()`: the running maximum starts at the first value, not the starting cash).
 */
export function simulationDrawdown(sim: Simulation): Float64Array {
  const { nRows, nGroups, value } = sim;
  const out = new Float64Array(nRows * nGroups);
  for (let g = 0; g < nGroups; g++) {
    let peak = -Infinity;
    for (let i = 0; i < nRows; i++) {
      const v = value[i * nGroups + g];
      if (v > peak) peak = v;
      out[i * nGroups + g] = v / peak - 1;
    }
  }
  return out;
}

/** Returns each group's last value (vectorbt `Portfolio.final_value()`). */
export function simulationFinalValue(sim: Simulation): Float64Array {
  return sim.value.slice((sim.nRows - 1) * sim.nGroups, sim.nRows * sim.nGroups);
}

/** Returns each group's `final value / starting cash - 1` (vectorbt `total_return()`). */
export function simulationTotalReturn(sim: Simulation): Float64Array {
  const last = simulationFinalValue(sim);
  return last.map((v, g) => v / sim.initCash[g] - 1);
}
