import assert from "node:assert/strict";
import {
  equityVsBenchmark,
  monthlyReturnsHeatmap,
  NO_CLOSED_TRADES,
  rollingBetaChart,
  rollingSharpeChart,
  tearSheet,
  tradeReturnHistogram,
  underwaterChart,
  worstDrawdowns,
} from "@lib/charts/tearsheet.ts";
import { buyAndHold } from "@lib/backtest/benchmark.ts";
import { fromSignals } from "@lib/backtest/from_signals.ts";
import { portfolioStats } from "@lib/backtest/stats.ts";
import { dayFromIso } from "@lib/validation/days.ts";
import { Chart } from "@lib/charts/chart.ts";
import { markCount } from "./snapshot.ts";

// 2020-01-01 .. 2020-12-30 daily (every calendar day, so every month has periods)
const start = dayFromIso("2020-01-01");
const dates = Float64Array.from({ length: 365 }, (_, i) => start + i);
const price = Float64Array.from(dates, (_, i) => 100 + i / 5 + 8 * Math.sin(i / 15));
const index = Float64Array.from(dates, (_, i) => 50 + i / 20 + 2 * Math.sin(i / 40));
const entries = Uint8Array.from(dates, (_, i) => (i % 30 === 0 ? 1 : 0));
const exits = Uint8Array.from(dates, (_, i) => (i % 30 === 20 ? 1 : 0));
const strategy = fromSignals({ dates, symbols: ["s"], values: price }, { entries, exits });
const benchmark = buyAndHold({ dates, symbols: ["^GSPC"], values: index });

Deno.test("equityVsBenchmark draws two rebased lines with a legend, log scale on request", () => {
  const html = equityVsBenchmark(strategy, benchmark, {
    names: { portfolio: "top-k", benchmark: "S&P 500" },
  }).html;
  assert.match(html, /<h2>Equity vs benchmark<\/h2>/);
  assert.equal(markCount(html, "line"), 2);
  assert.match(html, /Wealth \(start = 100\)/);
  assert.match(html, /swatch[^>]*>.*?top-k/s);
  assert.match(html, /swatch[^>]*>.*?S&amp;P 500/s);
  const log = equityVsBenchmark(strategy, undefined, { log: true }).html;
  assert.equal(markCount(log, "line"), 1);
  assert.match(log, /log scale/);
  assert.doesNotMatch(log, /swatch/);
  assert.throws(
    () => equityVsBenchmark(strategy, benchmark, { names: { portfolio: "x", benchmark: "x" } }),
    /different names; both are "x"/,
  );
});

Deno.test("underwaterChart draws one area and one line of the drawdown in percent", () => {
  const html = underwaterChart(strategy).html;
  assert.equal(markCount(html, "area"), 1);
  assert.equal(markCount(html, "line"), 1);
  assert.match(html, /Drawdown \(%\)/);
  assert.throws(
    () => underwaterChart({ dates: new Float64Array(2), returns: new Float64Array(1) }),
    /series has 2 dates but 1 returns/,
  );
});

Deno.test("monthlyReturnsHeatmap has a labelled cell per month of the year", () => {
  const html = monthlyReturnsHeatmap(strategy).html;
  assert.equal(markCount(html, "cell", "rect"), 12);
  assert.equal(markCount(html, "text", "text"), 12);
  for (const m of ["Jan", "Jun", "Dec"]) assert.match(html, new RegExp(`>${m}<`));
  assert.match(html, />2020</);
  // January's return, compounded by hand, is printed in its cell
  let w = 1;
  for (let t = 0; t < 31; t++) w *= 1 + strategy.returns[t];
  assert.ok(html.includes(`>${(100 * (w - 1)).toFixed(1)}<`), "January's label");
  // two years: 24 cells on two rows
  const firsts = [2020, 2021].flatMap((y) =>
    Array.from({ length: 12 }, (_, m) => dayFromIso(`${y}-${String(m + 1).padStart(2, "0")}-01`))
  );
  const twoYears = monthlyReturnsHeatmap({
    dates: Float64Array.from(firsts),
    returns: new Float64Array(24).fill(0.01),
  }).html;
  assert.equal(markCount(twoYears, "cell", "rect"), 24);
  assert.match(twoYears, />1\.0</);
});

