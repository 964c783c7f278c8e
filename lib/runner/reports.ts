/**
 * Records a finished run in a reports folder: appends it to the run history (`runs.json`) and
 * builds its pages of the report site.
 * @internal
 * @module
 */
import { join } from "node:path";
import { buildSite, historyPath, readHistory, type RunRecord } from "../reports/mod.ts";
import { writeFileAtomic } from "./files.ts";

/**
 * Adds or replaces `run` in the history, rewrites `runs.json`, and builds the run's pages of the
 * report site: its notebook pages, the comparison with the run before it, and `index.html`.
 * Returns the index's path.
 */
export async function recordRun(reportsDir: string, run: RunRecord): Promise<string> {
  const history = (await readHistory(reportsDir)).filter((r) => r.key !== run.key);
  history.push(run);
  history.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  await writeFileAtomic(historyPath(reportsDir), JSON.stringify(history, null, 2) + "\n");
  await buildSite(reportsDir, history, { runs: [run.key], refreshSeries: [run.key] });
  return join(reportsDir, "index.html");
}
