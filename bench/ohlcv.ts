/**
 * Seeded synthetic daily OHLCV for benchmarks: a geometric random walk per symbol with
 * consistent bars (low <= open, close <= high) and positive volume.
 * @module
 */
import pl from "nodejs-polars";
import { seededRandom } from "../lib/models/sample.ts";

/** Options of {@link generateOhlcv}. */
export interface OhlcvOptions {
  /** Number of symbols. */
  readonly symbols: number;
  /** Trading days per symbol. */
  readonly days: number;
  /** PRNG seed. Defaults to 42. */
  readonly seed?: number;
}

/** Returns a panel (symbol, date, open, high, low, close, volume) sorted by symbol then date. */
export function generateOhlcv({ symbols, days, seed = 42 }: OhlcvOptions): pl.DataFrame {
  const rand = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const n = symbols * days;
  const [open, high, low, close, volume] = Array.from({ length: 5 }, () => new Float64Array(n));
  const date = new Int32Array(n);
  const names: string[] = new Array(n);
  for (let s = 0; s < symbols; s++) {
    const name = `S${String(s).padStart(4, "0")}`;
    let price = 20 + 180 * rand();
    for (let d = 0; d < days; d++) {
      const i = s * days + d;
      const o = price * Math.exp(0.005 * normal());
      const c = o * Math.exp(0.015 * normal());
      open[i] = o;
      close[i] = c;
      high[i] = Math.max(o, c) * (1 + 0.01 * rand());
      low[i] = Math.min(o, c) * (1 - 0.01 * rand());
      volume[i] = Math.round(1e5 + 1e6 * rand());
      date[i] = 10_957 + d; // days since 1970-01-01, from 2000-01-01 (calendar days suffice here)
      names[i] = name;
      price = c;
    }
  }
  return pl.DataFrame({
    symbol: names,
    date: pl.Series("date", date, pl.Int32).cast(pl.Date),
    open: pl.Series("open", open, pl.Float64),
    high: pl.Series("high", high, pl.Float64),
    low: pl.Series("low", low, pl.Float64),
    close: pl.Series("close", close, pl.Float64),
    volume: pl.Series("volume", volume, pl.Float64),
  });
}
