/**
 * The whole research pipeline on a user-style local folder (one Yahoo-export CSV per symbol plus
 * `^GSPC.csv`, tests/fixtures/universe.ts) at 100, 500 and 2,000 symbols x 2,520 business days,
 * through the CLI with the task's permissions, against a local MLflow server started beforehand
 * (not timed, not measured). Each step's wall time, CPU time and peak resident memory are taken
 * from outside by sampling /proc (bench/proc_sampler.ts): no hook in lib/runner. Growth factors
 * compare each size with the one before. Side by side at 500 symbols: reading the folder
 * (lib/data's local source vs python-polars `pl.read_csv` + concat) and the labels (lib/labels
 * vs the same definitions in python-polars, bench/scale_bench.py). Sizes up to 500 always run; a
 * larger one only after the previous size succeeded within BENCH_SCALE_LIMIT seconds (default
 * 360). Each row is also printed to stderr as soon as it is measured. BENCH_SYMBOLS (a
 * comma-separated list), BENCH_DAYS and BENCH_REPEATS (of the side by side, best of; default 3)
 * shrink it; BENCH_PEERS=0 skips the side by side. Right after the pipeline at that size, Qlib's
 * LightGBM + Alpha158 workflow runs on the same folder (bench/qlib_workflow.py, in an isolated
 * environment built on first use, bench/qlib_env.ts) and each of its phases stands beside the
 * matching steps of ours (bench/qlib_rows.ts); BENCH_QLIB=0 skips it.
 * `BENCH_SYMBOLS=20 deno task bench scale` is a quick check.
 * @module
 */
import { loadavg } from "node:os";
import { join } from "node:path";
import { cpuUsage } from "node:process";
import pl from "nodejs-polars";
import { startLocalServer } from "../lib/mlflow/server.ts";
import { projectPath } from "../lib/paths.ts";
import { localFolderSource } from "../lib/data/sources/local_folder.ts";
import { buildLabels, labelSpec } from "../lib/labels/mod.ts";
import { stepParams } from "../pipelines/params.ts";
import { pipelineArgs } from "../pipelines/task_args.ts";
import { writeUniverse } from "../tests/fixtures/universe.ts";
import type { Bench, BenchRow } from "./bench.ts";
import { type GroupUsage, ProcSampler } from "./proc_sampler.ts";
import { ensureQlibEnv, runQlibWorkflow } from "./qlib_env.ts";
import { qlibRows, type StepCost } from "./qlib_rows.ts";

const SIZES = (Deno.env.get("BENCH_SYMBOLS") ?? "100,500,2000").split(",").map(Number);
const DAYS = Number(Deno.env.get("BENCH_DAYS") ?? 2520);
const LIMIT_SECONDS = Number(Deno.env.get("BENCH_SCALE_LIMIT") ?? 360);
const PEER_SIZE = SIZES.includes(500) ? 500 : Math.max(...SIZES);
const REPEATS = Number(Deno.env.get("BENCH_REPEATS") ?? 3);
const PEERS = Deno.env.get("BENCH_PEERS") !== "0";
const QLIB = Deno.env.get("BENCH_QLIB") !== "0";
/** Qlib's valid segment (its early stopping), a year of dates before the test segment. */
const QLIB_VALID_DAYS = 252;
const TARGET_SECONDS = 300;
const TARGET_RSS_KB = 4 * 1024 * 1024;

const CLOCK_TICKS = 100;

