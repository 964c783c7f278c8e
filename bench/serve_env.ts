/**
 * The FastAPI side of the serving benchmark: an isolated Python environment (FastAPI, uvicorn,
 * python lightgbm) built on first use in `.cache/bench/serve-venv` from the project's Python and
 * bench/requirements-serve.txt (kept out of the project's .venv, whose mlflow pins its own
 * FastAPI), rebuilt when the requirements file changes (its digest is kept beside it).
 * @module
 */
import { join } from "node:path";
import { projectPath } from "../lib/paths.ts";

/** Where the environment lives, relative to the project. */
export const SERVE_VENV = ".cache/bench/serve-venv";

const REQUIREMENTS = projectPath("bench", "requirements-serve.txt");

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
 * The Python of the serving environment, building it first when it is missing or older than
 * the requirements file (about a minute: 18 wheels). Throws with pip's last lines when it cannot
 * be built.
 */
export async function ensureServeEnv(log: (line: string) => void): Promise<string> {
  const venv = projectPath(SERVE_VENV);
  const python = join(venv, "bin", "python");
  const stamp = join(venv, "requirements.sha256");
  const want = await sha256(await Deno.readTextFile(REQUIREMENTS));
  const have = await Deno.readTextFile(stamp).catch(() => "");
  if (have.trim() === want) return python;
  log(`building the FastAPI environment in ${SERVE_VENV} (first use)`);
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
