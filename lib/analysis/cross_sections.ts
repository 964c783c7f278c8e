/**
 * Cross-sections of a factor and a forward return: the rows of each date where both are known.
 * Every row left out is counted by reason, so an IC or a quantile table says what it stands on.
 * @module
 */
import pl from "nodejs-polars";
import { dayNumbers } from "../validation/days.ts";

/** Why rows were left out of an analysis. */
export type DropReason = "missing_factor" | "missing_return" | "thin_date" | "constant_date";

/** One date's factor values and forward returns, aligned. */
export interface CrossSection {
  /** Day number of the date. */
  day: number;
  /** Factor values. */
  factor: Float64Array;
  /** Forward returns over the horizon. */
  returns: Float64Array;
}

/** The cross-sections of one factor at one horizon, and the rows left out. */
export interface CrossSections {
  /** Dates in ascending order with at least `minAssets` usable rows. */
  sections: CrossSection[];
  /**
   * Rows left out, by reason (a row missing both counts as `missing_factor`); `constant_date` is
   * filled by analyses that need variation within a date.
   */
  dropped: Record<DropReason, number>;
}

/** Returns `factors` (symbol, date, factor columns) left-joined with `labels` on symbol, date. */
export function joinLabels(
  factors: pl.DataFrame,
  labels: pl.DataFrame,
  factorNames: readonly string[],
  horizons: readonly number[],
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
  if (factors.height === 0) throw new Error("the factor frame has no rows");
  return factors
    .select("symbol", "date", ...factorNames)
    .join(labels.select("symbol", "date", ...returnColumns), {
      on: ["symbol", "date"],
      how: "left",
    })
    .sort(["date", "symbol"]);
}

/**
 * Returns the per-date cross-sections of column `factor` against `fwd_ret_{horizon}` of a frame
 * from {@link joinLabels} (sorted by date, then symbol). Dates with fewer than `minAssets` usable
 * rows are left out as `thin_date`.
 */
export function crossSections(
  joined: pl.DataFrame,
  factor: string,
  horizon: number,
  minAssets: number,
): CrossSections {
  const days = dayNumbers(joined.getColumn("date"));
  const f = floats(joined.getColumn(factor));
  const r = floats(joined.getColumn(`fwd_ret_${horizon}`));
  const dropped: Record<DropReason, number> = {
    missing_factor: 0,
    missing_return: 0,
    thin_date: 0,
    constant_date: 0,
  };
  const sections: CrossSection[] = [];
  let i = 0;
  while (i < days.length) {
    let j = i;
    while (j < days.length && days[j] === days[i]) j++;
    const fs: number[] = [];
    const rs: number[] = [];
    for (let k = i; k < j; k++) {
      if (!Number.isFinite(f[k])) dropped.missing_factor++;
      else if (!Number.isFinite(r[k])) dropped.missing_return++;
      else {
        fs.push(f[k]);
        rs.push(r[k]);
      }
    }
    if (fs.length >= minAssets) {
      sections.push({
        day: days[i],
        factor: Float64Array.from(fs),
        returns: Float64Array.from(rs),
      });
    } else dropped.thin_date += fs.length;
    i = j;
  }
  return { sections, dropped };
}

function floats(series: pl.Series): Float64Array {
  const values = series.cast(pl.Float64).toArray() as (number | null)[];
  return Float64Array.from(values, (v) => v ?? NaN);
}
