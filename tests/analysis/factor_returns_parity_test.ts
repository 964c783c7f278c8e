/**
 * Parity of `factorReturns` with alphalens-reloaded 0.5.1 `performance.factor_returns(demeaned=
 * True)` and `cumulative_returns` on its "1D" column (tests/analysis/
 * alphalens_factor_returns_reference.py, run through the project venv, as the other alphalens
 * parity tests): the factor data are ours (`factorData` at horizon 1) and alphalens' own (built
 * from the same closes), on a seeded panel with ties and missing factor values and on the
 * bundled real sample (20-day momentum). Checked to an absolute 1e-12, date by date.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { factorData } from "@lib/analysis/factor_data.ts";
import { factorReturns } from "@lib/analysis/factor_returns.ts";
import { forwardReturns } from "@lib/labels/forward_returns.ts";
import { projectPath } from "@lib/paths.ts";
import { generateOhlcv } from "../../bench/ohlcv.ts";

const QUANTILES = 5;

async function alphalens(panel: pl.DataFrame): Promise<pl.DataFrame> {
  const dir = await Deno.makeTempDir({ prefix: "alphalens-factor-returns-" });
  const input = join(dir, "panel.parquet");
  const output = join(dir, "factor_returns.parquet");
  panel.select("symbol", "date", "close", "factor").writeParquet(input);
  const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
    args: [
      projectPath("tests", "analysis", "alphalens_factor_returns_reference.py"),
      input,
      output,
      String(QUANTILES),
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
  const out = pl.readParquet(output).withColumns(pl.col("date").cast(pl.Date));
  await Deno.remove(dir, { recursive: true });
  return out;
}

async function checkParity(factors: pl.DataFrame, panel: pl.DataFrame, name: string) {
  const theirs = await alphalens(panel.join(factors, { on: ["symbol", "date"], how: "left" }));
  const labels = forwardReturns(panel, [1]);
  const fd = factorData(factors, labels, { factor: "factor", horizons: [1], quantiles: QUANTILES });
  const ours = factorReturns(fd.data);
  assert.equal(
    ours.height,
    theirs.height,
    `${name}: ${ours.height} dates, alphalens ${theirs.height}`,
  );
  const joined = ours.join(theirs, { on: "date", how: "inner", suffix: "_ref" });
  assert.equal(joined.height, theirs.height, `${name}: dates differ from alphalens'`);
  let worst = 0;
  for (const c of ["factor_return", "cumulative"]) {
    const a = joined.getColumn(c).toArray() as number[];
    const b = joined.getColumn(`${c}_ref`).toArray() as number[];
    a.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - b[i]))));
  }
  assert.ok(worst <= 1e-12, `${name}: max |ours - alphalens| ${worst}`);
  return ours;
}

const momentum = pl.col("close").div(pl.col("close").shift(20)).sub(1).over("symbol");

Deno.test("factorReturns matches alphalens factor_returns and cumulative_returns on a seeded panel", async () => {
  const panel = generateOhlcv({ symbols: 30, days: 250, seed: 11 }).select(
    "symbol",
    "date",
    "close",
  );
  const symbolIndex = pl.col("symbol").str.slice(1).cast(pl.Int32);
  const dayIndex = pl.col("date").cast(pl.Int32).sub(pl.col("date").cast(pl.Int32).min());
  const factors = panel.sort(["symbol", "date"]).select(
    "symbol",
    "date",
    pl.when(dayIndex.mul(7).add(symbolIndex).modulo(41).eq(0)).then(pl.lit(null))
      .otherwise(momentum.round(2))
      .cast(pl.Float64)
      .alias("factor"),
  );
  const ours = await checkParity(factors, panel, "seeded");
  assert.ok(ours.height > 200, `${ours.height} dates`);
});

Deno.test("factorReturns matches alphalens on the real sample (20-day momentum)", async () => {
  const sample = pl.readCSV(projectPath("data", "sample", "ohlcv_daily.csv"), {
    tryParseDates: true,
  });
  const sessions = pl.readCSV(projectPath("data", "sample", "benchmark_daily.csv"), {
    tryParseDates: true,
  }).select("date");
  const panel = sample.join(sessions, { on: "date", how: "semi" })
    .select("symbol", pl.col("date").cast(pl.Date), "close");
  const factors = panel.sort(["symbol", "date"]).select("symbol", "date", momentum.alias("factor"));
  const ours = await checkParity(factors, panel, "real sample");
  assert.equal(ours.height, 2148 - 20 - 1);
});
