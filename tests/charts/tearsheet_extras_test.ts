import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  concentrationChart,
  drawdownPeriodsChart,
  factorReturnsChart,
  formatStat,
  holdingsMeans,
  NO_FACTOR_RETURNS,
  rollingVolatility,
  rollingVolatilityChart,
  tearSheet,
  tearSheetMetrics,
  turnoverChart,
  yearlyReturnsBars,
} from "@lib/charts/tearsheet.ts";
import { buyAndHold } from "@lib/backtest/benchmark.ts";
import { topKPortfolio } from "@lib/backtest/top_k.ts";
import { holdingsOverTime, rebalanceTurnover } from "@lib/backtest/holdings.ts";
import { sharpeStandardError } from "@lib/performance/sharpe_inference.ts";
import { Chart } from "@lib/charts/chart.ts";
import { dayFromIso } from "@lib/validation/days.ts";
import { assertSnapshot, markCount } from "./snapshot.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

// 2020-12-30 .. 2021-01-04: two dates in each year
const twoYears = {
  dates: Float64Array.from(["2020-12-30", "2020-12-31", "2021-01-04", "2021-01-05"], dayFromIso),
  returns: new Float64Array([0.1, 0.1, -0.2, 0.05]),
};

Deno.test("yearlyReturnsBars draws one bar per year and series on a percent axis", () => {
  const bench = { dates: twoYears.dates, returns: new Float64Array([0, 0.01, 0.02, 0]) };
  const html = yearlyReturnsBars(twoYears, bench, { names: { portfolio: "top_k" } }).html;
  assert.equal(markCount(html, "bar", "rect"), 4);
  assert.match(html, /Return \(%\)/);
  assert.match(html, />2020</);
  assert.match(html, />2021</);
  assert.match(html, /swatch[^>]*>.*?top_k/s);
  assertSnapshot("tearsheet_yearly_returns", html);
  assert.equal(markCount(yearlyReturnsBars(twoYears).html, "bar", "rect"), 2);
});

Deno.test("drawdownPeriodsChart shades each of the worst spells from peak to recovery", () => {
  // wealth 1.1, 0.88 (spell 1 from index 0), 1.32 (recovered at 2), 0.66, 0.726 (open at the end)
  const dates = Float64Array.from({ length: 5 }, (_, i) => 18_000 + i);
  const series = { dates, returns: new Float64Array([0.1, -0.2, 0.5, -0.5, 0.1]) };
  const html = drawdownPeriodsChart(series, { names: { portfolio: "top_k" } }).html;
  assert.match(html, /top_k: equity with the 2 worst drawdowns/);
  assert.equal(markCount(html, "rect", "rect"), 2);
  assert.equal(markCount(html, "line"), 1);
  assert.ok(html.includes(">1: -50.0%<"), "the deepest spell is labelled first");
  assert.ok(html.includes(">2: -20.0%<"));
  // both spells span two periods: 0 -> 2 (recovered) and 2 -> 4 (open, to the last date), so
  // on the 740-pixel x range of four periods each is 370 wide; the deepest starts at the middle
  const rects = html.split('aria-label="rect"')[1].split("</g>")[0].match(/<rect [^>]*>/g) ?? [];
  assert.equal(rects.length, 2);
  const attr = (rect: string, name: string) =>
    Number(rect.match(new RegExp(` ${name}="([\\d.]+)"`))![1]);
  assert.deepEqual(rects.map((r) => attr(r, "width")), [370, 370]);
  assert.deepEqual(rects.map((r) => attr(r, "x")), [410, 40]);
  assertSnapshot("tearsheet_drawdown_periods", html);
  assert.equal(markCount(drawdownPeriodsChart(series, { top: 1 }).html, "rect", "rect"), 1);
});

Deno.test("rollingVolatility is the annualised std of each trailing window, NaN in the warm-up", () => {
  const r = new Float64Array([0.01, 0.03, 0.01, -0.01]);
  const v = rollingVolatility(r, 3, { periodsPerYear: 252 });
  assert.ok(Number.isNaN(v[0]) && Number.isNaN(v[1]));
  // window 0.01, 0.03, 0.01: mean 1/60, sample variance (2 x (1/150)^2 + (1/75)^2) / 2
  const sd = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  };
  close(v[2], sd([0.01, 0.03, 0.01]) * Math.sqrt(252));
  close(v[3], sd([0.03, 0.01, -0.01]) * Math.sqrt(252));
  assert.throws(() => rollingVolatility(r, 1), /integer >= 2; got 1/);
  const html = rollingVolatilityChart(twoYears, undefined, {
    window: 2,
  }).html;
  assert.match(html, /Rolling volatility \(2 periods, annualised\)/);
  assert.match(html, /Volatility \(%\)/);
  assert.equal(markCount(html, "line"), 1);
});

// A top-2 portfolio of three assets rebalanced every 20 of 300 dates, against a benchmark.
const dates = Float64Array.from({ length: 300 }, (_, i) => 18_000 + i);
const symbols = ["a", "b", "c"];
const closes = {
  dates,
  symbols,
  values: Float64Array.from(
    { length: 900 },
    (_, k) => 50 + 10 * (k % 3) + (Math.floor(k / 3) / 10) * Math.sin(k),
  ),
};
const score = {
  dates,
  symbols,
  values: Float64Array.from({ length: 900 }, (_, k) => Math.sin(k * 0.37)),
};
const topK = topKPortfolio(closes, score, {
  k: 2,
  rebalanceEvery: 20,
  initialCash: 10_000,
  feesBps: 5,
});
const index = buyAndHold({
  dates,
  symbols: ["^X"],
  values: Float64Array.from(dates, (_, i) => 100 + i / 10 + 3 * Math.sin(i / 7)),
});

