/**
 * Ready strategies: entry and exit signals in the layout of a wide close panel, to pass to
 * `simulateSignals` (through {@link signalInput}) or `fromSignals`. Indicators come from
 * lib/features (the MACD and RSI definitions checked against TA-Lib), so a strategy and its
 * feature share one definition. Every signal of date t is known at t's close.
 * @module
 */
import type pl from "nodejs-polars";
import { buildFeatures } from "../features/build.ts";
import { crossings } from "./grid.ts";
import type { Signals } from "./signals.ts";
import { thresholdSignals } from "./signals.ts";
import type { ThresholdOptions } from "./signals.ts";
import type { SignalInput } from "./signal_settings.ts";
import { checkAligned, toWide } from "./wide.ts";
import type { WidePanel } from "./wide.ts";

/** The dates and symbols a strategy's signals are laid out on (a close panel fits). */
export type Layout = Pick<WidePanel, "dates" | "symbols">;

/** MACD spans. */
export interface MacdOptions {
  /** Fast EMA span. Defaults to 12. */
  fast?: number;
  /** Slow EMA span. Defaults to 26. */
  slow?: number;
  /** Signal EMA span. Defaults to 9. */
  signal?: number;
}

function crossSignals(a: WidePanel, b: WidePanel): Signals {
  const nAssets = a.symbols.length;
  const nDates = a.dates.length;
  const entries = new Uint8Array(nDates * nAssets);
  const exits = new Uint8Array(nDates * nAssets);
  const column = (p: WidePanel, j: number) =>
    Float64Array.from({ length: nDates }, (_, t) => p.values[t * nAssets + j]);
  for (let j = 0; j < nAssets; j++) {
    crossings(column(a, j), column(b, j), entries, exits, nAssets, j);
  }
  return { entries, exits };
}

/**
 * Returns MACD crossover signals of every symbol of `panel` (symbol, date, close): enter on the
 * day the MACD line (lib/features `macd`) crosses above its signal line (`macd_signal`), exit
 * on the day it crosses below; nothing during the warm-up.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { macdCrossSignals } from "@lib/backtest/strategies.ts";
 * const close = Array.from({ length: 80 }, (_, i) => 100 + 10 * Math.sin(i / 6));
 * const panel = pl.DataFrame({ symbol: close.map(() => "a"), close })
 *   .withColumns(pl.Series("date", close.map((_, i) => i), pl.Int32).cast(pl.Date));
 * const s = macdCrossSignals(panel, { fast: 3, slow: 6, signal: 3 });
 * // the line turns up through its signal on day 25 and down on day 43
 * if (s.entries.indexOf(1) !== 25 || s.exits.indexOf(1) !== 43) throw new Error("wrong crosses");
 * ```
 */
export function macdCrossSignals(
  panel: pl.DataFrame,
  options: MacdOptions = {},
  like?: Layout,
): Signals {
  const { fast = 12, slow = 26, signal = 9 } = options;
  const params = { fast, slow, signal };
  const features = buildFeatures(panel, [
    { kind: "macd", params },
    { kind: "macd_signal", params },
  ]);
  const line = toWide(features, `macd_${fast}_${slow}_${signal}`, like);
  const sig = toWide(features, `macd_signal_${fast}_${slow}_${signal}`, line);
  return crossSignals(line, sig);
}

/** Options of {@link rsiReversionSignals}. */
export interface RsiReversionOptions {
  /** RSI window. Defaults to 14. */
  window?: number;
  /** Enter when the RSI is below this (oversold). Defaults to 30. */
  lower?: number;
  /** Exit when the RSI is above this (overbought). Defaults to 70. */
  upper?: number;
}

/**
 * Returns RSI mean-reversion signals of every symbol of `panel`: enter while the RSI (lib/features
 * `rsi`, Wilder) is below `lower`, exit while it is above `upper` (a simulation without
 * accumulation acts on the first such day only).
 */
export function rsiReversionSignals(
  panel: pl.DataFrame,
  options: RsiReversionOptions = {},
  like?: Layout,
): Signals {
  const { window = 14, lower = 30, upper = 70 } = options;
  if (!(lower < upper)) throw new Error(`lower (${lower}) must be below upper (${upper})`);
  const features = buildFeatures(panel, [{ kind: "rsi", params: { window } }]);
  const rsi = toWide(features, `rsi_${window}`, like);
  const entries = new Uint8Array(rsi.values.length);
  const exits = new Uint8Array(rsi.values.length);
  for (let k = 0; k < rsi.values.length; k++) {
    const v = rsi.values[k];
    if (v < lower) entries[k] = 1;
    else if (v > upper) exits[k] = 1;
  }
  return { entries, exits };
}

/**
 * Returns signals from a model's score (predictions as a wide panel): enter above `enterAbove`,
 * exit below `exitBelow` (see `thresholdSignals`).
 */
export function modelSignals(score: WidePanel, options: ThresholdOptions = {}): Signals {
  return thresholdSignals(score, options);
}

/** Optional bars for stops and next-open fills, aligned with the close. */
export interface OhlcPanels {
  /** Opens. */
  open?: WidePanel;
  /** Highs. */
  high?: WidePanel;
  /** Lows. */
  low?: WidePanel;
}

/**
 * Returns the {@link SignalInput} of `signals` on `close` (one column per symbol), with the
 * aligned open/high/low when given. Index signals (entries and exits computed elsewhere for the
 * index close, e.g. lib/signals) go through here too: pass the index's one-symbol close panel.
 *
 * @example
 * ```ts
 * import { signalInput } from "@lib/backtest/strategies.ts";
 * import { simulateSignals } from "@lib/backtest/simulate_signals.ts";
 * const close = { dates: new Float64Array([0, 1, 2]), symbols: ["^GSPC"], values: new Float64Array([10, 11, 12]) };
 * const sim = simulateSignals(signalInput(close, { entries: new Uint8Array([1, 0, 0]), exits: new Uint8Array([0, 0, 1]) }), { initCash: 10 });
 * if (Math.abs(sim.value[2] - 12) > 1e-12) throw new Error("wrong");
 * ```
 */
export function signalInput(
  close: WidePanel,
  signals: Signals,
  ohlc: OhlcPanels = {},
): SignalInput {
  const n = close.values.length;
  if (signals.entries.length !== n || signals.exits.length !== n) {
    throw new Error(
      `signals have ${signals.entries.length}/${signals.exits.length} values; the close ${close.dates.length} dates x ${close.symbols.length} symbols`,
    );
  }
  for (const [name, p] of Object.entries(ohlc)) if (p) checkAligned(close, p, name);
  const nAssets = close.symbols.length;
  // vectorbt needs positive prices; a non-positive close is a missing one.
  const positive = (v: number) => (v > 0 ? v : NaN);
  return {
    nAssets,
    close: close.values.map(positive),
    open: ohlc.open?.values.map(positive),
    high: ohlc.high?.values,
    low: ohlc.low?.values,
    nCols: nAssets,
    entries: signals.entries,
    exits: signals.exits,
  };
}
