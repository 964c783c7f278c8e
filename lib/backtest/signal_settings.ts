/**
 * The inputs and options of {@link simulateSignals}, and their checked, resolved form (enums as
 * numbers, per-column stops, group lengths, starting cash per cash unit).
 * @module
 */
import { Direction, SizeType } from "./order.ts";
import { type Execution, EXECUTIONS } from "./simulation.ts";

/** Prices (bars x assets, row-major) and signals (bars x columns, row-major). */
export interface SignalInput {
  /** Number of price columns (assets). */
  nAssets: number;
  /** Closes, `nRows x nAssets`; NaN = no price that bar (no fill). */
  close: Float64Array;
  /** Opens; required by `execution: "next_open"`, used by stops. */
  open?: Float64Array;
  /** Highs, used by stops. */
  high?: Float64Array;
  /** Lows, used by stops. */
  low?: Float64Array;
  /** Number of simulated columns. */
  nCols: number;
  /** 1 where a column enters, `nRows x nCols`. */
  entries: Uint8Array;
  /** 1 where a column exits, `nRows x nCols`. */
  exits: Uint8Array;
  /** Price column of each simulated column. Defaults to column j trading asset j. */
  assetOf?: Int32Array;
}

/** What to do when an entry and an exit of one direction fall on one bar. */
export type ConflictMode = "ignore" | "entry" | "exit" | "adjacent" | "opposite";
/** What to do when a long and a short entry fall on one bar. */
export type DirConflictMode = "ignore" | "long" | "short" | "adjacent" | "opposite";

/** Options of {@link simulateSignals}; the defaults are vectorbt's except `initCash`. */
export interface SimulateSignalsOptions {
  /** `longonly`, `shortonly` or `both` (entries long, exits short). Defaults to "longonly". */
  direction?: "longonly" | "shortonly" | "both";
  /** Order size; Infinity = all available cash. Defaults to Infinity. */
  size?: number;
  /** Unit of `size`: shares, cash value, or fraction of cash. Defaults to "amount". */
  sizeType?: "amount" | "value" | "percent";
  /** Fee as a fraction of each fill's value (10 bps = 0.001). Defaults to 0. */
  fees?: number;
  /** Fee per fill in cash. Defaults to 0. */
  fixedFees?: number;
  /** Fraction of the price paid above (buys) or received below (sells). Defaults to 0. */
  slippage?: number;
  /** Smallest fill; smaller ones are rejected. Defaults to 1e-8 (vectorbt). */
  minSize?: number;
  /** Starting cash per column, or per group with `cashSharing`. Defaults to 10,000. */
  initCash?: number | Float64Array;
  /**
   * Fill at the signal bar's close (`same_close`, vectorbt's default), the next bar's open or
   * the next bar's close. Defaults to "same_close".
   */
  execution?: Execution;
  /** Stop loss as a fraction of the entry reference, per column or for all. Defaults to none. */
  slStop?: number | Float64Array;
  /** Whether the stop loss trails the high (long) or low (short). Defaults to false. */
  slTrail?: boolean | Uint8Array;
  /** Take profit as a fraction of the entry reference. Defaults to none. */
  tpStop?: number | Float64Array;
  /** Stop reference: entry bar close, fill price, or order price. Defaults to "close". */
  stopEntryPrice?: "close" | "fill" | "price";
  /**
   * Stop fill: `stop` (the level, or the open on a gap; no slippage), `stop_market` (same with
   * slippage), `price` (the execution price of the bar), `close`. Defaults to "stop".
   */
  stopExitPrice?: "stop" | "stop_market" | "price" | "close";
  /** Entry and long exit on one bar. Defaults to "ignore". */
  uponLongConflict?: ConflictMode;
  /** Short entry and short exit on one bar. Defaults to "ignore". */
  uponShortConflict?: ConflictMode;
  /** Long and short entry on one bar. Defaults to "ignore". */
  uponDirConflict?: DirConflictMode;
  /** Entry against an open position: ignore it, close, or reverse. Defaults to "reverse". */
  uponOppositeEntry?: "ignore" | "close" | "reverse";
  /** Lengths of contiguous column groups (summing to nCols). Defaults to one group per column. */
  groupLens?: readonly number[];
  /** Whether a group's columns share one cash balance. Defaults to false. */
  cashSharing?: boolean;
  /** Order of a shared-cash group's columns within a bar: "auto" sells first. Defaults to "default". */
  callSeq?: "default" | "auto";
}

