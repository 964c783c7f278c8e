/**
 * Quantile buckets: on each date, assets are cut into `quantiles` equal-count buckets by the
 * factor (1 = lowest); the table is the mean forward return per bucket, averaged over dates so
 * each date weighs the same, with its standard error across dates (alphalens'
 * `mean_return_by_quantile(demeaned=False)`).
 * @module
 */
import pl from "nodejs-polars";
import { daySeries } from "../validation/days.ts";
import { isConstant } from "./correlation.ts";
import { floatValues } from "../frames.ts";
import { joinLabels, SectionCache, sectionsOf } from "./cross_sections.ts";
import type { CrossSection, DropCounts } from "./cross_sections.ts";
import { droppedFrame } from "./ic.ts";
import { qcutBuckets } from "./ranks.ts";

/**
 * How a date's assets are cut: `qcut` as pandas `qcut` (alphalens: value edges at linear
 * quantiles, ties share a bucket, a date whose edges coincide is dropped as `tied_edges`);
 * `rank` by position in the sorted order (ties split in input order, never dropped).
 */
export type Binning = "qcut" | "rank";

/** Options of {@link quantileReturns}. */
export interface QuantileOptions {
  /** Factor columns of the factor frame. */
  factors: readonly string[];
  /** Horizons h in days; the labels need `fwd_ret_{h}`. */
  horizons: readonly number[];
  /**
   * Number of buckets; dates with fewer usable assets are dropped (unless the buckets come from
   * `quantileColumn`). Defaults to 5.
   */
  quantiles?: number;
  /** How buckets are cut. Defaults to `qcut` (alphalens). */
  binning?: Binning;
  /** A column of the factor frame (e.g. sector) to report returns by group in `byGroup`. */
  groupBy?: string;
  /** Cut buckets within each group on each date (alphalens `binning_by_group`). Defaults to false. */
  binningByGroup?: boolean;
  /** Rows need every horizon's return, as in alphalens. Defaults to false. */
  requireAllHorizons?: boolean;
  /**
   * Take each row's bucket (1..quantiles) from this column of the factor frame, e.g.
   * `factorData(...).data`'s `quantile`, instead of cutting (`binning` is then unused).
   */
  quantileColumn?: string;
}

/** Mean forward return per bucket and the rows left out. */
export interface QuantileResult {
  /**
   * factor, horizon, quantile (1..q), mean_return (fraction over h days, mean over dates of the
   * bucket's mean), std_err (std over dates / sqrt(n_dates)), n_dates (dates the bucket had
   * assets), n_obs.
   */
  table: pl.DataFrame;
  /**
   * factor, horizon, top_minus_bottom (mean over dates of bucket q minus bucket 1, the raw
   * difference), std_err and t_stat of that mean from the per-date spreads, n_dates.
   */
  spread: pl.DataFrame;
  /** factor, horizon, date, quantile, mean_return, n: each date's bucket means. */
  daily: pl.DataFrame;
  /** With `groupBy`: factor, horizon, group, quantile, mean_return, std_err, n_dates, n_obs. */
  byGroup?: pl.DataFrame;
  /** factor, horizon, reason, rows: every row not used, by reason (zeros included). */
  dropped: pl.DataFrame;
}

/**
 * Returns the bucket of each value, 1..q, by rank (ties keep input order, as `rank("first")`;
 * `quantileReturns` sorts rows by symbol within a date and drops dates where the factor is
 * constant).
 *
 * @example
 * ```ts
 * import { quantileBuckets } from "@lib/analysis/quantiles.ts";
 * if (quantileBuckets([5, 1, 4, 2, 3], 5).join() !== "5,1,4,2,3") throw new Error("wrong");
 * ```
 */
export function quantileBuckets(values: ArrayLike<number>, quantiles: number): Int32Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    values[a] - values[b] || a - b
  );
  const buckets = new Int32Array(n);
  order.forEach((row, position) => {
    buckets[row] = Math.floor((position * quantiles) / n) + 1;
  });
  return buckets;
}

