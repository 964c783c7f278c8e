/**
 * Features: a registry of named, parameterised feature families, the built-in catalog with the
 * windows that select from it, `buildFeatures` to compute a spec over a panel, the MACD
 * definition other areas share, and per-day summaries of intraday bars.
 * @module
 */
export {
  FEATURE_GROUPS,
  type FeatureFamily,
  type FeatureGroup,
  type FeatureParams,
  FeatureRegistry,
  type FeatureRequest,
  type PanelColumn,
  type ResolvedFeature,
} from "./registry.ts";
export {
  builtinRegistry,
  catalogSpec,
  type CatalogWindows,
  catalogWindows,
  defaultRegistry,
} from "./catalog.ts";
export {
  buildFeatures,
  describeFeatures,
  featureInputs,
  featureNames,
  featureStatistics,
  lastDates,
  nullFractions,
  overallNullFraction,
  priceOverlays,
  statisticsMetrics,
} from "./build.ts";
export { macdExpr } from "./indicators.ts";
export {
  intradayColumns,
  type IntradayMacdOptions,
  intradayMacdSummary,
  joinDaily,
  resampleBars,
} from "./intraday.ts";
