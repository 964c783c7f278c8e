/**
 * Many portfolios from entry and exit signals in one pass, with the semantics of vectorbt 1.2.0
 * `Portfolio.from_signals` (its `simulate_from_signals_nb`, ported): long-only, short-only or
 * both directions, all-cash or sized orders, fractional and fixed fees, slippage, stop loss,
 * trailing stop and take profit, per-column or shared cash.
 *
 * Conventions (vectorbt's defaults unless an option says otherwise):
 * - Fill price: the close of the signal bar (`execution: "close"`), or the open of the next bar
 *   (`"next_open"`, which is vectorbt with signals shifted one bar and `price=open`). Slippage
 *   moves it against the trader: buys fill at `price x (1 + slippage)`, sells at
 *   `price x (1 - slippage)`.
 * - Fees are paid at the fill, out of cash: `fees x size x fill price + fixedFees`. An all-cash
 *   buy (size = Infinity) is sized so that price and fees together use the whole cash.
 * - One position per column, no accumulation: an entry while in a position of the same direction
 *   does nothing; an entry and an exit on one bar cancel (`upon*Conflict: "ignore"`); with
 *   `direction: "both"` an exit is a short entry and an opposite entry reverses the position
 *   (`uponOppositeEntry: "reverse"`).
 * - Stops are checked first on each bar after the entry bar, against the entry bar's close
 *   (`stopEntryPrice: "close"`). The stop level is `ref x (1 - slStop)` for a long stop loss,
 *   `ref x (1 + tpStop)` for a long take profit (mirrored for shorts). If the bar opens beyond
 *   the level the stop fills at the open, else if the level lies within [low, high] it fills at
 *   the level, without slippage (`stopExitPrice: "stop"`). The stop loss is checked before the
 *   take profit. Without open, high and low (NaN) the open is the close and the range is the
 *   close, so stops fill at the close. A trailing stop's reference rises to each bar's high
 *   (falls to each low for shorts) after that bar was checked. A stop exit overrides the bar's
 *   signals.
 * - Value is cash plus positions at the close, forward filled (then back filled) over gaps.
 * @module
 */
import {
  CASH,
  DEBT,
  Direction,
  executeOrder,
  FREE_CASH,
  OrderStatus,
  POSITION,
  RES_FEES,
  RES_PRICE,
  RES_SIDE,
  RES_SIZE,
  RES_STATUS,
  SizeType,
  VAL_PRICE,
  VALUE,
} from "./order.ts";
import type { OrderRequest } from "./order.ts";
import { OrderRecordsBuilder } from "./order_records.ts";
import { exitTrades } from "./exit_trades.ts";
import type { Execution, Simulation } from "./simulation.ts";

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
  /** Fill at the signal bar's close or the next bar's open. Defaults to "close". */
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

/**
 * vectorbt `resolve_signal_conflict_nb` for one direction (vectorbt always passes a one-sided
 * direction here): writes the surviving entry and exit flags into `out`.
 */
function resolveConflict(
  position: number,
  entry: boolean,
  exit: boolean,
  mode: number,
  out: Uint8Array,
): void {
  if (entry && exit) {
    if (mode === 1) exit = false;
    else if (mode === 2) entry = false;
    else if ((mode === 3 || mode === 4) && position !== 0) {
      // adjacent keeps the entry (the side of the position), opposite keeps the exit
      if (mode === 3) exit = false;
      else entry = false;
    } else {
      entry = false;
      exit = false;
    }
  }
  out[0] = entry ? 1 : 0;
  out[1] = exit ? 1 : 0;
}

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

/** Returns `x` forward filled, then back filled, per column (`nRows x nCols` row-major). */
export function fillGaps(x: Float64Array, nCols: number): Float64Array {
  const out = x.slice();
  const nRows = x.length / nCols;
  for (let j = 0; j < nCols; j++) {
    let last = NaN;
    let first = -1;
    for (let i = 0; i < nRows; i++) {
      const v = out[i * nCols + j];
      if (v === v) {
        if (first < 0) first = i;
        last = v;
      } else out[i * nCols + j] = last;
    }
    if (first > 0) { for (let i = 0; i < first; i++) out[i * nCols + j] = out[first * nCols + j]; }
  }
  return out;
}