/**
 * Returns the buckets (1..q) of one date's factor values, or null when `qcut` edges coincide;
 * with `groups` (a code per value), each group is cut on its own and a group whose edges
 * coincide gets bucket 0 (dropped).
 */
export function bucketsOf(
  values: Float64Array,
  quantiles: number,
  binning: Binning,
  groups?: Int32Array,
): Int32Array | null {
  if (!groups) {
    return binning === "qcut" ? qcutBuckets(values, quantiles) : quantileBuckets(values, quantiles);
  }
  const members = new Map<number, number[]>();
  groups.forEach((g, i) => {
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  });
  const out = new Int32Array(values.length);
  for (const index of members.values()) {
    const sub = Float64Array.from(index, (i) => values[i]);
    const b = binning === "qcut" ? qcutBuckets(sub, quantiles) : quantileBuckets(sub, quantiles);
    index.forEach((i, k) => (out[i] = b ? b[k] : 0));
  }
  return out;
}

/** Mean and sample std (n - 1) of `values`; NaN std below 2 values. */
function meanStd(values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN };
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN };
}

/** Codes of a group column (as text), one per row of `frame`. */
function groupCodes(frame: pl.DataFrame, column: string): { codes: Int32Array; names: string[] } {
  const values = frame.getColumn(column).cast(pl.Utf8).toArray() as (string | null)[];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    const key = v ?? "null";
    let code = index.get(key);
    if (code === undefined) index.set(key, code = index.size);
    codes[i] = code;
  });
  return { codes, names: [...index.keys()] };
}

/**
 * Returns the mean forward return per factor quantile for each factor and horizon, with its
 * standard error, the top-minus-bottom spread and each date's bucket means.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { quantileReturns } from "@lib/analysis/quantiles.ts";
 * const date = pl.Series("date", Array(10).fill(0), pl.Int32).cast(pl.Date);
 * const symbol = Array.from({ length: 10 }, (_, i) => `s${i}`);
 * const f = pl.DataFrame({ symbol, f: symbol.map((_, i) => i) }).withColumns(date);
 * const l = pl.DataFrame({ symbol, fwd_ret_1: symbol.map((_, i) => i / 100) }).withColumns(date);
 * const q = quantileReturns(f, l, { factors: ["f"], horizons: [1] });
 * // bucket 5 holds 8 and 9 (0.085), bucket 1 holds 0 and 1 (0.005)
 * const spread = q.spread.getColumn("top_minus_bottom").get(0);
 * if (Math.abs(spread - 0.08) > 1e-12) throw new Error(String(spread));
 * ```
 */
