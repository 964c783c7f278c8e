/**
 * What the structure check finds, and the report it prints: one block per finding, then a
 * summary line counting each kind.
 * @module
 */

/** The rules of the structure check, in the order the report lists them. */
export const FINDING_KINDS = [
  "file cycle",
  "area cycle",
  "long file",
  "outside reference",
  "notebook logic",
  "spread call",
  "frame concat",
  "export star",
  "unlisted module",
  "unresolved import",
] as const;

/** One of the rules of the structure check. */
export type FindingKind = typeof FINDING_KINDS[number];

/** One breach of a rule: the files it is about and what to read first. */
export interface Finding {
  kind: FindingKind;
  /** The first line of the report's block, without the kind. */
  message: string;
  /** Further lines (the imports of a cycle), printed indented under the message. */
  details?: string[];
}

/** How the summary line counts each kind: `3 file cycles`. */
const SUMMARY: Record<FindingKind, (n: number, maxLines: number) => string> = {
  "unresolved import": (n) => `${n} unresolved imports`,
  "file cycle": (n) => `${n} file cycles`,
  "area cycle": (n) => `${n} area cycles`,
  "long file": (n, max) => `${n} lib files over ${max} lines`,
  "outside reference": (n) => `${n} comments citing files outside the repository`,
  "notebook logic": (n) => `${n} notebook cells with logic`,
  "spread call": (n) => `${n} arrays spread into push, Math.max and the like in lib code`,
  "frame concat": (n) => `${n} lists stacked with pl.concat in lib code`,
  "export star": (n) => `${n} mod.ts files with export *`,
  "unlisted module": (n) => `${n} modules neither re-exported nor @internal`,
};

/** The result of the check: its findings and what it looked at. */
export interface StructureReport {
  findings: Finding[];
  libFiles: number;
  maxLines: number;
}

/**
 * The summary line of a report.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.match(summaryLine({ findings: [], libFiles: 3, maxLines: 500 }), /^structure: 0 file cycles, 0 area cycles/);
 * ```
 */
export function summaryLine(report: StructureReport): string {
  const counts = FINDING_KINDS
    .filter((kind) => kind !== "unresolved import" || report.findings.some((f) => f.kind === kind))
    .map((kind) =>
      SUMMARY[kind](report.findings.filter((f) => f.kind === kind).length, report.maxLines)
    );
  return `structure: ${counts.join(", ")} (${report.libFiles} lib files)`;
}

/** The full report: one block per finding in rule order, then the summary line. */
export function formatReport(report: StructureReport): string {
  const blocks = FINDING_KINDS.flatMap((kind) =>
    report.findings.filter((f) => f.kind === kind).map((f) =>
      [`${f.kind}: ${f.message}`, ...(f.details ?? []).map((d) => `  ${d}`)].join("\n")
    )
  );
  return [...blocks, summaryLine(report)].join("\n");
}
