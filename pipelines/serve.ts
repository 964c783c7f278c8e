/**
 * `deno task serve`: serves the report site on 127.0.0.1 only, until interrupted.
 * `--port N` (default 8000), `--reports-dir DIR` (default reports/).
 * @module
 */
import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { projectPath } from "@lib/paths.ts";
import { siteHandler } from "@lib/reports/mod.ts";

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      port: { type: "string", default: "8000" },
      "reports-dir": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log("Usage: deno task serve [--port 8000] [--reports-dir reports/]");
    Deno.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: --port "${values.port}" is not a port number`);
    Deno.exit(2);
  }
  const root = values["reports-dir"] ?? projectPath("reports");
  if (!existsSync(join(root, "index.html"))) {
    console.error(
      `serve: ${
        join(root, "index.html")
      } does not exist: run \`deno task pipeline\` or \`deno task report\` first`,
    );
    Deno.exit(1);
  }
  Deno.serve({
    hostname: "127.0.0.1",
    port,
    onListen: ({ port }) =>
      console.log(`Reports: http://127.0.0.1:${port}/  (${root}, Ctrl-C to stop)`),
  }, siteHandler(root));
}
