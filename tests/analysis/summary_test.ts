import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { icDecay, icStats, icSummary, monthlyIc } from "@lib/analysis/summary.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

Deno.test("icStats p-value, skew and kurtosis match scipy's ttest_1samp, skew and kurtosis", () => {
  // scipy 1.17: ttest_1samp([0.1, 0.3, -0.1, 0.25, 0.05], 0) -> t 1.6721592342998826,
  // p 0.16981022226517758; skew and kurtosis (biased) by hand below
  const ic = [0.1, 0.3, -0.1, 0.25, 0.05];
  const s = icStats(ic);
  close(s.tStat, 1.6721592342998826);
  close(s.pValue, 0.16981022226517758);
  const m = 0.12;
  const d = ic.map((v) => v - m);
  const m2 = d.reduce((a, v) => a + v * v, 0) / 5;
  close(s.skew, d.reduce((a, v) => a + v ** 3, 0) / 5 / m2 ** 1.5);
  close(s.kurtosis, d.reduce((a, v) => a + v ** 4, 0) / 5 / m2 ** 2 - 3);
});

Deno.test("icSummary carries p_value, skew and kurtosis; icDecay orders horizons with std_err", () => {
  const daily = pl.DataFrame({
    factor: ["f", "f", "f", "f", "f", "f"],
    horizon: [1, 1, 1, 5, 5, 5],
    pearson: [0.1, 0.2, 0.3, 0.05, 0.1, 0.0],
    spearman: [0.2, 0.2, 0.5, 0.1, 0.0, 0.05],
  });
  const summary = icSummary(daily);
  assert.ok(["p_value", "skew", "kurtosis", "t_stat"].every((c) => summary.columns.includes(c)));
  const decay = icDecay(summary);
  assert.deepEqual(decay.getColumn("horizon").toArray(), [1, 5]);
  close(Number(decay.getColumn("mean").get(0)), 0.3);
  // std of 0.2, 0.2, 0.5 is sqrt(0.03) -> std_err 0.1
  close(Number(decay.getColumn("std_err").get(0)), 0.1);
  close(Number(icDecay(summary, "pearson").getColumn("mean").get(1)), 0.05);
});

Deno.test("monthlyIc averages the daily IC by calendar month", () => {
  const date = ["2020-01-02", "2020-01-30", "2020-02-03", "2021-01-04"].map((d) => new Date(d));
  const daily = pl.DataFrame({
    factor: ["f", "f", "f", "f"],
    horizon: [1, 1, 1, 1],
    date,
    spearman: [0.1, 0.2, -0.3, 0.4],
    pearson: [0, 0, 0, 0],
  }).withColumns(pl.col("date").cast(pl.Date));
  const m = monthlyIc(daily);
  assert.deepEqual(m.getColumn("year").toArray(), [2020, 2020, 2021]);
  assert.deepEqual(m.getColumn("month").toArray(), [1, 2, 1]);
  close(Number(m.getColumn("mean_ic").get(0)), 0.15);
  assert.deepEqual(m.getColumn("n_dates").toArray(), [2, 1, 1]);
  const none = monthlyIc(daily.head(0));
  assert.equal(none.height, 0);
  assert.deepEqual(none.columns, ["factor", "horizon", "year", "month", "mean_ic", "n_dates"]);
});

Deno.test("icSummary of daily IC frames without rows (too few assets) is empty, with its columns", () => {
  const none = icSummary(
    pl.DataFrame({ factor: [] as string[], horizon: [] as number[], pearson: [], spearman: [] }),
  );
  assert.equal(none.height, 0);
  assert.deepEqual(none.columns, [
    "factor",
    "horizon",
    "method",
    "mean",
    "std",
    "icir",
    "t_stat",
    "p_value",
    "t_stat_nw",
    "p_value_nw",
    "hit_rate",
    "skew",
    "kurtosis",
    "n_dates",
  ]);
  assert.equal(icDecay(none).height, 0);
});
