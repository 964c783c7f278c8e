import assert from "node:assert/strict";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MlflowClient, resolveTracking, startLocalServer } from "@lib/mlflow/mod.ts";
import { PIPELINE_PERMISSIONS } from "@pipelines/task_args.ts";

function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Command lines of the live processes in process group `pgid`. */
async function groupMembers(pgid: number): Promise<string[]> {
  const { stdout } = await new Deno.Command("ps", { args: ["-eo", "pgid=,args="] }).output();
  return new TextDecoder().decode(stdout).split("\n")
    .map((line) => line.trim().match(/^(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null && Number(m[1]) === pgid)
    .map((m) => m[2]);
}

async function fakeMlflow(dir: string, script: string): Promise<string> {
  const path = join(dir, "fake-mlflow");
  await writeFile(path, `#!/bin/sh\n${script}\n`);
  await chmod(path, 0o755);
  return path;
}

async function withEnv<T>(name: string, value: string | undefined, body: () => Promise<T>) {
  const saved = Deno.env.get(name);
  if (value === undefined) Deno.env.delete(name);
  else Deno.env.set(name, value);
  try {
    return await body();
  } finally {
    if (saved === undefined) Deno.env.delete(name);
    else Deno.env.set(name, saved);
  }
}

Deno.test("startLocalServer refuses a non-loopback host before starting anything", async () => {
  await assert.rejects(
    startLocalServer({ storeDir: "/nonexistent/never-created", host: "0.0.0.0" }),
    /loopback addresses only, not 0\.0\.0\.0/,
  );
});

Deno.test("startLocalServer names a missing mlflow binary", async () => {
  const dir = await mkdtemp(join(tmpdir(), "mlflow-server-test-"));
  try {
    await assert.rejects(
      startLocalServer({ storeDir: dir, mlflowBin: join(dir, "no-such-mlflow") }),
      new RegExp(`mlflow not found at ${join(dir, "no-such-mlflow")}`),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

Deno.test("startLocalServer reports an early exit with the log tail", async () => {
  const dir = await mkdtemp(join(tmpdir(), "mlflow-server-test-"));
  try {
    const bin = await fakeMlflow(dir, 'echo "boom: backend store is corrupt" >&2\nexit 3');
    const error = await startLocalServer({ storeDir: dir, mlflowBin: bin }).catch((e) => e);
    assert.ok(error instanceof Error);
    assert.match(error.message, /exited with code 3 before answering/);
    assert.match(error.message, /boom: backend store is corrupt/);
    assert.match(await readFile(join(dir, "server.log"), "utf8"), /boom: backend store/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

Deno.test("startLocalServer times out, kills the process group and shows the log", async () => {
  const dir = await mkdtemp(join(tmpdir(), "mlflow-server-test-"));
  try {
    // A server that never answers: a child process that outlives a plain kill of its parent.
    const bin = await fakeMlflow(dir, 'echo "still booting"\nsleep 60 &\nwait');
    const error = await startLocalServer({ storeDir: dir, mlflowBin: bin, startupTimeoutMs: 1500 })
      .catch((e) => e);
    assert.ok(error instanceof Error);
    assert.match(error.message, /did not answer http:\/\/127\.0\.0\.1:\d+\/health within 1500 ms/);
    assert.match(error.message, /still booting/);
    const { stdout } = await new Deno.Command("ps", { args: ["-eo", "args="] }).output();
    const lines = new TextDecoder().decode(stdout).split("\n");
    assert.ok(!lines.some((l) => l.includes(bin)), "the fake server is gone");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

Deno.test("resolveTracking names a non-http MLFLOW_TRACKING_URI", async () => {
  await assert.rejects(
    resolveTracking({ trackingUri: "file:///tmp/mlruns" }),
    /"file:\/\/\/tmp\/mlruns" is not an http\(s\) URL/,
  );
});

Deno.test("resolveTracking explains an unreachable MLFLOW_TRACKING_URI", async () => {
  const uri = `http://127.0.0.1:${closedPort()}`;
  await assert.rejects(
    withEnv("MLFLOW_TRACKING_URI", uri, () => resolveTracking()),
    new RegExp(`${uri} \\(from MLFLOW_TRACKING_URI\\) does not answer GET /health`),
  );
});

Deno.test("startLocalServer runs a real mlflow server", async (t) => {
  const storeDir = await mkdtemp(join(tmpdir(), "mlflow-server-test-"));
  const server = await startLocalServer({ storeDir });
  try {
    await t.step("it listens on loopback and answers /health", async () => {
      assert.match(server.uri, /^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${server.uri}/health`);
      assert.equal(response.status, 200);
      assert.equal(await response.text(), "OK");
    });

    await t.step(
      "its store is SQLite under storeDir and its output goes to server.log",
      async () => {
        assert.ok((await stat(join(storeDir, "mlflow.db"))).size > 0);
        assert.equal(server.logFile, join(storeDir, "server.log"));
        const log = await readFile(server.logFile, "utf8");
        assert.match(log, /--backend-store-uri sqlite:\/\/\/.*mlflow\.db/);
        assert.match(log, /Uvicorn running on http:\/\/127\.0\.0\.1:\d+/);
      },
    );

    await t.step("it runs one uvicorn worker and no job runner", async () => {
      const members = await groupMembers(server.pid);
      assert.equal(members.length, 2, members.join("\n"));
      assert.ok(members.some((m) => m.includes("mlflow server")));
      assert.ok(members.some((m) => m.includes("uvicorn") && m.includes("--workers 1")));
      assert.ok(!members.some((m) => m.includes("huey")));
    });

    await t.step("its runs get proxied mlflow-artifacts: roots stored under storeDir", async () => {
      const mlflow = new MlflowClient(server.uri);
      const run = await mlflow.createRun({ experimentId: await mlflow.getOrCreateExperiment("x") });
      assert.match(run.artifactUri, /^mlflow-artifacts:\/\d+\/[0-9a-f]{32}\/artifacts$/);
      await mlflow.logArtifactBytes(run.runId, "hello", "a.txt");
      const onDisk = join(
        storeDir,
        "artifacts",
        run.artifactUri.slice("mlflow-artifacts:/".length),
      );
      assert.equal(await readFile(join(onDisk, "a.txt"), "utf8"), "hello");
    });

    await t.step("resolveTracking uses MLFLOW_TRACKING_URI when it is set", async () => {
      const target = await withEnv(
        "MLFLOW_TRACKING_URI",
        `${server.uri}/`,
        () => resolveTracking(),
      );
      assert.equal(target.uri, server.uri);
      assert.equal(target.server, undefined);
      await target.stop(); // must not stop a server it did not start
      assert.equal(await fetch(`${server.uri}/health`).then((r) => r.text()), "OK");
    });

    await t.step(
      "resolveTracking starts a local server when MLFLOW_TRACKING_URI is unset",
      async () => {
        const localDir = join(storeDir, "local");
        const target = await withEnv(
          "MLFLOW_TRACKING_URI",
          undefined,
          () => resolveTracking({ storeDir: localDir }),
        );
        try {
          assert.notEqual(target.uri, server.uri);
          assert.equal(target.server?.logFile, join(localDir, "server.log"));
          assert.equal(await fetch(`${target.uri}/health`).then((r) => r.text()), "OK");
        } finally {
          await target.stop();
        }
        assert.equal(await fetch(`${target.uri}/health`).then(() => "up", () => "down"), "down");
      },
    );
  } finally {
    await server.stop();
    await rm(storeDir, { recursive: true, force: true });
  }
  await server.stop(); // a second stop is a no-op
  assert.deepEqual(await groupMembers(server.pid), [], "stop() ends every process of the group");
  assert.equal(await fetch(`${server.uri}/health`).then(() => "up", () => "down"), "down");
});

Deno.test("under the pipeline task's permissions a local server stops, with its whole process group", async () => {
  const storeDir = await mkdtemp(join(tmpdir(), "mlflow-perms-"));
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        ...PIPELINE_PERMISSIONS,
        join(import.meta.dirname!, "stop_child.ts"),
        storeDir,
      ],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    // stop() waits at most 15 s for SIGTERM before SIGKILL; a hang means a signal never went out.
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    const out = await child.output();
    clearTimeout(timer);
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const pgid = Number(new TextDecoder().decode(out.stdout).trim());
    assert.ok(pgid > 0);
    assert.deepEqual(await groupMembers(pgid), [], "the server's processes outlived stop()");
  } finally {
    await rm(storeDir, { recursive: true, force: true });
  }
});
