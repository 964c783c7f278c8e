import assert from "node:assert/strict";
import { stepParams } from "@pipelines/params.ts";
import { referenceFile } from "@lib/data/sample.ts";
import { projectPath } from "@lib/paths.ts";

Deno.test("acquisition params default to the offline sample with the default quality rules", () => {
  const p = stepParams.acquisition.parse({});
  assert.equal(p.source, "sample");
  // unset: the sample's own tables for the sample source, none for any other
  assert.equal(p.universe, undefined);
  assert.equal(p.splits, undefined);
  assert.equal(referenceFile("universe", p.universe, p.source), "data/sample/universe.csv");
  assert.equal(referenceFile("splits", p.splits, p.source), "data/sample/splits.csv");
  assert.equal(p.storeDir, "store");
  assert.equal(p.refetch, false);
  assert.equal(p.adjustSplits, true);
  assert.deepEqual(p.filters, {});
  assert.equal(p.quality.non_trading_day.policy, "exclude");
  assert.equal(p.quality.extreme_move.maxAbsReturn, 0.4);
});

Deno.test("acquisition params refuse a misspelt rule, a bad policy and a bad filter", () => {
  const parse = (o: Record<string, unknown>) => stepParams.acquisition.safeParse(o);
  assert.match(JSON.stringify(parse({ quality: { extreme_moves: {} } }).error), /extreme_moves/);
  assert.equal(parse({ quality: { positive_prices: { policy: "fix" } } }).success, false);
  assert.equal(parse({ filters: { minPrice: -1 } }).success, false);
  assert.equal(parse({ filters: { minVolume: 1 } }).success, false);
  assert.equal(parse({ quality: { min_history: { minRows: 60 } } }).success, true);
});

Deno.test("acquisition params hold the symbols and dates, start on or before end", () => {
  const parse = (o: Record<string, unknown>) => stepParams.acquisition.safeParse(o);
  const p = stepParams.acquisition.parse({ symbols: ["AAPL"], start: "2024-02-29" });
  assert.deepEqual([p.symbols, p.start, p.end], [["AAPL"], "2024-02-29", undefined]);
  const reversed = parse({ start: "2021-06-01", end: "2021-01-04" });
  assert.equal(reversed.success, false);
  assert.deepEqual(reversed.error!.issues.map((i) => [i.path.join("."), i.message]), [
    ["start", "start 2021-06-01 is after end 2021-01-04 (start must be on or before end)"],
  ]);
  assert.equal(parse({ start: "2021-01-04", end: "2021-01-04" }).success, true);
  assert.match(JSON.stringify(parse({ end: "2021-02-29" }).error), /is not a calendar date/);
  assert.match(JSON.stringify(parse({ symbols: ["../x"] }).error), /expected a ticker symbol/);
});

Deno.test("the later steps' schemas refuse symbols, start and end: only step 01 chooses them", () => {
  for (const step of ["features", "labeling", "training", "analysis", "backtest"] as const) {
    const result = stepParams[step].safeParse({ symbols: ["AAPL"], start: "2020-01-01" });
    assert.equal(result.success, false, step);
    assert.match(JSON.stringify(result.error), /unrecognized_keys/, step);
  }
});

Deno.test("a source other than the sample reads no sample universe or splits unless asked", () => {
  const p = stepParams.acquisition.parse({ source: "local", sourceDir: "data/sample" });
  assert.equal(referenceFile("universe", p.universe, p.source), "");
  assert.equal(referenceFile("splits", p.splits, p.source), "");
  const own = stepParams.acquisition.parse({
    source: "local",
    sourceDir: "data/sample",
    splits: "data/sample/splits.csv",
  });
  assert.equal(referenceFile("splits", own.splits, own.source), "data/sample/splits.csv");
  const none = stepParams.acquisition.parse({ universe: "", splits: "" });
  assert.equal(referenceFile("universe", none.universe, none.source), "");
  assert.equal(referenceFile("splits", none.splits, none.source), "");
});

Deno.test("a folder source needs a sourceDir that exists, and set tables must exist", () => {
  const issues = (o: Record<string, unknown>) =>
    JSON.stringify(stepParams.acquisition.safeParse(o).error?.issues ?? []);
  assert.match(issues({ source: "local" }), /the local source reads a folder: set sourceDir/);
  assert.match(issues({ source: "polygon-flat", sourceDir: "data/no_such_dir" }), /does not exist/);
  assert.match(
    issues({ source: "local", sourceDir: "data/sample/universe.csv" }),
    /is not a folder/,
  );
  assert.equal(
    stepParams.acquisition.safeParse({ source: "local", sourceDir: "data/sample" }).success,
    true,
  );
  assert.match(
    issues({ splits: "data/no_such_splits.csv" }),
    /data\/no_such_splits.csv\\" does not exist/,
  );
  const empty = projectPath("data", `empty-${crypto.randomUUID()}`);
  Deno.mkdirSync(empty);
  try {
    const relative = empty.slice(projectPath().length + 1);
    assert.match(
      issues({ source: "local", sourceDir: relative }),
      /holds no .csv or .parquet file/,
    );
  } finally {
    Deno.removeSync(empty);
  }
  // the network sources and the sample read no folder
  assert.equal(stepParams.acquisition.safeParse({ source: "yahoo" }).success, true);
});

Deno.test("a local folder with only the benchmark, without it, or without a symbol is refused", () => {
  const issues = (o: Record<string, unknown>) =>
    (stepParams.acquisition.safeParse(o).error?.issues ?? []).map((i) => i.message).join("\n");
  const dir = projectPath("data", `folder-${crypto.randomUUID()}`);
  const relative = dir.slice(projectPath().length + 1);
  const bars = "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,1,1,1,1,10\n";
  Deno.mkdirSync(dir);
  try {
    Deno.writeTextFileSync(`${dir}/^GSPC.csv`, bars);
    assert.match(
      issues({ source: "local", sourceDir: relative }),
      /holds only the benchmark file \(\^GSPC\.csv\): no stock to load/,
    );
    Deno.writeTextFileSync(`${dir}/AAA.csv`, bars);
    assert.equal(issues({ source: "local", sourceDir: relative }), "");
    assert.match(
      issues({ source: "local", sourceDir: relative, symbols: ["AAA", "ZZZ"] }),
      /has no file for symbol\(s\) ZZZ \(it holds 1: AAA\)/,
    );
    Deno.removeSync(`${dir}/^GSPC.csv`);
    assert.match(
      issues({ source: "local", sourceDir: relative }),
      /has no benchmark file \^GSPC\.csv \(or \.parquet\)/,
    );
    // A file with a symbol column may hold any symbol, the benchmark too: left to the source.
    Deno.writeTextFileSync(`${dir}/all.csv`, "symbol,date,open,high,low,close,volume\n");
    assert.equal(issues({ source: "local", sourceDir: relative, symbols: ["ZZZ"] }), "");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
