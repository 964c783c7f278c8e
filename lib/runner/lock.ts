/**
 * One pipeline run per data folder at a time. A run holds `<folder>/.lock` (created exclusively,
 * holding its pid and run key) for as long as it writes there; a second run waits for it or
 * stops with a message naming the holder. A lock left by a process that no longer exists
 * (killed, crashed) is taken over.
 * @internal
 * @module
 */
import { join } from "node:path";

/** Who holds a lock. */
export interface LockOwner {
  readonly pid: number;
  readonly runKey: string;
  readonly startedAt: string;
}

/** A held lock. */
export interface Lock {
  readonly path: string;
  release(): Promise<void>;
}

/** Raised when the folder stays locked by a live run. */
export class LockedError extends Error {
  override name = "LockedError";
}

/** Options of {@link acquireLock}. */
export interface LockOptions {
  /** The run taking the lock. */
  readonly runKey: string;
  /** How long to wait for another run to finish, in seconds. Defaults to 0 (do not wait). */
  readonly waitSeconds?: number;
  /** Called once when the lock is busy and the caller waits. */
  readonly onWait?: (owner: LockOwner) => void;
}

/** Takes the lock of `folder` (creating the folder), waiting as `options` allow. */
export async function acquireLock(folder: string, options: LockOptions): Promise<Lock> {
  await Deno.mkdir(folder, { recursive: true });
  const path = join(folder, ".lock");
  const deadline = Date.now() + (options.waitSeconds ?? 0) * 1000;
  const me: LockOwner = {
    pid: Deno.pid,
    runKey: options.runKey,
    startedAt: new Date().toISOString(),
  };
  let told = false;
  for (;;) {
    // Written in full first, then published with a hard link, which fails when the lock exists:
    // nobody ever sees a lock without its owner.
    const draft = `${path}.${crypto.randomUUID().slice(0, 8)}.tmp`;
    await Deno.writeTextFile(draft, JSON.stringify(me) + "\n");
    try {
      await Deno.link(draft, path);
      return { path, release: () => releaseLock(path, me) };
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    } finally {
      await Deno.remove(draft).catch(() => {});
    }
    const owner = await readOwner(path);
    if (owner && !alive(owner.pid)) {
      // The holder is gone (killed or crashed): its lock is stale.
      await Deno.remove(path).catch(() => {});
      continue;
    }
    if (Date.now() >= deadline) {
      const who = owner
        ? `pipeline run ${owner.runKey} (pid ${owner.pid}, started ${owner.startedAt})`
        : "another process";
      throw new LockedError(
        `${folder} is in use by ${who}; wait for it to finish (--wait SECONDS) or use another dataDir`,
      );
    }
    if (!told && owner) options.onWait?.(owner);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function releaseLock(path: string, me: LockOwner): Promise<void> {
  const owner = await readOwner(path);
  if (owner?.pid === me.pid && owner.runKey === me.runKey) await Deno.remove(path).catch(() => {});
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch {
    // Being written this very moment, or removed: look again on the next round.
    return undefined;
  }
}

/**
 * Whether process `pid` exists. A harmless SIGCONT asks the kernel (reading `/proc/<pid>` would
 * need Deno's --allow-all, which the pipeline task does not grant): no such process means it
 * died; a process we may not signal (EPERM) still exists.
 */
export function alive(pid: number): boolean {
  try {
    Deno.kill(pid, "SIGCONT");
    return true;
  } catch (error) {
    return error instanceof Deno.errors.PermissionDenied;
  }
}
