import assert from "node:assert/strict";
import fc from "fast-check";
import pl from "nodejs-polars";
import { crossSides, eventLabels, type EventOptions, tripleBarrier } from "@lib/labels/mod.ts";
import { macdHistogram } from "@lib/labels/events.ts";
import { buildFeatures } from "@lib/features/mod.ts";

const close = (xs: number[]) => ({
  open: xs,
  high: xs.map((c) => c + 1),
  low: xs.map((c) => c - 1),
  close: xs,
});

Deno.test("macdHistogram(close, 12/26/9) equals TA-Lib 0.8.2 MACD's histogram", () => {
  // talib.MACD(x, 12, 26, 9)[2] on this series, from the project's .venv (TA-Lib 0.8.2)
  const x = [
    100,
    99.8,
    99.6,
    105.4,
    105.2,
    105,
    110.8,
    100.1,
    99.9,
    105.7,
    105.5,
    105.3,
    111.1,
    110.9,
    100.2,
    106,
    105.8,
    105.6,
    111.4,
    111.2,
    111,
    106.3,
    106.1,
    105.9,
    111.7,
    111.5,
    111.3,
    117.1,
    106.4,
    106.2,
    112,
    111.8,
    111.6,
    117.4,
    117.2,
    106.5,
    112.3,
    112.1,
    111.9,
    117.7,
    117.5,
    117.3,
    112.6,
    112.4,
    112.2,
  ];
  const talib = [
    0.3923338156,
    0.5691507416,
    -0.0514702561,
    -0.086267153,
    -0.1347661047,
    -0.1890036845,
    0.139341859,
    0.307047105,
    0.3645749162,
    0.0620195156,
    -0.1633304799,
    -0.3281041409,
  ];
  const got = macdHistogram(x, { fast: 12, slow: 26, signal: 9 });
  assert.ok(got.slice(0, 33).every(Number.isNaN), "warm-up of 33 rows is NaN");
  talib.forEach((v, i) => assert.ok(Math.abs(got[33 + i] - v) < 1e-9, `row ${33 + i}`));
  // and the crosses it implies: down on 35, up on 39, down on 43
  assert.deepEqual([...crossSides(got, "both")].flatMap((s, i) => (s ? [[i, s]] : [])), [
    [35, -1],
    [39, 1],
    [43, -1],
  ]);
});

Deno.test("macdHistogram is all NaN when the series is shorter than its warm-up", () => {
  assert.ok(macdHistogram([1, 2, 3], { fast: 2, slow: 3, signal: 2 }).every(Number.isNaN));
});

Deno.test("crossSides marks sign changes; a zero does not end a run; side filters", () => {
  const h = [NaN, -1, -0.5, 0, 0.5, 0.2, 0, 0.1, -0.3, 0, -0.1];
  assert.deepEqual([...crossSides(h, "both")], [0, 0, 0, 0, 1, 0, 0, 0, -1, 0, 0]);
  assert.deepEqual([...crossSides(h, "long")], [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...crossSides(h, "short")], [0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0]);
  // the first signed row is not a cross
  assert.deepEqual([...crossSides([NaN, 0.5, 0.4], "both")], [0, 0, 0]);
});

Deno.test("tripleBarrier: a long whose upper barrier is hit on bar 3", () => {
  // entry 100, target 104.5, stop 97; highs 102, 103, 105 -> bar 3 touches the target
  const got = tripleBarrier(close([100, 101, 102, 104, 99, 98]), 0, 1, 104.5, 97, 5);
  assert.deepEqual(got, { label: 1, end: 3, exit: 104.5 });
});

Deno.test("tripleBarrier: the lower barrier first is a stop, filled at the stop level", () => {
  // lows 98, 96: bar 2 touches 97 before any high reaches 104.5
  assert.deepEqual(tripleBarrier(close([100, 99, 97, 110]), 0, 1, 104.5, 97, 5), {
    label: -1,
    end: 2,
    exit: 97,
  });
});

Deno.test("tripleBarrier: a level equal to the barrier touches it (ties)", () => {
  // bar 1's high is exactly 104.5
  assert.deepEqual(tripleBarrier(close([100, 103.5]), 0, 1, 104.5, 97, 5)?.label, 1);
  // bar 1's low is exactly 97
  assert.deepEqual(tripleBarrier(close([100, 98]), 0, 1, 104.5, 97, 5)?.label, -1);
});

