/**
 * Daily feature build: the default catalog (pipelines/params/features.ts defaults) over 500
 * symbols x 5,000 days of seeded synthetic OHLCV, in nodejs-polars (lib/features) and in
 * python-polars running the same expressions (bench/features_bench.py), in the same run. The
 * panel is written once to Parquet and both sides read it before their clock starts.
 * @module
 */
import { join } from "node:path";
import { cpuUsage } from "node:process";
import pl from "nodejs-polars";
import { buildFeatures, catalogSpec } from "@lib/features/mod.ts";
import { projectPath } from "@lib/paths.ts";
import { stepParams } from "@pipelines/params.ts";
import type { Bench, BenchRow } from "./bench.ts";
import { generateOhlcv } from "./ohlcv.ts";

const SYMBOLS = Number(Deno.env.get("BENCH_SYMBOLS") ?? 500);
const DAYS = Number(Deno.env.get("BENCH_DAYS") ?? 5000);
const REPEATS = Number(Deno.env.get("BENCH_REPEATS") ?? 3);

interface PythonResult {
  seconds: number;
  cpu_seconds: number;
  rows: number;
  columns: string[];
  means: (number | null)[];
  nulls: number[];
  polars: string;
}

async function python(panel: string, spec: string, repeats: number): Promise<PythonResult[]> {
  const results: PythonResult[] = [];
  for (let i = 0; i < repeats; i++) {
    const out = join(await Deno.makeTempDir({ prefix: "bench-py-" }), "out.json");
    const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
      args: [projectPath("bench", "features_bench.py"), panel, spec, out],
      stderr: "piped",
    }).output();
    if (run.code !== 0) throw new Error(new TextDecoder().decode(run.stderr));
    results.push(JSON.parse(await Deno.readTextFile(out)));
  }
  return results;
}

/** Largest |a - b| / max(1, |b|) over the column means; null counts must match exactly. */
function agreement(
  ours: pl.DataFrame,
  theirs: PythonResult,
): { maxDiff: number; nullsEqual: boolean } {
  const cols = ours.columns.slice(2);
  if (cols.join() !== theirs.columns.join()) {
    throw new Error("the two builds produce different columns");
  }
  const means = ours.select(...cols.map((c) => pl.col(c).mean())).row(0) as (number | null)[];
  const nulls = cols.map((c) => ours.getColumn(c).nullCount());
  const maxDiff = Math.max(
    ...means.map((m, i) =>
      Math.abs((m ?? 0) - (theirs.means[i] ?? 0)) / Math.max(1, Math.abs(theirs.means[i] ?? 0))
    ),
  );
  return { maxDiff, nullsEqual: nulls.every((n, i) => n === theirs.nulls[i]) };
}

/** The daily features benchmark. */
export const featuresBench: Bench = {
  name: "features",
  async run(): Promise<BenchRow[]> {
    const dir = await Deno.makeTempDir({ prefix: "bench-features-" });
    const panelPath = join(dir, "panel.parquet");
    const specPath = join(dir, "spec.json");
    const spec = catalogSpec(stepParams.features.parse({}));
    generateOhlcv({ symbols: SYMBOLS, days: DAYS, seed: 42 }).writeParquet(panelPath);
    await Deno.writeTextFile(specPath, JSON.stringify(spec));
    const panel = pl.readParquet(panelPath);

    let best = Infinity;
    let bestCpu = Infinity;
    let frame = panel;
    for (let i = 0; i < REPEATS; i++) {
      const start = performance.now();
      const cpu = cpuUsage();
      frame = buildFeatures(panel, spec);
      const used = cpuUsage(cpu);
      best = Math.min(best, (performance.now() - start) / 1000);
      bestCpu = Math.min(bestCpu, (used.user + used.system) / 1e6);
    }
    const py = await python(panelPath, specPath, REPEATS);
    const pyBest = Math.min(...py.map((r) => r.seconds));
    const pyCpu = Math.min(...py.map((r) => r.cpu_seconds));
    const check = agreement(frame, py[0]);
    await Deno.remove(dir, { recursive: true });

    const benchmark = `daily features (${spec.length} columns, ${SYMBOLS} x ${DAYS})`;
    const ratio = best / pyBest;
    const cpuRatio = bestCpu / pyCpu;
    return [
      {
        benchmark,
        implementation: "nodejs-polars 0.25.2 (lib/features)",
        seconds: best,
        cpuSeconds: bestCpu,
        rows: frame.height,
        note:
          `ratio ${ratio.toFixed(2)}x python wall, ${cpuRatio.toFixed(2)}x CPU (target <= 1.5x); ` +
          `< 5 s: ${best < 5 ? "met" : "missed"}`,
      },
      {
        benchmark,
        implementation: `python-polars ${py[0].polars} (bench/features_bench.py)`,
        seconds: pyBest,
        cpuSeconds: pyCpu,
        rows: py[0].rows,
        note: `same columns; max rel. diff of column means ${check.maxDiff.toExponential(1)}; ` +
          `null counts ${check.nullsEqual ? "equal" : "DIFFER"}`,
      },
    ];
  },
};
