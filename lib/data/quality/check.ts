/**
 * Applies the quality rules to a frame of bars under each rule's policy and records every row a
 * rule touched, so nothing is dropped or changed without a line in the report.
 * @module
 */
import pl from "nodejs-polars";
import { concatRows } from "../../frames.ts";
import { BAR_COLUMNS, BAR_TYPES, missingBarColumns } from "../schema.ts";
import { DataError } from "../errors.ts";
import { parseQualityConfig, type Policy, type QualityConfig, type RuleName } from "./config.ts";
import { ROW_RULES, type RuleContext } from "./rules.ts";

/** What was done to the rows that failed a rule. */
export type Action = "failed" | "dropped" | "warned" | "fixed";

const ACTION: Readonly<Record<Policy, Action>> = {
  fail: "failed",
  exclude: "dropped",
  warn: "warned",
  fix: "fixed",
};

/** One rule's outcome in a {@link QualityReport}. */
export interface RuleSummary {
  /** The rule's name. */
  readonly rule: RuleName;
  /** What the rule requires, with its thresholds. */
  readonly description: string;
  /** The configured policy. */
  readonly policy: Policy;
  /** Rows that failed the rule. */
  readonly failures: number;
  /** Symbols with at least one failing row. */
  readonly symbols: number;
  /** What was done to the failing rows. */
  readonly action: Action;
  /** The first failing row as `SYMBOL YYYY-MM-DD`, or null when none failed. */
  readonly example: string | null;
}

/** The outcome of {@link checkBars}: counts, one summary per rule and every failing row. */
export interface QualityReport {
  /** The file or source the bars came from. */
  readonly origin: string;
  /** Rows in the input. */
  readonly rowsChecked: number;
  /** Symbols in the input. */
  readonly symbolsChecked: number;
  /** Rows in the output. */
  readonly rowsKept: number;
  /** Symbols in the output. */
  readonly symbolsKept: number;
  /** One entry per rule, in the order they ran. */
  readonly rules: readonly RuleSummary[];
  /** Every failing row: `symbol`, `date`, `rule`, `action` (a row fails once per rule). */
  readonly issues: pl.DataFrame;
}

/** The checked bars (sorted by symbol then date) and the report of what was done. */
export interface QualityResult {
  /** The bars left after the policies: excluded rows dropped, fixes applied. */
  readonly bars: pl.DataFrame;
  /** What every rule found and did. */
  readonly report: QualityReport;
}

/** Options of {@link checkBars}. */
export interface CheckOptions extends RuleContext {
  /** The file or source the bars came from, for messages. Defaults to "bars". */
  readonly origin?: string;
}

const MASK = "__q_fail";
const ISSUE_SCHEMA = { symbol: pl.Utf8, date: pl.Date, rule: pl.Utf8, action: pl.Utf8 };

/**
 * Checks `bars` against every rule of `config` (defaults for what it leaves out) and applies each
 * rule's policy. Rules run in configuration order and each sees the rows the previous ones left;
 * the output is sorted by symbol then date. Missing or mistyped columns throw a
 * {@link DataError} naming `origin` (there is nothing to check row by row). Rules with policy
 * `fail` only record; call {@link assertNoFailures} on the report to stop on them.
 *
 * @example
 * ```ts
 * import { parseBarsCsv } from "@lib/data/csv.ts";
 * import { checkBars } from "@lib/data/quality/check.ts";
 * const bars = parseBarsCsv(
 *   "symbol,date,open,high,low,close,volume\nA,2024-01-02,10,11,9,10,100\nA,2024-01-03,10,9,11,10,-1\n",
 *   "inline.csv",
 * );
 * const { bars: kept, report } = checkBars(bars, { min_history: { minRows: 1 } });
 * if (kept.height !== 1 || report.issues.height !== 1) throw new Error("one row dropped");
 * ```
 */
