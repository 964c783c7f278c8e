/**
 * One call from signals to a portfolio with every trading assumption explicit: direction,
 * fees in basis points plus a fixed fee per order, slippage, execution at the signal bar's close
 * or the next bar's open or close, and stop loss / take profit / trailing stop checked on the bar's open,
 * high and low. Each asset trades its own equal sleeve of the starting cash and the sleeves are
 * valued together (vectorbt: one group per strategy, no cash sharing).
 * @module
 */
import type { Signals } from "./signals.ts";
import type { WidePanel } from "./wide.ts";
import { checkAligned } from "./wide.ts";
import type { PortfolioResult } from "../portfolio/records.ts";
import { simulateSignals } from "./simulate_signals.ts";
import type { Simulation } from "./simulation.ts";
import { signalInput } from "./strategies.ts";
import { portfolioFromSimulation } from "./to_portfolio.ts";
import { portfolioSettings } from "./portfolio_options.ts";
import type { StrategyCosts } from "./costs.ts";
import { columnStatistics, gridCells, maCrossGrid, windowPairs } from "./grid.ts";
import type { ColumnStatistics, GridCell, SignalGrid } from "./grid.ts";

/** Prices of the traded assets: close, and open/high/low for next-open fills and stops. */
export interface StrategyPrices {
  close: WidePanel;
  open?: WidePanel;
  high?: WidePanel;
  low?: WidePanel;
}

/** The simulation (vectorbt-style records) and its portfolio view (equity, trades, stats input). */
export interface StrategyRun {
  sim: Simulation;
  portfolio: PortfolioResult;
}

/**
 * Returns the portfolio that trades `signals` on `prices` under `costs`.
 *
 * @example
 * ```ts
 * import { runStrategy } from "@lib/backtest/run_strategy.ts";
 * const close = { dates: new Float64Array([0, 1, 2]), symbols: ["a"], values: new Float64Array([100, 110, 121]) };
 * const signals = { entries: new Uint8Array([1, 0, 0]), exits: new Uint8Array([0, 0, 1]) };
 * const { portfolio } = runStrategy({ close }, signals, { initialCash: 1000, fixedFee: 1 });
 * // buys (1000 - 1) / 100 shares at 100, sells at 121 and pays 1 again
 * if (Math.abs(portfolio.equity[2] - (9.99 * 121 - 1)) > 1e-9) throw new Error(String(portfolio.equity[2]));
 * ```
 */
export function runStrategy(
  prices: StrategyPrices,
  signals: Signals,
  costs: StrategyCosts = {},
): StrategyRun {
  const {
    initialCash = 10_000,
    feesBps = 0,
    fixedFee = 0,
    slippageBps = 0,
    execution = "same_close",
    direction = "longonly",
    trailingStop = false,
  } = costs;
  const nAssets = prices.close.symbols.length;
  if (nAssets === 0 || prices.close.dates.length === 0) throw new Error("the price panel is empty");
  const { fee, cash } = portfolioSettings({ feesBps, initialCash });
  check("fixedFee", fixedFee, (v) => v >= 0 && Number.isFinite(v), ">= 0");
  check("slippageBps", slippageBps, (v) => v >= 0 && v < 10_000, "in [0, 10000)");
  for (
    const [name, v] of [["stopLoss", costs.stopLoss], ["takeProfit", costs.takeProfit]] as const
  ) {
    if (v !== undefined) check(name, v, (x) => x > 0 && Number.isFinite(x), "a positive fraction");
  }
  if (execution === "next_open" && !prices.open) {
    throw new Error('execution "next_open" needs the open prices');
  }
  // vectorbt requires positive prices; a non-positive close is treated as missing.
  const positive = (p: WidePanel | undefined) =>
    p && { ...p, values: p.values.map((v) => (v > 0 ? v : NaN)) };
  const close = positive(prices.close)!;
  const input = signalInput(close, signals, {
    open: positive(prices.open),
    high: positive(prices.high),
    low: positive(prices.low),
  });
  const sim = simulateSignals(input, {
    direction,
    fees: fee,
    fixedFees: fixedFee,
    slippage: slippageBps / 10_000,
    execution,
    initCash: cash / nAssets,
    groupLens: [nAssets],
    slStop: costs.stopLoss,
    slTrail: trailingStop,
    tpStop: costs.takeProfit,
  });
  return { sim, portfolio: portfolioFromSimulation(sim, close) };
}

function check(name: string, value: number, ok: (v: number) => boolean, what: string): void {
  if (!ok(value)) throw new Error(`${name} must be ${what}; got ${value}`);
}

/** A moving-average crossover grid run by {@link runMaGrid}. */
export interface GridRun {
  /** The signals, one column per (pair, asset). */
  grid: SignalGrid;
  /** The simulation: each column with its own `initialCash / assets` of cash. */
  sim: Simulation;
  /** Total return, max drawdown, Sharpe and trades per column. */
  stats: ColumnStatistics;
  /** The Sharpe ratio of each (fast, slow) pair, averaged over assets (NaN where none traded). */
  meanSharpe: GridCell[];
}

/**
 * Runs every (fast, slow) pair of `windows` on every asset of `close` in one simulation with the
 * fees, fixed fee, slippage and execution of `costs` (no stops; `next_open` needs `open`,
 * aligned with `close`), and averages each pair's Sharpe ratio over assets for a heatmap.
 *
 * @example
 * ```ts
 * import { runMaGrid } from "@lib/backtest/run_strategy.ts";
 * const values = Float64Array.from({ length: 60 }, (_, t) => 100 + 10 * Math.sin(t / 5));
 * const run = runMaGrid({ dates: values.map((_, t) => t), symbols: ["a"], values }, [2, 5, 10]);
 * if (run.meanSharpe.length !== 3 || run.sim.nCols !== 3) throw new Error();
 * ```
 */
export function runMaGrid(
  close: WidePanel,
  windows: readonly number[],
  costs: StrategyCosts = {},
  open?: WidePanel,
): GridRun {
  const nAssets = close.symbols.length;
  const { fee, cash } = portfolioSettings(costs);
  const execution = costs.execution ?? "same_close";
  if (execution === "next_open" && !open) {
    throw new Error('execution "next_open" needs the open prices');
  }
  if (open) checkAligned(close, open, "the open prices");
  const positive = (values: Float64Array) => values.map((v) => (v > 0 ? v : NaN));
  const grid = maCrossGrid(close.values, nAssets, windowPairs(windows));
  const sim = simulateSignals(
    { nAssets, close: positive(close.values), open: open && positive(open.values), ...grid },
    {
      execution,
      fees: fee,
      fixedFees: costs.fixedFee ?? 0,
      slippage: (costs.slippageBps ?? 0) / 10_000,
      initCash: cash / nAssets,
    },
  );
  const stats = columnStatistics(sim);
  const perAsset = close.symbols.map((_, asset) => gridCells(grid, stats.sharpe, asset));
  const meanSharpe = perAsset[0].map((cell, k) => ({
    ...cell,
    value: perAsset.reduce((s, cells) => s + cells[k].value, 0) / nAssets,
  }));
  return { grid, sim, stats, meanSharpe };
}
