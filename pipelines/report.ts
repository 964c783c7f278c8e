/**
 * `deno task report`: rebuilds the report site (index, notebook pages, comparisons) from the run
 * history and the executed notebooks in a reports folder, without running any notebook.
 * @module
 */
import { parseArgs } from "node:util";
import { join, relative } from "node:path";
import { projectPath } from "@lib/paths.ts";
import { buildSite, readHistory } from "@lib/reports/mod.ts";

const HELP = `Rebuild the static report site from stored runs (no notebook is run).

Usage: deno task report [options]

Options:
  --reports-dir DIR    the reports folder (default: reports/)
  --compare A,B[,C]    also build a comparison page of these runs (keys from runs.json);
                       repeatable. Each run is always compared with the one before it.
  --mlflow-url URL     the MLflow UI the pages link to (default: the server each run logged to;
                       a local one started by the runner becomes http://127.0.0.1:5000, \`deno task ui\`)
  --refresh-series     read every run's comparison series from its data folder again
  -h, --help           this help

The site is plain files with relative links: open index.html, run \`deno task serve\`, or copy
the folder to any web host.
`;

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      "reports-dir": { type: "string" },
      compare: { type: "string", multiple: true, default: [] },
      "mlflow-url": { type: "string" },
      "refresh-series": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const reportsDir = values["reports-dir"] ?? projectPath("reports");
  const history = await readHistory(reportsDir);
  if (history.length === 0) {
    console.error(`report: no runs recorded in ${join(reportsDir, "runs.json")}`);
    return 1;
  }
  const result = await buildSite(reportsDir, history, {
    compare: values.compare.map((c) => c.split(",").map((k) => k.trim()).filter(Boolean)),
    mlflowUrl: values["mlflow-url"],
    refreshSeries: values["refresh-series"] ? history.map((r) => r.key) : [],
  });
  for (const note of result.notes) console.log(`note: ${note}`);
  const show = (path: string) => {
    const rel = relative(Deno.cwd(), path);
    return rel.startsWith("..") ? path : rel;
  };
  const shown = show(join(reportsDir, "index.html"));
  console.log(`Built ${result.pages.length} page(s) for ${history.length} run(s): ${shown}`);
  for (const path of result.pages.filter((p) => p.startsWith("compare/"))) {
    console.log(`  comparison: ${show(join(reportsDir, path))}`);
  }
  if (result.problems.length > 0) {
    console.error(`report: the site is not self-contained:\n  ${result.problems.join("\n  ")}`);
    return 1;
  }
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    console.error(`report: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exit(2);
  }
}
