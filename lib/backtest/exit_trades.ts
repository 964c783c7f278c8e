/**
 * Exit trades from order records, ported from vectorbt 1.2.0 `get_exit_trades_nb` (the default
 * `trades_type='exittrades'`): every order that reduces or closes a position ends one trade, whose
 * entry price is the size-weighted average of the orders that built the position and whose entry
 * fees are the matching fraction of theirs. A reversal closes the trade and opens the next with
 * the rest of the order. A position still held at the end is an open trade valued at the last
 * close, without exit fees.
 * @module
 */
import { isClose, isCloseOrLess, isLess, OrderSide } from "./order.ts";
import type { OrderRecords } from "./order_records.ts";
import { ordersByColumn } from "./order_records.ts";

/** Columnar exit-trade records (vectorbt's `trade_dt`). */
export interface TradeRecords {
  /** Number of trades. */
  readonly length: number;
  /** Column of each trade. */
  readonly col: Int32Array;
  /** Size closed by the trade. */
  readonly size: Float64Array;
  /** Row of the order that opened the position. */
  readonly entryIdx: Int32Array;
  /** Size-weighted average entry price (slippage included). */
  readonly entryPrice: Float64Array;
  /** Share of the entry fees attributable to this trade's size. */
  readonly entryFees: Float64Array;
  /** Row of the closing order; the last row for an open trade. */
  readonly exitIdx: Int32Array;
  /** Exit fill price; the last close for an open trade. */
  readonly exitPrice: Float64Array;
  /** Exit fees (0 for an open trade). */
  readonly exitFees: Float64Array;
  /** `(exit - entry) x size` (sign flipped for shorts) minus entry and exit fees. */
  readonly pnl: Float64Array;
  /** `pnl / (size x entryPrice)`. */
  readonly return: Float64Array;
  /** 0 = long, 1 = short. */
  readonly direction: Uint8Array;
  /** 0 = open, 1 = closed. */
  readonly status: Uint8Array;
  /** Index of the position the trade belongs to (vectorbt `parent_id`). */
  readonly parentId: Int32Array;
}

/**
 * Returns the exit trades of `orders` over `nCols` columns; `lastClose(col)` is the price an open
 * trade is marked at and `lastRow` its exit row.
 *
 * @example
 * ```ts
 * import { exitTrades } from "@lib/backtest/exit_trades.ts";
 * const orders = { length: 2, col: new Int32Array([0, 0]), idx: new Int32Array([0, 2]),
 *   size: new Float64Array([1, 1]), price: new Float64Array([10, 12]), fees: new Float64Array([0.1, 0.1]),
 *   side: new Uint8Array([0, 1]) };
 * const t = exitTrades(orders, 1, () => 12, 3);
 * if (Math.abs(t.pnl[0] - 1.8) > 1e-12 || t.status[0] !== 1) throw new Error("wrong");
 * ```
 */
export function exitTrades(
  orders: OrderRecords,
  nCols: number,
  lastClose: (col: number) => number,
  lastRow: number,
): TradeRecords {
  const cap = orders.length + nCols;
  const col = new Int32Array(cap);
  const size = new Float64Array(cap);
  const entryIdx = new Int32Array(cap);
  const entryPrice = new Float64Array(cap);
  const entryFees = new Float64Array(cap);
  const exitIdx = new Int32Array(cap);
  const exitPrice = new Float64Array(cap);
  const exitFees = new Float64Array(cap);
  const pnl = new Float64Array(cap);
  const ret = new Float64Array(cap);
  const direction = new Uint8Array(cap);
  const status = new Uint8Array(cap);
  const parentId = new Int32Array(cap);
  let n = 0;
  let parent = -1;
  const fill = (
    c: number,
    sz: number,
    eIdx: number,
    ePrice: number,
    eFees: number,
    xIdx: number,
    xPrice: number,
    xFees: number,
    dir: number,
    st: number,
  ) => {
    const entryVal = sz * ePrice;
    let diff = sz * xPrice - entryVal;
    // vectorbt's add_nb: a difference within tolerance of zero is exactly zero.
    if (isClose(Math.abs(sz * xPrice), Math.abs(entryVal))) diff = 0;
    if (diff !== 0 && dir === 1) diff = -diff;
    const p = diff - eFees - xFees;
    col[n] = c;
    size[n] = sz;
    entryIdx[n] = eIdx;
    entryPrice[n] = ePrice;
    entryFees[n] = eFees;
    exitIdx[n] = xIdx;
    exitPrice[n] = xPrice;
    exitFees[n] = xFees;
    pnl[n] = p;
    ret[n] = p / entryVal;
    direction[n] = dir;
    status[n] = st;
    parentId[n] = parent;
    n++;
  };

  const byCol = ordersByColumn(orders, nCols);
  for (let c = 0; c < nCols; c++) {
    const list = byCol[c];
    if (list.length === 0) continue;
    let inPosition = false;
    let dir = 0;
    let eIdx = -1;
    let sizeSum = 0;
    let grossSum = 0;
    let feesSum = 0;
    for (let m = 0; m < list.length; m++) {
      const k = list[m];
      const i = orders.idx[k];
      const oSize = orders.size[k];
      const oPrice = orders.price[k];
      const oFees = orders.fees[k];
      const oSide = orders.side[k];
      if (!inPosition) {
        inPosition = true;
        eIdx = i;
        dir = oSide === OrderSide.Buy ? 0 : 1;
        parent++;
        sizeSum = 0;
        grossSum = 0;
        feesSum = 0;
      }
      const adds = (dir === 0 && oSide === OrderSide.Buy) ||
        (dir === 1 && oSide === OrderSide.Sell);
      if (adds) {
        sizeSum += oSize;
        grossSum += oSize * oPrice;
        feesSum += oFees;
      } else if (isCloseOrLess(oSize, sizeSum)) {
        const full = isClose(oSize, sizeSum);
        const exitSize = full ? sizeSum : oSize;
        fill(
          c,
          exitSize,
          eIdx,
          grossSum / sizeSum,
          (exitSize / sizeSum) * feesSum,
          i,
          oPrice,
          oFees,
          dir,
          1,
        );
        if (full) {
          inPosition = false;
          eIdx = -1;
        } else {
          const fraction = (sizeSum - oSize) / sizeSum;
          sizeSum *= fraction;
          grossSum *= fraction;
          feesSum *= fraction;
        }
      } else {
        const clSize = sizeSum;
        const clFees = (clSize / oSize) * oFees;
        fill(c, clSize, eIdx, grossSum / sizeSum, feesSum, i, oPrice, clFees, dir, 1);
        sizeSum = oSize - clSize;
        grossSum = sizeSum * oPrice;
        feesSum = oFees - clFees;
        eIdx = i;
        dir = dir === 0 ? 1 : 0;
        parent++;
      }
    }
    if (inPosition && isLess(-sizeSum, 0)) {
      fill(c, sizeSum, eIdx, grossSum / sizeSum, feesSum, lastRow, lastClose(c), 0, dir, 0);
    }
  }
  const cut = <T extends Int32Array | Float64Array | Uint8Array>(a: T) => a.slice(0, n) as T;
  return {
    length: n,
    col: cut(col),
    size: cut(size),
    entryIdx: cut(entryIdx),
    entryPrice: cut(entryPrice),
    entryFees: cut(entryFees),
    exitIdx: cut(exitIdx),
    exitPrice: cut(exitPrice),
    exitFees: cut(exitFees),
    pnl: cut(pnl),
    return: cut(ret),
    direction: cut(direction),
    status: cut(status),
    parentId: cut(parentId),
  };
}
