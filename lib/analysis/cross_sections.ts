/**
 * Cross-sections of a factor and a forward return: the rows of each date where both are known.
 * Every row left out is counted by reason, so an IC or a quantile table says what it stands on.
 * @internal
 * @module
 */
import pl from "nodejs-polars";
import { floatValues } from "../frames.ts";

/**
 * Why rows were left out of an analysis: no factor value, no forward return (at this horizon, or
 * at any horizon when all are required), fewer usable assets on the date than needed, no variation
 * of the factor (or the return) on the date, or quantile edges that coincide (too many ties for
 * equal-count buckets, where pandas' `qcut` raises and alphalens drops the date).
 */
export type DropReason =
  | "missing_factor"
  | "missing_return"
  | "thin_date"
  | "constant_date"
  | "tied_edges";

/** One date's factor values and forward returns, aligned. */
export interface CrossSection {
  /** Day number of the date. */
  day: number;
  /** Factor values. */
  factor: Float64Array;
  /** Forward returns over the horizon. */
  returns: Float64Array;
  /** Row of each value in the frame the sections were cut from. */
  rows: Int32Array;
}

/** Rows left out, by reason; reasons an analysis does not check are absent. */
export type DropCounts = Partial<Record<DropReason, number>>;

/** The cross-sections of one factor at one horizon, and the rows left out. */
export interface CrossSections {
  /** Dates in ascending order with at least `minAssets` usable rows. */
  sections: CrossSection[];
  /**
   * Rows left out, by reason (a row missing both counts as `missing_factor`); `constant_date` and
   * `tied_edges` are filled by analyses that need variation within a date.
   */
  dropped: DropCounts;
}

/**
 * Returns `factors` (symbol, date, factor columns and the `extra` columns, such as a group) left-
 * joined with the `fwd_ret_{h}` columns of `labels` on symbol, date, sorted by date then symbol.
 */
export function joinLabels(
  factors: pl.DataFrame,
  labels: pl.DataFrame,
  factorNames: readonly string[],
  horizons: readonly number[],
  extra: readonly string[] = [],
): pl.DataFrame {
  if (factorNames.length === 0) throw new Error("no factor columns given");
  if (horizons.length === 0) throw new Error("no horizons given");
  for (const f of factorNames) {
    if (!factors.columns.includes(f)) {
      throw new Error(
        `factor column "${f}" is not in the frame (columns: ${factors.columns.join(", ")})`,
      );
    }
  }
  const returnColumns = horizons.map((h) => `fwd_ret_${h}`);
  for (const c of returnColumns) {
    if (!labels.columns.includes(c)) {
      throw new Error(
        `the labels frame has no column "${c}" (columns: ${labels.columns.join(", ")})`,
      );
    }
  }
  for (const c of extra) {
    if (!factors.columns.includes(c)) {
      throw new Error(
        `column "${c}" is not in the factor frame (columns: ${factors.columns.join(", ")})`,
      );
    }
  }
  if (factors.height === 0) throw new Error("the factor frame has no rows");
  const left = factors.select("symbol", "date", ...new Set([...factorNames, ...extra]));
  const right = labels.select("symbol", "date", ...returnColumns);
  // Frames built from one panel are usually row-aligned; the columns then sit side by side
  // without a hash join (a third of the analysis time on a large panel).
  const aligned = left.height === right.height &&
    left.getColumn("symbol").seriesEqual(right.getColumn("symbol"), true) &&
    left.getColumn("date").seriesEqual(right.getColumn("date"), true);
  const joined = aligned
    ? left.hstack(right.select(...returnColumns))
    : left.join(right, { on: ["symbol", "date"], how: "left" });
  return sortByDateSymbol(joined);
}

/**
 * Returns `frame` sorted by date then symbol. A stable sort by date alone does it when symbols
 * already ascend within each date (frames sorted by symbol then date, the usual layout), at a
 * quarter of the cost of the two-key sort with a text key.
 */
export function sortByDateSymbol(frame: pl.DataFrame): pl.DataFrame {
  const byDate = frame.sort("date", false, true);
  const ordered = byDate.select(
    pl.col("date").neq(pl.col("date").shift(1))
      .or(pl.col("symbol").gt(pl.col("symbol").shift(1)))
      .fillNull(true)
      .all()
      .alias("ok"),
  ).getColumn("ok").toArray()[0];
  return ordered ? byDate : frame.sort(["date", "symbol"]);
}

/**
 * Returns the per-date cross-sections of column `factor` against `fwd_ret_{horizon}` of a frame
 * from {@link joinLabels} (sorted by date, then symbol). Dates with fewer than `minAssets` usable
 * rows are left out as `thin_date`; with `requireAll`, a row also needs a finite value in each of
 * those columns (alphalens keeps a row only when every horizon's return is known).
 */
export function crossSections(
  joined: pl.DataFrame,
  factor: string,
  horizon: number,
  minAssets: number,
  requireAll: readonly string[] = [],
): CrossSections {
  return sectionsOf(
    floatValues(joined, "date"),
    floatValues(joined, factor),
    floatValues(joined, `fwd_ret_${horizon}`),
    minAssets,
    requireAll.map((c) => floatValues(joined, c)),
  );
}

/** {@link crossSections} on arrays: day numbers (sorted), factor, returns, other required columns. */
export function sectionsOf(
  days: Float64Array,
  f: Float64Array,
  r: Float64Array,
  minAssets: number,
  required: readonly Float64Array[] = [],
): CrossSections {
  const n = days.length;
  const dropped: DropCounts = {
    missing_factor: 0,
    missing_return: 0,
    thin_date: 0,
    constant_date: 0,
  };
  let missingFactor = 0;
  let missingReturn = 0;
  let thin = 0;
  const fs = new Float64Array(n);
  const rs = new Float64Array(n);
  const rows = new Int32Array(n);
  const sections: CrossSection[] = [];
  let used = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && days[j] === days[i]) j++;
    if (j === i) j = i + 1; // a missing date (NaN) is its own thin group
    const start = used;
    for (let k = i; k < j; k++) {
      if (!Number.isFinite(f[k])) {
        missingFactor++;
        continue;
      }
      let known = Number.isFinite(r[k]);
      for (let c = 0; known && c < required.length; c++) known = Number.isFinite(required[c][k]);
      if (!known) missingReturn++;
      else {
        fs[used] = f[k];
        rs[used] = r[k];
        rows[used] = k;
        used++;
      }
    }
    if (used - start >= minAssets) {
      sections.push({
        day: days[i],
        factor: fs.subarray(start, used),
        returns: rs.subarray(start, used),
        rows: rows.subarray(start, used),
      });
    } else {
      thin += used - start;
      used = start;
    }
    i = j;
  }
  dropped.missing_factor = missingFactor;
  dropped.missing_return = missingReturn;
  dropped.thin_date = thin;
  return { sections, dropped };
}

/** Returns true when two row lists are equal (same rows of the same frame). */
export function sameRows(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A per-date cache of something computed from a section's factor values (ranks, buckets), reused
 * by the next horizon when the date keeps the same rows (most dates do).
 */
export class SectionCache<T> {
  #entries = new Map<number, { rows: Int32Array; value: T }>();

  /** Returns the cached value for the section, or computes and stores it. */
  get(section: CrossSection, compute: () => T): T {
    const hit = this.#entries.get(section.day);
    if (hit && sameRows(hit.rows, section.rows)) return hit.value;
    const value = compute();
    this.#entries.set(section.day, { rows: section.rows, value });
    return value;
  }
}
