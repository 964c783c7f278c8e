import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { driftChart } from "@lib/charts/drift.ts";
import { markCount } from "./snapshot.ts";

const report = pl.DataFrame({
  feature: ["rsi_14", "ret_5", "vol_20"],
  psi: [0.02, 0.4, 0.15],
  status: ["ok", "alert", "warn"],
});

Deno.test("driftChart draws a PSI bar per feature, largest first, with warn and alert rules", () => {
  const html = driftChart(report).html;
  assert.match(html, /<h2>Feature drift \(PSI, training window vs latest\)<\/h2>/);
  assert.equal(markCount(html, "bar", "rect"), 3);
  assert.equal(markCount(html, "rule", "line"), 3); // warn, alert and the zero line
  assert.match(html, />warn 0.1</);
  assert.match(html, />alert 0.25</);
  assert.match(html, /Population stability index \(unitless\)/);
  // y domain order: ret_5 (0.4), vol_20 (0.15), rsi_14 (0.02)
  const order = ["ret_5", "vol_20", "rsi_14"].map((f) => html.indexOf(`>${f}<`));
  assert.ok(order.every((p) => p > 0) && order[0] < order[1] && order[1] < order[2], `${order}`);
  // bars coloured by status: the legend lists all three
  for (const s of ["ok", "warn", "alert"]) {
    assert.match(html, new RegExp(`swatch[^>]*>.*?${s}`, "s"));
  }
});

Deno.test("driftChart uses the thresholds it is given and rejects a report without psi", () => {
  const html = driftChart(report, { psiWarn: 0.2, psiAlert: 0.5 }).html;
  assert.match(html, />warn 0.2</);
  assert.match(html, />alert 0.5</);
  assert.throws(() => driftChart(pl.DataFrame({ feature: ["a"] })), /no "psi" column/);
  assert.throws(() => driftChart(report.head(0)), /no rows/);
});
