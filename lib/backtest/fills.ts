/**
 * How a backtest states its fill convention where its numbers are read: one line for the page
 * and the MLflow tag `ws.same_bar_fills`, so a run that filled at the close of the bar that
 * produced each signal (optimistic) cannot pass for one that did not.
 * @module
 */
import type { NotebookRun } from "../notebook.ts";
import type { Execution } from "./simulation.ts";

const TIMING: Record<Execution, string> = {
  next_open: "at bar t + 1's open",
  next_close: "at bar t + 1's close",
  same_close: "at bar t's own close",
};

/**
 * Returns the Markdown line that states when the strategies' signals fill: a warning under
 * `same_close`, a plain statement otherwise.
 *
 * @example
 * ```ts
 * import { fillsLine } from "@lib/backtest/fills.ts";
 * if (!fillsLine("same_close").startsWith("**Warning")) throw new Error("no warning");
 * if (!fillsLine("next_open").includes("bar t + 1's open")) throw new Error("wrong timing");
 * ```
 */
export function fillsLine(execution: Execution): string {
  const when = `a signal or score computed from bar t fills ${TIMING[execution]}`;
  if (execution !== "same_close") {
    return `Fills (\`execution: "${execution}"\`): ${when}, after fees and slippage, for ` +
      "every strategy and the moving-average grid.";
  }
  return `**Warning: same-bar fills** (\`execution: "same_close"\`): ${when}, the close of the ` +
    "bar that produced it, so results are optimistic: they include moves no order placed after " +
    "that close could earn.";
}

/** Returns the run tags of a fill convention: `ws.same_bar_fills` is "true" under `same_close`. */
export function fillsTags(execution: Execution): Record<string, string> {
  return { "ws.same_bar_fills": String(execution === "same_close") };
}

/**
 * Sets {@link fillsTags} on the notebook's MLflow run when the notebook is tracked; does nothing
 * otherwise (so an untracked kernel starts no server).
 */
export async function tagFills(
  nb: Pick<NotebookRun, "runId" | "mlflow">,
  execution: Execution,
): Promise<void> {
  if (nb.runId === undefined) return;
  const { client, runId } = await nb.mlflow();
  await client.setTags(runId, fillsTags(execution));
}
