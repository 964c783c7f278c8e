import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  buildFeatures,
  builtinRegistry,
  catalogSpec,
  catalogWindows,
  type FeatureRequest,
} from "@lib/features/mod.ts";
import { CATALOG } from "@lib/features/catalog.ts";

/** One symbol's closes as a panel with consecutive integer dates. */
function series(close: number[], symbol = "A"): pl.DataFrame {
  return pl.DataFrame({
    symbol: close.map(() => symbol),
    date: close.map((_, i) => i),
    close,
  });
}

function column(close: number[], request: FeatureRequest): (number | null)[] {
  const name = builtinRegistry().resolve(request).name;
  return buildFeatures(series(close), [request]).getColumn(name).toArray() as (number | null)[];
}

function assertClose(actual: (number | null)[], expected: (number | null)[], tol = 1e-9) {
  assert.equal(actual.length, expected.length, `${actual} vs ${expected}`);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (e === null) assert.equal(a, null, `row ${i}: ${a} should be null`);
    else {
      assert.notEqual(a, null, `row ${i} should be ${e}`);
      assert.ok(Math.abs((a as number) - e) <= tol, `row ${i}: ${a} vs ${e}`);
    }
  });
}

/** Wilder's RSI from its definition (TA-Lib convention: 0 when nothing moved). */
function referenceRsi(close: number[], n: number): (number | null)[] {
  const out: (number | null)[] = close.map(() => null);
  if (close.length <= n) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= n; i++) {
    const d = close[i] - close[i - 1];
    gain += Math.max(d, 0) / n;
    loss += Math.max(-d, 0) / n;
  }
  const score = () => (gain + loss === 0 ? 0 : (100 * gain) / (gain + loss));
  out[n] = score();
  for (let i = n + 1; i < close.length; i++) {
    const d = close[i] - close[i - 1];
    gain = (gain * (n - 1) + Math.max(d, 0)) / n;
    loss = (loss * (n - 1) + Math.max(-d, 0)) / n;
    out[i] = score();
  }
  return out;
}

/** EMA seeded with the SMA of the first n values (TA-Lib). */
function referenceEma(close: number[], n: number): (number | null)[] {
  const out: (number | null)[] = close.map(() => null);
  if (close.length < n) return out;
  let m = close.slice(0, n).reduce((a, b) => a + b, 0) / n;
  out[n - 1] = m;
  const alpha = 2 / (n + 1);
  for (let i = n; i < close.length; i++) out[i] = m = alpha * close[i] + (1 - alpha) * m;
  return out;
}

// A deterministic wiggly series (no randomness needed for a reference comparison).
const LONG = Array.from({ length: 60 }, (_, i) => 100 + 10 * Math.sin(i / 3) + (i % 7) - 3);

Deno.test("ret(horizon 2) is close_t / close_{t-2} - 1, null for the first 2 rows", () => {
  assertClose(column([100, 110, 121, 99], { kind: "ret", params: { horizon: 2 } }), [
    null,
    null,
    0.21,
    0.9 - 1,
  ]);
});

Deno.test("logret(horizon 1) is ln(close_t / close_{t-1})", () => {
  assertClose(column([1, Math.E, 1], { kind: "logret", params: { horizon: 1 } }), [null, 1, -1]);
});

Deno.test("sma(window 3) is null for the first 2 rows, then the trailing mean", () => {
  assertClose(column([1, 2, 3, 4, 8], { kind: "sma", params: { window: 3 } }), [
    null,
    null,
    2,
    3,
    5,
  ]);
});

Deno.test("ema(window 3) starts at the SMA of 3 values then recurses with alpha 0.5", () => {
  // seed (1+2+3)/3 = 2; then 0.5*2 + 0.5*2 = 2; then 0.5*3 + 0.5*2 = 2.5
  assertClose(column([1, 2, 3, 2, 3], { kind: "ema", params: { window: 3 } }), [
    null,
    null,
    2,
    2,
    2.5,
  ]);
});

