import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { DataError, parseBarsCsv } from "@lib/data/mod.ts";
import { checkBars, parseQualityConfig, type QualityReport } from "@lib/data/quality/mod.ts";
import { parseSplitsCsv } from "@lib/data/corporate_actions.ts";

const HEADER = "symbol,date,open,high,low,close,volume";
const bars = (...rows: string[]) => parseBarsCsv([HEADER, ...rows].join("\n"), "t.csv");
const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);
const ONE_ROW_OK = { min_history: { minRows: 1 } };

function failures(report: QualityReport): Record<string, number> {
  return Object.fromEntries(report.rules.map((r) => [r.rule, r.failures]));
}

function issues(report: QualityReport): string[] {
  return (report.issues.toRecords() as Record<string, unknown>[]).map((r) =>
    `${r.symbol} ${iso(r.date)} ${r.rule} ${r.action}`
  );
}

Deno.test("checkBars keeps clean bars unchanged and reports zero failures for every rule", () => {
  const input = bars(
    "A,2024-01-02,10,11,9,10,100",
    "A,2024-01-03,10,11,9,10.5,0",
    "B,2024-01-02,5,6,4,5,1",
  );
  const { bars: out, report } = checkBars(input, ONE_ROW_OK);
  assert.ok(out.frameEqual(input));
  assert.deepEqual(report.rules.map((r) => r.rule), [
    "required_columns",
    "unsorted_key",
    "duplicate_key",
    "null_values",
    "non_trading_day",
    "positive_prices",
    "non_negative_volume",
    "high_ge_low",
    "open_close_in_range",
    "extreme_range",
    "extreme_move",
    "min_history",
  ]);
  assert.ok(report.rules.every((r) => r.failures === 0 && r.example === null));
  assert.equal(report.issues.height, 0);
  assert.deepEqual(
    [report.rowsChecked, report.symbolsChecked, report.rowsKept, report.symbolsKept],
    [3, 2, 3, 2],
  );
});

Deno.test("checkBars under the default policies drops, fixes and warns, listing every row", () => {
  const input = bars(
    "A,2024-01-03,10,11,9,10,100", // fine (out of order with the next row)
    "A,2024-01-02,10,11,9,10,100", // unsorted: fixed by sorting
    "A,2024-01-03,10,11,9,10,100", // duplicate of the first row: dropped
    "A,2024-01-04,10,11,9,,100", // null close: dropped
    "A,2024-01-06,10,11,9,10,100", // Saturday: dropped
    "A,2024-01-05,0,11,9,10,100", // zero open: dropped (and out of order)
    "A,2024-01-08,10,11,9,10,-5", // negative volume: dropped
    "A,2024-01-09,10,9,11,10,100", // high < low: dropped
    "A,2024-01-10,12,11,9,10,100", // open above high: fixed (high becomes 12)
    "A,2024-01-11,10,16,4,10,100", // range 12/10 = 1.2 > 0.5: fixed to open/close
    "A,2024-01-12,20,20,20,20,100", // +100% close to close: warned, kept
  );
  const { bars: out, report } = checkBars(input, ONE_ROW_OK);
  assert.deepEqual(failures(report), {
    required_columns: 0,
    unsorted_key: 2,
    duplicate_key: 1,
    null_values: 1,
    non_trading_day: 1,
    positive_prices: 1,
    non_negative_volume: 1,
    high_ge_low: 1,
    open_close_in_range: 1,
    extreme_range: 1,
    extreme_move: 1,
    min_history: 0,
  });
  assert.deepEqual(issues(report), [
    "A 2024-01-02 unsorted_key fixed",
    "A 2024-01-03 duplicate_key dropped",
    "A 2024-01-04 null_values dropped",
    "A 2024-01-05 unsorted_key fixed",
    "A 2024-01-05 positive_prices dropped",
    "A 2024-01-06 non_trading_day dropped",
    "A 2024-01-08 non_negative_volume dropped",
    "A 2024-01-09 high_ge_low dropped",
    "A 2024-01-10 open_close_in_range fixed",
    "A 2024-01-11 extreme_range fixed",
    "A 2024-01-12 extreme_move warned",
  ]);
  assert.deepEqual(out.getColumn("date").toArray().map(iso), [
    "2024-01-02",
    "2024-01-03",
    "2024-01-10",
    "2024-01-11",
    "2024-01-12",
  ]);
  assert.deepEqual(out.getColumn("high").toArray(), [11, 11, 12, 10, 20]);
  assert.deepEqual(out.getColumn("low").toArray(), [9, 9, 9, 10, 20]);
  assert.equal(report.rowsKept, 5);
  assert.equal(input.height, 11, "the input frame is not modified");
});

Deno.test("checkBars with policy warn keeps the failing rows unchanged", () => {
  const input = bars("A,2024-01-02,10,9,11,10,-5");
  const config = {
    ...ONE_ROW_OK,
    high_ge_low: { policy: "warn" as const },
    non_negative_volume: { policy: "warn" as const },
    open_close_in_range: { policy: "warn" as const },
  };
  const { bars: out, report } = checkBars(input, config);
  assert.ok(out.frameEqual(input));
  assert.deepEqual(issues(report), [
    "A 2024-01-02 non_negative_volume warned",
    "A 2024-01-02 high_ge_low warned",
    "A 2024-01-02 open_close_in_range warned",
  ]);
});

