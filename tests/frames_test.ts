import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { concatRows } from "@lib/frames.ts";

Deno.test("concatRows stacks frames in order and equals pl.concat", () => {
  const parts = Array.from({ length: 30 }, (_, i) =>
    pl.DataFrame({
      symbol: Array.from({ length: 5 }, () => `S${i}`),
      value: Array.from({ length: 5 }, (_, k) => i * 10 + k),
    }));
  const got = concatRows(parts);
  assert.equal(got.height, 150);
  assert.ok(got.frameEqual(pl.concat(parts)));
  assert.equal(got.getColumn("value").get(149), 294);
});

Deno.test("concatRows returns a single frame as it is and refuses an empty list", () => {
  const one = pl.DataFrame({ a: [1] });
  assert.equal(concatRows([one]), one);
  assert.throws(() => concatRows([]), /no frames to stack/);
});

Deno.test("concatRows refuses frames whose columns or types differ, naming them", () => {
  assert.throws(
    () => concatRows([pl.DataFrame({ a: [1], b: [2] }), pl.DataFrame({ b: [3], a: [4] })]),
    /frame 1 has columns b, a; frame 0 has a, b/,
  );
  assert.throws(
    () => concatRows([pl.DataFrame({ a: [1.5] }), pl.DataFrame({ a: ["x"] })]),
    /column "a" is .*String.* in frame 1 but .*Float64.* in frame 0/,
  );
});
