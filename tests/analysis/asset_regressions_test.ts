import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  assetFactorRegressions,
  equalWeightReturns,
  monthlyReturnsOf,
} from "@lib/analysis/asset_regressions.ts";

/**
 * Two assets over 24 months of 20 days each. Asset "a" earns exactly rf + 0.002 + 1.5 x mkt_rf
 * in every month (spread evenly, compounding back to that monthly return); "b" is 0.5 x mkt_rf.
 */
function fixture() {
  const months: string[] = [];
  const mkt: number[] = [];
  for (let m = 0; m < 24; m++) {
    months.push(
      `2010-${String((m % 12) + 1).padStart(2, "0")}`.replace(
        "2010",
        String(2010 + Math.floor(m / 12)),
      ),
    );
    mkt.push(0.03 * Math.sin(m * 1.7));
  }
  const rf = 0.001;
  const factors = pl.DataFrame({
    month: months,
    mkt_rf: mkt,
    smb: mkt.map((v, i) => 0.01 * Math.cos(i) + 0.1 * v),
    hml: mkt.map((_, i) => 0.01 * Math.sin(3 * i)),
    rf: months.map(() => rf),
  });
  const symbol: string[] = [];
  const date: Date[] = [];
  const close: number[] = [];
  for (
    const [s, f] of [["a", (m: number) => rf + 0.002 + 1.5 * mkt[m]], [
      "b",
      (m: number) => rf + 0.5 * mkt[m],
    ]] as const
  ) {
    let price = 100;
    symbol.push(s);
    date.push(new Date(Date.UTC(2009, 11, 31)));
    close.push(price);
    for (let m = 0; m < 24; m++) {
      const daily = (1 + f(m)) ** (1 / 20);
      const [year, month] = months[m].split("-").map(Number);
      for (let d = 1; d <= 20; d++) {
        price *= daily;
        symbol.push(s);
        date.push(new Date(Date.UTC(year, month - 1, d)));
        close.push(price);
      }
    }
  }
  const panel = pl.DataFrame({ symbol, close }).withColumns(pl.Series("date", date).cast(pl.Date));
  return { panel, factors };
}

Deno.test("assetFactorRegressions recovers each asset's alpha and betas from daily closes", () => {
  const { panel, factors } = fixture();
  const table = assetFactorRegressions(panel, factors);
  assert.deepEqual(table.getColumn("symbol").toArray(), ["a", "a", "b", "b"]);
  assert.deepEqual(table.getColumn("model").toArray(), ["capm", "ff3", "capm", "ff3"]);
  const rows = table.toRecords() as Record<string, number>[];
  assert.ok(Math.abs(rows[0].alpha_annual - 0.024) < 1e-9, String(rows[0].alpha_annual));
  assert.ok(Math.abs(rows[0].beta_mkt_rf - 1.5) < 1e-9);
  assert.ok(Math.abs(rows[1].beta_smb) < 1e-9 && Math.abs(rows[1].beta_hml) < 1e-9);
  assert.ok(Math.abs(rows[2].beta_mkt_rf - 0.5) < 1e-9 && Math.abs(rows[2].alpha_annual) < 1e-9);
  assert.equal(rows[0].months, 24); // the one-day December 2009 month is left out (< 15 days)
});

Deno.test("monthlyReturnsOf drops partial months and assetFactorRegressions names a missing column", () => {
  const { panel } = fixture();
  const daily = panel.filter(pl.col("symbol").eq(pl.lit("a"))).select(
    "date",
    pl.col("close").pctChange().alias("ret"),
  );
  assert.equal(monthlyReturnsOf(daily).height, 24);
  assert.equal(monthlyReturnsOf(daily, "ret", { minDays: 1 }).height, 25);
  assert.throws(
    () => assetFactorRegressions(panel.drop("close"), pl.DataFrame({})),
    /the price panel has no "close" column/,
  );
});

Deno.test("equalWeightReturns is each date's mean of the symbols' daily returns", () => {
  const date = [0, 1, 2].map((d) => new Date(Date.UTC(2020, 0, 2 + d)));
  const panel = pl.DataFrame({
    symbol: ["a", "a", "a", "b", "b", "b"],
    close: [10, 11, 11, 20, 18, 27],
  })
    .withColumns(pl.Series("date", [...date, ...date]).cast(pl.Date));
  const basket = equalWeightReturns(panel);
  assert.deepEqual(basket.getColumn("ret").toArray(), [null, (0.1 - 0.1) / 2, (0 + 0.5) / 2]);
});
