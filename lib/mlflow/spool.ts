/**
 * Tracking that survives an MLflow outage. {@link ResilientTracker} sends each call to the
 * server; when the server cannot be reached (no response, or a 5xx) it warns once and from then
 * on appends every call to a local append-only spool (`spool.jsonl`, artifacts copied beside
 * it). {@link replaySpool} later sends the spooled calls to a server in order, exactly once:
 * each call's id is recorded as done (atomically) after it succeeds, runs created from the spool
 * are found again by their `ws.spool_op` tag if a replay is interrupted, and a finished spool is
 * archived.
 *
 * Runs created while offline get a local id (`local-…`); every later call naming such a run
 * goes to the spool too, from whichever process makes it (the runner or a notebook's kernel), so
 * the calls stay in order per run.
 * @module
 */
import { copyFile, mkdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { writeFileAtomic } from "../io/atomic.ts";
import type { MlflowClient } from "./client.ts";
import { MlflowError } from "./http.ts";
import type { CreateRunOptions, ParamValue, RunStatus } from "./types.ts";

/** The statuses a run can be set to. */
type EndStatus = Exclude<RunStatus, "SCHEDULED">;

/** The tracking calls the runner and notebooks make. */
export interface Tracker {
  getOrCreateExperiment(name: string): Promise<string>;
  createRun(options: CreateRunOptions): Promise<{ runId: string }>;
  logParams(runId: string, params: Record<string, ParamValue>): Promise<void>;
  logMetrics(runId: string, metrics: Record<string, number>, step?: number): Promise<void>;
  setTags(runId: string, tags: Record<string, string>): Promise<void>;
  logArtifact(runId: string, localPath: string, artifactPath?: string): Promise<void>;
  logArtifactBytes(runId: string, bytes: Uint8Array, artifactPath: string): Promise<void>;
  updateRun(runId: string, status: EndStatus, endTime?: number): Promise<void>;
}

/** One tracking call, as spooled. Run and experiment references may be local ids. */
export type SpoolCall =
  | { op: "experiment"; name: string; localId: string }
  | { op: "createRun"; localId: string; options: CreateRunOptions }
  | { op: "params"; runId: string; params: Record<string, ParamValue> }
  | { op: "metrics"; runId: string; metrics: Record<string, number>; step?: number }
  | { op: "tags"; runId: string; tags: Record<string, string> }
  | { op: "artifact"; runId: string; blob: string; name: string; artifactPath?: string }
  | { op: "updateRun"; runId: string; status: EndStatus; endTime?: number };

/** A spooled call with its id and time. */
export type SpoolOp = SpoolCall & { id: string; at: number };

const LOCAL = "local-";

/** True for ids made while offline, which only the spool knows. */
export function isLocalId(id: string): boolean {
  return id.startsWith(LOCAL);
}

/** Whether an error means "the server is not there" (as opposed to a request it refused). */
export function isOutage(error: unknown): boolean {
  if (error instanceof MlflowError) return error.status === undefined || error.status >= 500;
  return error instanceof TypeError && /fetch|network|connect/i.test(error.message);
}

/** The spool folder: `spool.jsonl`, copied artifacts in `blobs/`, replay state. */
export class Spool {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  get file(): string {
    return join(this.dir, "spool.jsonl");
  }

  /** Appends one call (a single write of one line, so concurrent writers do not interleave). */
  async append(op: SpoolCall): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const line = JSON.stringify({ id: crypto.randomUUID(), at: Date.now(), ...op }) + "\n";
    await Deno.writeTextFile(this.file, line, { append: true, create: true });
  }

  /** Copies a file into the spool and returns its stored path. */
  async keep(localPath: string): Promise<string> {
    const blobs = join(this.dir, "blobs");
    await mkdir(blobs, { recursive: true });
    const blob = join(blobs, `${crypto.randomUUID()}-${basename(localPath)}`);
    await copyFile(localPath, blob);
    return blob;
  }

  /** The calls in a spool file, in order (empty when there is none). */
  async read(file: string = this.file): Promise<SpoolOp[]> {
    let text: string;
    try {
      text = await Deno.readTextFile(file);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return [];
      throw error;
    }
    // A torn last line (a writer killed mid-write) is not a call yet.
    return text.split("\n").filter((l) => l.trim()).flatMap((l) => {
      try {
        return [JSON.parse(l) as SpoolOp];
      } catch {
        return [];
      }
    });
  }
}

