/**
 * The research pipeline: acquisition -> features -> labels -> training -> factor/IC analysis ->
 * backtest, on the bundled sample by default. Each step names its notebook, its parameter schema
 * (pipelines/params/, where every default is declared) and the artifacts it reads; what it writes
 * comes from lib/data/artifacts.ts. The acquisition step's fingerprint also holds its source's
 * freshness probe (lib/data/sources.ts), so new bars in a folder or a new session rerun it; the
 * factor-regression steps' fingerprints hold their factor file's digest.
 * @module
 */
import { artifactStep, type PipelineDef } from "@lib/runner/pipeline.ts";
import { sourceFreshness } from "@lib/data/sources.ts";
import { acquisitionParams } from "./params/acquisition.ts";
import { featuresParams } from "./params/features.ts";
import { labelingParams } from "./params/labeling.ts";
import { trainingParams } from "./params/training.ts";
import { analysisParams } from "./params/analysis.ts";
import { backtestParams } from "./params/backtest.ts";
import { factorFileProbe } from "./params/factor_file.ts";
import { constituentsProbe } from "./params/constituents_file.ts";

/** The research pipeline's steps, in the order they run. */
export const researchSteps = [
  artifactStep({
    name: "acquisition",
    notebook: "notebooks/01_acquisition.ipynb",
    params: acquisitionParams,
    reads: [],
    external: ["data/sample"],
    // The source's identity (name, folder, API root, symbols, dates) is in its parameters; the
    // probe adds whether the data behind it changed, so a rerun sees bars added since.
    probe: (params) => {
      const p = acquisitionParams.parse(params);
      return sourceFreshness(p.source, p, { symbols: p.symbols, start: p.start, end: p.end });
    },
  }),
  artifactStep({
    name: "features",
    notebook: "notebooks/02_features.ipynb",
    params: featuresParams,
    reads: ["panel"],
  }),
  artifactStep({
    name: "labeling",
    notebook: "notebooks/03_labeling.ipynb",
    params: labelingParams,
    reads: ["panel"],
  }),
  artifactStep({
    name: "training",
    notebook: "notebooks/04_training.ipynb",
    params: trainingParams,
    reads: ["panel", "benchmark", "features", "labels"],
    probe: constituentsProbe,
  }),
  artifactStep({
    name: "analysis",
    notebook: "notebooks/05_factor_analysis.ipynb",
    params: analysisParams,
    reads: ["panel", "features", "labels", "predictions", "champion"],
    probe: factorFileProbe,
  }),
  artifactStep({
    name: "backtest",
    notebook: "notebooks/06_backtesting.ipynb",
    params: backtestParams,
    reads: ["panel", "benchmark", "predictions", "champion", "indexSignal"],
    probe: factorFileProbe,
  }),
] as const;

/** The default pipeline. */
export const research: PipelineDef = {
  name: "research",
  description: "sample OHLCV -> features and labels -> walk-forward models -> IC -> backtest",
  steps: researchSteps,
};

/** Pipelines by name, for `--pipeline`. */
export const pipelines: Readonly<Record<string, PipelineDef>> = { research };