/** CPU seconds of this process's finished children (Linux /proc). */
function childrenCpu(): number {
  const stat = Deno.readTextFileSync("/proc/self/stat");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

function ownCpu(): number {
  const u = cpuUsage();
  return (u.user + u.system) / 1e6;
}

const mb = (kb: number) => `${Math.round(kb / 1024).toLocaleString("en-US")} MB`;

interface PipelineRun {
  readonly symbols: number;
  readonly ok: boolean;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakTreeKb: number;
  readonly steps: GroupUsage[];
  /** The runner's last lines when it failed (step, cell and message). */
  readonly failure?: string;
}

async function runPipeline(
  symbols: number,
  sourceDir: string,
  dataDir: string,
  reportsDir: string,
  env: Record<string, string>,
): Promise<PipelineRun> {
  const args = [
    "--reports-dir",
    reportsDir,
    "--param",
    `dataDir=${dataDir}`,
    "--param",
    "source=local",
    "--param",
    `sourceDir=${sourceDir}`,
  ];
  const cpu = childrenCpu();
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: pipelineArgs(...args),
    env,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const sampler = new ProcSampler(child.pid, 200, (s) =>
    console.error(
      `scale: ${symbols} symbols | ${s.name} done | ${
        ((s.lastSeen - s.firstSeen) / 1000).toFixed(1)
      } s | CPU ${s.cpuSeconds.toFixed(1)} s | peak RSS ${mb(s.peakProcessKb)} (kernel) | ` +
        `load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`,
    ));
  const out = await child.output();
  const seconds = (performance.now() - started) / 1000;
  sampler.stop();
  const log = new TextDecoder().decode(out.stderr);
  // The runner names the failing notebook, cell and message on its "FAILED in" line.
  const lines = log.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const failed = lines.findIndex((l) => l.includes("· FAILED in "));
  const tail = failed >= 0 ? lines.slice(failed, failed + 3) : lines.slice(-4);
  return {
    symbols,
    ok: out.success,
    seconds,
    cpuSeconds: childrenCpu() - cpu,
    peakTreeKb: sampler.peakTreeKb,
    steps: sampler.groups(),
    failure: out.success ? undefined : tail.join(" / "),
  };
}

interface PeerResult {
  read_seconds: number;
  read_cpu: number;
  rows: number;
  label_seconds: number;
  label_cpu: number;
  columns: string[];
  means: (number | null)[];
  nulls: number[];
  polars: string;
}

/** Reading the folder and labelling it, ours in this process and python-polars beside it. */
async function sideBySide(sourceDir: string, symbols: number, tmp: string): Promise<BenchRow[]> {
  const p = stepParams.labeling.parse({});
  const { rangeExpansion: _, ...options } = labelSpec(p).labels;
  if (options.volatility) throw new Error("the peer mirrors fixed thresholds only");

  const best = async <T>(f: () => T | Promise<T>) => {
    let out = { value: undefined as T, seconds: Infinity, cpu: Infinity };
    for (let i = 0; i < REPEATS; i++) {
      const cpu = ownCpu();
      const start = performance.now();
      const value = await f();
      const seconds = (performance.now() - start) / 1000;
      if (seconds < out.seconds) out = { value, seconds, cpu: ownCpu() - cpu };
    }
    return out;
  };
  const read = await best(() =>
    localFolderSource({ dir: sourceDir, progress: { silent: true } }).load()
  );
  const panel = read.value;
  const [readSeconds, readCpu] = [read.seconds, read.cpu];
  const built = await best(() => buildLabels(panel, options));
  const labels = built.value;
  const [labelSeconds, labelCpu] = [built.seconds, built.cpu];

  const specPath = join(tmp, "labels.json");
  const outPath = join(tmp, "peer.json");
  await Deno.writeTextFile(
    specPath,
    JSON.stringify({
      horizons: options.horizons,
      weak: options.thresholds.weak,
      strong: options.thresholds.strong,
      scaling: options.scaling,
    }),
  );
  let peer: PeerResult | undefined;
  for (let i = 0; i < REPEATS; i++) {
    const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
      args: [projectPath("bench", "scale_bench.py"), sourceDir, specPath, outPath],
      stderr: "piped",
    }).output();
    if (!run.success) throw new Error(new TextDecoder().decode(run.stderr));
    const got: PeerResult = JSON.parse(await Deno.readTextFile(outPath));
    // Best of the repeats, each side on its own (read and labels are timed separately).
    peer = peer === undefined ? got : {
      ...got,
      read_seconds: Math.min(peer.read_seconds, got.read_seconds),
      read_cpu: got.read_seconds < peer.read_seconds ? got.read_cpu : peer.read_cpu,
      label_seconds: Math.min(peer.label_seconds, got.label_seconds),
      label_cpu: got.label_seconds < peer.label_seconds ? got.label_cpu : peer.label_cpu,
    };
  }
  if (!peer) throw new Error("BENCH_REPEATS must be at least 1");

  const means = peer.columns.map((c) => labels.getColumn(c).cast(pl.Float64).mean());
  const nulls = peer.columns.map((c) => labels.getColumn(c).nullCount());
  const maxDiff = Math.max(
    ...means.map((m, i) =>
      Math.abs((m ?? 0) - (peer.means[i] ?? 0)) / Math.max(1, Math.abs(peer.means[i] ?? 0))
    ),
  );
  const nullsEqual = nulls.every((n, i) => n === peer.nulls[i]);
  const ratio = (ours: number, theirs: number) =>
    `${(ours / theirs).toFixed(2)}x python-polars (target: within 2x: ${
      ours / theirs <= 2 ? "met" : `missed by ${(ours / theirs / 2).toFixed(1)}x`
    })`;
  const files = symbols + 1;
  return [
    {
      benchmark: `read a folder of ${files} CSVs`,
      implementation: "lib/data local source (nodejs-polars)",
      seconds: readSeconds,
      cpuSeconds: readCpu,
      rows: panel.height,
      note: `${ratio(readSeconds, peer.read_seconds)}; best of ${REPEATS}, each side`,
    },
    {
      benchmark: `read a folder of ${files} CSVs`,
      implementation: `python-polars ${peer.polars} (read_csv each + concat)`,
      seconds: peer.read_seconds,
      cpuSeconds: peer.read_cpu,
      rows: peer.rows,
      note: peer.rows === panel.height ? "same rows" : `rows differ: ${panel.height} ours`,
    },
    {
      benchmark: `labels (fwd returns, label ends, actions), ${symbols} symbols`,
      implementation: "lib/labels buildLabels (nodejs-polars)",
      seconds: labelSeconds,
      cpuSeconds: labelCpu,
      rows: labels.height,
      note: `${ratio(labelSeconds, peer.label_seconds)}; range expansion left out on both sides`,
    },
    {
      benchmark: `labels (fwd returns, label ends, actions), ${symbols} symbols`,
      implementation: `python-polars ${peer.polars} (same expressions)`,
      seconds: peer.label_seconds,
      cpuSeconds: peer.label_cpu,
      rows: peer.rows,
      note: `agreement: max relative diff of column means ${maxDiff.toExponential(1)}, ` +
        `null counts ${nullsEqual ? "equal" : "DIFFER"}`,
    },
  ];
}

