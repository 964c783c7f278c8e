import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { promotionGate } from "@lib/models/promotion.ts";

const drift = pl.DataFrame({ feature: ["rsi_14", "ret_5"], psi: [0.05, 0.3] });

Deno.test("promotionGate passes a challenger with a lower rmse when lower is better", () => {
  const d = promotionGate({
    challenger: { rmse: 0.020 },
    champion: { rmse: 0.021 },
    rules: { metric: "rmse", direction: "lower" },
  });
  assert.equal(d.passed, true);
  assert.deepEqual(d.reasons, []);
  assert.equal(d.checks.length, 1);
  assert.match(d.checks[0].detail, /challenger 0.02 vs champion 0.021, improvement 0.001/);
});

Deno.test("promotionGate fails a tie or a change in the worse direction", () => {
  const tie = promotionGate({
    challenger: { ic: 0.05 },
    champion: { ic: 0.05 },
    rules: { metric: "ic", direction: "higher" },
  });
  assert.equal(tie.passed, false);
  assert.match(tie.reasons[0], /improvement 0, required > 0/);
  const worse = promotionGate({
    challenger: { ic: 0.04 },
    champion: { ic: 0.05 },
    rules: { metric: "ic", direction: "higher" },
  });
  assert.equal(worse.passed, false);
  assert.match(worse.reasons[0], /improvement -0.01/);
});

Deno.test("promotionGate requires minImprovement, absolute or relative to the champion", () => {
  const base = { challenger: { rmse: 0.0195 }, champion: { rmse: 0.02 } };
  // absolute gain 0.0005
  assert.equal(
    promotionGate({
      ...base,
      rules: { metric: "rmse", direction: "lower", minImprovement: 0.0005 },
    })
      .passed,
    true,
  );
  assert.equal(
    promotionGate({ ...base, rules: { metric: "rmse", direction: "lower", minImprovement: 0.001 } })
      .passed,
    false,
  );
  // relative gain 0.0005 / 0.02 = 2.5%
  const relative = (min: number) =>
    promotionGate({
      ...base,
      rules: { metric: "rmse", direction: "lower", minImprovement: min, improvement: "relative" },
    });
  assert.equal(relative(0.02).passed, true);
  assert.equal(relative(0.03).passed, false);
  assert.match(relative(0.03).reasons[0], /improvement 0.025 \(relative\), required >= 0.03/);
});

Deno.test("promotionGate without a champion decides on the other rules only", () => {
  const d = promotionGate({
    challenger: { rmse: 0.02, coverage_80: 0.82 },
    champion: null,
    rules: { metric: "rmse", direction: "lower", minCoverage: 0.8 },
  });
  assert.equal(d.passed, true);
  assert.match(d.checks[0].detail, /no champion/);
  assert.equal(d.checks[1].rule, "coverage");
});

Deno.test("promotionGate fails on PSI above maxPsi and names the drifted features", () => {
  const d = promotionGate({
    challenger: { rmse: 0.01 },
    champion: { rmse: 0.02 },
    drift,
    rules: { metric: "rmse", direction: "lower", maxPsi: 0.25 },
  });
  assert.equal(d.passed, false);
  assert.deepEqual(d.reasons, ["PSI above 0.25 on ret_5 (0.3)"]);
  const ok = promotionGate({
    challenger: { rmse: 0.01 },
    champion: { rmse: 0.02 },
    drift,
    rules: { metric: "rmse", direction: "lower", maxPsi: 0.3 },
  });
  assert.equal(ok.passed, true);
  // a feature without a PSI cannot be vouched for
  const missing = promotionGate({
    challenger: { rmse: 0.01 },
    drift: pl.DataFrame({ feature: ["a"], psi: [null] }),
    rules: { metric: "rmse", direction: "lower", maxPsi: 1 },
  });
  assert.equal(missing.passed, false);
  assert.throws(
    () =>
      promotionGate({
        challenger: { rmse: 1 },
        rules: { metric: "rmse", direction: "lower", maxPsi: 0.2 },
      }),
    /maxPsi is set but no drift report/,
  );
});

Deno.test("promotionGate fails on coverage below minCoverage and lists every failing rule", () => {
  const d = promotionGate({
    challenger: { rmse: 0.03, coverage_50: 0.4 },
    champion: { rmse: 0.02 },
    drift,
    rules: {
      metric: "rmse",
      direction: "lower",
      maxPsi: 0.1,
      minCoverage: 0.45,
      coverageMetric: "coverage_50",
    },
  });
  assert.equal(d.passed, false);
  assert.equal(d.reasons.length, 3);
  assert.deepEqual(d.checks.map((c) => [c.rule, c.passed]), [
    ["metric", false],
    ["drift", false],
    ["coverage", false],
  ]);
  assert.match(d.reasons[2], /challenger coverage_50 0.4 vs minimum 0.45/);
});

Deno.test("promotionGate fails a missing or NaN metric and rejects invalid rules", () => {
  const noMetric = promotionGate({
    challenger: { mae: 0.01 },
    champion: { rmse: 0.02 },
    rules: { metric: "rmse", direction: "lower", minCoverage: 0.8 },
  });
  assert.deepEqual(noMetric.reasons, [
    "challenger has no finite rmse",
    "challenger has no finite coverage_80",
  ]);
  const nanChampion = promotionGate({
    challenger: { rmse: 0.01 },
    champion: { rmse: NaN },
    rules: { metric: "rmse", direction: "lower" },
  });
  assert.deepEqual(nanChampion.reasons, ["champion has no finite rmse"]);
  assert.throws(
    () =>
      promotionGate({
        challenger: {},
        rules: { metric: "rmse", direction: "down" as "lower" },
      }),
    /invalid promotion rules: direction:/,
  );
  assert.throws(
    () =>
      promotionGate({
        challenger: {},
        rules: { metric: "rmse", direction: "lower", maxPSI: 0.2 } as unknown as {
          metric: string;
          direction: "lower";
        },
      }),
    /invalid promotion rules: .*maxPSI/,
  );
});
