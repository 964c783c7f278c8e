/**
 * The Qlib side of the scale benchmark: an isolated Python environment for pyqlib, built on first
 * use in `.cache/bench/qlib-venv` from the project's Python and bench/requirements-qlib.txt (kept
 * out of the project's .venv, whose mlflow, numpy and pandas pins pyqlib would move), and a run
 * of bench/qlib_workflow.py on a Yahoo-export folder. The environment is rebuilt when the
 * requirements file changes (its digest is kept beside it).
 * @module
 */
import { join } from "node:path";
import { projectPath } from "../lib/paths.ts";
import type { QlibReport } from "./qlib_rows.ts";

/** Where the environment lives, relative to the project. */
export const QLIB_VENV = ".cache/bench/qlib-venv";

const REQUIREMENTS = projectPath("bench", "requirements-qlib.txt");

const tail = (bytes: Uint8Array, lines = 6) =>
  new TextDecoder().decode(bytes).trim().split("\n").slice(-lines).join(" / ");

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function run(cmd: string, args: string[]): Promise<void> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  if (!out.success) {
    throw new Error(`${cmd.split("/").pop()} ${args[0]} failed: ${tail(out.stderr)}`);
  }
}

/**
 * The Python of the Qlib environment, building it first when it is missing or older than the
 * requirements file (a few minutes: about 190 packages). Throws with pip's last lines when it
 * cannot be built.
 */
export async function ensureQlibEnv(log: (line: string) => void): Promise<string> {
  const venv = projectPath(QLIB_VENV);
  const python = join(venv, "bin", "python");
  const stamp = join(venv, "requirements.sha256");
  const want = await sha256(await Deno.readTextFile(REQUIREMENTS));
  const have = await Deno.readTextFile(stamp).catch(() => "");
  if (have.trim() === want) return python;
  log(`building the Qlib environment in ${QLIB_VENV} (first use; a few minutes)`);
  await Deno.remove(venv, { recursive: true }).catch(() => {});
  await run(projectPath(".venv", "bin", "python"), ["-m", "venv", venv]);
  await run(python, [
    "-m",
    "pip",
    "install",
    "--quiet",
    "--require-hashes",
    "--no-deps",
    "-r",
    REQUIREMENTS,
  ]);
  await Deno.writeTextFile(stamp, want + "\n");
  return python;
}

/** Options of {@link runQlibWorkflow}. */
export interface QlibRunOptions {
  /** Dates at the end of the calendar in the test segment (and the backtest). */
  readonly testDays: number;
  /** Dates before the test segment in the valid segment (LightGBM's early stopping). */
  readonly validDays: number;
}

/** Runs bench/qlib_workflow.py on `sourceDir` with its .bin data and recorder in `workDir`. */
export async function runQlibWorkflow(
  python: string,
  sourceDir: string,
  workDir: string,
  options: QlibRunOptions,
): Promise<QlibReport> {
  const outPath = join(workDir, "qlib.json");
  const out = await new Deno.Command(python, {
    args: [
      projectPath("bench", "qlib_workflow.py"),
      sourceDir,
      workDir,
      outPath,
      "--test-days",
      String(options.testDays),
      "--valid-days",
      String(options.validDays),
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`qlib_workflow.py failed: ${tail(out.stderr, 4)}`);
  return JSON.parse(await Deno.readTextFile(outPath));
}
