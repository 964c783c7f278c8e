import assert from "node:assert/strict";
import {
  codeOnly,
  comments,
  commentSyntax,
  scanSource,
  withoutComments,
} from "../../pipelines/structure/source_scan.ts";

Deno.test("scanSource segments concatenate back to the source", () => {
  const source = 'const a = "x"; // c\nconst r = /a\\/b/g; /* d */ const t = `${a} ${`n`}`;\n';
  assert.equal(scanSource(source, "slash").map((s) => s.text).join(""), source);
});

Deno.test("comments(ts) finds line and block comments with their lines, not comment-like strings", () => {
  const source = [
    'const url = "http://example.org"; // one',
    "/* two",
    "   lines */",
    "const t = `// not a comment ${x /* three */}`;",
  ].join("\n");
  assert.deepEqual(
    comments(source, "slash").map((c) => [c.line, c.text]),
    [[1, "// one"], [2, "/* two\n   lines */"], [4, "/* three */"]],
  );
});

Deno.test("comments(ts) tells a regex literal from a division", () => {
  const source = "const a = b / c; const r = /\\/\\/ [/*]/; const d = (a) / 2; // real\n";
  assert.deepEqual(comments(source, "slash").map((c) => c.text), ["// real"]);
});

Deno.test("codeOnly blanks literals and comments but keeps line breaks", () => {
  const source = 'if ("for (x)") {} // else\nwhile (y) {}\n';
  const code = codeOnly(source);
  assert.equal(code.split("\n").length, source.split("\n").length);
  assert.doesNotMatch(code, /for|else/);
  assert.match(code, /if \(/);
  assert.match(code, /while \(y\)/);
});

Deno.test("withoutComments keeps string literals", () => {
  assert.equal(
    withoutComments('export * from "./x.ts"; // export * from "./y.ts"'),
    'export * from "./x.ts"; ' + " ".repeat(25),
  );
});

Deno.test("comments(python) reads # comments and docstrings, not a # inside a string", () => {
  const source = '"""Module doc."""\nx = "#no"  # yes\n';
  assert.deepEqual(comments(source, "python").map((c) => [c.line, c.text]), [
    [1, '"""Module doc."""'],
    [2, "# yes"],
  ]);
});

Deno.test("comments(shell) starts a comment only at the start of a word", () => {
  assert.deepEqual(comments("echo ${#x} $# '#q' # real\n", "shell").map((c) => c.text), [
    "# real",
  ]);
});

Deno.test("commentSyntax names the syntax of the files the rules read", () => {
  assert.equal(commentSyntax("lib/a.ts"), "slash");
  assert.equal(commentSyntax("bench/x.py"), "python");
  assert.equal(commentSyntax("pipelines/env/lock.sh"), "shell");
  assert.equal(commentSyntax("tests/charts/snapshots/a.html"), undefined);
});
