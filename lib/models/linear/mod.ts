/**
 * The linear regression family: OLS with classical inference, ridge (closed form, in
 * `../ridge.ts`), lasso and elastic net (coordinate descent), and their shared coefficient table.
 * @module
 */
export * from "./coefficient.ts";
export * from "./ols.ts";
export * from "./elastic_net.ts";
export * from "../ridge.ts";
