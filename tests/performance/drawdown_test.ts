import assert from "node:assert/strict";
import fc from "fast-check";
import { drawdownPeriods, drawdownSummary, maxDrawdown } from "@lib/performance/drawdown.ts";
import { drawdownSeries } from "@lib/backtest/result.ts";

Deno.test("drawdownPeriods finds each spell's peak, trough, recovery and duration by hand", () => {
  // wealth: 0.5 (below the start), 1 (recovered), 1.5, 0.6, 1.2, 1.8 (recovered), 0.9 (open)
  const r = new Float64Array([-0.5, 1, 0.5, -0.6, 1, 0.5, -0.5]);
  const periods = drawdownPeriods(r);
  assert.equal(periods.length, 3);
  assert.deepEqual(
    periods.map(({ peak, trough, recovery, duration }) => ({ peak, trough, recovery, duration })),
    [
      { peak: -1, trough: 0, recovery: 1, duration: 2 },
      { peak: 2, trough: 3, recovery: 5, duration: 3 },
      { peak: 5, trough: 6, recovery: -1, duration: 1 },
    ],
  );
  assert.ok(Math.abs(periods[0].depth + 0.5) < 1e-12);
  assert.ok(Math.abs(periods[1].depth + 0.6) < 1e-12);
  const s = drawdownSummary(r);
  assert.deepEqual(s.worst, periods[1]);
  assert.equal(s.longestDuration, 3);
  assert.ok(Math.abs(s.maxDrawdown + 0.6) < 1e-12);
});

Deno.test("drawdownSummary of rising wealth has no drawdown; an open spell lasts to the end", () => {
  const up = drawdownSummary(new Float64Array([0.01, 0, 0.02]));
  assert.deepEqual(up, { maxDrawdown: 0, worst: undefined, longestDuration: 0 });
  const open = drawdownSummary(new Float64Array([0.1, -0.1, 0.01, 0.01]));
  assert.equal(open.worst?.recovery, -1);
  assert.equal(open.longestDuration, 3);
  assert.ok(Number.isNaN(maxDrawdown(new Float64Array())));
});

Deno.test("maxDrawdown equals the minimum of the portfolio drawdown series (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 1, maxLength: 80 }),
      (values) => {
        const r = Float64Array.from(values);
        const equity = new Float64Array(r.length);
        let w = 100;
        r.forEach((x, t) => (equity[t] = w *= 1 + x));
        const series = drawdownSeries(equity, 100);
        const dd = maxDrawdown(r);
        const periods = drawdownPeriods(r);
        return dd <= 0 && Math.abs(dd - Math.min(0, ...series)) <= 1e-12 &&
          periods.every((p) => p.depth < 0 && p.duration >= 1 && p.trough > p.peak);
      },
    ),
  );
});
