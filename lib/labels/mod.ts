/**
 * Labels: forward returns with their spans and action classes per horizon.
 * @module
 */
export * from "./forward_returns.ts";
export * from "./actions.ts";
export * from "./build.ts";
