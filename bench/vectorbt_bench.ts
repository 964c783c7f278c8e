/**
 * Moving-average crossover grid backtest, TypeScript (lib/backtest: maCrossGrid +
 * simulateSignals) against vectorbt 1.2.0 (MA.run_combs + ma_crossed_above/below +
 * Portfolio.from_signals, bench/vectorbt_bench.py), on the same seeded close series: every pair
 * of `BENCH_VBT_WINDOWS` windows (46 windows = 1,035 combinations by default) over
 * `BENCH_VBT_BARS` daily bars (5,000), fees 10 bps, all-cash entries. Each side's time covers the
 * whole pipeline from prices to final values.
 *
 * - warm: best of `BENCH_REPEATS` runs in a process that already ran once (numba compiled, V8
 *   optimised);
 * - cold: a fresh process, from spawn to its result written: runtime start, imports, numba
 *   compilation (vectorbt's signal simulator is `@njit` without an on-disk cache) or V8 warm-up,
 *   and one run.
 *
 * The final values of every combination must agree to 1e-9 (scaled) or the bench fails.
 * @module
 */
import { join } from "node:path";
import { cpuUsage } from "node:process";
import { maCrossGrid, windowPairs } from "@lib/backtest/grid.ts";
import { simulateSignals } from "@lib/backtest/simulate_signals.ts";
import { simulationFinalValue } from "@lib/backtest/simulation.ts";
import { projectPath } from "@lib/paths.ts";
import type { Bench, BenchRow } from "./bench.ts";
import { generateOhlcv } from "./ohlcv.ts";

const BARS = Number(Deno.env.get("BENCH_VBT_BARS") ?? 5000);
const WINDOWS = Number(Deno.env.get("BENCH_VBT_WINDOWS") ?? 46);
const REPEATS = Number(Deno.env.get("BENCH_REPEATS") ?? 3);
const FEES = 0.001;

/** Windows 2, 4, 6, ...: `n` of them give n (n - 1) / 2 crossover pairs. */
function windowList(n: number): number[] {
  return Array.from({ length: n }, (_, i) => 2 + 2 * i);
}

/** Returns the final value of every (fast, slow) combination, from the close series. */
function runGrid(close: Float64Array, windows: number[]): { final: Float64Array; orders: number } {
  const grid = maCrossGrid(close, 1, windowPairs(windows));
  const sim = simulateSignals(
    {
      nAssets: 1,
      close,
      nCols: grid.nCols,
      entries: grid.entries,
      exits: grid.exits,
      assetOf: grid.assetOf,
    },
    { fees: FEES, initCash: 10_000 },
  );
  return { final: simulationFinalValue(sim), orders: sim.orders.length };
}

interface PythonResult {
  cold_seconds: number;
  cold_cpu_seconds: number;
  warm_seconds: number;
  warm_cpu_seconds: number;
  final_value: number[];
  orders: number;
  vectorbt: string;
}

interface ChildResult {
  cpu_seconds: number;
  final_value: number[];
}

async function spawn(
  cmd: string,
  args: string[],
  out: string,
): Promise<{ wall: number; json: unknown }> {
  const start = performance.now();
  const run = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const wall = (performance.now() - start) / 1000;
  if (run.code !== 0) throw new Error(new TextDecoder().decode(run.stderr));
  return { wall, json: JSON.parse(await Deno.readTextFile(out)) };
}

function maxScaledDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`${a.length} final values vs vectorbt's ${b.length}`);
  let worst = 0;
  for (let k = 0; k < a.length; k++) {
    worst = Math.max(worst, Math.abs(a[k] - b[k]) / Math.max(1, Math.abs(b[k])));
  }
  return worst;
}

