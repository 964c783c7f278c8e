/**
 * The Newey-West t-statistic of a mean IC against statsmodels' intercept-only HAC fit, on an
 * autocorrelated series like the daily IC of an overlapping 5-day return.
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { icSummary, neweyWestMeanT } from "@lib/analysis/summary.ts";
import { seededRandom } from "@lib/models/sample.ts";
import { projectPath } from "@lib/paths.ts";

/** An AR(1) series with mean 0.03 and coefficient 0.6: overlapping returns look like this. */
function autocorrelated(n: number): number[] {
  const rand = seededRandom(7);
  const out: number[] = [];
  let e = 0;
  for (let i = 0; i < n; i++) {
    e = 0.6 * e + (rand() - 0.5) * 0.2;
    out.push(0.03 + e);
  }
  return out;
}

const PYTHON = `
import json, sys
import numpy as np
import statsmodels.api as sm
spec = json.load(sys.stdin)
y = np.asarray(spec["y"])
out = []
for lags in spec["lags"]:
    r = sm.OLS(y, np.ones((len(y), 1))).fit(cov_type="HAC", cov_kwds={"maxlags": lags})
    out.append([float(r.tvalues[0]), float(r.pvalues[0])])
print(json.dumps(out))
`;

Deno.test("neweyWestMeanT matches statsmodels' HAC fit of a constant", async () => {
  const y = autocorrelated(300);
  const lags = [0, 1, 4, 9];
  const child = new Deno.Command(projectPath(".venv", "bin", "python"), {
    args: ["-c", PYTHON],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify({ y, lags })));
  await writer.close();
  const out = await child.output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const reference = JSON.parse(new TextDecoder().decode(out.stdout)) as [number, number][];
  lags.forEach((l, i) => {
    const ours = neweyWestMeanT(y, l);
    assert.ok(Math.abs(ours.tStat - reference[i][0]) < 1e-9, `lags ${l}: t ${ours.tStat}`);
    assert.ok(Math.abs(ours.pValue - reference[i][1]) < 1e-9, `lags ${l}: p ${ours.pValue}`);
  });
  // positive autocorrelation: the corrected t-statistic is smaller than the uncorrected one
  assert.ok(neweyWestMeanT(y, 4).tStat < neweyWestMeanT(y, 0).tStat);
});

Deno.test("icSummary's t_stat_nw uses horizon - 1 lags", () => {
  const ic = autocorrelated(120);
  const daily = pl.DataFrame({
    date: ic.map((_, i) => i),
    factor: ic.map(() => "f"),
    horizon: ic.map(() => 5),
    pearson: ic,
    spearman: ic,
  });
  const row = icSummary(daily).filter(pl.col("method").eq(pl.lit("spearman"))).toRecords()[0];
  assert.ok(Math.abs(Number(row.t_stat_nw) - neweyWestMeanT(ic, 4).tStat) < 1e-12);
  assert.ok(Number(row.t_stat_nw) < Number(row.t_stat));
});

Deno.test("neweyWestMeanT is NaN when there are too few values for its lags", () => {
  assert.ok(Number.isNaN(neweyWestMeanT([0.1, 0.2, 0.3], 4).tStat));
});
