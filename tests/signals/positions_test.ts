import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  indexPositions,
  indexSignals,
  longSignals,
  positionsFromScore,
  signalsFromPositions,
} from "@lib/signals/positions.ts";
import { fromSignals } from "@lib/backtest/from_signals.ts";
import { runStrategy } from "@lib/backtest/run_strategy.ts";

const scores = Float64Array.from([0.2, 0.6, 0.4, 0, -0.4, -0.6, -0.2, NaN, 0.55]);

Deno.test("positionsFromScore holds between the thresholds (hysteresis)", () => {
  const flat = positionsFromScore(scores, { buy: 0.5, sell: -0.5 });
  assert.deepEqual(Array.from(flat), [0, 1, 1, 1, 1, 0, 0, 0, 1]);
  const short = positionsFromScore(scores, { buy: 0.5, sell: -0.5, short: true });
  assert.deepEqual(Array.from(short), [0, 1, 1, 1, 1, -1, -1, -1, 1]);
  // Equal thresholds: no hold band, every score above/below flips.
  const tight = positionsFromScore(scores, { buy: 0.3, sell: 0.3 });
  assert.deepEqual(Array.from(tight), [0, 1, 1, 0, 0, 0, 0, 0, 1]);
  // A score exactly at a threshold is not beyond it.
  assert.deepEqual(Array.from(positionsFromScore([0.5, -0.5], { buy: 0.5, sell: -0.5 })), [0, 0]);
  assert.throws(
    () => positionsFromScore(scores, { buy: 0, sell: 0.5 }),
    /sell threshold \(0.5\) is above/,
  );
  assert.throws(() => positionsFromScore(scores, { buy: NaN, sell: 0 }), /must be finite/);
});

Deno.test("longSignals enters when the position becomes +1 and exits when it leaves", () => {
  const { entries, exits } = longSignals([0, 1, 1, -1, 1, 0, 0]);
  assert.deepEqual(Array.from(entries), [0, 1, 0, 0, 1, 0, 0]);
  assert.deepEqual(Array.from(exits), [0, 0, 0, 1, 0, 1, 0]);
});

Deno.test("indexPositions adds position, entry and exit columns in date order", () => {
  const day = (i: number) => new Date(Date.UTC(2020, 0, 2 + i));
  const sentiment = pl.DataFrame({
    date: [day(2), day(0), day(1)],
    score: [-1, 0.2, 0.9],
  });
  const out = indexPositions(sentiment, { buy: 0.5, sell: -0.5 });
  assert.deepEqual(out.getColumn("score").toArray(), [0.2, 0.9, -1]);
  assert.deepEqual(out.getColumn("position").toArray(), [0, 1, 0]);
  assert.deepEqual(out.getColumn("entry").toArray(), [false, true, false]);
  assert.deepEqual(out.getColumn("exit").toArray(), [false, false, true]);
});

Deno.test("indexSignals lays signals on the index close for fromSignals", () => {
  const base = Date.UTC(2020, 0, 1) / 86_400_000;
  const close = {
    dates: Float64Array.from([0, 1, 2, 3, 4], (i) => base + i),
    symbols: ["^GSPC"],
    values: Float64Array.from([100, 110, 121, 110, 99]),
  };
  // No score on the 4th date: the position is held.
  const sentiment = pl.DataFrame({
    date: [0, 1, 2, 4].map((i) => new Date((base + i) * 86_400_000)),
    score: [0, 1, 0.3, -1],
  });
  const signals = indexSignals(sentiment, close, { buy: 0.5, sell: -0.5 });
  assert.deepEqual(Array.from(signals.entries), [0, 1, 0, 0, 0]);
  assert.deepEqual(Array.from(signals.exits), [0, 0, 0, 0, 1]);
  const pf = fromSignals(close, signals, { initialCash: 1000 });
  // Bought at 110, sold at 99.
  assert.ok(Math.abs(pf.equity[4] - 900) < 1e-9);
  assert.throws(
    () => indexSignals(sentiment, { ...close, symbols: ["a", "b"] }, { buy: 1, sell: 0 }),
    /one index; the close panel has 2 symbols/,
  );
});

Deno.test("signalsFromPositions enters on every long date, so a stopped-out backtest re-enters while the signal holds", () => {
  const dates = [0, 1, 2, 3, 4].map((d) => new Date(Date.UTC(2020, 0, 2 + d)));
  const frame = pl.DataFrame({ date: dates, position: [1, 1, 1, 1, 0] });
  const close = {
    dates: Float64Array.from(dates, (d) => d.getTime() / 86_400_000),
    symbols: ["^GSPC"],
    values: Float64Array.from([100, 80, 85, 90, 95]),
  };
  const s = signalsFromPositions(frame, close);
  assert.equal(s.entries.join(), "1,1,1,1,0");
  assert.equal(s.exits.join(), "0,0,0,0,1");
  const { sim } = runStrategy({ close }, s, { stopLoss: 0.1 });
  // buy at 100, stopped out at 80 (below 90), bought again at 85, sold on the exit at 95
  assert.deepEqual(Array.from(sim.orders.idx), [0, 1, 2, 4]);
  assert.throws(
    () => signalsFromPositions(frame.drop("position"), close),
    /the positions frame has no "position" column/,
  );
});
