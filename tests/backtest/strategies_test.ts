import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { buildFeatures } from "@lib/features/build.ts";
import {
  macdCrossSignals,
  modelSignals,
  rsiReversionSignals,
  signalInput,
} from "@lib/backtest/strategies.ts";
import { simulateSignals } from "@lib/backtest/simulate_signals.ts";
import { toWide } from "@lib/backtest/wide.ts";
import { projectPath } from "@lib/paths.ts";

const read = (file: string) =>
  pl.readCSV(projectPath("data", "sample", file))
    .withColumns(pl.col("date").str.strptime(pl.Date, "%Y-%m-%d"));
const panel = read("ohlcv_daily.csv").filter(pl.col("symbol").isIn(["AAPL", "MSFT", "JPM"]));
const close = toWide(panel, "close");
const n = close.values.length;
const nAssets = close.symbols.length;

Deno.test("macdCrossSignals enters where the lib/features MACD histogram turns from < 0 to > 0", () => {
  const s = macdCrossSignals(panel, {}, close);
  const hist = toWide(
    buildFeatures(panel, [{ kind: "macd_hist", params: { fast: 12, slow: 26, signal: 9 } }]),
    "macd_hist_12_26_9",
    close,
  ).values;
  let entries = 0;
  for (let k = nAssets; k < n; k++) {
    const [now, before] = [hist[k], hist[k - nAssets]];
    if (s.entries[k]) {
      entries++;
      assert.ok(now > 0 && before <= 0, `entry at ${k}: hist ${before} -> ${now}`);
    }
    if (now > 0 && before < 0) assert.equal(s.entries[k], 1, `missed the cross up at ${k}`);
    if (now < 0 && before > 0) assert.equal(s.exits[k], 1, `missed the cross down at ${k}`);
  }
  assert.ok(entries > 50, `only ${entries} entries`);
  // nothing during the warm-up (slow + signal - 2 = 33 bars)
  assert.equal(s.entries.subarray(0, 34 * nAssets).reduce((a, b) => a + b, 0), 0);
});

Deno.test("rsiReversionSignals enters below 30 and exits above 70 of lib/features rsi_14", () => {
  const s = rsiReversionSignals(panel, {}, close);
  const rsi =
    toWide(buildFeatures(panel, [{ kind: "rsi", params: { window: 14 } }]), "rsi_14", close)
      .values;
  for (let k = 0; k < n; k++) {
    assert.equal(s.entries[k], rsi[k] < 30 ? 1 : 0);
    assert.equal(s.exits[k], rsi[k] > 70 ? 1 : 0);
  }
  assert.ok(s.entries.some((v) => v === 1) && s.exits.some((v) => v === 1));
  assert.throws(() => rsiReversionSignals(panel, { lower: 70, upper: 30 }), /lower \(70\)/);
});

Deno.test("modelSignals thresholds a score like thresholdSignals", () => {
  const score = { ...close, values: close.values.map((v, k) => Math.sin(k) * v) };
  const s = modelSignals(score, { enterAbove: 1, exitBelow: -1 });
  for (let k = 0; k < n; k++) {
    assert.equal(s.entries[k], score.values[k] > 1 ? 1 : 0);
    assert.equal(s.exits[k], score.values[k] < -1 ? 1 : 0);
  }
});

Deno.test("signalInput backtests given index signals on the index close, with stops on its bars", () => {
  const bars = read("benchmark_daily.csv");
  const index = toWide(bars, "close");
  const like = { dates: index.dates, symbols: index.symbols };
  const [open, high, low] = ["open", "high", "low"].map((c) => toWide(bars, c, like));
  const nDates = index.dates.length;
  // index signals as another module would give them: here, enter every 50th day, exit 20 later
  const entries = Uint8Array.from({ length: nDates }, (_, t) => (t % 50 === 0 ? 1 : 0));
  const exits = Uint8Array.from({ length: nDates }, (_, t) => (t % 50 === 20 ? 1 : 0));
  const input = signalInput(index, { entries, exits }, { open, high, low });
  const sim = simulateSignals(input, { fees: 0.0005, slStop: 0.05, initCash: 10_000 });
  const closedByStop = Array.from(sim.orders.idx).filter((i, k) =>
    sim.orders.side[k] === 1 && i % 50 !== 20
  );
  assert.ok(sim.orders.length > 40);
  assert.ok(closedByStop.length > 0, "the 5 % stop never fired on 2004-2013 ^GSPC");
  assert.throws(
    () => signalInput(index, { entries: new Uint8Array(3), exits: new Uint8Array(3) }),
    /signals have 3\/3 values/,
  );
});
