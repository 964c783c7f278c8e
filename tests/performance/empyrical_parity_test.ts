/**
 * Parity with empyrical-reloaded 0.7.1 (tests/performance/empyrical_reference.py, run from the
 * project venv) on seeded returns and on real daily returns of the bundled sample (IBM against
 * ^GSPC, and ^GSPC against IBM), with a non-zero risk-free rate and monthly annualisation in
 * one case. Every value must satisfy |ours - theirs| <= 1e-9 x max(1, |theirs|); NaN and
 * infinities must agree exactly. The probabilistic and deflated Sharpe ratios are checked
 * against the papers' formulas evaluated with scipy.stats.norm in the same script.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { projectPath } from "@lib/paths.ts";
import {
  alphaBeta,
  annualReturn,
  annualVolatility,
  calmarRatio,
  conditionalValueAtRisk,
  deflatedSharpeRatio,
  downsideRisk,
  excessKurtosis,
  informationRatio,
  maxDrawdown,
  monthlyReturns,
  omegaRatio,
  probabilisticSharpeRatio,
  rollingBeta,
  rollingSharpe,
  sharpeRatio,
  skewness,
  sortinoRatio,
  stability,
  tailRatio,
  totalReturn,
  valueAtRisk,
  yearlyReturns,
} from "@lib/performance/mod.ts";
import { dayNumbers } from "@lib/validation/days.ts";

const TOLERANCE = 1e-9;
const WINDOW = 126;

interface Case {
  name: string;
  returns: number[];
  benchmark: number[];
  dates: number[];
  periods_per_year: number;
  risk_free: number;
  window: number;
  trial_sharpes: number[];
  psr_target: number;
}

type Value = number | string;

/** mulberry32: a small seeded generator, so the seeded case is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function closeReturns(frame: pl.DataFrame, symbol: string): { dates: number[]; returns: number[] } {
  const rows = frame.filter(pl.col("symbol").eq(pl.lit(symbol))).sort("date");
  const close = rows.getColumn("close").toArray() as number[];
  const dates = Array.from(dayNumbers(rows.getColumn("date")));
  return {
    dates: dates.slice(1),
    returns: close.slice(1).map((c, i) => c / close[i] - 1),
  };
}

function sampleCases(): Case[] {
  const read = (file: string) =>
    pl.readCSV(projectPath("data", "sample", file)).withColumns(
      pl.col("date").str.strptime(pl.Date, "%Y-%m-%d"),
    );
  const stocks = read("ohlcv_daily.csv");
  const gspc = closeReturns(read("benchmark_daily.csv"), "^GSPC");
  const ibm = closeReturns(stocks, "IBM");
  assert.deepEqual(ibm.dates, gspc.dates, "IBM and ^GSPC share the sample's sessions");
  const symbols = ["AMD", "COST", "GOOG", "IBM", "INTC", "MMM", "MSFT"];
  const trialSharpes = symbols.map((s) =>
    sharpeRatio(Float64Array.from(closeReturns(stocks, s).returns))
  );

  const normal = gaussian(random(20_240_601));
  const n = 1500;
  const market = Array.from({ length: n }, () => 0.0003 + 0.011 * normal());
  // fat tails and skew: every 40th period a jump, and a beta of 1.3 to the market
  const seeded = market.map((m, i) =>
    0.0002 + 1.3 * m + 0.006 * normal() - (i % 40 === 7 ? 0.03 : 0)
  );
  const seededDates = Array.from({ length: n }, (_, i) => 16_000 + Math.floor((i * 7) / 5));
  const base = { window: WINDOW, trial_sharpes: trialSharpes, psr_target: 0.5 };
  return [
    {
      name: "seeded",
      returns: seeded,
      benchmark: market,
      dates: seededDates,
      periods_per_year: 252,
      risk_free: 0,
      ...base,
    },
    {
      name: "seeded_monthly_rf",
      returns: seeded.slice(0, 240).map((r) => 4 * r),
      benchmark: market.slice(0, 240).map((r) => 4 * r),
      dates: Array.from({ length: 240 }, (_, i) => 16_000 + 30 * i),
      periods_per_year: 12,
      risk_free: 0.002,
      ...base,
      window: 36,
    },
    {
      name: "ibm_vs_gspc",
      returns: ibm.returns,
      benchmark: gspc.returns,
      dates: ibm.dates,
      periods_per_year: 252,
      risk_free: 0,
      ...base,
    },
    {
      name: "gspc_vs_ibm_rf",
      returns: gspc.returns,
      benchmark: ibm.returns,
      dates: gspc.dates,
      periods_per_year: 252,
      risk_free: 0.0001,
      ...base,
    },
  ];
}

async function reference(cases: Case[]): Promise<Record<string, Record<string, Value | Value[]>>> {
  const dir = await Deno.makeTempDir({ prefix: "empyrical-ref-" });
  try {
    const input = join(dir, "cases.json");
    const output = join(dir, "reference.json");
    await Deno.writeTextFile(input, JSON.stringify(cases));
    const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
      args: [projectPath("tests", "performance", "empyrical_reference.py"), input, output],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
    return JSON.parse(await Deno.readTextFile(output));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const asNumber = (v: Value) => (typeof v === "string" ? Number(v) : v);

function assertClose(ours: number, theirs: Value, what: string): void {
  const t = asNumber(theirs);
  if (!Number.isFinite(t) || !Number.isFinite(ours)) {
    assert.ok(
      Object.is(ours, t) || (Number.isNaN(ours) && Number.isNaN(t)),
      `${what}: ${ours} vs ${t}`,
    );
    return;
  }
  const scaled = Math.abs(ours - t) / Math.max(1, Math.abs(t));
  assert.ok(scaled <= TOLERANCE, `${what}: ours ${ours}, empyrical ${t} (scaled diff ${scaled})`);
}

const cases = sampleCases();
const ref = await reference(cases);

for (const c of cases) {
  const r = Float64Array.from(c.returns);
  const b = Float64Array.from(c.benchmark);
  const opts = { periodsPerYear: c.periods_per_year, riskFree: c.risk_free };
  const theirs = ref[c.name] as Record<string, Value>;

  Deno.test(`performance statistics of ${c.name} match empyrical 0.7.1 to 1e-9`, () => {
    const ab = alphaBeta(r, b, opts);
    const ours: Record<string, number> = {
      total_return: totalReturn(r),
      annual_return: annualReturn(r, opts),
      annual_volatility: annualVolatility(r, opts),
      sharpe: sharpeRatio(r, opts),
      sortino: sortinoRatio(r, opts),
      downside_risk: downsideRisk(r, opts),
      calmar: calmarRatio(r, opts),
      omega: omegaRatio(r, opts),
      max_drawdown: maxDrawdown(r),
      value_at_risk: valueAtRisk(r),
      conditional_value_at_risk: conditionalValueAtRisk(r),
      tail_ratio: tailRatio(r),
      stability: stability(r),
      skew: skewness(r),
      kurtosis: excessKurtosis(r),
      information_ratio: informationRatio(r, b, opts),
      alpha: ab.alpha,
      beta: ab.beta,
    };
    for (const [key, value] of Object.entries(ours)) assertClose(value, theirs[key], key);
    // the comparison is not vacuous: the real cases have real drawdowns and tails
    assert.ok(ours.max_drawdown < -0.05 && ours.value_at_risk < 0);
  });

  Deno.test(`probabilistic and deflated Sharpe of ${c.name} match the papers' formulas to 1e-9`, () => {
    assertClose(probabilisticSharpeRatio(r, opts), theirs.psr, "psr");
    assertClose(
      probabilisticSharpeRatio(r, { ...opts, benchmarkSharpe: c.psr_target }),
      theirs.psr_target,
      "psr against 0.5",
    );
    const d = deflatedSharpeRatio(r, c.trial_sharpes, opts);
    assertClose(d.threshold, theirs.dsr_threshold, "dsr threshold");
    assertClose(d.dsr, theirs.dsr, "dsr");
    assert.equal(d.trials, c.trial_sharpes.length);
    assert.ok(d.dsr < probabilisticSharpeRatio(r, opts), "deflating lowers the probability");
  });

  Deno.test(`rollingSharpe, rollingBeta and calendar returns of ${c.name} match empyrical`, () => {
    const w = c.window;
    const rs = rollingSharpe(r, w, opts);
    const rb = rollingBeta(r, b, w);
    const theirSharpe = ref[c.name].rolling_sharpe as Value[];
    const theirBeta = ref[c.name].rolling_beta as Value[];
    assert.equal(theirSharpe.length, r.length - w + 1);
    assert.ok(rs.subarray(0, w - 1).every(Number.isNaN), "warm-up is NaN");
    for (let i = 0; i < theirSharpe.length; i++) {
      assertClose(rs[w - 1 + i], theirSharpe[i], `rolling sharpe ${i}`);
      assertClose(rb[w - 1 + i], theirBeta[i], `rolling beta ${i}`);
    }
    const series = { dates: Float64Array.from(c.dates), returns: r };
    const monthly = monthlyReturns(series).map((m) => m.return);
    const theirMonthly = ref[c.name].monthly as Value[];
    assert.equal(monthly.length, theirMonthly.length);
    monthly.forEach((m, i) => assertClose(m, theirMonthly[i], `month ${i}`));
    const yearly = yearlyReturns(series).map((y) => y.return);
    const theirYearly = ref[c.name].yearly as Value[];
    assert.equal(yearly.length, theirYearly.length);
    yearly.forEach((y, i) => assertClose(y, theirYearly[i], `year ${i}`));
  });
}
