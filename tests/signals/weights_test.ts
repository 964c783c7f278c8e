import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  capWeights,
  marketCapProxyWeights,
  staticWeights,
  weightOn,
  weightTable,
} from "@lib/signals/weights.ts";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const panel = pl.DataFrame({
  symbol: ["B", "A", "A", "A", "B", "B"],
  date: [
    d("2020-01-02"),
    d("2020-01-02"),
    d("2020-01-03"),
    d("2020-01-06"),
    d("2020-01-03"),
    d("2020-01-06"),
  ],
  close: [20, 10, 11, 12, 21, 22],
  volume: [50, 100, 200, 300, 150, 250],
});

Deno.test("capWeights(panel, shares) is close x shares per row", () => {
  const w = capWeights(panel, { A: 1000, B: 10 });
  assert.deepEqual(w.getColumn("symbol").toArray(), ["A", "A", "A", "B", "B", "B"]);
  assert.deepEqual(w.getColumn("weight").toArray(), [10_000, 11_000, 12_000, 200, 210, 220]);
  assert.throws(() => capWeights(panel, { A: 1000 }), /no share count for "B"/);
  assert.throws(
    () => capWeights(panel, { A: 1000, B: 0 }),
    /share count of "B" must be a positive/,
  );
});

Deno.test("marketCapProxyWeights(panel, 2) is close x 2-day mean volume, null in the warm-up", () => {
  const w = marketCapProxyWeights(panel, { window: 2 });
  assert.deepEqual(w.getColumn("symbol").toArray(), ["A", "A", "A", "B", "B", "B"]);
  assert.deepEqual(w.getColumn("weight").toArray(), [
    null,
    11 * 150,
    12 * 250,
    null,
    21 * 100,
    22 * 200,
  ]);
  assert.throws(() => marketCapProxyWeights(panel, { window: 0 }), /window must be a positive/);
  assert.throws(() => marketCapProxyWeights(panel.drop("volume")), /no "volume" column/);
});

Deno.test("weightOn finds the weight in effect on a day", () => {
  const table = weightTable(pl.DataFrame([
    pl.Series("symbol", ["A", "A"], pl.Utf8),
    pl.Series("date", [d("2020-01-03"), d("2020-01-10")]).cast(pl.Date),
    pl.Series("weight", [1, 2], pl.Float64),
  ]));
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  assert.ok(Number.isNaN(weightOn(table, "A", day("2020-01-02"))));
  assert.equal(weightOn(table, "A", day("2020-01-03")), 1);
  assert.equal(weightOn(table, "A", day("2020-01-09")), 1);
  assert.equal(weightOn(table, "A", day("2020-02-01")), 2);
  assert.ok(Number.isNaN(weightOn(table, "B", day("2020-02-01"))));
  assert.equal(weightOn(weightTable(staticWeights({ A: 3 })), "A", -1e9), 3);
  assert.throws(() => staticWeights({}), /static weights are empty/);
  assert.throws(() => weightTable(staticWeights({ A: Infinity })), /weight of "A" is Infinity/);
});
