/**
 * Multi-quantile regression: one {@link Model} per quantile level, fitted on the same rows, with
 * predictions kept monotone across levels by sorting each row (rearrangement: Chernozhukov,
 * Fernández-Val and Galichon 2010, "Quantile and probability curves without crossing"). Sorting
 * never makes a row's quantile estimates worse in any Lp sense, so it is applied by default;
 * the raw (possibly crossing) predictions stay available for measuring the crossing rate.
 *
 * Predictions are column-per-level ({@link QuantilePredictions}), the form the conformal
 * correction, the metrics and the charts consume.
 * @module
 */
import pl from "nodejs-polars";
import { checkSavedKind, checkTrainingData } from "./model.ts";
import type { FeatureImportance, Model, ModelSpec, SavedModel } from "./model.ts";
import type { FeatureMatrix } from "./matrix.ts";
import { LightGbm } from "./lightgbm/model.ts";
import { fitSharingDatasets } from "./lightgbm/shared_fit.ts";

/** Quantile levels fitted when none are given: 0.1, 0.25, 0.5, 0.75, 0.9. */
export const defaultQuantileLevels: readonly number[] = Object.freeze([0.1, 0.25, 0.5, 0.75, 0.9]);

/** Quantile predictions of `rows` rows: `values[k][i]` is the `levels[k]` quantile of row i. */
export interface QuantilePredictions {
  /** Quantile levels, strictly ascending in (0, 1). */
  levels: readonly number[];
  /** One array per level, each with one value per row. */
  values: Float64Array[];
}

/**
 * Returns `levels` unchanged after checking they are strictly ascending numbers in (0, 1);
 * throws naming the offending level otherwise.
 */
export function checkLevels(levels: readonly number[]): readonly number[] {
  if (levels.length === 0) throw new Error("quantile levels are empty");
  levels.forEach((level, k) => {
    if (!(level > 0 && level < 1)) {
      throw new Error(`quantile level ${level} (position ${k}) is not strictly between 0 and 1`);
    }
    if (k > 0 && !(level > levels[k - 1])) {
      throw new Error(
        `quantile levels must be strictly ascending; ${level} follows ${levels[k - 1]}`,
      );
    }
  });
  return levels;
}

/** Returns the number of rows of `predictions`; throws if the levels' arrays differ in length. */
export function quantileRows(predictions: QuantilePredictions): number {
  const { levels, values } = predictions;
  checkLevels(levels);
  if (values.length !== levels.length) {
    throw new Error(
      `quantile predictions have ${values.length} value arrays for ${levels.length} levels`,
    );
  }
  const rows = values[0].length;
  values.forEach((v, k) => {
    if (v.length !== rows) {
      throw new Error(
        `quantile level ${levels[k]} has ${v.length} rows; level ${levels[0]} has ${rows}`,
      );
    }
  });
  return rows;
}

/**
 * Returns the predictions with each row's values sorted ascending across levels (the
 * rearrangement), leaving the input untouched.
 *
 * @example
 * ```ts
 * import { rearrangeQuantiles } from "@lib/models/quantiles.ts";
 * const crossed = { levels: [0.1, 0.5, 0.9], values: [[3], [1], [2]].map((v) => Float64Array.from(v)) };
 * const fixed = rearrangeQuantiles(crossed);
 * if (fixed.values.map((v) => v[0]).join() !== "1,2,3") throw new Error("not sorted");
 * ```
 */
export function rearrangeQuantiles(predictions: QuantilePredictions): QuantilePredictions {
  const rows = quantileRows(predictions);
  const k = predictions.levels.length;
  const values = predictions.values.map((v) => v.slice());
  const row = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    let sorted = true;
    for (let j = 0; j < k; j++) {
      row[j] = values[j][i];
      if (j > 0 && row[j] < row[j - 1]) sorted = false;
    }
    if (sorted) continue;
    row.sort();
    for (let j = 0; j < k; j++) values[j][i] = row[j];
  }
  return { levels: [...predictions.levels], values };
}

