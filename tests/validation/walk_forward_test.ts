import assert from "node:assert/strict";
import fc from "fast-check";
import pl from "nodejs-polars";
import { walkForwardSplits } from "@lib/validation/walk_forward.ts";
import { dayFromIso, dayNumbers, daySeries, isoFromDay, uniqueDays } from "@lib/validation/days.ts";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

Deno.test("walkForwardSplits on 10 one-row days, 2-day labels, 1 fold of 3: purges exactly days 5 and 6", () => {
  const dates = range(10);
  const ends = dates.map((d) => d + 2);
  const [fold, ...rest] = walkForwardSplits(dates, ends, { nFolds: 1, testSize: 3 });
  assert.equal(rest.length, 0);
  assert.deepEqual([...fold.test], [7, 8, 9]);
  // day 4's label ends on 6 < 7: kept; day 5 ends on 7, day 6 on 8: both reach into the test.
  assert.deepEqual([...fold.train], [0, 1, 2, 3, 4]);
  assert.equal(fold.purged, 2);
  assert.equal(fold.embargoed, 0);
  assert.equal(fold.trainStart, "1970-01-01");
  assert.equal(fold.trainEnd, "1970-01-05");
  assert.equal(fold.testStart, "1970-01-08");
  assert.equal(fold.testEnd, "1970-01-10");
});

Deno.test("walkForwardSplits lays out consecutive test blocks at the end with an expanding train window", () => {
  const dates = range(12);
  const ends = dates.slice(); // label ends on its own date: nothing to purge
  const folds = walkForwardSplits(dates, ends, { nFolds: 3, testSize: 2 });
  assert.deepEqual(folds.map((f) => [...f.test]), [[6, 7], [8, 9], [10, 11]]);
  assert.deepEqual(folds.map((f) => f.train.length), [6, 8, 10]);
  assert.deepEqual(folds.map((f) => f.purged), [0, 0, 0]);
});

Deno.test("walkForwardSplits groups rows by date across symbols and purges per row", () => {
  // Two symbols on days 0..5; symbol b's labels span 3 days, symbol a's 1 day.
  const dates = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5];
  const ends = dates.map((d, i) => d + (i % 2 === 0 ? 1 : 3));
  const [fold] = walkForwardSplits(dates, ends, { nFolds: 1, testSize: 2 });
  assert.deepEqual([...fold.test], [8, 9, 10, 11]);
  // Test starts on day 4. a: day 3 ends on 4 -> purged; b: days 1, 2, 3 end on 4, 5, 6 -> purged.
  assert.deepEqual([...fold.train], [0, 1, 2, 4]);
  assert.equal(fold.purged, 4);
});

Deno.test("walkForwardSplits with trainOn past-and-future embargoes exactly `embargo` dates after each test block", () => {
  const dates = range(12);
  const ends = dates.slice();
  const folds = walkForwardSplits(dates, ends, {
    nFolds: 3,
    testSize: 2,
    embargo: 2,
    trainOn: "past-and-future",
  });
  // fold 0 tests days 6, 7; days 8, 9 are embargoed; days 10, 11 train.
  assert.deepEqual([...folds[0].train], [0, 1, 2, 3, 4, 5, 10, 11]);
  assert.equal(folds[0].embargoed, 2);
  // fold 1 tests 8, 9; embargo 10, 11.
  assert.deepEqual([...folds[1].train], [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(folds[1].embargoed, 2);
  // fold 2 tests the last dates: nothing after it to embargo.
  assert.equal(folds[2].embargoed, 0);
  assert.equal(folds[2].train.length, 10);
});

Deno.test("walkForwardSplits with trainOn past ignores the embargo (nothing trains after the test block)", () => {
  const dates = range(12);
  const ends = dates.map((d) => d + 1);
  const without = walkForwardSplits(dates, ends, { nFolds: 3, testSize: 2 });
  const withEmbargo = walkForwardSplits(dates, ends, { nFolds: 3, testSize: 2, embargo: 3 });
  assert.deepEqual(withEmbargo, without);
});

Deno.test("walkForwardSplits is deterministic", () => {
  const dates = [3, 1, 2, 0, 5, 4, 3, 2, 6, 7, 8, 9];
  const ends = dates.map((d) => d + 1);
  const a = walkForwardSplits(dates, ends, { nFolds: 2, testSize: 2 });
  const b = walkForwardSplits(dates, ends, { nFolds: 2, testSize: 2 });
  assert.deepEqual(a, b);
});

Deno.test("walkForwardSplits: every train row ends before its test block and purged = overlapping rows (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 6 })), {
        minLength: 30,
        maxLength: 120,
      }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 4 }),
      (rows, nFolds, testSize) => {
        const dates = rows.map(([d]) => d);
        const ends = rows.map(([d, span]) => d + span);
        if (uniqueDays(dates).length <= nFolds * testSize) return;
        let folds;
        try {
          folds = walkForwardSplits(dates, ends, { nFolds, testSize });
        } catch (e) {
          assert.match((e as Error).message, /no training rows/);
          return;
        }
        for (const f of folds) {
          const start = dayFromIso(f.testStart);
          const end = dayFromIso(f.testEnd);
          for (const i of f.train) assert.ok(dates[i] < start && ends[i] < start);
          for (const i of f.test) assert.ok(dates[i] >= start && dates[i] <= end);
          const overlapping = dates.filter((d, i) => d < start && ends[i] >= start).length;
          assert.equal(f.purged, overlapping);
          const before = dates.filter((d) => d < start).length;
          assert.equal(f.train.length + f.purged, before);
        }
      },
    ),
  );
});

