/**
 * The two samples a drift report compares: the training window and the latest dates.
 * @module
 */
import pl from "nodejs-polars";
import { dayNumbers } from "../validation/days.ts";

/**
 * Returns the feature rows of the training window and of the latest `window` dates, the two
 * samples a drift report compares. The latest dates are those of the features frame, which
 * reach past the last label; the training window is every earlier date.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { driftWindows } from "@lib/models/drift_windows.ts";
 * const date = [0, 1, 2, 3].map((d) => new Date(d * 86_400_000));
 * const f = pl.DataFrame({ symbol: ["a", "a", "a", "a"], x: [1, 2, 3, 4] }).withColumns(pl.Series("date", date).cast(pl.Date));
 * const { train, latest } = driftWindows(f, 1);
 * if (train.height !== 3 || latest.height !== 1) throw new Error();
 * ```
 */
export function driftWindows(
  features: pl.DataFrame,
  window: number,
): { train: pl.DataFrame; latest: pl.DataFrame } {
  const days = [...new Set(dayNumbers(features.getColumn("date")))].sort((a, b) => a - b);
  if (days.length <= window) {
    throw new Error(
      `drift needs more than ${window} dates (the latest window) in the features; they have ${days.length}`,
    );
  }
  const cut = days[days.length - window];
  const day = dayNumbers(features.getColumn("date"));
  const latestMask = pl.Series("latest", Array.from(day, (d) => d >= cut));
  return {
    train: features.filter(latestMask.not()),
    latest: features.filter(latestMask),
  };
}
