/**
 * Summary statistics of a per-date IC series (alphalens' information table: mean, std, risk-
 * adjusted IC, t-statistic and p-value of a one-sample t-test, skew, kurtosis), the IC's decay
 * across horizons and its monthly means.
 * @module
 */
import pl from "nodejs-polars";
import { concatRows } from "../frames.ts";
import { studentTTwoSidedP as studentTwoSidedP } from "../stats/distributions.ts";
import { ols } from "./ols.ts";

/** One IC series' summary. */
export interface IcStats {
  /** Mean IC. */
  mean: number;
  /** Sample standard deviation of the IC (n - 1). */
  std: number;
  /** Information ratio of the IC: mean / std (per date, not annualised). */
  icir: number;
  /** `mean / (std / sqrt(n))`; overlapping horizons (h > 1) overstate it. */
  tStat: number;
  /**
   * Two-sided p-value of `tStat` under a Student t with n - 1 degrees of freedom
   * (`scipy.stats.ttest_1samp(ic, 0)`, as alphalens reports).
   */
  pValue: number;
  /** Skewness, biased (`scipy.stats.skew`). */
  skew: number;
  /** Excess kurtosis, biased (`scipy.stats.kurtosis`, Fisher). */
  kurtosis: number;
  /** Share of dates with IC > 0. */
  hitRate: number;
  /** Number of dates. */
  n: number;
}

/**
 * Returns mean, std, ICIR, t-statistic and hit rate of `ic` (NaN std, ICIR and t-stat below 2
 * dates).
 *
 * @example
 * ```ts
 * import { icStats } from "@lib/analysis/summary.ts";
 * const s = icStats([0.1, 0.3]);
 * if (Math.abs(s.mean - 0.2) > 1e-12 || s.hitRate !== 1) throw new Error("wrong");
 * ```
 */
export function icStats(ic: ArrayLike<number>): IcStats {
  const n = ic.length;
  if (n === 0) throw new Error("IC summary needs at least one date");
  let mean = 0;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    mean += ic[i];
    if (ic[i] > 0) hits++;
  }
  mean /= n;
  let ss = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = ic[i] - mean;
    ss += d * d;
    s3 += d * d * d;
    s4 += d * d * d * d;
  }
  const std = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  const tStat = (mean / std) * Math.sqrt(n);
  const m2 = ss / n;
  return {
    mean,
    std,
    icir: mean / std,
    tStat,
    pValue: n > 1 ? studentTwoSidedP(tStat, n - 1) : NaN,
    hitRate: hits / n,
    skew: s3 / n / m2 ** 1.5,
    kurtosis: s4 / n / (m2 * m2) - 3,
    n,
  };
}

/**
 * Returns the t-statistic and two-sided p-value (normal) of the mean of `values` with a
 * Newey-West (Bartlett) standard error over `lags` lags: statsmodels'
 * `OLS(values, ones).fit(cov_type="HAC", cov_kwds={"maxlags": lags})`. The daily IC of an
 * h-day forward return overlaps its neighbours by h - 1 days, so `lags = h - 1` corrects the
 * t-statistic the plain one overstates. NaN with fewer than `lags + 2` values.
 *
 * @example
 * ```ts
 * import { neweyWestMeanT } from "@lib/analysis/summary.ts";
 * // with no lags it is the mean over its standard error with n (not n - 1) in the variance
 * const { tStat } = neweyWestMeanT([1, 2, 3, 6], 0);
 * if (Math.abs(tStat - 3 / Math.sqrt(3.5 / 4)) > 1e-12) throw new Error(String(tStat));
 * ```
 */
export function neweyWestMeanT(
  values: ArrayLike<number>,
  lags: number,
): { tStat: number; pValue: number } {
  if (values.length < lags + 2) return { tStat: NaN, pValue: NaN };
  const fit = ols(values, [], { covariance: "hac", lags });
  return { tStat: fit.tStat[0], pValue: fit.pValue[0] };
}

/**
 * Returns one row per (factor, horizon, method) of daily IC frames from
 * `informationCoefficient` (several are stacked): mean, std, icir, t_stat, p_value, t_stat_nw,
 * p_value_nw (Newey-West with horizon - 1 lags, {@link neweyWestMeanT}), hit_rate, skew,
 * kurtosis, n_dates. Empty daily frames (no date had enough assets) give an empty summary.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { icSummary } from "@lib/analysis/summary.ts";
 * const daily = pl.DataFrame({ factor: ["f", "f", "f"], horizon: [1, 1, 1],
 *   pearson: [0.1, 0.2, 0.3], spearman: [0.1, 0.3, -0.1] });
 * const row = icSummary(daily).filter(pl.col("method").eq(pl.lit("pearson"))).toRecords()[0];
 * // t = 0.2 / (0.1 / sqrt 3) = 3.4641; 2 * scipy.stats.t.sf(3.4641, 2) = 0.07417990022744855
 * if (Math.abs(Number(row.p_value) - 0.07417990022744855) > 1e-12) throw new Error("wrong p");
 * ```
 */
