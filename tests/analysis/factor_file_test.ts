import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { factorFileFromText, loadFactorFile, monthlyFactors } from "@lib/analysis/factor_file.ts";
import { loadFamaFrench } from "@lib/analysis/fama_french.ts";
import { parseFactorCsv } from "@lib/analysis/french_csv.ts";
import { defaultValue, frenchCsv, periods } from "./french_fixtures.ts";

Deno.test("parseFactorCsv reads a monthly FF3 file as downloaded: description lines skipped, percent to decimals, the annual block left out", () => {
  const text = frenchCsv({ frequency: "monthly", model: "ff3", start: "2017-11", end: "2019-02" });
  const f = parseFactorCsv(text);
  assert.equal(f.frequency, "monthly");
  assert.equal(f.model, "ff3");
  assert.deepEqual(f.factors, ["mkt_rf", "smb", "hml"]);
  assert.equal(f.dates.length, 16); // 2017-11..2019-02; the annual rows 2017..2019 are not months
  assert.deepEqual([f.dates[0], f.dates[15]], ["2017-11", "2019-02"]);
  // row 1, SMB: round(300 sin(2 x 0.87)) / 100 = 2.96 percent
  assert.equal(defaultValue("SMB", 1), 2.96);
  assert.equal(f.values.smb[1], 0.0296);
  assert.equal(f.values.rf[2], 0.0003);
  assert.ok(!f.values.mkt_rf.some((v) => v === 0.1234), "an annual value was read");
});

Deno.test("parseFactorCsv reads FF5 columns from the header, with Windows line endings", () => {
  const text = frenchCsv({
    frequency: "monthly",
    model: "ff5",
    start: "1963-07",
    end: "1964-06",
    crlf: true,
  });
  const f = parseFactorCsv(text);
  assert.equal(f.model, "ff5");
  assert.deepEqual(f.factors, ["mkt_rf", "smb", "hml", "rmw", "cma"]);
  assert.equal(f.dates.length, 12);
  // as written: CMA row 0 is round(300 sin(1.98)) / 100 = 2.75 percent, RMW row 3 0.47
  assert.deepEqual([defaultValue("CMA", 0), defaultValue("RMW", 3)], [2.75, 0.47]);
  assert.equal(f.values.cma[0], 0.0275);
  assert.equal(f.values.rmw[3], 0.0047);
});

Deno.test("parseFactorCsv detects a daily file from YYYYMMDD dates and reads -99.99 and -999 as missing", () => {
  const text = frenchCsv({
    frequency: "daily",
    model: "ff3",
    start: "2018-11-01",
    end: "2018-12-31",
    value: (c, i) => (i === 2 && c === "HML" ? -99.99 : i === 3 && c === "SMB" ? -999 : 0.5),
  });
  const f = parseFactorCsv(text);
  assert.equal(f.frequency, "daily");
  assert.equal(f.dates[0], "2018-11-01");
  assert.equal(
    f.dates.length,
    periods({ frequency: "daily", start: "2018-11-01", end: "2018-12-31" }).length,
  );
  assert.ok(Number.isNaN(f.values.hml[2]) && Number.isNaN(f.values.smb[3]));
  assert.equal(f.values.hml[1], 0.005);
});

Deno.test("parseFactorCsv names the line and the problem", () => {
  const good = frenchCsv({ frequency: "monthly", model: "ff3", start: "2020-01", end: "2020-03" });
  const lines = good.split("\n");
  const replace = (at: number, line: string) => lines.with(at, line).join("\n");
  // lines[3] is the header, lines[4] the first month
  assert.throws(() => parseFactorCsv(""), /empty/);
  assert.throws(() => parseFactorCsv("a,b\n1,2\n"), /no header row like ,Mkt-RF,SMB,HML,RF/);
  assert.throws(() => parseFactorCsv(replace(3, ",Mkt-RF,SMB,HML")), /line 4: .* has no RF column/);
  assert.throws(() => parseFactorCsv(replace(3, ",Mkt-RF,SMB,HML,RMW,RF")), /RMW without CMA/);
  assert.throws(
    () => parseFactorCsv(replace(4, "202013, 1, 1, 1, 1")),
    /line 5: "202013" is not a calendar date/,
  );
  assert.throws(
    () => parseFactorCsv(replace(4, "202001, 1, x, 1, 1")),
    /line 5: smb "x" is not a number/,
  );
  assert.throws(
    () => parseFactorCsv(replace(5, "202001, 1, 1, 1, 1")),
    /line 6: date 2020-01 does not come after 2020-01/,
  );
  assert.throws(
    () => parseFactorCsv(replace(4, "20201, 1, 1, 1, 1")),
    /line 5: date "20201" is neither YYYYMM/,
  );
  assert.throws(() => parseFactorCsv(lines.slice(0, 4).join("\n")), /no YYYYMM or YYYYMMDD rows/);
  const weekly = [
    ",Mkt-RF,SMB,HML,RF",
    "20200103,1,1,1,0.1",
    "20200110,1,1,1,0.1",
    "20200117,1,1,1,0.1",
  ];
  assert.throws(() => parseFactorCsv(weekly.join("\n")), /a weekly file\?/);
  const decimals = frenchCsv({
    frequency: "monthly",
    model: "ff3",
    start: "2020-01",
    end: "2021-12",
    value: (c, i) => (c === "RF" ? 0.0001 : 0.01 * Math.sin(i)),
  });
  assert.throws(() => parseFactorCsv(decimals), /the values look like decimals, but .* in percent/);
});

