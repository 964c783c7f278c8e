/**
 * Columnar order records of a simulation (vectorbt's `order_dt`: id = position in the arrays,
 * col, idx, size, price, fees, side), grown by doubling so the hot loop never allocates per fill.
 * @module
 */

/** Every fill of a simulation, in simulation order (by group, then row, then call order). */
export interface OrderRecords {
  /** Number of fills. */
  readonly length: number;
  /** Column of each fill. */
  readonly col: Int32Array;
  /** Row (bar index) of each fill. */
  readonly idx: Int32Array;
  /** Filled size (always positive). */
  readonly size: Float64Array;
  /** Fill price, slippage included. */
  readonly price: Float64Array;
  /** Fees paid on the fill (fractional plus fixed). */
  readonly fees: Float64Array;
  /** 0 = buy, 1 = sell. */
  readonly side: Uint8Array;
}

/** Appends fills and returns {@link OrderRecords} trimmed to their length. */
export class OrderRecordsBuilder {
  #n = 0;
  #col: Int32Array;
  #idx: Int32Array;
  #size: Float64Array;
  #price: Float64Array;
  #fees: Float64Array;
  #side: Uint8Array;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.#col = new Int32Array(c);
    this.#idx = new Int32Array(c);
    this.#size = new Float64Array(c);
    this.#price = new Float64Array(c);
    this.#fees = new Float64Array(c);
    this.#side = new Uint8Array(c);
  }

  /** Adds one fill. */
  push(col: number, idx: number, size: number, price: number, fees: number, side: number): void {
    if (this.#n === this.#col.length) this.#grow();
    const n = this.#n++;
    this.#col[n] = col;
    this.#idx[n] = idx;
    this.#size[n] = size;
    this.#price[n] = price;
    this.#fees[n] = fees;
    this.#side[n] = side;
  }

  #grow(): void {
    const c = this.#col.length * 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(
      a: T,
      make: (n: number) => T,
    ) => {
      const b = make(c);
      b.set(a);
      return b;
    };
    this.#col = grow(this.#col, (n) => new Int32Array(n));
    this.#idx = grow(this.#idx, (n) => new Int32Array(n));
    this.#size = grow(this.#size, (n) => new Float64Array(n));
    this.#price = grow(this.#price, (n) => new Float64Array(n));
    this.#fees = grow(this.#fees, (n) => new Float64Array(n));
    this.#side = grow(this.#side, (n) => new Uint8Array(n));
  }

  /** Returns the records added so far. */
  build(): OrderRecords {
    const n = this.#n;
    return {
      length: n,
      col: this.#col.slice(0, n),
      idx: this.#idx.slice(0, n),
      size: this.#size.slice(0, n),
      price: this.#price.slice(0, n),
      fees: this.#fees.slice(0, n),
      side: this.#side.slice(0, n),
    };
  }
}

/** Returns, per column, the indices of its orders in record order (vectorbt's `col_map`). */
export function ordersByColumn(orders: OrderRecords, nCols: number): Int32Array[] {
  const counts = new Int32Array(nCols);
  for (let k = 0; k < orders.length; k++) counts[orders.col[k]]++;
  const out = Array.from(counts, (c) => new Int32Array(c));
  counts.fill(0);
  for (let k = 0; k < orders.length; k++) {
    const c = orders.col[k];
    out[c][counts[c]++] = k;
  }
  return out;
}