export function icSummary(...dailies: pl.DataFrame[]): pl.DataFrame {
  if (dailies.length === 0) throw new Error("no daily IC frames given");
  const daily = dailies.length === 1 ? dailies[0] : concatRows(dailies);
  // no date had enough assets (a universe of one or two symbols): an empty summary, not an error
  if (daily.height === 0) return emptySummary();
  const factor = daily.getColumn("factor").toArray() as string[];
  const horizon = daily.getColumn("horizon").toArray() as number[];
  const groups = new Map<string, number[]>();
  factor.forEach((f, i) => {
    const key = JSON.stringify([f, horizon[i]]);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(i);
  });
  const rows: Record<string, unknown>[] = [];
  for (const [key, index] of groups) {
    const [f, h] = JSON.parse(key) as [string, number];
    for (const method of ["pearson", "spearman"] as const) {
      const values = daily.getColumn(method).toArray() as number[];
      const series = index.map((i) => values[i]);
      const s = icStats(series);
      const nw = neweyWestMeanT(series, Math.max(0, h - 1));
      rows.push({
        factor: f,
        horizon: h,
        method,
        mean: s.mean,
        std: s.std,
        icir: s.icir,
        t_stat: s.tStat,
        p_value: s.pValue,
        t_stat_nw: nw.tStat,
        p_value_nw: nw.pValue,
        hit_rate: s.hitRate,
        skew: s.skew,
        kurtosis: s.kurtosis,
        n_dates: s.n,
      });
    }
  }
  return pl.DataFrame(rows).withColumns(
    pl.col("horizon").cast(pl.Int32),
    pl.col("n_dates").cast(pl.Int32),
  );
}

/** The columns of {@link icSummary} with no rows. */
function emptySummary(): pl.DataFrame {
  const float = [
    "mean",
    "std",
    "icir",
    "t_stat",
    "p_value",
    "t_stat_nw",
    "p_value_nw",
    "hit_rate",
    "skew",
    "kurtosis",
  ];
  return pl.DataFrame([
    pl.Series("factor", [], pl.Utf8),
    pl.Series("horizon", [], pl.Int32),
    pl.Series("method", [], pl.Utf8),
    ...float.map((c) => pl.Series(c, [], pl.Float64)),
    pl.Series("n_dates", [], pl.Int32),
  ]);
}

/**
 * Returns the IC's decay across horizons from an {@link icSummary}: factor, horizon, mean,
 * std_err (std / sqrt(n_dates)), t_stat, p_value, n_dates of one `method`, sorted by factor then
 * horizon.
 */
export function icDecay(
  summary: pl.DataFrame,
  method: "pearson" | "spearman" = "spearman",
): pl.DataFrame {
  return summary
    .filter(pl.col("method").eq(pl.lit(method)))
    .select(
      "factor",
      "horizon",
      "mean",
      pl.col("std").div(pl.col("n_dates").cast(pl.Float64).pow(0.5)).alias("std_err"),
      "t_stat",
      "p_value",
      "n_dates",
    )
    .sort(["factor", "horizon"]);
}

/**
 * Returns the mean IC per calendar month (alphalens `mean_information_coefficient(by_time="M")`)
 * of a daily IC frame: factor, horizon, year, month (1..12), mean_ic, n_dates, sorted.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { monthlyIc } from "@lib/analysis/summary.ts";
 * const daily = pl.DataFrame({ factor: ["f", "f", "f"], horizon: [1, 1, 1],
 *   date: [new Date("2020-01-02"), new Date("2020-01-03"), new Date("2020-02-03")],
 *   spearman: [0.1, 0.3, -0.2] }).withColumns(pl.col("date").cast(pl.Date));
 * const m = monthlyIc(daily);
 * if (m.height !== 2 || Math.abs(m.getColumn("mean_ic").get(0) - 0.2) > 1e-12) throw new Error("wrong");
 * ```
 */
export function monthlyIc(
  daily: pl.DataFrame,
  method: "pearson" | "spearman" = "spearman",
): pl.DataFrame {
  if (daily.height === 0) {
    return pl.DataFrame([
      pl.Series("factor", [], pl.Utf8),
      ...["horizon", "year", "month"].map((c) => pl.Series(c, [], pl.Int32)),
      pl.Series("mean_ic", [], pl.Float64),
      pl.Series("n_dates", [], pl.Int32),
    ]);
  }
  return daily
    .withColumns(
      pl.col("date").dt.year().cast(pl.Int32).alias("year"),
      pl.col("date").dt.month().cast(pl.Int32).alias("month"),
    )
    .groupBy(["factor", "horizon", "year", "month"])
    .agg(pl.col(method).mean().alias("mean_ic"), pl.len().cast(pl.Int32).alias("n_dates"))
    .sort(["factor", "horizon", "year", "month"]);
}

/**
 * Returns an IC summary (from {@link icSummary}) as a flat record for logging:
 * `{factor}_h{horizon}_ic_mean`, `_icir` and `_hit_rate` of the `method` rows (non-finite values,
 * such as the ICIR of a single date, are left out).
 */
export function icMetrics(
  summary: pl.DataFrame,
  method: "pearson" | "spearman" = "spearman",
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of summary.toRecords() as Record<string, unknown>[]) {
    if (row.method !== method) continue;
    const base = `${row.factor}_h${row.horizon}`;
    const values = { ic_mean: row.mean, icir: row.icir, hit_rate: row.hit_rate };
    for (const [name, value] of Object.entries(values)) {
      if (Number.isFinite(value)) out[`${base}_${name}`] = Number(value);
    }
  }
  return out;
}
