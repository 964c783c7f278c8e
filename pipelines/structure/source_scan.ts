/**
 * Splitting source text into code, string literals and comments, so that the structure rules
 * read comments without matching code, and read code without matching strings or comments.
 * A small hand-written scanner rather than a parser: the rules only need to know where comments
 * and literals start and end, and the project has no TypeScript parser among its packages.
 * @module
 */

/** What a piece of source text is. */
export type SegmentKind = "code" | "string" | "comment";

/** A run of source text of one kind, with the 1-based line it starts on. */
export interface Segment {
  kind: SegmentKind;
  text: string;
  line: number;
}

/** Comment syntax of a file: `//` and `/* *\/` (TypeScript, JavaScript) or `#` (Python, shell). */
export type CommentSyntax = "slash" | "python" | "shell";

const REGEX_AFTER_CHAR = new Set("(,=:[!&|?{};+-*%<>~^".split(""));
const REGEX_AFTER_WORD = new Set([
  "return",
  "typeof",
  "case",
  "do",
  "else",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "instanceof",
  "yield",
  "await",
]);

class Segments {
  readonly list: Segment[] = [];
  private line = 1;

  push(kind: SegmentKind, text: string): void {
    if (text === "") return;
    const last = this.list.at(-1);
    if (last && last.kind === kind) last.text += text;
    else this.list.push({ kind, text, line: this.line });
    for (const ch of text) if (ch === "\n") this.line++;
  }
}

/** End index (exclusive) of a quoted string starting at `start`; a newline ends it unclosed. */
function quotedEnd(source: string, start: number, multiline = false): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i];
    if (ch === "\\") i += 2;
    else if (ch === quote) return i + 1;
    else if (ch === "\n" && !multiline) return i;
    else i++;
  }
  return source.length;
}

/** End index (exclusive) of a regular expression literal starting at `start`, with its flags. */
function regexEnd(source: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < source.length) {
    const ch = source[i];
    if (ch === "\\") i += 2;
    else if (ch === "\n") return i;
    else if (ch === "[") (inClass = true, i++);
    else if (ch === "]") (inClass = false, i++);
    else if (ch === "/" && !inClass) {
      i++;
      while (i < source.length && /[a-z]/i.test(source[i])) i++;
      return i;
    } else i++;
  }
  return source.length;
}

/** Whether a `/` after `code` (the code read so far) starts a regular expression. */
function startsRegex(code: string): boolean {
  const trimmed = code.trimEnd();
  if (trimmed === "") return true;
  const last = trimmed[trimmed.length - 1];
  if (REGEX_AFTER_CHAR.has(last)) return true;
  const word = /[A-Za-z_$][\w$]*$/.exec(trimmed)?.[0];
  return word !== undefined && REGEX_AFTER_WORD.has(word);
}

function scanSlash(source: string): Segment[] {
  const out = new Segments();
  // One entry per open `{` in code: "brace" for a block or object, "template" for a `${`.
  const braces: ("brace" | "template")[] = [];
  // Reads template text from `start` (just after a backtick or `}`) up to its end or a `${`.
  const template = (start: number): number => {
    let j = start;
    while (j < source.length) {
      if (source[j] === "\\") j += 2;
      else if (source[j] === "`") return j + 1;
      else if (source[j] === "$" && source[j + 1] === "{") {
        braces.push("template");
        return j + 2;
      } else j++;
    }
    return source.length;
  };
  // The code before the current run, as far as telling a regex from a division needs it: a
  // literal counts as an operand ("0"), a comment as nothing.
  let before = "";
  let codeStart = 0;
  const regexContext = (at: number) =>
    codeStart > at - 40 ? before + source.slice(codeStart, at) : source.slice(at - 40, at);
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    const next = source[i + 1];
    let end = -1;
    let kind: SegmentKind = "string";
    if (ch === "/" && next === "/") {
      end = source.indexOf("\n", i);
      if (end < 0) end = source.length;
      kind = "comment";
    } else if (ch === "/" && next === "*") {
      end = source.indexOf("*/", i + 2);
      end = end < 0 ? source.length : end + 2;
      kind = "comment";
    } else if (ch === "'" || ch === '"') end = quotedEnd(source, i);
    else if (ch === "`") end = template(i + 1);
    else if (ch === "}" && braces.at(-1) === "template") {
      braces.pop();
      end = template(i + 1);
    } else if (ch === "/" && startsRegex(regexContext(i))) {
      end = regexEnd(source, i);
    } else if (ch === "{") braces.push("brace");
    else if (ch === "}") braces.pop();
    if (end < 0) {
      i++;
      continue;
    }
    const code = source.slice(codeStart, i);
    out.push("code", code);
    out.push(kind, source.slice(i, end));
    before = (before + code).slice(-20) + (kind === "string" ? " 0" : "");
    i = end;
    codeStart = end;
  }
  out.push("code", source.slice(codeStart));
  return out.list;
}

