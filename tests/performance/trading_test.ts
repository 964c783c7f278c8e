import assert from "node:assert/strict";
import {
  exposure,
  periodStats,
  positionMask,
  tradeStats,
  turnover,
} from "@lib/performance/trading.ts";
import type { Order, Trade } from "@lib/portfolio/records.ts";
import { fromSignals } from "@lib/backtest/from_signals.ts";
import { buyAndHold } from "@lib/backtest/benchmark.ts";

const trade = (pnl: number, cost: number, status: Trade["status"] = "closed"): Trade => ({
  symbol: "a",
  entryDay: 0,
  exitDay: status === "open" ? NaN : 1,
  shares: 1,
  entryPrice: cost,
  exitPrice: cost + pnl,
  fees: 0,
  pnl,
  return: pnl / cost,
  status,
});

Deno.test("tradeStats counts closed trades only: win rate, profit factor, expectancy", () => {
  const s = tradeStats([trade(30, 100), trade(-10, 100), trade(-5, 50), trade(100, 10, "open")]);
  assert.equal(s.count, 3);
  assert.equal(s.open, 1);
  assert.equal(s.winRate, 1 / 3);
  assert.equal(s.profitFactor, 2);
  assert.equal(s.expectancy, 5);
  assert.ok(Math.abs(s.expectancyReturn - (0.3 - 0.1 - 0.1) / 3) < 1e-15);
  assert.equal(tradeStats([trade(1, 10)]).profitFactor, Infinity);
  const none = tradeStats([]);
  assert.ok(Number.isNaN(none.winRate) && Number.isNaN(none.profitFactor));
});

Deno.test("periodStats skips flat periods in the win rate but not in the expectancy", () => {
  const s = periodStats(new Float64Array([0.02, 0, -0.01, 0, 0.03]));
  assert.equal(s.count, 3);
  assert.equal(s.winRate, 2 / 3);
  assert.ok(Math.abs(s.profitFactor - 5) < 1e-12);
  assert.ok(Math.abs(s.expectancy - 0.008) < 1e-15);
});

Deno.test("positionMask and exposure follow trades from entry close to before exit close", () => {
  const prices = {
    dates: new Float64Array([100, 101, 102, 103, 104, 105]),
    symbols: ["a"],
    values: new Float64Array([10, 11, 12, 11, 12, 13]),
  };
  const pf = fromSignals(prices, {
    entries: new Uint8Array([0, 1, 0, 0, 1, 0]),
    exits: new Uint8Array([0, 0, 0, 1, 0, 0]),
  });
  // in from 101's close to 103's close, and from 104's close to the end (open)
  assert.deepEqual([...positionMask(pf)], [0, 1, 1, 0, 1, 1]);
  assert.equal(exposure(pf), 4 / 6);
  // a buy-and-hold benchmark records no fills: exposure unknown, not 0
  assert.ok(Number.isNaN(exposure(buyAndHold({ ...prices }))));
});

Deno.test("turnover is all fills over mean equity, annualised", () => {
  const order = (value: number): Order => ({
    day: 0,
    symbol: "a",
    side: "buy",
    shares: 1,
    price: value,
    value,
    fee: 0,
  });
  const pf = { equity: new Float64Array([90, 110, 100, 100]), orders: [order(150), order(50)] };
  // 200 traded / mean equity 100 = 2 over 4 periods; 252 periods a year
  assert.ok(Math.abs(turnover(pf) - 2 * (252 / 4)) < 1e-12);
  assert.equal(turnover({ ...pf, orders: [] }), 0);
  assert.ok(Number.isNaN(turnover({ equity: new Float64Array(), orders: [] })));
});
