/**
 * The research pipeline: acquisition -> features -> labels -> training -> factor/IC analysis ->
 * backtest, on the bundled sample by default. Each step's defaults live in its schema
 * (pipelines/params/); `values` here would override them for this pipeline only.
 * @module
 */
import type { PipelineDef } from "@lib/runner/pipeline.ts";
import { stepParams } from "./params.ts";

/** The default pipeline. */
export const research: PipelineDef = {
  name: "research",
  description: "sample OHLCV -> features and labels -> walk-forward models -> IC -> backtest",
  steps: [
    {
      name: "acquisition",
      notebook: "notebooks/01_acquisition.ipynb",
      params: stepParams.acquisition,
      inputs: ["data/sample"],
      outputs: ["{dataDir}/panel"],
    },
    {
      name: "features",
      notebook: "notebooks/02_features.ipynb",
      params: stepParams.features,
      inputs: ["{dataDir}/panel"],
      outputs: ["{dataDir}/features"],
    },
    {
      name: "labeling",
      notebook: "notebooks/03_labeling.ipynb",
      params: stepParams.labeling,
      inputs: ["{dataDir}/panel"],
      outputs: ["{dataDir}/labels"],
    },
    {
      name: "training",
      notebook: "notebooks/04_training.ipynb",
      params: stepParams.training,
      inputs: ["{dataDir}/panel", "{dataDir}/features", "{dataDir}/labels"],
      outputs: ["{dataDir}/predictions", "{dataDir}/inference", "{dataDir}/signals"],
    },
    {
      name: "analysis",
      notebook: "notebooks/05_factor_analysis.ipynb",
      params: stepParams.analysis,
      inputs: [
        "{dataDir}/panel",
        "{dataDir}/features",
        "{dataDir}/labels",
        "{dataDir}/predictions",
      ],
      outputs: ["{dataDir}/analysis"],
    },
    {
      name: "backtest",
      notebook: "notebooks/06_backtesting.ipynb",
      params: stepParams.backtest,
      inputs: ["{dataDir}/panel", "{dataDir}/predictions", "{dataDir}/signals"],
      outputs: ["{dataDir}/backtest"],
    },
  ],
};

/** Pipelines by name, for `--pipeline`. */
export const pipelines: Readonly<Record<string, PipelineDef>> = { research };
