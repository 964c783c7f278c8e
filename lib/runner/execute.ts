/**
 * Executes one prepared notebook through Jupyter (nbclient, the Deno kernel) by running
 * `nbexec.py` in the project environment, and turns its event lines into typed events.
 * @internal
 * @module
 */
import { fileURLToPath } from "node:url";
import type { Environment } from "./environment.ts";

/** An event reported while a notebook executes. */
export type ExecEvent =
  | { event: "start"; cells: number; code_cells: number }
  | { event: "cell"; index: number; position: number; code_cells: number }
  | {
    event: "error";
    index: number;
    ename: string;
    evalue: string;
    traceback?: string;
  }
  | { event: "done"; ok: boolean; seconds: number };

/** The outcome of executing a notebook. */
export interface ExecResult {
  readonly ok: boolean;
  readonly seconds: number;
  /** The failing cell (index among all cells) and its error, when `ok` is false. */
  readonly error?: { index: number; ename: string; evalue: string; traceback?: string };
  /** What the executor wrote to stderr (kernel warnings, Python errors), last 4 KB. */
  readonly stderrTail: string;
  /** The executor's process id, which is also its process group's id. */
  readonly pid: number;
}

/** Options of {@link executeNotebook}. */
export interface ExecOptions {
  /** The prepared notebook (parameters injected). */
  readonly input: string;
  /** Where the executed notebook is written (also on failure). */
  readonly output: string;
  /** Where its HTML rendering is written (also on failure). */
  readonly html: string;
  /** The kernel's working directory. */
  readonly cwd: string;
  /** Extra environment for the kernel (tracking URI, run id). */
  readonly env?: Record<string, string>;
  /** Seconds a single cell may run. Defaults to 3,600 (an hour: a limit for a hung kernel, not for long training). */
  readonly cellTimeout?: number;
  /**
   * Seconds the whole notebook may run; then the executor is asked to stop (it saves what ran)
   * and, after a grace period, its process group, kernel included, is killed. Default: no limit.
   */
  readonly notebookTimeout?: number;
  /** Called for every event, in order. */
  readonly onEvent?: (event: ExecEvent) => void;
}

const NBEXEC = fileURLToPath(new URL("./nbexec.py", import.meta.url));
const KILL_GRACE_MS = 10_000;

function signalGroup(pid: number, signal: Deno.Signal): void {
  try {
    Deno.kill(-pid, signal);
  } catch (error) {
    // Gone already is fine; anything else (notably NotCapable: signalling a process group
    // needs Deno's unrestricted --allow-run) must not pass silently, or stop() waits forever.
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

/** Executes a notebook and resolves when the executed copy and its HTML are written. */
export async function executeNotebook(env: Environment, options: ExecOptions): Promise<ExecResult> {
  const child = new Deno.Command(env.python, {
    args: [
      NBEXEC,
      options.input,
      "--output",
      options.output,
      "--html",
      options.html,
      "--cwd",
      options.cwd,
      "--cell-timeout",
      String(options.cellTimeout ?? 3_600),
    ],
    env: { ...options.env, JUPYTER_PLATFORM_DIRS: "1", PYDEVD_DISABLE_FILE_VALIDATION: "1" },
    stdout: "piped",
    stderr: "piped",
    // Its own process group: on a timeout the kernel it started is killed with it.
    detached: true,
  }).spawn();
  let timedOut = false;
  const timers: ReturnType<typeof setTimeout>[] = [];
  if (options.notebookTimeout) {
    timers.push(setTimeout(() => {
      timedOut = true;
      signalGroup(child.pid, "SIGTERM");
      timers.push(setTimeout(() => signalGroup(child.pid, "SIGKILL"), KILL_GRACE_MS));
    }, options.notebookTimeout * 1000));
  }

  let stderr = "";
  const stderrDone = child.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({
      write(chunk) {
        stderr = (stderr + chunk).slice(-4096);
      },
    }),
  );
  let done: Extract<ExecEvent, { event: "done" }> | undefined;
  let error: ExecResult["error"];
  let buffer = "";
  for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (!line.startsWith("{")) continue;
      const event = JSON.parse(line) as ExecEvent;
      if (event.event === "done") done = event;
      if (event.event === "error") {
        const { index, ename, evalue, traceback } = event;
        error = { index, ename, evalue, traceback };
      }
      options.onEvent?.(event);
    }
  }
  const status = await child.status;
  await stderrDone;
  timers.forEach(clearTimeout);
  // The executor is gone; anything left in its group (a kernel that ignored shutdown) goes too.
  signalGroup(child.pid, "SIGKILL");
  if (timedOut) {
    error = {
      index: error?.index ?? -1,
      ename: "NotebookTimeout",
      evalue: `the notebook ran longer than ${options.notebookTimeout} s; its kernel was killed`,
    };
  }
  const ok = status.success && done?.ok === true && !timedOut;
  if (!ok && !error) {
    error = { index: -1, ename: "ExecutorError", evalue: `the executor exited ${status.code}` };
  }
  return { ok, seconds: done?.seconds ?? 0, error, stderrTail: stderr, pid: child.pid };
}
