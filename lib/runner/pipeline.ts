/**
 * What a pipeline is: an ordered list of notebook steps, each with its parameter schema,
 * pipeline-level parameter values, and the inputs it reads and outputs it writes.
 * @module
 */
import type { z } from "zod";

/** A parameter schema: a zod object whose every field has a default. */
export type ParamSchema = z.ZodObject<z.ZodRawShape>;

/** One notebook step. */
export interface StepDef {
  /** Short name used on the command line and as the MLflow run name (`features`). */
  readonly name: string;
  /** Notebook path relative to the project root (`notebooks/02_features.ipynb`). */
  readonly notebook: string;
  /** The schema its `overrides` cell is parsed with. */
  readonly params: ParamSchema;
  /** Values this pipeline sets for the step, over the schema's defaults. */
  readonly values?: Readonly<Record<string, unknown>>;
  /**
   * Paths the step reads, relative to the project root; `{dataDir}` stands for the step's
   * `dataDir` parameter. Their content digest is recorded with the step's MLflow run.
   */
  readonly inputs: readonly string[];
  /** Paths the step writes, in the same form as {@link inputs}. */
  readonly outputs: readonly string[];
}

/** A pipeline: notebooks in the order they run. */
export interface PipelineDef {
  /** Name, also the default MLflow experiment. */
  readonly name: string;
  /** One line on what the pipeline produces. */
  readonly description: string;
  /** Steps in execution order. */
  readonly steps: readonly StepDef[];
}

/** Expands `{dataDir}` in a step's input or output path. */
export function expandPath(template: string, params: Record<string, unknown>): string {
  return template.replaceAll("{dataDir}", String(params.dataDir ?? "data/work"));
}
