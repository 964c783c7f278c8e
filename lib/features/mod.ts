/**
 * Features: a registry of named, parameterised feature families, the built-in catalog, the
 * indicator definitions it is built from, `buildFeatures` to compute a spec over a panel, and
 * per-day summaries of intraday bars.
 * @module
 */
export * from "./registry.ts";
export * from "./smoothing.ts";
export * from "./indicators.ts";
export * from "./catalog.ts";
export * from "./build.ts";
export * from "./intraday.ts";
