/**
 * Factor analysis: rank and Pearson IC plus quantile returns of 20-day momentum against 1- and
 * 5-day forward returns over BENCH_SYMBOLS x BENCH_DAYS (defaults 500 x 5,000) seeded synthetic
 * closes, in lib/analysis and in alphalens-reloaded (bench/alphalens_bench.py), same data, same
 * run. The panel is written once to Parquet; each side reads it before its clock starts.
 *
 * Compared: (1) on prepared factor data (alphalens' factor_data; ours from factorData, both
 * outside the clock): informationCoefficient + quantileReturns(quantileColumn "quantile") against
 * factor_information_coefficient + mean_return_by_quantile(demeaned=False); (2) the whole path
 * from closes and factor: forwardReturns + factorData + (1) against
 * get_clean_factor_and_forward_returns + the same alphalens calls. A third row times
 * informationCoefficient + quantileReturns straight from the factor and label frames (their own
 * join and qcut), the way notebooks call them.
 * @module
 */
import { join } from "node:path";
import { cpuUsage } from "node:process";
import pl from "nodejs-polars";
import { factorData } from "@lib/analysis/factor_data.ts";
import { informationCoefficient } from "@lib/analysis/ic.ts";
import { quantileReturns } from "@lib/analysis/quantiles.ts";
import { forwardReturns } from "@lib/labels/forward_returns.ts";
import { projectPath } from "@lib/paths.ts";
import type { Bench, BenchRow } from "./bench.ts";
import { generateOhlcv } from "./ohlcv.ts";

const SYMBOLS = Number(Deno.env.get("BENCH_SYMBOLS") ?? 500);
const DAYS = Number(Deno.env.get("BENCH_DAYS") ?? 5000);
const REPEATS = Number(Deno.env.get("BENCH_REPEATS") ?? 3);
const HORIZONS = [1, 5];

interface PythonResult {
  clean_seconds: number;
  clean_cpu: number;
  analysis_seconds: number;
  analysis_cpu: number;
  rows: number;
  ic_mean: number[];
  quantile_mean: number[][];
  alphalens: string;
  pandas: string;
}

interface Timing {
  seconds: number;
  cpu: number;
}

function time<T>(fn: () => T): { result: T; timing: Timing } {
  let seconds = Infinity;
  let cpu = Infinity;
  let result: T | undefined;
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    const before = cpuUsage();
    result = fn();
    const used = cpuUsage(before);
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
    cpu = Math.min(cpu, (used.user + used.system) / 1e6);
  }
  return { result: result!, timing: { seconds, cpu } };
}

/** IC and quantile returns straight from factor and label frames (join and qcut included). */
function fromFrames(factors: pl.DataFrame, labels: pl.DataFrame) {
  const options = { factors: ["factor"], horizons: HORIZONS, requireAllHorizons: true };
  const ic = informationCoefficient(factors, labels, { ...options, minAssets: 2 });
  const q = quantileReturns(factors, labels, { ...options, quantiles: 5 });
  return { ic, q };
}

/** IC and quantile returns of prepared factor data (factorData's frame, buckets included). */
function fromFactorData(data: pl.DataFrame) {
  const options = { factors: ["factor"], horizons: HORIZONS };
  const ic = informationCoefficient(data, data, { ...options, minAssets: 2 });
  const q = quantileReturns(data, data, { ...options, quantiles: 5, quantileColumn: "quantile" });
  return { ic, q };
}

function prepare(factors: pl.DataFrame, labels: pl.DataFrame) {
  return factorData(factors, labels, { factor: "factor", horizons: HORIZONS, quantiles: 5 }).data;
}

