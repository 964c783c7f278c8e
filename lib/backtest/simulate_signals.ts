/**
 * Many portfolios from entry and exit signals in one pass, with the semantics of vectorbt 1.2.0
 * `Portfolio.from_signals` (its `simulate_from_signals_nb`, ported): long-only, short-only or
 * both directions, all-cash or sized orders, fractional and fixed fees, slippage, stop loss,
 * trailing stop and take profit, per-column or shared cash.
 *
 * Conventions (vectorbt's defaults unless an option says otherwise):
 * - Fill price: the close of the signal bar (`execution: "same_close"`), the open of the next bar
 *   (`"next_open"`, which is vectorbt with signals shifted one bar and `price=open`) or the close
 *   of the next bar (`"next_close"`, vectorbt with signals shifted one bar). Slippage
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
import type { Simulation } from "./simulation.ts";
import { fillGaps } from "./fill_gaps.ts";
import { insertArgsort } from "./insert_argsort.ts";
import { signalSettings } from "./signal_settings.ts";
import type { SignalInput, SimulateSignalsOptions } from "./signal_settings.ts";
import {
  LONG_ENTRY,
  LONG_EXIT,
  SHORT_ENTRY,
  SHORT_EXIT,
  signalFlags,
  signalOrder,
} from "./signal_orders.ts";
import { armStops, barStopPrice, clearStops, hasStop, stopState } from "./stops.ts";

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
  const {
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
  } = signalSettings(input, options);

  const open = input.open;
  const high = input.high;
  const low = input.low;
  const filledClose = fillGaps(close, nAssets);
  const price = execution === "next_open" ? open! : close;
  const lag = execution === "same_close" ? 0 : 1;

  const groupOf = new Int32Array(nCols);
  const groupInitCash = new Float64Array(nGroups);
  const value = new Float64Array(nRows * nGroups);
  const records = new OrderRecordsBuilder(Math.min(nRows * nCols, 1 << 16));
  const lastPosition = new Float64Array(nCols);
  const lastDebt = new Float64Array(nCols);
  const lastValPrice = new Float64Array(nCols).fill(NaN);
  const stops = stopState(nCols);
  const priceArr = new Float64Array(nCols);
  const sizeArr = new Float64Array(nCols);
  const sizeTypeArr = new Int8Array(nCols);
  const dirArr = new Int8Array(nCols);
  const slipArr = new Float64Array(nCols);
  const orderValue = new Float64Array(nCols);
  const callSeq = new Int32Array(nCols);
  const s = new Float64Array(6);
  const res = new Float64Array(5);
  const flags = new Uint8Array(4);
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
        if (useStops && hasStop(stops, col)) {
          stopPrice = barStopPrice(
            stops,
            col,
            positionNow,
            close[a],
            open ? open[a] : NaN,
            low ? low[a] : NaN,
            high ? high[a] : NaN,
          );
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
          signalFlags(
            positionNow,
            entries[at] === 1,
            exits[at] === 1,
            direction,
            longConflict,
            shortConflict,
            dirConflict,
            opposite,
            flags,
          );
          le = flags[LONG_ENTRY] === 1;
          lx = flags[LONG_EXIT] === 1;
          se = flags[SHORT_ENTRY] === 1;
          sx = flags[SHORT_EXIT] === 1;
        }

        signalOrder(
          positionNow,
          le,
          lx,
          se,
          sx,
          size,
          sizeType,
          lastValPrice[col],
          col,
          sizeArr,
          sizeTypeArr,
          dirArr,
        );
        priceArr[col] = orderPrice;
        slipArr[col] = slip;
        const oSize = sizeArr[col];
        const oType = sizeTypeArr[col];
        const oDir = dirArr[col];
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
        if (positionNow === 0) clearStops(stops, col);
        else if (positionBefore === 0 || Math.sign(positionNow) !== Math.sign(positionBefore)) {
          const ref = stopEntry === "close"
            ? close[i * nAssets + assetOf[col]]
            : stopEntry === "fill"
            ? res[RES_PRICE]
            : order.price;
          armStops(stops, col, ref, slStop, tpStop, slTrail);
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
