import pl from "nodejs-polars";

/** A long frame with a pl.Date `date` column from day numbers. */
export function frame(columns: Record<string, unknown[]>, days: number[]): pl.DataFrame {
  return pl.DataFrame(columns).withColumns(
    pl.Series("date", days, pl.Float64).cast(pl.Int32).cast(pl.Date),
  );
}

/**
 * Four dates x five symbols; factor f ranks the symbols exactly as their forward return does
 * (so the rank IC is 1 every date), r is its reverse, flat is constant.
 */
export function ordered(): { factors: pl.DataFrame; labels: pl.DataFrame } {
  const symbols: string[] = [];
  const days: number[] = [];
  const f: number[] = [];
  const ret: number[] = [];
  for (let d = 0; d < 4; d++) {
    for (let s = 0; s < 5; s++) {
      symbols.push(`s${s}`);
      days.push(d);
      f.push(s + d);
      ret.push((s + 1) ** 2 / 100 + d / 1000); // monotone in s, not linear
    }
  }
  return {
    factors: frame({ symbol: symbols, f, r: f.map((v) => -v), flat: f.map(() => 1) }, days),
    labels: frame({ symbol: symbols, fwd_ret_1: ret, fwd_ret_5: ret.map((v) => -v) }, days),
  };
}
