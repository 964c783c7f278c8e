/**
 * The structure check as one pure function: a snapshot of the repository in, a report out.
 * @module
 */
import { callSpreads } from "./call_spreads.ts";
import { areaCycles, fileCycles } from "./cycles.ts";
import { frameConcatFindings } from "./frame_concat.ts";
import type { Finding, StructureReport } from "./findings.ts";
import { type DenoInfo, isLibModule, libGraph } from "./graph.ts";
import { longFiles, MAX_LINES } from "./line_limit.ts";
import { notebookLogic } from "./notebook_logic.ts";
import { outsideReferences } from "./outside_references.ts";
import { exportStars, unlistedModules } from "./public_surface.ts";

/** What the check reads from a repository; every map goes from repository path to file text. */
export interface RepositorySnapshot {
  /** The `file:` URL of the repository root, as `deno info` names its modules. */
  rootUrl: string;
  /** `deno info --json` over every lib module. */
  denoInfo: DenoInfo;
  /** Every file under lib/ (modules and others). */
  lib: Map<string, string>;
  /** The files whose comments are read: lib/, pipelines/, tests/ and bench/. */
  commented: Map<string, string>;
  /** The notebooks, notebooks/*.ipynb. */
  notebooks: Map<string, string>;
}

/** The findings of every rule on `snapshot`, with files over `maxLines` counted as too long. */
export function checkStructure(
  snapshot: RepositorySnapshot,
  maxLines: number = MAX_LINES,
): StructureReport {
  const graph = libGraph(snapshot.denoInfo, snapshot.rootUrl);
  const modules = new Map([...snapshot.lib].filter(([path]) => isLibModule(path)));
  const unresolved: Finding[] = graph.errors.map((message) => ({
    kind: "unresolved import",
    message,
  }));
  const findings = [
    ...fileCycles(graph),
    ...areaCycles(graph),
    ...longFiles(modules, maxLines),
    ...outsideReferences(snapshot.commented),
    ...notebookLogic(snapshot.notebooks),
    ...callSpreads(modules),
    ...frameConcatFindings(modules),
    ...exportStars(modules),
    ...unlistedModules(modules, graph.resolved),
    ...unresolved,
  ];
  return { findings, libFiles: modules.size, maxLines };
}