function scanHash(source: string, syntax: "python" | "shell"): Segment[] {
  const out = new Segments();
  let codeStart = 0;
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    let end = -1;
    let kind: SegmentKind = "code";
    const wordStart = i === 0 || /\s/.test(source[i - 1]);
    if (ch === "#" && (syntax === "python" || wordStart)) {
      end = source.indexOf("\n", i);
      if (end < 0) end = source.length;
      kind = "comment";
    } else if (
      syntax === "python" && (source.startsWith('"""', i) || source.startsWith("'''", i))
    ) {
      // Triple-quoted strings are where Python keeps its documentation: read them as comments.
      const close = source.indexOf(source.slice(i, i + 3), i + 3);
      end = close < 0 ? source.length : close + 3;
      kind = "comment";
    } else if (ch === "'" || ch === '"') {
      // Shell strings span lines, and a single-quoted one has no escapes.
      const close = source.indexOf("'", i + 1);
      end = syntax === "shell" && ch === "'"
        ? (close < 0 ? source.length : close + 1)
        : quotedEnd(source, i, syntax === "shell");
      kind = "string";
    }
    if (end < 0) {
      i++;
      continue;
    }
    out.push("code", source.slice(codeStart, i));
    out.push(kind, source.slice(i, end));
    i = end;
    codeStart = end;
  }
  out.push("code", source.slice(codeStart));
  return out.list;
}

/**
 * The segments of `source`, in order; their texts concatenate back to `source`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const kinds = scanSource('const a = "x"; // note\n', "slash").map((s) => s.kind);
 * assert.deepEqual(kinds, ["code", "string", "code", "comment", "code"]);
 * ```
 */
export function scanSource(source: string, syntax: CommentSyntax): Segment[] {
  return syntax === "slash" ? scanSlash(source) : scanHash(source, syntax);
}

/** The comments of `source`, each with the line it starts on. */
export function comments(source: string, syntax: CommentSyntax): Segment[] {
  return scanSource(source, syntax).filter((s) => s.kind === "comment");
}

/** `source` with comments and the contents of literals blanked to spaces (line breaks kept). */
export function codeOnly(source: string, syntax: CommentSyntax = "slash"): string {
  return scanSource(source, syntax)
    .map((s) => s.kind === "code" ? s.text : s.text.replace(/[^\n]/g, " "))
    .join("");
}

/** `source` with only its comments blanked to spaces (line breaks kept): literals stay. */
export function withoutComments(source: string, syntax: CommentSyntax = "slash"): string {
  return scanSource(source, syntax)
    .map((s) => s.kind === "comment" ? s.text.replace(/[^\n]/g, " ") : s.text)
    .join("");
}

/** The comment syntax of a file name, or undefined for files the rules do not read. */
export function commentSyntax(path: string): CommentSyntax | undefined {
  if (/\.(ts|tsx|mts|js|mjs)$/.test(path)) return "slash";
  if (path.endsWith(".py")) return "python";
  if (path.endsWith(".sh")) return "shell";
  return undefined;
}