/** Sends calls to MLflow, or to a spool once MLflow is unreachable. */
export class ResilientTracker implements Tracker {
  readonly #client: MlflowClient;
  readonly #spool: Spool;
  readonly #warn: (message: string) => void;
  #offline = false;

  constructor(client: MlflowClient, spool: Spool, warn: (message: string) => void = console.warn) {
    this.#client = client;
    this.#spool = spool;
    this.#warn = warn;
  }

  /** True once calls are going to the spool. */
  get offline(): boolean {
    return this.#offline;
  }

  getOrCreateExperiment(name: string): Promise<string> {
    return this.#call(
      undefined,
      () => this.#client.getOrCreateExperiment(name),
      async () => {
        const localId = `${LOCAL}exp-${crypto.randomUUID()}`;
        await this.#spool.append({ op: "experiment", name, localId });
        return localId;
      },
    );
  }

  createRun(options: CreateRunOptions): Promise<{ runId: string }> {
    const refs = [options.experimentId, options.parentRunId].filter((x): x is string => !!x);
    return this.#call(
      refs.find(isLocalId),
      async () => ({ runId: (await this.#client.createRun(options)).runId }),
      async () => {
        const localId = `${LOCAL}run-${crypto.randomUUID()}`;
        await this.#spool.append({ op: "createRun", localId, options });
        return { runId: localId };
      },
    );
  }

  logParams(runId: string, params: Record<string, ParamValue>): Promise<void> {
    return this.#call(
      runId,
      () => this.#client.logParams(runId, params),
      () => this.#spool.append({ op: "params", runId, params }),
    );
  }

  logMetrics(runId: string, metrics: Record<string, number>, step?: number): Promise<void> {
    return this.#call(
      runId,
      () => this.#client.logMetrics(runId, metrics, step),
      () => this.#spool.append({ op: "metrics", runId, metrics, step }),
    );
  }

  setTags(runId: string, tags: Record<string, string>): Promise<void> {
    return this.#call(
      runId,
      () => this.#client.setTags(runId, tags),
      () => this.#spool.append({ op: "tags", runId, tags }),
    );
  }

  logArtifact(runId: string, localPath: string, artifactPath?: string): Promise<void> {
    return this.#call(
      runId,
      async () => void await this.#client.logArtifact(runId, localPath, artifactPath),
      async () => {
        const blob = await this.#spool.keep(localPath);
        await this.#spool.append({
          op: "artifact",
          runId,
          blob,
          name: basename(localPath),
          artifactPath,
        });
      },
    );
  }

  async logArtifactBytes(runId: string, bytes: Uint8Array, artifactPath: string): Promise<void> {
    const tmp = await Deno.makeTempDir();
    try {
      const file = join(tmp, basename(artifactPath));
      await Deno.writeFile(file, bytes);
      const folder = artifactPath.includes("/")
        ? artifactPath.slice(0, artifactPath.lastIndexOf("/"))
        : undefined;
      await this.logArtifact(runId, file, folder);
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  }

  updateRun(runId: string, status: EndStatus, endTime?: number): Promise<void> {
    return this.#call(
      runId,
      async () => void await this.#client.updateRun(runId, status, endTime),
      () => this.#spool.append({ op: "updateRun", runId, status, endTime }),
    );
  }

  async #call<T>(
    localRef: string | undefined,
    online: () => Promise<T>,
    offline: () => Promise<T>,
  ): Promise<T> {
    if (!this.#offline && !(localRef && isLocalId(localRef))) {
      try {
        return await online();
      } catch (error) {
        if (!isOutage(error)) throw error;
        this.#offline = true;
        this.#warn(
          `warning: MLflow is unreachable (${(error as Error).message}); tracking continues in ` +
            `the spool ${this.#spool.file}; it is replayed by the next run or \`deno task mlflow:replay\``,
        );
      }
    }
    return await offline();
  }
}

