/**
 * LightGBM training from TypeScript (lib/models/lightgbm, Deno FFI into the wheel's
 * lib_lightgbm.so) and from python lightgbm (bench/lightgbm_bench.py), same configuration, same
 * thread count, same generated data: a seeded `rows x cols` matrix written once to a binary file
 * that both sides read before their clock starts. Dataset construction and training are timed
 * apart (best of BENCH_REPEATS each; the repeats alternate between the two sides so both meet
 * the same load on a shared machine), and the two models' predictions are compared. A second
 * benchmark trains one LightGBM per fold of a 5-fold walk-forward on 1,000 x 50 rows.
 *
 * Knobs: BENCH_LGBM_ROWS (1,000,000), BENCH_LGBM_COLS (50), BENCH_LGBM_ITERS (100),
 * BENCH_LGBM_THREADS (the machine's cores), BENCH_REPEATS (3).
 * @module
 */
import { join } from "node:path";
import { cpuUsage } from "node:process";
import { projectPath } from "@lib/paths.ts";
import type { FeatureMatrix } from "@lib/models/matrix.ts";
import { takeRows, takeValues } from "@lib/models/matrix.ts";
import { seededRandom } from "@lib/models/sample.ts";
import { Booster } from "@lib/models/lightgbm/booster.ts";
import { Dataset } from "@lib/models/lightgbm/dataset.ts";
import { LightGbm, type LightGbmOptions, lightgbmParameters } from "@lib/models/lightgbm/model.ts";
import { walkForwardSplits } from "@lib/validation/walk_forward.ts";
import type { Bench, BenchRow } from "./bench.ts";

const ROWS = Number(Deno.env.get("BENCH_LGBM_ROWS") ?? 1_000_000);
const COLS = Number(Deno.env.get("BENCH_LGBM_COLS") ?? 50);
const ITERS = Number(Deno.env.get("BENCH_LGBM_ITERS") ?? 100);
const THREADS = Number(Deno.env.get("BENCH_LGBM_THREADS") ?? navigator.hardwareConcurrency);
const REPEATS = Number(Deno.env.get("BENCH_REPEATS") ?? 3);
const PREDICT_ROWS = 100_000;
const WF = { symbols: 10, days: 100, cols: 50, folds: 5, testSize: 10, horizon: 5 };

/** Seeded features (standard normal, 2% missing) and a nonlinear target of a few of them. */
function generate(rows: number, cols: number, seed: number): { x: FeatureMatrix; y: Float64Array } {
  const rand = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const data = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) data[o + j] = rand() < 0.02 ? NaN : normal();
    const f = (j: number) => (Number.isNaN(data[o + (j % cols)]) ? 0 : data[o + (j % cols)]);
    y[i] = Math.sin(f(0)) + 0.5 * f(1) * f(2) + 0.3 * Math.abs(f(3)) - 0.2 * f(4) + normal();
  }
  return {
    x: { data, rows, cols, features: Array.from({ length: cols }, (_, j) => `f${j}`) },
    y,
  };
}

