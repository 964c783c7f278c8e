import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import pl from "nodejs-polars";
import {
  headlineMetrics,
  performanceStats,
  portfolioStats,
  statsColumns,
  statsTable,
} from "@lib/backtest/stats.ts";
import { buyAndHold } from "@lib/backtest/benchmark.ts";
import { drawdownSeries, equityReturns } from "@lib/backtest/result.ts";
import { tradesFromOrders } from "@lib/backtest/records.ts";
import {
  ordersFrame,
  portfolioFrame,
  toPolars,
  tradeColumns,
  tradesFrame,
} from "@lib/backtest/frames.ts";
import { equityLong, writePortfolios } from "@lib/backtest/io.ts";
import { toWide } from "@lib/backtest/wide.ts";
import { fromSignals } from "@lib/backtest/from_signals.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

Deno.test("performanceStats on returns 10%, -50%, 20% by hand (252 periods a year)", () => {
  const r = new Float64Array([0.1, -0.5, 0.2]);
  const s = performanceStats(r);
  close(s.totalReturn, 1.1 * 0.5 * 1.2 - 1); // -0.34
  close(s.annualReturn, 0.66 ** (252 / 3) - 1);
  const mean = (-0.2) / 3;
  const std = Math.sqrt(((0.1 - mean) ** 2 + (-0.5 - mean) ** 2 + (0.2 - mean) ** 2) / 2);
  close(s.annualVolatility, std * Math.sqrt(252));
  close(s.sharpe, (mean / std) * Math.sqrt(252));
  close(s.maxDrawdown, -0.5);
  assert.equal(s.periods, 3);
  close(performanceStats(r, { periodsPerYear: 12 }).annualVolatility, std * Math.sqrt(12));
  assert.ok(Number.isNaN(performanceStats(new Float64Array([0, 0])).sharpe));
  assert.throws(() => performanceStats(new Float64Array()), /at least one return/);
});

Deno.test("equityReturns and drawdownSeries start from the initial cash", () => {
  const equity = new Float64Array([90, 120, 60, 150]);
  const round = (values: ArrayLike<number>) =>
    Array.from(values, (v) => Math.round(v * 1e12) / 1e12);
  assert.deepEqual(round(equityReturns(equity, 100)), round([-0.1, 1 / 3, -0.5, 1.5]));
  assert.deepEqual(round(drawdownSeries(equity, 100)), [-0.1, 0, -0.5, 0]);
});

Deno.test("buyAndHold follows the benchmark from its first close and keeps the last one over gaps", () => {
  const b = buyAndHold({
    dates: new Float64Array([0, 1, 2, 3]),
    symbols: ["^GSPC"],
    values: new Float64Array([NaN, 50, NaN, 60]),
  }, 100);
  assert.deepEqual([...b.equity], [100, 100, 100, 120]);
  assert.equal(b.orders.length, 0);
  assert.throws(
    () =>
      buyAndHold({
        dates: new Float64Array([0]),
        symbols: ["a", "b"],
        values: new Float64Array([1, 2]),
      }),
    /one symbol; got 2/,
  );
});

Deno.test("tradesFromOrders joins resizes into one trade and splits at flat", () => {
  const trades = tradesFromOrders([
    { day: 0, symbol: "a", side: "buy", shares: 10, price: 10, value: 100, fee: 1 },
    { day: 1, symbol: "a", side: "buy", shares: 10, price: 20, value: 200, fee: 2 },
    { day: 2, symbol: "a", side: "sell", shares: 20, price: 25, value: 500, fee: 5 },
    { day: 3, symbol: "a", side: "buy", shares: 1, price: 30, value: 30, fee: 0 },
  ], { a: 33 });
  assert.equal(trades.length, 2);
  assert.deepEqual(trades[0], {
    symbol: "a",
    entryDay: 0,
    exitDay: 2,
    shares: 20,
    entryPrice: 15,
    exitPrice: 25,
    fees: 8,
    pnl: 500 - 300 - 8,
    return: 192 / 303,
    status: "closed",
  });
  assert.equal(trades[1].status, "open");
  assert.equal(trades[1].pnl, 3);
  assert.throws(
    () =>
      tradesFromOrders([{
        day: 0,
        symbol: "x",
        side: "sell",
        shares: 1,
        price: 1,
        value: 1,
        fee: 0,
      }], {}),
    /without a position/,
  );
});

