/**
 * Conformalized quantile regression (CQR; Romano, Patterson and Candès 2019, "Conformalized
 * Quantile Regression", NeurIPS). A quantile model's interval `[lo, hi]` of nominal coverage
 * `1 - a` is widened (or narrowed) by the same amount `Q` on both sides, where `Q` is read from
 * the conformity scores `E_i = max(lo_i - y_i, y_i - hi_i)` of a calibration split the model did
 * not train on. If calibration and test rows are exchangeable, the corrected interval covers a new
 * label with probability at least `1 - a` whatever the model (finite-sample guarantee).
 *
 * Returns are not exchangeable across time, so the guarantee is approximate here; the
 * calibration split is the *latest* part of a fold's training window, purged so that no
 * calibration label overlaps a training label ({@link splitCalibration}).
 * @module
 */
import { isoFromDay, uniqueDays } from "../validation/days.ts";
import { takeRows, takeValues } from "./matrix.ts";
import type { FeatureMatrix } from "./matrix.ts";
import { quantileRows, rearrangeQuantiles, symmetricPairs } from "./quantiles.ts";
import type { MultiQuantileModel, MultiQuantileSpec, QuantilePredictions } from "./quantiles.ts";

/** Returns the CQR conformity score `max(lo_i - y_i, y_i - hi_i)` of each row. */
export function conformityScores(
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  actual: ArrayLike<number>,
): Float64Array {
  if (lower.length !== upper.length || lower.length !== actual.length) {
    throw new Error(
      `lower (${lower.length}), upper (${upper.length}) and actual (${actual.length}) ` +
        `differ in length`,
    );
  }
  const out = new Float64Array(actual.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.max(lower[i] - actual[i], actual[i] - upper[i]);
  }
  return out;
}

/**
 * Returns the conformal correction of `scores` at miscoverage `a`: the `k`-th smallest score
 * with `k = ceil((n + 1)(1 - a))`, i.e. the `k/n` empirical quantile. When `k > n` (too few
 * calibration rows for the requested coverage: `n < 1/a - 1`) no finite correction guarantees
 * `1 - a`, and the result is `Infinity`. Throws on no scores, a non-finite score or `a` outside
 * (0, 1).
 *
 * @example
 * ```ts
 * import { conformalQuantile } from "@lib/models/conformal.ts";
 * // n = 9, a = 0.2: k = ceil(10 x 0.8) = 8, the 8th smallest score
 * const q = conformalQuantile(Float64Array.from([9, 1, 8, 2, 7, 3, 6, 4, 5]), 0.2);
 * if (q !== 8) throw new Error(`got ${q}`);
 * // n = 3, a = 0.2: k = ceil(4 x 0.8) = 4 > 3, no finite correction
 * if (conformalQuantile(Float64Array.from([1, 2, 3]), 0.2) !== Infinity) throw new Error();
 * ```
 */
export function conformalQuantile(scores: ArrayLike<number>, miscoverage: number): number {
  if (!(miscoverage > 0 && miscoverage < 1)) {
    throw new Error(`miscoverage must be strictly between 0 and 1; got ${miscoverage}`);
  }
  const n = scores.length;
  if (n === 0) throw new Error("conformal calibration needs at least one score; got none");
  const sorted = Float64Array.from(scores);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(sorted[i])) {
      throw new Error(`conformity score at row ${i} is ${sorted[i]}; drop incomplete rows first`);
    }
  }
  sorted.sort();
  // The small tolerance keeps float noise in (n + 1)(1 - a) (e.g. 10 x 0.8 = 8.000000000000002)
  // from moving k up by one.
  const k = Math.ceil((n + 1) * (1 - miscoverage) - 1e-9);
  return k > n ? Infinity : sorted[Math.max(k, 1) - 1];
}

/** The correction of one interval, as {@link calibrateConformal} measured it. */
export interface ConformalPair {
  /** Lower quantile level (e.g. 0.1). */
  lower: number;
  /** Upper quantile level (e.g. 0.9). */
  upper: number;
  /** Target miscoverage `a = lower + (1 - upper)` (0.2 for the 10-90 interval). */
  miscoverage: number;
  /** Amount subtracted from the lower and added to the upper quantile; may be negative. */
  correction: number;
  /** Calibration rows. */
  n: number;
  /** Share of calibration rows the raw interval covered. */
  rawCoverage: number;
}

/** The corrections of every interval, for {@link applyConformal}. */
export interface ConformalCalibration {
  /** One entry per symmetric pair of levels, outermost first. */
  pairs: ConformalPair[];
}

