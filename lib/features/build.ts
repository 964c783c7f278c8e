/**
 * Building a feature frame from a panel of daily bars.
 * @module
 */
import pl from "nodejs-polars";
import type {
  FeatureRegistry,
  FeatureRequest,
  Helper,
  PanelColumn,
  ResolvedFeature,
} from "./registry.ts";
import { defaultRegistry } from "./catalog.ts";

/** Name of the build's own column: a row's position within its symbol (0 on the first row). */
const POSITION = "__row_in_symbol";

/**
 * Returns `symbol`, `date` and one Float64 column per requested feature, one row per panel row,
 * sorted by symbol then date. Each feature gets the values it would have if computed on each
 * symbol alone, in date order: nothing crosses symbols and warm-up rows are null.
 *
 * Evaluating every expression `.over("symbol")` costs a group-by and a scatter per expression, so
 * instead a feature or helper that reads at most `warmup` rows back is evaluated once over the
 * whole sorted panel and its first `warmup` rows per symbol (those that would read the previous
 * symbol) are set to null. Only helpers that carry state along the rows (`perSymbol`: EMAs,
 * cumulative sums, and rolling sums, whose last bits depend on every row they slid over) run per
 * symbol, each on columns already computed. The result equals building each symbol alone, bit
 * for bit (tests/features/build_test.ts checks the default catalog on the sample).
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
  const features = registry.resolveAll(spec);
  const needed = new Set<string>(["symbol", "date", ...features.flatMap((f) => f.inputs)]);
  const missing = [...needed].filter((c) => !panel.columns.includes(c));
  if (missing.length > 0) {
    throw new Error(`buildFeatures: the panel lacks column(s) ${missing.join(", ")}`);
  }
  const sorted = panel.sort(["symbol", "date"]).lazy()
    .withColumns(pl.intRange(0, pl.len()).over("symbol").alias(POSITION));
  return withHelpers(sorted, features)
    .select(
      pl.col("symbol"),
      pl.col("date"),
      ...features.map((f) => afterWarmup(f.expr, f.warmup).cast(pl.Float64).alias(f.name)),
    )
    .collectSync();
}

/** `expr` with the first `warmup` rows of each symbol set to null. */
function afterWarmup(expr: pl.Expr, warmup: number): pl.Expr {
  if (warmup <= 0) return expr;
  return pl.when(pl.col(POSITION).lt(warmup)).then(pl.lit(null).cast(pl.Float64)).otherwise(expr);
}

/**
 * Adds the features' helper columns stage by stage, each computed once however many features
 * read it. Throws when two helpers share a name but not a definition stage.
 */
function withHelpers(
  panel: pl.LazyDataFrame,
  features: readonly ResolvedFeature[],
): pl.LazyDataFrame {
  const stageOf = new Map<string, number>();
  const stages: Helper[][] = [];
  for (const feature of features) {
    feature.stages.forEach((stage, k) => {
      for (const helper of stage) {
        const known = stageOf.get(helper.name);
        if (known === k) continue;
        if (known !== undefined) {
          throw new Error(`helper column "${helper.name}" is defined at stages ${known} and ${k}`);
        }
        stageOf.set(helper.name, k);
        (stages[k] ??= []).push(helper);
      }
    });
  }
  return stages.reduce(
    (frame, stage) =>
      frame.withColumns(
        ...stage.map((h) =>
          (h.perSymbol ? h.expr.over("symbol") : afterWarmup(h.expr, h.warmup)).alias(h.name)
        ),
      ),
    panel,
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

/**
 * Returns the overlays a price chart draws for `spec`: its first SMA, then the upper and lower
 * Bollinger bands (whichever of them the spec has).
 */
export function priceOverlays(
  spec: readonly FeatureRequest[],
  registry: FeatureRegistry = defaultRegistry,
): string[] {
  return [
    ...featureNames(spec, ["sma"], registry).slice(0, 1),
    ...featureNames(spec, ["bb_upper", "bb_lower"], registry),
  ];
}

/**
 * Returns one row per feature of a spec: `feature`, `kind`, `group`, `inputs` (panel columns read),
 * `warmup` (rows) and `description`.
 */
export function describeFeatures(
  spec: readonly FeatureRequest[],
  registry: FeatureRegistry = defaultRegistry,
): pl.DataFrame {
  const features = registry.resolveAll(spec);
  return pl.DataFrame({
    feature: features.map((f) => f.name),
    kind: features.map((f) => f.kind),
    group: features.map((f) => registry.family(f.kind).group),
    inputs: features.map((f) => f.inputs.join(", ")),
    warmup: pl.Series("warmup", features.map((f) => f.warmup), pl.Int32),
    description: features.map((f) => registry.family(f.kind).description),
  });
}

const PANEL_COLUMNS: readonly PanelColumn[] = ["open", "high", "low", "close", "volume"];

/**
 * Returns which panel columns each feature of a spec reads: one row per feature with `feature`,
 * `group` and one Float64 column per panel input (1 when read, 0 when not), for a table or a
 * dependency chart.
 */
export function featureInputs(
  spec: readonly FeatureRequest[],
  registry: FeatureRegistry = defaultRegistry,
): pl.DataFrame {
  const features = registry.resolveAll(spec);
  return pl.DataFrame({
    feature: features.map((f) => f.name),
    group: features.map((f) => registry.family(f.kind).group),
    ...Object.fromEntries(
      PANEL_COLUMNS.map((c) => [c, features.map((f) => (f.inputs.includes(c) ? 1 : 0))]),
    ),
  });
}

/**
 * Returns one row per feature column with its `mean`, `std`, `min`, `max` over non-null values
 * and its `null_fraction`.
 */
export function featureStatistics(features: pl.DataFrame): pl.DataFrame {
  const columns = features.columns.filter((c) => c !== "symbol" && c !== "date");
  const height = Math.max(features.height, 1);
  const stat = (f: (c: string) => pl.Expr) => {
    const row = features.select(...columns.map((c) => f(c).cast(pl.Float64).alias(c))).row(0);
    return row.map((v) => (typeof v === "number" ? v : null));
  };
  return pl.DataFrame({
    feature: columns,
    mean: stat((c) => pl.col(c).mean()),
    std: stat((c) => pl.col(c).std()),
    min: stat((c) => pl.col(c).min()),
    max: stat((c) => pl.col(c).max()),
    null_fraction: columns.map((c) => features.getColumn(c).nullCount() / height),
  }).withColumns(...["mean", "std", "min", "max"].map((c) => pl.col(c).cast(pl.Float64)));
}

/**
 * Flattens {@link featureStatistics} into MLflow metrics named `<stat>.<feature>`
 * (e.g. `mean.rsi_14`), leaving out values that are not finite (an all-null column).
 */
export function statisticsMetrics(stats: pl.DataFrame): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const row of stats.toRecords()) {
    for (const stat of ["mean", "std", "min", "max", "null_fraction"]) {
      const value = row[stat];
      if (typeof value === "number" && Number.isFinite(value)) {
        metrics[`${stat}.${row.feature}`] = value;
      }
    }
  }
  return metrics;
}

/** Returns the rows of `frame` on its last `n` distinct dates (all rows when it has fewer). */
export function lastDates(frame: pl.DataFrame, n: number): pl.DataFrame {
  const dates = frame.getColumn("date").unique().sort();
  if (dates.length <= n) return frame;
  return frame.filter(pl.col("date").gtEq(pl.lit(dates.toArray()[dates.length - n])));
}
