/**
 * Filling one order against a cash and position state, ported from vectorbt 1.2.0
 * (`portfolio/nb.py`: `execute_order_nb`, `buy_nb`, `sell_nb`) so that sizes, prices, fees and
 * cash agree with it to the last bits. The port keeps vectorbt's tolerant float comparisons
 * (relative 1e-9, absolute 1e-12), which decide e.g. whether a buy is partially filled.
 *
 * Options vectorbt has that are not ported: `max_size`, `size_granularity`, `lock_cash`,
 * `allow_partial = false`, `reject_prob`, `raise_reject`, logs.
 * @internal
 * @module
 */

/** Order direction codes (vectorbt `Direction`). */
export const Direction = { LongOnly: 0, ShortOnly: 1, Both: 2 } as const;
/** Order size types (vectorbt `SizeType`). */
export const SizeType = {
  Amount: 0,
  Value: 1,
  Percent: 2,
  TargetAmount: 3,
  TargetValue: 4,
  TargetPercent: 5,
} as const;
/** Order status codes (vectorbt `OrderStatus`). */
export const OrderStatus = { Filled: 0, Ignored: 1, Rejected: 2 } as const;
/** Order side codes (vectorbt `OrderSide`). */
export const OrderSide = { Buy: 0, Sell: 1 } as const;

const REL_TOL = 1e-9;
const ABS_TOL = 1e-12;

/** Returns whether `a` and `b` are equal within vectorbt's tolerance (never for NaN or inf). */
export function isClose(a: number, b: number): boolean {
  if (a !== a || b !== b) return false;
  if (a === Infinity || a === -Infinity || b === Infinity || b === -Infinity) return false;
  if (a === b) return true;
  const aa = a < 0 ? -a : a;
  const bb = b < 0 ? -b : b;
  const d = a - b;
  return (d < 0 ? -d : d) <= Math.max(REL_TOL * Math.max(aa, bb), ABS_TOL);
}

/** Returns whether `a` is below or close to `b`. */
export function isCloseOrLess(a: number, b: number): boolean {
  return isClose(a, b) || a < b;
}

/** Returns whether `a` is below `b` and not close to it. */
export function isLess(a: number, b: number): boolean {
  return !isClose(a, b) && a < b;
}

/** Returns `a + b`, or exactly 0 when the sum is 0 within tolerance (vectorbt `add_nb`). */
export function addTol(a: number, b: number): number {
  const sa = Math.sign(a);
  const sb = Math.sign(b);
  const zero = sa !== sb ? isClose(Math.abs(a), Math.abs(b)) : isClose(a + b, 0);
  return zero ? 0 : a + b;
}

/**
 * The mutable account of one column (or one cash-sharing group's cash): indices into a
 * `Float64Array` so the hot loop allocates nothing.
 */
export const CASH = 0;
/** Index of the position (shares, negative when short). */
export const POSITION = 1;
/** Index of the short-sale debt. */
export const DEBT = 2;
/** Index of the free cash (cash not bound as short collateral). */
export const FREE_CASH = 3;
/** Index of the valuation price. */
export const VAL_PRICE = 4;
/** Index of the value (cash plus position at the valuation price). */
export const VALUE = 5;

/** Index of the filled size in an order result. */
export const RES_SIZE = 0;
/** Index of the fill price (after slippage). */
export const RES_PRICE = 1;
/** Index of the fees paid. */
export const RES_FEES = 2;
/** Index of the side ({@link OrderSide}, -1 when not filled). */
export const RES_SIDE = 3;
/** Index of the status ({@link OrderStatus}). */
export const RES_STATUS = 4;

/** An order request, as vectorbt's `Order` tuple without the options not ported. */
export interface OrderRequest {
  /** Size in units of `sizeType`; NaN means no order. */
  size: number;
  /** Price before slippage; NaN means no order. */
  price: number;
  /** A {@link SizeType} code. */
  sizeType: number;
  /** A {@link Direction} code. */
  direction: number;
  /** Fee as a fraction of the traded value. */
  fees: number;
  /** Fixed fee per fill. */
  fixedFees: number;
  /** Slippage as a fraction of the price, against the trader. */
  slippage: number;
  /** Smallest fill; smaller ones are rejected. */
  minSize: number;
}

function notFilled(res: Float64Array, status: number): void {
  res[RES_SIZE] = NaN;
  res[RES_PRICE] = NaN;
  res[RES_FEES] = NaN;
  res[RES_SIDE] = -1;
  res[RES_STATUS] = status;
}

