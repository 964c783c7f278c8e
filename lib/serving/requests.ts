/**
 * The inputs of the prediction API, checked with zod: query parameters and the `POST /predict`
 * body. A failed check is a {@link BadRequest} naming the field and the type it expects (HTTP
 * 400).
 * @module
 */
import { z } from "zod";
import { parseDay } from "./feature_inputs.ts";
import type { InputRows } from "./feature_inputs.ts";

/** A malformed request (HTTP 400): the field and what it should have been. */
export class BadRequest extends Error {
  /** The field, e.g. `symbol` or `rows[3].features.rsi_14`. */
  readonly field: string;
  /** The type it expects. */
  readonly expected: string;
  constructor(field: string, expected: string, got: string) {
    super(`${field}: expected ${expected}, got ${got}`);
    this.name = "BadRequest";
    this.field = field;
    this.expected = expected;
  }
}

/** The most rows one `POST /predict` takes. */
export const MAX_BATCH_ROWS = 10_000;

const SYMBOL = /^[A-Za-z0-9^][A-Za-z0-9.^_-]{0,19}$/;

const isoDate = z.string().refine((s) => {
  try {
    parseDay(s);
    return true;
  } catch {
    return false;
  }
}, { message: "a calendar date YYYY-MM-DD" });

const symbolSchema = z.string().regex(SYMBOL, { message: "a symbol (letters, digits, . ^ _ -)" });

/** The query of `GET /predict/component`. */
export const componentQuery = z.object({ symbol: symbolSchema, date: isoDate.optional() }).strict();

/** The query of `GET /signal/index`. */
export const signalQuery = z.object({ date: isoDate.optional() }).strict();

/** Returns the query of `url` as a plain object, refusing a repeated key. */
export function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key in out) throw new BadRequest(key, "a single value", "it repeated");
    out[key] = value;
  }
  return out;
}

/**
 * Returns `value` parsed by `schema`; throws a {@link BadRequest} naming the first bad field
 * (an unknown key included) and what it expects.
 */
export function checked<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = fieldName(issue.path);
  if (issue.code === z.ZodIssueCode.invalid_type) {
    const got = issue.received === "undefined" ? "nothing" : issue.received;
    throw new BadRequest(field || "body", expectedName(issue.expected), got);
  }
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    throw new BadRequest(
      [field, issue.keys[0]].filter((s) => s !== "").join("."),
      "no such field (it is not part of the request)",
      "a value",
    );
  }
  if (issue.code === z.ZodIssueCode.too_small || issue.code === z.ZodIssueCode.too_big) {
    const got = valueAt(value, issue.path);
    throw new BadRequest(
      field || "body",
      issue.message.toLowerCase(),
      Array.isArray(got) ? `${got.length}` : JSON.stringify(got),
    );
  }
  const got = valueAt(value, issue.path);
  throw new BadRequest(field || "body", issue.message, JSON.stringify(got) ?? "nothing");
}

/** The zod schema of a `POST /predict` body for models reading `features`. */
export function predictBody(features: readonly string[]) {
  const values = z.object(
    Object.fromEntries(features.map((f) => [f, z.number().finite()])) as Record<
      string,
      z.ZodNumber
    >,
  );
  return z.object({
    rows: z.array(
      z.object({ symbol: symbolSchema, date: isoDate.optional(), features: values }).strict(),
    ).min(1, { message: "at least one row" })
      .max(MAX_BATCH_ROWS, { message: `at most ${MAX_BATCH_ROWS} rows` }),
  }).strict();
}

/** A checked `POST /predict` body as scoring rows. */
export function bodyRows(
  body: { rows: { symbol: string; date?: string; features: Record<string, number> }[] },
  features: readonly string[],
): InputRows {
  const n = body.rows.length;
  const columns: Record<string, Float64Array> = {};
  for (const f of features) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = body.rows[i].features[f];
    columns[f] = values;
  }
  return {
    symbol: body.rows.map((r) => r.symbol),
    day: body.rows.map((r) => (r.date === undefined ? NaN : parseDay(r.date))),
    columns,
  };
}

function fieldName(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) {
    out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  }
  return out;
}

function expectedName(expected: string): string {
  if (expected === "number") return "a number";
  if (expected === "string") return "a string";
  if (expected === "array") return "an array";
  if (expected === "object") return "an object";
  return expected;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let at: unknown = value;
  for (const part of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string | number, unknown>)[part];
  }
  return at;
}
