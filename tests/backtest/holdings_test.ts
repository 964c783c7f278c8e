import assert from "node:assert/strict";
import { holdingsOverTime, rebalanceTurnover } from "@lib/backtest/holdings.ts";
import { topKPortfolio } from "@lib/backtest/top_k.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

// Three assets, top 2 every 2 dates, filled at the close that ranks them, no fees.
const dates = new Float64Array([0, 1, 2, 3]);
const symbols = ["a", "b", "c"];
const prices = {
  dates,
  symbols,
  values: new Float64Array([10, 20, 40, 11, 20, 40, 12, 25, 30, 12, 25, 30]),
};
const score = { dates, symbols, values: new Float64Array([3, 2, 1, 3, 2, 1, 2, 1, 3, 2, 1, 3]) };
const pf = topKPortfolio(prices, score, { k: 2, rebalanceEvery: 2, initialCash: 1000 });

Deno.test("holdingsOverTime(topK, close) by hand: weights, names, largest weight, Herfindahl", () => {
  // date 0: 500 into a (50 shares at 10) and b (25 at 20)
  // date 1: a 50 x 11 = 550, b 25 x 20 = 500, equity 1050
  // date 2: equity 50 x 12 + 25 x 25 = 1225; a and c get 612.5 each, b is sold
  const h = holdingsOverTime(pf, prices);
  assert.deepEqual(Array.from(h.names), [2, 2, 2, 2]);
  const w = (t: number) => Array.from(h.weights.subarray(3 * t, 3 * t + 3));
  w(0).forEach((x, j) => close(x, [0.5, 0.5, 0][j]));
  w(1).forEach((x, j) => close(x, [550 / 1050, 500 / 1050, 0][j]));
  w(2).forEach((x, j) => close(x, [0.5, 0, 0.5][j]));
  close(h.maxWeight[1], 550 / 1050);
  close(h.herfindahl[1], (550 ** 2 + 500 ** 2) / 1050 ** 2);
  close(h.herfindahl[3], 0.5);
  for (let t = 0; t < 4; t++) close(h.cash[t], 0, 1e-12);
});

Deno.test("rebalanceTurnover(topK) is traded value over equity on each rebalance", () => {
  const t = rebalanceTurnover(pf);
  assert.deepEqual(Array.from(t.dates), [0, 2]);
  close(t.turnover[0], 1);
  // buy 12.5 more of a, sell 625 of b, buy 612.5 of c, over 1225
  close(t.turnover[1], 1250 / 1225);
});

Deno.test("holdingsOverTime keeps a missing close's last price and counts cash after fees", () => {
  const gap = {
    dates,
    symbols,
    values: new Float64Array([10, 20, 40, NaN, 20, 40, 12, 25, 30, 12, 25, 30]),
  };
  const withFees = topKPortfolio(gap, score, {
    k: 2,
    rebalanceEvery: 2,
    initialCash: 1000,
    feesBps: 10,
  });
  const h = holdingsOverTime(withFees, gap);
  // date 1: a has no close, so it is still worth 10 a share, as the portfolio marks it
  const aShares = withFees.orders[0].shares;
  close(h.weights[3], (aShares * 10) / withFees.equity[1]);
  for (let t = 0; t < 4; t++) {
    let sum = 0;
    for (let j = 0; j < 3; j++) sum += h.weights[3 * t + j];
    close(sum + h.cash[t], 1);
    assert.ok(h.cash[t] >= -1e-12 && h.cash[t] < 1e-3, `cash ${h.cash[t]}`);
  }
  assert.throws(
    () => holdingsOverTime(withFees, { ...gap, dates: new Float64Array([0, 1, 2, 4]) }),
    /no date 3/,
  );
  assert.throws(
    () => holdingsOverTime(withFees, { ...gap, symbols: ["a", "b", "x"] }),
    /no symbol "c"/,
  );
});