Deno.test("tripleBarrier: both barriers in one bar count as the stop (worse outcome)", () => {
  const bars = { open: [100, 100], high: [100, 106], low: [100, 96], close: [100, 101] };
  assert.deepEqual(tripleBarrier(bars, 0, 1, 104.5, 97, 5), { label: -1, end: 1, exit: 97 });
  // short: target 95.5, stop 103 -> also the stop
  assert.deepEqual(tripleBarrier(bars, 0, -1, 95.5, 103, 5), { label: -1, end: 1, exit: 103 });
});

Deno.test("tripleBarrier: a gap through the stop fills at the open", () => {
  const bars = { open: [100, 95], high: [100, 96], low: [100, 94], close: [100, 95] };
  assert.deepEqual(tripleBarrier(bars, 0, 1, 104.5, 97, 5), { label: -1, end: 1, exit: 95 });
  const up = { open: [100, 105], high: [100, 106], low: [100, 104], close: [100, 105] };
  assert.deepEqual(tripleBarrier(up, 0, -1, 95.5, 103, 5), { label: -1, end: 1, exit: 105 });
});

Deno.test("tripleBarrier: a short mirrors the barriers", () => {
  // entry 100, target 95.5 (up 4.5%), stop 103: bar 2's low 95 touches the target
  assert.deepEqual(tripleBarrier(close([100, 99, 96, 110]), 0, -1, 95.5, 103, 5), {
    label: 1,
    end: 2,
    exit: 95.5,
  });
});

Deno.test("tripleBarrier: the time barrier gives 0 at row t + maxHolding, exiting at its close", () => {
  const flat = close([100, 100.5, 99.5, 101, 100, 100]);
  assert.deepEqual(tripleBarrier(flat, 0, 1, 104.5, 97, 3), { label: 0, end: 3, exit: 101 });
  // an event later in the series reads bars t+1 .. t+maxHolding only
  assert.deepEqual(tripleBarrier(flat, 2, 1, 104.5, 97, 3), { label: 0, end: 5, exit: 100 });
});

Deno.test("tripleBarrier: no future, or too little of it, is null (not 0)", () => {
  const flat = close([100, 100.5, 99.5, 101, 100, 100]);
  assert.equal(tripleBarrier(flat, 5, 1, 104.5, 97, 3), null);
  assert.equal(tripleBarrier(flat, 3, 1, 104.5, 97, 3), null);
  // a barrier touched before the data ends is known even though t + maxHolding is beyond it
  assert.deepEqual(tripleBarrier(close([100, 106]), 0, 1, 104.5, 97, 3)?.label, 1);
});

Deno.test("tripleBarrier: t1 is the last row read; changing it changes the label", () => {
  const xs = [100, 101, 102, 104, 99, 98];
  const moved = [100, 101, 102, 102, 99, 98]; // bar 3 no longer reaches 104.5
  assert.equal(tripleBarrier(close(xs), 0, 1, 104.5, 97, 5)?.end, 3);
  assert.notDeepEqual(
    tripleBarrier(close(moved), 0, 1, 104.5, 97, 5),
    tripleBarrier(close(xs), 0, 1, 104.5, 97, 5),
  );
});

// A 14-bar zigzag; TA-Lib MACD(2, 3, 2) histogram on it:
// [_, _, _, -0.0833, -0.0556, 0.0231, 0.0471, 0.0415, 0.0288, -0.0378, -0.0546, -0.0453, -0.0307,
// 0.0369]: up-crosses on rows 5 and 13, a down-cross on row 9.
const zig = [10, 10.5, 10, 9.5, 9, 9.5, 10, 10.5, 11, 10.5, 10, 9.5, 9, 9.5];
const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + i));
const zigPanel = pl.DataFrame({
  symbol: zig.map(() => "A"),
  date: zig.map((_, i) => day(i)),
  open: zig,
  high: zig.map((c) => c + 0.2),
  low: zig.map((c) => c - 0.2),
  close: zig,
}).withColumns(pl.col("date").cast(pl.Date));
const macd = { fast: 2, slow: 3, signal: 2 };
const iso = (d: unknown) => (d === null ? null : (d as Date).toISOString().slice(0, 10));

