import assert from "node:assert/strict";
import { equalWeightPortfolio } from "@lib/backtest/benchmark.ts";

const dates = new Float64Array([0, 1, 2, 3]);
// a: 10, 11, 12.1, 12.1 (+10%, +10%, 0); b: 20, 18, 18, 19.8 (-10%, 0, +10%)
const close = {
  dates,
  symbols: ["a", "b"],
  values: new Float64Array([10, 20, 11, 18, 12.1, 18, 12.1, 19.8]),
};

Deno.test("equalWeightPortfolio rebalanced every date earns the mean return of its assets", () => {
  const pf = equalWeightPortfolio(close, { rebalanceEvery: 1, initialCash: 1000 });
  // every day half and half: 0%, then +0%, +5%, +5%
  const expected = [1000, 1000, 1050, 1102.5];
  pf.equity.forEach((e, t) => assert.ok(Math.abs(e - expected[t]) < 1e-9, `${t}: ${e}`));
});

Deno.test("equalWeightPortfolio with next-open fills and fees buys at the next open", () => {
  const open = { ...close, values: new Float64Array([10, 20, 10.5, 19, 11.5, 18, 12, 19]) };
  const pf = equalWeightPortfolio(close, {
    rebalanceEvery: 10,
    initialCash: 1000,
    feesBps: 10,
    execution: "next_open",
    open,
  });
  // nothing held on date 0; on date 1 the value net of fees buys half each at the open:
  // V - F = 1000 / (1 + 0.001), shares a = (V - F) / 2 / 10.5, b = (V - F) / 2 / 19
  const invested = 1000 / 1.001;
  const [sa, sb] = [invested / 2 / 10.5, invested / 2 / 19];
  assert.equal(pf.equity[0], 1000);
  assert.ok(Math.abs(pf.equity[1] - (sa * 11 + sb * 18)) < 1e-9, String(pf.equity[1]));
  assert.ok(Math.abs(pf.equity[3] - (sa * 12.1 + sb * 19.8)) < 1e-9, String(pf.equity[3]));
});