function buy(
  s: Float64Array,
  res: Float64Array,
  size: number,
  price: number,
  direction: number,
  fees: number,
  fixedFees: number,
  slippage: number,
  minSize: number,
  percent: number,
): void {
  const adjPrice = price * (1 + slippage);
  let cashLimit = s[CASH];
  if (percent === percent) cashLimit = Math.min(cashLimit, percent * cashLimit);
  if (direction === Direction.LongOnly || direction === Direction.Both) {
    if (cashLimit === 0) return notFilled(res, OrderStatus.Rejected);
    if (size === Infinity && cashLimit === Infinity) {
      throw new Error("an order tried to go long infinitely (size and cash are both infinite)");
    }
  } else if (s[POSITION] === 0) return notFilled(res, OrderStatus.Rejected);
  const adjSize = direction === Direction.ShortOnly ? Math.min(-s[POSITION], size) : size;
  if (adjSize === 0) return notFilled(res, OrderStatus.Ignored);

  const reqCash = adjSize * adjPrice;
  const reqFees = reqCash * fees + fixedFees;
  const totalReqCash = reqCash + reqFees;
  let finalSize: number;
  let feesPaid: number;
  let finalReqCash: number;
  if (isCloseOrLess(totalReqCash, cashLimit)) {
    finalSize = adjSize;
    feesPaid = reqFees;
    finalReqCash = totalReqCash;
  } else {
    const maxReqCash = addTol(cashLimit, -fixedFees) / (1 + fees);
    if (maxReqCash <= 0) return notFilled(res, OrderStatus.Rejected);
    finalSize = maxReqCash / adjPrice;
    feesPaid = cashLimit - maxReqCash;
    finalReqCash = cashLimit;
  }
  if (isClose(adjSize, 0)) return notFilled(res, OrderStatus.Ignored);
  if (isLess(finalSize, minSize)) return notFilled(res, OrderStatus.Rejected);

  const position = s[POSITION];
  const newPosition = addTol(position, finalSize);
  if (position < 0) {
    const shortSize = newPosition < 0 ? finalSize : -position;
    const debtDiff = shortSize * (s[DEBT] / -position);
    s[DEBT] = addTol(s[DEBT], -debtDiff);
    s[FREE_CASH] = addTol(s[FREE_CASH] + 2 * debtDiff, -finalReqCash);
  } else {
    s[FREE_CASH] = addTol(s[FREE_CASH], -finalReqCash);
  }
  s[CASH] = addTol(s[CASH], -finalReqCash);
  s[POSITION] = newPosition;
  res[RES_SIZE] = finalSize;
  res[RES_PRICE] = adjPrice;
  res[RES_FEES] = feesPaid;
  res[RES_SIDE] = OrderSide.Buy;
  res[RES_STATUS] = OrderStatus.Filled;
}

function sell(
  s: Float64Array,
  res: Float64Array,
  size: number,
  price: number,
  direction: number,
  fees: number,
  fixedFees: number,
  slippage: number,
  minSize: number,
  percent: number,
): void {
  const adjPrice = price * (1 - slippage);
  const position = s[POSITION];
  let sizeLimit: number;
  if (direction === Direction.LongOnly) {
    sizeLimit = Math.min(position, size);
  } else if (size === Infinity && percent === percent) {
    // Short as much as the free cash (plus the proceeds of any long being closed) allows.
    const longSize = Math.max(position, 0);
    const longCash = longSize * adjPrice * (1 - fees);
    const totalFreeCash = addTol(s[FREE_CASH], longCash);
    let maxSizeLimit: number;
    if (totalFreeCash <= 0) {
      if (position <= 0) return notFilled(res, OrderStatus.Rejected);
      maxSizeLimit = longSize;
    } else {
      const maxShortSize = addTol(totalFreeCash, -fixedFees) / (adjPrice * (1 + fees));
      maxSizeLimit = addTol(longSize, maxShortSize);
      if (maxSizeLimit <= 0) return notFilled(res, OrderStatus.Rejected);
    }
    sizeLimit = maxSizeLimit;
  } else {
    sizeLimit = size;
  }
  if (percent === percent) sizeLimit = percent * sizeLimit;
  if (direction === Direction.ShortOnly || direction === Direction.Both) {
    if (sizeLimit === Infinity) {
      throw new Error("an order tried to go short infinitely (size is infinite)");
    }
  } else if (position === 0) return notFilled(res, OrderStatus.Rejected);
  if (isClose(sizeLimit, 0)) return notFilled(res, OrderStatus.Ignored);
  if (isLess(sizeLimit, minSize)) return notFilled(res, OrderStatus.Rejected);

  const acqCash = sizeLimit * adjPrice;
  const feesPaid = acqCash * fees + fixedFees;
  const finalAcqCash = addTol(acqCash, -feesPaid);
  if (finalAcqCash < 0) return notFilled(res, OrderStatus.Rejected);

  const newPosition = addTol(position, -sizeLimit);
  if (newPosition < 0) {
    const shortSize = position < 0 ? sizeLimit : -newPosition;
    const shortValue = shortSize * adjPrice;
    s[DEBT] = s[DEBT] + shortValue;
    s[FREE_CASH] = addTol(s[FREE_CASH], addTol(finalAcqCash, -2 * shortValue));
  } else {
    s[FREE_CASH] = s[FREE_CASH] + finalAcqCash;
  }
  s[CASH] = s[CASH] + finalAcqCash;
  s[POSITION] = newPosition;
  res[RES_SIZE] = sizeLimit;
  res[RES_PRICE] = adjPrice;
  res[RES_FEES] = feesPaid;
  res[RES_SIDE] = OrderSide.Sell;
  res[RES_STATUS] = OrderStatus.Filled;
}

