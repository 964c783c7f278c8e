/**
 * Parity of the factor regressions with statsmodels 0.15 (tests/analysis/statsmodels_reference.py
 * through the project venv) on the bundled real sample: the S&P 500 and an equal-weight portfolio
 * of the 10 stocks, daily returns compounded to months, regressed on the bundled Fama-French
 * factors. Coefficients, standard errors, t-statistics, p-values and R^2 agree to 1e-8 absolute
 * for `OLS(...).fit(cov_type="HAC", cov_kwds={"maxlags": L})` with and without use_correction and
 * for the nonrobust fit; rolling coefficients to RollingOLS; monthly compounding to pandas.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { factorRegression, rollingFactorRegression } from "@lib/analysis/factor_regression.ts";
import type { FactorModel } from "@lib/analysis/factor_regression.ts";
import { loadFamaFrench } from "@lib/analysis/fama_french.ts";
import { compoundMonthly } from "@lib/analysis/monthly.ts";
import { ols } from "@lib/analysis/ols.ts";
import { projectPath } from "@lib/paths.ts";

const TOLERANCE = 1e-8;

interface Fit {
  params: number[];
  bse: number[];
  tvalues: number[];
  pvalues: number[];
  rsquared: number;
  rsquared_adj: number;
}

interface Reference {
  fits: Fit[];
  rolling: { params: (number | null)[][]; rsquared: (number | null)[] };
  monthly: { month: string[]; ret: number[] };
}

async function statsmodels(spec: unknown): Promise<Reference> {
  const dir = await Deno.makeTempDir({ prefix: "statsmodels-ref-" });
  const input = join(dir, "in.json");
  const output = join(dir, "out.json");
  await Deno.writeTextFile(input, JSON.stringify(spec));
  const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
    args: [projectPath("tests", "analysis", "statsmodels_reference.py"), input, output],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
  const out = JSON.parse(await Deno.readTextFile(output));
  await Deno.remove(dir, { recursive: true });
  return out;
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths`);
  for (let i = 0; i < a.length; i++) {
    assert.ok(Math.abs(a[i] - b[i]) <= TOLERANCE, `${what}[${i}]: ${a[i]} vs statsmodels ${b[i]}`);
  }
}

/** Daily simple returns of the closes, per symbol, and their equal-weight mean per date. */
function dailyReturns(): { benchmark: pl.DataFrame; portfolio: pl.DataFrame } {
  const ret = pl.col("close").div(pl.col("close").shift(1)).sub(1).over("symbol").alias("ret");
  const read = (file: string) =>
    pl.readCSV(projectPath("data", "sample", file), { tryParseDates: true })
      .withColumns(pl.col("date").cast(pl.Date))
      .sort(["symbol", "date"])
      .select("symbol", "date", ret);
  const benchmark = read("benchmark_daily.csv").select("date", "ret").filter(
    pl.col("ret").isNotNull(),
  );
  const portfolio = read("ohlcv_daily.csv")
    .filter(pl.col("ret").isNotNull())
    .groupBy("date")
    .agg(pl.col("ret").mean())
    .sort("date");
  return { benchmark, portfolio };
}

