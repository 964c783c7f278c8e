import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { rollingBetaLines } from "@lib/charts/analysis.ts";

Deno.test("rollingBetaLines says there is nothing to draw when no month is past the warm-up", () => {
  const warmUp = pl.DataFrame({
    month: ["2019-01", "2019-02"],
    alpha: [null, null],
    beta_mkt_rf: [null, null],
    r2: [null, null],
  }, { schema: { month: pl.Utf8, alpha: pl.Float64, beta_mkt_rf: pl.Float64, r2: pl.Float64 } });
  const html = rollingBetaLines(warmUp).html;
  assert.match(html, /No loadings to draw: 2 months have returns and factors, none past/);
  assert.ok(!html.includes("<path"), "a line was drawn");
  assert.match(rollingBetaLines(warmUp.head(0)).html, /No loadings to draw: 0 months/);
});