async function writeF64(path: string, values: Float64Array): Promise<void> {
  await Deno.writeFile(path, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

async function readF64(path: string): Promise<Float64Array> {
  const bytes = await Deno.readFile(path);
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
}

interface Timing {
  seconds: number;
  cpuSeconds: number;
}

function timed<T>(fn: () => T): [T, Timing] {
  const start = performance.now();
  const cpu = cpuUsage();
  const value = fn();
  const used = cpuUsage(cpu);
  return [value, {
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  }];
}

function best(a: Timing | undefined, b: Timing): Timing {
  return a
    ? { seconds: Math.min(a.seconds, b.seconds), cpuSeconds: Math.min(a.cpuSeconds, b.cpuSeconds) }
    : b;
}

/** What `lightgbm.train` does by default: create, boost, keep a booster rebuilt from text. */
function train(dataset: Dataset, parameters: string, iterations: number): Booster {
  using booster = Booster.create(dataset, parameters);
  for (let i = 0; i < iterations; i++) booster.updateOneIter();
  return Booster.fromString(booster.saveModelToString());
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) throw new Error(`prediction lengths differ: ${a.length}, ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue; // rows outside every test fold
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}

interface WalkForwardData {
  x: FeatureMatrix;
  y: Float64Array;
  folds: { train: Int32Array; test: Int32Array }[];
}

/** 10 symbols x 100 days in (date, symbol) order, labels spanning 5 days, 5 folds of 10 days. */
function walkForwardData(): WalkForwardData {
  const { symbols, days, cols, folds, testSize, horizon } = WF;
  const { x, y } = generate(symbols * days, cols, 7);
  const dates = Float64Array.from({ length: x.rows }, (_, i) => Math.floor(i / symbols));
  const ends = dates.map((d) => d + horizon);
  const splits = walkForwardSplits(dates, ends, { nFolds: folds, testSize });
  return { x, y, folds: splits.map((f) => ({ train: f.train, test: f.test })) };
}

function walkForward(data: WalkForwardData, options: LightGbmOptions): Float64Array {
  const oof = new Float64Array(data.x.rows).fill(NaN);
  for (const fold of data.folds) {
    using model = new LightGbm(options);
    model.fit(takeRows(data.x, fold.train), takeValues(data.y, fold.train));
    const predicted = model.predict(takeRows(data.x, fold.test));
    fold.test.forEach((row, i) => (oof[row] = predicted[i]));
  }
  return oof;
}

interface PythonResult {
  lightgbm: string;
  dataset_seconds: number;
  dataset_cpu_seconds: number;
  train_seconds: number;
  train_cpu_seconds: number;
  walk_forward_seconds: number;
  walk_forward_cpu_seconds: number;
}

const ratioNote = (ours: Timing, theirs: Timing, target: string) =>
  `ratio ${(ours.seconds / theirs.seconds).toFixed(2)}x python wall, ` +
  `${(ours.cpuSeconds / theirs.cpuSeconds).toFixed(2)}x CPU (target <= ${target})`;

/** The LightGBM training benchmark. */
export const lightgbmBench: Bench = {
  name: "lightgbm",
  async run(): Promise<BenchRow[]> {
    const dir = await Deno.makeTempDir({ prefix: "bench-lightgbm-" });
    const options: LightGbmOptions = { numIterations: ITERS, numThreads: THREADS, seed: 42 };
    const generated = generate(ROWS, COLS, 42);
    const parameters = lightgbmParameters(options, generated.x.features);
    const xPath = join(dir, "x.f64");
    const yPath = join(dir, "y.f64");
    await writeF64(xPath, generated.x.data);
    await writeF64(yPath, generated.y);
    const wf = walkForwardData();
    const wfPaths = { x: join(dir, "wf_x.f64"), y: join(dir, "wf_y.f64") };
    await writeF64(wfPaths.x, wf.x.data);
    await writeF64(wfPaths.y, wf.y);
    const wfOptions: LightGbmOptions = { numIterations: 100, numThreads: THREADS, seed: 42 };

    // Both sides start from the file, not from the generator's arrays.
    const x: FeatureMatrix = { ...generated.x, data: await readF64(xPath) };
    const y = await readF64(yPath);
    const predictRows = Math.min(ROWS, PREDICT_ROWS);
    const configPath = join(dir, "config.json");
    const outPath = join(dir, "out.json");
    const pyPredictions = join(dir, "py_predictions.f64");
    const pyOof = join(dir, "py_oof.f64");
    await Deno.writeTextFile(
      configPath,
      JSON.stringify({
        x: xPath,
        y: yPath,
        rows: ROWS,
        cols: COLS,
        params: parameters,
        iterations: ITERS,
        repeats: 1,
        predict_rows: predictRows,
        predictions: pyPredictions,
        walk_forward: {
          ...wfPaths,
          rows: wf.x.rows,
          cols: wf.x.cols,
          folds: wf.folds.map((f) => ({ train: Array.from(f.train), test: Array.from(f.test) })),
          params: lightgbmParameters(wfOptions, wf.x.features),
          iterations: 100,
          predictions: pyOof,
        },
      }),
    );

    // Repeats alternate between the two sides so both meet the same load on a shared machine.
    let datasetTime: Timing | undefined;
    let trainTime: Timing | undefined;
    let wfTime: Timing | undefined;
    const pyDataset: Timing[] = [];
    const pyTrain: Timing[] = [];
    const pyWf: Timing[] = [];
    let ours: Float64Array = new Float64Array(0);
    let oof: Float64Array = new Float64Array(0);
    let pyVersion = "";
    for (let r = 0; r < REPEATS; r++) {
      const [dataset, dt] = timed(() => Dataset.fromMatrix(x, y, parameters));
      datasetTime = best(datasetTime, dt);
      const [booster, tt] = timed(() => train(dataset, parameters, ITERS));
      trainTime = best(trainTime, tt);
      dataset.free();
      ours = booster.predict(x.data.subarray(0, predictRows * COLS), predictRows, COLS);
      booster.dispose();
      const [out, wt] = timed(() => walkForward(wf, wfOptions));
      wfTime = best(wfTime, wt);
      oof = out;

      const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
        args: [projectPath("bench", "lightgbm_bench.py"), configPath, outPath],
        stderr: "piped",
      }).output();
      if (run.code !== 0) throw new Error(new TextDecoder().decode(run.stderr));
      const py = JSON.parse(await Deno.readTextFile(outPath)) as PythonResult;
      pyVersion = py.lightgbm;
      pyDataset.push({ seconds: py.dataset_seconds, cpuSeconds: py.dataset_cpu_seconds });
      pyTrain.push({ seconds: py.train_seconds, cpuSeconds: py.train_cpu_seconds });
      pyWf.push({ seconds: py.walk_forward_seconds, cpuSeconds: py.walk_forward_cpu_seconds });
    }
    const predictionDiff = maxDiff(ours, await readF64(pyPredictions));
    const oofDiff = maxDiff(oof, await readF64(pyOof));
    await Deno.remove(dir, { recursive: true });

    const pyBest = (ts: Timing[]) =>
      ts.reduce((a: Timing | undefined, b) => best(a, b), undefined)!;
    const [pyDatasetTime, pyTrainTime, pyWfTime] = [
      pyBest(pyDataset),
      pyBest(pyTrain),
      pyBest(pyWf),
    ];
    const size = `${ROWS.toLocaleString("en-US")} x ${COLS}`;
    const ts = "Deno FFI (lib/models/lightgbm)";
    const pyName = `python lightgbm ${pyVersion} (bench/lightgbm_bench.py)`;
    const wfName = `LightGBM 5-fold walk-forward (${wf.x.rows.toLocaleString("en-US")} x ` +
      `${WF.cols}, 100 iterations per fold, ${THREADS} threads)`;
    return [
      {
        benchmark: `LightGBM dataset construction (${size})`,
        implementation: ts,
        ...datasetTime!,
        rows: ROWS,
        note: ratioNote(datasetTime!, pyDatasetTime, "1.1x"),
      },
      {
        benchmark: `LightGBM dataset construction (${size})`,
        implementation: pyName,
        ...pyDatasetTime,
        rows: ROWS,
        note: "lgb.Dataset(x, label=y, params).construct()",
      },
      {
        benchmark: `LightGBM training (${size}, ${ITERS} iterations, ${THREADS} threads)`,
        implementation: ts,
        ...trainTime!,
        rows: ROWS,
        note: ratioNote(trainTime!, pyTrainTime, "1.1x"),
      },
      {
        benchmark: `LightGBM training (${size}, ${ITERS} iterations, ${THREADS} threads)`,
        implementation: pyName,
        ...pyTrainTime,
        rows: ROWS,
        note: `lgb.train; max |prediction diff| on ${predictRows.toLocaleString("en-US")} rows ` +
          `${predictionDiff.toExponential(1)}`,
      },
      {
        benchmark: wfName,
        implementation: `${ts}, LightGbm.fit/predict per fold`,
        ...wfTime!,
        rows: wf.x.rows,
        note: ratioNote(wfTime!, pyWfTime, "1.1x"),
      },
      {
        benchmark: wfName,
        implementation: pyName,
        ...pyWfTime,
        rows: wf.x.rows,
        note: `same folds; max |out-of-fold prediction diff| ${oofDiff.toExponential(1)}`,
      },
    ];
  },
};

if (import.meta.main) {
  const rows = await lightgbmBench.run();
  console.log(JSON.stringify(rows, null, 2));
}