Deno.test("checkBars with high_ge_low fix swaps high and low", () => {
  const { bars: out, report } = checkBars(bars("A,2024-01-02,10,9,11,10,1"), {
    ...ONE_ROW_OK,
    high_ge_low: { policy: "fix" },
  });
  assert.deepEqual([out.getColumn("high").get(0), out.getColumn("low").get(0)], [11, 9]);
  assert.equal(report.rules.find((r) => r.rule === "high_ge_low")!.action, "fixed");
});

Deno.test("checkBars with policy fail keeps the rows and records them as failed", () => {
  const input = bars("A,2024-01-02,10,11,9,10,-1");
  const { bars: out, report } = checkBars(input, {
    ...ONE_ROW_OK,
    non_negative_volume: { policy: "fail" },
  });
  assert.equal(out.height, 1);
  assert.deepEqual(issues(report), ["A 2024-01-02 non_negative_volume failed"]);
});

Deno.test("checkBars non_trading_day drops dates missing from the calendar", () => {
  const input = bars(
    "A,2024-01-02,10,11,9,10,1",
    "A,2024-01-03,10,10,10,10,0", // a placeholder on a holiday
    "A,2024-01-04,10,11,9,10,1",
  );
  const calendar = [new Date("2024-01-02"), new Date("2024-01-04")];
  const { bars: out, report } = checkBars(input, ONE_ROW_OK, { calendar });
  assert.deepEqual(out.getColumn("date").toArray().map(iso), ["2024-01-02", "2024-01-04"]);
  assert.deepEqual(issues(report), ["A 2024-01-03 non_trading_day dropped"]);
  assert.equal(checkBars(input, ONE_ROW_OK).bars.height, 3, "no calendar: weekdays pass");
});

Deno.test("checkBars extreme_move judges a split day on its new basis when splits are given", () => {
  const input = bars(
    "A,2024-01-02,100,101,99,100,1",
    "A,2024-01-03,50,51,49,50.5,2", // a 2-for-1 split: -49.5% raw, +1% adjusted
  );
  const splits = parseSplitsCsv("symbol,date,ratio\nA,2024-01-03,2\n", "splits.csv");
  assert.deepEqual(issues(checkBars(input, ONE_ROW_OK).report), [
    "A 2024-01-03 extreme_move warned",
  ]);
  assert.equal(checkBars(input, ONE_ROW_OK, { splits }).report.issues.height, 0);
  const tight = { ...ONE_ROW_OK, extreme_move: { maxAbsReturn: 0.005 } };
  assert.equal(checkBars(input, tight, { splits }).report.issues.height, 1);
});

Deno.test("checkBars min_history drops every row of a symbol with too few rows", () => {
  const input = bars(
    "A,2024-01-02,10,11,9,10,1",
    "A,2024-01-03,10,11,9,10,1",
    "B,2024-01-02,5,6,4,5,1",
  );
  const { bars: out, report } = checkBars(input, { min_history: { minRows: 2 } });
  assert.deepEqual(out.getColumn("symbol").toArray(), ["A", "A"]);
  assert.deepEqual(issues(report), ["B 2024-01-02 min_history dropped"]);
  assert.equal(report.symbolsKept, 1);
});

Deno.test("checkBars names the origin and the missing or mistyped columns", () => {
  const noVolume = pl.DataFrame({ symbol: ["A"], date: [new Date("2024-01-02")] });
  assert.throws(
    () => checkBars(noVolume, {}, { origin: "prices.csv" }),
    (e: unknown) =>
      e instanceof DataError && e.origin === "prices.csv" &&
      /required_columns: missing column\(s\) open, high, low, close, volume; date is Datetime/
        .test(e.message),
  );
});

Deno.test("parseQualityConfig fills defaults and refuses unknown rules and unsupported policies", () => {
  const config = parseQualityConfig({});
  assert.equal(config.non_trading_day.policy, "exclude");
  assert.equal(config.extreme_move.maxAbsReturn, 0.4);
  assert.equal(config.min_history.minRows, 20);
  assert.throws(() => parseQualityConfig({ no_such_rule: {} } as never), /no_such_rule/);
  assert.throws(
    () => parseQualityConfig({ non_negative_volume: { policy: "fix" } } as never),
    /Invalid enum value.*'fix'/,
  );
  assert.throws(
    () => parseQualityConfig({ extreme_move: { maxAbsReturn: -1 } }),
    /greater than 0/,
  );
});

Deno.test("checkBars counts a row with two non-positive prices once under positive_prices", () => {
  const input = bars("A,2024-01-02,10,11,9,10,100", "A,2024-01-03,0,11,9,-1,100");
  const { report } = checkBars(input, ONE_ROW_OK);
  assert.equal(failures(report).positive_prices, 1);
  assert.deepEqual(issues(report), ["A 2024-01-03 positive_prices dropped"]);
});
