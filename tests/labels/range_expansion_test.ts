import assert from "node:assert/strict";
import fc from "fast-check";
import pl from "nodejs-polars";
import { rangeExpansion, rangeExpansionShare } from "@lib/labels/mod.ts";

const panel = pl.DataFrame({
  symbol: ["A", "A", "A", "A", "A", "B", "B"],
  date: [0, 1, 2, 3, 4, 0, 1],
  high: [101, 104, 101, 103, 104, 50, 60],
  low: [99, 100, 100, 100, 100, 49, 50],
  close: [100, 101, 100, 102, 103, 50, 55],
});

Deno.test("rangeExpansion(fixed 3%): next day's (high - low) / close_t > 3%, ties are not", () => {
  const got = rangeExpansion(panel, { mode: "fixed", threshold: 0.03 });
  assert.deepEqual(got.columns, [
    "symbol",
    "date",
    "range_next",
    "range_threshold",
    "range_expansion",
    "range_end",
  ]);
  assert.ok(got.schema.range_expansion.equals(pl.Int32));
  // A: next ranges 4/100, 1/101, 3/100 (= threshold: not above), 4/102, none;
  // B: 10/50, none (no bleed from A into B)
  assert.deepEqual(got.getColumn("range_expansion").toArray(), [1, 0, 0, 1, null, 1, null]);
  assert.deepEqual(got.getColumn("range_end").toArray(), [1, 2, 3, 4, null, 1, null]);
  const next = got.getColumn("range_next").toArray() as (number | null)[];
  assert.equal(next[2], 0.03);
  assert.equal(next[4], null);
});

Deno.test("rangeExpansion(trailing 1.5 x 2 rows): threshold from the trailing mean range", () => {
  const got = rangeExpansion(panel, { mode: "trailing", multiple: 1.5, window: 2 });
  // daily ranges of A: -, 4/100, 1/101, 3/100, 4/102; trailing mean at row 2 = (0.04 + 1/101)/2
  const thr = got.getColumn("range_threshold").toArray() as (number | null)[];
  assert.deepEqual(thr.slice(0, 2), [null, null], "warm-up: no threshold");
  assert.ok(Math.abs((thr[2] as number) - 1.5 * (0.04 + 1 / 101) / 2) < 1e-12);
  assert.ok(Math.abs((thr[3] as number) - 1.5 * (1 / 101 + 0.03) / 2) < 1e-12);
  // row 2: 0.03 < 0.0374 -> 0; row 3: 4/102 = 0.0392 > 0.0299 -> 1; warm-up and end are null
  assert.deepEqual(got.getColumn("range_expansion").toArray(), [
    null,
    null,
    0,
    1,
    null,
    null,
    null,
  ]);
});

Deno.test("rangeExpansion: range_end is t1 = the next row, and that row is read", () => {
  const got = rangeExpansion(panel, { mode: "fixed", threshold: 0.03 });
  for (const r of got.toRecords()) {
    if (r.range_end !== null) assert.equal(Number(r.range_end), Number(r.date) + 1);
  }
  // narrowing row 1's bar flips the label of row 0
  const narrow = panel.withColumns(
    pl.when(pl.col("symbol").eq(pl.lit("A")).and(pl.col("date").eq(1))).then(pl.lit(101))
      .otherwise(pl.col("high")).alias("high"),
  );
  const flipped = rangeExpansion(narrow, { mode: "fixed", threshold: 0.03 });
  assert.equal(flipped.getColumn("range_expansion").toArray()[0], 0);
});

Deno.test("rangeExpansion rejects bad options and a panel without high", () => {
  assert.throws(() => rangeExpansion(panel, { mode: "fixed", threshold: 0 }), /threshold 0/);
  assert.throws(
    () => rangeExpansion(panel, { mode: "trailing", multiple: 1, window: 0 }),
    /window 0/,
  );
  assert.throws(
    () => rangeExpansion(panel.drop("high"), { mode: "fixed", threshold: 0.01 }),
    /lacks column\(s\) high/,
  );
});

Deno.test("rangeExpansionShare: overall and per symbol, over labelled rows", () => {
  const share = rangeExpansionShare(rangeExpansion(panel, { mode: "fixed", threshold: 0.03 }));
  assert.deepEqual(
    share.toRecords().map((r) => [r.symbol, Number(r.labelled), Number(r.expansions), r.share]),
    [
      ["all", 5, 3, 0.6],
      ["A", 4, 2, 0.5],
      ["B", 1, 1, 1],
    ],
  );
});

const bar = fc.record({
  close: fc.double({ min: 10, max: 100, noNaN: true }),
  spread: fc.double({ min: 0, max: 5, noNaN: true }),
});

function frame(bars: { close: number; spread: number }[]): pl.DataFrame {
  return pl.DataFrame({
    symbol: bars.map(() => "A"),
    date: bars.map((_, i) => i),
    high: bars.map((b) => b.close + b.spread),
    low: bars.map((b) => b.close - b.spread / 2),
    close: bars.map((b) => b.close),
  });
}

Deno.test("rangeExpansion: the label at t reads rows t..t+1 (fixed) or t-window..t+1 (trailing)", () => {
  fc.assert(
    fc.property(
      fc.array(bar, { minLength: 2, maxLength: 30 }),
      fc.nat(),
      fc.boolean(),
      (bars, seed, trailing) => {
        const t = seed % bars.length;
        const window = 3;
        const from = trailing ? t - window : t;
        const changed = bars.map((b, i) =>
          i < from || i > t + 1 ? { close: b.close * 1.7 + 1, spread: b.spread * 3 + 0.5 } : b
        );
        const options = trailing
          ? { mode: "trailing" as const, multiple: 1.2, window }
          : { mode: "fixed" as const, threshold: 0.05 };
        const at = (bs: typeof bars) =>
          rangeExpansion(frame(bs), options).filter(pl.col("date").eq(pl.lit(t)));
        return at(bars).frameEqual(at(changed), true);
      },
    ),
    { numRuns: 100, seed: 42 },
  );
});
