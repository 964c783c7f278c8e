/**
 * From one bar's entry and exit signals of a column to its order: which signals survive the
 * conflict rules (vectorbt `resolve_signal_conflict_nb`, `resolve_dir_conflict_nb`,
 * `resolve_opposite_entry_nb`) and the order they make (`signals_to_size_nb`, no accumulation).
 * @internal
 * @module
 */
import { Direction, SizeType } from "./order.ts";

/** Index of the long entry, long exit, short entry and short exit flags in a flags array. */
export const LONG_ENTRY = 0;
/** See {@link LONG_ENTRY}. */
export const LONG_EXIT = 1;
/** See {@link LONG_ENTRY}. */
export const SHORT_ENTRY = 2;
/** See {@link LONG_ENTRY}. */
export const SHORT_EXIT = 3;

/**
 * vectorbt `resolve_signal_conflict_nb` for one direction (vectorbt always passes a one-sided
 * direction here): writes the surviving entry and exit flags into `out[at]` and `out[at + 1]`.
 */
function resolveConflict(
  position: number,
  entry: boolean,
  exit: boolean,
  mode: number,
  out: Uint8Array,
  at: number,
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
  out[at] = entry ? 1 : 0;
  out[at + 1] = exit ? 1 : 0;
}

/**
 * Writes into `out` (at {@link LONG_ENTRY} ... {@link SHORT_EXIT}) the flags that a bar's `entry`
 * and `exit` signals raise for a column holding `positionNow`, after the conflict rules (modes
 * numbered as in {@link SignalSettings}).
 */
export function signalFlags(
  positionNow: number,
  entry: boolean,
  exit: boolean,
  direction: number,
  longConflict: number,
  shortConflict: number,
  dirConflict: number,
  opposite: number,
  out: Uint8Array,
): void {
  let le = false;
  let lx = false;
  let se = false;
  let sx = false;
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
    resolveConflict(positionNow, le, lx, longConflict, out, LONG_ENTRY);
    le = out[LONG_ENTRY] === 1;
    lx = out[LONG_EXIT] === 1;
    resolveConflict(positionNow, se, sx, shortConflict, out, SHORT_ENTRY);
    se = out[SHORT_ENTRY] === 1;
    sx = out[SHORT_EXIT] === 1;
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
  out[LONG_ENTRY] = le ? 1 : 0;
  out[LONG_EXIT] = lx ? 1 : 0;
  out[SHORT_ENTRY] = se ? 1 : 0;
  out[SHORT_EXIT] = sx ? 1 : 0;
}

/**
 * Writes column `col`'s order for the flags `le`, `lx`, `se`, `sx` (vectorbt `signals_to_size_nb`
 * with accumulation disabled): its size into `sizeArr`, its size type into `sizeTypeArr` and its
 * direction into `dirArr`. `valPrice` is the column's last valuation price.
 */
export function signalOrder(
  positionNow: number,
  le: boolean,
  lx: boolean,
  se: boolean,
  sx: boolean,
  size: number,
  sizeType: number,
  valPrice: number,
  col: number,
  sizeArr: Float64Array,
  sizeTypeArr: Int8Array,
  dirArr: Int8Array,
): void {
  let oSize = 0;
  let oType = sizeType;
  let oDir: number = Direction.Both;
  const absPos = Math.abs(positionNow);
  if (positionNow > 0) {
    if (se) {
      oSize = -absPos;
      if (sizeType === SizeType.Value) oSize -= size / valPrice;
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
      if (sizeType === SizeType.Value) oSize += size / valPrice;
      else oSize += size;
      oType = SizeType.Amount;
    } else if (sx) {
      oDir = Direction.ShortOnly;
      oSize = absPos;
      oType = SizeType.Amount;
    } else if (se) oDir = Direction.ShortOnly;
  } else if (le) oSize = size;
  else if (se) oSize = -size;
  sizeArr[col] = oSize;
  sizeTypeArr[col] = oType;
  dirArr[col] = oDir;
}
