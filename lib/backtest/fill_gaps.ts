/**
 * Gap filling of a simulation's closes, so that a position is valued at its last known price.
 * @internal
 * @module
 */

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
