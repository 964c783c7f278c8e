import assert from "node:assert/strict";
import { linearVerdict } from "../../bench/scale_bench.ts";

Deno.test("linearVerdict calls CPU growth within 1.25x of the symbol ratio linear", () => {
  assert.equal(linearVerdict(40, 10, 4), "; linear: met");
  assert.equal(linearVerdict(50, 10, 4), "; linear: met");
  assert.equal(
    linearVerdict(84, 10, 4),
    "; linear: missed (CPU x8.40 for x4 symbols, 2.10x linear)",
  );
  assert.equal(linearVerdict(5, undefined, 4), "");
});
