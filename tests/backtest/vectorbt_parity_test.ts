/**
 * Parity with vectorbt 1.2.0 `Portfolio.from_signals` / `from_orders`: for the same prices,
 * signals and costs, every order (row, side, size, price, fees), every exit trade (rows, prices,
 * fees, pnl, return, direction, status), and value, returns and drawdown per bar agree with
 * vectorbt's to |ours - vbt| <= 1e-9 x max(1, |vbt|). vectorbt runs once, in one Python process,
 * for all cases (tests/backtest/vectorbt_reference.py).
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { simulateSignals } from "@lib/backtest/simulate_signals.ts";
import type { SignalInput, SimulateSignalsOptions } from "@lib/backtest/signal_settings.ts";
import type { Simulation } from "@lib/backtest/simulation.ts";
import { toWide } from "@lib/backtest/wide.ts";
import { maCrossGrid, windowPairs } from "@lib/backtest/grid.ts";
import { simulateOrders } from "@lib/backtest/simulate_orders.ts";
import type { SimulateOrdersOptions } from "@lib/backtest/simulate_orders.ts";
import { topKWeights } from "@lib/backtest/top_k.ts";
import { projectPath } from "@lib/paths.ts";
import {
  assertMatches,
  randomFlags,
  randomOhlc,
  type ReferenceCase,
  type ReferenceResult,
  rows,
  vectorbtReference,
} from "./vectorbt_harness.ts";

interface Case {
  name: string;
  sim: () => Simulation;
  ref: ReferenceCase;
}

const cases: Case[] = [];

function signalCase(
  name: string,
  input: SignalInput,
  options: SimulateSignalsOptions,
  ohlc = true,
): void {
  const { nAssets, nCols } = input;
  const ref: ReferenceCase = {
    close: rows(input.close, nAssets),
    entries: rows(input.entries, nCols),
    exits: rows(input.exits, nCols),
    asset_of: input.assetOf ? Array.from(input.assetOf) : undefined,
    options: {
      ...options,
      initCash: typeof options.initCash === "object"
        ? Array.from(options.initCash)
        : options.initCash,
      slStop: typeof options.slStop === "object" ? Array.from(options.slStop) : options.slStop,
      tpStop: typeof options.tpStop === "object" ? Array.from(options.tpStop) : options.tpStop,
      slTrail: typeof options.slTrail === "object" ? Array.from(options.slTrail) : options.slTrail,
    },
  };
  if (ohlc) {
    if (input.open) ref.open = rows(input.open, nAssets);
    if (input.high) ref.high = rows(input.high, nAssets);
    if (input.low) ref.low = rows(input.low, nAssets);
  }
  const simInput = ohlc ? input : { ...input, open: undefined, high: undefined, low: undefined };
  cases.push({ name, sim: () => simulateSignals(simInput, options), ref });
}

const N = 400;
const px = randomOhlc(N, 3, 7);
const flags = (p: number, seed: number, nCols = 3) => ({
  nCols,
  entries: randomFlags(N * nCols, p, seed),
  exits: randomFlags(N * nCols, p, seed + 1),
});
const base: SignalInput = { ...px, ...flags(0.08, 11) };

signalCase("long-only, all cash", base, { initCash: 1000 });
signalCase("short-only, all cash", base, { direction: "shortonly", initCash: 1000 });
signalCase("both directions, reversals", base, { direction: "both", initCash: 1000 });
signalCase("long, fees + fixed fees + slippage", base, {
  fees: 0.001,
  fixedFees: 1,
  slippage: 0.002,
  initCash: 1000,
});
signalCase("both, fees + fixed fees + slippage", base, {
  direction: "both",
  fees: 0.0025,
  fixedFees: 0.5,
  slippage: 0.001,
  initCash: new Float64Array([500, 1000, 2000]),
});
signalCase("next-open execution, fees + slippage", base, {
  execution: "next_open",
  direction: "both",
  fees: 0.001,
  slippage: 0.001,
  initCash: 1000,
});
signalCase("next-close execution, fees + slippage", base, {
  execution: "next_close",
  direction: "both",
  fees: 0.001,
  slippage: 0.001,
  initCash: 1000,
});
signalCase("next-close entries, stop loss + take profit on high/low", base, {
  execution: "next_close",
  slStop: 0.03,
  tpStop: 0.05,
  fees: 0.001,
  initCash: 1000,
});
signalCase("long, stop loss + take profit on high/low", base, {
  slStop: 0.03,
  tpStop: 0.05,
  fees: 0.001,
  initCash: 1000,
});
signalCase("both, trailing stop on high/low, per-column stops", base, {
  direction: "both",
  slStop: new Float64Array([0.02, 0.04, 0.08]),
  slTrail: true,
  tpStop: new Float64Array([0.1, NaN, 0.05]),
  slippage: 0.001,
  initCash: 1000,
});
signalCase("stops on close only (no open/high/low)", base, {
  direction: "shortonly",
  slStop: 0.03,
  tpStop: 0.04,
  slTrail: true,
  initCash: 1000,
}, false);
signalCase("stops fill at the stop with slippage, next-open entries", base, {
  execution: "next_open",
  slStop: 0.02,
  tpStop: 0.03,
  stopExitPrice: "stop_market",
  stopEntryPrice: "fill",
  slippage: 0.002,
  fees: 0.001,
  initCash: 1000,
});
signalCase("fixed sizes in shares", base, { size: 7, direction: "both", initCash: 1000 });
signalCase("sizes as cash value", base, { size: 300, sizeType: "value", initCash: 1000 });
signalCase("sizes as percent of cash", base, {
  size: 0.5,
  sizeType: "percent",
  direction: "shortonly",
  fees: 0.001,
  initCash: 1000,
});
signalCase("conflicts: adjacent / opposite / long", { ...px, ...flags(0.3, 21) }, {
  direction: "both",
  uponLongConflict: "adjacent",
  uponShortConflict: "opposite",
  uponDirConflict: "long",
  initCash: 1000,
});
signalCase("opposite entry closes instead of reversing", { ...px, ...flags(0.2, 31) }, {
  direction: "both",
  uponOppositeEntry: "close",
  initCash: 1000,
});
signalCase("cash sharing, auto call sequence", { ...px, ...flags(0.1, 41) }, {
  groupLens: [3],
  cashSharing: true,
  callSeq: "auto",
  size: 0.3,
  sizeType: "percent",
  fees: 0.001,
  initCash: 5000,
});
signalCase("grouped values without cash sharing", base, {
  groupLens: [2, 1],
  fees: 0.001,
  initCash: 1000,
});
{
  // Missing closes: no fill on those bars, value carried at the last close.
  const gappy = { ...px, close: px.close.slice() };
  for (let i = 50; i < 60; i++) gappy.close[i * 3 + 1] = NaN;
  gappy.close[0] = NaN;
  signalCase("missing closes", { ...gappy, ...flags(0.15, 51) }, { fees: 0.001, initCash: 1000 });
}
{
  // Columns sharing assets: 2 assets x 3 parameter columns each.
  const assetOf = new Int32Array([0, 0, 0, 1, 1, 1]);
  signalCase(
    "columns mapped to assets",
    { ...randomOhlc(N, 2, 3), ...flags(0.1, 61, 6), assetOf },
    {
      direction: "both",
      slStop: 0.05,
      fees: 0.001,
      initCash: 1000,
    },
  );
}

// The bundled real sample: every stock, SMA(10) / SMA(30) crossovers, 10 bps, 5 % stop loss.
{
  const panel = pl.readCSV(projectPath("data", "sample", "ohlcv_daily.csv"))
    .withColumns(pl.col("date").str.strptime(pl.Date, "%Y-%m-%d"))
    .filter(pl.col("symbol").neq(pl.lit("^GSPC")));
  const close = toWide(panel, "close");
  const like = { dates: close.dates, symbols: close.symbols };
  const [open, high, low] = ["open", "high", "low"].map((c) => toWide(panel, c, like).values);
  const nAssets = close.symbols.length;
  const nRows = close.dates.length;
  const sma = (w: number) => {
    const out = new Float64Array(nRows * nAssets).fill(NaN);
    for (let j = 0; j < nAssets; j++) {
      let sum = 0;
      let count = 0;
      for (let i = 0; i < nRows; i++) {
        const v = close.values[i * nAssets + j];
        sum += v;
        count++;
        if (count > w) sum -= close.values[(i - w) * nAssets + j];
        if (count >= w) out[i * nAssets + j] = sum / w;
      }
    }
    return out;
  };
  const fast = sma(10);
  const slow = sma(30);
  const entries = new Uint8Array(nRows * nAssets);
  const exits = new Uint8Array(nRows * nAssets);
  for (let i = 1; i < nRows; i++) {
    for (let j = 0; j < nAssets; j++) {
      const at = i * nAssets + j;
      const prev = at - nAssets;
      if (fast[at] > slow[at] && fast[prev] <= slow[prev]) entries[at] = 1;
      if (fast[at] < slow[at] && fast[prev] >= slow[prev]) exits[at] = 1;
    }
  }
  const input = { nAssets, close: close.values, open, high, low, nCols: nAssets, entries, exits };
  signalCase("real sample: SMA 10/30 cross, 10 bps, 5 % stop", input, {
    fees: 0.001,
    slStop: 0.05,
    initCash: 10_000,
  });
  signalCase("real sample: both directions, next open", input, {
    direction: "both",
    execution: "next_open",
    fees: 0.001,
    fixedFees: 1,
    initCash: 10_000,
  });
}

// A parameter grid: every SMA window pair over two assets in one simulation. vectorbt builds the
// signals itself (MA.run_combs + ma_crossed_above/below), so the signals are checked too.
{
  const px2 = randomOhlc(N, 2, 5);
  const windows = [3, 5, 8, 13, 21];
  const grid = maCrossGrid(px2.close, 2, windowPairs(windows));
  const options: SimulateSignalsOptions = {
    direction: "both",
    fees: 0.001,
    slStop: 0.05,
    initCash: 1000,
  };
  const ref: ReferenceCase = {
    close: rows(px2.close, 2),
    open: rows(px2.open, 2),
    high: rows(px2.high, 2),
    low: rows(px2.low, 2),
    windows,
    asset_of: Array.from(grid.assetOf),
    options: { ...options },
  };
  cases.push({
    name: "MA crossover grid: 10 window pairs x 2 assets",
    sim: () => simulateSignals({ ...px2, ...grid }, options),
    ref,
  });
}

// Target weights (top-k by score, rebalanced every 5 bars) against from_orders(targetpercent,
// group_by=True, cash_sharing=True, call_seq="auto").
{
  const nAssets = 6;
  const prices = randomOhlc(N, nAssets, 13);
  const dates = Float64Array.from({ length: N }, (_, t) => 18_000 + t);
  const symbols = Array.from({ length: nAssets }, (_, j) => `s${j}`);
  const close = { dates, symbols, values: prices.close };
  const rand = randomFlags(N * nAssets, 0.5, 99);
  const score = { dates, symbols, values: Float64Array.from(rand, (f, k) => f + Math.sin(k)) };
  const weights = topKWeights(close, score, { k: 2, rebalanceEvery: 5 });
  const options: SimulateOrdersOptions = {
    sizeType: "targetpercent",
    direction: "longonly",
    fees: 0.001,
    initCash: 10_000,
    groupLens: [nAssets],
    cashSharing: true,
    callSeq: "auto",
  };
  cases.push({
    name: "target weights: top-2 of 6, rebalanced every 5 bars, 10 bps",
    sim: () =>
      simulateOrders({ nAssets, close: prices.close, nCols: nAssets, size: weights }, options),
    ref: {
      mode: "orders",
      close: rows(prices.close, nAssets),
      size: rows(weights, nAssets),
      options: { ...options, orderDirection: "longonly", groupLens: [nAssets] },
    },
  });
}

let reference: Promise<ReferenceResult[]> | undefined;
const referenceFor = async (k: number) =>
  (await (reference ??= vectorbtReference(cases.map((c) => c.ref))))[k];

cases.forEach((c, k) => {
  Deno.test(`simulation matches vectorbt: ${c.name}`, async () => {
    const sim = c.sim();
    const ref = await referenceFor(k);
    assertMatches(sim, ref, c.name);
    assert.ok(sim.orders.length > 0, `${c.name}: no orders, the case tests nothing`);
  });
});
