import assert from "node:assert/strict";
import {
  noSlowerVerdict,
  QLIB_PHASES,
  type QlibReport,
  qlibRows,
  type StepCost,
  sumSteps,
} from "../../bench/qlib_rows.ts";

const phase = (seconds: number, cpu: number) => ({
  seconds,
  cpu_seconds: cpu,
  peak_rss_kb: 512 * 1024,
});

const REPORT: QlibReport = {
  qlib: "0.9.7",
  import_seconds: 3,
  total_seconds: 43,
  phases: {
    data: phase(2, 2),
    features: phase(10, 16),
    training: phase(20, 40),
    backtest: phase(8, 8),
  },
  sizes: { symbols: 2, bars: 100, dates: 50, bin_bytes: 2_000_000 },
  segments: {
    train: ["2020-01-01", "2020-02-01"],
    valid: ["2020-02-02", "2020-02-20"],
    test: ["2020-02-21", "2020-03-10"],
    backtest: ["2020-02-21", "2020-03-09"],
  },
  shapes: { train: [60, 159], valid: [20, 159], test: [20, 159] },
  best_iteration: 7,
};

const STEPS: StepCost[] = [
  { name: "01_acquisition", seconds: 4, cpuSeconds: 1 },
  { name: "02_features", seconds: 3, cpuSeconds: 4 },
  { name: "03_labeling", seconds: 2, cpuSeconds: 4 },
  { name: "04_training", seconds: 30, cpuSeconds: 20 },
  { name: "05_factor_analysis", seconds: 1, cpuSeconds: 1 },
  { name: "06_backtesting", seconds: 4, cpuSeconds: 1 },
];

Deno.test("QLIB_PHASES maps every pipeline step once, in order", () => {
  assert.deepEqual(QLIB_PHASES.flatMap((p) => p.ours), STEPS.map((s) => s.name));
  assert.deepEqual(QLIB_PHASES.map((p) => p.qlib), ["data", "features", "training", "backtest"]);
});

Deno.test("noSlowerVerdict is met up to a ratio of 1 and names the miss above", () => {
  assert.equal(noSlowerVerdict(1), "met");
  assert.equal(noSlowerVerdict(0.25), "met");
  assert.equal(noSlowerVerdict(1.26), "missed by 1.3x");
});

Deno.test("sumSteps adds the named steps and is undefined when one is missing", () => {
  assert.deepEqual(sumSteps(STEPS, ["02_features", "03_labeling"]), { seconds: 5, cpuSeconds: 8 });
  assert.equal(sumSteps(STEPS.slice(0, 3), ["04_training"]), undefined);
});

Deno.test("qlibRows gives ours then Qlib per phase, with the ratio ours / Qlib", () => {
  const rows = qlibRows("Qlib side by side", STEPS, REPORT);
  assert.equal(rows.length, 10);
  assert.deepEqual(rows.map((r) => r.seconds), [4, 2, 5, 10, 30, 20, 5, 8, 44, 40]);
  assert.deepEqual(rows.map((r) => r.cpuSeconds), [1, 2, 8, 16, 20, 40, 2, 8, 31, 66]);
  assert.equal(rows[0].benchmark, "Qlib side by side: data preparation");
  assert.match(
    rows[0].note,
    /^ours\/Qlib wall 2\.00x, CPU 0\.50x \(target: no slower than Qlib: missed by 2\.0x\)$/,
  );
  assert.match(rows[2].note, /wall 0\.50x, CPU 0\.50x \(target: no slower than Qlib: met\)/);
  assert.match(rows[5].note, /best iteration 7/);
  assert.match(rows[8].note, /wall 1\.10x, CPU 0\.47x .*missed by 1\.1x/);
  assert.match(rows[9].note, /plus 3\.0 s of Python start-up/);
});

Deno.test("qlibRows leaves a phase whose steps did not all run unmeasured", () => {
  const rows = qlibRows("q", STEPS.slice(0, 3), REPORT);
  assert.ok(Number.isNaN(rows[4].seconds));
  assert.match(rows[4].note, /^not measured/);
  assert.ok(Number.isNaN(rows[8].seconds));
  assert.equal(rows[2].seconds, 5);
  assert.equal(rows[9].seconds, 40);
});
