/**
 * Test helpers for parity with vectorbt: seeded OHLC data, a batch runner for
 * tests/backtest/vectorbt_reference.py (one Python process for all cases, as vectorbt's import
 * and numba compilation take seconds), and record comparison at a stated tolerance.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { projectPath } from "@lib/paths.ts";
import { seededRandom } from "@lib/models/sample.ts";
import type { Simulation } from "@lib/backtest/simulation.ts";
import { simulationDrawdown, simulationReturns } from "@lib/backtest/simulation.ts";

/** |ours - theirs| <= TOLERANCE x max(1, |theirs|). */
export const TOLERANCE = 1e-9;

/** Bars x assets OHLC, row-major. */
export interface Ohlc {
  nAssets: number;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

/** Returns a seeded random walk with consistent bars (low <= open, close <= high). */
export function randomOhlc(nRows: number, nAssets: number, seed: number): Ohlc {
  const rand = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const n = nRows * nAssets;
  const [open, high, low, close] = Array.from({ length: 4 }, () => new Float64Array(n));
  for (let j = 0; j < nAssets; j++) {
    let price = 20 + 80 * rand();
    for (let i = 0; i < nRows; i++) {
      const at = i * nAssets + j;
      const o = price * Math.exp(0.01 * normal());
      const c = o * Math.exp(0.02 * normal());
      open[at] = o;
      close[at] = c;
      high[at] = Math.max(o, c) * (1 + 0.015 * rand());
      low[at] = Math.min(o, c) * (1 - 0.015 * rand());
      price = c;
    }
  }
  return { nAssets, open, high, low, close };
}

/** Returns random 0/1 flags with probability `p`. */
export function randomFlags(n: number, p: number, seed: number): Uint8Array {
  const rand = seededRandom(seed);
  return Uint8Array.from({ length: n }, () => (rand() < p ? 1 : 0));
}

/** A matrix as rows of numbers (NaN becomes null in JSON). */
export function rows(x: ArrayLike<number>, nCols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < x.length / nCols; i++) {
    out.push(Array.from({ length: nCols }, (_, j) => x[i * nCols + j]));
  }
  return out;
}

/** One case for vectorbt_reference.py. */
export interface ReferenceCase {
  mode?: "signals" | "orders";
  close: number[][];
  open?: number[][];
  high?: number[][];
  low?: number[][];
  entries?: number[][];
  exits?: number[][];
  size?: number[][];
  /** MA windows: vectorbt builds the crossover signals itself with `MA.run_combs`. */
  windows?: number[];
  asset_of?: number[];
  options: Record<string, unknown>;
}

/** vectorbt's records and series for one case. */
export interface ReferenceResult {
  orders: Record<string, (number | null)[]>;
  trades: Record<string, (number | null)[]>;
  value: (number | null)[];
  returns: (number | null)[];
  drawdown: (number | null)[];
  final_value: (number | null)[];
}

/** Runs every case through vectorbt in one process. */
export async function vectorbtReference(cases: ReferenceCase[]): Promise<ReferenceResult[]> {
  const dir = await Deno.makeTempDir({ prefix: "vbt-ref-" });
  const input = join(dir, "in.json");
  const output = join(dir, "out.json");
  await Deno.writeTextFile(input, JSON.stringify({ cases }));
  const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
    args: [projectPath("tests", "backtest", "vectorbt_reference.py"), input, output],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
  const out = JSON.parse(await Deno.readTextFile(output)) as { results: ReferenceResult[] };
  await Deno.remove(dir, { recursive: true });
  return out.results;
}

function closeEnough(label: string, ours: ArrayLike<number>, theirs: (number | null)[]): number {
  assert.equal(ours.length, theirs.length, `${label}: ${ours.length} values vs ${theirs.length}`);
  let worst = 0;
  for (let k = 0; k < ours.length; k++) {
    const b = theirs[k];
    const a = ours[k];
    if (b === null) {
      assert.ok(!Number.isFinite(a), `${label}[${k}]: ${a} vs NaN`);
      continue;
    }
    const d = Math.abs(a - b) / Math.max(1, Math.abs(b));
    worst = Math.max(worst, d);
    assert.ok(d <= TOLERANCE, `${label}[${k}]: ${a} vs ${b} (scaled diff ${d})`);
  }
  return worst;
}

/**
 * Asserts that `sim` has vectorbt's orders, exit trades, value, returns and drawdown (integers
 * exactly, floats to {@link TOLERANCE}) and returns the largest scaled difference seen.
 */
export function assertMatches(sim: Simulation, ref: ReferenceResult, label: string): number {
  const o = sim.orders;
  assert.equal(
    o.length,
    ref.orders.col.length,
    `${label}: ${o.length} orders vs vectorbt's ${ref.orders.col.length}`,
  );
  assert.deepEqual(Array.from(o.col), ref.orders.col, `${label}: order columns`);
  assert.deepEqual(Array.from(o.idx), ref.orders.idx, `${label}: order rows`);
  assert.deepEqual(Array.from(o.side), ref.orders.side, `${label}: order sides`);
  let worst = 0;
  worst = Math.max(worst, closeEnough(`${label} order size`, o.size, ref.orders.size));
  worst = Math.max(worst, closeEnough(`${label} order price`, o.price, ref.orders.price));
  worst = Math.max(worst, closeEnough(`${label} order fees`, o.fees, ref.orders.fees));
  const t = sim.trades;
  assert.equal(
    t.length,
    ref.trades.col.length,
    `${label}: ${t.length} trades vs ${ref.trades.col.length}`,
  );
  assert.deepEqual(Array.from(t.col), ref.trades.col, `${label}: trade columns`);
  assert.deepEqual(Array.from(t.entryIdx), ref.trades.entry_idx, `${label}: entry rows`);
  assert.deepEqual(Array.from(t.exitIdx), ref.trades.exit_idx, `${label}: exit rows`);
  assert.deepEqual(Array.from(t.direction), ref.trades.direction, `${label}: directions`);
  assert.deepEqual(Array.from(t.status), ref.trades.status, `${label}: statuses`);
  assert.deepEqual(Array.from(t.parentId), ref.trades.parent_id, `${label}: positions`);
  const fields = [
    ["size", t.size],
    ["entry_price", t.entryPrice],
    ["entry_fees", t.entryFees],
    ["exit_price", t.exitPrice],
    ["exit_fees", t.exitFees],
    ["pnl", t.pnl],
    ["return", t.return],
  ] as const;
  for (const [name, ours] of fields) {
    worst = Math.max(worst, closeEnough(`${label} trade ${name}`, ours, ref.trades[name]));
  }
  worst = Math.max(worst, closeEnough(`${label} value`, sim.value, ref.value));
  worst = Math.max(worst, closeEnough(`${label} returns`, simulationReturns(sim), ref.returns));
  worst = Math.max(worst, closeEnough(`${label} drawdown`, simulationDrawdown(sim), ref.drawdown));
  return worst;
}
