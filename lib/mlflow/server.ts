/**
 * Starting a local MLflow tracking server (SQLite store + proxied artifacts, loopback only) and
 * choosing which server a run logs to.
 * @module
 */
import { mkdir, readFile, stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { projectPath } from "../paths.ts";
import { parseTrackingUri } from "./http.ts";

/** Options of {@linkcode startLocalServer}. */
export interface LocalServerOptions {
  /** Holds `mlflow.db`, `artifacts/` and `server.log`; relative paths resolve against the project root. */
  storeDir: string;
  /** Defaults to a free port chosen by the OS. */
  port?: number;
  /** Defaults to `<project>/.venv/bin/mlflow`. */
  mlflowBin?: string;
  /** A loopback address only; defaults to `127.0.0.1`. */
  host?: string;
  /** How long to wait for `GET /health`; defaults to 90_000 ms. */
  startupTimeoutMs?: number;
}

/** A running local server; `stop()` ends it and every process it started. */
export interface LocalServer {
  /** E.g. `http://127.0.0.1:41234`. */
  uri: string;
  /** Where the server's stdout and stderr go. */
  logFile: string;
  /** Process id of `mlflow server`, also the id of its process group. */
  pid: number;
  /** Stops the server (SIGTERM to its process group, SIGKILL after 15 s); safe to call twice. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Where runs are logged, and how to release it when done. */
export interface TrackingTarget {
  /** The tracking server's base URL. */
  uri: string;
  /** The server started for this process, when there was no MLFLOW_TRACKING_URI. */
  server?: LocalServer;
  /** Stops the local server if one was started; does nothing for an external server. */
  stop(): Promise<void>;
}

/** Options of {@linkcode resolveTracking}. */
export interface ResolveTrackingOptions {
  /** Defaults to the environment variable MLFLOW_TRACKING_URI. */
  trackingUri?: string;
  /** Store of the local server; defaults to `<project>/.mlflow`. */
  storeDir?: string;
  /** Passed to {@linkcode startLocalServer}. */
  mlflowBin?: string;
}

// Job execution (on by default in MLflow 3.x) starts seven huey consumer processes for GenAI
// scoring jobs that this project never submits; telemetry would phone home on a machine with no
// route out. Unbuffered output keeps server.log current for the error messages below.
const SERVER_ENV = {
  MLFLOW_SERVER_ENABLE_JOB_EXECUTION: "false",
  MLFLOW_DISABLE_TELEMETRY: "true",
  PYTHONUNBUFFERED: "1",
};

const STOP_GRACE_MS = 15_000;

/**
 * Starts `mlflow server` over a SQLite store in `storeDir`, with artifacts proxied into
 * `storeDir/artifacts`, on the loopback interface; resolves once `GET /health` answers.
 *
 * @example
 * ```ts ignore
 * await using server = await startLocalServer({ storeDir: "/tmp/mlflow-store" });
 * const mlflow = new MlflowClient(server.uri);
 * ```
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const host = options.host ?? "127.0.0.1";
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) && host !== "localhost") {
    throw new Error(`startLocalServer binds loopback addresses only, not ${host}`);
  }
  const mlflowBin = options.mlflowBin ?? projectPath(".venv", "bin", "mlflow");
  if (!(await exists(mlflowBin))) {
    throw new Error(
      `mlflow not found at ${mlflowBin}: install the project's Python environment (.venv) first`,
    );
  }
  const storeDir = isAbsolute(options.storeDir) ? options.storeDir : projectPath(options.storeDir);
  await mkdir(join(storeDir, "artifacts"), { recursive: true });
  const logFile = join(storeDir, "server.log");

  // A free port can be taken between probing and binding; retry on that, only when we chose it.
  const attempts = options.port === undefined ? 3 : 1;
  for (let attempt = 1;; attempt++) {
    const port = options.port ?? freePort(host);
    try {
      return await launch({
        mlflowBin,
        storeDir,
        logFile,
        host,
        port,
        timeoutMs: options.startupTimeoutMs ?? 90_000,
      });
    } catch (error) {
      const portTaken = error instanceof Error && /address already in use/i.test(error.message);
      if (!portTaken || attempt >= attempts) throw error;
    }
  }
}

/**
 * The tracking server to log to: MLFLOW_TRACKING_URI when set (checked with `GET /health`),
 * otherwise a local server over `<project>/.mlflow/` started for this process.
 */
export async function resolveTracking(
  options: ResolveTrackingOptions = {},
): Promise<TrackingTarget> {
  const external = options.trackingUri ?? Deno.env.get("MLFLOW_TRACKING_URI");
  if (external) {
    const uri = parseTrackingUri(external);
    const problem = await healthProblem(uri, 5_000);
    if (problem) {
      throw new Error(
        `MLflow tracking server ${uri} (from MLFLOW_TRACKING_URI) does not answer GET /health: ` +
          `${problem}. Start it, or unset MLFLOW_TRACKING_URI to use a local server`,
      );
    }
    return { uri, stop: () => Promise.resolve() };
  }
  const server = await startLocalServer({
    storeDir: options.storeDir ?? projectPath(".mlflow"),
    mlflowBin: options.mlflowBin,
  });
  return { uri: server.uri, server, stop: () => server.stop() };
}

interface LaunchOptions {
  mlflowBin: string;
  storeDir: string;
  logFile: string;
  host: string;
  port: number;
  timeoutMs: number;
}

async function launch(o: LaunchOptions): Promise<LocalServer> {
  const args = [
    "server",
    "--backend-store-uri",
    `sqlite:///${join(o.storeDir, "mlflow.db")}`,
    "--artifacts-destination",
    join(o.storeDir, "artifacts"),
    "--host",
    o.host,
    "--port",
    String(o.port),
    // One uvicorn worker: the default four cost ~4x the memory and contend for one SQLite file.
    "--workers",
    "1",
  ];
  const log = await Deno.open(o.logFile, { create: true, append: true });
  const logStart = (await log.stat()).size;
  await writeAll(log, new TextEncoder().encode(`\n--- ${o.mlflowBin} ${args.join(" ")}\n`));
  // detached: the server gets its own process group, so stop() reaches uvicorn too.
  const child = new Deno.Command(o.mlflowBin, {
    args,
    env: SERVER_ENV,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    detached: true,
  }).spawn();
  const drained = Promise.all([drain(child.stdout, log), drain(child.stderr, log)]);
  let exit: Deno.CommandStatus | undefined;
  const status = child.status.then((s) => (exit = s));

  const signalGroup = (signal: Deno.Signal) => {
    try {
      Deno.kill(-child.pid, signal);
    } catch (error) {
      // Gone already is fine; anything else (notably NotCapable: signalling a process group
      // needs Deno's unrestricted --allow-run) must not pass silently, or stop() waits forever.
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  };
  const onUnload = () => signalGroup("SIGTERM");
  globalThis.addEventListener("unload", onUnload);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      globalThis.removeEventListener("unload", onUnload);
      signalGroup("SIGTERM");
      // The pipes close only when every process of the group has exited.
      const done = Promise.all([status, drained]);
      if (!(await settlesWithin(done, STOP_GRACE_MS))) {
        signalGroup("SIGKILL");
        await done;
      }
      log.close();
    })();
    return stopping;
  };

  const uri = `http://${o.host}:${o.port}`;
  const deadline = Date.now() + o.timeoutMs;
  while (true) {
    if (exit) {
      await stop();
      throw new Error(
        `mlflow server exited with code ${exit.code} before answering ${uri}/health; ` +
          `last lines of ${o.logFile}:\n${await tail(o.logFile, logStart)}`,
      );
    }
    if ((await healthProblem(uri, 2_000)) === undefined) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `mlflow server did not answer ${uri}/health within ${o.timeoutMs} ms; ` +
          `last lines of ${o.logFile}:\n${await tail(o.logFile, logStart)}`,
      );
    }
    await sleep(250);
  }
  return { uri, logFile: o.logFile, pid: child.pid, stop, [Symbol.asyncDispose]: stop };
}

/** Undefined when `GET <uri>/health` answers 200, else what went wrong. */
async function healthProblem(uri: string, timeoutMs: number): Promise<string | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(`${uri}/health`, { signal: controller.signal });
    const body = await response.text();
    return response.ok ? undefined : `HTTP ${response.status} ${body.slice(0, 200)}`;
  } catch (error) {
    return controller.signal.aborted
      ? `no answer within ${timeoutMs} ms`
      : error instanceof Error
      ? error.message
      : String(error);
  } finally {
    clearTimeout(timer);
  }
}

function freePort(hostname: string): number {
  const listener = Deno.listen({ hostname, port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function drain(stream: ReadableStream<Uint8Array>, file: Deno.FsFile): Promise<void> {
  for await (const chunk of stream) await writeAll(file, chunk);
}

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += await file.write(bytes.subarray(written));
}

/** The last `lines` lines of `file` written after byte `from`. */
async function tail(file: string, from: number, lines = 30): Promise<string> {
  const bytes = await readFile(file).catch(() => new Uint8Array());
  const text = new TextDecoder().decode(bytes.subarray(from));
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