/**
 * Executes `order` against the account `s` (indices {@link CASH} ... {@link VALUE}), updating it
 * in place when the order fills, and writes the outcome into `res` (indices {@link RES_SIZE} ...
 * {@link RES_STATUS}). Near-zero balances are snapped to 0 first, as vectorbt does.
 *
 * @example
 * ```ts
 * import { executeOrder, SizeType, Direction, CASH, POSITION, RES_FEES } from "@lib/backtest/order.ts";
 * const s = new Float64Array([100, 0, 0, 100, 10, 100]);
 * const res = new Float64Array(5);
 * executeOrder(s, res, { size: Infinity, price: 10, sizeType: SizeType.Amount, direction: Direction.LongOnly, fees: 0.01, fixedFees: 0, slippage: 0, minSize: 0 });
 * if (s[CASH] !== 0 || Math.abs(s[POSITION] - 100 / 10.1) > 1e-12 || Math.abs(res[RES_FEES] - (100 - 100 / 1.01)) > 1e-12) throw new Error("wrong");
 * ```
 */
export function executeOrder(s: Float64Array, res: Float64Array, order: OrderRequest): void {
  for (let k = 0; k <= VALUE; k++) if (isClose(s[k], 0)) s[k] = 0;
  if (order.size !== order.size || order.price !== order.price) {
    return notFilled(res, OrderStatus.Ignored);
  }
  if (s[CASH] < 0) throw new Error(`cash must not be negative; got ${s[CASH]}`);
  if (!(Number.isFinite(order.price) && order.price > 0)) {
    throw new Error(`order price must be finite and positive; got ${order.price}`);
  }
  if (order.direction === Direction.LongOnly && s[POSITION] < 0) {
    throw new Error("position is short but the order is long-only");
  }
  if (order.direction === Direction.ShortOnly && s[POSITION] > 0) {
    throw new Error("position is long but the order is short-only");
  }
  let size = order.size;
  let sizeType = order.sizeType;
  if (order.direction === Direction.ShortOnly) size = -size;
  if (sizeType === SizeType.TargetPercent) {
    const value = s[VALUE];
    if (value !== value) return notFilled(res, OrderStatus.Ignored);
    if (value <= 0) return notFilled(res, OrderStatus.Rejected);
    size *= value;
    sizeType = SizeType.TargetValue;
  }
  if (sizeType === SizeType.Value || sizeType === SizeType.TargetValue) {
    const valPrice = s[VAL_PRICE];
    if (valPrice === Infinity || valPrice <= 0) {
      throw new Error(`valuation price must be finite and positive; got ${valPrice}`);
    }
    if (valPrice !== valPrice) return notFilled(res, OrderStatus.Ignored);
    size /= valPrice;
    sizeType = sizeType === SizeType.Value ? SizeType.Amount : SizeType.TargetAmount;
  }
  if (sizeType === SizeType.TargetAmount) {
    size -= s[POSITION];
    sizeType = SizeType.Amount;
  }
  if (
    sizeType === SizeType.Amount && order.direction !== Direction.LongOnly && size === -Infinity
  ) {
    size = -1;
    sizeType = SizeType.Percent;
  }
  let percent = NaN;
  if (sizeType === SizeType.Percent) {
    percent = Math.abs(size);
    size = Math.sign(size) * Infinity;
  }
  if (size > 0) {
    buy(
      s,
      res,
      size,
      order.price,
      order.direction,
      order.fees,
      order.fixedFees,
      order.slippage,
      order.minSize,
      percent,
    );
  } else {
    sell(
      s,
      res,
      -size,
      order.price,
      order.direction,
      order.fees,
      order.fixedFees,
      order.slippage,
      order.minSize,
      percent,
    );
  }
}
