import assert from "node:assert/strict";
import { topKPortfolio } from "@lib/backtest/top_k.ts";
import type { WidePanel } from "@lib/backtest/wide.ts";
import fc from "fast-check";
import { seededRandom } from "@lib/models/sample.ts";

const close = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);
const panel = (symbols: string[], rows: number[][]): WidePanel => ({
  dates: Float64Array.from(rows, (_, t) => t),
  symbols,
  values: Float64Array.from(rows.flat()),
});

const prices = panel(["A", "B"], [[10, 20], [11, 20], [12, 22], [12, 24]]);
// A scores higher on date 0, B from date 2 on; date 1 and 3 are not rebalance dates.
const score = panel(["A", "B"], [[2, 1], [1, 2], [1, 2], [2, 1]]);

Deno.test("topKPortfolio k=1 every 2 dates with 10 bps fees, by hand", () => {
  const pf = topKPortfolio(prices, score, {
    k: 1,
    rebalanceEvery: 2,
    feesBps: 10,
    initialCash: 1000,
  });
  const fee = 0.001;
  const sharesA = 1000 / (1 + fee) / 10; // all in A net of the fee
  close(pf.equity[0], 1000 / (1 + fee));
  close(pf.equity[1], sharesA * 11);
  // date 2: value V = 12 sharesA; selling A and buying B: F = fee (V + (V - F)) -> F = 2 fee V / (1 + fee)
  const v = sharesA * 12;
  const fees = (2 * fee * v) / (1 + fee);
  close(pf.equity[2], v - fees);
  const sharesB = (v - fees) / 22;
  close(pf.equity[3], sharesB * 24);
  assert.deepEqual(pf.orders.map((o) => [o.day, o.symbol, o.side]), [[0, "A", "buy"], [
    2,
    "A",
    "sell",
  ], [2, "B", "buy"]]);
  close(pf.totalFees, 1000 / (1 + fee) * fee + fees);
  assert.deepEqual(pf.trades.map((t) => [t.symbol, t.status]), [["A", "closed"], ["B", "open"]]);
  close(pf.trades[0].pnl, v * (1 - fee) - 1000);
});

Deno.test("topKPortfolio k=2 holds both in equal weights; with no fees equity is the mean price path", () => {
  const pf = topKPortfolio(prices, score, { k: 2, rebalanceEvery: 1 });
  // 5,000 each at date 0: 500 A and 250 B shares; re-weighted to equal every date.
  close(pf.equity[0], 10_000);
  close(pf.equity[1], 500 * 11 + 250 * 20); // 10,500
  const afterOne = 10_500;
  close(pf.equity[2], (afterOne / 2 / 11) * 12 + (afterOne / 2 / 20) * 22);
});

Deno.test("topKPortfolio starts at the first scored date and keeps unpriced holdings", () => {
  const p = panel(["A", "B"], [[10, 10], [10, 10], [NaN, 12], [15, 12]]);
  const s = panel(["A", "B"], [[NaN, NaN], [2, 1], [1, 2], [1, 2]]);
  const pf = topKPortfolio(p, s, { k: 1, rebalanceEvery: 1, initialCash: 100 });
  // date 0: nothing scored -> cash; date 1: buy A; date 2: A has no close, so it cannot be sold and
  // B (the only tradable candidate) gets the cash left (none); date 3: switch to B.
  assert.deepEqual([...pf.equity].map((v) => Math.round(v * 1e9) / 1e9), [100, 100, 100, 150]);
  assert.deepEqual(pf.orders.map((o) => [o.day, o.symbol, o.side]), [[1, "A", "buy"], [
    3,
    "A",
    "sell",
  ], [3, "B", "buy"]]);
});

Deno.test("topKPortfolio is deterministic and rejects bad input", () => {
  const a = topKPortfolio(prices, score, { k: 1, rebalanceEvery: 2, feesBps: 5 });
  const b = topKPortfolio(prices, score, { k: 1, rebalanceEvery: 2, feesBps: 5 });
  assert.deepEqual(a, b);
  assert.throws(
    () => topKPortfolio(prices, score, { k: 0, rebalanceEvery: 1 }),
    /k must be an integer >= 1/,
  );
  assert.throws(
    () => topKPortfolio(prices, score, { k: 1, rebalanceEvery: 0 }),
    /rebalanceEvery must be an integer >= 1/,
  );
  assert.throws(
    () =>
      topKPortfolio(prices, panel(["B", "A"], [[1, 2], [1, 2], [1, 2], [1, 2]]), {
        k: 1,
        rebalanceEvery: 1,
      }),
    /not aligned/,
  );
  const noScore = panel(["A", "B"], [[NaN, NaN], [NaN, NaN], [NaN, NaN], [NaN, NaN]]);
  assert.throws(
    () => topKPortfolio(prices, noScore, { k: 1, rebalanceEvery: 1 }),
    /no date has both a score and a close/,
  );
});

Deno.test("topKPortfolio on random panels with gaps, under every execution: no dust orders, trades reconcile, no fees means no value lost", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 5 }),
      fc.integer({ min: 3, max: 30 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom("next_open" as const, "next_close" as const, "same_close" as const),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (nAssets, nDates, k, every, execution, seed) => {
        const random = seededRandom(seed);
        const symbols = Array.from({ length: nAssets }, (_, j) => `s${j}`);
        const dates = Float64Array.from({ length: nDates }, (_, t) => t);
        // a fifth of the closes missing, like holidays one listing has and the others lack
        const prices = Float64Array.from(
          { length: nDates * nAssets },
          () => (random() < 0.2 ? NaN : 5 + 10 * random()),
        );
        const scores = Float64Array.from(
          { length: nDates * nAssets },
          () => (random() < 0.1 ? NaN : random()),
        );
        const opens = prices.map((v) => (random() < 0.1 ? NaN : v * (0.9 + 0.2 * random())));
        const p = { dates, symbols, values: prices };
        const open = { dates, symbols, values: opens };
        const s = { dates, symbols, values: scores };
        let pf;
        try {
          pf = topKPortfolio(p, s, {
            k,
            rebalanceEvery: every,
            initialCash: 1000,
            execution,
            open,
          });
        } catch (e) {
          assert.match(
            (e as Error).message,
            /no date has both a score and a (close|next open|next close)/,
          );
          return;
        }
        for (const o of pf.orders) {
          assert.ok(o.value >= 1e-9 * 1000 * 0.01, `dust order ${o.value}`);
        }
        const realised = pf.trades.reduce((sum, t) => sum + t.pnl, 0);
        // without fees every gain is a trade's: final equity = start + the trades' P&L
        close(pf.equity[nDates - 1], 1000 + realised, 1e-6);
      },
    ),
    { numRuns: 200 },
  );
});