const CONFLICT: Record<ConflictMode, number> = {
  ignore: 0,
  entry: 1,
  exit: 2,
  adjacent: 3,
  opposite: 4,
};
const DIR_CONFLICT: Record<DirConflictMode, number> = {
  ignore: 0,
  long: 1,
  short: 2,
  adjacent: 3,
  opposite: 4,
};
const OPPOSITE = { ignore: 0, close: 1, reverse: 3 } as const;
const DIRECTION = { longonly: 0, shortonly: 1, both: 2 } as const;
const SIZE_TYPE = { amount: 0, value: 1, percent: 2 } as const;
const STOP_EXIT = { stop: 0, stop_market: 1, price: 2, close: 3 } as const;

function perColumn(
  name: string,
  v: number | Float64Array | undefined,
  nCols: number,
): Float64Array | null {
  if (v === undefined) return null;
  if (typeof v === "number") {
    if (Number.isNaN(v)) return null;
    if (!(v >= 0)) throw new Error(`${name} must be >= 0; got ${v}`);
    return new Float64Array(nCols).fill(v);
  }
  if (v.length !== nCols) {
    throw new Error(`${name} has ${v.length} values; expected one per column (${nCols})`);
  }
  for (const x of v) if (x < 0) throw new Error(`${name} must be >= 0; got ${x}`);
  return v;
}

function checkFraction(name: string, v: number, max = Infinity): number {
  if (!(v >= 0 && v < max) || !Number.isFinite(v)) {
    throw new Error(
      `${name} must be finite, >= 0${max < Infinity ? ` and < ${max}` : ""}; got ${v}`,
    );
  }
  return v;
}

/** The checked options of a signal simulation, as the simulation loop reads them. */
export interface SignalSettings {
  /** Number of bars. */
  nRows: number;
  /** Price column of each simulated column. */
  assetOf: Int32Array;
  /** When a signal fills ({@link Execution}). */
  execution: Execution;
  /** {@link Direction} of the signals. */
  direction: number;
  /** Order size (Infinity = all cash). */
  size: number;
  /** {@link SizeType} of `size`. */
  sizeType: number;
  /** Fee as a fraction of each fill's value. */
  fees: number;
  /** Fee per fill in cash. */
  fixedFees: number;
  /** Fraction of the price paid above (buys) or received below (sells). */
  slippage: number;
  /** Smallest fill. */
  minSize: number;
  /** Long entry/exit conflict mode (0 ignore, 1 entry, 2 exit, 3 adjacent, 4 opposite). */
  longConflict: number;
  /** Short entry/exit conflict mode, numbered as `longConflict`. */
  shortConflict: number;
  /** Long/short entry conflict mode (0 ignore, 1 long, 2 short, 3 adjacent, 4 opposite). */
  dirConflict: number;
  /** Entry against a position: 0 ignore, 1 close, 3 reverse. */
  opposite: number;
  /** Stop fill: 0 stop, 1 stop_market, 2 price, 3 close. */
  stopExit: number;
  /** Stop reference price. */
  stopEntry: "close" | "fill" | "price";
  /** Stop loss per column, or null for none. */
  slStop: Float64Array | null;
  /** Take profit per column, or null for none. */
  tpStop: Float64Array | null;
  /** 1 where a column's stop loss trails. */
  slTrail: Uint8Array;
  /** Whether any stop is set. */
  useStops: boolean;
  /** Lengths of contiguous column groups. */
  groupLens: readonly number[];
  /** Number of groups. */
  nGroups: number;
  /** Whether a group's columns share one cash balance. */
  cashSharing: boolean;
  /** Whether a shared-cash group sells before it buys within a bar. */
  autoCallSeq: boolean;
  /** Starting cash per group (with cash sharing) or per column. */
  initCash: Float64Array;
}

