import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { actionClass, checkThresholds, thresholdsFor, thresholdTable } from "@lib/labels/mod.ts";

function classes(returns: (number | null)[], weak = 0.01, strong = 0.03): (number | null)[] {
  return pl.DataFrame({ r: pl.Series("r", returns, pl.Float64) })
    .select(actionClass(pl.col("r"), { weak, strong }).alias("action"))
    .getColumn("action").toArray() as (number | null)[];
}

Deno.test("actionClass cuts at weak and strong, boundaries belonging to the outer class", () => {
  assert.deepEqual(
    classes([0.05, 0.03, 0.0299, 0.01, 0.0099, 0, -0.0099, -0.01, -0.0299, -0.03, -0.05]),
    [2, 2, 1, 1, 0, 0, 0, -1, -1, -2, -2],
  );
});

Deno.test("actionClass keeps null returns null and returns Int32", () => {
  assert.deepEqual(classes([null, 0.02]), [null, 1]);
  const dtype = pl.DataFrame({ r: [0.1] }).select(
    actionClass(pl.col("r"), { weak: 0.01, strong: 0.02 }).alias("action"),
  ).getColumn("action").dtype;
  assert.ok(dtype.equals(pl.Int32));
});

Deno.test("thresholdsFor scales daily thresholds by sqrt(h) or keeps them", () => {
  assert.deepEqual(thresholdsFor({ weak: 0.005, strong: 0.02 }, 4, "sqrt"), {
    weak: 0.01,
    strong: 0.04,
  });
  assert.deepEqual(thresholdsFor({ weak: 0.005, strong: 0.02 }, 4, "none"), {
    weak: 0.005,
    strong: 0.02,
  });
});

Deno.test("checkThresholds requires 0 < weak < strong", () => {
  assert.throws(
    () => checkThresholds({ weak: 0.02, strong: 0.01 }),
    /need 0 < weak < strong; got weak 0.02, strong 0.01/,
  );
  assert.throws(() => checkThresholds({ weak: 0, strong: 0.01 }), /0 < weak/);
});

Deno.test("thresholdTable lists each horizon's scaled thresholds", () => {
  const table = thresholdTable([1, 4], { weak: 0.005, strong: 0.02 }, "sqrt");
  assert.deepEqual(table.toRecords(), [
    { horizon: 1, weak: 0.005, strong: 0.02 },
    { horizon: 4, weak: 0.01, strong: 0.04 },
  ]);
  assert.ok(table.getColumn("horizon").dtype.equals(pl.Int32));
});
