/**
 * A {@link Simulation}'s records and series as danfojs DataFrames (built once, at the end; the
 * simulation itself stays on typed arrays).
 * @module
 */
import * as dfd from "danfojs";
import { isoFromDay } from "../validation/days.ts";
import type { Simulation } from "./simulation.ts";
import { simulationDrawdown, simulationReturns } from "./simulation.ts";

/** How to label rows and columns: dates for bar indices, names for columns and groups. */
export interface SimulationLabels {
  /** Day number of each bar; without it bars are shown as indices. */
  dates?: Float64Array;
  /** Name of each column (e.g. `AAPL fast=5 slow=20`); defaults to the column index. */
  columns?: readonly string[];
  /** Name of each group; defaults to the group index. */
  groups?: readonly string[];
}

/** Order record columns, in order (`col`, not `column`, which would shadow a danfojs method). */
export const orderRecordColumns = ["col", "bar", "side", "size", "price", "fees"] as const;

/** Exit-trade record columns, in order. */
export const tradeRecordColumns = [
  "col",
  "direction",
  "status",
  "entry_bar",
  "exit_bar",
  "size",
  "entry_price",
  "exit_price",
  "entry_fees",
  "exit_fees",
  "pnl",
  "return",
  "position",
] as const;

function labeller(sim: Simulation, labels: SimulationLabels) {
  if (labels.dates && labels.dates.length !== sim.nRows) {
    throw new Error(
      `labels.dates has ${labels.dates.length} dates; the simulation ${sim.nRows} bars`,
    );
  }
  if (labels.columns && labels.columns.length !== sim.nCols) {
    throw new Error(`labels.columns has ${labels.columns.length} names for ${sim.nCols} columns`);
  }
  const bar = (i: number): string | number => (labels.dates ? isoFromDay(labels.dates[i]) : i);
  const column = (c: number): string | number => labels.columns?.[c] ?? c;
  return { bar, column };
}

/**
 * Returns one row per fill: col (column name or index), bar (ISO date with `labels.dates`), side (buy/sell), size,
 * price (slippage included), fees.
 */
export function orderRecordsFrame(sim: Simulation, labels: SimulationLabels = {}): dfd.DataFrame {
  const { bar, column } = labeller(sim, labels);
  const o = sim.orders;
  if (o.length === 0) return new dfd.DataFrame([], { columns: [...orderRecordColumns] });
  return new dfd.DataFrame(
    Array.from({ length: o.length }, (_, k) => ({
      col: column(o.col[k]),
      bar: bar(o.idx[k]),
      side: o.side[k] === 0 ? "buy" : "sell",
      size: o.size[k],
      price: o.price[k],
      fees: o.fees[k],
    })),
    { columns: [...orderRecordColumns] },
  );
}

/**
 * Returns one row per exit trade: col (column name or index), direction (long/short), status (open/closed), entry
 * and exit bar, size, prices, fees, pnl, return, and the position it belongs to.
 */
export function tradeRecordsFrame(sim: Simulation, labels: SimulationLabels = {}): dfd.DataFrame {
  const { bar, column } = labeller(sim, labels);
  const t = sim.trades;
  if (t.length === 0) return new dfd.DataFrame([], { columns: [...tradeRecordColumns] });
  return new dfd.DataFrame(
    Array.from({ length: t.length }, (_, k) => ({
      col: column(t.col[k]),
      direction: t.direction[k] === 0 ? "long" : "short",
      status: t.status[k] === 0 ? "open" : "closed",
      entry_bar: bar(t.entryIdx[k]),
      exit_bar: bar(t.exitIdx[k]),
      size: t.size[k],
      entry_price: t.entryPrice[k],
      exit_price: t.exitPrice[k],
      entry_fees: t.entryFees[k],
      exit_fees: t.exitFees[k],
      pnl: t.pnl[k],
      return: t.return[k],
      position: t.parentId[k],
    })),
    { columns: [...tradeRecordColumns] },
  );
}

/** Returns bar, group, value, returns and drawdown, one row per bar and group. */
export function valueFrame(sim: Simulation, labels: SimulationLabels = {}): dfd.DataFrame {
  const { bar } = labeller(sim, labels);
  const returns = simulationReturns(sim);
  const drawdown = simulationDrawdown(sim);
  const rows = [];
  for (let g = 0; g < sim.nGroups; g++) {
    for (let i = 0; i < sim.nRows; i++) {
      const at = i * sim.nGroups + g;
      rows.push({
        bar: bar(i),
        group: labels.groups?.[g] ?? g,
        value: sim.value[at],
        returns: returns[at],
        drawdown: drawdown[at],
      });
    }
  }
  return new dfd.DataFrame(rows, { columns: ["bar", "group", "value", "returns", "drawdown"] });
}
