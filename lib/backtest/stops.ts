/**
 * Stop loss, trailing stop and take profit of a signal simulation: the state per column, where a
 * bar hits a stop, and arming or clearing the stops when a position opens, reverses or closes.
 * @internal
 * @module
 */

/** Stop levels per column: reference prices and stop fractions (NaN = no stop). */
export interface StopState {
  /** Stop loss reference (the entry, or the trailed high/low). */
  slPrice: Float64Array;
  /** Stop loss fraction of the open position. */
  slCurr: Float64Array;
  /** 1 where the open position's stop loss trails. */
  slTrailOn: Uint8Array;
  /** Take profit reference. */
  tpPrice: Float64Array;
  /** Take profit fraction of the open position. */
  tpCurr: Float64Array;
}

/** Returns the stop state of `nCols` flat columns (no stops). */
export function stopState(nCols: number): StopState {
  return {
    slPrice: new Float64Array(nCols).fill(NaN),
    slCurr: new Float64Array(nCols).fill(NaN),
    slTrailOn: new Uint8Array(nCols),
    tpPrice: new Float64Array(nCols).fill(NaN),
    tpCurr: new Float64Array(nCols).fill(NaN),
  };
}

/** Returns whether column `col` holds a stop loss or a take profit. */
export function hasStop(st: StopState, col: number): boolean {
  return st.slCurr[col] === st.slCurr[col] || st.tpCurr[col] === st.tpCurr[col];
}

/**
 * Returns the price at which column `col`'s stop fills on a bar (the stop loss before the take
 * profit), or NaN, then trails the stop loss to the bar's high (long) or low (short). A NaN open
 * is the close, and a NaN low or high the lower or higher of open and close.
 */
export function barStopPrice(
  st: StopState,
  col: number,
  positionNow: number,
  cl: number,
  op: number,
  lo: number,
  hi: number,
): number {
  const { slPrice, slCurr, slTrailOn, tpPrice, tpCurr } = st;
  let stopPrice = NaN;
  if (op !== op) op = cl;
  if (lo !== lo) lo = Math.min(op, cl);
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
  return stopPrice;
}

/** Clears column `col`'s stops (its position closed). */
export function clearStops(st: StopState, col: number): void {
  st.slPrice[col] =
    st.slCurr[col] =
    st.tpPrice[col] =
    st.tpCurr[col] =
      NaN;
  st.slTrailOn[col] = 0;
}

/** Arms column `col`'s stops at reference price `ref` (a position opened or reversed). */
export function armStops(
  st: StopState,
  col: number,
  ref: number,
  slStop: Float64Array | null,
  tpStop: Float64Array | null,
  slTrail: Uint8Array,
): void {
  st.slPrice[col] = st.tpPrice[col] = ref;
  st.slCurr[col] = slStop ? slStop[col] : NaN;
  st.slTrailOn[col] = slTrail[col];
  st.tpCurr[col] = tpStop ? tpStop[col] : NaN;
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
