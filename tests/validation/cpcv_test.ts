/**
 * CPCV splits against skfolio 1.12.2's `CombinatorialPurgedCV` (cpcv_reference.json, written by
 * cpcv_reference.py) and by hand. skfolio cuts observations without label spans, purging
 * `purged_size` rows before and after each test set plus `embargo_size` after; with one row per
 * date and labels spanning `purged_size` dates after their own, our label-span purge removes the
 * same rows before a test group, and an embargo of `purged_size + embargo_size` the same after.
 */
import assert from "node:assert/strict";
import { binomial, combinations, cpcvSplits } from "@lib/validation/cpcv.ts";

interface Case {
  n: number;
  n_folds: number;
  n_test_folds: number;
  purged_size: number;
  embargo_size: number;
  n_splits: number;
  n_test_paths: number;
  test_folds: number[][];
  path_ids: number[][];
  splits: { train: number[]; test: number[][] }[];
}

const reference = JSON.parse(
  await Deno.readTextFile(new URL("./cpcv_reference.json", import.meta.url)),
) as { skfolio: string; cases: Case[] };

Deno.test("cpcvSplits matches skfolio's CombinatorialPurgedCV split for split", () => {
  assert.equal(reference.skfolio, "1.12.2");
  for (const c of reference.cases) {
    const what =
      `N=${c.n_folds} k=${c.n_test_folds} purge=${c.purged_size} embargo=${c.embargo_size}`;
    const dates = Array.from({ length: c.n }, (_, i) => 1000 + i);
    const ends = dates.map((d) => d + c.purged_size);
    const cv = cpcvSplits(dates, ends, {
      nGroups: c.n_folds,
      nTestGroups: c.n_test_folds,
      embargo: c.purged_size + c.embargo_size,
    });
    assert.equal(cv.splits.length, c.n_splits, `${what}: splits`);
    assert.equal(cv.nPaths, c.n_test_paths, `${what}: paths`);
    cv.splits.forEach((s, i) => {
      assert.deepEqual(s.testGroups, c.test_folds[i], `${what}: split ${i} test groups`);
      assert.deepEqual(s.paths, c.path_ids[i], `${what}: split ${i} path ids`);
      assert.deepEqual(Array.from(s.train), c.splits[i].train, `${what}: split ${i} train`);
      assert.deepEqual(s.test.map((t) => Array.from(t)), c.splits[i].test, `${what}: split ${i}`);
    });
  }
});

Deno.test("every path tests every date exactly once", () => {
  const dates = Array.from({ length: 90 }, (_, i) => i);
  const cv = cpcvSplits(dates, dates.map((d) => d + 3), { nGroups: 6, nTestGroups: 2 });
  assert.equal(cv.nPaths, 5);
  for (let p = 0; p < cv.nPaths; p++) {
    const covered: number[] = [];
    for (const s of cv.splits) {
      s.paths.forEach((path, j) => {
        if (path === p) covered.push(...Array.from(s.test[j]));
      });
    }
    assert.deepEqual(covered.sort((a, b) => a - b), dates, `path ${p}`);
  }
});

Deno.test("rows of a panel share their date's group; purging follows each row's label span", () => {
  // two symbols per date, 12 dates, 3 groups of 4; the second symbol's labels span 2 more dates
  const dates = Array.from({ length: 24 }, (_, i) => Math.floor(i / 2));
  const ends = dates.map((d, i) => d + (i % 2 === 0 ? 0 : 2));
  const cv = cpcvSplits(dates, ends, { nGroups: 3, nTestGroups: 1, embargo: 1 });
  // split 1 tests group 1 (dates 4..7): the second symbol's rows on dates 2 and 3 reach into it
  // (purged), date 8 is embargoed (both symbols)
  const s = cv.splits[1];
  assert.deepEqual(s.testGroups, [1]);
  assert.equal(s.purged, 2);
  assert.equal(s.embargoed, 2);
  assert.deepEqual(Array.from(s.test[0]), [8, 9, 10, 11, 12, 13, 14, 15]);
  const trainDates = Array.from(s.train, (i) => `${dates[i]}:${i % 2}`);
  assert.deepEqual(trainDates, [
    "0:0",
    "0:1",
    "1:0",
    "1:1",
    "2:0",
    "3:0",
    "9:0",
    "9:1",
    "10:0",
    "10:1",
    "11:0",
    "11:1",
  ]);
});

Deno.test("cpcvSplits names a bad layout", () => {
  const days = [0, 1, 2];
  assert.throws(() => cpcvSplits(days, days, { nGroups: 1, nTestGroups: 1 }), /nGroups must be/);
  assert.throws(() => cpcvSplits(days, days, { nGroups: 3, nTestGroups: 3 }), /\[1, nGroups\)/);
  assert.throws(
    () => cpcvSplits(days, days, { nGroups: 6, nTestGroups: 2 }),
    /6 groups need at least 6 dates; got 3/,
  );
  assert.throws(
    () => cpcvSplits(days, [0, 0, 2], { nGroups: 3, nTestGroups: 1 }),
    /row 1: label end 0/,
  );
});

Deno.test("binomial and combinations count as Python's math.comb and itertools.combinations", () => {
  assert.equal(binomial(6, 2), 15);
  assert.equal(binomial(10, 8), 45);
  assert.deepEqual(combinations(4, 2), [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]);
});
