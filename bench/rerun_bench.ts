/**
 * What a rerun with nothing changed costs: the whole research pipeline on the bundled sample is
 * run once, then again unchanged (every step reused), through the CLI with the task's
 * permissions, against a local MLflow server started beforehand (its start-up is not timed).
 * There is no peer tool for this; the target is "a few seconds".
 * @module
 */
import { join } from "node:path";
import { startLocalServer } from "../lib/mlflow/server.ts";
import { projectPath } from "../lib/paths.ts";
import { pipelineArgs } from "../pipelines/task_args.ts";
import type { Bench, BenchRow } from "./bench.ts";

const CLOCK_TICKS = 100;

/** CPU seconds of this process's finished children (Linux /proc; 0 elsewhere). */
function childrenCpu(): number {
  try {
    const stat = Deno.readTextFileSync("/proc/self/stat");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

async function timedRun(args: string[], env: Record<string, string>) {
  const cpu = childrenCpu();
  const started = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: pipelineArgs(...args),
    env,
    stdout: "null",
    stderr: "piped",
  }).output();
  const seconds = (performance.now() - started) / 1000;
  if (!out.success) throw new Error(`pipeline failed:\n${new TextDecoder().decode(out.stderr)}`);
  return { seconds, cpuSeconds: childrenCpu() - cpu, log: new TextDecoder().decode(out.stderr) };
}

/** The cached-rerun benchmark. */
export const rerunBench: Bench = {
  name: "rerun",
  async run(): Promise<BenchRow[]> {
    const tmp = await Deno.makeTempDir({ prefix: "ws-bench-rerun-" });
    const dataDir = `.cache/bench/rerun-${crypto.randomUUID().slice(0, 8)}`;
    try {
      await using server = await startLocalServer({ storeDir: join(tmp, "mlflow") });
      const args = ["--reports-dir", join(tmp, "reports"), "--param", `dataDir=${dataDir}`];
      const env = { MLFLOW_TRACKING_URI: server.uri };
      const first = await timedRun(args, env);
      const again = await timedRun(args, env);
      const cached = (again.log.match(/· cached:/g) ?? []).length;
      const rows = 21_496;
      return [
        {
          benchmark: "pipeline on the sample",
          implementation: "first run (6 notebooks)",
          seconds: first.seconds,
          cpuSeconds: first.cpuSeconds,
          rows,
          note: "full execution through the Deno kernel",
        },
        {
          benchmark: "pipeline on the sample",
          implementation: "rerun, nothing changed",
          seconds: again.seconds,
          cpuSeconds: again.cpuSeconds,
          rows,
          note: `${cached}/6 steps reused; target: a few seconds; ${
            (first.seconds / again.seconds).toFixed(1)
          }x faster than the first run`,
        },
      ];
    } finally {
      await Deno.remove(projectPath(dataDir), { recursive: true }).catch(() => {});
      await Deno.remove(tmp, { recursive: true });
    }
  },
};
