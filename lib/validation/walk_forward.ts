/**
 * Walk-forward splits with purging and embargo (López de Prado, *Advances in Financial Machine
 * Learning*, ch. 7), over rows that each carry a label span `[date, labelEnd]`.
 *
 * Test periods are the last `nFolds * testSize` distinct dates, cut into `nFolds` consecutive
 * blocks of `testSize` dates. Fold k trains on every row dated before its test block (an
 * expanding window; `trainSize` makes it a rolling window of that many dates), minus the rows *purged* because their label span reaches into the test
 * block: their label was computed from prices the test period also sees.
 *
 * The embargo drops training rows in the `embargo` dates right after a test block, whose
 * features look back into it. Walk-forward training never uses rows after the test block, so
 * with `trainOn: "past"` (the default) the embargo removes nothing; it bites with
 * `trainOn: "past-and-future"`, where training also takes the rows after the test block, as in
 * purged k-fold cross-validation.
 * @module
 */
import { isoFromDay, uniqueDays } from "./days.ts";

/** Which rows outside the test block may train a fold. */
export type TrainOn = "past" | "past-and-future";

/** Options of {@link walkForwardSplits}. */
export interface WalkForwardOptions {
  /** Number of folds (test blocks), at least 1. */
  nFolds: number;
  /** Distinct dates in each test block, at least 1. */
  testSize: number;
  /** Distinct dates after each test block removed from training. Defaults to 0. */
  embargo?: number;
  /** `"past"` (walk-forward, the default) or `"past-and-future"` (purged k-fold style). */
  trainOn?: TrainOn;
  /**
   * Distinct dates a fold may train on before its test block: omitted (the default) is an
   * expanding window (every earlier date); a number is a rolling window of that many dates
   * ending right before the test block (purged rows still count towards the window's dates).
   * With `trainOn: "past-and-future"` it bounds the dates before the block only.
   */
  trainSize?: number;
}

/** One fold: row indices into the input arrays (ascending) and the dates they span. */
export interface Fold {
  /** Fold number, 0 for the earliest test block. */
  fold: number;
  /** Rows that train this fold. */
  train: Int32Array;
  /** Rows dated inside the test block. */
  test: Int32Array;
  /** First and last training date (ISO). */
  trainStart: string;
  trainEnd: string;
  /** First and last test date (ISO). */
  testStart: string;
  testEnd: string;
  /** Rows before the test block dropped because their label span overlaps it. */
  purged: number;
  /** Rows after the test block dropped by the embargo. */
  embargoed: number;
}

/**
 * Returns the walk-forward folds of rows dated `dates` whose labels end on `labelEnds`
 * (both day numbers, see `dayNumbers`). Deterministic: the same inputs give the same folds.
 * Throws when there are not enough dates, a label end is missing or before its date, or a fold
 * has no training rows left after purging and embargo.
 *
 * @example
 * ```ts
 * import { walkForwardSplits } from "@lib/validation/walk_forward.ts";
 * // one row per day 0..9, each label spans two days
 * const dates = Array.from({ length: 10 }, (_, i) => i);
 * const ends = dates.map((d) => d + 2);
 * const [fold] = walkForwardSplits(dates, ends, { nFolds: 1, testSize: 3 });
 * // test = days 7..9; days 5 and 6 are purged (their labels end on 7 and 8)
 * if (fold.test.length !== 3 || fold.train.length !== 5 || fold.purged !== 2) throw new Error();
 * ```
 */
export function walkForwardSplits(
  dates: ArrayLike<number>,
  labelEnds: ArrayLike<number>,
  options: WalkForwardOptions,
): Fold[] {
  const { nFolds, testSize, embargo = 0, trainOn = "past", trainSize } = options;
  checkCount("nFolds", nFolds, 1);
  checkCount("testSize", testSize, 1);
  checkCount("embargo", embargo, 0);
  if (trainSize !== undefined) checkCount("trainSize", trainSize, 1);
  if (dates.length !== labelEnds.length) {
    throw new Error(`dates (${dates.length}) and labelEnds (${labelEnds.length}) differ in length`);
  }
  if (dates.length === 0) throw new Error("walk-forward splits need rows; got none");
  checkSpans(dates, labelEnds);

  const days = uniqueDays(dates);
  const testDates = nFolds * testSize;
  if (days.length <= testDates) {
    throw new Error(
      `walk-forward needs more than nFolds x testSize = ${nFolds} x ${testSize} = ${testDates} ` +
        `distinct dates (at least one to train on); the rows have ${days.length}`,
    );
  }

  const folds: Fold[] = [];
  for (let k = 0; k < nFolds; k++) {
    const first = days.length - (nFolds - k) * testSize;
    const testStart = days[first];
    const testEnd = days[first + testSize - 1];
    const windowStart = trainSize === undefined ? -Infinity : days[Math.max(0, first - trainSize)];
    const embargoEnd = embargo > 0
      ? days[Math.min(days.length - 1, first + testSize - 1 + embargo)]
      : testEnd;
    const train: number[] = [];
    const test: number[] = [];
    let purged = 0;
    let embargoed = 0;
    let trainStart = Infinity;
    let trainEnd = -Infinity;
    for (let i = 0; i < dates.length; i++) {
      const d = dates[i];
      if (d >= testStart && d <= testEnd) {
        test.push(i);
        continue;
      }
      if (d < testStart) {
        if (d < windowStart) continue;
        if (labelEnds[i] >= testStart) {
          purged++;
          continue;
        }
      } else if (trainOn === "past") {
        continue;
      } else if (d <= embargoEnd) {
        embargoed++;
        continue;
      }
      train.push(i);
      if (d < trainStart) trainStart = d;
      if (d > trainEnd) trainEnd = d;
    }
    if (train.length === 0) {
      throw new Error(
        `fold ${k} (test ${isoFromDay(testStart)}..${isoFromDay(testEnd)}) has no training rows ` +
          `after purging ${purged} and embargoing ${embargoed}; use fewer folds, a smaller ` +
          `testSize, a smaller embargo or a shorter label horizon`,
      );
    }
    folds.push({
      fold: k,
      train: Int32Array.from(train),
      test: Int32Array.from(test),
      trainStart: isoFromDay(trainStart),
      trainEnd: isoFromDay(trainEnd),
      testStart: isoFromDay(testStart),
      testEnd: isoFromDay(testEnd),
      purged,
      embargoed,
    });
  }
  return folds;
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}; got ${value}`);
  }
}

function checkSpans(dates: ArrayLike<number>, labelEnds: ArrayLike<number>): void {
  for (let i = 0; i < dates.length; i++) {
    if (!Number.isFinite(dates[i])) throw new Error(`row ${i} has no date`);
    if (!Number.isFinite(labelEnds[i])) {
      throw new Error(
        `row ${i} has no label end; drop rows without a label before splitting`,
      );
    }
    if (labelEnds[i] < dates[i]) {
      throw new Error(
        `row ${i}: label end ${isoFromDay(labelEnds[i])} is before its date ${
          isoFromDay(dates[i])
        }`,
      );
    }
  }
}
