import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  scoresFromClasses,
  scoresFromExpected,
  scoresFromReturns,
} from "@lib/signals/action_scores.ts";

const day = new Date("2020-01-02T00:00:00Z");
const frame = (values: (number | null)[]) =>
  pl.DataFrame([
    pl.Series("symbol", values.map((_, i) => `s${i}`), pl.Utf8),
    pl.Series("date", values.map(() => day)).cast(pl.Date),
    pl.Series("v", values, pl.Float64),
  ]);

Deno.test("scoresFromClasses maps classes 0..4 to -2..2 and keeps nulls", () => {
  const out = scoresFromClasses(frame([0, 1, 2, 3, 4, null]), "v");
  assert.deepEqual(out.columns, ["symbol", "date", "score"]);
  assert.deepEqual(out.getColumn("score").toArray(), [-2, -1, 0, 1, 2, null]);
  assert.deepEqual(
    scoresFromClasses(frame([-2, 2]), "v", { offset: 0 }).getColumn("score").toArray(),
    [-2, 2],
  );
  assert.throws(
    () => scoresFromClasses(frame([0, 5]), "v"),
    /"v" has 5 at row 1: not an action class 0..4/,
  );
  assert.throws(() => scoresFromClasses(frame([1.5]), "v"), /"v" has 1.5 at row 0/);
  assert.throws(() => scoresFromClasses(frame([1]), "missing"), /no column "missing"/);
});

Deno.test("scoresFromReturns cuts predicted returns like the action labels", () => {
  const out = scoresFromReturns(
    frame([0.02, 0.019, 0.01, 0.0099, -0.01, -0.02, -0.5, null]),
    "v",
    { weak: 0.01, strong: 0.02 },
  );
  assert.deepEqual(out.getColumn("score").toArray(), [2, 1, 1, 0, -1, -2, -2, null]);
  assert.throws(
    () => scoresFromReturns(frame([0]), "v", { weak: 0.02, strong: 0.01 }),
    /weak < strong/,
  );
});

Deno.test("scoresFromExpected passes expected scores in [-2, 2] and refuses others", () => {
  assert.deepEqual(scoresFromExpected(frame([-1.5, 0.25]), "v").getColumn("score").toArray(), [
    -1.5,
    0.25,
  ]);
  assert.throws(() => scoresFromExpected(frame([2.5]), "v"), /"v" has 2.5 at row 0/);
});
