import assert from "node:assert/strict";
import fc from "fast-check";
import pl from "nodejs-polars";
import {
  buildLabels,
  catalogSpans,
  eventLabels,
  labelSpans,
  spanSummary,
} from "@lib/labels/mod.ts";

const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + i));

Deno.test("labelSpans: calendar days from date to t1, unlabelled rows left out", () => {
  const frame = pl.DataFrame({
    date: [day(0), day(3)],
    end: [day(4), null],
  }).withColumns(pl.col("date").cast(pl.Date), pl.col("end").cast(pl.Date));
  const got = labelSpans(frame, [{ family: "x", end: "end" }]);
  assert.deepEqual(got.toRecords(), [{ family: "x", span_days: 4 }]);
});

Deno.test("labelSpans throws when a label ends before its date", () => {
  const frame = pl.DataFrame({ date: [5], end: [4] });
  assert.throws(() => labelSpans(frame, [{ family: "x", end: "end" }]), /x: row 0 ends/);
});

Deno.test("spanSummary: labelled rows and min/median/max per family, in order", () => {
  const spans = pl.DataFrame({
    family: ["b", "b", "b", "a"],
    span_days: pl.Series("span_days", [1, 3, 8, 2], pl.Int32),
  });
  assert.deepEqual(
    spanSummary(spans).toRecords().map((r) => ({ ...r, labelled: Number(r.labelled) })),
    [
      { family: "b", labelled: 3, min_days: 1, median_days: 3, max_days: 8 },
      { family: "a", labelled: 1, min_days: 2, median_days: 2, max_days: 2 },
    ],
  );
});

/** A random-walk panel of two symbols with integer dates (1 unit = 1 row). */
function walk(rs: number[]): pl.DataFrame {
  const closes: number[] = [];
  let c = 50;
  for (const r of rs) closes.push(c *= 1 + r);
  const one = (symbol: string, xs: number[]) => ({
    symbol: xs.map(() => symbol),
    date: xs.map((_, i) => i),
    open: xs,
    high: xs.map((x) => x * 1.01),
    low: xs.map((x) => x * 0.99),
    close: xs,
  });
  const a = one("A", closes);
  const b = one("B", [...closes].reverse());
  return pl.concat([pl.DataFrame(a), pl.DataFrame(b)]);
}

Deno.test("every label family: t1 >= t0, and t1 within h rows (fwd), 1 row (range), maxHolding rows (events)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -0.04, max: 0.04, noNaN: true }), { minLength: 10, maxLength: 50 }),
      (rs) => {
        const panel = walk(rs);
        const labels = buildLabels(panel, {
          horizons: [1, 3],
          thresholds: { weak: 0.005, strong: 0.02 },
          scaling: "sqrt",
          rangeExpansion: { mode: "fixed", threshold: 0.02 },
        });
        const events = eventLabels(panel, {
          side: "both",
          barriers: { mode: "fixed", up: 0.02, down: 0.02 },
          maxHolding: 4,
          macd: { fast: 2, slow: 3, signal: 2 },
        });
        const spans = catalogSpans(labels, events, [1, 3]);
        const max: Record<string, number> = { fwd_ret_1: 1, fwd_ret_3: 3, range: 1, events: 4 };
        for (const r of spans.toRecords()) {
          const span = Number(r.span_days);
          const family = String(r.family);
          if (family === "events" ? span < 1 || span > 4 : span !== max[family]) return false;
        }
        return true;
      },
    ),
    { numRuns: 50, seed: 42 },
  );
});
