/**
 * The concat rule: lib code stacks frames with `concatRows` (lib/frames.ts), not with
 * nodejs-polars' `pl.concat`. For frames stacked vertically (its default) and for series,
 * nodejs-polars folds the list one `vstack` at a time, each copying the chunks gathered so far,
 * so the cost grows with the square of the list's length: stacking 501 one-symbol frames took
 * 7.8 s, against 0.08 s through the native concatenation `concatRows` uses. `pl.concat` with
 * `how: "diagonal"` or `"horizontal"` is one native call and is left alone, as is any call
 * whose list is spelled out as a literal of a few items (`pl.concat([a, b])`).
 * @module
 */
import type { Finding } from "./findings.ts";
import { codeOnly, withoutComments } from "./source_scan.ts";

const CALL = /\bpl\s*\.\s*concat\s*\(/g;
const NATIVE = /\bhow\s*:\s*["'](diagonal|horizontal)["']/;
/** A literal list of identifiers or member reads, without a spread: `[a, b]`, `[x.summary, y]`. */
const SHORT_LITERAL = /^\s*\[\s*[\w$][\w$.]*(\s*,\s*[\w$][\w$.]*){0,3}\s*,?\s*\]/;

/** The text of the argument list opening at `start` (just after the `(`), up to its `)`. */
function argumentsAt(code: string, start: number): [number, number] {
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const ch = code[i];
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") {
      if (depth === 0) return [start, i];
      depth--;
    }
  }
  return [start, code.length];
}

/**
 * The `pl.concat` calls of one file's source that the rule flags, as 1-based line numbers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(frameConcats("const all = pl.concat(frames);\n"), [1]);
 * assert.deepEqual(frameConcats('pl.concat(parts, { how: "diagonal" }); pl.concat([a, b]);'), []);
 * ```
 */
export function frameConcats(source: string): number[] {
  const code = codeOnly(source);
  const literal = withoutComments(source);
  const lines: number[] = [];
  for (const match of code.matchAll(CALL)) {
    const [from, to] = argumentsAt(code, match.index + match[0].length);
    const args = literal.slice(from, to);
    if (NATIVE.test(args) || SHORT_LITERAL.test(args)) continue;
    lines.push(code.slice(0, match.index).split("\n").length);
  }
  return lines;
}

/** One finding per flagged `pl.concat` in the lib modules of `sources`, except lib/frames.ts. */
export function frameConcatFindings(sources: Map<string, string>): Finding[] {
  return [...sources]
    .filter(([path]) => path !== "lib/frames.ts")
    .sort(([a], [b]) => a < b ? -1 : 1)
    .flatMap(([path, text]) =>
      frameConcats(text).map((line) => ({
        kind: "frame concat" as const,
        message: `${path}:${line} stacks a list with pl.concat, which vstacks one frame at a ` +
          `time (cost grows with the square of the list's length; 501 frames took 7.8 s); use ` +
          `concatRows from lib/frames.ts`,
      }))
    );
}
