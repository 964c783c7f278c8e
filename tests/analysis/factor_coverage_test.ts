/**
 * Regressions over periods a factor file covers in part or not at all, on generated files in
 * Ken French's layout: the fit uses the overlap and says how many months, or is skipped with
 * the covered range named; never an error.
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { factorFileFromText } from "@lib/analysis/factor_file.ts";
import {
  coverageSummary,
  factorCoverage,
  factorCoverageMetrics,
} from "@lib/analysis/factor_coverage.ts";
import {
  availableModels,
  factorRegression,
  regressionSummary,
  rollingFactorRegression,
} from "@lib/analysis/factor_regression.ts";
import { assetFactorFits, assetFactorRegressions } from "@lib/analysis/asset_regressions.ts";
import { frenchCsv, periods } from "./french_fixtures.ts";

/** Monthly FF3 factors 2010-01..2011-12 (24 months), read from a generated Ken French file. */
const ff3 = factorFileFromText(
  frenchCsv({ frequency: "monthly", model: "ff3", start: "2010-01", end: "2011-12" }),
).monthly;

/** Monthly returns over `start..end`: rf + 0.002 + 1.5 x the market where the factors have it. */
function returnsOver(start: string, end: string): pl.DataFrame {
  const month = periods({ frequency: "monthly", start, end });
  const f = new Map(ff3.toRecords().map((r) => [r.month as string, r as Record<string, number>]));
  const ret = month.map((m, i) =>
    (f.get(m)?.rf ?? 0.001) + 0.002 + 1.5 * (f.get(m)?.mkt_rf ?? 0.01 * Math.sin(i))
  );
  return pl.DataFrame({ month, ret });
}

Deno.test("factorRegression on data ending after the factor file fits the overlap and says how many months", () => {
  const fit = factorRegression(returnsOver("2011-01", "2012-12"), ff3, { model: "capm" });
  assert.equal(fit.skipped, false);
  assert.equal(fit.coverage.status, "partial");
  assert.equal(fit.n, 12);
  assert.equal(fit.coverage.monthsUsed, 12);
  assert.deepEqual(fit.dropped, { noFactors: 12, missingReturn: 0 });
  assert.equal(
    fit.coverage.note,
    "partial: 12 of 24 months used (2011-01..2011-12); the factor file covers 2010-01..2011-12; " +
      "the data runs 2011-01..2012-12",
  );
  assert.ok(Math.abs(fit.table.getColumn("coef").get(1) - 1.5) < 1e-6);
  assert.match(regressionSummary(fit), /^Annualised alpha .* 12 months\. partial: 12 of 24/);
});

Deno.test("factorRegression on data starting before the factor file fits the overlap", () => {
  const fit = factorRegression(returnsOver("2009-01", "2010-12"), ff3);
  assert.equal(fit.coverage.status, "partial");
  assert.equal(fit.n, 12);
  assert.deepEqual([fit.coverage.usedFirst, fit.coverage.usedLast], ["2010-01", "2010-12"]);
});

Deno.test("factorRegression on data wholly outside the factor file is skipped, naming both ranges", () => {
  const fit = factorRegression(returnsOver("2013-01", "2014-12"), ff3);
  assert.equal(fit.skipped, true);
  assert.equal(
    fit.coverage.note,
    "skipped: the factor file covers 2010-01..2011-12; the data runs 2013-01..2014-12",
  );
  assert.equal(regressionSummary(fit), fit.coverage.note);
  assert.equal(fit.table.height, 0);
  assert.deepEqual(fit.table.columns, ["term", "coef", "std_err", "t_stat", "p_value"]);
  assert.ok(Number.isNaN(fit.alphaAnnualised) && fit.n === 0 && fit.coverage.monthsUsed === 0);
  // too few months overlap: 3 months, FF3 has 4 coefficients and needs 5
  const few = factorRegression(returnsOver("2011-10", "2013-12"), ff3);
  assert.equal(few.skipped, true);
  assert.equal(
    few.coverage.note,
    "skipped: only 3 months overlap (the factor file covers 2010-01..2011-12; the data runs " +
      "2011-10..2013-12), fewer than the 5 the ff3 model needs",
  );
  assert.equal(
    factorRegression(
      pl.DataFrame({ month: [], ret: [] }, { schema: { month: pl.Utf8, ret: pl.Float64 } }),
      ff3,
    ).coverage.note,
    "skipped: no monthly returns",
  );
});

