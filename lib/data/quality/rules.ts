/**
 * The data-quality rules: for each, which rows fail (a boolean polars expression over a frame of
 * bars sorted by symbol then date) and, where a repair exists, the corrected columns. What happens
 * to failing rows is the policy's business (see `checkBars`), not the rule's.
 * @module
 */
import pl from "nodejs-polars";
import { BAR_COLUMNS, PRICE_COLUMNS } from "../schema.ts";
import type { QualityConfig, RuleName } from "./config.ts";

/** What a rule needs besides the bars. */
export interface RuleContext {
  /** Trading sessions (UTC midnight dates); rows on other dates fail `non_trading_day`. */
  readonly calendar?: readonly Date[];
  /**
   * Stock splits (`symbol`, `date`, `ratio`, see corporate_actions.ts): `extreme_move` judges a
   * split day's return on the new basis, so a raw 2-for-1 split is not an extreme move.
   */
  readonly splits?: pl.DataFrame;
}

/** A row rule: failing rows as an expression, with an optional repair. */
export interface RowRule {
  /** The rule's name, as in the configuration and the report. */
  readonly rule: RuleName;
  /** What the rule requires, in words, with the configured thresholds. */
  describe(config: QualityConfig): string;
  /** Adds helper columns (named `__q_*`) the expressions read; they are dropped afterwards. */
  prepare?(bars: pl.DataFrame, context: RuleContext): pl.DataFrame;
  /** True on failing rows; null counts as passing (a null cell is `null_values`' business). */
  failing(config: QualityConfig): pl.Expr;
  /** Replacement columns for failing rows under the `fix` policy, by column name. */
  fix?(config: QualityConfig): Record<string, pl.Expr>;
}

/** Returns the distinct dates of `bars` (e.g. the benchmark's sessions) for a calendar. */
export function sessionDates(bars: pl.DataFrame): Date[] {
  return bars.select(pl.col("date").unique().sort()).getColumn("date")
    .toArray() as unknown as Date[];
}

const col = pl.col;
const TRADING = "__q_trading";
const RATIO = "__q_ratio";

/** The largest and smallest of open and close, the body of a candle. */
const bodyHigh = () =>
  pl.when(col("open").gtEq(col("close"))).then(col("open")).otherwise(col("close"));
const bodyLow = () =>
  pl.when(col("open").ltEq(col("close"))).then(col("open")).otherwise(col("close"));

/**
 * The row rules in the order they run. `required_columns` is checked before them (a frame without
 * its columns cannot be checked row by row) and `unsorted_key` by `checkBars` on the input order.
 */
export const ROW_RULES: readonly RowRule[] = [
  {
    rule: "duplicate_key",
    describe: () => "one row per (symbol, date); the repeats after the first fail",
    failing: () => pl.struct([col("symbol"), col("date")]).isFirstDistinct().not(),
  },
  {
    rule: "null_values",
    describe: () => `no empty or unparseable cell in ${BAR_COLUMNS.join(", ")}`,
    failing: () => pl.anyHorizontal(BAR_COLUMNS.map((c) => col(c).isNull())),
  },
  {
    rule: "non_trading_day",
    describe: () =>
      "the date is a trading session: not a Saturday or Sunday, and in the calendar when given",
    prepare(bars, context) {
      if (!context.calendar) return bars.withColumns(pl.lit(true).alias(TRADING));
      const sessions = pl.DataFrame({ date: [...context.calendar] })
        .withColumns(col("date").cast(pl.Date), pl.lit(true).alias(TRADING))
        .unique({ subset: ["date"] });
      // A left join keeps the left frame's row order.
      return bars.join(sessions, { on: "date", how: "left" });
    },
    failing: () => col("date").dt.weekday().gt(5).or(col(TRADING).isNull()),
  },
  {
    rule: "positive_prices",
    describe: () => "open, high, low and close > 0",
    failing: () => pl.anyHorizontal(PRICE_COLUMNS.map((c) => col(c).ltEq(0))),
  },
  {
    rule: "non_negative_volume",
    describe: () => "volume >= 0",
    failing: () => col("volume").lt(0),
  },
  {
    rule: "high_ge_low",
    describe: () => "high >= low (fix: swap them)",
    failing: () => col("high").lt(col("low")),
    fix: () => ({ high: col("low"), low: col("high") }),
  },
  {
    rule: "open_close_in_range",
    describe: () => "low <= open, close <= high (fix: widen high and low to include them)",
    failing: () =>
      pl.anyHorizontal([
        col("open").gt(col("high")),
        col("close").gt(col("high")),
        col("open").lt(col("low")),
        col("close").lt(col("low")),
      ]),
    fix: () => ({
      high: pl.maxHorizontal([col("high"), col("open"), col("close")]),
      low: pl.minHorizontal([col("low"), col("open"), col("close")]),
    }),
  },
  {
    rule: "extreme_range",
    describe: (c) =>
      `(high - low) / close <= ${c.extreme_range.maxRange} ` +
      "(fix: high and low become the larger and smaller of open and close)",
    failing: (c) => col("high").minus(col("low")).div(col("close")).gt(c.extreme_range.maxRange),
    fix: () => ({ high: bodyHigh(), low: bodyLow() }),
  },
  {
    rule: "extreme_move",
    describe: (c) =>
      `|close / previous close - 1| <= ${c.extreme_move.maxAbsReturn} ` +
      "(on a split day, close x ratio / previous close)",
    prepare(bars, context) {
      if (!context.splits || context.splits.height === 0) {
        return bars.withColumns(pl.lit(1.0).alias(RATIO));
      }
      const ratios = context.splits.select(
        col("symbol"),
        col("date").cast(pl.Date),
        col("ratio").cast(pl.Float64).alias(RATIO),
      ).unique({ subset: ["symbol", "date"] });
      return bars.join(ratios, { on: ["symbol", "date"], how: "left" })
        .withColumns(col(RATIO).fillNull(1.0));
    },
    failing: (c) =>
      col("close").mul(col(RATIO)).div(col("close").shift(1).over("symbol")).minus(1).abs()
        .gt(c.extreme_move.maxAbsReturn),
  },
  {
    rule: "min_history",
    describe: (c) => `each symbol has at least ${c.min_history.minRows} rows`,
    failing: (c) => pl.len().over("symbol").lt(c.min_history.minRows),
  },
];
