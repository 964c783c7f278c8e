/**
 * Parity with alphalens-reloaded 0.5.1 (tests/analysis/alphalens_reference.py, run through the
 * project venv) on a seeded panel (50 symbols x 300 days, with ties, missing factor values and
 * dates whose quantile edges coincide) and on the bundled real sample (20-day momentum vs 1- and
 * 5-day forward returns). alphalens builds its forward returns and quantiles from the same
 * closes; we build ours with forwardReturns and factorData. Checked, each to an absolute 1e-9:
 * the clean factor data (same rows, same quantile on every row, same forward returns), per-date
 * rank IC (factor_information_coefficient) and its t-test, skew and kurtosis, mean return by
 * quantile and its standard error (mean_return_by_quantile, demeaned=False), per-date bucket
 * means, quantile turnover of the lowest and highest quantile, and factor rank autocorrelation,
 * at periods 1 and 5.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { factorData } from "@lib/analysis/factor_data.ts";
import { informationCoefficient } from "@lib/analysis/ic.ts";
import { quantileReturns } from "@lib/analysis/quantiles.ts";
import { icSummary } from "@lib/analysis/summary.ts";
import { factorRankAutocorrelation, quantileTurnover } from "@lib/analysis/turnover.ts";
import { forwardReturns } from "@lib/labels/forward_returns.ts";
import { projectPath } from "@lib/paths.ts";
import { generateOhlcv } from "../../bench/ohlcv.ts";

const TOLERANCE = 1e-9;
const HORIZONS = [1, 5];
const QUANTILES = 5;

type Reference = Record<
  | "factor_data"
  | "ic"
  | "ic_stats"
  | "mean_return"
  | "mean_return_by_date"
  | "turnover"
  | "autocorrelation",
  pl.DataFrame
>;

async function alphalens(panel: pl.DataFrame): Promise<Reference> {
  const dir = await Deno.makeTempDir({ prefix: "alphalens-ref-" });
  const input = join(dir, "panel.parquet");
  panel.select("symbol", "date", "close", "factor").writeParquet(input);
  const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
    args: [
      projectPath("tests", "analysis", "alphalens_reference.py"),
      input,
      dir,
      HORIZONS.join(","),
      String(QUANTILES),
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
  const names = [
    "factor_data",
    "ic",
    "ic_stats",
    "mean_return",
    "mean_return_by_date",
    "turnover",
    "autocorrelation",
  ] as const;
  const out = {} as Reference;
  for (const n of names) {
    let frame = pl.readParquet(join(dir, `${n}.parquet`));
    if (frame.columns.includes("date")) frame = frame.withColumns(pl.col("date").cast(pl.Date));
    out[n] = frame;
  }
  await Deno.remove(dir, { recursive: true });
  return out;
}

/** Largest |a - b| over a join of ours and theirs on `keys`; asserts the key sets are equal. */
function maxDiff(
  ours: pl.DataFrame,
  theirs: pl.DataFrame,
  keys: string[],
  pairs: [string, string][],
  what: string,
): number {
  assert.equal(
    ours.height,
    theirs.height,
    `${what}: ${ours.height} rows, alphalens ${theirs.height}`,
  );
  const joined = ours.join(theirs, { on: keys, how: "inner", suffix: "_ref" });
  assert.equal(joined.height, theirs.height, `${what}: keys differ from alphalens'`);
  let worst = 0;
  for (const [a, b] of pairs) {
    const bName = a === b ? `${b}_ref` : b;
    const x = joined.getColumn(a).toArray() as (number | null)[];
    const y = joined.getColumn(bName).toArray() as (number | null)[];
    x.forEach((v, i) => {
      const w = y[i];
      const vMissing = v === null || Number.isNaN(v);
      const wMissing = w === null || Number.isNaN(w);
      assert.equal(
        vMissing,
        wMissing,
        `${what}: ${a} missing ${vMissing}, alphalens ${wMissing} at row ${i}`,
      );
      if (!vMissing) worst = Math.max(worst, Math.abs((v as number) - (w as number)));
    });
  }
  return worst;
}