interface ReplayState {
  done: string[];
  ids: Record<string, string>;
}

/** What a replay did. */
export interface ReplayResult {
  readonly replayed: number;
  readonly skipped: number;
}

/**
 * Sends the spool's calls to `client` in order, each exactly once, then archives them. Calls
 * appended meanwhile start a new spool file and wait for the next replay. Safe to run again after
 * an interruption: finished calls are skipped.
 */
export async function replaySpool(spool: Spool, client: MlflowClient): Promise<ReplayResult> {
  const replaying = join(spool.dir, "replaying.jsonl");
  const stateFile = join(spool.dir, "replay-state.json");
  let replayed = 0;
  let skipped = 0;
  for (;;) {
    if (!(await exists(replaying))) {
      if (!(await exists(spool.file))) return { replayed, skipped };
      // Atomic: writers that come after this append to a fresh spool.jsonl.
      await Deno.rename(spool.file, replaying);
    }
    const state: ReplayState = await Deno.readTextFile(stateFile).then(JSON.parse).catch(() => ({
      done: [],
      ids: {},
    }));
    const done = new Set(state.done);
    const blobs: string[] = [];
    skipped += (await spool.read(replaying)).filter((op) => done.has(op.id)).length;
    // Read again until nothing new: a writer may have appended just before the rename.
    for (;;) {
      const pending = (await spool.read(replaying)).filter((op) => !done.has(op.id));
      if (pending.length === 0) break;
      for (const op of pending) {
        await replayOne(op, state, client);
        if (op.op === "artifact") blobs.push(op.blob);
        done.add(op.id);
        state.done = [...done];
        await writeFileAtomic(stateFile, JSON.stringify(state));
        replayed++;
      }
    }
    const archive = join(spool.dir, "replayed", new Date().toISOString().replace(/[:.]/g, "-"));
    await mkdir(join(archive, "blobs"), { recursive: true });
    for (const blob of blobs) {
      await Deno.rename(blob, join(archive, "blobs", basename(blob))).catch(() => {});
    }
    await Deno.rename(stateFile, join(archive, "replay-state.json")).catch(() => {});
    await Deno.rename(replaying, join(archive, "spool.jsonl"));
  }
}

async function replayOne(op: SpoolOp, state: ReplayState, client: MlflowClient): Promise<void> {
  const real = (id: string | undefined): string | undefined => {
    if (id === undefined || !isLocalId(id)) return id;
    const mapped = state.ids[id];
    if (!mapped) throw new Error(`spool refers to ${id}, which no earlier spooled call created`);
    return mapped;
  };
  switch (op.op) {
    case "experiment":
      state.ids[op.localId] = await client.getOrCreateExperiment(op.name);
      return;
    case "createRun": {
      const experimentId = real(op.options.experimentId)!;
      // A replay cut off after creating this run must not create it twice.
      const existing = await client.searchRuns({
        experimentIds: [experimentId],
        filter: `tags.ws.spool_op = '${op.id}'`,
      });
      state.ids[op.localId] = existing[0]?.info.runId ?? (await client.createRun({
        ...op.options,
        experimentId,
        parentRunId: real(op.options.parentRunId),
        tags: { ...op.options.tags, "ws.spool_op": op.id },
      })).runId;
      return;
    }
    case "params":
      return await client.logParams(real(op.runId)!, op.params);
    case "metrics":
      return await client.logMetrics(real(op.runId)!, op.metrics, op.step);
    case "tags":
      return await client.setTags(real(op.runId)!, op.tags);
    case "artifact": {
      const tmp = await Deno.makeTempDir();
      try {
        const file = join(tmp, op.name);
        await copyFile(op.blob, file);
        await client.logArtifact(real(op.runId)!, file, op.artifactPath);
      } finally {
        await Deno.remove(tmp, { recursive: true });
      }
      return;
    }
    case "updateRun":
      await client.updateRun(real(op.runId)!, op.status, op.endTime);
      return;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
