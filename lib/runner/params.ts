/**
 * Command-line parameter values (`--param key=value` for every selected step that has `key`,
 * `--param step.key=value` for one step), coerced by each step's schema and validated before
 * anything runs.
 * @module
 */
import { basename } from "node:path";
import { z } from "zod";
import type { ParamSchema, PipelineDef, StepDef } from "./pipeline.ts";

/** One `--param` argument, split. */
export interface ParamAssignment {
  /** The step it targets, or undefined for every selected step that declares `key`. */
  readonly step?: string;
  readonly key: string;
  readonly raw: string;
}

/** Raised for any parameter problem; the message names each offending step and key. */
export class ParamError extends Error {
  override name = "ParamError";
}

/**
 * Splits `key=value` or `step.key=value`.
 *
 * @example
 * ```ts
 * import { parseAssignment } from "@lib/runner/params.ts";
 * const a = parseAssignment("features.smaWindows=10,20");
 * if (a.step !== "features" || a.key !== "smaWindows" || a.raw !== "10,20") throw new Error();
 * ```
 */
export function parseAssignment(arg: string): ParamAssignment {
  const eq = arg.indexOf("=");
  if (eq <= 0) throw new ParamError(`--param "${arg}" is not of the form key=value`);
  const name = arg.slice(0, eq).trim();
  const raw = arg.slice(eq + 1);
  const dot = name.indexOf(".");
  if (dot < 0) return { key: name, raw };
  return { step: name.slice(0, dot), key: name.slice(dot + 1), raw };
}

/** What {@link resolveParams} checks the assignments against. */
export interface ResolveOptions {
  /**
   * The steps that run (default: every step). A bare `key=value` sets `key` in each of them that
   * has it; an assignment that would set nothing in them is refused, naming the step it belongs to.
   */
  readonly selected?: readonly StepDef[];
  /** Whether the selection came from `--steps` (so the hint says to add the step there). */
  readonly listed?: boolean;
}

/**
 * Resolves every step's parameters: schema defaults, then the pipeline's values, then the
 * command line (in the selected steps). Throws a {@link ParamError} listing every problem at once.
 */
export function resolveParams(
  pipeline: PipelineDef,
  assignments: readonly ParamAssignment[],
  options: ResolveOptions = {},
): Map<string, Record<string, unknown>> {
  const selected = new Set((options.selected ?? pipeline.steps).map((step) => step.name));
  const problems: string[] = [];
  const byStep = new Map<string, Record<string, unknown>>(
    pipeline.steps.map((step) => [step.name, { ...step.values }]),
  );
  for (const a of assignments) {
    const owners = a.step === undefined
      ? pipeline.steps.filter((step) => a.key in paramShape(step.params))
      : pipeline.steps.filter((step) => step.name === a.step);
    if (a.step !== undefined && owners.length === 0) {
      problems.push(
        `--param ${a.step}.${a.key}: unknown step "${a.step}" (steps: ${names(pipeline.steps)})`,
      );
      continue;
    }
    if (owners.length === 0) {
      problems.push(`--param ${a.key}: no step has a parameter "${a.key}"`);
      continue;
    }
    const unknown = owners.find((step) => !(a.key in paramShape(step.params)));
    if (unknown) {
      const known = Object.keys(paramShape(unknown.params)).join(", ");
      problems.push(`--param ${unknown.name}.${a.key}: unknown parameter (known: ${known})`);
      continue;
    }
    const targets = owners.filter((step) => selected.has(step.name));
    if (targets.length === 0) {
      problems.push(notInRun(a, owners, pipeline, selected, options.listed ?? false));
      continue;
    }
    for (const step of targets) {
      const field = paramShape(step.params)[a.key] as z.ZodTypeAny;
      byStep.get(step.name)![a.key] = coerce(field, a.raw);
    }
  }
  const resolved = new Map<string, Record<string, unknown>>();
  for (const step of pipeline.steps) {
    const result = step.params.safeParse(byStep.get(step.name));
    if (result.success) resolved.set(step.name, result.data);
    else for (const issue of result.error.issues) problems.push(describe(step, issue));
  }
  if (problems.length > 0) {
    throw new ParamError(`invalid parameters:\n  ${problems.join("\n  ")}`);
  }
  return resolved;
}

/**
 * Returns the fields of a step's parameter schema, under any cross-field check around it.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { paramShape } from "@lib/runner/params.ts";
 * const schema = z.object({ a: z.number(), b: z.number() }).refine((p) => p.a <= p.b);
 * if (Object.keys(paramShape(schema)).join() !== "a,b") throw new Error();
 * ```
 */
export function paramShape(schema: ParamSchema): z.ZodRawShape {
  return schema instanceof z.ZodEffects ? schema.innerType().shape : schema.shape;
}

/**
 * Why an assignment sets nothing in this run: the steps that have the key (or the step it names)
 * are not selected, so the value would be accepted and then read by nobody.
 */
