/**
 * The features a served model reads, computed from the stored bars with the same code step 02
 * uses (`buildFeatures` over the default catalog), and looked up by symbol and date.
 *
 * Several features carry state along every earlier bar (EMAs and Wilder's smoothing seed once
 * and never forget), so a short trailing window would not give step 02's values: the features
 * of a date are computed over each symbol's whole stored history up to that date. Features
 * never read later bars (tests/features/lookahead_test.ts), so one build over the panel serves
 * every date in it.
 *
 * A symbol the bars do not hold is an {@link UnknownSymbolError}; a date with no features for
 * a known symbol (before enough history, a day the bars have no session, a day after the
 * stored bars end, a symbol without a bar that day) is a {@link MissingInputsError} naming
 * what is missing.
 * @module
 */
import pl from "nodejs-polars";
import { buildFeatures } from "../features/build.ts";
import { catalogSpec, catalogWindows, defaultRegistry } from "../features/catalog.ts";
import type { FeatureRequest } from "../features/registry.ts";
import { floatValues } from "../frames.ts";
import { SYMBOL_FEATURE } from "../models/dataset.ts";
import { dayNumbers, isoFromDay } from "../validation/days.ts";

/** A symbol the stored bars do not hold (HTTP 404). */
export class UnknownSymbolError extends Error {
  /** The unknown symbols. */
  readonly symbols: string[];
  constructor(symbols: string[], known: readonly string[]) {
    const list = known.length > 12 ? `${known.slice(0, 12).join(", ")}, ...` : known.join(", ");
    super(
      `unknown symbol${symbols.length > 1 ? "s" : ""} ${symbols.join(", ")}: the stored bars ` +
        `hold ${known.length} symbols (${list})`,
    );
    this.name = "UnknownSymbolError";
    this.symbols = symbols;
  }
}

/** A date whose features cannot be computed (HTTP 422); `missing` says what is missing. */
export class MissingInputsError extends Error {
  /** One sentence per missing input. */
  readonly missing: string[];
  constructor(missing: string[]) {
    super(`missing inputs: ${missing.join("; ")}`);
    this.name = "MissingInputsError";
    this.missing = missing;
  }
}

/**
 * Returns the step-02 feature requests (default catalog) that give `names`; `symbol_id` is
 * not a computed feature and is skipped. Throws naming a feature the catalog does not make.
 *
 * @example
 * ```ts
 * import { servingFeatureSpec } from "@lib/serving/feature_inputs.ts";
 * const spec = servingFeatureSpec(["rsi_14", "ret_5", "symbol_id"]);
 * if (spec.map((r) => r.kind).join() !== "rsi,ret") throw new Error(JSON.stringify(spec));
 * ```
 */
export function servingFeatureSpec(names: readonly string[]): FeatureRequest[] {
  const spec = catalogSpec(catalogWindows.parse({}));
  const byName = new Map(defaultRegistry.resolveAll(spec).map((f, i) => [f.name, spec[i]]));
  const wanted = names.filter((n) => n !== SYMBOL_FEATURE);
  const unknown = wanted.filter((n) => !byName.has(n));
  if (unknown.length > 0) {
    throw new Error(
      `the model reads feature(s) ${unknown.join(", ")} that step 02's default catalog does ` +
        `not compute; known: ${[...byName.keys()].join(", ")}`,
    );
  }
  return wanted.map((n) => byName.get(n)!);
}

/** Feature rows ready to score: one per (symbol, date). */
export interface InputRows {
  /** Symbol per row. */
  symbol: string[];
  /** Day number (days since 1970-01-01) per row; NaN for a row without a date. */
  day: number[];
  /** Each feature's values, one per row (NaN where missing). */
  columns: Record<string, Float64Array>;
}

/** The features of every stored bar, indexed by symbol and date. */
export interface FeatureTable {
  /** The computed feature names. */
  features: string[];
  /** Symbols of the bars, sorted. */
  symbols: string[];
  /** Distinct dates of the bars (day numbers), ascending: the sessions the bars know. */
  days: Float64Array;
  /** Feature values per column, one per bar (rows in symbol, date order). */
  values: Record<string, Float64Array>;
  /** Row of `symbol|day`. */
  rowOf: Map<string, number>;
  /** First and last row of each symbol. */
  span: Map<string, { first: number; last: number }>;
  /** Day number per row. */
  rowDay: Float64Array;
}

/**
 * Computes `features` (names the default catalog makes; `symbol_id` ignored) for every bar of
 * `panel` (symbol, date, OHLCV) and indexes them. `upTo` (a day number) drops later bars first;
 * `sessions` (ascending day numbers) are the sessions dates are checked against, by default the
 * dates of the bars kept.
 */
