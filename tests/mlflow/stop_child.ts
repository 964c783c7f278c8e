/**
 * Child process of server_test.ts: starts a local MLflow server and stops it, under whatever
 * permissions the test gives it (the pipeline task's), then prints the server's process group.
 */
import { startLocalServer } from "@lib/mlflow/server.ts";

const server = await startLocalServer({ storeDir: Deno.args[0] });
await server.stop();
console.log(server.pid);
