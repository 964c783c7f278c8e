/**
 * `deno task lab`: JupyterLab over the project with the Deno kernel from the project
 * environment. Notebooks run cell by cell with the same code and defaults as the headless run.
 * Extra arguments go to `jupyter lab` (e.g. `--port 8890`, `--no-browser`).
 * @module
 */
import { ensureEnvironment } from "@lib/runner/environment.ts";
import { projectRoot } from "@lib/paths.ts";

if (import.meta.main) {
  const env = await ensureEnvironment();
  const lab = new Deno.Command(env.jupyter, {
    args: [
      "lab",
      `--ServerApp.root_dir=${projectRoot}`,
      "--ServerApp.ip=127.0.0.1",
      // Containers often run as root, which Jupyter refuses unless told.
      ...(Deno.uid() === 0 ? ["--allow-root"] : []),
      ...Deno.args,
    ],
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  Deno.exit((await lab.status).code);
}
