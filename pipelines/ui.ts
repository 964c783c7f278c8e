/**
 * `deno task ui`: serves the MLflow UI over the local store the pipeline logs to (`.mlflow/`),
 * on 127.0.0.1 only, until interrupted. `--port N` picks the port (default 5000).
 * @module
 */
import { parseArgs } from "node:util";
import { ensureEnvironment } from "@lib/runner/environment.ts";
import { startLocalServer } from "@lib/mlflow/server.ts";
import { projectPath } from "@lib/paths.ts";

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { port: { type: "string", default: "5000" } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error(`ui: --port "${values.port}" is not a port number`);
    Deno.exit(2);
  }
  const env = await ensureEnvironment();
  const server = await startLocalServer({
    storeDir: projectPath(".mlflow"),
    port,
    mlflowBin: env.mlflow,
  });
  console.log(`MLflow UI: ${server.uri}  (store: .mlflow/, Ctrl-C to stop)`);
  Deno.addSignalListener("SIGINT", async () => {
    await server.stop();
    Deno.exit(0);
  });
  await new Promise(() => {});
}
