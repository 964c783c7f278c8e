/**
 * The promotion gate: whether a freshly trained challenger may replace the current champion.
 * Rules are typed data (parsed with zod so a misspelt key fails at once) and the gate is a pure
 * function of metrics, drift report and rules, so the decision is reproducible from logged runs.
 * @module
 */
import pl from "nodejs-polars";
import { z } from "zod";

/** Schema of {@link PromotionRules}; unknown keys are rejected. */
export const promotionRulesSchema = z.object({
  /** Metric compared between challenger and champion (a key of their metric records). */
  metric: z.string().min(1),
  /** Whether a `"lower"` or `"higher"` value of `metric` is better. */
  direction: z.enum(["lower", "higher"]),
  /** Improvement over the champion required to promote, in `improvement` units. Defaults to 0. */
  minImprovement: z.number().min(0).default(0),
  /** `"absolute"` (metric units) or `"relative"` (fraction of |champion|). Defaults to absolute. */
  improvement: z.enum(["absolute", "relative"]).default("absolute"),
  /** Largest PSI allowed on any feature of the drift report; unchecked when absent. */
  maxPsi: z.number().min(0).optional(),
  /** Smallest challenger value of `coverageMetric` allowed; unchecked when absent. */
  minCoverage: z.number().min(0).max(1).optional(),
  /** Challenger metric holding interval coverage. Defaults to `coverage_80`. */
  coverageMetric: z.string().min(1).default("coverage_80"),
}).strict();

/** Promotion rules as written in a config (defaults not yet applied). */
export type PromotionRulesInput = z.input<typeof promotionRulesSchema>;
/** Promotion rules with defaults applied. */
export type PromotionRules = z.output<typeof promotionRulesSchema>;

/** Inputs of {@link promotionGate}. */
export interface PromotionInput {
  /** The challenger's metrics (e.g. `{ rmse: 0.021, coverage_80: 0.79 }`). */
  challenger: Readonly<Record<string, number>>;
  /** The champion's metrics; absent or null when there is no champion yet. */
  champion?: Readonly<Record<string, number>> | null;
  /** `driftReport(...)` output (needs `feature` and `psi`); required when `rules.maxPsi` is set. */
  drift?: pl.DataFrame;
  /** The rules, validated with {@link promotionRulesSchema}. */
  rules: PromotionRulesInput;
}

/** One rule's outcome. */
export interface PromotionCheck {
  /** `"metric"`, `"drift"` or `"coverage"`. */
  rule: "metric" | "drift" | "coverage";
  /** Whether this rule allows promotion. */
  passed: boolean;
  /** What was compared, with the numbers. */
  detail: string;
}

/** The gate's decision. */
export interface PromotionDecision {
  /** True when every rule passed. */
  passed: boolean;
  /** The details of the rules that failed (empty when passed). */
  reasons: string[];
  /** Every rule evaluated, passed or not. */
  checks: PromotionCheck[];
}

/**
 * Returns whether the challenger may be promoted and why not. Rules: the challenger's `metric`
 * must beat the champion's by `minImprovement` in the better `direction` (passes when there is
 * no champion); with `maxPsi`, no feature of the drift report may exceed it; with `minCoverage`,
 * the challenger's `coverageMetric` must reach it. A missing or non-finite metric fails its rule.
 * Throws on invalid rules, or `maxPsi` without a drift report.
 *
 * @example
 * ```ts
 * import { promotionGate } from "@lib/models/promotion.ts";
 * const decision = promotionGate({
 *   challenger: { rmse: 0.020, coverage_80: 0.78 },
 *   champion: { rmse: 0.021 },
 *   rules: { metric: "rmse", direction: "lower", minImprovement: 0.0005, minCoverage: 0.8 },
 * });
 * if (decision.passed || decision.reasons.length !== 1) throw new Error("coverage should fail");
 * ```
 */
export function promotionGate(input: PromotionInput): PromotionDecision {
  const parsed = promotionRulesSchema.safeParse(input.rules);
  if (!parsed.success) {
    throw new Error(
      `invalid promotion rules: ${
        parsed.error.issues.map((i) => `${i.path.join(".") || "rules"}: ${i.message}`).join("; ")
      }`,
    );
  }
  const rules = parsed.data;
  const checks: PromotionCheck[] = [metricCheck(input, rules)];
  if (rules.maxPsi !== undefined) checks.push(driftCheck(input.drift, rules.maxPsi));
  if (rules.minCoverage !== undefined) {
    const value = input.challenger[rules.coverageMetric];
    checks.push({
      rule: "coverage",
      passed: Number.isFinite(value) && value >= rules.minCoverage,
      detail: Number.isFinite(value)
        ? `challenger ${rules.coverageMetric} ${fmt(value)} vs minimum ${fmt(rules.minCoverage)}`
        : `challenger has no finite ${rules.coverageMetric}`,
    });
  }
  const reasons = checks.filter((c) => !c.passed).map((c) => c.detail);
  return { passed: reasons.length === 0, reasons, checks };
}

function metricCheck(input: PromotionInput, rules: PromotionRules): PromotionCheck {
  const { metric, direction, minImprovement, improvement } = rules;
  const mine = input.challenger[metric];
  if (!Number.isFinite(mine)) {
    return { rule: "metric", passed: false, detail: `challenger has no finite ${metric}` };
  }
  const champion = input.champion?.[metric];
  if (!input.champion) {
    return {
      rule: "metric",
      passed: true,
      detail: `no champion; challenger ${metric} ${fmt(mine)} is promoted on the other rules`,
    };
  }
  if (!Number.isFinite(champion)) {
    return { rule: "metric", passed: false, detail: `champion has no finite ${metric}` };
  }
  const gain = direction === "lower" ? champion! - mine : mine - champion!;
  const measured = improvement === "relative" ? gain / Math.abs(champion!) : gain;
  const unit = improvement === "relative" ? " (relative)" : "";
  // A strict improvement is required even at minImprovement 0: a tie keeps the champion. The
  // 1e-12 slack keeps float noise (0.02 - 0.0195 = 0.000499..) from failing an exact threshold.
  const passed = Number.isFinite(measured) &&
    (minImprovement > 0 ? measured >= minImprovement - 1e-12 : measured > 0);
  return {
    rule: "metric",
    passed,
    detail: `${metric} (${direction} is better): challenger ${fmt(mine)} vs champion ` +
      `${fmt(champion!)}, improvement ${fmt(measured)}${unit}, required ` +
      `${minImprovement > 0 ? ">= " + fmt(minImprovement) : "> 0"}`,
  };
}

function driftCheck(drift: pl.DataFrame | undefined, maxPsi: number): PromotionCheck {
  if (!drift) throw new Error("rules.maxPsi is set but no drift report was given");
  for (const c of ["feature", "psi"]) {
    if (!drift.columns.includes(c)) throw new Error(`the drift report has no "${c}" column`);
  }
  const features = drift.getColumn("feature").toArray() as string[];
  const psi = drift.getColumn("psi").cast(pl.Float64).toArray() as (number | null)[];
  // A missing PSI counts as drift: the feature could not be compared.
  const over = features
    .map((feature, i) => ({ feature, psi: psi[i] ?? NaN }))
    .filter((r) => !(r.psi <= maxPsi));
  return {
    rule: "drift",
    passed: over.length === 0,
    detail: over.length === 0
      ? `every feature's PSI <= ${fmt(maxPsi)}`
      : `PSI above ${fmt(maxPsi)} on ${over.map((r) => `${r.feature} (${fmt(r.psi)})`).join(", ")}`,
  };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}