async function checkParity(
  factors: pl.DataFrame,
  labels: pl.DataFrame,
  panel: pl.DataFrame,
  name: string,
) {
  const ref = await alphalens(panel.join(factors, { on: ["symbol", "date"], how: "left" }));
  const fd = factorData(factors, labels, {
    factor: "factor",
    horizons: HORIZONS,
    quantiles: QUANTILES,
  });
  const report: Record<string, number> = {};

  const ourData = fd.data.rename({ fwd_ret_1: "fwd_1", fwd_ret_5: "fwd_5" })
    .withColumns(pl.col("quantile").cast(pl.Int64));
  report.factor_data = maxDiff(
    ourData,
    ref.factor_data.withColumns(pl.col("quantile").cast(pl.Int64)),
    ["date", "symbol", "quantile"],
    [["factor", "factor"], ["fwd_1", "fwd_1"], ["fwd_5", "fwd_5"]],
    `${name} factor data`,
  );

  const ic = informationCoefficient(fd.data, fd.data, {
    factors: ["factor"],
    horizons: HORIZONS,
    minAssets: 2,
  });
  report.ic = maxDiff(
    ic.daily.select("date", pl.col("horizon").cast(pl.Int64).alias("period"), "spearman"),
    ref.ic,
    ["date", "period"],
    [["spearman", "ic"]],
    `${name} rank IC`,
  );
  const summary = icSummary(ic.daily).filter(pl.col("method").eq(pl.lit("spearman")))
    .select(
      pl.col("horizon").cast(pl.Int64).alias("period"),
      "t_stat",
      "p_value",
      "skew",
      "kurtosis",
    );
  report.ic_stats = maxDiff(summary, ref.ic_stats, ["period"], [
    ["t_stat", "t_stat"],
    ["p_value", "p_value"],
    ["skew", "skew"],
    ["kurtosis", "kurtosis"],
  ], `${name} IC t-test`);

  const q = quantileReturns(fd.data, fd.data, {
    factors: ["factor"],
    horizons: HORIZONS,
    quantiles: QUANTILES,
  });
  report.mean_return = maxDiff(
    q.table.select(
      pl.col("quantile").cast(pl.Int64),
      pl.col("horizon").cast(pl.Int64).alias("period"),
      "mean_return",
      "std_err",
    ),
    ref.mean_return,
    ["quantile", "period"],
    [["mean_return", "mean"], ["std_err", "std_err"]],
    `${name} mean return by quantile`,
  );
  report.mean_return_by_date = maxDiff(
    q.daily.select(
      "date",
      pl.col("quantile").cast(pl.Int64),
      pl.col("horizon").cast(pl.Int64).alias("period"),
      "mean_return",
    ),
    ref.mean_return_by_date,
    ["date", "quantile", "period"],
    [["mean_return", "mean"]],
    `${name} mean return by date`,
  );

  const turnovers: pl.DataFrame[] = [];
  const autocorrelations: pl.DataFrame[] = [];
  for (const period of HORIZONS) {
    turnovers.push(
      quantileTurnover(fd.data, { quantiles: [1, QUANTILES], period, dates: fd.dates })
        .withColumns(pl.lit(period).cast(pl.Int64).alias("period")),
    );
    autocorrelations.push(
      factorRankAutocorrelation(fd.data, { period, dates: fd.dates })
        .withColumns(pl.lit(period).cast(pl.Int64).alias("period")),
    );
  }
  // alphalens' series run from the first to the last date with values; ours over every date
  const onTheirDates = (ours: pl.DataFrame, theirs: pl.DataFrame, keys: string[]) =>
    ours.join(theirs.select(...keys), { on: keys, how: "semi" });
  const turnoverRef = ref.turnover.withColumns(pl.col("quantile").cast(pl.Int64));
  const turnover = pl.concat(turnovers).withColumns(pl.col("quantile").cast(pl.Int64));
  report.turnover = maxDiff(
    onTheirDates(turnover, turnoverRef, ["date", "quantile", "period"]),
    turnoverRef,
    ["date", "quantile", "period"],
    [["turnover", "turnover"]],
    `${name} quantile turnover`,
  );
  const autoRef = ref.autocorrelation;
  report.autocorrelation = maxDiff(
    onTheirDates(pl.concat(autocorrelations), autoRef, ["date", "period"]),
    autoRef,
    ["date", "period"],
    [["autocorrelation", "autocorrelation"]],
    `${name} rank autocorrelation`,
  );
  if (Deno.env.get("PARITY_REPORT") === "1") console.table({ ...report, rows: fd.data.height });
  for (const [what, diff] of Object.entries(report)) {
    assert.ok(diff <= TOLERANCE, `${name} ${what}: max |ours - alphalens| ${diff}`);
  }
  return fd;
}