/** Options of {@link calibrateConformal}. */
export interface ConformalOptions {
  /**
   * Pairs of levels to correct. Defaults to every symmetric pair among the levels (0.1/0.9 and
   * 0.25/0.75 for the default levels); the median and unpaired levels are left unchanged.
   */
  pairs?: readonly (readonly [number, number])[];
}

/**
 * Returns the CQR correction of each interval from predictions on calibration rows and their
 * realised labels. Throws when a pair's level is not among the predictions' levels.
 */
export function calibrateConformal(
  calibration: QuantilePredictions,
  actual: ArrayLike<number>,
  options: ConformalOptions = {},
): ConformalCalibration {
  const rows = quantileRows(calibration);
  if (actual.length !== rows) {
    throw new Error(`calibration predictions have ${rows} rows; actual has ${actual.length}`);
  }
  const pairs = options.pairs ?? symmetricPairs(calibration.levels);
  if (pairs.length === 0) {
    throw new Error(
      `no pair of levels to calibrate among [${calibration.levels}]; pass options.pairs`,
    );
  }
  return {
    pairs: pairs.map(([lower, upper]) => {
      const lo = levelValues(calibration, lower);
      const hi = levelValues(calibration, upper);
      if (!(lower < upper)) throw new Error(`pair (${lower}, ${upper}) is not lower < upper`);
      const miscoverage = lower + (1 - upper);
      let covered = 0;
      for (let i = 0; i < rows; i++) if (actual[i] >= lo[i] && actual[i] <= hi[i]) covered++;
      return {
        lower,
        upper,
        miscoverage,
        correction: conformalQuantile(conformityScores(lo, hi, actual), miscoverage),
        n: rows,
        rawCoverage: covered / rows,
      };
    }),
  };
}

/**
 * Returns `predictions` with each calibrated interval widened to `[lo - Q, hi + Q]` (other levels
 * unchanged), then rearranged so the levels stay monotone.
 *
 * @example
 * ```ts
 * import { applyConformal, calibrateConformal } from "@lib/models/conformal.ts";
 * const f = (...v: number[]) => Float64Array.from(v);
 * // a constant 10-90 interval [-1, 1] on 9 calibration rows
 * const cal = { levels: [0.1, 0.5, 0.9], values: [f(...Array(9).fill(-1)), f(...Array(9).fill(0)), f(...Array(9).fill(1))] };
 * const y = f(-3, -2, -1.5, 0, 0.5, 1, 1.5, 2, 4);
 * const c = calibrateConformal(cal, y); // scores 2,1,0.5,-1,-0.5,0,0.5,1,3 -> 8th smallest = 2
 * const out = applyConformal({ levels: [0.1, 0.5, 0.9], values: [f(-1), f(0), f(1)] }, c);
 * if (out.values.map((v) => v[0]).join() !== "-3,0,3") throw new Error("not widened by 2");
 * ```
 */
export function applyConformal(
  predictions: QuantilePredictions,
  calibration: ConformalCalibration,
): QuantilePredictions {
  const rows = quantileRows(predictions);
  const values = predictions.values.map((v) => v.slice());
  for (const { lower, upper, correction } of calibration.pairs) {
    const lo = values[levelIndex(predictions, lower)];
    const hi = values[levelIndex(predictions, upper)];
    for (let i = 0; i < rows; i++) {
      lo[i] -= correction;
      hi[i] += correction;
    }
  }
  return rearrangeQuantiles({ levels: predictions.levels, values });
}

/** Options of {@link splitCalibration}. */
export interface CalibrationSplitOptions {
  /** Share of the training dates (the latest) held out for calibration. Defaults to 0.2. */
  calibrationFraction?: number;
}

/** A fold's training rows cut into proper-training and calibration rows. */
export interface CalibrationSplit {
  /** Rows (indices into the date arrays) that fit the model. */
  properTrain: Int32Array;
  /** Rows that calibrate the conformal correction: the latest training dates. */
  calibration: Int32Array;
  /** Training rows dropped because their label ends on or after the first calibration date. */
  purged: number;
  /** First calibration date (ISO). */
  calibrationStart: string;
}

/**
 * Splits the training rows `train` (indices into `dates` and `labelEnds`, day numbers, e.g. a
 * fold's `train` from `walkForwardSplits`) in time order: the rows on the last
 * `calibrationFraction` of the distinct training dates calibrate; earlier rows train, except
 * those whose label span reaches the first calibration date (purged, so no calibration label
 * shares prices with a training label; for an h-day label that is the last h dates before it).
 * Throws when either part would be empty.
 *
 * @example
 * ```ts
 * import { splitCalibration } from "@lib/models/conformal.ts";
 * const dates = Array.from({ length: 10 }, (_, i) => i);
 * const ends = dates.map((d) => d + 2); // 2-day labels
 * const s = splitCalibration(Int32Array.from(dates), dates, ends);
 * // calibration = days 8, 9; days 6 and 7 are purged (labels end on 8 and 9)
 * if (s.calibration.join() !== "8,9" || s.properTrain.join() !== "0,1,2,3,4,5" || s.purged !== 2) {
 *   throw new Error("wrong split");
 * }
 * ```
 */