export function checkBars(
  bars: pl.DataFrame,
  config: QualityConfig | Parameters<typeof parseQualityConfig>[0] = {},
  options: CheckOptions = {},
): QualityResult {
  const origin = options.origin ?? "bars";
  const full = parseQualityConfig(config);
  assertBarSchema(bars, origin);
  const summaries: RuleSummary[] = [];
  const issues: pl.DataFrame[] = [];
  const record = (rule: RuleName, description: string, failing: pl.DataFrame) => {
    const policy = full[rule].policy as Policy;
    const action = ACTION[policy];
    summaries.push({
      rule,
      description,
      policy,
      failures: failing.height,
      symbols: failing.height === 0 ? 0 : failing.getColumn("symbol").nUnique(),
      action,
      example: failing.height === 0 ? null : rowLabel(failing),
    });
    issues.push(
      failing.select(
        pl.col("symbol"),
        pl.col("date"),
        pl.lit(rule).alias("rule"),
        pl.lit(action).alias("action"),
      ),
    );
  };

  summaries.push({
    rule: "required_columns",
    description: `columns ${BAR_COLUMNS.join(", ")} with their types`,
    policy: "fail",
    failures: 0,
    symbols: 0,
    action: "failed",
    example: null,
  });

  let frame = bars.select(...BAR_COLUMNS);
  // Order is judged on the input as given; later rules (previous close) need it sorted, and under
  // `fail` the step stops anyway, so the frame is sorted whatever the policy.
  const unsorted = frame.filter(unsortedRows());
  record("unsorted_key", "rows sorted by symbol then date (fix: sort)", unsorted);
  frame = frame.sort({ by: ["symbol", "date"], maintainOrder: true });

  for (const rule of ROW_RULES) {
    const policy = full[rule.rule].policy as Policy;
    const prepared = rule.prepare ? rule.prepare(frame, options) : frame;
    const marked = prepared.withColumns(rule.failing(full).fillNull(false).alias(MASK));
    const failing = marked.filter(pl.col(MASK));
    record(rule.rule, rule.describe(full), failing);
    let next = marked;
    if (failing.height > 0 && policy === "exclude") {
      next = marked.filter(pl.col(MASK).not());
    } else if (failing.height > 0 && policy === "fix" && rule.fix) {
      const fixes = Object.entries(rule.fix(full)).map(([column, value]) =>
        pl.when(pl.col(MASK)).then(value).otherwise(pl.col(column)).alias(column)
      );
      next = marked.withColumns(...fixes);
    }
    frame = next.select(...BAR_COLUMNS);
  }

  const issueFrame = issues.length > 0 && issues.some((f) => f.height > 0)
    ? concatRows(issues.filter((f) => f.height > 0)).sort({
      by: ["symbol", "date"],
      maintainOrder: true,
    })
    : pl.DataFrame({}, { schema: ISSUE_SCHEMA });
  return {
    bars: frame,
    report: {
      origin,
      rowsChecked: bars.height,
      symbolsChecked: bars.height === 0 ? 0 : bars.getColumn("symbol").nUnique(),
      rowsKept: frame.height,
      symbolsKept: frame.height === 0 ? 0 : frame.getColumn("symbol").nUnique(),
      rules: summaries,
      issues: issueFrame,
    },
  };
}

/** Throws a {@link DataError} naming `origin` and the missing or mistyped bar columns. */
export function assertBarSchema(bars: pl.DataFrame, origin: string): void {
  const missing = missingBarColumns(bars);
  const schema = bars.schema;
  const wrong = BAR_COLUMNS.filter((c) => c in schema && !schema[c].equals(BAR_TYPES[c]))
    .map((c) => `${c} is ${typeName(schema[c])} (expected ${typeName(BAR_TYPES[c])})`);
  const problems = [
    ...(missing.length > 0 ? [`missing column(s) ${missing.join(", ")}`] : []),
    ...wrong,
  ];
  if (problems.length > 0) {
    throw new DataError(origin, `required_columns: ${problems.join("; ")}`);
  }
}

/** Rows that come before their predecessor in (symbol, date) order. */
function unsortedRows(): pl.Expr {
  const prevSymbol = pl.col("symbol").shift(1);
  return pl.col("symbol").lt(prevSymbol).or(
    pl.col("symbol").eq(prevSymbol).and(pl.col("date").lt(pl.col("date").shift(1))),
  ).fillNull(false);
}

function typeName(type: pl.DataType): string {
  return String(type).replace(/^DataType\((.*)\)$/, "$1");
}

/** `SYMBOL YYYY-MM-DD` of a frame's first row (Series.get does not read Date columns here). */
function rowLabel(rows: pl.DataFrame): string {
  const first = rows.head(1);
  const date: unknown = first.getColumn("date").toArray()[0];
  const day = date instanceof Date ? date.toISOString().slice(0, 10) : String(date);
  return `${first.getColumn("symbol").toArray()[0]} ${day}`;
}
