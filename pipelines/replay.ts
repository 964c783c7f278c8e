/**
 * `deno task mlflow:replay`: sends the tracking calls spooled while MLflow was unreachable to the
 * server (MLFLOW_TRACKING_URI, or the local one over .mlflow/), each exactly once. The next
 * pipeline run does the same on its own; this task is for replaying without running anything.
 * @module
 */
import { MlflowClient } from "@lib/mlflow/client.ts";
import { resolveTracking } from "@lib/mlflow/server.ts";
import { replaySpool, Spool } from "@lib/mlflow/spool.ts";
import { projectPath } from "@lib/paths.ts";
import { ensureEnvironment } from "@lib/runner/environment.ts";

if (import.meta.main) {
  try {
    const env = await ensureEnvironment();
    const tracking = await resolveTracking({ mlflowBin: env.mlflow });
    try {
      const spool = new Spool(projectPath(".mlflow", "spool"));
      const { replayed, skipped } = await replaySpool(spool, new MlflowClient(tracking.uri));
      console.log(
        `replayed ${replayed} spooled call(s) to ${tracking.uri}` +
          (skipped ? ` (${skipped} already sent by an interrupted replay)` : ""),
      );
    } finally {
      await tracking.stop();
    }
  } catch (error) {
    console.error(`mlflow:replay: ${(error as Error).message}`);
    Deno.exit(1);
  }
}
