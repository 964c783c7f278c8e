import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { compoundMonthly } from "@lib/analysis/monthly.ts";

Deno.test("compoundMonthly compounds per month and per symbol; nulls count as 0", () => {
  const daily = pl.DataFrame({
    symbol: ["a", "a", "a", "b", "b"],
    date: ["2020-01-30", "2020-01-31", "2020-02-03", "2020-01-31", "2020-02-28"].map((d) =>
      new Date(d)
    ),
    ret: [0.1, null, 0.05, -0.5, 1],
  }).withColumns(pl.col("date").cast(pl.Date));
  const m = compoundMonthly(daily, { by: ["symbol"] });
  assert.deepEqual(m.columns, ["symbol", "month", "ret", "days"]);
  assert.deepEqual(m.getColumn("month").toArray(), ["2020-01", "2020-02", "2020-01", "2020-02"]);
  const ret = m.getColumn("ret").toArray() as number[];
  [0.1, 0.05, -0.5, 1].forEach((v, i) => assert.ok(Math.abs(ret[i] - v) < 1e-15, `${ret[i]}`));
  assert.deepEqual(m.getColumn("days").toArray(), [2, 1, 1, 1]);
  assert.throws(() => compoundMonthly(daily, { date: "day" }), /no date column "day"/);
  assert.throws(() => compoundMonthly(daily, { columns: ["x"] }), /no column "x"/);
});