function notInRun(
  a: ParamAssignment,
  owners: readonly StepDef[],
  pipeline: PipelineDef,
  selected: ReadonlySet<string>,
  listed: boolean,
): string {
  const label = (step: StepDef) => {
    const number = /^(\d+)_/.exec(basename(step.notebook))?.[1];
    return number ? `${number} (${step.name})` : step.name;
  };
  const name = a.step === undefined ? a.key : `${a.step}.${a.key}`;
  const which = `step${owners.length > 1 ? "s" : ""} ${owners.map(label).join(", ")}`;
  const running = pipeline.steps.filter((step) => selected.has(step.name)).map((s) => s.name);
  const index = (step: StepDef) => pipeline.steps.indexOf(step);
  const first = owners[0];
  const firstSelected = pipeline.steps.findIndex((step) => selected.has(step.name));
  const flag = index(first) < firstSelected ? `--from ${first.name}` : `--to ${first.name}`;
  const hint = listed
    ? `rerun with ${flag} in place of --steps, or add ${first.name} to --steps`
    : `rerun with ${flag}`;
  return `--param ${name}: belongs to ${which}, which this run does not include (it runs ${
    running.join(", ")
  }), so the value would change nothing; ${hint}`;
}

/**
 * Returns each step's default parameters, in pipeline order: its schema's defaults with the
 * pipeline's own values applied (what a run without `--param` resolves to).
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { stepDefaults } from "@lib/runner/params.ts";
 * const params = z.object({ k: z.number().default(3) });
 * const defaults = stepDefaults([
 *   { name: "a", notebook: "", params, inputs: [], outputs: [] },
 *   { name: "b", notebook: "", params, values: { k: 5 }, inputs: [], outputs: [] },
 * ]);
 * if (JSON.stringify([...defaults]) !== '[["a",{"k":3}],["b",{"k":5}]]') throw new Error();
 * ```
 */
export function stepDefaults(steps: readonly StepDef[]): Map<string, Record<string, unknown>> {
  return new Map(steps.map((step) => [step.name, defaultsOf(step)]));
}

/** Lists each step's parameters with their type and default, for `--help`. */
export function describeParams(steps: readonly StepDef[]): string {
  return steps.map((step) => {
    const defaults = defaultsOf(step);
    const lines = Object.entries(paramShape(step.params)).map(([key, field]) => {
      const value = defaults[key] === undefined ? "unset" : JSON.stringify(defaults[key]);
      return `    ${key.padEnd(18)} ${typeName(field as z.ZodTypeAny).padEnd(10)} ${value}`;
    });
    return `  ${step.name}\n${lines.join("\n")}`;
  }).join("\n");
}

function defaultsOf(step: StepDef): Record<string, unknown> {
  return step.params.parse(step.values ?? {}) as Record<string, unknown>;
}

function names(steps: readonly StepDef[]): string {
  return steps.map((s) => s.name).join(", ");
}

function describe(step: StepDef, issue: z.ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    const known = Object.keys(paramShape(step.params)).join(", ");
    return `${step.name}: unknown parameter(s) ${issue.keys.join(", ")} (known: ${known})`;
  }
  // A check across fields may name none of them.
  const path = issue.path.join(".");
  return path ? `${step.name}.${path}: ${issue.message}` : `${step.name}: ${issue.message}`;
}

/** The schema under optional/default/nullable wrappers. */
function unwrap(field: z.ZodTypeAny): z.ZodTypeAny {
  let inner = field;
  for (;;) {
    if (inner instanceof z.ZodDefault) inner = inner._def.innerType;
    else if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) {
      inner = inner.unwrap();
    } else if (inner instanceof z.ZodEffects) inner = inner.innerType();
    else return inner;
  }
}

function typeName(field: z.ZodTypeAny): string {
  const inner = unwrap(field);
  if (inner instanceof z.ZodArray) return `${typeName(inner.element)}[]`;
  if (inner instanceof z.ZodNumber) return "number";
  if (inner instanceof z.ZodBoolean) return "boolean";
  if (inner instanceof z.ZodString) return "string";
  if (inner instanceof z.ZodEnum) return (inner.options as string[]).join("|");
  return "json";
}

/**
 * Turns command-line text into the type the schema expects: comma lists for arrays, numbers,
 * booleans; anything else is tried as JSON, then kept as text (the schema then reports it).
 */
function coerce(field: z.ZodTypeAny, raw: string): unknown {
  const inner = unwrap(field);
  if (inner instanceof z.ZodArray) {
    if (raw.trim().startsWith("[")) return json(raw);
    return raw === "" ? [] : raw.split(",").map((part) => coerce(inner.element, part.trim()));
  }
  if (inner instanceof z.ZodNumber) {
    const n = Number(raw);
    return raw.trim() === "" || Number.isNaN(n) ? raw : n;
  }
  if (inner instanceof z.ZodBoolean) {
    return raw === "true" ? true : raw === "false" ? false : raw;
  }
  if (inner instanceof z.ZodString || inner instanceof z.ZodEnum) return raw;
  return json(raw);
}

function json(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