Deno.test("rollingSharpeChart and rollingBetaChart draw the rolling line after the warm-up", () => {
  const sharpe = rollingSharpeChart(strategy, { window: 63 }).html;
  assert.match(sharpe, /Rolling Sharpe ratio \(63 periods\)/);
  assert.equal(markCount(sharpe, "line"), 1);
  assert.equal(markCount(sharpe, "rule", "line"), 2, "rules at 0 and at the full-period Sharpe");
  const beta = rollingBetaChart(strategy, benchmark).html;
  assert.match(beta, /Rolling beta to the benchmark \(126 periods\)/);
  assert.equal(markCount(beta, "line"), 1);
  // the line starts at the 126th date: its first x is right of the axis start
  const path = beta.split('aria-label="line"')[1].match(/d="M([\d.]+),/);
  assert.ok(path && Number(path[1]) > 200, `line starts at x = ${path?.[1]}`);
});

Deno.test("tradeReturnHistogram bins closed trade returns and rejects no trades", () => {
  const closed = strategy.trades.filter((t) => t.status === "closed");
  assert.ok(closed.length >= 10);
  const html = tradeReturnHistogram(strategy.trades).html;
  assert.match(html, new RegExp(`Trade returns \\(${closed.length} closed trades\\)`));
  const bars = markCount(html, "rect", "rect");
  assert.ok(bars >= 2 && bars <= closed.length, `${bars} bars`);
  assert.match(html, /Trade return \(%\)/);
  assert.throws(() => tradeReturnHistogram([]), /no closed trades/);
});

Deno.test("tearSheet(portfolio, benchmark) returns the stats frame, drawdowns and nine charts", () => {
  const sheet = tearSheet(strategy, benchmark, { names: { portfolio: "signal" } });
  const { equity, underwater, monthlyReturns, rollingSharpe, rollingBeta, tradeReturns } =
    sheet.charts;
  for (
    const chart of [equity, underwater, monthlyReturns, rollingSharpe, rollingBeta, tradeReturns]
  ) {
    assert.ok(chart instanceof Chart, "six charts");
  }
  for (const chart of ["drawdownPeriods", "yearlyReturns", "rollingVolatility"] as const) {
    assert.ok(sheet.charts[chart] instanceof Chart, chart);
  }
  assert.equal(Object.values(sheet.charts).length, 9, "no holdings charts without the closes");
  assert.deepEqual(sheet.stats.columns, ["statistic", "signal", "benchmark"]);
  const row = (label: string) => {
    const i = (sheet.stats.getColumn("statistic").toArray() as string[]).indexOf(label);
    assert.ok(i >= 0, `no row ${label}`);
    return [sheet.stats.getColumn("signal").get(i), sheet.stats.getColumn("benchmark").get(i)];
  };
  const s = portfolioStats(strategy, { benchmark });
  assert.deepEqual(row("Sharpe ratio")[0], s.sharpe);
  assert.deepEqual(row("Max drawdown")[0], s.maxDrawdown);
  assert.deepEqual(row("Trades")[0], s.trades);
  assert.ok(Math.abs((row("Beta")[1] as number) - 1) < 1e-12, "the benchmark's own beta is 1");
  assert.ok(Number.isNaN(row("Exposure")[1] as number));
  assert.ok(
    !(sheet.stats.getColumn("statistic").toArray() as string[]).includes("Deflated Sharpe"),
  );
  const withTrials = tearSheet(strategy, benchmark, { trialSharpes: [0.1, 0.5, 1] });
  assert.ok(
    (withTrials.stats.getColumn("statistic").toArray() as string[]).includes("Deflated Sharpe"),
  );
  assert.ok(sheet.drawdowns.height >= 1 && sheet.drawdowns.height <= 5);
  assert.deepEqual(sheet.drawdowns.columns, [
    "rank",
    "peak",
    "trough",
    "recovery",
    "depth",
    "duration",
  ]);
  assert.equal(sheet.drawdowns.getColumn("depth").get(0), s.maxDrawdown);
  // without a benchmark: no benchmark column and no rolling beta
  const alone = tearSheet(benchmark);
  assert.deepEqual(alone.stats.columns, ["statistic", "strategy"]);
  assert.equal(alone.charts.rollingBeta, undefined, "no rolling beta");
  assert.equal(alone.charts.tradeReturns, NO_CLOSED_TRADES, "no trades");
  assert.equal(
    Object.values(alone.charts).filter((c) => c instanceof Chart).length,
    7,
    "seven charts",
  );
});

Deno.test("worstDrawdowns lists the deepest spells first with their dates", () => {
  const series = {
    dates: Float64Array.from([0, 1, 2, 3, 4], (i) => start + i),
    returns: new Float64Array([-0.1, 0.2, -0.3, 0.1, 0.5]),
  };
  const f = worstDrawdowns(series, 5);
  assert.deepEqual(
    f.getColumn("depth").toArray().map((d) => Math.round((d as number) * 1e9) / 1e9),
    [-0.3, -0.1],
  );
  assert.deepEqual(f.getColumn("duration").toArray(), [3, 2]);
  // the first spell's peak is the starting cash, before the first date: null
  assert.equal(f.getColumn("peak").toArray()[1], null);
});