/** The factor analysis benchmark. */
export const alphalensBench: Bench = {
  name: "alphalens",
  async run(): Promise<BenchRow[]> {
    const dir = await Deno.makeTempDir({ prefix: "bench-alphalens-" });
    const panelPath = join(dir, "panel.parquet");
    const panel = generateOhlcv({ symbols: SYMBOLS, days: DAYS, seed: 42 })
      .select("symbol", "date", "close")
      .sort(["symbol", "date"]);
    const factors = panel.select(
      "symbol",
      "date",
      pl.col("close").div(pl.col("close").shift(20)).sub(1).over("symbol").alias("factor"),
    );
    panel.join(factors, { on: ["symbol", "date"] }).writeParquet(panelPath);

    const labels = forwardReturns(panel, HORIZONS);
    const data = prepare(factors, labels);
    const analysis = time(() => fromFactorData(data));
    const full = time(() => fromFactorData(prepare(factors, forwardReturns(panel, HORIZONS))));
    const frames = time(() => fromFrames(factors, labels));

    const out = join(dir, "out.json");
    const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
      args: [projectPath("bench", "alphalens_bench.py"), panelPath, out, String(REPEATS)],
      stderr: "piped",
    }).output();
    if (run.code !== 0) throw new Error(new TextDecoder().decode(run.stderr));
    const py: PythonResult = JSON.parse(await Deno.readTextFile(out));
    await Deno.remove(dir, { recursive: true });

    const { ic, q } = analysis.result;
    const ourIc = HORIZONS.map((h) =>
      ic.daily.filter(pl.col("horizon").eq(pl.lit(h))).getColumn("spearman").mean()
    );
    const ourQ = HORIZONS.map((h) =>
      q.table.filter(pl.col("horizon").eq(pl.lit(h))).sort("quantile").getColumn("mean_return")
        .toArray() as number[]
    );
    const diff = Math.max(
      ...ourIc.map((v, i) => Math.abs(v - py.ic_mean[i])),
      ...ourQ.flatMap((row, i) => row.map((v, k) => Math.abs(v - py.quantile_mean[i][k]))),
    );
    const rows = q.daily.height > 0
      ? Number(q.table.getColumn("n_obs").sum()) / HORIZONS.length
      : 0;
    const benchmark = `IC + quantile returns (h 1, 5; ${SYMBOLS} x ${DAYS})`;
    const pyFull = {
      seconds: py.clean_seconds + py.analysis_seconds,
      cpu: py.clean_cpu + py.analysis_cpu,
    };
    const ratio = (a: Timing, b: Timing) =>
      `${(b.seconds / a.seconds).toFixed(1)}x faster wall, ${(b.cpu / a.cpu).toFixed(1)}x CPU`;
    return [
      {
        benchmark,
        implementation: "lib/analysis on factorData (informationCoefficient + quantileReturns)",
        seconds: analysis.timing.seconds,
        cpuSeconds: analysis.timing.cpu,
        rows,
        note: `vs alphalens on its factor_data: ${
          ratio(analysis.timing, {
            seconds: py.analysis_seconds,
            cpu: py.analysis_cpu,
          })
        } (target >= 10x)`,
      },
      {
        benchmark,
        implementation: "lib/analysis forwardReturns + factorData + the above",
        seconds: full.timing.seconds,
        cpuSeconds: full.timing.cpu,
        rows,
        note: `vs alphalens get_clean_factor_and_forward_returns + the above: ${
          ratio(full.timing, pyFull)
        }`,
      },
      {
        benchmark,
        implementation: "lib/analysis from factor + label frames (own join and qcut)",
        seconds: frames.timing.seconds,
        cpuSeconds: frames.timing.cpu,
        rows,
        note: `vs alphalens on its factor_data: ${
          ratio(frames.timing, {
            seconds: py.analysis_seconds,
            cpu: py.analysis_cpu,
          })
        }`,
      },
      {
        benchmark,
        implementation:
          `alphalens-reloaded ${py.alphalens} factor_information_coefficient + mean_return_by_quantile`,
        seconds: py.analysis_seconds,
        cpuSeconds: py.analysis_cpu,
        rows: py.rows,
        note: `pandas ${py.pandas}; max |diff| of mean IC and quantile means vs lib/analysis ${
          diff.toExponential(1)
        }`,
      },
      {
        benchmark,
        implementation: `alphalens-reloaded ${py.alphalens} get_clean_factor_and_forward_returns`,
        seconds: py.clean_seconds,
        cpuSeconds: py.clean_cpu,
        rows: py.rows,
        note: "forward returns + qcut binning only",
      },
    ];
  },
};

if (import.meta.main) {
  const { formatTable } = await import("./run.ts");
  console.log(formatTable(await alphalensBench.run()));
}
