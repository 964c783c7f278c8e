/**
 * The research pipeline: acquisition -> features -> labels -> training -> factor/IC analysis ->
 * backtest, on the bundled sample by default. Each step's defaults live in its schema
 * (pipelines/params/); each step's inputs and outputs come from the artifacts it reads and writes
 * (lib/data/artifacts.ts).
 * @module
 */
import { artifactStep, type PipelineDef } from "@lib/runner/pipeline.ts";
import { stepParams } from "./params.ts";

/** The default pipeline. */
export const research: PipelineDef = {
  name: "research",
  description: "sample OHLCV -> features and labels -> walk-forward models -> IC -> backtest",
  steps: [
    artifactStep({
      name: "acquisition",
      notebook: "notebooks/01_acquisition.ipynb",
      params: stepParams.acquisition,
      reads: [],
      external: ["data/sample"],
    }),
    artifactStep({
      name: "features",
      notebook: "notebooks/02_features.ipynb",
      params: stepParams.features,
      reads: ["panel"],
    }),
    artifactStep({
      name: "labeling",
      notebook: "notebooks/03_labeling.ipynb",
      params: stepParams.labeling,
      reads: ["panel"],
    }),
    artifactStep({
      name: "training",
      notebook: "notebooks/04_training.ipynb",
      params: stepParams.training,
      reads: ["panel", "benchmark", "features", "labels"],
    }),
    artifactStep({
      name: "analysis",
      notebook: "notebooks/05_factor_analysis.ipynb",
      params: stepParams.analysis,
      reads: ["panel", "features", "labels", "predictions"],
    }),
    artifactStep({
      name: "backtest",
      notebook: "notebooks/06_backtesting.ipynb",
      params: stepParams.backtest,
      reads: ["panel", "benchmark", "predictions", "indexSignal"],
    }),
  ],
};

/** Pipelines by name, for `--pipeline`. */
export const pipelines: Readonly<Record<string, PipelineDef>> = { research };