Deno.test("toWide pivots a long frame, aligns to another panel and rejects duplicate rows", () => {
  const f = pl.DataFrame({ symbol: ["b", "a", "a"], close: [3, 1, 2] }).withColumns(
    pl.Series("date", [0, 0, 1], pl.Float64).cast(pl.Int32).cast(pl.Date),
  );
  const w = toWide(f, "close");
  assert.deepEqual(w.symbols, ["a", "b"]);
  assert.deepEqual([...w.dates], [0, 1]);
  assert.deepEqual([...w.values], [1, 3, 2, NaN]);
  const aligned = toWide(f, "close", { dates: new Float64Array([1, 2]), symbols: ["a"] });
  assert.deepEqual([...aligned.values], [2, NaN]);
  assert.throws(() => toWide(pl.concat([f, f]), "close"), /two rows on one date/);
  assert.throws(() => toWide(f, "open"), /no column "open"/);
});

Deno.test("portfolio results as danfojs frames and Parquet", async () => {
  const prices = {
    dates: new Float64Array([18_000, 18_001, 18_002]),
    symbols: ["a"],
    values: new Float64Array([10, 11, 12]),
  };
  const pf = fromSignals(prices, {
    entries: new Uint8Array([1, 0, 0]),
    exits: new Uint8Array([0, 1, 0]),
  }, { initialCash: 100 });
  const frame = portfolioFrame(pf);
  assert.deepEqual(frame.columns, ["date", "equity", "returns", "drawdown"]);
  assert.deepEqual(frame.column("equity").values, [100, 110, 110]);
  assert.deepEqual(frame.column("date").values, ["2019-04-14", "2019-04-15", "2019-04-16"]);
  const trades = tradesFrame(pf);
  assert.deepEqual(trades.shape, [1, tradeColumns.length]);
  assert.deepEqual(trades.column("pnl").values, [10]);
  assert.deepEqual(ordersFrame(pf).shape, [2, 7]);
  const flat = fromSignals(prices, { entries: new Uint8Array(3), exits: new Uint8Array(3) });
  assert.deepEqual(tradesFrame(flat).columns, [...tradeColumns]);
  assert.equal(tradesFrame(flat).shape[0], 0);

  const shown = toPolars(trades);
  assert.deepEqual(shown.columns, [...tradeColumns]);
  assert.deepEqual(shown.getColumn("status").toArray(), ["closed"]);
  assert.deepEqual(toPolars(tradesFrame(flat)).columns, [...tradeColumns]);

  const table = statsTable({ signal: pf, idle: flat });
  assert.deepEqual(table.getColumn("strategy").toArray(), ["signal", "idle"]);
  close(table.getColumn("total_return").get(0) as number, 0.1);
  const logged = headlineMetrics({ signal: pf, idle: flat });
  close(logged.signal_total_return, 0.1);
  close(logged.signal_max_drawdown, 0);
  assert.equal(logged.idle_total_return, 0);
  // the idle portfolio never moved: its Sharpe ratio is undefined and left out, not NaN
  assert.ok(!("idle_sharpe" in logged));
  assert.ok(Object.values(logged).every(Number.isFinite));

  const dir = mkdtempSync(join(tmpdir(), "backtest-"));
  try {
    const paths = await writePortfolios(
      { equity: join(dir, "equity.parquet"), trades: join(dir, "trades.parquet") },
      { signal: pf, idle: flat },
    );
    const equity = pl.readParquet(paths.equity);
    assert.equal(equity.height, 6);
    assert.ok(equity.getColumn("date").dtype.equals(pl.Date));
    assert.ok(equity.frameEqual(equityLong({ signal: pf, idle: flat })));
    const tradesBack = pl.readParquet(paths.trades);
    assert.equal(tradesBack.height, 1);
    assert.equal(
      tradesBack.getColumn("exit_date").toArray()[0]?.toString(),
      new Date(18_001 * 86_400_000).toString(),
    );
  } finally {
    rmSync(dir, { recursive: true });
  }
});

