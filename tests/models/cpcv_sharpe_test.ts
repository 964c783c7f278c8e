import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { cpcvReport, cpcvSharpe, longShortReturns } from "@lib/models/cpcv_sharpe.ts";
import { ols } from "@lib/models/linear/ols.ts";
import { seededRandom } from "@lib/models/sample.ts";

Deno.test("longShortReturns takes every h-th date's top third minus bottom third", () => {
  // dates 0, 0, 0, 1, 1, 1, 2, 2, 2 (three symbols), horizon 2: dates 0 and 2 count
  const date = [0, 0, 0, 1, 1, 1, 2, 2, 2];
  const prediction = [0.3, 0.1, 0.2, 9, 9, 9, -1, 1, 0];
  const forward = [0.05, -0.02, 0.01, 7, 7, 7, 0.03, 0.04, 0];
  const out = longShortReturns(date, prediction, forward, 2);
  // date 0: long a (0.05) short b (-0.02) = 0.07; date 2: long b (0.04) short a (0.03) = 0.01
  assert.equal(out.length, 2);
  assert.ok(Math.abs(out[0] - 0.07) < 1e-12 && Math.abs(out[1] - 0.01) < 1e-12);
  // one symbol: the sign of the prediction times its return
  assert.deepEqual(Array.from(longShortReturns([0, 1], [-0.5, 0.5], [0.02, 0.03], 1)), [
    -0.02,
    0.03,
  ]);
});

/** Four symbols x `days` dates whose 5-day return is 0.01 x feature plus `noise` x N(0, 1). */
function panel(days: number, noise: number) {
  const rand = seededRandom(3);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const rows = { symbol: [] as string[], date: [] as Date[], f: [] as number[], y: [] as number[] };
  const ends: Date[] = [];
  for (let d = 0; d < days; d++) {
    for (const s of ["a", "b", "c", "d"]) {
      const f = normal();
      rows.symbol.push(s);
      rows.date.push(new Date(Date.UTC(2020, 0, 1 + d)));
      ends.push(new Date(Date.UTC(2020, 0, 1 + d + 4)));
      rows.f.push(f);
      rows.y.push(0.01 * f + noise * normal());
    }
  }
  const features = pl.DataFrame({ symbol: rows.symbol, date: rows.date, f: rows.f });
  const labels = pl.DataFrame({
    symbol: rows.symbol,
    date: rows.date,
    fwd_ret_5: rows.y,
    label_end_5: ends,
  });
  return { features, labels };
}

Deno.test("cpcvSharpe: a feature that predicts the return gives a positive Sharpe on every path", () => {
  const { features, labels } = panel(240, 0.002);
  const result = cpcvSharpe(features, labels, {
    spec: ols(),
    horizon: 5,
    cpcv: { nGroups: 6, nTestGroups: 2, embargo: 2 },
  });
  assert.ok(!("skipped" in result));
  assert.equal(result.paths.height, 5);
  const s = result.summary.toRecords()[0];
  assert.equal(s.splits, 15);
  assert.equal(s.share_positive, 1);
  assert.ok(Number(s.min) > 2, `min path Sharpe ${s.min}`);
  // each path covers every 5th of the 240 dates once
  assert.deepEqual(result.paths.getColumn("periods").toArray(), [48, 48, 48, 48, 48]);
});

Deno.test("cpcvSharpe on noise spreads around zero; too few dates are skipped with the reason", () => {
  const noise = panel(240, 0.05);
  // labels unrelated to the feature: shuffle the returns across rows
  const labels = noise.labels.withColumns(
    pl.Series("fwd_ret_5", [...noise.labels.getColumn("fwd_ret_5").toArray()].reverse()),
  );
  const result = cpcvSharpe(noise.features, labels, {
    spec: ols(),
    horizon: 5,
    cpcv: { nGroups: 6, nTestGroups: 2 },
  });
  assert.ok(!("skipped" in result));
  const s = result.summary.toRecords()[0];
  assert.ok(Math.abs(Number(s.mean)) < 2, `mean ${s.mean}`);

  const tiny = panel(4, 0.01);
  const report = cpcvReport(tiny.features, tiny.labels, {
    spec: ols(),
    horizon: 5,
    settings: { cpcv: { enabled: true, nGroups: 6, nTestGroups: 2 }, embargo: 0 },
  });
  assert.match(
    report.line,
    /^Skipped: CPCV cannot run on this data: 6 groups need at least 6 dates; got 4\.$/,
  );
  assert.deepEqual(report.metrics, {});
  const off = cpcvReport(tiny.features, tiny.labels, {
    spec: ols(),
    horizon: 5,
    settings: { cpcv: { enabled: false, nGroups: 6, nTestGroups: 2 }, embargo: 0 },
  });
  assert.match(off.line, /CPCV is off/);
});