export function featureTable(
  panel: pl.DataFrame,
  features: readonly string[],
  upTo?: number,
  sessions?: Float64Array,
): FeatureTable {
  const spec = servingFeatureSpec(features);
  const bars = upTo === undefined
    ? panel
    : panel.filter(pl.col("date").cast(pl.Date).cast(pl.Int32).ltEq(upTo));
  const frame = buildFeatures(bars, spec);
  const names = defaultRegistry.resolveAll(spec).map((f) => f.name);
  const symbol = frame.getColumn("symbol").cast(pl.Utf8).toArray() as string[];
  const rowDay = dayNumbers(frame.getColumn("date"));
  const rowOf = new Map<string, number>();
  const span = new Map<string, { first: number; last: number }>();
  const distinct = new Set<number>();
  for (let i = 0; i < symbol.length; i++) {
    rowOf.set(`${symbol[i]}|${rowDay[i]}`, i);
    distinct.add(rowDay[i]);
    const s = span.get(symbol[i]);
    if (s) s.last = i;
    else span.set(symbol[i], { first: i, last: i });
  }
  const values: Record<string, Float64Array> = {};
  for (const name of names) values[name] = floatValues(frame, name);
  return {
    features: names,
    symbols: [...span.keys()].sort(),
    days: sessions ?? Float64Array.from(distinct).sort(),
    values,
    rowOf,
    span,
    rowDay,
  };
}

/** The latest date of the bars (day number). Throws when there are none. */
export function latestDay(table: FeatureTable): number {
  if (table.days.length === 0) throw new Error("the stored bars are empty");
  return table.days[table.days.length - 1];
}

/** What {@link collectRows} found: the complete rows and, per symbol left out, why. */
export interface CollectedRows {
  /** The rows with every feature. */
  rows: InputRows;
  /** One sentence per symbol without features on the day. */
  missing: string[];
}

/**
 * Returns the feature rows of `symbols` on `day`, leaving out (and saying why) those without
 * complete features. Throws an {@link UnknownSymbolError} for symbols the bars do not hold and
 * a {@link MissingInputsError} when the bars have no session on `day` at all.
 */
export function collectRows(
  table: FeatureTable,
  day: number,
  symbols: readonly string[],
): CollectedRows {
  const unknown = symbols.filter((s) => !table.span.has(s));
  if (unknown.length > 0) throw new UnknownSymbolError(unknown, table.symbols);
  checkSession(table, day);
  const picked: number[] = [];
  const kept: string[] = [];
  const missing: string[] = [];
  for (const s of symbols) {
    const row = table.rowOf.get(`${s}|${day}`);
    const { first, last } = table.span.get(s)!;
    if (row === undefined) {
      missing.push(
        `${s} has no bar on ${isoFromDay(day)} (its bars run from ` +
          `${isoFromDay(table.rowDay[first])} to ${isoFromDay(table.rowDay[last])})`,
      );
      continue;
    }
    const empty = table.features.filter((f) => !Number.isFinite(table.values[f][row]));
    if (empty.length > 0) {
      missing.push(
        `${s} on ${isoFromDay(day)}: ${empty.join(", ")} ${empty.length > 1 ? "are" : "is"} ` +
          `empty (warm-up: ${row - first + 1} bars of ${s} up to that date)`,
      );
      continue;
    }
    picked.push(row);
    kept.push(s);
  }
  const columns: Record<string, Float64Array> = {};
  for (const f of table.features) {
    columns[f] = Float64Array.from(picked, (row) => table.values[f][row]);
  }
  return { rows: { symbol: kept, day: kept.map(() => day), columns }, missing };
}

/**
 * Returns the feature rows of `symbols` on `day`; throws an {@link UnknownSymbolError} or a
 * {@link MissingInputsError} naming every symbol without features (see {@link collectRows}).
 */
export function inputRows(
  table: FeatureTable,
  day: number,
  symbols: readonly string[],
): InputRows {
  const { rows, missing } = collectRows(table, day, symbols);
  if (missing.length > 0) throw new MissingInputsError(missing);
  return rows;
}

function checkSession(table: FeatureTable, day: number): void {
  const { days } = table;
  if (days.length === 0) throw new MissingInputsError(["the stored bars are empty"]);
  const first = days[0];
  const last = days[days.length - 1];
  const iso = isoFromDay(day);
  if (day > last) {
    throw new MissingInputsError([
      `no bars on ${iso}: the stored bars end on ${isoFromDay(last)} (rerun step 01, ` +
      "acquisition, to fetch later sessions)",
    ]);
  }
  if (day < first) {
    throw new MissingInputsError([
      `no bars on ${iso}: the stored bars start on ${isoFromDay(first)}`,
    ]);
  }
  let lo = 0;
  let hi = days.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (days[mid] <= day) lo = mid;
    else hi = mid - 1;
  }
  if (days[lo] !== day) {
    throw new MissingInputsError([
      `${iso} is not a session of the stored bars (no symbol has a bar that day; the session ` +
      `before is ${isoFromDay(days[lo])}, the one after ${isoFromDay(days[lo + 1])})`,
    ]);
  }
}

/**
 * Returns the day number of the ISO date `text` (`YYYY-MM-DD`, a real calendar date). Throws
 * naming `what` otherwise.
 *
 * @example
 * ```ts
 * import { parseDay } from "@lib/serving/feature_inputs.ts";
 * if (parseDay("1970-01-02") !== 1) throw new Error();
 * let refused = false;
 * try { parseDay("2021-02-29"); } catch { refused = true; }
 * if (!refused) throw new Error("2021-02-29 is not a date");
 * ```
 */
export function parseDay(text: string, what = "date"): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = match ? Date.UTC(+match[1], +match[2] - 1, +match[3]) : NaN;
  if (!match || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new Error(`${what} "${text}" is not a calendar date (expected YYYY-MM-DD)`);
  }
  return ms / 86_400_000;
}
