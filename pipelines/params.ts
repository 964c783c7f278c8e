/**
 * Every step's parameter schema, by step, taken from the research pipeline's step entries.
 * Notebooks parse their `overrides` cell with these, and the runner validates command-line and
 * pipeline values with the same schemas before anything runs.
 * @module
 */
import { stepSchemas } from "@lib/runner/pipeline.ts";
import { researchSteps } from "./research.ts";

/** Parameter schemas keyed by step name. */
export const stepParams = stepSchemas(researchSteps);

/** A step's name. */
export type StepName = keyof typeof stepParams;