/**
 * Returns the simulation of every column of `input` (see the module notes for the conventions).
 * Columns are independent unless `cashSharing` groups them; with `groupLens` and no cash sharing
 * the groups only sum the columns' values.
 *
 * @example
 * ```ts
 * import { simulateSignals } from "@lib/backtest/simulate_signals.ts";
 * const sim = simulateSignals({
 *   nAssets: 1, close: new Float64Array([10, 11, 12, 9]),
 *   nCols: 1, entries: new Uint8Array([1, 0, 0, 0]), exits: new Uint8Array([0, 0, 1, 0]),
 * }, { initCash: 100, fees: 0.001 });
 * // buys 100 / (10 x 1.001) shares, sells them at 12 less 0.1 % fees
 * const cash = (100 / 10.01) * 12 * 0.999;
 * if (Math.abs(sim.value[3] - cash) > 1e-9 || sim.orders.length !== 2) throw new Error("wrong");
 * ```
 */
export function simulateSignals(
  input: SignalInput,
  options: SimulateSignalsOptions = {},
): Simulation {
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
  const execution = options.execution ?? "close";
  if (execution !== "close" && execution !== "next_open") {
    throw new Error(`execution must be "close" or "next_open"; got ${execution}`);
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

  const open = input.open;
  const high = input.high;
  const low = input.low;
  const filledClose = fillGaps(close, nAssets);
  const price = execution === "next_open" ? open! : close;
  const lag = execution === "next_open" ? 1 : 0;

  const groupOf = new Int32Array(nCols);
  const groupInitCash = new Float64Array(nGroups);
  const value = new Float64Array(nRows * nGroups);
  const records = new OrderRecordsBuilder(Math.min(nRows * nCols, 1 << 16));
  const lastPosition = new Float64Array(nCols);
  const lastDebt = new Float64Array(nCols);
  const lastValPrice = new Float64Array(nCols).fill(NaN);
  const slPrice = new Float64Array(nCols).fill(NaN);
  const slCurr = new Float64Array(nCols).fill(NaN);
  const slTrailOn = new Uint8Array(nCols);
  const tpPrice = new Float64Array(nCols).fill(NaN);
  const tpCurr = new Float64Array(nCols).fill(NaN);
  const priceArr = new Float64Array(nCols);
  const sizeArr = new Float64Array(nCols);
  const sizeTypeArr = new Int8Array(nCols);
  const dirArr = new Int8Array(nCols);
  const slipArr = new Float64Array(nCols);
  const orderValue = new Float64Array(nCols);
  const callSeq = new Int32Array(nCols);
  const s = new Float64Array(6);
  const res = new Float64Array(5);
  const pair = new Uint8Array(2);
  const order: OrderRequest = {
    size: 0,
    price: 0,
    sizeType: 0,
    direction: 0,
    fees,
    fixedFees,
    slippage: 0,
    minSize,
  };

  for (let g = 0, c = 0; g < nGroups; g++) for (let k = 0; k < groupLens[g]; k++) groupOf[c++] = g;
  // vectorbt simulates a group as one unit only when it shares cash; otherwise column by column
  // (which fixes the order of the records), the group only summing the columns' values.
  const unitLens = cashSharing ? groupLens : Array.from({ length: nCols }, () => 1);
  let from = 0;
  for (let u = 0; u < unitLens.length; u++) {
    const len = unitLens[u];
    const to = from + len;
    const g = groupOf[from];
    let cashNow = initCash[u];
    let freeNow = initCash[u];
    groupInitCash[g] += initCash[u];
    for (let i = 0; i < nRows; i++) {
      const sigRow = i - lag;
      for (let col = from; col < to; col++) {
        const p = price[i * nAssets + assetOf[col]];
        priceArr[col] = p;
        if (p === p) lastValPrice[col] = p;
      }

      for (let col = from; col < to; col++) {
        const a = i * nAssets + assetOf[col];
        const positionNow = lastPosition[col];
        let orderPrice = priceArr[col];
        let slip = slippage;
        let stopPrice = NaN;
        if (useStops && (slCurr[col] === slCurr[col] || tpCurr[col] === tpCurr[col])) {
          const cl = close[a];
          let op = open ? open[a] : NaN;
          if (op !== op) op = cl;
          let lo = low ? low[a] : NaN;
          if (lo !== lo) lo = Math.min(op, cl);
          let hi = high ? high[a] : NaN;
          if (hi !== hi) hi = Math.max(op, cl);
          if (slCurr[col] === slCurr[col]) {
            stopPrice = stopHit(positionNow, slPrice[col], slCurr[col], op, lo, hi, true);
          }
          if (stopPrice !== stopPrice && tpCurr[col] === tpCurr[col]) {
            stopPrice = stopHit(positionNow, tpPrice[col], tpCurr[col], op, lo, hi, false);
          }
          if (slCurr[col] === slCurr[col] && slTrailOn[col]) {
            if (positionNow > 0) {
              if (hi > slPrice[col]) slPrice[col] = hi;
            } else if (positionNow < 0) {
              if (lo < slPrice[col]) slPrice[col] = lo;
            }
          }
        }

        let le = false;
        let lx = false;
        let se = false;
        let sx = false;
        if (stopPrice === stopPrice) {
          if (positionNow > 0) lx = true;
          else if (positionNow < 0) sx = true;
          if (stopExit === 0) {
            orderPrice = stopPrice;
            slip = 0;
          } else if (stopExit === 1) orderPrice = stopPrice;
          else if (stopExit === 3) orderPrice = close[a];
        } else if (sigRow >= 0) {
          const at = sigRow * nCols + col;
          const entry = entries[at] === 1;
          const exit = exits[at] === 1;
          if (entry || exit) {
            if (direction === Direction.LongOnly) {
              le = entry;
              lx = exit;
            } else if (direction === Direction.ShortOnly) {
              se = entry;
              sx = exit;
            } else {
              le = entry;
              se = exit;
            }
          }
          if (le || se) {
            resolveConflict(positionNow, le, lx, longConflict, pair);
            le = pair[0] === 1;
            lx = pair[1] === 1;
            resolveConflict(positionNow, se, sx, shortConflict, pair);
            se = pair[0] === 1;
            sx = pair[1] === 1;
            if (le && se) {
              if (dirConflict === 1) se = false;
              else if (dirConflict === 2) le = false;
              else if (dirConflict === 3 || dirConflict === 4) {
                const keepSide = dirConflict === 3;
                if (positionNow > 0) {
                  if (keepSide) se = false;
                  else le = false;
                } else if (positionNow < 0) {
                  if (keepSide) le = false;
                  else se = false;
                } else le = se = false;
              } else le = se = false;
            }
            if (positionNow > 0 && se) {
              if (opposite === 0) se = false;
              else if (opposite === 1) {
                se = false;
                lx = true;
              }
            }
            if (positionNow < 0 && le) {
              if (opposite === 0) le = false;
              else if (opposite === 1) {
                le = false;
                sx = true;
              }
            }
          }
        }

        // signals_to_size_nb with accumulation disabled
        let oSize = 0;
        let oType = sizeType;
        let oDir: number = Direction.Both;
        const absPos = Math.abs(positionNow);
        if (positionNow > 0) {
          if (se) {
            oSize = -absPos;
            if (sizeType === SizeType.Value) oSize -= size / lastValPrice[col];
            else oSize -= size;
            oType = SizeType.Amount;
          } else if (lx) {
            oDir = Direction.LongOnly;
            oSize = -absPos;
            oType = SizeType.Amount;
          } else if (le) oDir = Direction.LongOnly;
        } else if (positionNow < 0) {
          if (le) {
            oSize = absPos;
            if (sizeType === SizeType.Value) oSize += size / lastValPrice[col];
            else oSize += size;
            oType = SizeType.Amount;
          } else if (sx) {
            oDir = Direction.ShortOnly;
            oSize = absPos;
            oType = SizeType.Amount;
          } else if (se) oDir = Direction.ShortOnly;
        } else if (le) oSize = size;
        else if (se) oSize = -size;

        priceArr[col] = orderPrice;
        slipArr[col] = slip;
        sizeArr[col] = oSize;
        sizeTypeArr[col] = oType;
        dirArr[col] = oDir;
        if (cashSharing) {
          const k = col - from;
          if (oSize === 0) orderValue[k] = 0;
          else if (oType === SizeType.Amount) orderValue[k] = oSize * lastValPrice[col];
          else if (oType === SizeType.Value) orderValue[k] = oSize;
          else if (oSize >= 0) orderValue[k] = oSize * cashNow;
          else if (oDir === Direction.LongOnly) {
            orderValue[k] = oSize * positionNow * lastValPrice[col];
          } else {
            orderValue[k] = oSize *
              (2 * Math.max(positionNow * lastValPrice[col], 0) + Math.max(freeNow, 0));
          }
        }
      }

      let groupValueNow = 0;
      if (cashSharing) {
        for (let k = 0; k < len; k++) callSeq[k] = k;
        if (autoCallSeq) insertArgsort(orderValue, callSeq, len);
        groupValueNow = cashNow;
        for (let col = from; col < to; col++) {
          if (lastPosition[col] !== 0) groupValueNow += lastPosition[col] * lastValPrice[col];
        }
      }

      for (let k = 0; k < len; k++) {
        const col = from + (cashSharing ? callSeq[k] : k);
        let oSize = sizeArr[col];
        if (oSize === 0) continue;
        const positionBefore = lastPosition[col];
        s[CASH] = cashNow;
        s[FREE_CASH] = freeNow;
        s[POSITION] = positionBefore;
        s[DEBT] = lastDebt[col];
        s[VAL_PRICE] = lastValPrice[col];
        s[VALUE] = cashSharing
          ? groupValueNow
          : s[CASH] + (positionBefore !== 0 ? positionBefore * lastValPrice[col] : 0);
        const dir = dirArr[col];
        if (dir === Direction.ShortOnly) oSize = -oSize;
        order.size = oSize;
        order.price = priceArr[col];
        order.sizeType = sizeTypeArr[col];
        order.direction = dir;
        order.slippage = slipArr[col];
        executeOrder(s, res, order);
        cashNow = s[CASH];
        freeNow = s[FREE_CASH];
        const positionNow = s[POSITION];
        lastPosition[col] = positionNow;
        lastDebt[col] = s[DEBT];
        if (res[RES_STATUS] !== OrderStatus.Filled) continue;
        records.push(col, i, res[RES_SIZE], res[RES_PRICE], res[RES_FEES], res[RES_SIDE]);
        if (!useStops) continue;
        if (positionNow === 0) {
          slPrice[col] =
            slCurr[col] =
            tpPrice[col] =
            tpCurr[col] =
              NaN;
          slTrailOn[col] = 0;
        } else if (positionBefore === 0 || Math.sign(positionNow) !== Math.sign(positionBefore)) {
          const ref = stopEntry === "close"
            ? close[i * nAssets + assetOf[col]]
            : stopEntry === "fill"
            ? res[RES_PRICE]
            : order.price;
          slPrice[col] = tpPrice[col] = ref;
          slCurr[col] = slStop ? slStop[col] : NaN;
          slTrailOn[col] = slTrail[col];
          tpCurr[col] = tpStop ? tpStop[col] : NaN;
        }
      }

      const row = i * nAssets;
      let v = cashNow;
      for (let col = from; col < to; col++) {
        const pos = lastPosition[col];
        if (pos !== 0) v += pos * filledClose[row + assetOf[col]];
      }
      value[i * nGroups + g] += v;
    }
    from = to;
  }

  const orders = records.build();
  const last = nRows - 1;
  const trades = exitTrades(orders, nCols, (c) => filledClose[last * nAssets + assetOf[c]], last);
  return {
    nRows,
    nCols,
    nGroups,
    groupOf,
    cashSharing,
    execution,
    initCash: groupInitCash,
    orders,
    trades,
    value,
  };
}

/**
 * Returns where a stop triggers on a bar (vectorbt `get_stop_price_nb`): the open if the bar
 * opened beyond the level, the level if it lies within [low, high], else NaN.
 */
function stopHit(
  position: number,
  ref: number,
  stop: number,
  open: number,
  low: number,
  high: number,
  hitBelow: boolean,
): number {
  if ((position > 0 && hitBelow) || (position < 0 && !hitBelow)) {
    const level = ref * (1 - stop);
    if (open <= level) return open;
    if (low <= level && level <= high) return level;
    return NaN;
  }
  if ((position < 0 && hitBelow) || (position > 0 && !hitBelow)) {
    const level = ref * (1 + stop);
    if (level <= open) return open;
    if (low <= level && level <= high) return level;
    return NaN;
  }
  return NaN;
}

/** Stable insertion argsort of `a[0..n)` carrying `idx` along (vectorbt `insert_argsort_nb`). */
export function insertArgsort(a: Float64Array, idx: Int32Array, n: number): void {
  for (let j = 1; j < n; j++) {
    const aj = a[j];
    const ij = idx[j];
    let i = j - 1;
    while (i >= 0 && (a[i] > aj || a[i] !== a[i])) {
      a[i + 1] = a[i];
      idx[i + 1] = idx[i];
      i--;
    }
    a[i + 1] = aj;
    idx[i + 1] = ij;
  }
}
