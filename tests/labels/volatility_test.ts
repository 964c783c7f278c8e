import assert from "node:assert/strict";
import fc from "fast-check";
import pl from "nodejs-polars";
import {
  actionClassBetween,
  buildLabels,
  checkVolatilityThresholds,
  thresholdSummary,
  trailingVolatilityExpr,
} from "@lib/labels/mod.ts";

// daily returns: -, +1%, -1.98%, +3.03%, 0, +2%, -3.88%
const closes = [100, 101, 99, 102, 102, 104.04, 100];
const panel = pl.DataFrame({
  symbol: closes.map(() => "A"),
  date: closes.map((_, i) => i),
  close: closes,
});
const volOptions = {
  horizons: [1],
  thresholds: { weak: 0.005, strong: 0.02 },
  scaling: "none" as const,
  volatility: { window: 2, weak: 0.25, strong: 1 },
};

Deno.test("trailingVolatilityExpr(2) is the sample std of the last 2 returns, null before", () => {
  const got = panel.select(trailingVolatilityExpr(2).alias("v")).getColumn("v").toArray() as (
    | number
    | null
  )[];
  assert.deepEqual(got.slice(0, 2), [null, null], "row 0 has no return, row 1 only one");
  // std(0.01, -2/101) with ddof 1 = |0.01 + 2/101| / sqrt(2)
  assert.ok(Math.abs((got[2] as number) - Math.abs(0.01 + 2 / 101) / Math.SQRT2) < 1e-12);
});

Deno.test("buildLabels with volatility thresholds: k x sigma_t x sqrt(h), warm-up null not hold", () => {
  const got = buildLabels(panel, volOptions).getColumn("action_1").toArray();
  // sigma_2 = 0.0211, sigma_3 = 0.0354, sigma_4 = 0.0214, sigma_5 = 0.0141
  // row 2: +3.03% >= 0.0211 -> 2; row 3: 0 -> 0; row 4: +2% in [0.0054, 0.0214) -> 1;
  // row 5: -3.88% <= -0.0141 -> -2; rows 0-1 no sigma, row 6 no future -> null
  assert.deepEqual(got, [null, null, 2, 0, 1, -2, null]);
  // the fixed thresholds (0.5%, 2%) label rows 0-1 and make row 4 a strong buy
  const fixed = buildLabels(panel, { ...volOptions, volatility: undefined });
  assert.deepEqual(fixed.getColumn("action_1").toArray(), [1, -1, 2, 0, 2, -2, null]);
});

Deno.test("buildLabels with volatility scales the thresholds by sqrt(h)", () => {
  const got = buildLabels(panel, { ...volOptions, horizons: [4] }).getColumn("action_4").toArray();
  // row 2: 100/99 - 1 = +1.01% < weak 0.25 x 0.0211 x sqrt(4) = 1.05% -> hold (without the
  // sqrt(4) it would be a buy); rows 0-1 have no sigma, rows 3+ no 4-day future
  assert.deepEqual(got, [null, null, 0, null, null, null, null]);
});

Deno.test("actionClassBetween: a null threshold gives a null class", () => {
  const df = pl.DataFrame({
    r: [0.05, 0.05],
    w: pl.Series("w", [0.01, null], pl.Float64),
    s: [0.02, 0.02],
  });
  const got = df.select(actionClassBetween(pl.col("r"), pl.col("w"), pl.col("s")).alias("a"));
  assert.deepEqual(got.getColumn("a").toArray(), [2, null]);
});

Deno.test("checkVolatilityThresholds requires window >= 2 and 0 < weak < strong", () => {
  assert.throws(() => checkVolatilityThresholds({ window: 1, weak: 0.2, strong: 1 }), /window 1/);
  assert.throws(
    () => checkVolatilityThresholds({ window: 5, weak: 1, strong: 1 }),
    /weak < strong/,
  );
});

Deno.test("thresholdSummary: fixed thresholds as given, volatility ones as medians", () => {
  const fixed = thresholdSummary(panel, {
    ...volOptions,
    volatility: undefined,
    scaling: "sqrt",
    horizons: [1, 4],
  });
  assert.deepEqual(fixed.toRecords(), [
    {
      horizon: 1,
      rule: "fixed x sqrt(h)",
      weak: 0.005,
      strong: 0.02,
      weak_p10: 0.005,
      weak_p90: 0.005,
    },
    {
      horizon: 4,
      rule: "fixed x sqrt(h)",
      weak: 0.01,
      strong: 0.04,
      weak_p10: 0.01,
      weak_p90: 0.01,
    },
  ]);
  const vol = thresholdSummary(panel, volOptions).toRecords()[0];
  // sigmas of rows 2..6: 0.02107, 0.03543, 0.02143, 0.01414, 0.04160 -> median 0.02143
  assert.equal(vol.rule, "0.25 / 1 x sigma_2 x sqrt(h)");
  assert.ok(Math.abs(Number(vol.strong) - 0.02142747821777415) < 1e-12);
  assert.ok(Math.abs(Number(vol.weak) - 0.25 * 0.02142747821777415) < 1e-12);
});

Deno.test("volatility-scaled action at t reads rows t-window..t+h only (the past by design)", () => {
  const prices = fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), {
    minLength: 2,
    maxLength: 30,
  });
  fc.assert(
    fc.property(prices, fc.nat(), fc.integer({ min: 1, max: 5 }), (a, seed, h) => {
      const t = seed % a.length;
      const window = 3;
      const changed = a.map((c, i) => (i < t - window || i > t + h ? c * 2 + 1 : c));
      const frame = (xs: number[]) =>
        pl.DataFrame({ symbol: xs.map(() => "A"), date: xs.map((_, i) => i), close: xs });
      const at = (xs: number[]) =>
        buildLabels(frame(xs), {
          ...volOptions,
          horizons: [h],
          volatility: { window, weak: 0.25, strong: 1 },
        })
          .filter(pl.col("date").eq(pl.lit(t)));
      return at(a).frameEqual(at(changed), true);
    }),
    { numRuns: 100, seed: 42 },
  );
});

Deno.test("volatility-scaled action reads the past: a move at t-1 can change the class at t", () => {
  // row 4 is a buy (+2% below strong 0.0214); a calmer row 3 (close 101 -> 102 instead of
  // 99 -> 102) shrinks sigma_4, and the same +2% becomes a strong buy
  const calmer = pl.DataFrame({
    symbol: closes.map(() => "A"),
    date: closes.map((_, i) => i),
    close: [100, 101, 101, 102, 102, 104.04, 100],
  });
  const at4 = (frame: pl.DataFrame) => buildLabels(frame, volOptions).getColumn("action_1").get(4);
  assert.equal(at4(panel), 1);
  assert.equal(at4(calmer), 2);
});
