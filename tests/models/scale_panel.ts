/**
 * A large generated panel for the tests that pool more rows than one spread call can take: one
 * feature `f` in [-0.5, 0.5) per (symbol, date), `fwd_ret_1` from a rule of `f` and the row, and
 * one-day label spans; the last day has no label.
 * @module
 */
import pl from "nodejs-polars";

/** Returns features and labels of `symbols` x `days` rows, labelled by `label(f, row)`. */
export function scalePanel(
  symbols: number,
  days: number,
  label: (f: number, row: number) => number,
): { features: pl.DataFrame; labels: pl.DataFrame } {
  const n = symbols * days;
  const symbol = new Array<string>(n);
  const day = new Int32Array(n);
  const f = new Float64Array(n);
  const y: (number | null)[] = new Array(n);
  const end: (number | null)[] = new Array(n);
  for (let d = 0, i = 0; d < days; d++) {
    for (let s = 0; s < symbols; s++, i++) {
      symbol[i] = `s${String(s).padStart(4, "0")}`;
      day[i] = 18_000 + d;
      f[i] = ((i * 7_919) % 1_000) / 1_000 - 0.5;
      y[i] = d === days - 1 ? null : label(f[i], i);
      end[i] = d === days - 1 ? null : 18_000 + d + 1;
    }
  }
  const date = pl.Series("date", day).cast(pl.Date);
  const features = pl.DataFrame([pl.Series("symbol", symbol), date, pl.Series("f", f)]);
  const labels = pl.DataFrame([
    pl.Series("symbol", symbol),
    date,
    pl.Series("fwd_ret_1", y, pl.Float64),
    pl.Series("label_end_1", end, pl.Int32).cast(pl.Date),
  ]);
  return { features, labels };
}