Deno.test("eventLabels: one row per MACD cross with side, barriers, label, return, end", () => {
  const events = eventLabels(zigPanel, {
    side: "both",
    barriers: { mode: "fixed", up: 0.05, down: 0.05 },
    maxHolding: 3,
    macd,
  });
  assert.deepEqual(events.columns, [
    "symbol",
    "date",
    "event_side",
    "event_target",
    "event_stop",
    "event_label",
    "event_return",
    "event_end",
    "event_bars",
  ]);
  assert.ok(events.schema.event_label.equals(pl.Int32));
  assert.ok(events.schema.event_end.equals(pl.Date));
  assert.deepEqual(events.getColumn("date").toArray().map(iso), [day(5), day(9), day(13)].map(iso));
  assert.deepEqual(events.getColumn("event_side").toArray(), [1, -1, 1]);
  // long at 9.5: target 9.975, row 6's high 10.2 reaches it; short at 10.5: target 9.975, row
  // 10's low 9.8 reaches it; the up-cross on the last row has no future: null, not 0
  assert.deepEqual(events.getColumn("event_label").toArray(), [1, 1, null]);
  assert.deepEqual(
    events.getColumn("event_end").toArray().map(iso),
    [day(6), day(10)].map(iso).concat(null),
  );
  assert.deepEqual(events.getColumn("event_bars").toArray(), [1, 1, null]);
  const r = events.getColumn("event_return").toArray() as (number | null)[];
  assert.ok(Math.abs((r[0] as number) - 0.05) < 1e-12 && Math.abs((r[1] as number) - 0.05) < 1e-12);
  assert.equal(r[2], null);
  const target = events.getColumn("event_target").toArray() as number[];
  const stop = events.getColumn("event_stop").toArray() as number[];
  assert.ok(Math.abs(target[1] - 9.975) < 1e-12 && Math.abs(stop[1] - 11.025) < 1e-12);
});

Deno.test("eventLabels: wide barriers end at the time barrier with the close-to-close return", () => {
  const events = eventLabels(zigPanel, {
    side: "both",
    barriers: { mode: "fixed", up: 0.2, down: 0.03 },
    maxHolding: 2,
    macd,
  });
  assert.deepEqual(events.getColumn("event_label").toArray(), [0, 0, null]);
  assert.deepEqual(
    events.getColumn("event_end").toArray().map(iso),
    [day(7), day(11)].map(iso).concat(null),
  );
  const r = events.getColumn("event_return").toArray() as number[];
  // long 9.5 -> 10.5; short 10.5 -> 9.5
  assert.ok(Math.abs(r[0] - (10.5 / 9.5 - 1)) < 1e-12);
  assert.ok(Math.abs(r[1] - (1 - 9.5 / 10.5)) < 1e-12);
});

Deno.test("eventLabels: long-only keeps up-crosses, short-only down-crosses", () => {
  const at = (side: "long" | "short") =>
    eventLabels(zigPanel, {
      side,
      barriers: { mode: "fixed", up: 0.05, down: 0.05 },
      maxHolding: 3,
      macd,
    })
      .getColumn("date").toArray().map(iso);
  assert.deepEqual(at("long"), [day(5), day(13)].map(iso));
  assert.deepEqual(at("short"), [day(9)].map(iso));
});

Deno.test("eventLabels: volatility barriers are sigma_t x sqrt(maxHolding) wide, null in warm-up", () => {
  const opts = (window: number): EventOptions => ({
    side: "both",
    barriers: { mode: "volatility", up: 1, down: 1, window },
    maxHolding: 4,
    macd,
  });
  // a 10-row window has no volatility by row 9: the first two events get no barriers, no label
  const warm = eventLabels(zigPanel, opts(10));
  assert.deepEqual(warm.getColumn("event_target").toArray().slice(0, 2), [null, null]);
  assert.deepEqual(warm.getColumn("event_label").toArray().slice(0, 2), [null, null]);
  // window 3 at row 5: returns of rows 3..5 are -1/20, -1/19, +1/18
  const rs = [9.5 / 10 - 1, 9 / 9.5 - 1, 9.5 / 9 - 1];
  const m = rs.reduce((a, b) => a + b, 0) / 3;
  const sigma = Math.sqrt(rs.reduce((a, b) => a + (b - m) ** 2, 0) / 2);
  const events = eventLabels(zigPanel, opts(3));
  const target = events.getColumn("event_target").toArray()[0] as number;
  assert.ok(Math.abs(target - 9.5 * (1 + sigma * 2)) < 1e-9, `${target}`);
});

Deno.test("eventLabels rejects bad options and a panel without high/low", () => {
  const ok: EventOptions = {
    side: "both",
    barriers: { mode: "fixed", up: 0.05, down: 0.05 },
    maxHolding: 3,
    macd,
  };
  assert.throws(() => eventLabels(zigPanel, { ...ok, maxHolding: 0 }), /maxHolding 0/);
  assert.throws(
    () => eventLabels(zigPanel, { ...ok, macd: { fast: 3, slow: 3, signal: 2 } }),
    /fast < slow/,
  );
  assert.throws(
    () => eventLabels(zigPanel, { ...ok, barriers: { mode: "fixed", up: 0.05, down: 0 } }),
    /up > 0, down > 0/,
  );
  assert.throws(() => eventLabels(zigPanel.drop("high"), ok), /lacks column\(s\) high/);
});

