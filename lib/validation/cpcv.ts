/**
 * Combinatorial purged cross-validation (López de Prado, *Advances in Financial Machine
 * Learning*, ch. 12) over rows that each carry a label span `[date, labelEnd]`.
 *
 * The distinct dates are cut into `nGroups` consecutive groups of floor(D / N) dates, the last
 * taking the remainder (as skfolio's `CombinatorialPurgedCV` cuts observations). Every choice of `nTestGroups` of them is one
 * split: those groups are tested, the others train, minus the rows *purged* because their label
 * span reaches into a tested group, and the rows of the `embargo` dates right after each tested
 * group. Each group is tested in C(N-1, k-1) splits; numbering its appearances in split order
 * gives the backtest paths: path p strings together, group by group, the p-th split that tested
 * each group, so every path covers every date once, out of sample. There are C(N-1, k-1) paths.
 * @module
 */
import { uniqueDays } from "./days.ts";

/** Options of {@link cpcvSplits}. */
export interface CpcvOptions {
  /** Groups the dates are cut into (N), at least 2. */
  nGroups: number;
  /** Groups tested per split (k), 1 <= k < N. */
  nTestGroups: number;
  /** Distinct dates after each tested group removed from training. Defaults to 0. */
  embargo?: number;
}

/** One split: row indices (ascending) and the groups it tests with their path numbers. */
export interface CpcvSplit {
  /** Split number, in the order of `itertools.combinations(range(N), k)`. */
  split: number;
  /** Tested groups, ascending. */
  testGroups: number[];
  /** The path each tested group belongs to, in `testGroups` order. */
  paths: number[];
  /** Training rows. */
  train: Int32Array;
  /** Tested rows, per tested group, in `testGroups` order. */
  test: Int32Array[];
  /** Rows dropped because their label span overlaps a tested group. */
  purged: number;
  /** Rows dropped by the embargo. */
  embargoed: number;
}

/** Every split and the number of paths they give. */
export interface Cpcv {
  splits: CpcvSplit[];
  /** C(N-1, k-1). */
  nPaths: number;
  /** Per group: its first and last date (day numbers). */
  groups: { first: number; last: number }[];
}

/** Returns the binomial coefficient C(n, k). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return Math.round(out);
}

/** Every k-subset of 0..n-1, ascending, in lexicographic order (Python's `combinations`). */
export function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const pick: number[] = [];
  const walk = (from: number) => {
    if (pick.length === k) {
      out.push([...pick]);
      return;
    }
    for (let i = from; i <= n - (k - pick.length); i++) {
      pick.push(i);
      walk(i + 1);
      pick.pop();
    }
  };
  walk(0);
  return out;
}

/**
 * Returns the CPCV splits of rows dated `dates` whose labels end on `labelEnds` (day numbers).
 * Throws naming the values when N < 2, k is not in [1, N), there are fewer dates than groups,
 * or a label ends before its date.
 *
 * @example
 * ```ts
 * import { cpcvSplits } from "@lib/validation/cpcv.ts";
 * const days = Array.from({ length: 12 }, (_, i) => i);
 * const cv = cpcvSplits(days, days, { nGroups: 4, nTestGroups: 2 });
 * // C(4, 2) = 6 splits, C(3, 1) = 3 paths; the first split tests groups 0 and 1 (days 0..5)
 * if (cv.splits.length !== 6 || cv.nPaths !== 3 || cv.splits[0].train[0] !== 6) throw new Error();
 * ```
 */
export function cpcvSplits(
  dates: ArrayLike<number>,
  labelEnds: ArrayLike<number>,
  options: CpcvOptions,
): Cpcv {
  const { nGroups, nTestGroups, embargo = 0 } = options;
  if (!Number.isInteger(nGroups) || nGroups < 2) {
    throw new Error(`nGroups must be an integer >= 2; got ${nGroups}`);
  }
  if (!Number.isInteger(nTestGroups) || nTestGroups < 1 || nTestGroups >= nGroups) {
    throw new Error(`nTestGroups must be an integer in [1, nGroups); got ${nTestGroups}`);
  }
  if (!Number.isInteger(embargo) || embargo < 0) {
    throw new Error(`embargo must be an integer >= 0; got ${embargo}`);
  }
  if (dates.length !== labelEnds.length) {
    throw new Error(`dates (${dates.length}) and labelEnds (${labelEnds.length}) differ`);
  }
  for (let i = 0; i < dates.length; i++) {
    if (!(labelEnds[i] >= dates[i])) {
      throw new Error(`row ${i}: label end ${labelEnds[i]} is missing or before its date`);
    }
  }
  const days = uniqueDays(dates);
  if (days.length < nGroups) {
    throw new Error(`${nGroups} groups need at least ${nGroups} dates; got ${days.length}`);
  }
  const base = Math.floor(days.length / nGroups);
  const groups: { first: number; last: number }[] = [];
  const dateGroup = new Map<number, number>();
  let at = 0;
  for (let g = 0; g < nGroups; g++) {
    const size = g === nGroups - 1 ? days.length - at : base;
    groups.push({ first: days[at], last: days[at + size - 1] });
    for (let j = at; j < at + size; j++) dateGroup.set(days[j], g);
    at += size;
  }
  const dayIndex = new Map(Array.from(days, (d, i) => [d, i]));
  const rowGroup = Int32Array.from(dates as ArrayLike<number>, (d) => dateGroup.get(d)!);

  const seen = new Int32Array(nGroups);
  const splits = combinations(nGroups, nTestGroups).map((testGroups, split) => {
    const tested = new Uint8Array(nGroups);
    for (const g of testGroups) tested[g] = 1;
    // a date is embargoed when it is among the `embargo` dates after a tested group's last date
    const embargoedDay = new Uint8Array(days.length);
    for (const g of testGroups) {
      const end = dayIndex.get(groups[g].last)!;
      for (let j = end + 1; j <= Math.min(days.length - 1, end + embargo); j++) {
        if (!tested[dateGroup.get(days[j])!]) embargoedDay[j] = 1;
      }
    }
    const train: number[] = [];
    const test = testGroups.map(() => [] as number[]);
    let purged = 0;
    let embargoed = 0;
    for (let i = 0; i < dates.length; i++) {
      const g = rowGroup[i];
      if (tested[g]) {
        test[testGroups.indexOf(g)].push(i);
        continue;
      }
      if (testGroups.some((t) => dates[i] <= groups[t].last && labelEnds[i] >= groups[t].first)) {
        purged++;
      } else if (embargoedDay[dayIndex.get(dates[i])!]) {
        embargoed++;
      } else {
        train.push(i);
      }
    }
    const paths = testGroups.map((g) => seen[g]++);
    return {
      split,
      testGroups,
      paths,
      train: Int32Array.from(train),
      test: test.map((t) => Int32Array.from(t)),
      purged,
      embargoed,
    };
  });
  return { splits, nPaths: binomial(nGroups - 1, nTestGroups - 1), groups };
}
