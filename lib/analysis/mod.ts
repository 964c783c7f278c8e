/**
 * Factor analysis: per-date Pearson and rank IC against forward returns, IC summaries and
 * quantile-bucket returns, with every dropped row counted by reason.
 * @module
 */
export * from "./correlation.ts";
export * from "./cross_sections.ts";
export * from "./ic.ts";
export * from "./summary.ts";
export * from "./quantiles.ts";
export * from "./factors.ts";