Deno.test("performanceStats adds ratios, drawdown positions, tails and benchmark statistics", () => {
  const r = new Float64Array([0.02, -0.01, 0.03, -0.04, 0.01, 0.05, -0.02]);
  const s = performanceStats(r);
  assert.equal(s.periods, 7);
  // wealth peaks at index 2, bottoms at 3, is back above that peak at 5
  assert.deepEqual([s.maxDrawdownPeak, s.maxDrawdownTrough, s.maxDrawdownRecovery], [2, 3, 5]);
  assert.equal(s.maxDrawdownDuration, 3);
  close(s.maxDrawdown, -0.04);
  close(s.periodWinRate, 4 / 7);
  close(s.omega, s.periodProfitFactor);
  assert.ok(s.conditionalValueAtRisk <= s.valueAtRisk);
  assert.ok(s.probabilisticSharpe > 0 && s.probabilisticSharpe < 1);
  assert.ok(Number.isNaN(s.alpha) && Number.isNaN(s.beta) && Number.isNaN(s.deflatedSharpe));
  const against = performanceStats(r, { benchmark: r.map((x) => x / 2), trialSharpes: [0, 1, 2] });
  close(against.beta, 2);
  assert.ok(against.deflatedSharpe < s.probabilisticSharpe);
});

Deno.test("portfolioStats reports max drawdown days, trade statistics, exposure and turnover", () => {
  const prices = {
    dates: new Float64Array([18_000, 18_001, 18_002, 18_003, 18_004]),
    symbols: ["a"],
    values: new Float64Array([10, 12, 9, 13, 13]),
  };
  const pf = fromSignals(prices, {
    entries: new Uint8Array([1, 0, 0, 0, 0]),
    exits: new Uint8Array([0, 0, 0, 1, 0]),
  }, { initialCash: 100 });
  const bench = buyAndHold({ ...prices, symbols: ["^GSPC"] }, 100);
  const s = portfolioStats(pf, { benchmark: bench });
  assert.equal(s.maxDrawdownPeakDay, 18_001);
  assert.equal(s.maxDrawdownTroughDay, 18_002);
  assert.equal(s.maxDrawdownRecoveryDay, 18_003);
  assert.equal(s.trades, 1);
  assert.equal(s.tradeWinRate, 1);
  close(s.tradeExpectancy, 30);
  // held at the closes of days 0, 1, 2; out from day 3's close
  close(s.exposure, 3 / 5);
  // fills of 100 and 130 over mean equity (100 + 120 + 90 + 130 + 130) / 5
  close(s.turnover, (230 / 114) * (252 / 5));
  // the strategy is the benchmark while invested, so beta is 1 over those periods' moves
  assert.ok(s.beta > 0.5 && s.beta <= 1 + 1e-12);
});

Deno.test("statsTable keeps its first columns and adds the extended statistics", () => {
  const prices = {
    dates: new Float64Array([18_000, 18_001, 18_002]),
    symbols: ["a"],
    values: new Float64Array([10, 11, 12]),
  };
  const pf = fromSignals(prices, {
    entries: new Uint8Array([1, 0, 0]),
    exits: new Uint8Array([0, 1, 0]),
  }, { initialCash: 100 });
  const bench = buyAndHold(prices, 100);
  const table = statsTable({ signal: pf, benchmark: bench }, { benchmark: "benchmark" });
  assert.deepEqual(table.columns, ["strategy", ...statsColumns]);
  assert.deepEqual(table.columns.slice(0, 8), [
    "strategy",
    "total_return",
    "annual_return",
    "annual_volatility",
    "sharpe",
    "max_drawdown",
    "trades",
    "fees",
  ]);
  close(table.getColumn("beta").get(1) as number, 1);
  close(table.getColumn("alpha").get(1) as number, 0);
  assert.equal(table.getColumn("trades").get(0), 1);
  assert.ok(Number.isNaN(statsTable({ signal: pf }).getColumn("beta").get(0) as number));
  assert.throws(() => statsTable({ signal: pf }, { benchmark: "spx" }), /benchmark "spx" is not/);
});
