import assert from "node:assert/strict";
import { fromSignals } from "@lib/backtest/from_signals.ts";
import { thresholdSignals } from "@lib/backtest/signals.ts";
import type { WidePanel } from "@lib/backtest/wide.ts";

const close = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);
const panel = (symbols: string[], rows: number[][]): WidePanel => ({
  dates: Float64Array.from(rows, (_, t) => 18_000 + t),
  symbols,
  values: Float64Array.from(rows.flat()),
});

Deno.test("fromSignals: one round trip at 100 -> 110 with 10 bps fees, by hand", () => {
  const prices = panel(["a"], [[100], [105], [110], [120]]);
  const pf = fromSignals(prices, {
    entries: new Uint8Array([1, 0, 0, 0]),
    exits: new Uint8Array([0, 0, 1, 0]),
  }, { feesBps: 10, initialCash: 1000 });
  // buy: shares = 1000 / (100 x 1.001); fee = shares x 100 x 0.001
  const shares = 1000 / 100.1;
  const buyFee = shares * 100 * 0.001;
  const proceeds = shares * 110;
  const sellFee = proceeds * 0.001;
  const cashAfter = proceeds - sellFee; // 1097.8021978...
  close(pf.equity[0], shares * 100); // 999.000999: the fee is gone
  close(pf.equity[1], shares * 105);
  close(pf.equity[2], cashAfter);
  close(pf.equity[3], cashAfter); // flat: 120 does not matter
  assert.equal(pf.orders.length, 2);
  close(pf.orders[0].fee, buyFee);
  close(pf.orders[1].fee, sellFee);
  close(pf.totalFees, buyFee + sellFee);
  assert.equal(pf.trades.length, 1);
  const [t] = pf.trades;
  assert.equal(t.status, "closed");
  assert.equal(t.entryDay, 18_000);
  assert.equal(t.exitDay, 18_002);
  close(t.pnl, cashAfter - 1000); // 97.8021978
  close(t.pnl, 97.80219780219781);
  close(t.return, (cashAfter - 1000) / 1000);
  close(t.entryPrice, 100);
  close(t.exitPrice, 110);
  close(pf.returns[0], shares * 100 / 1000 - 1);
  close(pf.returns[2], 110 / 105 * (1 - 0.001) - 1);
});

Deno.test("fromSignals splits the cash into equal sleeves and values an open trade at the last close", () => {
  const prices = panel(["a", "b"], [[10, 20], [11, 20], [12, NaN], [13, 30]]);
  const entries = new Uint8Array([1, 0, 0, 1, 0, 0, 0, 0]);
  const exits = new Uint8Array(8);
  const pf = fromSignals(prices, { entries, exits }, { initialCash: 1000 });
  // a: 500 / 10 = 50 shares; b: 500 / 20 = 25 shares; a missing close keeps b at 20.
  assert.deepEqual([...pf.equity], [1000, 50 * 11 + 500, 50 * 12 + 25 * 20, 50 * 13 + 25 * 30]);
  assert.equal(pf.trades.length, 2);
  assert.ok(pf.trades.every((t) => t.status === "open" && Number.isNaN(t.exitDay)));
  close(pf.trades.find((t) => t.symbol === "b")!.pnl, 25 * 10);
});

Deno.test("fromSignals ignores an entry and exit on the same date, re-entries while long and exits while flat", () => {
  const prices = panel(["a"], [[10], [20], [30], [40]]);
  const pf = fromSignals(prices, {
    entries: new Uint8Array([1, 1, 1, 0]),
    exits: new Uint8Array([1, 0, 0, 1]),
  }, { initialCash: 100 });
  // date 0 cancels; date 1 enters at 20; date 2's entry is ignored; date 3 exits at 40.
  assert.deepEqual(pf.orders.map((o) => [o.side, o.price]), [["buy", 20], ["sell", 40]]);
  assert.deepEqual([...pf.equity], [100, 100, 150, 200]);
});

Deno.test("fromSignals rejects misaligned signals and bad settings", () => {
  const prices = panel(["a"], [[10], [20]]);
  assert.throws(
    () => fromSignals(prices, { entries: new Uint8Array(3), exits: new Uint8Array(3) }),
    /do not match the prices/,
  );
  assert.throws(
    () =>
      fromSignals(prices, { entries: new Uint8Array(2), exits: new Uint8Array(2) }, {
        feesBps: -1,
      }),
    /feesBps/,
  );
  assert.throws(
    () =>
      fromSignals(prices, { entries: new Uint8Array(2), exits: new Uint8Array(2) }, {
        initialCash: 0,
      }),
    /initialCash/,
  );
});

Deno.test("thresholdSignals enters above and exits below, nothing on a missing score", () => {
  const s = thresholdSignals(panel(["a", "b"], [[0.2, -0.1], [NaN, 0.05]]), {
    enterAbove: 0.1,
    exitBelow: 0,
  });
  assert.deepEqual([...s.entries], [1, 0, 0, 0]);
  assert.deepEqual([...s.exits], [0, 1, 0, 0]);
  assert.throws(
    () => thresholdSignals(panel(["a"], [[1]]), { enterAbove: 0, exitBelow: 1 }),
    /would enter and exit at once/,
  );
});
