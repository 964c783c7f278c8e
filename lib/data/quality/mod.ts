/**
 * Data quality: rules with a policy each (fail, exclude, warn, fix), their zod configuration with
 * defaults, the check that applies them, and the report of what was found and done.
 * @module
 */
export * from "./config.ts";
export * from "./rules.ts";
export * from "./check.ts";
export * from "./report.ts";
