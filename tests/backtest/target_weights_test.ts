import assert from "node:assert/strict";
import { targetWeightsPortfolio } from "@lib/backtest/target_weights.ts";
import { topKPortfolio, topKWeights } from "@lib/backtest/top_k.ts";
import { randomFlags, randomOhlc } from "./vectorbt_harness.ts";

const nDates = 300;
const nAssets = 5;
const dates = Float64Array.from({ length: nDates }, (_, t) => 18_000 + t);
const symbols = Array.from({ length: nAssets }, (_, j) => `s${j}`);
const close = { dates, symbols, values: randomOhlc(nDates, nAssets, 3).close };
const flags = randomFlags(nDates * nAssets, 0.5, 4);
const score = { dates, symbols, values: Float64Array.from(flags, (f, k) => f + Math.cos(k)) };

Deno.test("targetWeightsPortfolio(topKWeights) equals topKPortfolio without fees, to 1e-9", () => {
  const options = { k: 2, rebalanceEvery: 5, initialCash: 10_000 };
  const ours = topKPortfolio(close, score, options);
  const vbtWay = targetWeightsPortfolio(close, topKWeights(close, score, options), options);
  for (let t = 0; t < nDates; t++) {
    assert.ok(
      Math.abs(ours.equity[t] - vbtWay.equity[t]) <= 1e-9 * ours.equity[t],
      `date ${t}: ${ours.equity[t]} vs ${vbtWay.equity[t]}`,
    );
  }
  assert.ok(vbtWay.orders.length > 50);
});

Deno.test("with fees, targetWeightsPortfolio keeps a little cash where topKPortfolio invests it all", () => {
  const options = { k: 2, rebalanceEvery: 5, initialCash: 10_000, feesBps: 10 };
  const ours = topKPortfolio(close, score, options);
  const vbtWay = targetWeightsPortfolio(close, topKWeights(close, score, options), options);
  const last = nDates - 1;
  const gap = Math.abs(ours.equity[last] / vbtWay.equity[last] - 1);
  // the conventions differ by the fees on the cash left over: a small, non-zero gap
  assert.ok(gap > 1e-9 && gap < 5e-3, `relative gap ${gap}`);
});

Deno.test("topKWeights puts 1/k on the chosen, 0 on the rest, NaN between rebalances", () => {
  const w = topKWeights(close, score, { k: 2, rebalanceEvery: 3 });
  for (let t = 0; t < 6; t++) {
    const row = Array.from(w.subarray(t * nAssets, (t + 1) * nAssets));
    if (t % 3 === 0) {
      assert.equal(row.filter((v) => v === 0.5).length, 2);
      assert.equal(row.filter((v) => v === 0).length, 3);
    } else assert.ok(row.every(Number.isNaN));
  }
  assert.throws(() => topKWeights(close, score, { k: 0, rebalanceEvery: 1 }), /k must be/);
});
