import assert from "node:assert/strict";
import fc from "fast-check";
import { simulateSignals } from "@lib/backtest/simulate_signals.ts";
import type { SignalInput } from "@lib/backtest/signal_settings.ts";
import {
  simulationDrawdown,
  simulationFinalValue,
  simulationReturns,
} from "@lib/backtest/simulation.ts";

const near = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} != ${b}`);

/** One asset, one column: close (and optional open/high/low) and the bars with signals. */
function one(
  close: number[],
  entries: number[],
  exits: number[],
  bars: { open?: number[]; high?: number[]; low?: number[] } = {},
): SignalInput {
  const flags = (at: number[]) => {
    const f = new Uint8Array(close.length);
    for (const i of at) f[i] = 1;
    return f;
  };
  return {
    nAssets: 1,
    close: Float64Array.from(close),
    open: bars.open && Float64Array.from(bars.open),
    high: bars.high && Float64Array.from(bars.high),
    low: bars.low && Float64Array.from(bars.low),
    nCols: 1,
    entries: flags(entries),
    exits: flags(exits),
  };
}

Deno.test("simulateSignals: long round trip with fees, fixed fees and slippage, by hand", () => {
  const sim = simulateSignals(one([10, 11, 12, 13], [0], [2]), {
    initCash: 100,
    fees: 0.01,
    fixedFees: 1,
    slippage: 0.02,
  });
  // buy at 10 x 1.02; (100 - 1) / 1.01 goes to shares, the rest to fees
  const buyPrice = 10.2;
  const spend = 99 / 1.01;
  const shares = spend / buyPrice;
  const buyFees = 100 - spend;
  const sellPrice = 12 * 0.98;
  const sellFees = shares * sellPrice * 0.01 + 1;
  const cash = shares * sellPrice - sellFees;
  assert.equal(sim.orders.length, 2);
  assert.deepEqual(Array.from(sim.orders.idx), [0, 2]);
  assert.deepEqual(Array.from(sim.orders.side), [0, 1]);
  near(sim.orders.price[0], buyPrice);
  near(sim.orders.size[0], shares);
  near(sim.orders.fees[0], buyFees);
  near(sim.orders.price[1], sellPrice);
  near(sim.orders.fees[1], sellFees);
  near(sim.value[0], shares * 10);
  near(sim.value[1], shares * 11);
  near(sim.value[3], cash);
  assert.equal(sim.trades.length, 1);
  near(sim.trades.pnl[0], cash - 100);
  near(sim.trades.return[0], (cash - 100) / (shares * buyPrice));
  assert.equal(sim.trades.status[0], 1);
  assert.equal(sim.execution, "same_close");
});

Deno.test("simulateSignals: a short with all cash sells cash / price shares and covers later", () => {
  const sim = simulateSignals(one([10, 9, 8], [0], [2]), { direction: "shortonly", initCash: 100 });
  assert.deepEqual(Array.from(sim.orders.side), [1, 0]);
  near(sim.orders.size[0], 10);
  near(sim.value[1], 200 - 10 * 9);
  near(sim.value[2], 120);
  assert.equal(sim.trades.direction[0], 1);
  near(sim.trades.pnl[0], 20);
});

Deno.test("simulateSignals with direction both reverses a long into a short on an exit", () => {
  const sim = simulateSignals(one([10, 10, 20, 10], [0], [2]), {
    direction: "both",
    initCash: 100,
  });
  // long 10 shares; at 20 sell 10 + short 200 / 20 = 10 more: position -10
  assert.deepEqual(Array.from(sim.orders.side), [0, 1]);
  near(sim.orders.size[1], 20);
  near(sim.value[3], 200 + 200 - 10 * 10);
  assert.equal(sim.trades.length, 2);
  assert.deepEqual(Array.from(sim.trades.direction), [0, 1]);
  assert.deepEqual(Array.from(sim.trades.status), [1, 0]);
  assert.deepEqual(Array.from(sim.trades.parentId), [0, 1]);
});

Deno.test("simulateSignals ignores an entry and an exit on the same bar, and re-entries", () => {
  const sim = simulateSignals(one([10, 11, 12, 13, 14], [0, 1, 3], [3, 4]), { initCash: 100 });
  // bar 3 has both: ignored; bar 1 re-entry while long: ignored; bar 4 exits
  assert.deepEqual(Array.from(sim.orders.idx), [0, 4]);
});

Deno.test('simulateSignals with execution "next_open" fills a signal of bar t at the open of t + 1', () => {
  const sim = simulateSignals(
    one([10, 11, 12, 13], [0], [2], { open: [9, 10.5, 11.5, 12.5] }),
    { initCash: 105, execution: "next_open" },
  );
  assert.equal(sim.execution, "next_open");
  assert.deepEqual(Array.from(sim.orders.idx), [1, 3]);
  near(sim.orders.price[0], 10.5);
  near(sim.orders.size[0], 10);
  near(sim.orders.price[1], 12.5);
  near(sim.value[3], 125);
  assert.throws(
    () => simulateSignals(one([1, 2], [0], []), { execution: "next_open" }),
    /needs open/,
  );
});

Deno.test('simulateSignals with execution "next_close" fills a signal of bar t at the close of t + 1', () => {
  const sim = simulateSignals(one([10, 11, 12, 13], [0], [2]), {
    initCash: 110,
    execution: "next_close",
  });
  assert.equal(sim.execution, "next_close");
  assert.deepEqual(Array.from(sim.orders.idx), [1, 3]);
  near(sim.orders.price[0], 11);
  near(sim.orders.size[0], 10);
  near(sim.orders.price[1], 13);
  // nothing is held over bar 0 -> 1 (the move the signal of bar 0 saw fills after it)
  assert.deepEqual(Array.from(sim.value), [110, 110, 120, 130]);
  assert.throws(
    () => simulateSignals(one([1, 2], [0], []), { execution: "close" as "same_close" }),
    /execution must be one of next_open, next_close, same_close; got close/,
  );
});

Deno.test("simulateSignals stop loss fills at the level inside the bar, at the open on a gap", () => {
  const bars = {
    open: [100, 99, 96, 100, 90],
    high: [100, 100, 97, 100, 91],
    low: [100, 98, 94, 99, 89],
  };
  // entry at the close 100, 5 % stop at 95: bar 2 trades through it (low 94)
  let sim = simulateSignals(one([100, 99, 95.5, 100, 90], [0], [], bars), {
    initCash: 100,
    slStop: 0.05,
  });
  assert.deepEqual(Array.from(sim.orders.idx), [0, 2]);
  near(sim.orders.price[1], 95);
  // a gap: bar 2 opens at 93, below the level: the stop fills at the open
  const gap = { ...bars, open: [100, 99, 93, 100, 90], low: [100, 98, 92, 99, 89] };
  sim = simulateSignals(one([100, 99, 95.5, 100, 90], [0], [], gap), {
    initCash: 100,
    slStop: 0.05,
  });
  near(sim.orders.price[1], 93);
  // take profit 3 %: bar 1's high 100 does not reach 103
  sim = simulateSignals(
    one([100, 99, 104, 100, 90], [0], [], {
      ...bars,
      high: [100, 100, 104, 100, 91],
      open: [100, 99, 101, 100, 90],
    }),
    { initCash: 100, tpStop: 0.03 },
  );
  assert.deepEqual(Array.from(sim.orders.idx), [0, 2]);
  near(sim.orders.price[1], 103);
});

Deno.test("simulateSignals trailing stop follows the high, checked before the bar updates it", () => {
  const close = [100, 110, 120, 113, 100];
  const high = [100, 112, 125, 118, 101];
  const low = [100, 105, 115, 112, 99];
  const open = [100, 105, 116, 117, 100];
  const sim = simulateSignals(one(close, [0], [], { open, high, low }), {
    initCash: 100,
    slStop: 0.1,
    slTrail: true,
  });
  // peak 125 after bar 2: level 112.5; bar 3 low 112 reaches it
  assert.deepEqual(Array.from(sim.orders.idx), [0, 3]);
  near(sim.orders.price[1], 112.5);
});

Deno.test("simulateSignals of many columns equals each column simulated alone", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 5, maxLength: 40 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 1_000 }),
      (prices, nCols, seed) => {
        const nRows = prices.length;
        let x = seed;
        const flag = () => ((x = (x * 1103515245 + 12345) % 2147483648) % 5 === 0 ? 1 : 0);
        const entries = Uint8Array.from({ length: nRows * nCols }, flag);
        const exits = Uint8Array.from({ length: nRows * nCols }, flag);
        const close = Float64Array.from(prices);
        const options = { direction: "both" as const, fees: 0.001, fixedFees: 0.1, initCash: 50 };
        const all = simulateSignals(
          { nAssets: 1, close, nCols, entries, exits, assetOf: new Int32Array(nCols) },
          options,
        );
        for (let c = 0; c < nCols; c++) {
          const pick = (f: Uint8Array) =>
            Uint8Array.from({ length: nRows }, (_, i) => f[i * nCols + c]);
          const alone = simulateSignals(
            { nAssets: 1, close, nCols: 1, entries: pick(entries), exits: pick(exits) },
            options,
          );
          for (let i = 0; i < nRows; i++) assert.equal(all.value[i * nCols + c], alone.value[i]);
        }
      },
    ),
    { numRuns: 50 },
  );
});

Deno.test("simulation returns start from the starting cash; drawdown from the first value", () => {
  const sim = simulateSignals(one([10, 5, 20], [0], []), { initCash: 100 });
  const r = simulationReturns(sim);
  near(r[0], 0);
  near(r[1], -0.5);
  near(r[2], 3);
  assert.deepEqual(Array.from(simulationDrawdown(sim)), [0, -0.5, 0]);
  near(simulationFinalValue(sim)[0], 200);
});

Deno.test("simulateSignals rejects bad input with a message naming it", () => {
  const input = one([10, 11], [0], [1]);
  assert.throws(
    () => simulateSignals({ ...input, entries: new Uint8Array(3) }),
    /entries\/exits have 3/,
  );
  assert.throws(() => simulateSignals(input, { fees: -0.1 }), /fees must be/);
  assert.throws(() => simulateSignals(input, { initCash: 0 }), /initCash must be positive/);
  assert.throws(() => simulateSignals(input, { slStop: -1 }), /slStop must be >= 0/);
  assert.throws(() => simulateSignals(input, { groupLens: [2] }), /groupLens/);
  assert.throws(() => simulateSignals({ ...input, assetOf: new Int32Array([3]) }), /assetOf/);
  assert.throws(
    () => simulateSignals(input, { direction: "both", sizeType: "percent", size: 0.5 }),
    /cannot reverse/,
  );
});
