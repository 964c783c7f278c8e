/**
 * The probability of backtest overfitting against a PyPI reference: holdout-backtest 0.1.0
 * (pypbo, the implementation usually cited, is not on PyPI), run by
 * tests/performance/pbo_reference.py on seeded returns. Its output is checked in as
 * tests/performance/pbo_reference.json, with the package's version, so this test needs neither
 * Python nor the network; rerun the script in a venv of its own to regenerate it.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  pboCombinations,
  type PboMetricFunction,
  probabilityOfBacktestOverfitting,
} from "@lib/performance/pbo.ts";

interface ReferenceCase {
  name: string;
  metric: "sharpe" | "mean";
  periods: number;
  strategies: number;
  nPartitions: number;
  returns: number[];
  pbo: number;
  logits: number[];
  selected: number[];
  inSample: number[];
  outOfSample: number[];
  inSampleSum: number;
  outOfSampleSum: number;
}

const reference = JSON.parse(
  readFileSync(new URL("./pbo_reference.json", import.meta.url), "utf8"),
) as { package: string; version: string; cases: ReferenceCase[] };

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tol * scale,
      `${what}[${i}]: ${actual[i]} vs ${expected[i]}`,
    );
  }
}

Deno.test("the reference was made by holdout-backtest 0.1.0 and holds the four cases", () => {
  assert.equal(reference.package, "holdout-backtest");
  assert.equal(reference.version, "0.1.0");
  assert.deepEqual(reference.cases.map((c) => c.name), ["signal", "noise", "mean", "flat"]);
});

for (const c of reference.cases) {
  Deno.test(`probabilityOfBacktestOverfitting matches holdout-backtest on "${c.name}" (S=${c.nPartitions}, M=${c.strategies})`, () => {
    const r = probabilityOfBacktestOverfitting(Float64Array.from(c.returns), c.strategies, {
      nPartitions: c.nPartitions,
      metric: c.metric,
    });
    assert.equal(r.combinations, pboCombinations(c.nPartitions));
    assert.equal(r.periods, c.periods);
    assert.ok(Math.abs(r.pbo - c.pbo) <= 1e-9, `pbo ${r.pbo} vs ${c.pbo}`);
    close(r.logits, c.logits, 1e-9, "logits");
    const kept = c.selected.length;
    assert.deepEqual(Array.from(r.selected.subarray(0, kept)), c.selected);
    close(r.inSample.subarray(0, kept), c.inSample, 1e-9, "inSample");
    close(r.outOfSample.subarray(0, kept), c.outOfSample, 1e-9, "outOfSample");
    const sum = (x: Float64Array) => x.reduce((a, v) => a + v, 0);
    close([sum(r.inSample), sum(r.outOfSample)], [c.inSampleSum, c.outOfSampleSum], 1e-9, "sums");
  });
}

Deno.test("the signal case finds its real strategies: PBO near 0; the noise case near one half", () => {
  const byName = Object.fromEntries(reference.cases.map((c) => [c.name, c]));
  assert.ok(byName.signal.pbo < 0.1);
  assert.ok(byName.noise.pbo > 0.3 && byName.noise.pbo < 0.8);
});

Deno.test("a custom metric gives the built-in Sharpe's result on the same data", () => {
  const c = reference.cases.find((x) => x.name === "noise")!;
  const sharpe: PboMetricFunction = (x, rows, cols) => {
    const out = new Float64Array(cols);
    for (let j = 0; j < cols; j++) {
      let mean = 0;
      for (let i = 0; i < rows; i++) mean += x[i * cols + j];
      mean /= rows;
      let ss = 0;
      for (let i = 0; i < rows; i++) ss += (x[i * cols + j] - mean) ** 2;
      out[j] = mean / Math.sqrt(ss / (rows - 1));
    }
    return out;
  };
  const returns = Float64Array.from(c.returns);
  const custom = probabilityOfBacktestOverfitting(returns, c.strategies, {
    nPartitions: c.nPartitions,
    metric: sharpe,
  });
  assert.equal(custom.pbo, c.pbo);
  close(custom.logits, c.logits, 1e-9, "logits");
});

Deno.test("probabilityOfBacktestOverfitting by hand: S=2, 2 strategies, 4 periods", () => {
  // Strategy 1 wins the first half, strategy 0 the second: each IS winner is OOS worst.
  // Rows: (0.01, 0.03), (0.02, 0.05), (0.03, 0.01), (0.05, 0.02).
  const r = Float64Array.from([0.01, 0.03, 0.02, 0.05, 0.03, 0.01, 0.05, 0.02]);
  const out = probabilityOfBacktestOverfitting(r, 2, { nPartitions: 2, metric: "mean" });
  assert.equal(out.combinations, 2);
  assert.deepEqual(Array.from(out.selected), [1, 0]);
  // OOS rank 1 of 2: omega = 1/3, logit = ln(1/2)
  close(out.logits, [Math.log(0.5), Math.log(0.5)], 1e-15, "logits");
  assert.equal(out.pbo, 1);
  close(out.inSample, [0.04, 0.04], 1e-15, "inSample");
  close(out.outOfSample, [0.015, 0.015], 1e-15, "outOfSample");
  // Equal strategies tie: average rank 1.5 of 2, omega = 1/2, logit 0, counted as overfit.
  const tied = probabilityOfBacktestOverfitting(Float64Array.from([1, 1, 2, 2, 4, 4, 3, 3]), 2, {
    nPartitions: 2,
    metric: "mean",
  });
  assert.deepEqual(Array.from(tied.logits), [0, 0]);
  assert.equal(tied.pbo, 1);
});

Deno.test("pboCombinations is C(S, S/2)", () => {
  assert.deepEqual([2, 4, 8, 16, 22].map(pboCombinations), [2, 6, 70, 12_870, 705_432]);
});

Deno.test("probabilityOfBacktestOverfitting refuses bad inputs, naming the values", () => {
  const r = new Float64Array(64).map((_, i) => Math.sin(i));
  assert.throws(() => probabilityOfBacktestOverfitting(r, 1), /at least 2 strategies.*M=1/);
  assert.throws(() => probabilityOfBacktestOverfitting(r, 3), /64 values, not a multiple of M=3/);
  assert.throws(
    () => probabilityOfBacktestOverfitting(r, 2, { nPartitions: 5 }),
    /even integer >= 2; got S=5/,
  );
  assert.throws(
    () => probabilityOfBacktestOverfitting(r, 2, { nPartitions: 18 }),
    /T=32 periods cannot fill S=18 blocks .*need T >= 36/,
  );
  assert.throws(
    () => probabilityOfBacktestOverfitting(r, 2, { nPartitions: 8, maxCombinations: 69 }),
    /S=8 gives C\(8, 4\) = 70 combinations, over maxCombinations=69/,
  );
  const gap = r.slice();
  gap[7] = NaN;
  assert.throws(() => probabilityOfBacktestOverfitting(gap, 2), /strategy 1 at period 3 is NaN/);
  const constant = r.slice();
  for (let i = 0; i < 32; i++) constant[i * 2] = 0.01;
  assert.throws(
    () => probabilityOfBacktestOverfitting(constant, 2, { nPartitions: 4 }),
    /strategy 0 has constant non-zero returns in-sample \(16 periods\)/,
  );
});
