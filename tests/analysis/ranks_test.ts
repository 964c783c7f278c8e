import assert from "node:assert/strict";
import fc from "fast-check";
import { qcutBuckets, qcutProbabilities, rankAverageInto, sortOrder } from "@lib/analysis/ranks.ts";

/** Average ranks the slow, obvious way: count values below and equal. */
function naiveRanks(values: number[]): number[] {
  return values.map((v) => {
    const below = values.filter((w) => w < v).length;
    const equal = values.filter((w) => w === v).length;
    return below + (equal + 1) / 2;
  });
}

Deno.test("rankAverageInto equals counting ranks, ties included (property)", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
        {
          minLength: 1,
          maxLength: 300,
        },
      ),
      (values) => {
        const got = [...rankAverageInto(Float64Array.from(values))];
        assert.deepEqual(got, naiveRanks(values.map((v) => v + 0)));
      },
    ),
    { endOnFailure: true },
  );
});

Deno.test("sortOrder orders values that differ only in the last bits the packed key gives up", () => {
  // 1 + k * 2^-52: distinct, but equal in the top 52 - 9 bits the 512-position key keeps
  const values = Float64Array.from({ length: 512 }, (_, i) => 1 + ((i * 37) % 512) * 2 ** -52);
  const order = sortOrder(values, new Uint32Array(512));
  for (let k = 1; k < 512; k++) assert.ok(values[order[k - 1]] < values[order[k]], `position ${k}`);
  const ranks = rankAverageInto(Float64Array.from([-0, 0, -1, 1]));
  assert.deepEqual([...ranks], [2.5, 2.5, 1, 4]);
});

Deno.test("qcutBuckets cuts like pandas.qcut: 11 values into 3,2,2,2,2; ties share a bucket", () => {
  const eleven = Float64Array.from({ length: 11 }, (_, i) => 10 - i);
  // edges at ranks 0, 2, 4, 6, 8, 10: the lowest bucket includes its lower edge
  assert.deepEqual([...qcutBuckets(eleven, 5)!], [5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 1]);
  const ties = qcutBuckets(Float64Array.from([1, 2, 2, 2, 3, 4, 5, 6, 7, 8]), 5)!;
  assert.equal(new Set([ties[1], ties[2], ties[3]]).size, 1);
  assert.equal(qcutBuckets(Float64Array.from([1, 1, 1, 1, 1, 2]), 5), null);
  // two values still cut: buckets 1 and 5, the middle ones empty (alphalens keeps them)
  assert.deepEqual([...qcutBuckets(Float64Array.from([3, 1]), 5)!], [5, 1]);
});

Deno.test("qcutProbabilities nudges 0.6000000000000001 up one ulp, as pandas 3 does", () => {
  const p = qcutProbabilities(5);
  assert.equal(p[2], 0.4);
  assert.ok(p[3] > 0.6000000000000001 && p[3] - 0.6000000000000001 < 2e-16);
  assert.equal(p[5], 1);
});

Deno.test("qcutBuckets on distinct values puts n / q in every bucket when q divides n (property)", () => {
  fc.assert(
    fc.property(
      // well-separated values: with neighbours an ulp apart an interpolated edge can round onto
      // the upper one, which pandas (and qcutBuckets) then puts in the lower bucket
      fc.uniqueArray(fc.integer({ min: -100_000, max: 100_000 }), { minLength: 2, maxLength: 40 }),
      fc.integer({ min: 2, max: 10 }),
      (unique, q) => {
        const values = unique.map((v) => v / 1000);
        const n = values.length - (values.length % q);
        if (n < q) return;
        const b = qcutBuckets(Float64Array.from(values.slice(0, n)), q)!;
        for (let k = 1; k <= q; k++) assert.equal(b.filter((x) => x === k).length, n / q);
      },
    ),
    { endOnFailure: true },
  );
});