Deno.test("factorRegression leaves out a month with a missing factor value (-99.99) and counts it", () => {
  const text = frenchCsv({
    frequency: "monthly",
    model: "ff3",
    start: "2010-01",
    end: "2011-12",
    value: (
      c,
      i,
    ) => (c === "HML" && i === 5
      ? -99.99
      : Math.round(300 * Math.sin(i * (1 + 0.3 * c.charCodeAt(0)))) / 100),
  });
  const factors = factorFileFromText(text).monthly;
  const fit = factorRegression(returnsOver("2010-01", "2011-12"), factors);
  assert.equal(fit.n, 23);
  assert.equal(fit.dropped.noFactors, 1);
  assert.equal(fit.coverage.status, "partial");
  // CAPM does not need HML: every month counts
  assert.equal(
    factorRegression(returnsOver("2010-01", "2011-12"), factors, { model: "capm" }).n,
    24,
  );
});

Deno.test("factorRegression with FF5 columns fits rmw and cma; availableModels adds ff5 only when the file has them", () => {
  const file = factorFileFromText(
    frenchCsv({ frequency: "monthly", model: "ff5", start: "2010-01", end: "2012-12" }),
  );
  assert.deepEqual(availableModels(file.monthly), ["capm", "ff3", "ff5"]);
  assert.deepEqual(availableModels(ff3), ["capm", "ff3"]);
  const f = file.monthly.toRecords() as Record<string, number>[];
  const noise = (i: number) => ((i * 7919) % 13 - 6) / 100_000;
  const ret = f.map((r, i) => r.rf + 0.001 + r.mkt_rf + 0.4 * r.rmw - 0.6 * r.cma + noise(i));
  const fit = factorRegression(
    pl.DataFrame({ month: file.monthly.getColumn("month").toArray(), ret }),
    file.monthly,
    { model: "ff5" },
  );
  assert.deepEqual(fit.table.getColumn("term").toArray(), [
    "alpha",
    "mkt_rf",
    "smb",
    "hml",
    "rmw",
    "cma",
  ]);
  const coef = fit.table.getColumn("coef").toArray() as number[];
  [0.001, 1, 0, 0, 0.4, -0.6].forEach((c, i) =>
    assert.ok(Math.abs(coef[i] - c) < 0.01, `${i}: ${coef[i]}`)
  );
  assert.throws(
    () => factorRegression(returnsOver("2010-01", "2011-12"), ff3, { model: "ff5" }),
    /no "rmw" column/,
  );
});

Deno.test("rollingFactorRegression on data outside the factor file is an empty frame, not an error", () => {
  const rolling = rollingFactorRegression(returnsOver("2013-01", "2014-12"), ff3, { window: 12 });
  assert.equal(rolling.height, 0);
  assert.ok(rolling.columns.includes("beta_mkt_rf"));
});

/** Daily closes of `symbol` over `start..end` (20 days a month) earning `monthly(month)` each month. */
function panelOf(symbol: string, start: string, end: string, monthly: (m: string) => number) {
  const rows: { symbol: string; date: Date; close: number }[] = [];
  let price = 100;
  const [y0, m0] = start.split("-").map(Number);
  rows.push({ symbol, date: new Date(Date.UTC(y0, m0 - 1, 0)), close: price });
  for (const month of periods({ frequency: "monthly", start, end })) {
    const [y, m] = month.split("-").map(Number);
    const daily = (1 + monthly(month)) ** (1 / 20);
    for (let d = 1; d <= 20; d++) {
      price *= daily;
      rows.push({ symbol, date: new Date(Date.UTC(y, m - 1, d)), close: price });
    }
  }
  return rows;
}

function panel(...rows: { symbol: string; date: Date; close: number }[][]): pl.DataFrame {
  const all = rows.flat();
  return pl.DataFrame({ symbol: all.map((r) => r.symbol), close: all.map((r) => r.close) })
    .withColumns(pl.Series("date", all.map((r) => r.date)).cast(pl.Date));
}