/** Returns the column name of a quantile level: `q10` for 0.1, `q2.5` for 0.025. */
export function quantileColumn(level: number): string {
  return `q${Number((level * 100).toFixed(6))}`;
}

/** Returns the symmetric pairs `[level, 1 - level]` among `levels` (both present), outermost first. */
export function symmetricPairs(levels: readonly number[]): [number, number][] {
  const pairs: [number, number][] = [];
  for (const lo of levels) {
    if (lo >= 0.5) continue;
    const hi = levels.find((l) => Math.abs(l - (1 - lo)) < 1e-12);
    if (hi !== undefined) pairs.push([lo, hi]);
  }
  return pairs;
}

/**
 * Returns `keys` (one row per prediction row, e.g. symbol and date) with one Float64 column per
 * level named by {@link quantileColumn} (`q10`, `q25`, `q50`, ...).
 */
export function quantileFrame(keys: pl.DataFrame, predictions: QuantilePredictions): pl.DataFrame {
  const rows = quantileRows(predictions);
  if (keys.height !== rows) {
    throw new Error(`keys frame has ${keys.height} rows; the predictions have ${rows}`);
  }
  return keys.withColumns(
    ...predictions.levels.map((level, k) =>
      pl.Series(quantileColumn(level), Array.from(predictions.values[k]), pl.Float64)
    ),
  );
}

/** Returns a fresh unfitted model estimating the `alpha` quantile of the label. */
export type QuantileSpecFactory = (alpha: number) => ModelSpec;

/** Options of {@link MultiQuantileModel} and {@link multiQuantile}. */
export interface MultiQuantileOptions {
  /** Builds the model of one level (e.g. `(alpha) => lightgbm({ objective: "quantile", alpha })`). */
  factory: QuantileSpecFactory;
  /** Quantile levels, strictly ascending in (0, 1). Defaults to {@link defaultQuantileLevels}. */
  levels?: readonly number[];
}

/**
 * One model per quantile level. As a {@link Model} its `predict` is the rearranged median (level
 * 0.5 must be among the levels for that); `predictQuantiles` gives every level.
 */
export class MultiQuantileModel implements Model {
  /** Registry key: `"multi_quantile"`. */
  readonly kind = "multi_quantile";
  /** Quantile levels, ascending. */
  readonly levels: readonly number[];
  /** Feature names the model was fitted on; empty before `fit`. */
  features: readonly string[] = [];
  private readonly factory: QuantileSpecFactory;
  private parts: Model[] = [];

  constructor(options: MultiQuantileOptions) {
    this.levels = [...checkLevels(options.levels ?? defaultQuantileLevels)];
    this.factory = options.factory;
  }

  /** The fitted model of each level, in level order (empty before `fit`). */
  get models(): readonly Model[] {
    return this.parts;
  }

  fit(x: FeatureMatrix, y: Float64Array): void {
    checkTrainingData(x, y);
    const factory = this.factory;
    const parts = this.levels.map((alpha) => factory(alpha).create());
    if (parts.every((m) => m instanceof LightGbm)) {
      // One binning of the rows for every level (the levels differ only in alpha).
      fitSharingDatasets(parts as LightGbm[], x, y, (k) => `quantile ${this.levels[k]}`);
    } else {
      parts.forEach((model, k) => {
        try {
          model.fit(x, y);
        } catch (error) {
          const alpha = this.levels[k];
          throw new Error(`quantile ${alpha}: ${(error as Error).message}`, { cause: error });
        }
      });
    }
    this.parts = parts;
    this.features = [...x.features];
  }

  /** Returns every level's prediction per row, rearranged unless `rearrange` is false. */
  predictQuantiles(x: FeatureMatrix, options: { rearrange?: boolean } = {}): QuantilePredictions {
    const parts = this.fitted();
    const raw = { levels: this.levels, values: parts.map((m) => m.predict(x)) };
    return options.rearrange === false ? raw : rearrangeQuantiles(raw);
  }

  /** Returns the rearranged median per row; throws when 0.5 is not among the levels. */
  predict(x: FeatureMatrix): Float64Array {
    const k = this.levels.indexOf(0.5);
    if (k < 0) {
      throw new Error(
        `multi-quantile predict() returns the median, but levels [${this.levels}] lack 0.5`,
      );
    }
    return this.predictQuantiles(x).values[k];
  }