Deno.test("factorRegression and ols match statsmodels OLS HAC (with and without use_correction) and nonrobust 1e-8 on the real sample; compoundMonthly matches pandas", async () => {
  const ff = loadFamaFrench();
  const { benchmark, portfolio } = dailyReturns();
  // the window starts on 2004-08-19 and ends on 2013-03-01: keep whole months only
  const whole = pl.col("month").gt(pl.lit("2004-08")).and(pl.col("month").lt(pl.lit("2013-03")));
  const monthlyBench = compoundMonthly(benchmark, { columns: ["ret"] }).filter(whole);
  const monthlyPort = compoundMonthly(portfolio, { columns: ["ret"] }).filter(whole);
  assert.equal(monthlyBench.height, 102);

  const cases: {
    returns: pl.DataFrame;
    model: FactorModel;
    lags?: number;
    useCorrection?: boolean;
  }[] = [
    { returns: monthlyBench, model: "capm" },
    { returns: monthlyBench, model: "ff3" },
    { returns: monthlyPort, model: "ff3", lags: 6, useCorrection: true },
    { returns: monthlyPort, model: "capm", lags: 0 },
  ];
  const fits = cases.map((c) =>
    factorRegression(c.returns, ff, {
      model: c.model,
      lags: c.lags,
      useCorrection: c.useCorrection,
    })
  );
  const design = cases.map((c) => regressors(c.returns, ff, c.model));
  // the classical covariance on the portfolio's FF3 design
  const { y, x } = design[2];
  const classical = ols(y, x, { names: ["mkt_rf", "smb", "hml"], covariance: "nonrobust" });
  const rolling = rollingFactorRegression(monthlyPort, ff, { model: "ff3", window: 36 });

  const ref = await statsmodels({
    fits: [
      ...cases.map((c, i) => ({
        ...design[i],
        cov: "HAC",
        lags: fits[i].lags,
        use_correction: c.useCorrection ?? false,
      })),
      { y, x, cov: "nonrobust", lags: 0, use_correction: false },
    ],
    rolling: { y, x, window: 36 },
    daily: {
      date: benchmark.select(pl.col("date").cast(pl.Utf8)).getColumn("date").toArray(),
      ret: benchmark.getColumn("ret").toArray(),
    },
  });
  assert.equal(fits[0].lags, 4, "default lags floor(4 (102/100)^(2/9))");
  [...fits.map((f) => f.fit), classical].forEach((f, i) => {
    const r = ref.fits[i];
    close(f.coef, r.params, `fit ${i} coef`);
    close(f.stdErr, r.bse, `fit ${i} std err`);
    close(f.tStat, r.tvalues, `fit ${i} t`);
    close(f.pValue, r.pvalues, `fit ${i} p`);
    close([f.r2, f.adjR2], [r.rsquared, r.rsquared_adj], `fit ${i} R^2`);
  });
  assert.equal(classical.n, 102);
  // the S&P 500 against the market factor: beta near 1 and a high R^2
  assert.ok(
    Math.abs(fits[0].fit.coef[1] - 1) < 0.05 && fits[0].r2 > 0.97,
    `beta ${fits[0].fit.coef[1]}`,
  );
  assert.equal(fits[2].alphaAnnualised, fits[2].alpha * 12);

  const names = ["alpha", "beta_mkt_rf", "beta_smb", "beta_hml"];
  names.forEach((c, j) => {
    const ours = rolling.getColumn(c).toArray() as (number | null)[];
    const theirs = ref.rolling.params[j];
    assert.equal(ours.filter((v) => v === null).length, 35, `${c}: 35 warm-up nulls`);
    ours.forEach((v, t) => {
      if (v === null) return assert.equal(theirs[t], null, `${c}[${t}] null`);
      assert.ok(
        Math.abs(v - (theirs[t] as number)) <= TOLERANCE,
        `${c}[${t}]: ${v} vs ${theirs[t]}`,
      );
    });
  });

  const ours = compoundMonthly(benchmark, { columns: ["ret"] });
  assert.deepEqual(ours.getColumn("month").toArray(), ref.monthly.month);
  close(ours.getColumn("ret").toArray() as number[], ref.monthly.ret, "monthly compounding");
});

/** Excess return (ret - rf) and the model's factor columns, month by month. */
function regressors(returns: pl.DataFrame, ff: pl.DataFrame, model: FactorModel) {
  const names = model === "capm" ? ["mkt_rf"] : ["mkt_rf", "smb", "hml"];
  const joined = returns.join(ff, { on: "month" }).sort("month");
  const ret = joined.getColumn("ret").toArray() as number[];
  const rf = joined.getColumn("rf").toArray() as number[];
  return {
    y: ret.map((r, i) => r - rf[i]),
    x: names.map((n) => joined.getColumn(n).toArray() as number[]),
  };
}