function growth(now: number, before: number | undefined): string {
  return before === undefined || before <= 0 ? "-" : `x${(now / before).toFixed(2)}`;
}

/** CPU growth up to this factor over the symbol ratio still counts as linear (measurement noise). */
const LINEAR_SLACK = 1.25;

/**
 * The linear-growth target's verdict for a step whose CPU time went from `before` to `now`
 * while symbols grew by `ratio`: met when CPU grew at most `ratio` x {@link LINEAR_SLACK}.
 */
export function linearVerdict(now: number, before: number | undefined, ratio: number): string {
  if (before === undefined || !(before > 0)) return "";
  const cpu = now / before;
  return cpu <= ratio * LINEAR_SLACK
    ? "; linear: met"
    : `; linear: missed (CPU x${cpu.toFixed(2)} for x${ratio.toFixed(0)} symbols, ` +
      `${(cpu / ratio).toFixed(2)}x linear)`;
}

function pipelineRows(run: PipelineRun, previous: PipelineRun | undefined): BenchRow[] {
  const rows = run.symbols * DAYS;
  const bench = `pipeline, ${run.symbols} symbols x ${DAYS.toLocaleString("en-US")} days`;
  const per = previous ? ` (per ${(run.symbols / previous.symbols).toFixed(0)}x symbols)` : "";
  const out: BenchRow[] = run.steps.map((s) => {
    const before = previous?.steps.find((p) => p.name === s.name);
    const wall = (s.lastSeen - s.firstSeen) / 1000;
    const beforeWall = before ? (before.lastSeen - before.firstSeen) / 1000 : undefined;
    const grow = previous
      ? `; growth${per}: wall ${growth(wall, beforeWall)}, CPU ${
        growth(s.cpuSeconds, before?.cpuSeconds)
      }${linearVerdict(s.cpuSeconds, before?.cpuSeconds, run.symbols / previous.symbols)}`
      : "";
    return {
      benchmark: bench,
      implementation: s.name,
      seconds: wall,
      cpuSeconds: s.cpuSeconds,
      rows,
      note: `peak RSS ${mb(s.peakProcessKb)} (kernel), ${mb(s.peakGroupKb)} (step)${grow}`,
    };
  });
  const targets = run.symbols !== 500
    ? ""
    : !run.ok
    ? "; targets at 500: not reached (the run failed)"
    : `; targets at 500: < 300 s ${
      run.seconds < TARGET_SECONDS
        ? "met"
        : `missed by ${(run.seconds - TARGET_SECONDS).toFixed(0)} s`
    }, peak RSS < 4 GB ${
      run.peakTreeKb < TARGET_RSS_KB ? "met" : `missed by ${mb(run.peakTreeKb - TARGET_RSS_KB)}`
    }`;
  out.push({
    benchmark: bench,
    implementation: `whole pipeline (${run.steps.length} notebooks)`,
    seconds: run.seconds,
    cpuSeconds: run.cpuSeconds,
    rows,
    note: (run.ok ? "ok" : `FAILED: ${run.failure}`) +
      `; peak RSS ${mb(run.peakTreeKb)} (runner, executors, kernels)` +
      (previous
        ? `; growth${per}: wall ${growth(run.seconds, previous.seconds)}, CPU ${
          growth(run.cpuSeconds, previous.cpuSeconds)
        }`
        : "") +
      targets,
  });
  return out;
}

