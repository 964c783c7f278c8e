import assert from "node:assert/strict";
import { join } from "node:path";
import { DataError, parseBarsCsv } from "@lib/data/mod.ts";
import {
  assertNoFailures,
  checkBars,
  failuresBySymbol,
  qualityMetrics,
  qualityTotals,
  ruleTable,
  writeQualityReports,
} from "@lib/data/quality/mod.ts";

const csv = [
  "symbol,date,open,high,low,close,volume",
  "A,2024-01-02,10,11,9,10,100",
  "A,2024-01-03,10,11,9,10,-1", // negative volume: dropped
  "A,2024-01-04,12,11,9,10,100", // open above high: fixed
  "B,2024-01-02,5,6,4,5,-1", // negative volume: dropped, B has no row left
].join("\n");
const { report } = checkBars(parseBarsCsv(csv, "t.csv"), { min_history: { minRows: 1 } }, {
  origin: "t.csv",
});

Deno.test("ruleTable gives one row per rule with policy, counts, action and first example", () => {
  const rows = ruleTable(report).toRecords();
  assert.equal(rows.length, 12);
  const volume = rows.find((r) => r.rule === "non_negative_volume")!;
  assert.deepEqual(
    [volume.policy, Number(volume.failures), Number(volume.symbols), volume.action, volume.example],
    ["exclude", 2, 2, "dropped", "A 2024-01-03"],
  );
});

Deno.test("failuresBySymbol counts failing rows per symbol and rule", () => {
  const rows = failuresBySymbol(report).toRecords().map((r) =>
    `${r.symbol} ${r.rule} ${r.action} ${r.failures}`
  );
  assert.deepEqual(rows, [
    "A non_negative_volume dropped 1",
    "A open_close_in_range fixed 1",
    "B non_negative_volume dropped 1",
  ]);
});

Deno.test("qualityTotals and qualityMetrics count rows dropped, fixes and symbols lost", () => {
  assert.deepEqual(qualityTotals(report), {
    rowsChecked: 4,
    symbolsChecked: 2,
    rowsKept: 2,
    rowsDropped: 2,
    symbolsDropped: 1,
    fixes: 1,
    warnings: 0,
    failures: 0,
  });
  const m = qualityMetrics(report, "q_");
  assert.equal(m.q_rows_dropped, 2);
  assert.equal(m.q_rule_non_negative_volume, 2);
  assert.equal(m.q_rule_open_close_in_range, 1);
  assert.equal(Object.keys(m).length, 8 + 12);
  assert.ok(Object.values(m).every(Number.isFinite));
});

Deno.test("writeQualityReports writes every dataset's totals, rules and rows as JSON", async () => {
  const path = join(await Deno.makeTempDir(), "panel", "quality_report.json");
  assert.equal(await writeQualityReports({ daily: report }, path), path);
  const json = JSON.parse(await Deno.readTextFile(path));
  assert.equal(json.daily.origin, "t.csv");
  assert.equal(json.daily.totals.rowsDropped, 2);
  assert.equal(json.daily.rules.length, 12);
  assert.deepEqual(json.daily.issues[0], {
    symbol: "A",
    date: "2024-01-03",
    rule: "non_negative_volume",
    action: "dropped",
  });
  assert.equal(json.daily.issues.length, 3);
});

Deno.test("assertNoFailures throws naming the origin and each rule whose policy is fail", () => {
  assertNoFailures(report);
  const failing = checkBars(parseBarsCsv(csv, "t.csv"), {
    min_history: { minRows: 1 },
    non_negative_volume: { policy: "fail" },
  }, { origin: "prices.csv" }).report;
  assert.throws(
    () => assertNoFailures(failing),
    (e: unknown) =>
      e instanceof DataError &&
      e.message ===
        "prices.csv: data quality failed: non_negative_volume: 2 failing row(s), first A 2024-01-03",
  );
});

Deno.test("assertNoFailures names every failing rule whose policy is fail, in rule order", () => {
  const bad = parseBarsCsv(
    "symbol,date,open,high,low,close,volume\nA,2024-01-02,10,9,11,10,-1\n",
    "t",
  );
  const { report } = checkBars(bad, {
    min_history: { minRows: 1 },
    non_negative_volume: { policy: "fail" },
    high_ge_low: { policy: "fail" },
  }, { origin: "t.csv" });
  assert.throws(
    () => assertNoFailures(report),
    (e: unknown) =>
      e instanceof DataError &&
      e.message ===
        "t.csv: data quality failed: non_negative_volume: 1 failing row(s), first A 2024-01-02; " +
          "high_ge_low: 1 failing row(s), first A 2024-01-02",
  );
});
