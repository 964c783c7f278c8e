/**
 * Seeded, reproducible row sampling.
 * @internal
 * @module
 */

/** Returns a seeded generator of uniform numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Returns `k` distinct indices of `0..n-1`, ascending, drawn with `seed`; all of them when
 * `k >= n`. The same (n, k, seed) always gives the same indices.
 */
export function sampleRows(n: number, k: number, seed: number): Int32Array {
  if (k >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, k).sort();
}