/** A random-walk panel of one symbol with integer dates, from returns and bar spreads. */
function walk(steps: { r: number; up: number; down: number }[]): pl.DataFrame {
  const closes: number[] = [];
  let c = 100;
  for (const s of steps) {
    c *= 1 + s.r;
    closes.push(c);
  }
  return pl.DataFrame({
    symbol: closes.map(() => "A"),
    date: closes.map((_, i) => i),
    open: closes.map((x, i) => (i === 0 ? x : closes[i - 1])),
    high: closes.map((x, i) => x * (1 + steps[i].up)),
    low: closes.map((x, i) => x * (1 - steps[i].down)),
    close: closes,
  });
}

const step = fc.record({
  r: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
  up: fc.double({ min: 0, max: 0.03, noNaN: true }),
  down: fc.double({ min: 0, max: 0.03, noNaN: true }),
});
const eventOptions: EventOptions = {
  side: "both",
  barriers: { mode: "fixed", up: 0.03, down: 0.02 },
  maxHolding: 5,
  macd,
};

Deno.test("eventLabels: an event at t depends only on rows ..t1; rows after t1 change nothing", () => {
  fc.assert(
    fc.property(
      fc.array(step, { minLength: 8, maxLength: 40 }),
      fc.nat(),
      fc.double({ min: 0.5, max: 2, noNaN: true }),
      (steps, seed, factor) => {
        const panel = walk(steps);
        const events = eventLabels(panel, eventOptions);
        if (events.height === 0) return true;
        const k = seed % events.height;
        const row = events.slice(k, 1);
        const t0 = row.getColumn("date").toArray()[0] as number;
        const t1 = row.getColumn("event_end").toArray()[0] as number | null;
        const last = t1 ?? panel.height - 1;
        assert.ok(t1 === null || t1 >= t0, "t1 >= t0");
        const changed = panel.withColumns(
          ...["open", "high", "low", "close"].map((c) =>
            pl.when(pl.col("date").gt(last)).then(pl.col(c).mul(factor)).otherwise(pl.col(c))
              .alias(c)
          ),
        );
        const again = eventLabels(changed, eventOptions).filter(pl.col("date").eq(pl.lit(t0)));
        return again.frameEqual(row, true);
      },
    ),
    { numRuns: 150, seed: 42 },
  );
});

Deno.test("tripleBarrier: rows before t change nothing (fixed barriers set from close_t)", () => {
  fc.assert(
    fc.property(
      fc.array(step, { minLength: 3, maxLength: 30 }),
      fc.nat(),
      fc.double({ min: 0.5, max: 2, noNaN: true }),
      (steps, seed, factor) => {
        const panel = walk(steps);
        const bars = {
          open: panel.getColumn("open").toArray() as number[],
          high: panel.getColumn("high").toArray() as number[],
          low: panel.getColumn("low").toArray() as number[],
          close: panel.getColumn("close").toArray() as number[],
        };
        const t = seed % bars.close.length;
        const past = (xs: number[]) => xs.map((x, i) => (i < t ? x * factor : x));
        const changed = {
          open: past(bars.open),
          high: past(bars.high),
          low: past(bars.low),
          close: past(bars.close),
        };
        const c = bars.close[t];
        const a = tripleBarrier(bars, t, 1, c * 1.03, c * 0.98, 5);
        const b = tripleBarrier(changed, t, 1, c * 1.03, c * 0.98, 5);
        return JSON.stringify(a) === JSON.stringify(b);
      },
    ),
    { numRuns: 200, seed: 7 },
  );
});

Deno.test("macdHistogram(close, 12/26/9) is the macd_hist_12_26_9 feature of buildFeatures", () => {
  const x = Array.from({ length: 120 }, (_, i) => 100 + 10 * Math.sin(i / 7) + (i % 5) * 0.3);
  const got = macdHistogram(x, { fast: 12, slow: 26, signal: 9 });
  const panel = pl.DataFrame({ symbol: x.map(() => "A"), date: x.map((_, i) => i), close: x });
  const feature = buildFeatures(panel, [
    { kind: "macd_hist", params: { fast: 12, slow: 26, signal: 9 } },
  ]).getColumn("macd_hist_12_26_9").toArray() as (number | null)[];
  feature.forEach((v, i) => {
    if (v === null) assert.ok(Number.isNaN(got[i]), `row ${i} should be NaN`);
    else assert.ok(Math.abs(got[i] - v) < 1e-12, `row ${i}: ${got[i]} vs ${v}`);
  });
  assert.equal(feature.filter((v) => v === null).length, 26 + 9 - 2);
});
