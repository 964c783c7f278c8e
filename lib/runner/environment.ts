/**
 * The project-local Python environment: Jupyter, MLflow and the Python peers, pinned with
 * hashes in `pipelines/env/requirements.lock`, installed into `.venv/`, with the Deno kernelspec
 * written into that environment rather than the user's home.
 *
 * Idempotent: a stamp records the digest of the lock file it was installed from, so a ready
 * environment is confirmed by reading two small files.
 * @module
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectPath } from "../paths.ts";
import { writeFileAtomic } from "./files.ts";

/** Paths of the tools the runner uses from the project environment. */
export interface Environment {
  /** The environment's root folder (`.venv`). */
  readonly venv: string;
  /** Its Python interpreter. */
  readonly python: string;
  /** Its `jupyter` command. */
  readonly jupyter: string;
  /** Its `mlflow` command. */
  readonly mlflow: string;
  /** The folder holding the Deno kernelspec (`kernel.json`). */
  readonly kernelDir: string;
}

/** Options of {@link ensureEnvironment}. */
export interface EnsureOptions {
  /** Environment folder. Defaults to `<project>/.venv`. */
  venv?: string;
  /** Lock file to install from. Defaults to `pipelines/env/requirements.lock`. */
  lockFile?: string;
  /** Python used to create the environment. Defaults to `$WS_PYTHON` or `python3`. */
  python?: string;
  /** Progress messages (to stderr by default). */
  log?: (message: string) => void;
}

const STAMP = ".workspace-stamp.json";

/** Returns the environment's paths without checking or installing anything. */
export function environmentPaths(venv: string = projectPath(".venv")): Environment {
  return {
    venv,
    python: join(venv, "bin", "python"),
    jupyter: join(venv, "bin", "jupyter"),
    mlflow: join(venv, "bin", "mlflow"),
    kernelDir: join(venv, "share", "jupyter", "kernels", "deno"),
  };
}

/** The kernelspec that runs notebooks with this Deno binary. */
export function denoKernelSpec(denoPath: string): Record<string, unknown> {
  return {
    argv: [denoPath, "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "Deno",
    language: "typescript",
    // Plain tracebacks: ANSI colour codes would be unreadable in HTML reports and logs.
    env: { NO_COLOR: "1" },
  };
}

/**
 * Makes sure the project environment exists and matches the lock file, installing what is
 * missing, and that the Deno kernelspec points at the running Deno. Returns its paths.
 */
export async function ensureEnvironment(options: EnsureOptions = {}): Promise<Environment> {
  const log = options.log ?? ((m: string) => console.error(m));
  const env = environmentPaths(options.venv);
  const lockFile = options.lockFile ?? projectPath("pipelines", "env", "requirements.lock");
  if (!existsSync(lockFile)) throw new Error(`lock file ${lockFile} does not exist`);
  const lockDigest = createHash("sha256").update(readFileSync(lockFile)).digest("hex");
  const stampPath = join(env.venv, STAMP);

  if (readStamp(stampPath)?.lockDigest !== lockDigest || !existsSync(env.python)) {
    if (!existsSync(env.python)) {
      const python = options.python ?? Deno.env.get("WS_PYTHON") ?? "python3";
      await requirePython(python);
      log(`setup: creating the Python environment in ${env.venv}`);
      await run(python, ["-m", "venv", env.venv], "creating the virtual environment");
    }
    log(
      `setup: installing pinned Python packages from ${lockFile} (first run takes a few minutes)`,
    );
    await run(env.python, [
      "-m",
      "pip",
      "install",
      "--disable-pip-version-check",
      "--require-hashes",
      "--no-deps",
      "--quiet",
      "-r",
      lockFile,
    ], "installing the Python packages");
    await writeFileAtomic(stampPath, JSON.stringify({ lockDigest }) + "\n");
  }

  const spec = JSON.stringify(denoKernelSpec(Deno.execPath()), null, 2) + "\n";
  const kernelFile = join(env.kernelDir, "kernel.json");
  if (!existsSync(kernelFile) || readFileSync(kernelFile, "utf8") !== spec) {
    await Deno.mkdir(env.kernelDir, { recursive: true });
    await writeFileAtomic(kernelFile, spec);
  }
  return env;
}

function readStamp(path: string): { lockDigest?: string } | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

async function requirePython(python: string): Promise<void> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(python, {
      args: ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch {
    throw new Error(`Python 3.10 or newer is required: "${python}" was not found on the PATH`);
  }
  const [major, minor] = new TextDecoder().decode(out.stdout).trim().split(".").map(Number);
  if (!out.success || major !== 3 || minor < 10) {
    throw new Error(`Python 3.10 or newer is required: "${python}" is ${major}.${minor}`);
  }
}

async function run(cmd: string, args: string[], what: string, cwd?: string): Promise<void> {
  const status = await new Deno.Command(cmd, { args, cwd, stdout: "inherit", stderr: "inherit" })
    .spawn().status;
  if (!status.success) throw new Error(`setup failed while ${what} (${cmd} exited ${status.code})`);
}
