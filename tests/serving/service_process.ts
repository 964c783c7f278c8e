/**
 * Starting `deno task serve:model` as a subprocess on a free loopback port, as a user starts it,
 * for the service tests and the serving benchmark.
 */
import { projectPath } from "@lib/paths.ts";

/** A running service. */
export interface ServiceProcess {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Its process id. */
  pid: number;
  /** What it printed before listening (its first lines). */
  banner: string;
  /** Stops it (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `pipelines/serve_model.ts` with `args` (plus `--port 0`) and `env`, and resolves once
 * it listens. Rejects with its output when it exits first or does not listen within 60 s.
 */
export async function startService(
  args: string[],
  env: Record<string, string>,
): Promise<ServiceProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", projectPath("pipelines", "serve_model.ts"), "--port", "0", ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const decoder = new TextDecoder();
  let output = "";
  const errors = (async () => {
    for await (const chunk of child.stderr) output += decoder.decode(chunk);
  })();
  const reader = child.stdout.getReader();
  const deadline = Date.now() + 60_000;
  let origin: string | undefined;
  while (origin === undefined) {
    const timeout = new Promise<"timeout">((resolve) =>
      setTimeout(() => resolve("timeout"), Math.max(0, deadline - Date.now()))
    );
    const next = await Promise.race([reader.read(), timeout]);
    if (next === "timeout" || next.done) {
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
      await child.status;
      await errors;
      throw new Error(`serve:model did not start:\n${output}`);
    }
    output += decoder.decode(next.value);
    const match = /listening on (http:\/\/[^/\s]+)\//.exec(output);
    if (match) origin = match[1];
  }
  // Keep draining stdout so the child never blocks on a full pipe.
  const rest = (async () => {
    while (!(await reader.read()).done) { /* drain */ }
  })();
  return {
    origin,
    pid: child.pid,
    banner: output,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await child.status;
      await rest;
      await errors;
    },
  };
}
