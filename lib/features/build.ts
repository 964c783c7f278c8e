/**
 * Building a feature frame from a panel of daily bars.
 * @module
 */
import pl from "nodejs-polars";
import type { FeatureRegistry, FeatureRequest } from "./registry.ts";
import { defaultRegistry } from "./catalog.ts";

/**
 * Returns `symbol`, `date` and one Float64 column per requested feature, one row per panel row,
 * sorted by symbol then date. Each feature is computed per symbol (`.over("symbol")`) on rows in
 * date order, so nothing crosses symbols and warm-up rows are null.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { buildFeatures } from "@lib/features/build.ts";
 * const panel = pl.DataFrame({ symbol: ["A", "A", "A"], date: [1, 2, 3], close: [1, 2, 3] });
 * const f = buildFeatures(panel, [{ kind: "sma", params: { window: 2 } }]);
 * if (f.getColumn("sma_2").toArray().join() !== ",1.5,2.5") throw new Error("sma");
 * ```
 */
export function buildFeatures(
  panel: pl.DataFrame,
  spec: readonly FeatureRequest[],
  registry: FeatureRegistry = defaultRegistry,
): pl.DataFrame {
  const missing = ["symbol", "date", "close"].filter((c) => !panel.columns.includes(c));
  if (missing.length > 0) {
    throw new Error(`buildFeatures: the panel lacks column(s) ${missing.join(", ")}`);
  }
  const features = registry.resolveAll(spec);
  return panel
    .sort(["symbol", "date"])
    .select(
      pl.col("symbol"),
      pl.col("date"),
      ...features.map((f) => f.expr.over("symbol").cast(pl.Float64).alias(f.name)),
    );
}

/**
 * Returns each feature column's share of null values: columns `feature` and `null_fraction`.
 * Warm-up rows are expected to be null; a fraction far above warm-up / rows flags a problem.
 */
export function nullFractions(features: pl.DataFrame): pl.DataFrame {
  const columns = features.columns.filter((c) => c !== "symbol" && c !== "date");
  const height = Math.max(features.height, 1);
  return pl.DataFrame({
    feature: columns,
    null_fraction: columns.map((c) => features.getColumn(c).nullCount() / height),
  });
}

/** Returns the share of null cells across every feature column (0 when there are none). */
export function overallNullFraction(features: pl.DataFrame): number {
  const columns = features.columns.filter((c) => c !== "symbol" && c !== "date");
  const cells = columns.length * features.height;
  if (cells === 0) return 0;
  const nulls = columns.reduce((sum, c) => sum + features.getColumn(c).nullCount(), 0);
  return nulls / cells;
}

/** Returns the column names a spec produces, optionally only those of the given kinds. */
export function featureNames(
  spec: readonly FeatureRequest[],
  kinds?: readonly string[],
  registry: FeatureRegistry = defaultRegistry,
): string[] {
  return registry.resolveAll(spec)
    .filter((f) => kinds === undefined || kinds.includes(f.kind))
    .map((f) => f.name);
}

/** Returns one row per feature of a spec: `feature`, `kind`, `warmup` (rows) and `description`. */
export function describeFeatures(
  spec: readonly FeatureRequest[],
  registry: FeatureRegistry = defaultRegistry,
): pl.DataFrame {
  const features = registry.resolveAll(spec);
  return pl.DataFrame({
    feature: features.map((f) => f.name),
    kind: features.map((f) => f.kind),
    warmup: pl.Series("warmup", features.map((f) => f.warmup), pl.Int32),
    description: features.map((f) => registry.family(f.kind).description),
  });
}