/** Prints a row to stderr as soon as it is measured: a long run's progress, kept in its log. */
function logRow(r: BenchRow): void {
  console.error(
    `scale: ${r.benchmark} | ${r.implementation} | ${r.seconds.toFixed(3)} s | ` +
      `CPU ${r.cpuSeconds.toFixed(3)} s | ${r.note} | load average ${
        loadavg().map((l) => l.toFixed(1)).join(" ")
      }`,
  );
}

function notRun(benchmark: string, implementation: string, why: string): BenchRow {
  return { benchmark, implementation, seconds: NaN, cpuSeconds: NaN, rows: 0, note: why };
}

const QLIB_BENCH = "Qlib side by side";
const QLIB_IMPL = "pyqlib 0.9.7 (LightGBM + Alpha158 workflow)";

/**
 * Qlib's workflow on the folder our pipeline just ran on, beside that run's steps. The test
 * segment is as long as our walk-forward's test blocks together (at the end of the data). A Qlib
 * environment that cannot be built or a workflow that fails gives one row saying why.
 */
async function qlibSideBySide(run: PipelineRun, sourceDir: string, tmp: string) {
  const bench = `${QLIB_BENCH}, ${run.symbols} symbols x ${DAYS.toLocaleString("en-US")} days`;
  const log = (line: string) => console.error(`scale: ${line}`);
  let python: string;
  try {
    python = await ensureQlibEnv(log);
  } catch (e) {
    return [notRun(bench, QLIB_IMPL, `not run: the Qlib environment could not be built: ${e}`)];
  }
  const training = stepParams.training.parse({});
  const workDir = join(tmp, "qlib");
  await Deno.mkdir(workDir, { recursive: true });
  try {
    const report = await runQlibWorkflow(python, sourceDir, workDir, {
      testDays: training.nFolds * training.testSize,
      validDays: QLIB_VALID_DAYS,
    });
    // A failed run's last step stopped part way: it is left out, not compared.
    const finished = run.ok ? run.steps : run.steps.slice(0, -1);
    const steps: StepCost[] = finished.map((s) => ({
      name: s.name,
      seconds: (s.lastSeen - s.firstSeen) / 1000,
      cpuSeconds: s.cpuSeconds,
    }));
    return qlibRows(bench, steps, report);
  } catch (e) {
    return [notRun(bench, QLIB_IMPL, `FAILED: ${e}`)];
  } finally {
    await Deno.remove(workDir, { recursive: true }).catch(() => {});
  }
}