/** Returns the settings of a simulation of `input` under `options`, or throws on a bad value. */
export function signalSettings(
  input: SignalInput,
  options: SimulateSignalsOptions,
): SignalSettings {
  const { nAssets, nCols, close, entries, exits } = input;
  if (!(nAssets >= 1) || close.length % nAssets !== 0) {
    throw new Error(`close has ${close.length} values, not a multiple of nAssets (${nAssets})`);
  }
  const nRows = close.length / nAssets;
  if (nRows === 0) throw new Error("close is empty");
  if (entries.length !== nRows * nCols || exits.length !== nRows * nCols) {
    throw new Error(
      `entries/exits have ${entries.length}/${exits.length} values; expected ${nRows} bars x ${nCols} columns`,
    );
  }
  const assetOf = input.assetOf ?? Int32Array.from({ length: nCols }, (_, j) => j);
  if (assetOf.length !== nCols) {
    throw new Error(`assetOf has ${assetOf.length} values, not ${nCols}`);
  }
  for (const a of assetOf) {
    if (!(a >= 0 && a < nAssets)) throw new Error(`assetOf points to asset ${a} of ${nAssets}`);
  }
  for (
    const [name, arr] of [["open", input.open], ["high", input.high], ["low", input.low]] as const
  ) {
    if (arr && arr.length !== close.length) {
      throw new Error(`${name} has ${arr.length} values; close has ${close.length}`);
    }
  }
  const execution = options.execution ?? "same_close";
  if (!EXECUTIONS.includes(execution)) {
    throw new Error(`execution must be one of ${EXECUTIONS.join(", ")}; got ${execution}`);
  }
  if (execution === "next_open" && !input.open) {
    throw new Error('execution "next_open" needs open prices');
  }
  const direction = DIRECTION[options.direction ?? "longonly"];
  if (direction === undefined) throw new Error(`unknown direction "${options.direction}"`);
  const size = options.size ?? Infinity;
  if (!(size >= 0)) throw new Error(`size must be >= 0; got ${size}`);
  const sizeType = SIZE_TYPE[options.sizeType ?? "amount"];
  if (sizeType === undefined) throw new Error(`unknown sizeType "${options.sizeType}"`);
  if (sizeType === SizeType.Percent && direction === Direction.Both) {
    throw new Error(
      'sizeType "percent" cannot reverse positions; use direction longonly/shortonly',
    );
  }
  const fees = checkFraction("fees", options.fees ?? 0, 1);
  const fixedFees = checkFraction("fixedFees", options.fixedFees ?? 0);
  const slippage = checkFraction("slippage", options.slippage ?? 0, 1);
  const minSize = checkFraction("minSize", options.minSize ?? 1e-8);
  const longConflict = CONFLICT[options.uponLongConflict ?? "ignore"];
  const shortConflict = CONFLICT[options.uponShortConflict ?? "ignore"];
  const dirConflict = DIR_CONFLICT[options.uponDirConflict ?? "ignore"];
  const opposite = OPPOSITE[options.uponOppositeEntry ?? "reverse"];
  const stopExit = STOP_EXIT[options.stopExitPrice ?? "stop"];
  const stopEntry = options.stopEntryPrice ?? "close";
  for (
    const [name, v] of [
      ["uponLongConflict", longConflict],
      ["uponShortConflict", shortConflict],
      ["uponDirConflict", dirConflict],
      ["uponOppositeEntry", opposite],
      ["stopExitPrice", stopExit],
    ] as const
  ) if (v === undefined) throw new Error(`unknown ${name}`);
  if (!["close", "fill", "price"].includes(stopEntry)) {
    throw new Error(`unknown stopEntryPrice "${stopEntry}"`);
  }

  const slStop = perColumn("slStop", options.slStop, nCols);
  const tpStop = perColumn("tpStop", options.tpStop, nCols);
  const slTrail = typeof options.slTrail === "object"
    ? options.slTrail
    : new Uint8Array(nCols).fill(options.slTrail ? 1 : 0);
  if (slTrail.length !== nCols) {
    throw new Error(`slTrail has ${slTrail.length} values, not ${nCols}`);
  }
  const useStops = slStop !== null || tpStop !== null;

  const groupLens = options.groupLens ?? Array.from({ length: nCols }, () => 1);
  if (groupLens.reduce((a, b) => a + b, 0) !== nCols || groupLens.some((g) => !(g >= 1))) {
    throw new Error(`groupLens (${groupLens.join(", ")}) must be >= 1 and sum to ${nCols}`);
  }
  const nGroups = groupLens.length;
  const cashSharing = options.cashSharing ?? false;
  const autoCallSeq = (options.callSeq ?? "default") === "auto";
  const nCash = cashSharing ? nGroups : nCols;
  const initCashOpt = options.initCash ?? 10_000;
  const initCash = typeof initCashOpt === "number"
    ? new Float64Array(nCash).fill(initCashOpt)
    : initCashOpt;
  if (initCash.length !== nCash) {
    throw new Error(
      `initCash has ${initCash.length} values; expected ${nCash} (one per ${
        cashSharing ? "group" : "column"
      })`,
    );
  }
  for (const c of initCash) {
    if (!(c > 0) || !Number.isFinite(c)) throw new Error(`initCash must be positive; got ${c}`);
  }

  return {
    nRows,
    assetOf,
    execution,
    direction,
    size,
    sizeType,
    fees,
    fixedFees,
    slippage,
    minSize,
    longConflict,
    shortConflict,
    dirConflict,
    opposite,
    stopExit,
    stopEntry,
    slStop,
    tpStop,
    slTrail,
    useStops,
    groupLens,
    nGroups,
    cashSharing,
    autoCallSeq,
    initCash,
  };
}
