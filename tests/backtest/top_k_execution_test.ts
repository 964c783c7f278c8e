/**
 * When `topKPortfolio` fills the ranking of date t: by hand under each execution, with slippage,
 * and the timing property the fill convention exists for: under the next-bar executions nothing
 * the portfolio holds or has paid up to date t's close depends on the score of date t, so a score
 * built from bar t cannot earn bar t's own move nor the gap into bar t + 1's open.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { topKPortfolio } from "@lib/backtest/top_k.ts";
import type { TopKOptions } from "@lib/backtest/top_k.ts";
import type { WidePanel } from "@lib/backtest/wide.ts";
import { seededRandom } from "@lib/models/sample.ts";

const near = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} != ${b}`);
const panel = (symbols: string[], rows: number[][]): WidePanel => ({
  dates: Float64Array.from(rows, (_, t) => t),
  symbols,
  values: Float64Array.from(rows.flat()),
});

const close = panel(["A", "B"], [[10, 20], [11, 20], [12, 22], [12, 24]]);
const open = panel(["A", "B"], [[10, 20], [10.5, 21], [11.5, 21], [13, 23]]);
// A ranks first on dates 0 and 3, B on dates 1 and 2; with rebalanceEvery 2 the rankings of
// dates 0 and 2 trade.
const score = panel(["A", "B"], [[2, 1], [1, 2], [1, 2], [2, 1]]);
const base = { k: 1, rebalanceEvery: 2, initialCash: 1000 };

Deno.test('topKPortfolio execution "next_open": the ranking of date t trades at date t + 1\'s open', () => {
  const pf = topKPortfolio(close, score, { ...base, execution: "next_open", open });
  const sharesA = 1000 / 10.5; // the ranking of date 0 buys A at date 1's open
  const sharesB = (sharesA * 13) / 23; // that of date 2 switches to B at date 3's open
  assert.deepEqual(pf.orders.map((o) => [o.day, o.symbol, o.side, o.price]), [
    [1, "A", "buy", 10.5],
    [3, "A", "sell", 13],
    [3, "B", "buy", 23],
  ]);
  near(pf.equity[0], 1000);
  near(pf.equity[1], sharesA * 11);
  near(pf.equity[2], sharesA * 12);
  near(pf.equity[3], sharesB * 24);
});

Deno.test('topKPortfolio execution "next_close": the ranking of date t trades at date t + 1\'s close', () => {
  const pf = topKPortfolio(close, score, { ...base, execution: "next_close" });
  assert.deepEqual(pf.orders.map((o) => [o.day, o.symbol, o.side, o.price]), [
    [1, "A", "buy", 11],
    [3, "A", "sell", 12],
    [3, "B", "buy", 24],
  ]);
  const sharesA = 1000 / 11;
  assert.deepEqual([...pf.equity].map((v) => Math.round(v * 1e9) / 1e9), [
    1000,
    1000,
    Math.round(sharesA * 12 * 1e9) / 1e9,
    Math.round(sharesA * 12 * 1e9) / 1e9,
  ]);
});

Deno.test('topKPortfolio execution "same_close" (the default) trades at the close of the ranking date', () => {
  const pf = topKPortfolio(close, score, { ...base, execution: "same_close" });
  const byDefault = topKPortfolio(close, score, base);
  assert.deepEqual(pf, byDefault);
  assert.deepEqual(pf.orders.map((o) => [o.day, o.symbol, o.side, o.price]), [
    [0, "A", "buy", 10],
    [2, "A", "sell", 12],
    [2, "B", "buy", 22],
  ]);
  near(pf.equity[3], (100 * 12 / 22) * 24);
});

Deno.test("topKPortfolio slippage fills buys at price x (1 + s), sells at price x (1 - s), fees on top", () => {
  const pf = topKPortfolio(close, score, {
    ...base,
    execution: "next_open",
    open,
    slippageBps: 100,
    feesBps: 10,
  });
  const [s, fee] = [0.01, 0.001];
  const buyCost = s + fee * (1 + s); // per unit of value bought at the open
  const sellCost = s + fee * (1 - s);
  // date 1: all the cash buys A, slippage and fee included
  const sharesA = 1000 / (1 + buyCost) / 10.5;
  near(sharesA * 10.5 * (1 + s) * (1 + fee), 1000);
  near(pf.equity[1], sharesA * 11);
  // date 3: sell A at 13 x 0.99 less the fee; all the proceeds buy B at 23 x 1.01 plus the fee
  const proceeds = sharesA * 13 * (1 - s) * (1 - fee);
  near(proceeds, sharesA * 13 * (1 - sellCost));
  const sharesB = proceeds / (23 * (1 + s) * (1 + fee));
  near(pf.equity[3], sharesB * 24);
  assert.deepEqual(pf.orders.map((o) => o.price), [10.5 * 1.01, 13 * 0.99, 23 * 1.01]);
  near(pf.orders[2].shares, sharesB);
  near(pf.orders[1].fee, sharesA * 13 * 0.99 * fee);
  near(pf.totalFees, (sharesA * 10.5 * 1.01 + sharesA * 13 * 0.99 + sharesB * 23 * 1.01) * fee);
});

Deno.test('topKPortfolio "next_open" cannot trade an asset without an open and keeps it', () => {
  const c = panel(["A", "B"], [[10, 10], [10, 10], [12, 12], [15, 12]]);
  const o = panel(["A", "B"], [[10, 10], [10, 10], [NaN, 11], [14, 12]]);
  const s = panel(["A", "B"], [[2, 1], [1, 2], [1, 2], [1, 2]]);
  const pf = topKPortfolio(c, s, {
    k: 1,
    rebalanceEvery: 1,
    initialCash: 100,
    execution: "next_open",
    open: o,
  });
  // date 1: buy A (ranked on date 0); date 2: A has no open, so it stays and B gets no cash;
  // date 3: sell A at 14 and buy B at 12.
  assert.deepEqual(pf.orders.map((x) => [x.day, x.symbol, x.side, x.price]), [
    [1, "A", "buy", 10],
    [3, "A", "sell", 14],
    [3, "B", "buy", 12],
  ]);
  assert.deepEqual([...pf.equity].map((v) => Math.round(v * 1e9) / 1e9), [100, 100, 120, 140]);
});

Deno.test('topKPortfolio "next_open" marks a holding bought before its first close at the open', () => {
  const c = panel(["A"], [[NaN], [NaN], [12]]);
  const o = panel(["A"], [[NaN], [10], [11]]);
  const s = panel(["A"], [[1], [1], [1]]);
  const pf = topKPortfolio(c, s, {
    k: 1,
    rebalanceEvery: 5,
    initialCash: 100,
    execution: "next_open",
    open: o,
  });
  assert.deepEqual(Array.from(pf.equity), [100, 100, 120]);
});

Deno.test("topKPortfolio rejects a next open without opens, a bad execution and bad slippage", () => {
  assert.throws(
    () => topKPortfolio(close, score, { ...base, execution: "next_open" }),
    /execution "next_open" needs the open prices/,
  );
  assert.throws(
    () => topKPortfolio(close, score, { ...base, execution: "close" as "same_close" }),
    /execution must be one of next_open, next_close, same_close; got close/,
  );
  assert.throws(
    () => topKPortfolio(close, score, { ...base, slippageBps: -1 }),
    /slippageBps must be in \[0, 10000\); got -1/,
  );
  const lastOnly = panel(["A", "B"], [[NaN, NaN], [NaN, NaN], [NaN, NaN], [1, 2]]);
  assert.throws(
    () => topKPortfolio(close, lastOnly, { ...base, execution: "next_close" }),
    /no date has both a score and a next close to fill at/,
  );
});

/**
 * Two assets that take turns: on its event bar an asset rises 10 % from the open (= the previous
 * close), then gaps up 5 % into the next open and is flat that bar. A's events are the odd bars,
 * B's the even bars from 2 on.
 */
