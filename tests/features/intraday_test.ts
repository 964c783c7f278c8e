/**
 * Intraday MACD summaries. There is no real minute data offline: these tests run on small
 * generated minute fixtures whose answers follow from the MACD definition.
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  intradayColumns,
  intradayMacdSummary,
  joinDaily,
  macdExpr,
  resampleBars,
} from "@lib/features/mod.ts";

const OPEN = Date.UTC(2024, 0, 2, 9, 30);
const DAY = 86_400_000;

/** Minute bars of one symbol: `closes[d]` are day d's closes from 09:30, one a minute. */
function minuteBars(symbol: string, closes: number[][]): pl.DataFrame {
  const rows = closes.flatMap((day, d) =>
    day.map((close, m) => ({
      symbol,
      timestamp: new Date(OPEN + d * DAY + m * 60_000),
      open: close - 0.1,
      high: close + 0.5,
      low: close - 0.5,
      close,
      volume: 100 + m,
    }))
  );
  return pl.DataFrame(rows).withColumns(pl.col("timestamp").cast(pl.Datetime("ms")));
}

const wave = (n: number, phase = 0) =>
  Array.from({ length: n }, (_, i) => 100 + 3 * Math.sin((i + phase) / 8) + 0.01 * i);

Deno.test("resampleBars(5) takes first open, max high, min low, last close, summed volume", () => {
  const bars = resampleBars(minuteBars("A", [[10, 12, 11, 13, 9, 20]]), 5);
  assert.equal(bars.height, 2);
  const first = bars.toRecords()[0];
  assert.equal(first.open, 10 - 0.1);
  assert.equal(first.high, 13.5);
  assert.equal(first.low, 8.5);
  assert.equal(first.close, 9);
  assert.equal(first.volume, 100 + 101 + 102 + 103 + 104);
  assert.equal((first.timestamp as unknown as Date).getTime(), OPEN);
  assert.equal((bars.toRecords()[1].date as unknown as Date).getTime(), Date.UTC(2024, 0, 2));
});

Deno.test("intradayMacdSummary on 1-minute bars equals the MACD histogram of each day alone", () => {
  const days = [wave(120), wave(120, 40)];
  const summary = intradayMacdSummary(minuteBars("A", days), { barMinutes: 1 });
  const c = intradayColumns(1);
  assert.deepEqual(summary.columns, [
    "symbol",
    "date",
    c.last,
    c.min,
    c.max,
    c.crossUp,
    c.crossDown,
  ]);
  assert.equal(summary.height, 2);
  days.forEach((closes, d) => {
    const hist = pl.DataFrame({ close: closes })
      .select(macdExpr(pl.col("close"), 12, 26, 9).hist.alias("h")).getColumn("h")
      .toArray() as (number | null)[];
    const values = hist.filter((v): v is number => v !== null);
    assert.equal(values.length, 120 - 33);
    let up = 0;
    let down = 0;
    for (let i = 1; i < hist.length; i++) {
      const [p, x] = [hist[i - 1], hist[i]];
      if (p === null || x === null) continue;
      if (p <= 0 && x > 0) up++;
      if (p >= 0 && x < 0) down++;
    }
    const row = summary.toRecords()[d];
    assert.equal(row[c.last], values[values.length - 1]);
    assert.equal(row[c.min], Math.min(...values));
    assert.equal(row[c.max], Math.max(...values));
    assert.equal(row[c.crossUp], up);
    assert.equal(row[c.crossDown], down);
    assert.ok(up + down > 0, "the fixture should cross zero");
  });
});

Deno.test("intradayMacdSummary restarts every day: day 2 does not depend on day 1", () => {
  const day2 = wave(100, 7);
  const a = intradayMacdSummary(minuteBars("A", [wave(100), day2]), {
    barMinutes: 5,
    fast: 3,
    slow: 6,
    signal: 3,
  });
  const b = intradayMacdSummary(minuteBars("A", [wave(100, 50).map((x) => x * 2), day2]), {
    barMinutes: 5,
    fast: 3,
    slow: 6,
    signal: 3,
  });
  assert.ok(a.tail(1).frameEqual(b.tail(1), true));
  assert.ok(!a.head(1).frameEqual(b.head(1), true));
});

Deno.test("a day shorter than the MACD warm-up has null summaries", () => {
  const summary = intradayMacdSummary(minuteBars("A", [wave(20)]), { barMinutes: 1 });
  const c = intradayColumns(1);
  for (const name of [c.last, c.min, c.max, c.crossUp, c.crossDown]) {
    assert.equal(summary.getColumn(name).toArray()[0], null, name);
  }
});

Deno.test("joinDaily keeps every daily row and fills days without minute bars with null", () => {
  const bars = pl.concat([minuteBars("A", [wave(120)]), minuteBars("B", [wave(120, 9)])]);
  const one = intradayMacdSummary(bars, { barMinutes: 1 });
  const five = intradayMacdSummary(bars, { barMinutes: 5, fast: 3, slow: 6, signal: 3 });
  const daily = pl.DataFrame({
    symbol: ["A", "A", "B"],
    date: [
      new Date(Date.UTC(2024, 0, 1)),
      new Date(Date.UTC(2024, 0, 2)),
      new Date(Date.UTC(2024, 0, 2)),
    ],
    ret_1: [null, 0.1, 0.2],
  }).withColumns(pl.col("date").cast(pl.Date));
  const joined = joinDaily(daily, one, five);
  assert.equal(joined.height, 3);
  assert.deepEqual(joined.columns.slice(0, 3), ["symbol", "date", "ret_1"]);
  assert.equal(joined.columns.length, 3 + 5 + 5);
  const last = joined.getColumn("macd_hist_last_5m").toArray();
  assert.equal(last[0], null);
  assert.notEqual(last[1], null);
  assert.notEqual(last[2], null);
  assert.throws(() => joinDaily(joined, one), /already exist/);
});