/** The benchmark. */
export const vectorbtBench: Bench = {
  name: "vectorbt",
  async run(): Promise<BenchRow[]> {
    const windows = windowList(WINDOWS);
    const combos = (WINDOWS * (WINDOWS - 1)) / 2;
    const panel = generateOhlcv({ symbols: 1, days: BARS, seed: 7 });
    const close = new Float64Array(panel.getColumn("close").toArray() as number[]);
    const dir = await Deno.makeTempDir({ prefix: "bench-vbt-" });
    const closePath = join(dir, "close.f64");
    await Deno.writeFile(closePath, new Uint8Array(close.buffer));
    const py = projectPath(".venv", "bin", "python");
    const script = projectPath("bench", "vectorbt_bench.py");

    // Cold: fresh processes, vectorbt first so numba's on-disk cache is as warm as it gets.
    const pyColdOut = join(dir, "py_cold.json");
    const pyCold = await spawn(py, [
      script,
      closePath,
      windows.join(","),
      "0",
      String(FEES),
      pyColdOut,
    ], pyColdOut);
    const tsColdOut = join(dir, "ts_cold.json");
    const tsCold = await spawn(Deno.execPath(), [
      "run",
      "-A",
      "--no-check",
      new URL(import.meta.url).pathname,
      closePath,
      windows.join(","),
      tsColdOut,
    ], tsColdOut);

    // Warm.
    const pyWarmOut = join(dir, "py_warm.json");
    const pyWarm = (await spawn(
      py,
      [script, closePath, windows.join(","), String(REPEATS), String(FEES), pyWarmOut],
      pyWarmOut,
    )).json as PythonResult;
    let ours = runGrid(close, windows);
    let best = Infinity;
    let bestCpu = Infinity;
    for (let r = 0; r < REPEATS; r++) {
      const c0 = cpuUsage();
      const t0 = performance.now();
      ours = runGrid(close, windows);
      const wall = (performance.now() - t0) / 1000;
      const c = cpuUsage(c0);
      if (wall < best) {
        best = wall;
        bestCpu = (c.user + c.system) / 1e6;
      }
    }
    await Deno.remove(dir, { recursive: true });

    const diff = Math.max(
      maxScaledDiff(ours.final, pyWarm.final_value),
      maxScaledDiff((tsCold.json as ChildResult).final_value, pyWarm.final_value),
    );
    if (!(diff <= 1e-9)) throw new Error(`final values differ from vectorbt's by ${diff}`);
    if (ours.orders !== pyWarm.orders) {
      throw new Error(`${ours.orders} orders vs vectorbt's ${pyWarm.orders}`);
    }
    const rows = BARS * combos;
    const label = `${combos} MA pairs x ${BARS} bars`;
    const warmRatio = best / pyWarm.warm_seconds;
    const coldRatio = tsCold.wall / pyCold.wall;
    const pyColdJson = pyCold.json as PythonResult;
    return [
      {
        benchmark: `${label}, warm`,
        implementation: "lib/backtest (TypeScript)",
        seconds: best,
        cpuSeconds: bestCpu,
        rows,
        note: `${warmRatio.toFixed(2)}x vectorbt's time (target <= 1.5x); ${ours.orders} orders; ` +
          `final values agree to ${diff.toExponential(1)}`,
      },
      {
        benchmark: `${label}, warm`,
        implementation: `vectorbt ${pyWarm.vectorbt} (numba)`,
        seconds: pyWarm.warm_seconds,
        cpuSeconds: pyWarm.warm_cpu_seconds,
        rows,
        note: "MA.run_combs + ma_crossed_above/below + from_signals, best of " + REPEATS,
      },
      {
        benchmark: `${label}, cold`,
        implementation: "lib/backtest (TypeScript)",
        seconds: tsCold.wall,
        cpuSeconds: (tsCold.json as ChildResult).cpu_seconds,
        rows,
        note: `fresh deno process, spawn to result; ${
          coldRatio.toFixed(2)
        }x vectorbt's (target < 1x)`,
      },
      {
        benchmark: `${label}, cold`,
        implementation: `vectorbt ${pyWarm.vectorbt} (numba)`,
        seconds: pyCold.wall,
        cpuSeconds: pyColdJson.cold_cpu_seconds,
        rows,
        note: `fresh python process, spawn to result (import + numba compile ${
          pyColdJson.cold_seconds.toFixed(2)
        } s inside)`,
      },
    ];
  },
};

// Child mode (the cold run): one grid in a fresh process, final values written as JSON.
if (import.meta.main) {
  const [closePath, windows, out] = Deno.args;
  const close = new Float64Array((await Deno.readFile(closePath)).buffer);
  const { final } = runGrid(close, windows.split(",").map(Number));
  const c = cpuUsage();
  await Deno.writeTextFile(
    out,
    JSON.stringify({ cpu_seconds: (c.user + c.system) / 1e6, final_value: Array.from(final) }),
  );
}
