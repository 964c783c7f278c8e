/**
 * The linear model family: OLS with classical inference, ridge (closed form), lasso and elastic
 * net (coordinate descent), binary logistic regression (Newton), and their shared coefficient
 * table.
 * @module
 */
export { type Coefficient, INTERCEPT, type LinearModel } from "./coefficient.ts";
export { coefficientFrame } from "./coefficient_frame.ts";
export { ols, OlsRegression, type OlsSummary } from "./ols.ts";
export { ridge, type RidgeOptions, RidgeRegression } from "./ridge.ts";
export {
  type Convergence,
  elasticNet,
  type ElasticNetOptions,
  ElasticNetRegression,
  lasso,
} from "./elastic_net.ts";
export { logistic, type LogisticOptions, LogisticRegression } from "./logistic.ts";
