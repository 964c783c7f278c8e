/**
 * Indicators TA-Lib does not define, checked on the real sample against straightforward loops
 * over each symbol's bars written from the stated definitions (two-pass moments, explicit sums).
 * Tolerance: |ours - reference| <= 1e-9 * max(1, |reference|), nulls exactly where the reference
 * has none.
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { buildFeatures, type FeatureRequest } from "@lib/features/mod.ts";
import { projectPath } from "@lib/paths.ts";

type Bars = { open: number[]; high: number[]; low: number[]; close: number[]; volume: number[] };
type Ref = (b: Bars) => (number | null)[];

const panel = pl.readCSV(projectPath("data", "sample", "ohlcv_daily.csv"), { tryParseDates: true })
  .sort(["symbol", "date"]);

/** `f(i)` for rows whose window [i - lookback, i] exists, null before. */
function rows(n: number, lookback: number, f: (i: number) => number | null): (number | null)[] {
  return Array.from({ length: n }, (_, i) => (i < lookback ? null : f(i)));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const ret = (c: number[], i: number) => c[i] / c[i - 1] - 1;
const window = (i: number, n: number, f: (j: number) => number) =>
  Array.from({ length: n }, (_, k) => f(i - n + 1 + k));

function moments(xs: number[]): { m2: number; m3: number; m4: number } {
  const m = mean(xs);
  const c = (p: number) => mean(xs.map((x) => (x - m) ** p));
  return { m2: c(2), m3: c(3), m4: c(4) };
}

const N = 20;
const CASES: [FeatureRequest, string, Ref][] = [
  [{ kind: "vol", params: { window: N } }, "vol_20", ({ close: c }) =>
    rows(c.length, N, (i) => {
      const xs = window(i, N, (j) => Math.log(c[j] / c[j - 1]));
      const m = mean(xs);
      return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (N - 1));
    })],
  [
    { kind: "parkinson", params: { window: N } },
    "parkinson_20",
    ({ high: h, low: l }) =>
      rows(
        h.length,
        N - 1,
        (i) => Math.sqrt(mean(window(i, N, (j) => Math.log(h[j] / l[j]) ** 2)) / (4 * Math.log(2))),
      ),
  ],
  [
    { kind: "gk", params: { window: N } },
    "gk_20",
    ({ open: o, high: h, low: l, close: c }) =>
      rows(
        h.length,
        N - 1,
        (i) =>
          Math.sqrt(mean(window(i, N, (j) =>
            0.5 * Math.log(h[j] / l[j]) ** 2 -
            (2 * Math.log(2) - 1) * Math.log(c[j] / o[j]) ** 2))),
      ),
  ],
  [
    { kind: "amihud", params: { window: N } },
    "amihud_20",
    ({ close: c, volume: v }) =>
      rows(c.length, N, (i) => {
        // A day without volume has no illiquidity value, so its windows are null.
        if (window(i, N, (j) => v[j]).some((x) => x === 0)) return null;
        return mean(window(i, N, (j) => (Math.abs(ret(c, j)) / (c[j] * v[j])) * 1e6));
      }),
  ],
  [
    { kind: "vwap", params: { window: N } },
    "vwap_20",
    ({ high: h, low: l, close: c, volume: v }) =>
      rows(c.length, N - 1, (i) => {
        const pv = window(i, N, (j) => ((h[j] + l[j] + c[j]) / 3) * v[j]).reduce((a, b) => a + b);
        return pv / window(i, N, (j) => v[j]).reduce((a, b) => a + b);
      }),
  ],
  [
    { kind: "volume_spike", params: { window: N } },
    "volume_spike_20",
    ({ volume: v }) => rows(v.length, N, (i) => v[i] / mean(window(i - 1, N, (j) => v[j]))),
  ],
  [
    { kind: "ret_mean", params: { window: N } },
    "ret_mean_20",
    ({ close: c }) => rows(c.length, N, (i) => mean(window(i, N, (j) => ret(c, j)))),
  ],
  [
    { kind: "ret_std", params: { window: N } },
    "ret_std_20",
    ({ close: c }) =>
      rows(c.length, N, (i) => Math.sqrt(moments(window(i, N, (j) => ret(c, j))).m2 * N / (N - 1))),
  ],
  [
    { kind: "ret_skew", params: { window: N } },
    "ret_skew_20",
    ({ close: c }) =>
      rows(c.length, N, (i) => {
        const { m2, m3 } = moments(window(i, N, (j) => ret(c, j)));
        return m3 / m2 ** 1.5;
      }),
  ],
  [
    { kind: "ret_kurt", params: { window: N } },
    "ret_kurt_20",
    ({ close: c }) =>
      rows(c.length, N, (i) => {
        const { m2, m4 } = moments(window(i, N, (j) => ret(c, j)));
        return m4 / m2 ** 2 - 3;
      }),
  ],
  [
    { kind: "sma_cross", params: { fast: 20, slow: 50 } },
    "sma_cross_20_50",
    ({ close: c }) =>
      rows(c.length, 50, (i) => {
        const gap = (k: number) =>
          mean(window(k, 20, (j) => c[j])) - mean(window(k, 50, (j) => c[j]));
        const [before, now] = [gap(i - 1), gap(i)];
        return before <= 0 && now > 0 ? 1 : before >= 0 && now < 0 ? -1 : 0;
      }),
  ],
];

function bars(symbol: string): Bars {
  const g = panel.filter(pl.col("symbol").eq(pl.lit(symbol)));
  const get = (c: string) => g.getColumn(c).toArray() as number[];
  return {
    open: get("open"),
    high: get("high"),
    low: get("low"),
    close: get("close"),
    volume: get("volume"),
  };
}

const features = buildFeatures(panel, CASES.map(([request]) => request));
const symbols = panel.getColumn("symbol").unique().sort().toArray() as string[];

for (const [, name, reference] of CASES) {
  Deno.test(`${name} matches its definition on every sample symbol to 1e-9, nulls included`, () => {
    let compared = 0;
    for (const symbol of symbols) {
      const ours = features.filter(pl.col("symbol").eq(pl.lit(symbol))).getColumn(name)
        .toArray() as (number | null)[];
      const expected = reference(bars(symbol));
      assert.equal(ours.length, expected.length);
      expected.forEach((e, i) => {
        const a = ours[i];
        if (e === null) return assert.equal(a, null, `${symbol} row ${i} should be null`);
        assert.notEqual(a, null, `${symbol} row ${i}: null, expected ${e}`);
        const err = Math.abs((a as number) - e) / Math.max(1, Math.abs(e));
        assert.ok(err <= 1e-9, `${symbol} row ${i}: ${a} vs ${e}`);
        compared++;
      });
    }
    assert.ok(compared > panel.height / 2, `only ${compared} values compared`);
  });
}
