import assert from "node:assert/strict";
import { fillsLine, fillsTags, tagFills } from "@lib/backtest/fills.ts";
import type { MlflowClient } from "@lib/mlflow/client.ts";

Deno.test("fillsLine warns under same_close and states the next-bar timing otherwise", () => {
  assert.equal(
    fillsLine("next_open"),
    'Fills (`execution: "next_open"`): a signal or score computed from bar t fills at bar ' +
      "t + 1's open, after fees and slippage, for every strategy and the moving-average grid.",
  );
  assert.match(fillsLine("next_close"), /fills at bar t \+ 1's close/);
  assert.match(
    fillsLine("same_close"),
    /^\*\*Warning: same-bar fills\*\* .* at bar t's own close, the close of the bar that produced it, so results are optimistic/,
  );
});

Deno.test("tagFills sets ws.same_bar_fills on a tracked run: true under same_close only", async () => {
  const tags: [string, Record<string, string>][] = [];
  const client = { setTags: (id: string, t: Record<string, string>) => tags.push([id, t]) };
  const nb = (runId: string | undefined) => ({
    runId,
    mlflow: () =>
      Promise.resolve({ client: client as unknown as MlflowClient, runId: runId ?? "x" }),
  });
  await tagFills(nb(undefined), "same_close");
  assert.equal(tags.length, 0, "an untracked notebook sets no tag");
  await tagFills(nb("r"), "next_open");
  await tagFills(nb("r"), "next_close");
  await tagFills(nb("r"), "same_close");
  assert.deepEqual(tags, [
    ["r", { "ws.same_bar_fills": "false" }],
    ["r", { "ws.same_bar_fills": "false" }],
    ["r", { "ws.same_bar_fills": "true" }],
  ]);
  assert.deepEqual(fillsTags("same_close"), { "ws.same_bar_fills": "true" });
});