export function splitCalibration(
  train: ArrayLike<number>,
  dates: ArrayLike<number>,
  labelEnds: ArrayLike<number>,
  options: CalibrationSplitOptions = {},
): CalibrationSplit {
  const fraction = options.calibrationFraction ?? 0.2;
  if (!(fraction > 0 && fraction < 1)) {
    throw new Error(`calibrationFraction must be strictly between 0 and 1; got ${fraction}`);
  }
  if (dates.length !== labelEnds.length) {
    throw new Error(`dates (${dates.length}) and labelEnds (${labelEnds.length}) differ in length`);
  }
  const trainDates = Float64Array.from(train, (i) => {
    if (!(i >= 0 && i < dates.length)) throw new Error(`training row ${i} is out of range`);
    return dates[i];
  });
  const days = uniqueDays(trainDates);
  const nCal = Math.max(1, Math.round(days.length * fraction));
  if (days.length < 2 || nCal >= days.length) {
    throw new Error(
      `cannot hold out ${fraction} of ${days.length} training date(s) for calibration and ` +
        `keep dates to train on`,
    );
  }
  const start = days[days.length - nCal];
  const properTrain: number[] = [];
  const calibration: number[] = [];
  let purged = 0;
  for (let r = 0; r < train.length; r++) {
    const i = train[r];
    if (dates[i] >= start) calibration.push(i);
    else if (!(labelEnds[i] < start)) purged++;
    else properTrain.push(i);
  }
  if (properTrain.length === 0) {
    throw new Error(
      `no proper-training rows left before calibration start ${isoFromDay(start)} after ` +
        `purging ${purged}; use a smaller calibrationFraction or a longer training window`,
    );
  }
  return {
    properTrain: Int32Array.from(properTrain),
    calibration: Int32Array.from(calibration),
    purged,
    calibrationStart: isoFromDay(start),
  };
}

/** A multi-quantile model fitted on proper-training rows and calibrated on the held-out rows. */
export interface ConformalFit {
  /** The fitted model (raw quantiles: `model.predictQuantiles(x, { rearrange: false })`). */
  model: MultiQuantileModel;
  /** The corrections measured on the calibration rows. */
  calibration: ConformalCalibration;
  /** How the training rows were split. */
  split: CalibrationSplit;
  /** Returns the conformalised, monotone quantiles of the rows of `x`. */
  predictQuantiles(x: FeatureMatrix): QuantilePredictions;
}

/**
 * Fits `spec` on the proper-training part of the rows `train` of `x` / `y` and calibrates it on
 * the rest ({@link splitCalibration}, then {@link calibrateConformal}): the per-fold CQR step of
 * a walk-forward evaluation. `dates` and `labelEnds` are day numbers aligned with the rows of `x`.
 */
export function fitConformalQuantiles(
  spec: MultiQuantileSpec,
  x: FeatureMatrix,
  y: Float64Array,
  train: ArrayLike<number>,
  dates: ArrayLike<number>,
  labelEnds: ArrayLike<number>,
  options: CalibrationSplitOptions & ConformalOptions = {},
): ConformalFit {
  if (y.length !== x.rows || dates.length !== x.rows || labelEnds.length !== x.rows) {
    throw new Error(
      `x (${x.rows} rows), y (${y.length}), dates (${dates.length}) and labelEnds ` +
        `(${labelEnds.length}) differ in length`,
    );
  }
  const split = splitCalibration(train, dates, labelEnds, options);
  const model = spec.create();
  model.fit(takeRows(x, split.properTrain), takeValues(y, split.properTrain));
  const calibration = calibrateConformal(
    model.predictQuantiles(takeRows(x, split.calibration)),
    takeValues(y, split.calibration),
    options,
  );
  return {
    model,
    calibration,
    split,
    predictQuantiles: (rows) => applyConformal(model.predictQuantiles(rows), calibration),
  };
}

function levelIndex(predictions: QuantilePredictions, level: number): number {
  const k = predictions.levels.findIndex((l) => Math.abs(l - level) < 1e-12);
  if (k < 0) {
    throw new Error(`level ${level} is not among the predictions' levels [${predictions.levels}]`);
  }
  return k;
}

function levelValues(predictions: QuantilePredictions, level: number): Float64Array {
  return predictions.values[levelIndex(predictions, level)];
}
