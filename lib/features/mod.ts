/**
 * Features: a registry of named, parameterised feature families, the built-in catalog, and
 * `buildFeatures` to compute a spec over a panel.
 * @module
 */
export * from "./registry.ts";
export * from "./smoothing.ts";
export * from "./catalog.ts";
export * from "./build.ts";
