/**
 * The size rule: no lib file over a line limit (500), so that one file stays one concept.
 * @module
 */
import type { Finding } from "./findings.ts";

/** The line limit of a lib file. */
export const MAX_LINES = 500;

/**
 * The number of lines of `text`, as `wc -l` counts them plus an unterminated last line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(lineCount("a\nb\n"), 2);
 * assert.equal(lineCount("a\nb"), 2);
 * ```
 */
export function lineCount(text: string): number {
  if (text === "") return 0;
  const breaks = text.split("\n").length - 1;
  return text.endsWith("\n") ? breaks : breaks + 1;
}

/** One finding per file of `sources` (path -> text) longer than `maxLines`, longest first. */
export function longFiles(sources: Map<string, string>, maxLines: number = MAX_LINES): Finding[] {
  return [...sources]
    .map(([path, text]) => ({ path, lines: lineCount(text) }))
    .filter(({ lines }) => lines > maxLines)
    .sort((a, b) => b.lines - a.lines || (a.path < b.path ? -1 : 1))
    .map(({ path, lines }) => ({
      kind: "long file",
      message: `${path} has ${lines} lines (limit ${maxLines})`,
    }));
}
