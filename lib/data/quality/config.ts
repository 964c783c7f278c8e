/**
 * The data-quality configuration: one entry per rule with its policy and thresholds, parsed by a
 * zod schema that fills every default, so `qualityConfig.parse({})` is the full default set and a
 * misspelt rule or a policy a rule cannot apply fails at parse time.
 * @module
 */
import { z } from "zod";

/**
 * What happens to rows that fail a rule:
 * - `fail`: the rows are kept and listed, and {@link assertNoFailures} stops the step;
 * - `exclude`: the rows are dropped and listed;
 * - `warn`: the rows are kept unchanged and listed;
 * - `fix`: the rule's repair is applied to the rows, which are listed.
 */
export const POLICIES = ["fail", "exclude", "warn", "fix"] as const;

/** A rule's policy. */
export type Policy = typeof POLICIES[number];

const policy = <P extends Policy>(allowed: readonly [P, ...P[]], fallback: P) =>
  z.enum(allowed).default(fallback as z.util.noUndefined<P>);

/**
 * The schema of the quality configuration. Every rule's policy is restricted to those the rule
 * can apply (there is no repair for a negative volume, so `fix` is refused there). Rules run in
 * the order of the keys; each sees the rows the previous ones left.
 */
export const qualityConfig = z.object({
  /** Columns symbol, date, open, high, low, close, volume exist with their types; always `fail`. */
  required_columns: z.object({ policy: policy(["fail"], "fail") }).strict().default({}),
  /** Rows sorted by symbol then date; `fix` sorts. Defaults to `fix`. */
  unsorted_key: z.object({ policy: policy(["fail", "fix"], "fix") }).strict().default({}),
  /** One row per (symbol, date); `exclude` keeps the first. Defaults to `exclude`. */
  duplicate_key: z.object({ policy: policy(["fail", "exclude", "warn"], "exclude") }).strict()
    .default({}),
  /** No empty cell in a required column. Defaults to `exclude`. */
  null_values: z.object({ policy: policy(["fail", "exclude", "warn"], "exclude") }).strict()
    .default({}),
  /**
   * Rows on days the market was closed: a Saturday or Sunday, or a date missing from the trading
   * calendar when one is given (the benchmark's sessions). Defaults to `exclude`.
   */
  non_trading_day: z.object({ policy: policy(["fail", "exclude", "warn"], "exclude") }).strict()
    .default({}),
  /** open, high, low and close > 0. Defaults to `exclude`. */
  positive_prices: z.object({ policy: policy(["fail", "exclude", "warn"], "exclude") }).strict()
    .default({}),
  /** volume >= 0. Defaults to `exclude`. */
  non_negative_volume: z.object({ policy: policy(["fail", "exclude", "warn"], "exclude") })
    .strict().default({}),
  /** high >= low; `fix` swaps the two. Defaults to `exclude`. */
  high_ge_low: z.object({ policy: policy(["fail", "exclude", "warn", "fix"], "exclude") })
    .strict().default({}),
  /**
   * open and close within [low, high]; `fix` widens high and low to include them. Defaults to
   * `fix`.
   */
  open_close_in_range: z.object({ policy: policy(["fail", "exclude", "warn", "fix"], "fix") })
    .strict().default({}),
  /**
   * Day range (high - low) / close above `maxRange`, the signature of bad ticks (the sample's AMD
   * 2008-09-29: 3.00 .. 6.00 around a close of 4.29); `fix` sets high and low to the larger and
   * smaller of open and close. Defaults to `fix` with `maxRange` 0.5.
   */
  extreme_range: z.object({
    policy: policy(["fail", "exclude", "warn", "fix"], "fix"),
    /** Largest accepted (high - low) / close. Defaults to 0.5. */
    maxRange: z.number().positive().default(0.5),
  }).strict().default({}),
  /**
   * Close-to-close return of a symbol with |return| above `maxAbsReturn` (an unadjusted split
   * shows as -50%). Defaults to `warn` with `maxAbsReturn` 0.4.
   */
  extreme_move: z.object({
    policy: policy(["fail", "exclude", "warn"], "warn"),
    /** Largest accepted |close / previous close - 1|. Defaults to 0.4. */
    maxAbsReturn: z.number().positive().default(0.4),
  }).strict().default({}),
  /** A symbol needs at least `minRows` rows after the rules above. Defaults to `exclude`, 20. */
  min_history: z.object({
    policy: policy(["fail", "exclude", "warn"], "exclude"),
    /** Fewest rows a symbol may have. Defaults to 20. */
    minRows: z.number().int().min(1).default(20),
  }).strict().default({}),
}).strict();

/** The parsed quality configuration (every rule present, every default filled). */
export type QualityConfig = z.infer<typeof qualityConfig>;

/** The configuration as written by a user: any rule or field may be left out. */
export type QualityConfigInput = z.input<typeof qualityConfig>;

/** A rule's name, in the order rules run. */
export type RuleName = keyof QualityConfig;

/** Rule names in the order they run. */
export const RULE_NAMES: readonly RuleName[] = Object.keys(qualityConfig.shape) as RuleName[];

/**
 * Returns the full configuration: defaults overlaid with `input`.
 *
 * @example
 * ```ts
 * import { parseQualityConfig } from "@lib/data/quality/config.ts";
 * const config = parseQualityConfig({ extreme_move: { maxAbsReturn: 0.2 } });
 * if (config.extreme_move.policy !== "warn" || config.extreme_move.maxAbsReturn !== 0.2) {
 *   throw new Error("defaults");
 * }
 * ```
 */
export function parseQualityConfig(input: QualityConfigInput = {}): QualityConfig {
  return qualityConfig.parse(input);
}
