/**
 * No look-ahead: no feature value at or before t changes when data after t changes, for every
 * family of the registry; and the labels are the only columns that read the future.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import pl from "nodejs-polars";
import {
  buildFeatures,
  builtinRegistry,
  catalogSpec,
  type FeatureRequest,
} from "@lib/features/mod.ts";
import { buildLabels } from "@lib/labels/build.ts";
import { projectPath } from "@lib/paths.ts";
import { stepParams } from "@pipelines/params.ts";

const registry = builtinRegistry();

/** Every registered family with small windows, so 20-60 random bars leave values after warm-up. */
const SMALL: FeatureRequest[] = catalogSpec({
  returnHorizons: [1, 3],
  logReturnHorizons: [2],
  smaWindows: [3],
  emaWindows: [4],
  rsiWindows: [3],
  volatilityWindows: [3],
  smaCrosses: [{ fast: 2, slow: 4 }],
  adxWindows: [3],
  macd: [{ fast: 3, slow: 5, signal: 2 }],
  stochastic: [{ fastK: 3, slowK: 2, slowD: 2 }],
  rocWindows: [2],
  momentumWindows: [2],
  cmoWindows: [3],
  atrWindows: [3],
  bollinger: [{ window: 4, k: 1.5 }],
  parkinsonWindows: [3],
  garmanKlassWindows: [3],
  obv: true,
  vwapWindows: [3],
  volumeSpikeWindows: [3],
  amihudWindows: [3],
  momentWindows: [5],
  rsiOverbought: [{ window: 3, level: 60 }],
  rsiOversold: [{ window: 3, level: 40 }],
  bollingerBreakouts: [{ window: 4, k: 1 }],
  trendStrength: [{ window: 3, level: 20 }],
});

Deno.test("the look-ahead specs cover every registered family", () => {
  const defaults = catalogSpec(stepParams.features.parse({}));
  for (const spec of [SMALL, defaults]) {
    assert.deepEqual([...new Set(spec.map((r) => r.kind))].sort(), [...registry.kinds()].sort());
  }
});

const bar = fc.record({
  open: fc.double({ min: 1, max: 200, noNaN: true }),
  high: fc.double({ min: 0, max: 5, noNaN: true }),
  low: fc.double({ min: 0, max: 0.9, noNaN: true }),
  close: fc.double({ min: 1, max: 200, noNaN: true }),
  volume: fc.integer({ min: 0, max: 1_000_000 }),
});
type Bar = { open: number; high: number; low: number; close: number; volume: number };

/** Consistent bars: high >= max(open, close), low <= min(open, close), low > 0. */
function panelOf(symbols: Record<string, Bar[]>): pl.DataFrame {
  const rows = Object.entries(symbols).flatMap(([symbol, bars]) =>
    bars.map((b, date) => {
      const top = Math.max(b.open, b.close);
      const bottom = Math.min(b.open, b.close);
      return {
        symbol,
        date,
        open: b.open,
        close: b.close,
        high: top + b.high,
        low: bottom * (1 - b.low),
        volume: b.volume,
      };
    })
  );
  return pl.DataFrame(rows).select("symbol", "date", "open", "high", "low", "close", "volume");
}

const upTo = (f: pl.DataFrame, t: number) =>
  f.filter(pl.col("symbol").eq(pl.lit("B")).or(pl.col("date").ltEq(t)));

Deno.test("every registered feature: changing any data after t leaves values at or before t unchanged", () => {
  const series = fc.array(bar, { minLength: 2, maxLength: 40 });
  fc.assert(
    fc.property(series, series, series, fc.nat(), (a, b, replacement, cutSeed) => {
      const t = cutSeed % a.length;
      // Every column of every row after t is replaced (and the series may get longer or shorter).
      const changed = [...a.slice(0, t + 1), ...replacement];
      const before = buildFeatures(panelOf({ A: a, B: b }), SMALL);
      const after = buildFeatures(panelOf({ A: changed, B: b }), SMALL);
      return upTo(before, t).frameEqual(upTo(after, t), true);
    }),
    { numRuns: 25, seed: 7 },
  );
});

const sample = pl.readCSV(projectPath("data", "sample", "ohlcv_daily.csv"), { tryParseDates: true })
  .sort(["symbol", "date"]);

Deno.test("the default catalog on the sample truncated at t equals the full build up to t", () => {
  const spec = catalogSpec(stepParams.features.parse({}));
  const full = buildFeatures(sample, spec);
  const dates = sample.getColumn("date").unique().sort().toArray();
  for (const q of [0.3, 0.7]) {
    const t = dates[Math.floor(q * dates.length)];
    const cut = pl.col("date").ltEq(pl.lit(t));
    const truncated = buildFeatures(sample.filter(cut), spec);
    assert.ok(truncated.height > 1000);
    assert.ok(full.filter(cut).frameEqual(truncated, true), `features differ when cut at ${t}`);
  }
});

Deno.test("labels read the future: truncating the panel at t changes labels at or before t", () => {
  // The same check as above, which the features pass, fails for the labels: it can detect a leak.
  const options = {
    horizons: [5],
    thresholds: { weak: 0.005, strong: 0.02 },
    scaling: "none" as const,
  };
  const dates = sample.getColumn("date").unique().sort().toArray();
  const cut = pl.col("date").ltEq(pl.lit(dates[Math.floor(0.5 * dates.length)]));
  const full = buildLabels(sample, options).filter(cut).select("symbol", "date", "fwd_ret_5");
  const truncated = buildLabels(sample.filter(cut), options).select("symbol", "date", "fwd_ret_5");
  assert.equal(full.height, truncated.height);
  assert.ok(!full.frameEqual(truncated, true));
  assert.ok(truncated.getColumn("fwd_ret_5").nullCount() > full.getColumn("fwd_ret_5").nullCount());
});

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

Deno.test("only lib/labels shifts rows backwards (reads later rows)", () => {
  const lib = projectPath("lib");
  const readers = tsFiles(lib)
    .filter((path) => /\.shift\(\s*-/.test(readFileSync(path, "utf8")))
    .map((path) => relative(lib, path));
  assert.ok(readers.length > 0, "the labels should read forward; the scan found nothing");
  assert.deepEqual(readers.filter((path) => !path.startsWith("labels/")), []);
});
