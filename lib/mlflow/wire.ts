/**
 * MLflow's JSON wire format (MLflow 3.17's REST API): the zod schemas that parse each response
 * into the camelCase records of `types.ts`, and the encoding of request params, tags and metric
 * values. Parsing with zod makes a change on the server fail loudly here instead of as an
 * `undefined` three calls later.
 * @internal
 * @module
 */
import { z } from "zod";
import type {
  Experiment,
  ModelVersion,
  ParamValue,
  RegisteredModel,
  Run,
  RunInfo,
} from "./types.ts";

/** Longest param value MLflow keeps (longer values are silently truncated by the server). */
export const MAX_PARAM_VALUE_LENGTH = 6000;
/** Longest run tag value MLflow keeps (longer values are silently truncated by the server). */
export const MAX_TAG_VALUE_LENGTH = 8000;

/** A metric as a request carries it; non-finite values travel as strings. */
export type WireMetric = { key: string; value: number | string; timestamp: number; step: number };
/** A param or tag as a request carries it. */
export type WireKeyValue = { key: string; value: string };

/** JSON cannot carry NaN or infinities; MLflow's protobuf JSON accepts them as strings. */
export function wireMetricValue(value: number): number | string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  return value;
}

/** Params as key-value pairs, stringified; throws a RangeError naming a value MLflow would cut. */
export function toWireParams(params: Record<string, ParamValue>): WireKeyValue[] {
  return Object.entries(params).map(([key, raw]) => {
    const value = String(raw);
    // Python counts code points, not UTF-16 units.
    const length = Array.from(value).length;
    if (length > MAX_PARAM_VALUE_LENGTH) {
      throw new RangeError(
        `param ${JSON.stringify(key)} is ${length} characters; MLflow keeps at most ` +
          `${MAX_PARAM_VALUE_LENGTH} and would silently truncate it. Log long values as an ` +
          "artifact (logArtifactBytes) instead",
      );
    }
    return { key, value };
  });
}

/** Tags as key-value pairs; throws a RangeError naming a value MLflow would cut. */
export function toWireTags(tags: Record<string, string>): WireKeyValue[] {
  return Object.entries(tags).map(([key, value]) => {
    const length = Array.from(value).length;
    if (length > MAX_TAG_VALUE_LENGTH) {
      throw new RangeError(
        `tag ${JSON.stringify(key)} is ${length} characters; MLflow keeps at most ` +
          `${MAX_TAG_VALUE_LENGTH} and would silently truncate it`,
      );
    }
    return { key, value };
  });
}

const keyValues = z.array(z.object({ key: z.string(), value: z.string().default("") }))
  .default([]);
const toRecord = (entries: { key: string; value: string }[]) =>
  Object.fromEntries(entries.map((e) => [e.key, e.value]));

const experimentSchema = z.object({
  experiment_id: z.string(),
  name: z.string(),
  artifact_location: z.string().default(""),
  lifecycle_stage: z.string(),
  creation_time: z.number().optional(),
  last_update_time: z.number().optional(),
  tags: keyValues,
}).transform((e): Experiment => ({
  experimentId: e.experiment_id,
  name: e.name,
  artifactLocation: e.artifact_location,
  lifecycleStage: e.lifecycle_stage,
  creationTime: e.creation_time,
  lastUpdateTime: e.last_update_time,
  tags: toRecord(e.tags),
}));

const runInfoSchema = z.object({
  run_id: z.string(),
  experiment_id: z.string(),
  run_name: z.string().default(""),
  status: z.enum(["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"]),
  start_time: z.number().optional(),
  end_time: z.number().optional(),
  artifact_uri: z.string().default(""),
  lifecycle_stage: z.string(),
}).transform((i): RunInfo => ({
  runId: i.run_id,
  experimentId: i.experiment_id,
  runName: i.run_name,
  status: i.status,
  startTime: i.start_time,
  endTime: i.end_time,
  artifactUri: i.artifact_uri,
  lifecycleStage: i.lifecycle_stage,
}));

// The server writes NaN as the string "NaN"; the SQL store clamps infinities to +-1.797e308.
const metricValue = z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"])])
  .transform(Number);

const runSchema = z.object({
  info: runInfoSchema,
  data: z.object({
    metrics: z.array(z.object({ key: z.string(), value: metricValue })).default([]),
    params: keyValues,
    tags: keyValues,
  }).default({}),
}).transform((r): Run => ({
  info: r.info,
  data: {
    params: toRecord(r.data.params),
    metrics: Object.fromEntries(r.data.metrics.map((m) => [m.key, m.value])),
    tags: toRecord(r.data.tags),
  },
}));

const registeredModelSchema = z.object({
  name: z.string(),
  creation_timestamp: z.number().optional(),
  last_updated_timestamp: z.number().optional(),
  description: z.string().optional(),
  tags: keyValues,
  aliases: z.array(z.object({ alias: z.string(), version: z.string() })).default([]),
}).transform((m): RegisteredModel => ({
  name: m.name,
  creationTimestamp: m.creation_timestamp,
  lastUpdatedTimestamp: m.last_updated_timestamp,
  description: m.description,
  tags: toRecord(m.tags),
  aliases: Object.fromEntries(m.aliases.map((a) => [a.alias, a.version])),
}));

const modelVersionSchema = z.object({
  name: z.string(),
  version: z.string(),
  source: z.string().default(""),
  run_id: z.string().optional(),
  status: z.string().optional(),
  aliases: z.array(z.string()).default([]),
  creation_timestamp: z.number().optional(),
  description: z.string().optional(),
  tags: keyValues,
}).transform((v): ModelVersion => ({
  name: v.name,
  version: v.version,
  source: v.source,
  // The server sends "" for a version registered without a run.
  runId: v.run_id || undefined,
  status: v.status,
  aliases: v.aliases,
  creationTimestamp: v.creation_timestamp,
  description: v.description,
  tags: toRecord(v.tags),
}));

/** `experiments/get-by-name`. */
export const experimentResponse = z.object({ experiment: experimentSchema });

/** `experiments/create`. */
export const createExperimentResponse = z.object({ experiment_id: z.string() });

/** `runs/create` and `runs/get`. */
export const runResponse = z.object({ run: runSchema });

/** `runs/update`. */
export const updateRunResponse = z.object({ run_info: runInfoSchema });

/** One page of `runs/search`. */
export const searchRunsResponse = z.object({
  runs: z.array(runSchema).default([]),
  next_page_token: z.string().optional(),
});

/** `artifacts/list`. */
export const artifactListResponse = z.object({
  files: z.array(z.object({
    path: z.string(),
    is_dir: z.boolean().default(false),
    file_size: z.number().optional(),
  })).default([]),
});

/** `registered-models/create` and `registered-models/get`. */
export const registeredModelResponse = z.object({ registered_model: registeredModelSchema });

/** `model-versions/create`, `model-versions/get` and `registered-models/alias` (GET). */
export const modelVersionResponse = z.object({ model_version: modelVersionSchema });

/** One page of `model-versions/search`. */
export const searchModelVersionsResponse = z.object({
  model_versions: z.array(modelVersionSchema).default([]),
  next_page_token: z.string().optional(),
});

/** `model-versions/get-download-uri`. */
export const downloadUriResponse = z.object({ artifact_uri: z.string() });

/** The body of an MLflow error response. */
export const errorResponse = z.object({
  error_code: z.string().optional(),
  message: z.string().optional(),
});
