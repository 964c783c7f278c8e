/**
 * The structure check of the repository, as CI runs it (`deno task check:structure`): no import
 * cycle between lib files or lib areas, no lib file over 500 lines, no comment citing a file
 * outside the repository, no loop or branch in a notebook cell, no array spread into `push`,
 * `Math.max` and the like in lib code, and a named public surface in every lib `mod.ts`. Prints one block per finding and a summary line; exits 1 on any finding.
 *
 *   deno run --allow-read --allow-run pipelines/check_structure.ts [ROOT]
 * @module
 */
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { checkStructure } from "./structure/check.ts";
import { formatReport } from "./structure/findings.ts";
import { readSnapshot } from "./structure/snapshot.ts";

/** The repository this file belongs to. */
const REPOSITORY = resolve(fileURLToPath(new URL("..", import.meta.url)));

if (import.meta.main) {
  const root = resolve(Deno.args[0] ?? REPOSITORY);
  const started = performance.now();
  const report = checkStructure(await readSnapshot(root));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${formatReport(report)} in ${seconds} s`);
  if (report.findings.length > 0) {
    console.error(`structure: ${report.findings.length} findings: see above`);
    Deno.exit(1);
  }
}
