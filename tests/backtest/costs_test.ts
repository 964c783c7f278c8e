import assert from "node:assert/strict";
import { strategyCosts } from "@lib/backtest/costs.ts";

const params = {
  initialCash: 10_000,
  feesBps: 10,
  fixedFee: 1,
  slippageBps: 5,
  execution: "next_open" as const,
  stopLoss: 0.1,
  takeProfit: 0,
  trailingStop: false,
};

Deno.test("strategyCosts(params) keeps every value and unsets a stop of 0", () => {
  assert.deepEqual(strategyCosts(params), {
    initialCash: 10_000,
    feesBps: 10,
    fixedFee: 1,
    slippageBps: 5,
    execution: "next_open",
    stopLoss: 0.1,
    takeProfit: undefined,
    trailingStop: false,
  });
  const none = strategyCosts({ ...params, stopLoss: 0, takeProfit: 0.2, trailingStop: true });
  assert.equal(none.stopLoss, undefined);
  assert.equal(none.takeProfit, 0.2);
  assert.equal(none.trailingStop, true);
  assert.equal(none.direction, undefined, "the direction stays at runStrategy's default");
});
