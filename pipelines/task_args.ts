/** Starting the pipeline CLI as `deno task pipeline` does, with exactly its permissions (tests, benchmarks). */
import { projectPath } from "@lib/paths.ts";

const task: string = JSON.parse(Deno.readTextFileSync(projectPath("deno.json"))).tasks.pipeline;

/** The `--allow-*` flags of the `pipeline` task in deno.json. */
export const PIPELINE_PERMISSIONS: string[] = task.split(/\s+/).filter((a) =>
  a.startsWith("--allow")
);

/** Arguments for `deno` that run the pipeline CLI as `deno task pipeline` does. */
export function pipelineArgs(...args: string[]): string[] {
  return ["run", ...PIPELINE_PERMISSIONS, projectPath("pipelines", "run.ts"), ...args];
}