function turns(nBars: number): { close: WidePanel; open: WidePanel } {
  const o: number[][] = [[100, 100]];
  const c: number[][] = [[100, 100]];
  for (let t = 1; t < nBars; t++) {
    const row = [0, 1].map((j) => {
      const event = t % 2 === (j === 0 ? 1 : 0);
      const gapped = t >= 2 && (t - 1) % 2 === (j === 0 ? 1 : 0);
      const opened = c[t - 1][j] * (gapped ? 1.05 : 1);
      return [opened, opened * (event ? 1.1 : 1)];
    });
    o.push(row.map(([x]) => x));
    c.push(row.map(([, x]) => x));
  }
  return { close: panel(["A", "B"], c), open: panel(["A", "B"], o) };
}

/** Returns score_t = close_t / close_{t-1} - 1 (NaN on the first date). */
function ownReturn(close: WidePanel): WidePanel {
  const n = close.symbols.length;
  const values = close.values.map((v, at) => (at < n ? NaN : v / close.values[at - n] - 1));
  return { ...close, values };
}

Deno.test("topKPortfolio next_open: a score from bar t's own close-to-close return earns neither that move nor the gap after it", () => {
  const bars = turns(9);
  const score = ownReturn(bars.close);
  // the score picks the asset whose bar just rose 10 %; the gap it then makes is 5 %
  assert.deepEqual(Array.from(score.values.subarray(2, 6)).map((v) => Math.round(v * 1e9) / 1e9), [
    0.1,
    0,
    0.05,
    0.1,
  ]);
  const options: TopKOptions = { k: 1, rebalanceEvery: 1, initialCash: 1000 };
  const next = topKPortfolio(bars.close, score, { ...options, execution: "next_open", ...bars });
  // bought at the open after the gap, held through a flat bar and a night without a gap
  for (const v of next.equity) near(v, 1000);
  assert.equal(next.orders[0].day, 2);
  near(next.orders[0].price, 115.5);
  // filled at the close that made the score, the same rule earns every 5 % gap
  const same = topKPortfolio(bars.close, score, { ...options, execution: "same_close" });
  for (let t = 1; t < 9; t++) near(same.equity[t], 1000 * 1.05 ** (t - 1));
});