/** The scale benchmark. */
export const scaleBench: Bench = {
  name: "scale",
  async run(): Promise<BenchRow[]> {
    const tmp = await Deno.makeTempDir({ prefix: "ws-bench-scale-" });
    const tag = crypto.randomUUID().slice(0, 8);
    const dataDirs: string[] = [];
    const rows: BenchRow[] = [];
    try {
      await using server = await startLocalServer({ storeDir: join(tmp, "mlflow") });
      const env = { MLFLOW_TRACKING_URI: server.uri };
      // The side by side first: a minute, and its numbers are in even when a long pipeline run
      // is cut short.
      const peerDir = `.cache/bench/scale-src-${PEER_SIZE}-${tag}`;
      dataDirs.push(peerDir);
      await writeUniverse(projectPath(peerDir), { symbols: PEER_SIZE, days: DAYS });
      const peers = PEERS ? await sideBySide(projectPath(peerDir), PEER_SIZE, tmp) : [];
      peers.forEach(logRow);
      let previous: PipelineRun | undefined;
      let qlib: BenchRow[] = [
        notRun(
          QLIB_BENCH,
          QLIB_IMPL,
          QLIB ? "not run: no pipeline run at its size" : "BENCH_QLIB=0",
        ),
      ];
      for (const symbols of SIZES) {
        const bench = `pipeline, ${symbols} symbols x ${DAYS.toLocaleString("en-US")} days`;
        // Up to 500 symbols every size runs (the targets are at 500); above, only after a size
        // that finished in time, or 2,000 symbols could take the better part of an hour.
        if (symbols > 500 && previous && (!previous.ok || previous.seconds >= LIMIT_SECONDS)) {
          rows.push(notRun(
            bench,
            "whole pipeline",
            `not run: ${previous.symbols} symbols ${
              previous.ok ? `took ${previous.seconds.toFixed(0)} s` : "failed"
            } (runs only after a size that finished within ${LIMIT_SECONDS} s)`,
          ));
          continue;
        }
        // The pipeline takes folders relative to the project only.
        const sourceDir = `.cache/bench/scale-src-${symbols}-${tag}`;
        const dataDir = `.cache/bench/scale-${symbols}-${tag}`;
        dataDirs.push(sourceDir, dataDir);
        if (symbols !== PEER_SIZE) {
          await writeUniverse(projectPath(sourceDir), { symbols, days: DAYS });
        }
        const run = await runPipeline(symbols, sourceDir, dataDir, join(tmp, "reports"), env);
        const measured = pipelineRows(run, previous);
        measured.forEach(logRow);
        rows.push(...measured);
        previous = run;
        if (QLIB && symbols === PEER_SIZE) {
          qlib = await qlibSideBySide(run, projectPath(sourceDir), tmp);
          qlib.forEach(logRow);
        }
        await Deno.remove(projectPath(sourceDir), { recursive: true });
      }
      rows.push(...peers);
      rows.push(...qlib);
      return rows;
    } finally {
      for (const d of dataDirs) {
        await Deno.remove(projectPath(d), { recursive: true }).catch(() => {});
      }
      await Deno.remove(tmp, { recursive: true });
    }
  },
};
