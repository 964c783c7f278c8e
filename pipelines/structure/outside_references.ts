/**
 * The self-containment rule: no code comment cites a file that a clone of the repository does
 * not have (a notes file in a shared folder next to it, an absolute path on one machine).
 * @module
 */
import type { Finding } from "./findings.ts";
import { comments, commentSyntax } from "./source_scan.ts";

// Paths at the start of a word: one absolute path into the machines' work folder, or a folder
// named "shared" beside the repository (bare or through parent steps). Inside a longer path
// (a "shared" area under lib, the "work" folder under data) they are repository paths.
const OUTSIDE = /(?<![\w./-])(?:\/work\/|(?:\.\.\/)*shared\/)[^\s"'`)\]]*/g;

/**
 * The outside paths cited in one comment's text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(outsidePaths("// written to data/work/features"), []);
 * ```
 */
export function outsidePaths(comment: string): string[] {
  return [...comment.matchAll(OUTSIDE)].map((m) => m[0].replace(/[.,;:]+$/, ""));
}

/**
 * One finding per comment in `sources` (path -> text) that cites a file outside the repository.
 * Files the scanner has no comment syntax for are skipped.
 */
export function outsideReferences(sources: Map<string, string>): Finding[] {
  const findings: Finding[] = [];
  for (const [path, text] of [...sources].sort(([a], [b]) => a < b ? -1 : 1)) {
    const syntax = commentSyntax(path);
    if (!syntax) continue;
    for (const comment of comments(text, syntax)) {
      const lines = comment.text.split("\n");
      lines.forEach((line, offset) => {
        const cited = outsidePaths(line);
        if (cited.length === 0) return;
        findings.push({
          kind: "outside reference",
          message: `${path}:${comment.line + offset} cites ${cited.join(", ")}`,
        });
      });
    }
  }
  return findings;
}