  /** Each feature's importance averaged over the levels' models. */
  importance(): FeatureImportance[] {
    const parts = this.fitted();
    const sum = new Map<string, number>(this.features.map((f) => [f, 0]));
    for (const model of parts) {
      for (const { feature, importance } of model.importance()) {
        sum.set(feature, (sum.get(feature) ?? 0) + importance);
      }
    }
    return this.features.map((feature) => ({
      feature,
      importance: (sum.get(feature) ?? 0) / parts.length,
    }));
  }

  save(): SavedModel {
    const parts = this.fitted();
    return {
      kind: this.kind,
      version: 1,
      features: [...this.features],
      params: { levels: [...this.levels] },
      state: { models: parts.map((m) => m.save()) },
    };
  }

  /**
   * Rebuilds a fitted model from {@link MultiQuantileModel.save}'s output; `loadPart` loads each
   * level's model (pass `loadModel` from the registry). The result predicts but cannot refit.
   */
  static load(saved: SavedModel, loadPart: (saved: SavedModel) => Model): MultiQuantileModel {
    checkSavedKind(saved, "multi_quantile");
    const levels = (saved.params as { levels?: number[] }).levels ?? [];
    const models = (saved.state as { models?: SavedModel[] })?.models;
    if (!Array.isArray(models) || models.length !== levels.length) {
      throw new Error("saved multi_quantile state has no model per level");
    }
    const model = new MultiQuantileModel({
      levels,
      factory: () => {
        throw new Error("a loaded multi-quantile model cannot be refitted");
      },
    });
    model.parts = models.map(loadPart);
    model.features = [...saved.features];
    return model;
  }

  private fitted(): Model[] {
    if (this.parts.length === 0) {
      throw new Error("multi-quantile model is not fitted; call fit first");
    }
    return this.parts;
  }
}

/** A {@link ModelSpec} whose models are {@link MultiQuantileModel}s. */
export interface MultiQuantileSpec extends ModelSpec {
  /** Returns a new unfitted multi-quantile model. */
  create(): MultiQuantileModel;
}

/**
 * Returns a {@link ModelSpec} of a {@link MultiQuantileModel} named `quantiles` (or `name`).
 *
 * @example
 * ```ts
 * import { multiQuantile } from "@lib/models/quantiles.ts";
 * import { ridge } from "@lib/models/linear/ridge.ts";
 * import type { Model } from "@lib/models/model.ts";
 * // A stand-in quantile model: the label's empirical quantile, whatever the features (a real
 * // one conditions on them, e.g. lightgbm({ objective: "quantile", alpha })).
 * const empirical = (alpha: number) => ({
 *   name: `empirical_${alpha}`,
 *   create(): Model {
 *     let q = NaN;
 *     return {
 *       kind: "empirical",
 *       features: ["x"],
 *       fit: (_x, y) => void (q = [...y].sort((a, b) => a - b)[Math.floor(alpha * (y.length - 1))]),
 *       predict: (x) => new Float64Array(x.rows).fill(q),
 *       importance: () => [],
 *       save: () => ({ kind: "empirical", version: 1, features: ["x"], params: {}, state: q }),
 *     };
 *   },
 * });
 * const model = multiQuantile({ factory: empirical }).create();
 * const x = { data: new Float64Array([0, 1, 2, 3]), rows: 4, cols: 1, features: ["x"] };
 * model.fit(x, new Float64Array([1, 3, 5, 7]));
 * const q = model.predictQuantiles(x); // levels 0.1, 0.25, 0.5, 0.75, 0.9
 * if (q.values.map((v) => v[0]).join() !== "1,1,3,5,5") throw new Error("wrong quantiles");
 * ```
 */
export function multiQuantile(
  options: MultiQuantileOptions & { name?: string },
): MultiQuantileSpec {
  const { name = "quantiles", ...rest } = options;
  return { name, create: () => new MultiQuantileModel(rest) };
}