Deno.test("walkForwardSplits names the fold when purging leaves no training rows", () => {
  const dates = range(6);
  const ends = dates.map((d) => d + 10); // every label reaches past the end
  assert.throws(
    () => walkForwardSplits(dates, ends, { nFolds: 1, testSize: 2 }),
    /fold 0 \(test 1970-01-05\.\.1970-01-06\) has no training rows after purging 4/,
  );
});

Deno.test("walkForwardSplits rejects too few dates, missing label ends and bad options", () => {
  assert.throws(
    () => walkForwardSplits(range(6), range(6), { nFolds: 3, testSize: 2 }),
    /more than nFolds x testSize = 3 x 2 = 6 distinct dates/,
  );
  assert.throws(
    () => walkForwardSplits([0, 1, 2], [0, NaN, 2], { nFolds: 1, testSize: 1 }),
    /row 1 has no label end/,
  );
  assert.throws(
    () => walkForwardSplits([0, 1, 2], [0, 0, 2], { nFolds: 1, testSize: 1 }),
    /row 1: label end 1970-01-01 is before its date 1970-01-02/,
  );
  assert.throws(
    () => walkForwardSplits([0, 1], [0], { nFolds: 1, testSize: 1 }),
    /differ in length/,
  );
  assert.throws(() => walkForwardSplits([], [], { nFolds: 1, testSize: 1 }), /need rows/);
  assert.throws(
    () => walkForwardSplits(range(5), range(5), { nFolds: 0, testSize: 1 }),
    /nFolds must be an integer >= 1/,
  );
  assert.throws(
    () => walkForwardSplits(range(5), range(5), { nFolds: 1, testSize: 1.5 }),
    /testSize must be an integer/,
  );
  assert.throws(
    () => walkForwardSplits(range(5), range(5), { nFolds: 1, testSize: 1, embargo: -1 }),
    /embargo must be an integer >= 0/,
  );
});

Deno.test("dayNumbers and daySeries round-trip polars dates, nulls as NaN", () => {
  const s = pl.Series("date", [new Date("2020-01-02"), null, new Date("1970-01-01")]).cast(pl.Date);
  const days = dayNumbers(s);
  assert.deepEqual([...days], [18263, NaN, 0]);
  const back = daySeries("date", days);
  assert.ok(back.dtype.equals(pl.Date));
  assert.deepEqual(
    (back.toArray() as unknown as (Date | null)[]).map((d) =>
      d?.toISOString().slice(0, 10) ?? null
    ),
    ["2020-01-02", null, "1970-01-01"],
  );
  assert.equal(isoFromDay(18263), "2020-01-02");
  assert.equal(dayFromIso("2020-01-02"), 18263);
  assert.throws(() => dayFromIso("nope"), /not a date/);
});

Deno.test("walkForwardSplits with trainSize trains each fold on a rolling window of that many dates", () => {
  // one row per day 0..19, one-day labels: no purging beyond the day before each block
  const dates = Array.from({ length: 20 }, (_, i) => i);
  const ends = dates.map((d) => d);
  const folds = walkForwardSplits(dates, ends, { nFolds: 2, testSize: 4, trainSize: 5 });
  assert.deepEqual(Array.from(folds[0].train), [7, 8, 9, 10, 11]);
  assert.deepEqual(Array.from(folds[0].test), [12, 13, 14, 15]);
  assert.deepEqual(Array.from(folds[1].train), [11, 12, 13, 14, 15]);
  const expanding = walkForwardSplits(dates, ends, { nFolds: 2, testSize: 4 });
  assert.equal(expanding[1].train.length, 16);
  assert.throws(
    () => walkForwardSplits(dates, ends, { nFolds: 2, testSize: 4, trainSize: 0 }),
    /trainSize must be an integer >= 1; got 0/,
  );
});
