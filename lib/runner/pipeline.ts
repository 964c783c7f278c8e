/**
 * What a pipeline is: an ordered list of notebook steps, each with its parameter schema,
 * pipeline-level parameter values, and the inputs it reads and outputs it writes.
 * @module
 */
import type { z } from "zod";
import { artifactFolders, type ArtifactName, artifactsOf } from "../data/artifacts.ts";

/**
 * A parameter schema: a zod object whose every field has a default, possibly with a cross-field
 * check (`.superRefine`) around it; `paramShape` in params.ts reads its fields either way.
 */
export type ParamSchema = z.ZodObject<z.ZodRawShape> | z.ZodEffects<z.ZodObject<z.ZodRawShape>>;

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
  /** The declared artifacts it reads (see `lib/data/artifacts.ts`), when it was built from them. */
  readonly reads?: readonly ArtifactName[];
  /** The declared artifacts it writes. */
  readonly writes?: readonly ArtifactName[];
  /** A cheap check of data it reads from outside the project, part of its fingerprint. */
  readonly probe?: StepProbe;
}

/**
 * What a probe saw of data outside the project (a vendor folder, an API): one value per item,
 * so the runner can name what changed ("2 files changed"). Equal results mean unchanged data.
 */
export interface ProbeResult {
  /** What was probed, e.g. `local folder data/vendor/bars`. */
  readonly subject: string;
  /** What one item is, singular: `file`, `session`. */
  readonly unit: string;
  /** Value per item. */
  readonly items: Readonly<Record<string, string>>;
}

/**
 * Probes what a step reads from outside the project, with the step's resolved parameters, before
 * the cache decides whether to reuse it. It must be cheap (no data is loaded); a probe that
 * throws makes the step run.
 */
export type StepProbe = (params: Record<string, unknown>) => Promise<ProbeResult>;

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

/** What {@link artifactStep} needs: a step that reads and writes declared artifacts. */
export interface ArtifactStepSpec<N extends string = string, S extends ParamSchema = ParamSchema> {
  /** The step's name, also the `step` its artifacts are declared under. */
  readonly name: N;
  /** Notebook path relative to the project root. */
  readonly notebook: string;
  /** The schema its `overrides` cell is parsed with. */
  readonly params: S;
  /** Artifacts of earlier steps that it reads. */
  readonly reads: readonly ArtifactName[];
  /** Paths outside `dataDir` that it reads, relative to the project root. */
  readonly external?: readonly string[];
  /** Values this pipeline sets for the step, over the schema's defaults. */
  readonly values?: Readonly<Record<string, unknown>>;
  /** Probe of data it reads from outside the project (see {@link StepDef.probe}). */
  readonly probe?: StepProbe;
}

/**
 * Returns the step definition whose inputs are the folders of the artifacts it reads (plus any
 * external paths) and whose outputs are the folders of the artifacts declared for it in
 * `lib/data/artifacts.ts`.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { artifactStep } from "@lib/runner/pipeline.ts";
 * const step = artifactStep({
 *   name: "features",
 *   notebook: "notebooks/02_features.ipynb",
 *   params: z.object({}),
 *   reads: ["panel", "benchmark"],
 * });
 * if (step.inputs.join() !== "{dataDir}/panel") throw new Error(step.inputs.join());
 * if (step.outputs.join() !== "{dataDir}/features") throw new Error(step.outputs.join());
 * ```
 */
export function artifactStep<N extends string, S extends ParamSchema>(
  spec: ArtifactStepSpec<N, S>,
): TypedStep<N, S> {
  const inDataDir = (folders: string[]) => folders.map((folder) => `{dataDir}/${folder}`);
  return {
    name: spec.name,
    notebook: spec.notebook,
    params: spec.params,
    ...(spec.values ? { values: spec.values } : {}),
    ...(spec.probe ? { probe: spec.probe } : {}),
    reads: spec.reads,
    writes: artifactsOf(spec.name),
    inputs: [...(spec.external ?? []), ...inDataDir(artifactFolders(spec.reads))],
    outputs: inDataDir(artifactFolders(artifactsOf(spec.name))),
  };
}

/** A step definition that keeps its name and schema types (for {@link stepSchemas}). */
export interface TypedStep<N extends string, S extends ParamSchema> extends StepDef {
  readonly name: N;
  readonly params: S;
}

/** The parameter schemas of `Steps`, keyed by step name. */
export type StepSchemas<Steps extends readonly StepDef[]> = {
  readonly [Step in Steps[number] as Step["name"]]: Step["params"];
};

/**
 * Returns each step's parameter schema keyed by its name, typed per step, so notebooks parse
 * their parameters with the schema the pipeline validates them with and a step's schema is
 * named in one place (its pipeline entry).
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { artifactStep, stepSchemas } from "@lib/runner/pipeline.ts";
 * const steps = [
 *   artifactStep({ name: "features", notebook: "n.ipynb", params: z.object({ n: z.number().default(3) }), reads: [] }),
 * ] as const;
 * if (stepSchemas(steps).features.parse({}).n !== 3) throw new Error("schema lost");
 * ```
 */
export function stepSchemas<const Steps extends readonly StepDef[]>(
  steps: Steps,
): StepSchemas<Steps> {
  return Object.fromEntries(steps.map((step) => [step.name, step.params])) as StepSchemas<Steps>;
}
