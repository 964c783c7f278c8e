/**
 * Runs the benchmarks and prints one table: `deno task bench` runs them all, `deno task bench
 * features` only the named ones. To add a benchmark, write a module exporting a {@link Bench}
 * and list it in BENCHES.
 * @module
 */
import { cpus, loadavg } from "node:os";
import type { Bench, BenchRow } from "./bench.ts";
import { featuresBench } from "./features_bench.ts";
import { rerunBench } from "./rerun_bench.ts";
import { lightgbmBench } from "./lightgbm_bench.ts";
import { vectorbtBench } from "./vectorbt_bench.ts";
import { alphalensBench } from "./alphalens_bench.ts";
import { scaleBench } from "./scale_bench.ts";
import { trainingBench } from "./training_bench.ts";
import { serveBench } from "./serve_bench.ts";

const BENCHES: readonly Bench[] = [
  featuresBench,
  lightgbmBench,
  vectorbtBench,
  alphalensBench,
  rerunBench,
  trainingBench,
  scaleBench,
  serveBench,
];

/** Renders rows as a Markdown table with seconds and rows per second ("-" for a row not run). */
export function formatTable(rows: readonly BenchRow[]): string {
  const num = (x: number, f: (x: number) => string) => Number.isFinite(x) ? f(x) : "-";
  const header = ["benchmark", "implementation", "seconds", "CPU s", "rows", "rows/s", "note"];
  const lines = rows.map((r) => [
    r.benchmark,
    r.implementation,
    num(r.seconds, (x) => x.toFixed(3)),
    num(r.cpuSeconds, (x) => x.toFixed(3)),
    r.rows.toLocaleString("en-US"),
    num(r.rows / r.seconds, (x) => Math.round(x).toLocaleString("en-US")),
    r.note,
  ]);
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...lines.map(line)].join("\n");
}

if (import.meta.main) {
  const wanted = Deno.args;
  const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark(s) ${unknown.join(", ")}; known: ${BENCHES.map((b) => b.name).join(", ")}`,
    );
    Deno.exit(2);
  }
  const selected = wanted.length === 0 ? BENCHES : BENCHES.filter((b) => wanted.includes(b.name));
  const rows: BenchRow[] = [];
  for (const bench of selected) rows.push(...await bench.run());
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const load = loadavg().map((l) => l.toFixed(1)).join(" ");
  console.log(
    `machine: nproc ${navigator.hardwareConcurrency}, ${cpu}, Deno ${Deno.version.deno}, ` +
      `${Deno.build.os}-${Deno.build.arch}, load average ${load} (wall times inflate when load > nproc)`,
  );
  console.log(formatTable(rows));
}
