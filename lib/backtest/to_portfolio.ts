/**
 * One group of a {@link Simulation} as the dated, per-symbol {@link PortfolioResult} that the
 * notebooks, statistics, charts and Parquet writers take.
 * @module
 */
import type { Order } from "../portfolio/records.ts";
import { portfolioResult } from "./result.ts";
import type { PortfolioResult } from "../portfolio/records.ts";
import type { Simulation } from "./simulation.ts";
import { groupValue } from "./simulation.ts";
import type { WidePanel } from "./wide.ts";

/**
 * Returns group `group` of `sim` (run on the prices of `close`, columns trading
 * `assetOf[col]`, identity by default) as a {@link PortfolioResult}: equity is the group's
 * value, orders carry dates and symbols, trades are whole positions (lib/backtest/records.ts,
 * long positions only: use `sim.trades` for shorts).
 */
export function portfolioFromSimulation(
  sim: Simulation,
  close: WidePanel,
  group = 0,
  assetOf?: Int32Array,
): PortfolioResult {
  if (!(group >= 0 && group < sim.nGroups)) {
    throw new Error(`group ${group} is out of range (the simulation has ${sim.nGroups})`);
  }
  if (sim.nRows !== close.dates.length) {
    throw new Error(`the simulation has ${sim.nRows} bars; the prices have ${close.dates.length}`);
  }
  const asset = (col: number) => (assetOf ? assetOf[col] : col);
  const nAssets = close.symbols.length;
  const o = sim.orders;
  const orders: Order[] = [];
  const lastPrice: Record<string, number> = {};
  for (let k = 0; k < o.length; k++) {
    const col = o.col[k];
    if (sim.groupOf[col] !== group) continue;
    const symbol = close.symbols[asset(col)];
    const value = o.size[k] * o.price[k];
    orders.push({
      day: close.dates[o.idx[k]],
      symbol,
      side: o.side[k] === 0 ? "buy" : "sell",
      shares: o.size[k],
      price: o.price[k],
      value,
      fee: o.fees[k],
    });
  }
  // Whole-position trades are matched in time order across columns.
  orders.sort((a, b) => a.day - b.day);
  for (let col = 0; col < sim.nCols; col++) {
    if (sim.groupOf[col] !== group) continue;
    const j = asset(col);
    let last = NaN;
    for (let t = close.dates.length - 1; t >= 0; t--) {
      const v = close.values[t * nAssets + j];
      if (v === v) {
        last = v;
        break;
      }
    }
    lastPrice[close.symbols[j]] = last;
  }
  return portfolioResult(
    close.dates,
    sim.initCash[group],
    groupValue(sim, group),
    orders,
    lastPrice,
  );
}
