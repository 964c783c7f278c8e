/**
 * Parity with TA-Lib on the bundled real sample: tests/features/talib_reference.py runs the real
 * TA-Lib (Python wrapper over its C library, from the project venv) and every checked feature
 * must match it row for row: null exactly where TA-Lib has its NaN warm-up, and otherwise
 * |ours - talib| <= 1e-9 * max(1, |talib|) (absolute below 1, relative above, so price-level
 * and OBV columns are held to 1e-9 of their magnitude).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { buildFeatures, type FeatureRequest } from "@lib/features/mod.ts";
import { projectPath } from "@lib/paths.ts";

const TOLERANCE = 1e-9;
const macd = { fast: 12, slow: 26, signal: 9 };
const bands = { window: 20, k: 2 };
const stoch = { fastK: 14, slowK: 3, slowD: 3 };

const SPEC: FeatureRequest[] = [
  { kind: "sma", params: { window: 20 } },
  { kind: "sma", params: { window: 200 } },
  { kind: "ema", params: { window: 12 } },
  { kind: "ema", params: { window: 26 } },
  { kind: "rsi", params: { window: 14 } },
  { kind: "rsi", params: { window: 2 } },
  { kind: "plus_di", params: { window: 14 } },
  { kind: "minus_di", params: { window: 14 } },
  { kind: "adx", params: { window: 14 } },
  { kind: "adx", params: { window: 5 } },
  { kind: "macd", params: macd },
  { kind: "macd_signal", params: macd },
  { kind: "macd_hist", params: macd },
  { kind: "stoch_k", params: stoch },
  { kind: "stoch_d", params: stoch },
  { kind: "roc", params: { window: 10 } },
  { kind: "mom", params: { window: 10 } },
  { kind: "cmo", params: { window: 14 } },
  { kind: "atr", params: { window: 14 } },
  { kind: "bb_upper", params: bands },
  { kind: "bb_lower", params: bands },
  { kind: "bb_width", params: bands },
  { kind: "bb_pctb", params: bands },
  { kind: "obv", params: {} },
];

async function talibReference(csv: string): Promise<pl.DataFrame> {
  const dir = await Deno.makeTempDir({ prefix: "talib-ref-" });
  const out = join(dir, "reference.parquet");
  const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
    args: [projectPath("tests", "features", "talib_reference.py"), csv, out],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
  const frame = pl.readParquet(out);
  await Deno.remove(dir, { recursive: true });
  return frame;
}

/** Per feature: rows compared, null mismatches, max absolute and max scaled difference. */
function compare(ours: pl.DataFrame, theirs: pl.DataFrame, names: string[]) {
  const joined = ours.join(theirs, { on: ["symbol", "date"], suffix: "_talib" });
  return names.map((name) => {
    const a = pl.col(name);
    const b = pl.col(`${name}_talib`);
    const diff = a.sub(b).abs();
    const stats = joined.select(
      pl.len().alias("rows"),
      a.isNull().neq(b.isNull()).cast(pl.Int32).sum().alias("null_mismatch"),
      b.isNotNull().cast(pl.Int32).sum().alias("values"),
      diff.max().alias("max_abs_diff"),
      diff.div(pl.when(b.abs().gt(1)).then(b.abs()).otherwise(pl.lit(1))).max().alias("max_scaled"),
    ).toRecords()[0];
    return { feature: name, ...stats } as {
      feature: string;
      rows: number;
      null_mismatch: number;
      values: number;
      max_abs_diff: number | null;
      max_scaled: number | null;
    };
  });
}

Deno.test("every TA-Lib indicator of the catalog matches TA-Lib 1e-9 on the real sample, warm-up included", async () => {
  const csv = projectPath("data", "sample", "ohlcv_daily.csv");
  const panel = pl.readCSV(csv, { tryParseDates: true });
  const ours = buildFeatures(panel, SPEC);
  const reference = await talibReference(csv);
  const names = ours.columns.slice(2);
  const results = compare(ours, reference, names);
  if (Deno.env.get("PARITY_REPORT") === "1") console.table(results);
  for (const r of results) {
    assert.equal(r.rows, panel.height, `${r.feature}: joined rows`);
    assert.equal(r.null_mismatch, 0, `${r.feature}: null where TA-Lib is not (or vice versa)`);
    assert.ok(r.values > panel.height / 2, `${r.feature}: TA-Lib produced too few values`);
    assert.ok((r.max_scaled ?? 0) <= TOLERANCE, `${r.feature}: max scaled diff ${r.max_scaled}`);
  }
});
