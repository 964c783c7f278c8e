import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MlflowClient, startLocalServer } from "@lib/mlflow/mod.ts";
import { countTrials, experimentTrials, loggedParams, trialKeys } from "@lib/backtest/trials.ts";

Deno.test("trialKeys: 5 named strategies plus one per (fast, slow) pair of gridWindows", () => {
  assert.equal(trialKeys({}).length, 5);
  assert.equal(trialKeys({ gridWindows: "[5,10,20,50]" }).length, 5 + 6);
  assert.equal(trialKeys({ gridWindows: "not json" }).length, 5);
});

Deno.test("countTrials counts a strategy once per distinct value of the parameters it reads", () => {
  // topK changes only top_k: 5 + 1 trials; feesBps changes every strategy and every grid pair.
  const base = { topK: "3", feesBps: "10", gridWindows: "[5,10,20]" };
  assert.deepEqual(countTrials([base, base]), { trials: 8, configurations: 1 });
  assert.deepEqual(countTrials([base, { ...base, topK: "5" }]), { trials: 9, configurations: 2 });
  assert.deepEqual(countTrials([base, { ...base, feesBps: "20" }]), {
    trials: 16,
    configurations: 2,
  });
  // a new window adds the pairs it makes: (5,50), (10,50), (20,50)
  assert.equal(countTrials([base, { ...base, gridWindows: "[5,10,20,50]" }]).trials, 8 + 3);
});

Deno.test("loggedParams stringifies as the runner logs: strings as is, the rest as JSON", () => {
  assert.deepEqual(loggedParams({ a: "x", b: 2, c: [5, 10], d: undefined, e: { f: 1 } }), {
    a: "x",
    b: "2",
    c: "[5,10]",
    e: '{"f":1}',
  });
});

Deno.test("experimentTrials counts every backtest run of a real MLflow experiment", async () => {
  const storeDir = await mkdtemp(join(tmpdir(), "mlflow-trials-test-"));
  const server = await startLocalServer({ storeDir });
  try {
    const client = new MlflowClient(server.uri);
    const experimentId = await client.getOrCreateExperiment("research");
    const stepRun = async (step: string, params: Record<string, string>) => {
      const run = await client.createRun({ experimentId, tags: { "ws.step": step } });
      await client.logParams(run.runId, params);
      return run.runId;
    };
    const grid = "[5,10,20]";
    await stepRun("backtest", { dataDir: "data/a", topK: "3", gridWindows: grid });
    // another data folder, same strategies: no new trial
    await stepRun("backtest", { dataDir: "data/b", topK: "3", gridWindows: grid });
    await stepRun("backtest", { dataDir: "data/a", topK: "5", gridWindows: grid });
    await stepRun("training", { topK: "9", gridWindows: "[1,2,3,4,5,6]" });
    const current = await stepRun("backtest", {
      dataDir: "data/a",
      feesBps: "20",
      gridWindows: grid,
    });
    const other = await client.createRun({ experimentId: await client.getOrCreateExperiment("x") });

    const counted = await experimentTrials(client, current, {
      dataDir: "data/a",
      feesBps: 20,
      gridWindows: [5, 10, 20],
    });
    // {topK 3}: 8 trials; topK 5: +1; feesBps 20 (topK unset): 8 more
    assert.equal(counted.trials, 17);
    assert.equal(counted.runs, 4);
    assert.equal(counted.configurations, 3);
    assert.equal(counted.thisRun, 8);
    assert.match(
      counted.description,
      /^17 distinct trials .* 3 configuration\(s\) of 4 backtest run\(s\) in experiment /,
    );

    // a run outside the experiment's step runs still counts its own parameters
    const alone = await experimentTrials(client, other.runId, { gridWindows: [5, 10] });
    assert.deepEqual([alone.trials, alone.runs, alone.thisRun], [6, 0, 6]);
  } finally {
    await server.stop();
    await rm(storeDir, { recursive: true, force: true });
  }
});
