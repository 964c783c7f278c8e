/**
 * The sort that orders a shared-cash group's orders within a bar (sells before buys).
 * @internal
 * @module
 */

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
