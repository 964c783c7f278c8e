import assert from "node:assert/strict";
import { lineCount, longFiles } from "../../pipelines/structure/line_limit.ts";

const lines = (n: number) => Array.from({ length: n }, (_, i) => `const x${i} = ${i};\n`).join("");

Deno.test("lineCount counts terminated lines and an unterminated last line", () => {
  assert.equal(lineCount(""), 0);
  assert.equal(lineCount("a"), 1);
  assert.equal(lineCount("a\n"), 1);
  assert.equal(lineCount("a\n\nb"), 3);
});

Deno.test("longFiles flags a 501-line file and passes a 500-line one", () => {
  const sources = new Map([["lib/big.ts", lines(501)], ["lib/ok.ts", lines(500)]]);
  assert.deepEqual(longFiles(sources), [{
    kind: "long file",
    message: "lib/big.ts has 501 lines (limit 500)",
  }]);
});

Deno.test("longFiles lists the longest file first", () => {
  const sources = new Map([["lib/a.ts", lines(3)], ["lib/b.ts", lines(4)]]);
  assert.deepEqual(longFiles(sources, 2).map((f) => f.message), [
    "lib/b.ts has 4 lines (limit 2)",
    "lib/a.ts has 3 lines (limit 2)",
  ]);
});
