/**
 * Summary statistics of a per-date IC series.
 * @module
 */
import pl from "nodejs-polars";

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
  for (let i = 0; i < n; i++) ss += (ic[i] - mean) ** 2;
  const std = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  return { mean, std, icir: mean / std, tStat: (mean / std) * Math.sqrt(n), hitRate: hits / n, n };
}

/**
 * Returns one row per (factor, horizon, method) of daily IC frames from
 * `informationCoefficient` (several are stacked): mean, std, icir, t_stat, hit_rate, n_dates.
 */
export function icSummary(...dailies: pl.DataFrame[]): pl.DataFrame {
  if (dailies.length === 0) throw new Error("no daily IC frames given");
  const daily = dailies.length === 1 ? dailies[0] : pl.concat(dailies);
  if (daily.height === 0) throw new Error("the daily IC frame has no rows");
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
      const s = icStats(index.map((i) => values[i]));
      rows.push({
        factor: f,
        horizon: h,
        method,
        mean: s.mean,
        std: s.std,
        icir: s.icir,
        t_stat: s.tStat,
        hit_rate: s.hitRate,
        n_dates: s.n,
      });
    }
  }
  return pl.DataFrame(rows).withColumns(pl.col("horizon").cast(pl.Int32));
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