Deno.test("assetFactorFits reports stocks inside, ending after and wholly outside the factor file, and keeps the table's schema", () => {
  const mkt = new Map(ff3.toRecords().map((r) => [r.month as string, r as Record<string, number>]));
  const earn = (m: string) =>
    (mkt.get(m)?.rf ?? 0.001) + 0.002 + 1.2 * (mkt.get(m)?.mkt_rf ?? 0.01);
  const fits = assetFactorFits(
    panel(
      panelOf("IN", "2010-01", "2011-12", earn),
      panelOf("LATE", "2011-01", "2013-06", earn),
      panelOf("OUT", "2019-01", "2024-12", earn),
    ),
    ff3,
  );
  const rows = fits.table.toRecords() as Record<string, unknown>[];
  assert.deepEqual(rows.map((r) => `${r.symbol} ${r.model} ${r.months}`), [
    "IN capm 24",
    "IN ff3 24",
    "LATE capm 12",
    "LATE ff3 12",
    "OUT capm 0",
    "OUT ff3 0",
  ]);
  assert.ok(Math.abs((rows[2].beta_mkt_rf as number) - 1.2) < 1e-9);
  assert.deepEqual([rows[4].alpha_annual, rows[5].beta_hml, rows[5].r2], [null, null, null]);
  assert.deepEqual(fits.coverage.map(([s, c]) => `${s} ${c.status}`), [
    "IN full",
    "LATE partial",
    "OUT skipped",
  ]);
  assert.equal(
    fits.note,
    "Factor regressions: 1 of 3 stocks fully covered by the factor file (2010-01..2011-12); " +
      "1 fitted on the overlap (LATE: 12 of 30 months used, the data runs 2011-01..2013-06); " +
      "1 skipped (OUT: the data runs 2019-01..2024-12).",
  );
  assert.deepEqual(fits.metrics, factorCoverageMetrics(fits.coverage.map(([, c]) => c)));
  assert.deepEqual(fits.metrics, {
    factor_months_used: 36,
    factor_coverage: 36 / (24 + 30 + 72),
    factor_skipped: 1,
  });
  // every stock outside: same columns and types as a fitted table
  const outside = assetFactorRegressions(panel(panelOf("OUT", "2019-01", "2020-12", earn)), ff3);
  assert.deepEqual(outside.columns, fits.table.columns);
  assert.deepEqual(outside.dtypes.map(String), fits.table.dtypes.map(String));
});

Deno.test("assetFactorFits on a daily FF5 factor file compounds it to months and adds the ff5 model", () => {
  const file = factorFileFromText(
    frenchCsv({ frequency: "daily", model: "ff5", start: "2010-01-01", end: "2011-12-31" }),
  );
  const monthly = new Map(
    file.monthly.toRecords().map((r) => [r.month as string, r as Record<string, number>]),
  );
  const earn = (m: string) =>
    monthly.get(m)!.rf + 0.002 + 0.8 * monthly.get(m)!.mkt_rf + 0.3 * monthly.get(m)!.cma;
  const fits = assetFactorFits(panel(panelOf("A", "2010-01", "2011-12", earn)), file.monthly);
  const rows = fits.table.toRecords() as Record<string, number>[];
  assert.deepEqual(rows.map((r) => r.model), ["capm", "ff3", "ff5"]);
  assert.ok(Math.abs(rows[2].alpha_annual - 0.024) < 1e-9, String(rows[2].alpha_annual));
  assert.ok(Math.abs(rows[2].beta_cma - 0.3) < 1e-9 && Math.abs(rows[2].beta_rmw) < 1e-9);
  assert.equal(rows[2].months, 24);
  assert.equal(
    fits.note,
    "Factor regressions: all 1 stocks fully covered by the factor file (2010-01..2011-12).",
  );
});

Deno.test("coverageSummary lists at most five names per status", () => {
  const skipped = factorCoverage({
    dataMonths: ["2019-01"],
    usedMonths: [],
    factorRange: ["1926-07", "2018-11"],
    needed: 3,
    model: "capm",
  });
  const series = Array.from({ length: 8 }, (_, i) => [`S${i}`, skipped] as const);
  const line = coverageSummary(series, "stocks");
  assert.match(
    line,
    /^Factor regressions: 0 of 8 stocks fully covered by the factor file \(1926-07..2018-11\); 8 skipped \(S0: /,
  );
  assert.match(line, /S4: the data runs 2019-01..2019-01; and 3 more\)\.$/);
});
