/**
 * Parameters every step shares. Each step's schema extends these; defaults are declared here
 * once and nowhere else (notebooks parse their `overrides` with the step schema).
 * @module
 */
import { isAbsolute } from "node:path";
import { z } from "zod";

// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A path inside the project folder: relative, with no `..` segment and no control character, so
 * no parameter value can make a step read or write elsewhere. (For data on another disk, link
 * it into the project, e.g. `ln -s /mnt/data data/work`.)
 */
export const projectRelativePath = z.string().min(1).superRefine((value, ctx) => {
  const problem = CONTROL.test(value)
    ? "contains a control character"
    : isAbsolute(value) || /^[A-Za-z]:[\\/]/.test(value)
    ? "must be a path relative to the project folder, not an absolute path"
    : value.split(/[\\/]/).includes("..")
    ? 'must stay inside the project folder (no ".." segment)'
    : undefined;
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${value}" ${problem}` });
});

/**
 * A ticker symbol: letters, digits and `. ^ = _ -`, up to 20 characters, never a path
 * (`^GSPC`, `BRK.B`, `EURUSD=X`).
 */
export const tickerSymbol = z.string().regex(
  /^[A-Za-z0-9^][A-Za-z0-9.^=_-]{0,19}$/,
  "expected a ticker symbol (letters, digits and . ^ = _ -, at most 20 characters)",
).refine((s) => !s.includes(".."), 'a ticker symbol cannot contain ".."');

/** An ISO calendar date, `YYYY-MM-DD`. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");

/** Fields shared by every step. */
export const commonParams = z.object({
  /** Where step outputs are read and written, relative to the project root. Defaults to `data/work`. */
  dataDir: projectRelativePath.default("data/work"),
  /** Symbols to keep; empty keeps every symbol of the source. Defaults to all. */
  symbols: z.array(tickerSymbol).default([]),
  /** First date kept (inclusive); unset keeps from the first available date. */
  start: isoDate.optional(),
  /** Last date kept (inclusive); unset keeps to the last available date. */
  end: isoDate.optional(),
  /** Seed for every random choice in a step. Defaults to 42. */
  seed: z.number().int().default(42),
});

/** The parsed shared parameters. */
export type CommonParams = z.infer<typeof commonParams>;
