/**
 * Data quality: rules with a policy each (fail, exclude, warn, fix), their zod configuration with
 * defaults, the check that applies them, and the report of what was found and done.
 * @module
 */
export {
  parseQualityConfig,
  POLICIES,
  type Policy,
  type QualityConfig,
  qualityConfig,
  type QualityConfigInput,
  RULE_NAMES,
  type RuleName,
} from "./config.ts";
export { type RuleContext, sessionDates } from "./rules.ts";
export {
  type Action,
  checkBars,
  type CheckOptions,
  type QualityReport,
  type QualityResult,
  type RuleSummary,
} from "./check.ts";
export {
  assertNoFailures,
  failuresBySymbol,
  qualityMetrics,
  type QualityReportJson,
  qualityReportJson,
  type QualityTotals,
  qualityTotals,
  ruleTable,
  writeQualityReports,
} from "./report.ts";