export function quantileReturns(
  factors: pl.DataFrame,
  labels: pl.DataFrame,
  options: QuantileOptions,
): QuantileResult {
  const { quantiles = 5, binning = "qcut", binningByGroup = false } = options;
  const { groupBy, requireAllHorizons = false, quantileColumn } = options;
  if (!Number.isInteger(quantiles) || quantiles < 2) {
    throw new Error(`quantiles must be an integer >= 2; got ${quantiles}`);
  }
  if (binning !== "qcut" && binning !== "rank") {
    throw new Error(`binning must be "qcut" or "rank"; got "${binning}"`);
  }
  if (binningByGroup && !groupBy) throw new Error("binningByGroup needs a groupBy column");
  const joined = joinLabels(
    factors,
    labels,
    options.factors,
    options.horizons,
    [...(groupBy ? [groupBy] : []), ...(quantileColumn ? [quantileColumn] : [])],
  );
  const given = quantileColumn ? floatValues(joined, quantileColumn) : undefined;
  for (let i = 0; given && i < given.length; i++) {
    const b = given[i];
    if (!(Number.isInteger(b) && b >= 1 && b <= quantiles)) {
      throw new Error(`column "${quantileColumn}" has ${b} outside 1..${quantiles}`);
    }
  }
  const days = floatValues(joined, "date");
  const returns = new Map(options.horizons.map((h) => [h, floatValues(joined, `fwd_ret_${h}`)]));
  const all = requireAllHorizons ? [...returns.values()] : [];
  const groups = groupBy ? groupCodes(joined, groupBy) : undefined;
  const q = quantiles;

  const table: Record<string, unknown[]> = {
    factor: [],
    horizon: [],
    quantile: [],
    mean_return: [],
    std_err: [],
    n_dates: [],
    n_obs: [],
  };
  const byGroupTable: Record<string, unknown[]> = { ...structuredClone(table), group: [] };
  const spread: Record<string, unknown[]> = {
    factor: [],
    horizon: [],
    top_minus_bottom: [],
    std_err: [],
    t_stat: [],
    n_dates: [],
  };
  const daily = {
    factor: [] as string[],
    horizon: [] as number[],
    day: [] as number[],
    quantile: [] as number[],
    mean: [] as number[],
    n: [] as number[],
  };
  const entries: { factor: string; horizon: number; counts: DropCounts }[] = [];

  for (const factor of options.factors) {
    const f = floatValues(joined, factor);
    // buckets per date ("constant" or null for tied edges), shared by the horizons
    const cache = new SectionCache<Int32Array | null | "constant">();
    for (const h of options.horizons) {
      const { sections, dropped: counts } = sectionsOf(
        days,
        f,
        returns.get(h)!,
        given ? 1 : q,
        all,
      );
      counts.tied_edges = 0;
      let constant = 0;
      const perQuantile: number[][] = Array.from({ length: q }, () => []);
      const obs = new Float64Array(q);
      const spreads: number[] = [];
      // group code -> quantile -> per-date means, and observation counts
      const perGroup = new Map<number, { means: number[][]; obs: Float64Array }>();
      for (const s of sections) {
        const codes = groups ? Int32Array.from(s.rows, (r) => groups.codes[r]) : undefined;
        const buckets = cache.get(s, () => {
          if (given) {
            const b = new Int32Array(s.rows.length);
            for (let i = 0; i < b.length; i++) b[i] = given[s.rows[i]];
            return b;
          }
          if (isConstant(s.factor)) return "constant";
          return bucketsOf(s.factor, q, binning, binningByGroup ? codes : undefined);
        });
        if (buckets === "constant") {
          constant += s.factor.length;
          continue;
        }
        if (!buckets) {
          counts.tied_edges! += s.factor.length;
          continue;
        }
        const sum = new Float64Array(q + 1);
        const count = new Float64Array(q + 1);
        for (let i = 0; i < buckets.length; i++) {
          sum[buckets[i]] += s.returns[i];
          count[buckets[i]]++;
        }
        counts.tied_edges! += count[0];
        for (let k = 1; k <= q; k++) {
          if (count[k] === 0) continue;
          const mean = sum[k] / count[k];
          perQuantile[k - 1].push(mean);
          obs[k - 1] += count[k];
          daily.factor.push(factor);
          daily.horizon.push(h);
          daily.day.push(s.day);
          daily.quantile.push(k);
          daily.mean.push(mean);
          daily.n.push(count[k]);
        }
        if (count[1] > 0 && count[q] > 0) spreads.push(sum[q] / count[q] - sum[1] / count[1]);
        if (codes) groupMeans(s, buckets, codes, q, perGroup);
      }
      counts.constant_date = constant;
      entries.push({ factor, horizon: h, counts });
      for (let k = 0; k < q; k++) {
        const { mean, std } = meanStd(perQuantile[k]);
        const n = perQuantile[k].length;
        push(table, { factor, horizon: h, quantile: k + 1, mean_return: mean }, std, n, obs[k]);
      }
      for (const [code, g] of [...perGroup].sort((a, b) => a[0] - b[0])) {
        for (let k = 0; k < q; k++) {
          const { mean, std } = meanStd(g.means[k]);
          const n = g.means[k].length;
          push(
            byGroupTable,
            { factor, horizon: h, group: groups!.names[code], quantile: k + 1, mean_return: mean },
            std,
            n,
            g.obs[k],
          );
        }
      }
      const s = meanStd(spreads);
      const se = s.std / Math.sqrt(spreads.length);
      spread.factor.push(factor);
      spread.horizon.push(h);
      spread.top_minus_bottom.push(s.mean);
      spread.std_err.push(se);
      spread.t_stat.push(s.mean / se);
      spread.n_dates.push(spreads.length);
    }
  }
  const result: QuantileResult = {
    table: tableFrame(table),
    spread: pl.DataFrame([
      pl.Series("factor", spread.factor as string[], pl.Utf8),
      pl.Series("horizon", spread.horizon as number[], pl.Float64).cast(pl.Int32),
      pl.Series("top_minus_bottom", spread.top_minus_bottom as number[], pl.Float64),
      pl.Series("std_err", spread.std_err as number[], pl.Float64),
      pl.Series("t_stat", spread.t_stat as number[], pl.Float64),
      pl.Series("n_dates", spread.n_dates as number[], pl.Float64).cast(pl.Int32),
    ]),
    daily: pl.DataFrame([
      pl.Series("factor", daily.factor, pl.Utf8),
      pl.Series("horizon", daily.horizon, pl.Float64).cast(pl.Int32),
      daySeries("date", daily.day),
      pl.Series("quantile", daily.quantile, pl.Float64).cast(pl.Int32),
      pl.Series("mean_return", daily.mean, pl.Float64),
      pl.Series("n", daily.n, pl.Float64).cast(pl.Int32),
    ]),
    dropped: droppedFrame(entries),
  };
  if (groupBy) {
    result.byGroup = tableFrame(byGroupTable).select(
      "factor",
      "horizon",
      "group",
      "quantile",
      "mean_return",
      "std_err",
      "n_dates",
      "n_obs",
    );
  }
  return result;
}