Deno.test("topKPortfolio next_open: a score that foresees the overnight gap t -> t + 1 earns nothing from it", () => {
  // no move inside any bar; A gaps 10 % into the odd opens, B into the even opens
  const o: number[][] = [[100, 100]];
  for (let t = 1; t < 8; t++) {
    o.push(o[t - 1].map((x, j) => x * (t % 2 === (j === 0 ? 1 : 0) ? 1.1 : 1)));
  }
  const prices = panel(["A", "B"], o);
  const n = 2;
  const gapAhead = {
    ...prices,
    values: prices.values.map((v, at) =>
      at + n < prices.values.length ? prices.values[at + n] / v - 1 : NaN
    ),
  };
  const options: TopKOptions = { k: 1, rebalanceEvery: 1, initialCash: 1000 };
  const next = topKPortfolio(prices, gapAhead, {
    ...options,
    execution: "next_open",
    open: prices,
  });
  for (const v of next.equity) near(v, 1000);
  assert.ok(next.orders.length >= 6, "it trades on every date");
  const same = topKPortfolio(prices, gapAhead, { ...options, execution: "same_close" });
  near(same.equity[7], 1000 * 1.1 ** 7);
});

Deno.test("topKPortfolio under next_open / next_close: fills and equity up to date t do not depend on the score of date t or later", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 5 }),
      fc.integer({ min: 3, max: 25 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      fc.constantFrom("next_open" as const, "next_close" as const),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (nAssets, nDates, k, every, execution, seed) => {
        const random = seededRandom(seed);
        const symbols = Array.from({ length: nAssets }, (_, j) => `s${j}`);
        const dates = Float64Array.from({ length: nDates }, (_, t) => t);
        const n = nDates * nAssets;
        const price = () => Float64Array.from({ length: n }, () => 5 + 10 * random());
        const close = { dates, symbols, values: price() };
        const open = { dates, symbols, values: price() };
        const scores = Float64Array.from({ length: n }, () => random());
        const cut = 1 + Math.floor(random() * (nDates - 1)); // the first date whose score changes
        const changed = scores.map((v, at) => (at >= cut * nAssets ? random() : v));
        const options: TopKOptions = {
          k,
          rebalanceEvery: every,
          execution,
          open,
          feesBps: 10,
          slippageBps: 5,
          initialCash: 1000,
        };
        const a = topKPortfolio(close, { dates, symbols, values: scores }, options);
        const b = topKPortfolio(close, { dates, symbols, values: changed }, options);
        assert.deepEqual(a.equity.subarray(0, cut + 1), b.equity.subarray(0, cut + 1));
        const upTo = (pf: typeof a) => pf.orders.filter((o) => o.day <= cut);
        assert.deepEqual(upTo(a), upTo(b));
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("topKPortfolio under same_close: the score of date t moves that date's fills (the check above would catch it)", () => {
  const options: TopKOptions = { k: 1, rebalanceEvery: 1, feesBps: 10, initialCash: 1000 };
  const flipped = { ...score, values: score.values.map((v, at) => (at >= 2 ? -v : v)) };
  const a = topKPortfolio(close, score, options);
  const b = topKPortfolio(close, flipped, options);
  assert.notDeepEqual(a.orders.filter((o) => o.day <= 1), b.orders.filter((o) => o.day <= 1));
  const c = topKPortfolio(close, score, { ...options, execution: "next_close" });
  const d = topKPortfolio(close, flipped, { ...options, execution: "next_close" });
  assert.deepEqual(c.orders.filter((o) => o.day <= 1), d.orders.filter((o) => o.day <= 1));
  assert.deepEqual(c.equity.subarray(0, 2), d.equity.subarray(0, 2));
});
