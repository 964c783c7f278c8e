import assert from "node:assert/strict";
import { monthlyReturns, yearlyReturns } from "@lib/performance/calendar.ts";
import { dayFromIso } from "@lib/validation/days.ts";

Deno.test("monthlyReturns and yearlyReturns compound within calendar months and years", () => {
  const days = ["2019-12-30", "2019-12-31", "2020-01-02", "2020-01-31", "2020-03-02"];
  const series = {
    dates: Float64Array.from(days, dayFromIso),
    returns: new Float64Array([0.1, 0.1, -0.5, 0.2, 0.05]),
  };
  const m = monthlyReturns(series);
  assert.deepEqual(m.map(({ year, month }) => [year, month]), [[2019, 12], [2020, 1], [2020, 3]]);
  assert.ok(Math.abs(m[0].return - 0.21) < 1e-12);
  assert.ok(Math.abs(m[1].return - (0.5 * 1.2 - 1)) < 1e-12);
  const y = yearlyReturns(series);
  assert.deepEqual(y.map((x) => x.year), [2019, 2020]);
  assert.ok(Math.abs(y[1].return - (0.5 * 1.2 * 1.05 - 1)) < 1e-12);
  assert.deepEqual(monthlyReturns({ dates: new Float64Array(), returns: new Float64Array() }), []);
  assert.throws(
    () => monthlyReturns({ dates: new Float64Array(1), returns: new Float64Array(2) }),
    /1 dates but 2 returns/,
  );
});