function push(
  table: Record<string, unknown[]>,
  keys: Record<string, unknown>,
  std: number,
  nDates: number,
  nObs: number,
): void {
  for (const [k, v] of Object.entries(keys)) table[k].push(v);
  table.std_err.push(std / Math.sqrt(nDates));
  table.n_dates.push(nDates);
  table.n_obs.push(nObs);
}

function groupMeans(
  s: CrossSection,
  buckets: Int32Array,
  codes: Int32Array,
  q: number,
  perGroup: Map<number, { means: number[][]; obs: Float64Array }>,
): void {
  const sums = new Map<number, Float64Array>();
  buckets.forEach((b, i) => {
    if (b === 0) return;
    let acc = sums.get(codes[i]);
    if (!acc) sums.set(codes[i], acc = new Float64Array(2 * (q + 1)));
    acc[b] += s.returns[i];
    acc[q + 1 + b]++;
  });
  for (const [code, acc] of sums) {
    let g = perGroup.get(code);
    if (!g) {
      g = { means: Array.from({ length: q }, () => []), obs: new Float64Array(q) };
      perGroup.set(code, g);
    }
    for (let k = 1; k <= q; k++) {
      const n = acc[q + 1 + k];
      if (n === 0) continue;
      g.means[k - 1].push(acc[k] / n);
      g.obs[k - 1] += n;
    }
  }
}

function tableFrame(t: Record<string, unknown[]>): pl.DataFrame {
  const columns: pl.Series[] = [
    pl.Series("factor", t.factor as string[], pl.Utf8),
    pl.Series("horizon", t.horizon as number[], pl.Float64).cast(pl.Int32),
    pl.Series("quantile", t.quantile as number[], pl.Float64).cast(pl.Int32),
    pl.Series("mean_return", t.mean_return as number[], pl.Float64),
    pl.Series("std_err", t.std_err as number[], pl.Float64),
    pl.Series("n_dates", t.n_dates as number[], pl.Float64).cast(pl.Int32),
    pl.Series("n_obs", t.n_obs as number[], pl.Float64).cast(pl.Int32),
  ];
  if (t.group) columns.push(pl.Series("group", t.group as string[], pl.Utf8));
  return pl.DataFrame(columns);
}
