import assert from "node:assert/strict";
import { backtestParams } from "@pipelines/params/backtest.ts";

Deno.test("backtestParams execution defaults to next_open and accepts next_close and same_close", () => {
  assert.equal(backtestParams.parse({}).execution, "next_open");
  assert.equal(backtestParams.parse({ execution: "next_close" }).execution, "next_close");
  assert.equal(backtestParams.parse({ execution: "same_close" }).execution, "same_close");
});

Deno.test('backtestParams execution reads the old "close" as same_close and names the values otherwise', () => {
  assert.equal(backtestParams.parse({ execution: "close" }).execution, "same_close");
  const parsed = backtestParams.safeParse({ execution: "open" });
  assert.equal(parsed.success, false);
  assert.deepEqual(parsed.error?.issues.map((i) => [i.path.join("."), i.message]), [
    ["execution", "execution must be one of next_open, next_close, same_close"],
  ]);
});
