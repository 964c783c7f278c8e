import assert from "node:assert/strict";
import { stepParams } from "@pipelines/params.ts";

Deno.test("acquisition params default to the offline sample with the default quality rules", () => {
  const p = stepParams.acquisition.parse({});
  assert.equal(p.source, "sample");
  assert.equal(p.universe, "data/sample/universe.csv");
  assert.equal(p.splits, "data/sample/splits.csv");
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
