/**
 * From the training step's parameters to the evaluation's options, so every evaluation of the
 * step (point models, classifiers, quantiles) runs on the same folds and features.
 * @module
 */
import type { WalkForwardOptions } from "../validation/walk_forward.ts";

/**
 * Returns the fold layout in `settings` (folds, test size, embargo, train-on mode and window),
 * the one every evaluation of the step shares.
 *
 * @example
 * ```ts
 * import { foldOptions } from "@lib/models/training_options.ts";
 * const params = { nFolds: 4, testSize: 126, embargo: 0, trainOn: "past" as const, seed: 1 };
 * const folds = foldOptions(params);
 * if (Object.keys(folds).join() !== "nFolds,testSize,embargo,trainOn,trainSize") throw new Error();
 * ```
 */
export function foldOptions(settings: WalkForwardOptions): WalkForwardOptions {
  return {
    nFolds: settings.nFolds,
    testSize: settings.testSize,
    embargo: settings.embargo,
    trainOn: settings.trainOn,
    trainSize: settings.trainSize,
  };
}

/**
 * Returns the feature columns to train on: `columns`, or undefined (every column of the
 * features) when the list is empty.
 *
 * @example
 * ```ts
 * import { featureColumns } from "@lib/models/training_options.ts";
 * if (featureColumns([]) !== undefined || featureColumns(["ret_1"])?.length !== 1) throw new Error();
 * ```
 */
export function featureColumns(columns: readonly string[]): readonly string[] | undefined {
  return columns.length > 0 ? columns : undefined;
}
