/**
 * The spread rule: lib code does not spread an array into the calls where the array is data
 * (`rows.push(...page)`, `Math.max(...values)`), nor pass one through `.apply(`. Every element
 * becomes an argument on the stack, so past about 100,000 elements the call throws
 * `RangeError: Maximum call stack size exceeded`, a size a real universe reaches (500 symbols x
 * 2,520 days crashed the pooled evaluation). Spreads into other calls, such as a few column
 * names into a polars `select`, are not data-sized and are left alone, as are array and object
 * literals (`[...a, ...b]`, `{ ...o }`), which do not go through the stack.
 * @module
 */
import type { Finding } from "./findings.ts";
import { codeOnly } from "./source_scan.ts";

/** A call whose spread arguments the rule flags, and what to write instead. */
interface Form {
  /** How the report names the call. */
  name: string;
  /** Matches the callee up to and including its opening parenthesis. */
  pattern: RegExp;
  /** What to do instead. */
  instead: string;
  /** Whether the call is flagged whatever its arguments (`.apply(` takes an array as such). */
  always?: boolean;
}

const APPEND =
  "append in a loop, or collect into a preallocated or growable typed array with set()";
const EXTREME = "take the extreme in a loop (simple-statistics max/min/extent throw on no values)";

const FORMS: Form[] = [
  { name: ".push(...)", pattern: /\.\s*push\s*\(/y, instead: APPEND },
  { name: ".unshift(...)", pattern: /\.\s*unshift\s*\(/y, instead: APPEND },
  { name: ".splice(..., ...)", pattern: /\.\s*splice\s*\(/y, instead: APPEND },
  { name: "Math.max(...)", pattern: /\bMath\s*\.\s*max\s*\(/y, instead: EXTREME },
  { name: "Math.min(...)", pattern: /\bMath\s*\.\s*min\s*\(/y, instead: EXTREME },
  {
    name: "String.fromCharCode(...)",
    pattern: /\bString\s*\.\s*fromCharCode\s*\(/y,
    instead: "decode with TextDecoder, or convert in a loop",
  },
  {
    name: ".apply(",
    pattern: /\.\s*apply\s*\(/y,
    instead: "call the function directly, with a loop over the array where it takes one value",
    always: true,
  },
];

const OPEN = new Set(["(", "[", "{"]);
const CLOSE = new Set([")", "]", "}"]);

/** Whether the argument list opening just before `start` holds a spread at its own depth. */
function spreadsAt(code: string, start: number): boolean {
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const ch = code[i];
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && code.startsWith("...", i)) return true;
  }
  return false;
}

/**
 * The spread calls in one file's TypeScript source (strings and comments do not count), each as
 * `[line, form]` with the form as the report names it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(spreadCalls("out.push(...rows);\nconst a = [...rows];\n"), [[1, ".push(...)"]]);
 * assert.deepEqual(spreadCalls('frame.select("symbol", ...columns); // Math.max(...v)'), []);
 * ```
 */
export function spreadCalls(source: string): [number, string][] {
  const code = codeOnly(source);
  const found: [number, string][] = [];
  let line = 1;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === "\n") line++;
    if (ch !== "." && ch !== "M" && ch !== "S") continue;
    for (const form of FORMS) {
      form.pattern.lastIndex = i;
      const match = form.pattern.exec(code);
      if (!match) continue;
      // A name that only ends like the callee (`myMath.max`, `xString.fromCharCode`) is another one.
      if (ch !== "." && i > 0 && /[\w$.]/.test(code[i - 1])) continue;
      if (form.always || spreadsAt(code, i + match[0].length)) found.push([line, form.name]);
    }
  }
  return found;
}

/** One finding per spread call in the lib modules of `sources` (path -> text), in path order. */
export function callSpreads(sources: Map<string, string>): Finding[] {
  const byName = new Map(FORMS.map((f) => [f.name, f]));
  return [...sources]
    .sort(([a], [b]) => a < b ? -1 : 1)
    .flatMap(([path, text]) =>
      spreadCalls(text).map(([line, name]) => ({
        kind: "spread call" as const,
        message:
          `${path}:${line} ${
            name === ".apply(" ? "passes an array as the arguments of" : "spreads an array into"
          } ${name}: every element goes on the call stack, so a data-sized array (past about ` +
          `100,000 values) throws "RangeError: Maximum call stack size exceeded"; ` +
          byName.get(name)!.instead,
      }))
    );
}