Deno.test("tearSheet with the closes adds holdings charts, their means and the percent summary", () => {
  const sheet = tearSheet(topK, index, {
    names: { portfolio: "top_k", benchmark: "^X" },
    window: 60,
    close: closes,
    trialSharpes: [0.1, 0.4, 0.9],
  });
  for (const c of ["namesHeld", "concentration", "turnover"] as const) {
    assert.ok(sheet.charts[c] instanceof Chart, c);
  }
  const holdings = holdingsOverTime(topK, closes);
  const turnover = rebalanceTurnover(topK);
  const means = holdingsMeans(holdings, turnover);
  assert.equal(means.namesHeld, 2);
  assert.equal(means.rebalances, 15);
  close(means.maxWeight, holdings.maxWeight.reduce((a, b) => a + b, 0) / 300);

  const numeric = (label: string, column = "top_k") => {
    const i = (sheet.stats.getColumn("statistic").toArray() as string[]).indexOf(label);
    assert.ok(i >= 0, `no row ${label}`);
    return sheet.stats.getColumn(column).get(i) as number;
  };
  const text = (label: string, column = "top_k") => {
    const i = (sheet.summary.getColumn("statistic").toArray() as string[]).indexOf(label);
    assert.ok(i >= 0, `no summary row ${label}`);
    return sheet.summary.getColumn(column).get(i) as string;
  };
  const se = sharpeStandardError(topK.returns);
  close(numeric("Sharpe standard error"), se);
  close(numeric("Turnover per rebalance (mean)"), means.turnover);
  assert.equal(numeric("Names held (mean)"), 2);
  assert.ok(Number.isNaN(numeric("Names held (mean)", "^X")));
  // percent rows in percent, ratios with two decimals, the Sharpe ratio with its error
  assert.equal(text("Total return"), `${(100 * numeric("Total return")).toFixed(2)}%`);
  assert.equal(text("Max drawdown", "^X"), `${(100 * numeric("Max drawdown", "^X")).toFixed(2)}%`);
  assert.equal(text("Annual volatility").slice(-1), "%");
  assert.equal(
    text("Sharpe ratio (± standard error)"),
    `${numeric("Sharpe ratio").toFixed(2)} ± ${se.toFixed(2)}`,
  );
  assert.match(text("Sharpe ratio (± standard error)", "^X"), /^-?\d+\.\d\d ± \d+\.\d\d$/);
  assert.equal(text("Deflated Sharpe", "^X"), "");
  assert.equal(text("Rebalances"), "15");
  assert.equal(text("Names held (mean)"), "2.00");
  assert.equal(sheet.summary.height, sheet.stats.height - 1, "the SE row is folded into Sharpe");

  assert.deepEqual(tearSheetMetrics(sheet, "top_k"), {
    top_k_sharpe_se: se,
    top_k_psr: numeric("Probabilistic Sharpe"),
    top_k_turnover_mean: means.turnover,
    top_k_names_held_mean: 2,
  });
  // without the closes: no holdings rows, charts or holdings metrics
  const bare = tearSheet(topK, index);
  assert.equal(bare.charts.namesHeld, undefined);
  assert.deepEqual(Object.keys(tearSheetMetrics(bare, "x")), ["x_sharpe_se", "x_psr"]);
});

Deno.test("the holdings charts draw names, concentration and turnover on percent axes", () => {
  const holdings = holdingsOverTime(topK, closes);
  const turnover = rebalanceTurnover(topK);
  const conc = concentrationChart(holdings).html;
  assert.equal(markCount(conc, "line"), 2);
  assert.match(conc, /Share of equity \(%\)/);
  const dots = turnoverChart(turnover).html;
  assert.equal(markCount(dots, "dot", "circle"), 15);
  assert.equal(markCount(dots, "rule", "line"), 1, "the mean");
});

Deno.test("formatStat writes percent, ratios, counts, cash and the missing", () => {
  assert.equal(formatStat(-0.0512, "percent"), "-5.12%");
  assert.equal(formatStat(1.234, "ratio"), "1.23");
  assert.equal(formatStat(12, "count"), "12");
  assert.equal(formatStat(12345.678, "cash"), "12,345.68");
  assert.equal(formatStat(NaN, "percent"), "–");
  assert.equal(formatStat(-Infinity, "ratio"), "-∞");
});

Deno.test("factorReturnsChart draws the growth of 1, or says why there is none", () => {
  const f = pl.DataFrame({ cumulative: [1.01, 0.98, 1.02] })
    .withColumns(pl.Series("date", [18000, 18001, 18002], pl.Int32).cast(pl.Date));
  const chart = factorReturnsChart(f, { factor: "pred_ols_5" });
  assert.ok(chart instanceof Chart);
  assert.match(
    chart.html,
    /long-short portfolio of pred_ols_5: cumulative return, 1-day \(ends at 1\.020\)/,
  );
  assert.equal(markCount(chart.html, "line"), 1);
  assert.equal(factorReturnsChart(f.head(0)), NO_FACTOR_RETURNS);
});
