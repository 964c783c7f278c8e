import assert from "node:assert/strict";
import { callSpreads, spreadCalls } from "../../pipelines/structure/call_spreads.ts";

Deno.test("spreadCalls flags a spread into push, with its line", () => {
  assert.deepEqual(spreadCalls("const out = [];\nout.push(...rows);\n"), [[2, ".push(...)"]]);
  assert.deepEqual(spreadCalls("out.push(first, ...rest);"), [[1, ".push(...)"]]);
  assert.deepEqual(spreadCalls("out\n  .push(\n    ...rows,\n  );"), [[2, ".push(...)"]]);
});

Deno.test("spreadCalls flags Math.max and Math.min spreads, with or without a first value", () => {
  assert.deepEqual(spreadCalls("const m = Math.max(...values);"), [[1, "Math.max(...)"]]);
  assert.deepEqual(spreadCalls("const m = Math.min(0, ...xs.map((x) => x.v));"), [
    [1, "Math.min(...)"],
  ]);
});

Deno.test("spreadCalls flags unshift, splice, fromCharCode spreads and every .apply(", () => {
  const source = [
    "a.unshift(...b);",
    "a.splice(i, 0, ...b);",
    "String.fromCharCode(...bytes);",
    "Math.max.apply(null, values);",
  ].join("\n");
  assert.deepEqual(spreadCalls(source), [
    [1, ".unshift(...)"],
    [2, ".splice(..., ...)"],
    [3, "String.fromCharCode(...)"],
    [4, ".apply("],
  ]);
});

Deno.test("spreadCalls leaves spreads in comments and strings alone", () => {
  const source = [
    "// rows.push(...page) overflowed the stack",
    "/** Math.max(...values) is -Infinity on no values. */",
    'const hint = "use out.push(...x) never";',
    "const t = `Math.min(...${name})`;",
  ].join("\n");
  assert.deepEqual(spreadCalls(source), []);
});

Deno.test("spreadCalls leaves array literals, object spreads and polars column lists alone", () => {
  const source = [
    "const all = [...a, ...b];",
    "const row = { ...record, n: 1 };",
    'const picked = frame.select("a", ...cols);',
    "out.push([...a, ...b]);",
    "out.push({ ...record });",
    "out.push(frame.select(...cols));",
    "const m = Math.max(a, b);",
    "items.splice(i, 1);",
    "const f = (...args: number[]) => args.length;",
    "const m = myMath.max(...values);",
  ].join("\n");
  assert.deepEqual(spreadCalls(source), []);
});

Deno.test("callSpreads reports the file and line, why, and what to do instead", () => {
  const findings = callSpreads(
    new Map([
      ["lib/b.ts", "const m = Math.max(...values);\n"],
      ["lib/a.ts", "const x = 1;\nout.push(...rows);\n"],
      ["lib/c.ts", 'frame.select("symbol", ...columns);\n'],
    ]),
  );
  assert.deepEqual(findings.map((f) => [f.kind, f.message.split(":").slice(0, 2).join(":")]), [
    ["spread call", "lib/a.ts:2 spreads an array into .push(...)"],
    ["spread call", "lib/b.ts:1 spreads an array into Math.max(...)"],
  ]);
  assert.match(findings[0].message, /Maximum call stack size exceeded/);
  assert.match(findings[0].message, /typed array/);
  assert.match(findings[1].message, /in a loop/);
});
