/**
 * Parameter grids in one simulation: every (fast, slow) moving-average window pair over one or
 * more assets becomes one column, laid out as vectorbt's `MA.run_combs` lays them out
 * (parameter-major, assets inner: column = pair x nAssets + asset), so one
 * {@link simulateSignals} call backtests the whole grid and a statistic per column folds back
 * into a (fast x slow) matrix for a heatmap.
 *
 * The moving average is vectorbt's `rolling_mean_nb` (a running sum minus the running sum
 * `window` bars back, NaN until `window` values) and the crossings its `crossed_above_nb` /
 * `crossed_below_nb`, so the signals are bit-identical to vectorbt's.
 * @module
 */
import type { Simulation } from "./simulation.ts";
import { simulationReturns } from "./simulation.ts";

/** A (fast, slow) window pair. */
export interface WindowPair {
  /** Fast window (bars). */
  fast: number;
  /** Slow window (bars). */
  slow: number;
}

/** Signals of a grid, with the parameters of each column. */
export interface SignalGrid {
  /** Columns: `pairs.length x nAssets`. */
  nCols: number;
  /** Asset of each column. */
  assetOf: Int32Array;
  /** Index into `pairs` of each column. */
  pairOf: Int32Array;
  /** The window pairs, in column order. */
  pairs: readonly WindowPair[];
  /** 1 where fast crosses above slow, `nRows x nCols`. */
  entries: Uint8Array;
  /** 1 where fast crosses below slow. */
  exits: Uint8Array;
}

/**
 * Returns every pair `(windows[i], windows[j])`, i < j, in order (Python's
 * `itertools.combinations(windows, 2)`, which `MA.run_combs` uses).
 *
 * @example
 * ```ts
 * import { windowPairs } from "@lib/backtest/grid.ts";
 * const p = windowPairs([5, 10, 20]);
 * if (p.length !== 3 || p[2].fast !== 10 || p[2].slow !== 20) throw new Error("wrong");
 * ```
 */
export function windowPairs(windows: readonly number[]): WindowPair[] {
  const out: WindowPair[] = [];
  for (let i = 0; i < windows.length; i++) {
    for (let j = i + 1; j < windows.length; j++) out.push({ fast: windows[i], slow: windows[j] });
  }
  return out;
}

/** Returns vectorbt's rolling mean of column `j` of `x` (`nRows x nCols`), NaN until `window` values. */
export function rollingMean(
  x: Float64Array,
  nCols: number,
  j: number,
  window: number,
): Float64Array {
  if (!Number.isInteger(window) || window < 1) {
    throw new Error(`window must be an integer >= 1; got ${window}`);
  }
  const nRows = x.length / nCols;
  const out = new Float64Array(nRows);
  const sums = new Float64Array(nRows);
  const nans = new Float64Array(nRows);
  let sum = 0;
  let nan = 0;
  for (let i = 0; i < nRows; i++) {
    const v = x[i * nCols + j];
    if (v !== v) nan++;
    else sum += v;
    nans[i] = nan;
    sums[i] = sum;
    let len: number;
    let wsum: number;
    if (i < window) {
      len = i + 1 - nan;
      wsum = sum;
    } else {
      len = window - (nan - nans[i - window]);
      wsum = sum - sums[i - window];
    }
    out[i] = len < window ? NaN : wsum / len;
  }
  return out;
}

/**
 * Writes vectorbt's crossings of `a` over `b` into column `col` of `above` / `below`
 * (`nRows x nCols`): true on the first bar `a > b` (`a < b`) after a bar with `a < b`
 * (`a > b`); a NaN in either resets.
 */
export function crossings(
  a: Float64Array,
  b: Float64Array,
  above: Uint8Array,
  below: Uint8Array,
  nCols: number,
  col: number,
): void {
  let wasBelow = false;
  let wasAbove = false;
  let agoUp = -1;
  let agoDown = -1;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    const at = i * nCols + col;
    if (x !== x || y !== y) {
      agoUp = agoDown = -1;
      wasBelow = wasAbove = false;
      continue;
    }
    if (x > y) {
      if (wasBelow && ++agoUp === 0) above[at] = 1;
      agoDown = -1;
      wasAbove = true;
    } else if (x === y) {
      agoUp = agoDown = -1;
    } else {
      if (wasAbove && ++agoDown === 0) below[at] = 1;
      agoUp = -1;
      wasBelow = true;
    }
  }
}