Deno.test("factorFileFromText: a monthly file in Ken French's layout with the bundled values equals the bundled file, bit for bit", () => {
  const bundled = loadFamaFrench();
  const rows = bundled.toRecords() as {
    month: string;
    mkt_rf: number;
    smb: number;
    hml: number;
    rf: number;
  }[];
  const percent = (v: number) => (Math.round(v * 1e6) / 1e4).toString();
  const text = [
    "This file was created by CMPT_ME_BEME_RETS using the 201811 CRSP database.",
    "",
    ",Mkt-RF,SMB,HML,RF",
    ...rows.map((r) =>
      [r.month.replace("-", ""), percent(r.mkt_rf), percent(r.smb), percent(r.hml), percent(r.rf)]
        .join(",")
    ),
    "",
    " Annual Factors: January-December ",
    ",Mkt-RF,SMB,HML,RF",
    "  1927,   29.47,   -2.04,  -4.54,    3.12",
  ].join("\n");
  const file = factorFileFromText(text);
  assert.deepEqual(file.monthly.toRecords(), bundled.toRecords());
  assert.deepEqual(loadFactorFile().monthly.toRecords(), bundled.toRecords());
  assert.deepEqual(loadFactorFile().frame.toRecords(), bundled.toRecords());
});

Deno.test("loadFactorFile describes what it holds: frequency, model and range", () => {
  const ff = loadFactorFile();
  assert.equal(ff.frequency, "monthly");
  assert.equal(ff.model, "ff3");
  assert.deepEqual([ff.first, ff.last], ["1926-07", "2018-11"]);
  assert.equal(
    ff.description,
    "Factors: FF3 monthly, 1926-07..2018-11, from the bundled file (data/sample/ff_factors_monthly.csv).",
  );
  assert.throws(
    () => loadFactorFile("data/sample/no_such_file.csv"),
    /factor file "data\/sample\/no_such_file.csv" cannot be read/,
  );
  assert.throws(
    () => loadFactorFile("data/sample/ohlcv_daily.csv"),
    /data\/sample\/ohlcv_daily.csv: no header row like ,Mkt-RF,SMB,HML,RF/,
  );
});

Deno.test("monthlyFactors compounds a daily file per calendar month and leaves out months under minDays rows", () => {
  // November 2018 has 22 weekdays, December 2018 21; 2019-01-01..2019-01-04 is 4 weekdays.
  const text = frenchCsv({
    frequency: "daily",
    model: "ff5",
    start: "2018-11-01",
    end: "2019-01-04",
    value: (
      c,
      i,
    ) => (c === "RF" ? 0.01 : c === "Mkt-RF" ? (i % 2 === 0 ? 1 : -0.5) : 0.1 * (i % 4)),
  });
  const file = factorFileFromText(text);
  assert.equal(file.frequency, "daily");
  assert.equal(file.model, "ff5");
  assert.deepEqual([file.first, file.last], ["2018-11-01", "2019-01-04"]);
  assert.equal(file.frame.height, 22 + 21 + 4);
  assert.equal(String(file.frame.getColumn("date").dtype), "DataType(Date)");
  assert.deepEqual(file.monthly.getColumn("month").toArray(), ["2018-11", "2018-12"]);
  const nov = file.monthly.toRecords()[0] as Record<string, number>;
  // rf: 1.0001^22 - 1; market: 11 days of 1.0101 and 11 of 0.9951, less rf
  assert.ok(Math.abs(nov.rf - (1.0001 ** 22 - 1)) < 1e-15);
  assert.ok(Math.abs(nov.mkt_rf - (1.0101 ** 11 * 0.9951 ** 11 - 1.0001 ** 22)) < 1e-15);
  // smb: rows 0..21 cycle 0, 0.1, 0.2, 0.3 percent: 6 zeros, 6 x 0.001, 5 x 0.002, 5 x 0.003
  assert.ok(Math.abs(nov.smb - (1.001 ** 6 * 1.002 ** 5 * 1.003 ** 5 - 1)) < 1e-15);
  assert.equal(monthlyFactors(parseFactorCsv(text), 4).height, 3);
  assert.match(
    file.description,
    /FF5 daily, 2018-11-01..2019-01-04, .*compounded to 2 months of at least 15 days/,
  );
});

Deno.test("monthlyFactors leaves a month null in a column with a missing day", () => {
  const text = frenchCsv({
    frequency: "daily",
    model: "ff3",
    start: "2018-11-01",
    end: "2018-12-31",
    value: (c, i) => (c === "HML" && i === 30 ? -99.99 : 0.1),
  });
  const m = factorFileFromText(text).monthly;
  assert.deepEqual(m.getColumn("hml").toArray().map((v) => v === null), [false, true]);
  assert.equal(m.filter(pl.col("smb").isNull()).height, 0);
});
