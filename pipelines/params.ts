/**
 * Every step's parameter schema, by step. Notebooks parse their `overrides` cell with these, and
 * the runner validates command-line and pipeline values with them before anything runs.
 * @module
 */
import { acquisitionParams } from "./params/acquisition.ts";
import { featuresParams } from "./params/features.ts";
import { labelingParams } from "./params/labeling.ts";
import { trainingParams } from "./params/training.ts";
import { analysisParams } from "./params/analysis.ts";
import { backtestParams } from "./params/backtest.ts";

/** Parameter schemas keyed by step name. */
export const stepParams = {
  acquisition: acquisitionParams,
  features: featuresParams,
  labeling: labelingParams,
  training: trainingParams,
  analysis: analysisParams,
  backtest: backtestParams,
} as const;

/** A step's name. */
export type StepName = keyof typeof stepParams;
