/**
 * Portfolios from an order size per bar and column, with the semantics of vectorbt 1.2.0
 * `Portfolio.from_orders` (its `simulate_from_orders_nb`, ported). The use here is target
 * weights: `sizeType: "targetpercent"` with cash shared by a group and `callSeq: "auto"` (sells
 * before buys) rebalances a group to the given weights of its value.
 *
 * Conventions: orders fill at the bar's close with slippage against the trader; the group value
 * a target percent refers to is cash plus positions at the bar's close before any of its orders;
 * fees are paid from cash, so the last buys of a rebalance are cut to the cash left (vectorbt
 * does not solve for fees). A NaN size or a NaN close means no order for that column and bar.
 * @module
 */
import {
  CASH,
  DEBT,
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
import { fillGaps } from "./fill_gaps.ts";
import { insertArgsort } from "./insert_argsort.ts";
import type { Simulation } from "./simulation.ts";

/** Prices (bars x assets) and order sizes (bars x columns), row-major. */
export interface OrderInput {
  /** Number of price columns (assets). */
  nAssets: number;
  /** Closes, `nRows x nAssets`. */
  close: Float64Array;
  /** Number of simulated columns. */
  nCols: number;
  /** Order size per bar and column in units of `sizeType`; NaN = no order. */
  size: Float64Array;
  /** Price column of each simulated column. Defaults to column j trading asset j. */
  assetOf?: Int32Array;
}

/** Size types of {@link simulateOrders}. */
export type OrderSizeType =
  | "amount"
  | "value"
  | "percent"
  | "targetamount"
  | "targetvalue"
  | "targetpercent";

/** Options of {@link simulateOrders}; defaults are vectorbt's except `initCash`. */
export interface SimulateOrdersOptions {
  /** Unit of the sizes. Defaults to "amount". */
  sizeType?: OrderSizeType;
  /** `longonly`, `shortonly` or `both`. Defaults to "both". */
  direction?: "longonly" | "shortonly" | "both";
  /** Fee as a fraction of each fill's value. Defaults to 0. */
  fees?: number;
  /** Fee per fill in cash. Defaults to 0. */
  fixedFees?: number;
  /** Fraction of the price paid above (buys) or received below (sells). Defaults to 0. */
  slippage?: number;
  /** Smallest fill. Defaults to 1e-8. */
  minSize?: number;
  /** Starting cash per column, or per group with `cashSharing`. Defaults to 10,000. */
  initCash?: number | Float64Array;
  /** Lengths of contiguous column groups. Defaults to one group per column. */
  groupLens?: readonly number[];
  /** Whether a group's columns share one cash balance. Defaults to false. */
  cashSharing?: boolean;
  /** Order of a shared-cash group's columns within a bar. Defaults to "default". */
  callSeq?: "default" | "auto";
}

const SIZE_TYPES: Record<OrderSizeType, number> = {
  amount: SizeType.Amount,
  value: SizeType.Value,
  percent: SizeType.Percent,
  targetamount: SizeType.TargetAmount,
  targetvalue: SizeType.TargetValue,
  targetpercent: SizeType.TargetPercent,
};
const DIRECTIONS = { longonly: 0, shortonly: 1, both: 2 } as const;

/** Returns vectorbt's estimate of an order's cash value, by which "auto" sorts a bar's orders. */
function approxOrderValue(
  size: number,
  sizeType: number,
  direction: number,
  cash: number,
  position: number,
  freeCash: number,
  valPrice: number,
  value: number,
): number {
  if (direction === 1) size = -size;
  const assetValue = position * valPrice;
  switch (sizeType) {
    case SizeType.Amount:
      return size * valPrice;
    case SizeType.Value:
      return size;
    case SizeType.Percent:
      if (size >= 0) return size * cash;
      if (direction === 0) return size * assetValue;
      return size * (2 * Math.max(assetValue, 0) + Math.max(freeCash, 0));
    case SizeType.TargetAmount:
      return size * valPrice - assetValue;
    case SizeType.TargetValue:
      return size - assetValue;
    default:
      return size * value - assetValue;
  }
}

/**
 * Returns the simulation of `input`'s orders (module notes give the conventions).
 *
 * @example
 * ```ts
 * import { simulateOrders } from "@lib/backtest/simulate_orders.ts";
 * // hold 50 % / 50 % of two assets from bar 0, no order on bar 1
 * const sim = simulateOrders({
 *   nAssets: 2, close: new Float64Array([10, 20, 11, 18]),
 *   nCols: 2, size: new Float64Array([0.5, 0.5, NaN, NaN]),
 * }, { sizeType: "targetpercent", groupLens: [2], cashSharing: true, callSeq: "auto", initCash: 100 });
 * if (Math.abs(sim.value[1] - (5 * 11 + 2.5 * 18)) > 1e-9) throw new Error("wrong");
 * ```
 */
export function simulateOrders(input: OrderInput, options: SimulateOrdersOptions = {}): Simulation {
  const { nAssets, nCols, close, size } = input;
  if (!(nAssets >= 1) || close.length % nAssets !== 0) {
    throw new Error(`close has ${close.length} values, not a multiple of nAssets (${nAssets})`);
  }
  const nRows = close.length / nAssets;
  if (nRows === 0) throw new Error("close is empty");
  if (size.length !== nRows * nCols) {
    throw new Error(`size has ${size.length} values; expected ${nRows} bars x ${nCols} columns`);
  }
  const assetOf = input.assetOf ?? Int32Array.from({ length: nCols }, (_, j) => j);
  if (assetOf.length !== nCols || assetOf.some((a) => !(a >= 0 && a < nAssets))) {
    throw new Error(`assetOf must map each of ${nCols} columns to one of ${nAssets} assets`);
  }
  const sizeType = SIZE_TYPES[options.sizeType ?? "amount"];
  if (sizeType === undefined) throw new Error(`unknown sizeType "${options.sizeType}"`);
  const direction = DIRECTIONS[options.direction ?? "both"];
  if (direction === undefined) throw new Error(`unknown direction "${options.direction}"`);
  const check = (name: string, v: number, max = Infinity) => {
    if (!(v >= 0 && v < max)) throw new Error(`${name} must be >= 0 and < ${max}; got ${v}`);
    return v;
  };
  const order: OrderRequest = {
    size: 0,
    price: 0,
    sizeType,
    direction,
    fees: check("fees", options.fees ?? 0, 1),
    fixedFees: check("fixedFees", options.fixedFees ?? 0),
    slippage: check("slippage", options.slippage ?? 0, 1),
    minSize: check("minSize", options.minSize ?? 1e-8),
  };
  const groupLens = options.groupLens ?? Array.from({ length: nCols }, () => 1);
  if (groupLens.reduce((a, b) => a + b, 0) !== nCols || groupLens.some((g) => !(g >= 1))) {
    throw new Error(`groupLens (${groupLens.join(", ")}) must be >= 1 and sum to ${nCols}`);
  }
  const nGroups = groupLens.length;
  const cashSharing = options.cashSharing ?? false;
  const autoCallSeq = (options.callSeq ?? "default") === "auto";
  const unitLens = cashSharing ? groupLens : Array.from({ length: nCols }, () => 1);
  const initCashOpt = options.initCash ?? 10_000;
  const initCash = typeof initCashOpt === "number"
    ? new Float64Array(unitLens.length).fill(initCashOpt)
    : initCashOpt;
  if (initCash.length !== unitLens.length) {
    throw new Error(`initCash has ${initCash.length} values; expected ${unitLens.length}`);
  }
  if (initCash.some((c) => !(c > 0) || !Number.isFinite(c))) {
    throw new Error("initCash must be positive and finite");
  }

  const groupOf = new Int32Array(nCols);
  for (let g = 0, c = 0; g < nGroups; g++) for (let k = 0; k < groupLens[g]; k++) groupOf[c++] = g;
  const filledClose = fillGaps(close, nAssets);
  const groupInitCash = new Float64Array(nGroups);
  const value = new Float64Array(nRows * nGroups);
  const records = new OrderRecordsBuilder(1024);
  const lastPosition = new Float64Array(nCols);
  const lastDebt = new Float64Array(nCols);
  const lastValPrice = new Float64Array(nCols).fill(NaN);
  const orderValue = new Float64Array(nCols);
  const callSeq = new Int32Array(nCols);
  const s = new Float64Array(6);
  const res = new Float64Array(5);

  let from = 0;
  for (let u = 0; u < unitLens.length; u++) {
    const len = unitLens[u];
    const to = from + len;
    const g = groupOf[from];
    let cashNow = initCash[u];
    let freeNow = initCash[u];
    groupInitCash[g] += initCash[u];
    for (let i = 0; i < nRows; i++) {
      const row = i * nAssets;
      for (let col = from; col < to; col++) {
        const p = close[row + assetOf[col]];
        if (p === p) lastValPrice[col] = p;
      }
      let valueNow = cashNow;
      for (let k = 0; k < len; k++) callSeq[k] = k;
      if (cashSharing) {
        for (let col = from; col < to; col++) {
          if (lastPosition[col] !== 0) valueNow += lastPosition[col] * lastValPrice[col];
        }
        if (autoCallSeq) {
          for (let col = from; col < to; col++) {
            orderValue[col - from] = approxOrderValue(
              size[i * nCols + col],
              sizeType,
              direction,
              cashNow,
              lastPosition[col],
              freeNow,
              lastValPrice[col],
              valueNow,
            );
          }
          insertArgsort(orderValue, callSeq, len);
        }
      }
      for (let k = 0; k < len; k++) {
        const col = from + callSeq[k];
        const position = lastPosition[col];
        s[CASH] = cashNow;
        s[FREE_CASH] = freeNow;
        s[POSITION] = position;
        s[DEBT] = lastDebt[col];
        s[VAL_PRICE] = lastValPrice[col];
        s[VALUE] = cashSharing
          ? valueNow
          : cashNow + (position !== 0 ? position * lastValPrice[col] : 0);
        order.size = size[i * nCols + col];
        order.price = close[row + assetOf[col]];
        executeOrder(s, res, order);
        cashNow = s[CASH];
        freeNow = s[FREE_CASH];
        lastPosition[col] = s[POSITION];
        lastDebt[col] = s[DEBT];
        if (res[RES_STATUS] === OrderStatus.Filled) {
          records.push(col, i, res[RES_SIZE], res[RES_PRICE], res[RES_FEES], res[RES_SIDE]);
        }
      }
      let v = cashNow;
      for (let col = from; col < to; col++) {
        if (lastPosition[col] !== 0) v += lastPosition[col] * filledClose[row + assetOf[col]];
      }
      value[i * nGroups + g] += v;
    }
    from = to;
  }
  const orders = records.build();
  const last = nRows - 1;
  return {
    nRows,
    nCols,
    nGroups,
    groupOf,
    cashSharing,
    execution: "same_close",
    initCash: groupInitCash,
    orders,
    trades: exitTrades(orders, nCols, (c) => filledClose[last * nAssets + assetOf[c]], last),
    value,
  };
}
