import assert from "node:assert/strict";
import fc from "fast-check";
import pl from "nodejs-polars";
import { forwardReturns, shortestHorizon } from "@lib/labels/mod.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: unknown) => (d === null ? null : (d as Date).toISOString().slice(0, 10));

/** Trading days with a weekend gap: label ends are rows ahead, not calendar days ahead. */
const panel = pl.DataFrame({
  symbol: ["A", "A", "A", "A", "B", "B"],
  date: ["2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09", "2024-01-04", "2024-01-05"]
    .map(day),
  close: [100, 110, 99, 99, 50, 60],
}).withColumns(pl.col("date").cast(pl.Date));

Deno.test("forwardReturns(panel, [1, 2]) is close_{t+h}/close_t - 1, ending h rows ahead", () => {
  const got = forwardReturns(panel, [1, 2]);
  assert.deepEqual(got.columns, [
    "symbol",
    "date",
    "fwd_ret_1",
    "label_end_1",
    "fwd_ret_2",
    "label_end_2",
  ]);
  assert.ok(got.schema.label_end_1.equals(pl.Date));
  const r1 = got.getColumn("fwd_ret_1").toArray() as (number | null)[];
  const expected1 = [0.1, 99 / 110 - 1, 0, null, 0.2, null];
  r1.forEach((v, i) => {
    const e = expected1[i];
    if (e === null) assert.equal(v, null, `row ${i}`);
    else assert.ok(Math.abs((v as number) - e) < 1e-12, `row ${i}: ${v} vs ${e}`);
  });
  assert.deepEqual(got.getColumn("label_end_1").toArray().map(iso), [
    "2024-01-05",
    "2024-01-08",
    "2024-01-09",
    null,
    "2024-01-05",
    null,
  ]);
  assert.deepEqual(got.getColumn("label_end_2").toArray().map(iso), [
    "2024-01-08",
    "2024-01-09",
    null,
    null,
    null,
    null,
  ]);
  assert.ok(Math.abs((got.getColumn("fwd_ret_2").toArray()[0] as number) + 0.01) < 1e-12);
});

Deno.test("forwardReturns leaves each symbol's last h rows null (no bleed)", () => {
  const got = forwardReturns(panel, [1]);
  const lastA = got.filter(pl.col("symbol").eq(pl.lit("A"))).tail(1);
  assert.equal(lastA.getColumn("fwd_ret_1").toArray()[0], null);
  assert.equal(lastA.getColumn("label_end_1").toArray()[0], null);
});

Deno.test("forwardReturns sorts by symbol and date first", () => {
  const shuffled = panel.sample(panel.height, undefined, false, 7);
  assert.ok(forwardReturns(shuffled, [1, 2]).frameEqual(forwardReturns(panel, [1, 2]), true));
});

Deno.test("forwardReturns rejects bad horizons and a panel without close", () => {
  assert.throws(() => forwardReturns(panel, []), /at least one horizon/);
  assert.throws(() => forwardReturns(panel, [0]), /horizon 0 is not a positive whole number/);
  assert.throws(() => forwardReturns(panel, [5, 5]), /horizons 5, 5 repeat a value/);
  assert.throws(
    () => forwardReturns(panel.drop("close"), [1]),
    /the panel lacks column\(s\) close/,
  );
});

Deno.test("forwardReturns: a label at t depends only on rows t..t+h", () => {
  const closes = fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), {
    minLength: 2,
    maxLength: 30,
  });
  fc.assert(
    fc.property(closes, fc.nat(), fc.integer({ min: 1, max: 5 }), (a, seed, h) => {
      const t = seed % a.length;
      const frame = (xs: number[]) =>
        pl.DataFrame({ symbol: xs.map(() => "A"), date: xs.map((_, i) => i), close: xs });
      const changed = a.map((c, i) => (i < t || i > t + h ? c * 2 + 1 : c));
      const at = (xs: number[]) =>
        forwardReturns(frame(xs), [h]).filter(pl.col("date").eq(pl.lit(t)));
      return at(a).frameEqual(at(changed), true);
    }),
    { numRuns: 100, seed: 42 },
  );
});

Deno.test("shortestHorizon is the smallest horizon whatever the order", () => {
  assert.equal(shortestHorizon([20, 1, 5]), 1);
  assert.equal(shortestHorizon([5]), 5);
  // More values than one call can take as arguments (a spread of them overflowed the stack).
  assert.equal(shortestHorizon(Array.from({ length: 200_000 }, (_, i) => 200_000 - i)), 1);
});
