/**
 * MLflow tracking over REST: a typed client and a local server for runs without one.
 * @module
 */
export * from "./client.ts";
export * from "./server.ts";
export * from "./artifacts.ts";
export * from "./registry.ts";