const momentum = pl.col("close").div(pl.col("close").shift(20)).sub(1).over("symbol");

Deno.test("factorData, IC, quantile returns, turnover and rank autocorrelation match alphalens 1e-9 on a seeded panel with ties and gaps", async () => {
  const panel = generateOhlcv({ symbols: 50, days: 300, seed: 7 }).select(
    "symbol",
    "date",
    "close",
  );
  const symbolIndex = pl.col("symbol").str.slice(1).cast(pl.Int32);
  const dayIndex = pl.col("date").cast(pl.Int32).sub(pl.col("date").cast(pl.Int32).min());
  const factors = panel.sort(["symbol", "date"]).select(
    "symbol",
    "date",
    pl.when(dayIndex.modulo(37).eq(0).and(symbolIndex.lt(35))).then(pl.lit(0))
      // every 53rd (symbol, day) has no factor value
      .when(dayIndex.mul(7).add(symbolIndex).modulo(53).eq(0)).then(pl.lit(null))
      .otherwise(momentum.round(2)) // rounding makes ties
      .cast(pl.Float64)
      .alias("factor"),
  );
  const labels = forwardReturns(panel, HORIZONS);
  const fd = await checkParity(factors, labels, panel, "seeded");
  const dropped = Object.fromEntries(
    (fd.dropped.toRecords() as { reason: string; rows: number }[]).map((
      r,
    ) => [r.reason, Number(r.rows)]),
  );
  // the panel exercises every loss alphalens has: warm-up and gaps, the last 5 dates, tied dates
  assert.ok(dropped.missing_factor > 50 * 20, `missing_factor ${dropped.missing_factor}`);
  assert.equal(dropped.missing_return, 50 * 5 - countMissingBoth(factors, labels));
  assert.ok(dropped.tied_edges >= 50 * 7, `tied_edges ${dropped.tied_edges}`);
});

/** Rows of the last 5 dates whose factor is also missing (counted as missing_factor). */
function countMissingBoth(factors: pl.DataFrame, labels: pl.DataFrame): number {
  return factors.join(labels, { on: ["symbol", "date"] })
    .filter(pl.col("factor").isNull().and(pl.col("fwd_ret_5").isNull())).height;
}

Deno.test("factorData, IC, quantile returns, turnover and rank autocorrelation match alphalens 1e-9 on the real sample (20-day momentum)", async () => {
  const sample = pl.readCSV(projectPath("data", "sample", "ohlcv_daily.csv"), {
    tryParseDates: true,
  });
  const sessions = pl.readCSV(projectPath("data", "sample", "benchmark_daily.csv"), {
    tryParseDates: true,
  })
    .select("date");
  // DELL's 16 placeholder rows on market holidays are dropped: alphalens would forward-fill every
  // other symbol's price onto those dates and shift their h-day windows.
  const panel = sample.join(sessions, { on: "date", how: "semi" })
    .select("symbol", pl.col("date").cast(pl.Date), "close");
  assert.equal(panel.height, 10 * 2148);
  const factors = panel.sort(["symbol", "date"]).select("symbol", "date", momentum.alias("factor"));
  const labels = forwardReturns(panel, HORIZONS);
  const fd = await checkParity(factors, labels, panel, "real sample");
  assert.equal(fd.data.height, 10 * (2148 - 20 - 5));
});