Deno.test("ema(window 10) matches the SMA-seeded recursion on 60 rows", () => {
  assertClose(column(LONG, { kind: "ema", params: { window: 10 } }), referenceEma(LONG, 10));
});

Deno.test("rsi(window 2) on 1,2,3,2,3 is null, null, 100, 50, 75 (Wilder by hand)", () => {
  // gains 1,1,0,1 losses 0,0,1,0; seed 1/0 -> 100; (1+0)/2=.5 vs (0+1)/2=.5 -> 50;
  // (.5+1)/2=.75 vs (.5+0)/2=.25 -> 75
  assertClose(column([1, 2, 3, 2, 3], { kind: "rsi", params: { window: 2 } }), [
    null,
    null,
    100,
    50,
    75,
  ]);
});

Deno.test("rsi(window 14) is null for the first 14 rows and matches Wilder's definition", () => {
  const got = column(LONG, { kind: "rsi", params: { window: 14 } });
  assert.ok(got.slice(0, 14).every((v) => v === null));
  assertClose(got, referenceRsi(LONG, 14), 1e-9);
});

Deno.test("rsi is 0 on a flat series and 100 on a rising one", () => {
  assertClose(column([5, 5, 5, 5], { kind: "rsi", params: { window: 2 } }), [null, null, 0, 0]);
  assertClose(column([1, 2, 3, 4], { kind: "rsi", params: { window: 2 } }), [
    null,
    null,
    100,
    100,
  ]);
});

Deno.test("vol(window 3) is the sample std of the last 3 daily log returns", () => {
  const e = Math.E;
  // log returns: null, 1, -1, 1, 1 -> windows (1,-1,1): sqrt(4/3); (-1,1,1): sqrt(4/3)
  assertClose(column([1, e, 1, e, e * e], { kind: "vol", params: { window: 3 } }), [
    null,
    null,
    null,
    Math.sqrt(4 / 3),
    Math.sqrt(4 / 3),
  ]);
});

Deno.test("every family's leading nulls equal its declared warm-up", () => {
  const spec = catalogSpec({
    returnHorizons: [1, 5],
    logReturnHorizons: [3],
    smaWindows: [4],
    emaWindows: [6],
    rsiWindows: [7],
    volatilityWindows: [5],
  });
  const registry = builtinRegistry();
  const frame = buildFeatures(series(LONG), spec);
  for (const request of spec) {
    const f = registry.resolve(request);
    const values = frame.getColumn(f.name).toArray();
    const firstValue = values.findIndex((v) => v !== null);
    assert.equal(firstValue, f.warmup, f.name);
    assert.ok(values.slice(f.warmup).every((v) => v !== null), `${f.name} has a gap`);
  }
});

Deno.test("catalogSpec lists features family by family", () => {
  assert.deepEqual(
    catalogSpec({ returnHorizons: [1, 5], rsiWindows: [14] }),
    [
      { kind: "ret", params: { horizon: 1 } },
      { kind: "ret", params: { horizon: 5 } },
      { kind: "rsi", params: { window: 14 } },
    ],
  );
});

Deno.test("the catalog table gives the registry's kinds, the windows' fields and the spec's order", () => {
  assert.deepEqual(
    builtinRegistry().kinds(),
    Object.values(CATALOG).flatMap((entry) => entry.families.map((f) => f.kind)),
  );
  assert.deepEqual(Object.keys(catalogWindows.shape), Object.keys(CATALOG));
  assert.deepEqual(catalogWindows.parse({}).smaWindows, [20, 50, 200]);
  assert.deepEqual(
    catalogSpec({ adxWindows: [14, 20], obv: true, bollinger: [{ window: 10, k: 1 }] })
      .map((r) => builtinRegistry().resolve(r).name),
    [
      ...["plus_di_14", "minus_di_14", "adx_14", "plus_di_20", "minus_di_20", "adx_20"],
      ...["bb_upper_10_1", "bb_lower_10_1", "bb_width_10_1", "bb_pctb_10_1", "obv"],
    ],
  );
  assert.deepEqual(catalogSpec({ obv: false, smaWindows: [] }), []);
});