/**
 * Returns the entries (fast SMA crosses above slow) and exits (crosses below) of every window
 * pair on every asset of `close` (`nRows x nAssets` row-major); each window's mean is computed
 * once per asset.
 *
 * @example
 * ```ts
 * import { maCrossGrid } from "@lib/backtest/grid.ts";
 * const close = new Float64Array([5, 4, 3, 4, 5, 6, 5, 4, 3]);
 * const g = maCrossGrid(close, 1, [{ fast: 1, slow: 3 }]);
 * if (g.entries.indexOf(1) !== 3 || g.exits.indexOf(1) !== 6) throw new Error("wrong");
 * ```
 */
export function maCrossGrid(
  close: Float64Array,
  nAssets: number,
  pairs: readonly WindowPair[],
): SignalGrid {
  if (pairs.length === 0) throw new Error("the grid has no window pairs");
  for (const { fast, slow } of pairs) {
    if (!(fast < slow)) throw new Error(`fast window ${fast} must be below slow window ${slow}`);
  }
  const nRows = close.length / nAssets;
  const nCols = pairs.length * nAssets;
  const entries = new Uint8Array(nRows * nCols);
  const exits = new Uint8Array(nRows * nCols);
  const assetOf = new Int32Array(nCols);
  const pairOf = new Int32Array(nCols);
  for (let a = 0; a < nAssets; a++) {
    const cache = new Map<number, Float64Array>();
    const ma = (w: number) => {
      let m = cache.get(w);
      if (!m) cache.set(w, m = rollingMean(close, nAssets, a, w));
      return m;
    };
    for (let p = 0; p < pairs.length; p++) {
      const col = p * nAssets + a;
      assetOf[col] = a;
      pairOf[col] = p;
      crossings(ma(pairs[p].fast), ma(pairs[p].slow), entries, exits, nCols, col);
    }
  }
  return { nCols, assetOf, pairOf, pairs, entries, exits };
}

/** Headline statistics of every group of a simulation (one per grid column when ungrouped). */
export interface ColumnStatistics {
  /** `final value / starting cash - 1`. */
  totalReturn: Float64Array;
  /** Lowest `value / running max - 1` (<= 0). */
  maxDrawdown: Float64Array;
  /** Mean / sample std of bar returns x sqrt(periodsPerYear); NaN when flat. */
  sharpe: Float64Array;
  /** Closed and open exit trades. */
  trades: Float64Array;
}

/** Returns {@link ColumnStatistics} per group; `periodsPerYear` defaults to 252. */
export function columnStatistics(sim: Simulation, periodsPerYear = 252): ColumnStatistics {
  const { nRows, nGroups, value, initCash } = sim;
  const returns = simulationReturns(sim);
  const totalReturn = new Float64Array(nGroups);
  const maxDrawdown = new Float64Array(nGroups);
  const sharpe = new Float64Array(nGroups);
  const trades = new Float64Array(nGroups);
  for (let k = 0; k < sim.trades.length; k++) trades[sim.groupOf[sim.trades.col[k]]]++;
  for (let g = 0; g < nGroups; g++) {
    let peak = -Infinity;
    let dd = 0;
    let mean = 0;
    for (let i = 0; i < nRows; i++) {
      const v = value[i * nGroups + g];
      if (v > peak) peak = v;
      dd = Math.min(dd, v / peak - 1);
      mean += returns[i * nGroups + g];
    }
    mean /= nRows;
    let ss = 0;
    for (let i = 0; i < nRows; i++) ss += (returns[i * nGroups + g] - mean) ** 2;
    const std = nRows > 1 ? Math.sqrt(ss / (nRows - 1)) : NaN;
    totalReturn[g] = value[(nRows - 1) * nGroups + g] / initCash[g] - 1;
    maxDrawdown[g] = dd;
    sharpe[g] = std > 0 ? (mean / std) * Math.sqrt(periodsPerYear) : NaN;
  }
  return { totalReturn, maxDrawdown, sharpe, trades };
}

/** One cell of a (fast x slow) statistic matrix. */
export interface GridCell {
  /** Fast window. */
  fast: number;
  /** Slow window. */
  slow: number;
  /** The statistic of that pair. */
  value: number;
}

/**
 * Returns the statistic `perColumn` (one value per grid column) of asset `asset` as cells of a
 * (fast x slow) matrix, for `gridHeatmap` in lib/charts/backtest.ts.
 */
export function gridCells(grid: SignalGrid, perColumn: Float64Array, asset = 0): GridCell[] {
  if (perColumn.length !== grid.nCols) {
    throw new Error(`got ${perColumn.length} values for ${grid.nCols} grid columns`);
  }
  const cells: GridCell[] = [];
  for (let col = 0; col < grid.nCols; col++) {
    if (grid.assetOf[col] !== asset) continue;
    const { fast, slow } = grid.pairs[grid.pairOf[col]];
    cells.push({ fast, slow, value: perColumn[col] });
  }
  if (cells.length === 0) throw new Error(`asset ${asset} has no columns in the grid`);
  return cells;
}
