import assert from "node:assert/strict";
import { join } from "node:path";
import { acquireLock, LockedError } from "@lib/runner/lock.ts";

Deno.test("acquireLock refuses a second holder and names the first", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await acquireLock(dir, { runKey: "run-a" });
    const error = await acquireLock(dir, { runKey: "run-b" }).catch((e) => e);
    assert.ok(error instanceof LockedError);
    assert.match(error.message, /is in use by pipeline run run-a \(pid \d+, started /);
    assert.match(error.message, /--wait SECONDS/);
    await first.release();
    const second = await acquireLock(dir, { runKey: "run-b" });
    await second.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("acquireLock waits for the holder to release when asked to", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await acquireLock(dir, { runKey: "run-a" });
    const waited: string[] = [];
    const pending = acquireLock(dir, {
      runKey: "run-b",
      waitSeconds: 10,
      onWait: (owner) => waited.push(owner.runKey),
    });
    setTimeout(() => first.release(), 600);
    const second = await pending;
    assert.deepEqual(waited, ["run-a"]);
    const owner = JSON.parse(await Deno.readTextFile(join(dir, ".lock")));
    assert.equal(owner.runKey, "run-b");
    await second.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("acquireLock takes over a lock whose process no longer exists", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // A process that has exited: its pid is free (or reused by something unrelated only rarely).
    const gone = new Deno.Command("true").spawn();
    await gone.status;
    await Deno.writeTextFile(
      join(dir, ".lock"),
      JSON.stringify({ pid: gone.pid, runKey: "crashed", startedAt: "2026-01-01T00:00:00Z" }),
    );
    const lock = await acquireLock(dir, { runKey: "next" });
    assert.equal(JSON.parse(await Deno.readTextFile(join(dir, ".lock"))).runKey, "next");
    await lock.release();
    assert.deepEqual([...Deno.readDirSync(dir)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("acquireLock: of runs racing for a lock, one holds it and the others name it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => acquireLock(dir, { runKey: `run-${i}` })),
    );
    const held = attempts.filter((a) => a.status === "fulfilled");
    assert.equal(held.length, 1);
    for (const refused of attempts.filter((a) => a.status === "rejected")) {
      assert.match(
        String((refused as PromiseRejectedResult).reason),
        /is in use by pipeline run run-\d \(pid \d+/,
      );
    }
    await (held[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("alive tells a running process from a finished one with only --allow-run", async () => {
  // the pipeline task grants no --allow-all, which reading /proc/<pid> would need
  const code = `
    import { alive } from ${
    JSON.stringify(new URL("../../lib/runner/lock.ts", import.meta.url).href)
  };
    const done = new Deno.Command("true").spawn();
    await done.status;
    console.log(JSON.stringify([alive(Deno.pid), alive(done.pid)]));
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-config", "--allow-run", "--allow-read", code],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  assert.deepEqual(JSON.parse(new TextDecoder().decode(out.stdout)), [true, false]);
});
