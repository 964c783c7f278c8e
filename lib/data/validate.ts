/**
 * Checks on daily bars that report, per rule, how many rows fail and an example, without
 * changing or dropping anything: what to do about failures is the caller's decision.
 * @module
 */
import pl from "nodejs-polars";
import { BAR_COLUMNS, BAR_TYPES, missingBarColumns, PRICE_COLUMNS } from "./schema.ts";
import { DataError } from "./errors.ts";

/** The outcome of one rule: failures is null when the rule could not be checked. */
export interface RuleOutcome {
  /** Number of failing rows (columns for the schema rules), or null when skipped. */
  readonly failures: number | null;
  /** The first failing row as `symbol date`, a detail, or why the rule was skipped. */
  readonly example: string | null;
}

/** A validation rule over a frame of bars. */
export interface BarRule {
  /** Short identifier used in reports and metrics, e.g. `high_ge_low`. */
  readonly rule: string;
  /** What the rule requires, in words. */
  readonly description: string;
  /** True for rules that read rows; they are skipped when the schema rules fail. */
  readonly needsSchema: boolean;
  /** Checks `bars` and returns the failures. */
  check(bars: pl.DataFrame): RuleOutcome;
}

function rowRule(rule: string, description: string, failing: () => pl.Expr): BarRule {
  return {
    rule,
    description,
    needsSchema: true,
    check(bars) {
      const bad = bars.filter(failing());
      return { failures: bad.height, example: bad.height > 0 ? rowLabel(bad) : null };
    },
  };
}

function rowLabel(rows: pl.DataFrame): string {
  // Series.get does not support Date columns in nodejs-polars 0.25.2; read through toArray.
  const first = rows.head(1);
  const symbol = first.getColumn("symbol").toArray()[0];
  const date: unknown = first.getColumn("date").toArray()[0];
  return `${symbol} ${date instanceof Date ? date.toISOString().slice(0, 10) : String(date)}`;
}

function typeName(type: pl.DataType): string {
  return String(type).replace(/^DataType\((.*)\)$/, "$1");
}

const key = () => pl.struct([pl.col("symbol"), pl.col("date")]);

/** The rules {@link validateBars} applies, in report order. */
export const BAR_RULES: readonly BarRule[] = [
  {
    rule: "required_columns",
    description: `columns ${BAR_COLUMNS.join(", ")} are present`,
    needsSchema: false,
    check(bars) {
      const missing = missingBarColumns(bars);
      return { failures: missing.length, example: missing.length ? missing.join(", ") : null };
    },
  },
  {
    rule: "column_types",
    description: "symbol is String (Utf8), date is Date, prices and volume are Float64",
    needsSchema: false,
    check(bars) {
      const schema = bars.schema;
      const wrong = BAR_COLUMNS.filter((c) => c in schema && !schema[c].equals(BAR_TYPES[c]))
        .map((c) => `${c}: ${typeName(schema[c])} (expected ${typeName(BAR_TYPES[c])})`);
      return { failures: wrong.length, example: wrong.length ? wrong.join("; ") : null };
    },
  },
  {
    rule: "null_values",
    description: "no empty or unparseable cell in a required column",
    needsSchema: true,
    check(bars) {
      const bad = bars.filter(pl.anyHorizontal(BAR_COLUMNS.map((c) => pl.col(c).isNull())));
      if (bad.height === 0) return { failures: 0, example: null };
      const first = bad.head(1);
      const empty = BAR_COLUMNS.filter((c) => first.getColumn(c).toArray()[0] === null);
      return { failures: bad.height, example: `${rowLabel(first)}: ${empty.join(", ")}` };
    },
  },
  {
    rule: "duplicate_key",
    description: "one row per (symbol, date); counts the repeats after the first",
    needsSchema: true,
    check(bars) {
      const bad = bars.filter(key().isFirstDistinct().not());
      return { failures: bad.height, example: bad.height > 0 ? rowLabel(bad) : null };
    },
  },
  rowRule(
    "unsorted_key",
    "rows sorted by symbol, then date; counts rows that come before their predecessor",
    () =>
      pl.col("symbol").lt(pl.col("symbol").shift(1)).or(
        pl.col("symbol").eq(pl.col("symbol").shift(1)).and(
          pl.col("date").lt(pl.col("date").shift(1)),
        ),
      ),
  ),
  rowRule("high_ge_low", "high >= low", () => pl.col("high").lt(pl.col("low"))),
  rowRule(
    "positive_prices",
    "open, high, low and close > 0",
    () => pl.anyHorizontal(PRICE_COLUMNS.map((c) => pl.col(c).ltEq(0))),
  ),
  rowRule("non_negative_volume", "volume >= 0", () => pl.col("volume").lt(0)),
];

/**
 * Applies `rules` to `bars` and returns one row per rule: `rule`, `description`, `failures`
 * (Int64, null when skipped because columns are missing or mistyped) and `example`.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { validateBars } from "@lib/data/validate.ts";
 * const report = validateBars(pl.DataFrame({ symbol: ["A"] }));
 * if (report.getColumn("failures").get(0) !== 6) throw new Error("six columns are missing");
 * ```
 */
export function validateBars(
  bars: pl.DataFrame,
  rules: readonly BarRule[] = BAR_RULES,
): pl.DataFrame {
  const schemaOk = missingBarColumns(bars).length === 0 &&
    BAR_COLUMNS.every((c) => bars.schema[c].equals(BAR_TYPES[c]));
  const outcomes = rules.map((r): RuleOutcome =>
    r.needsSchema && !schemaOk
      ? { failures: null, example: "skipped: required columns missing or mistyped" }
      : r.check(bars)
  );
  return pl.DataFrame({
    rule: rules.map((r) => r.rule),
    description: rules.map((r) => r.description),
    failures: pl.Series("failures", outcomes.map((o) => o.failures), pl.Int64),
    example: pl.Series("example", outcomes.map((o) => o.example), pl.Utf8),
  });
}

/** Returns the total failures in a report from {@link validateBars} (skipped rules count 1). */
export function totalFailures(report: pl.DataFrame): number {
  const failures = report.getColumn("failures").toArray() as (number | bigint | null)[];
  return failures.reduce<number>((sum, f) => sum + (f === null ? 1 : Number(f)), 0);
}

/** Throws a {@link DataError} naming `origin` and every failing rule when `report` has any. */
export function assertValid(report: pl.DataFrame, origin: string): void {
  const failing = report.filter(pl.col("failures").isNull().or(pl.col("failures").gt(0)));
  if (failing.height === 0) return;
  const lines = (failing.toRecords() as Record<string, unknown>[]).map((r) =>
    `${r.rule}: ${r.failures === null ? "skipped" : `${r.failures} failing`} (${r.example})`
  );
  throw new DataError(origin, `validation failed: ${lines.join("; ")}`);
}
