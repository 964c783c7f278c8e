/**
 * Parameters every step shares, and the value types the step schemas build on. Each step's schema
 * extends these; defaults are declared here once and nowhere else (notebooks parse their
 * `overrides` with the step schema). Only what every step reads is shared: which symbols and dates
 * the panel holds is step 01's choice (pipelines/params/acquisition.ts), and every later step reads
 * that panel.
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

const DATE_LAYOUT = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An ISO calendar date, `YYYY-MM-DD`, that exists: `2024-02-29` passes, `2021-02-29` and
 * `2020-13-45` do not (a date the calendar lacks would otherwise reach the store's queries).
 */
export const isoDate = z.string()
  .regex(DATE_LAYOUT, "expected a date as YYYY-MM-DD")
  .refine(isCalendarDate, (value) => ({ message: `"${value}" is not a calendar date` }));

function isCalendarDate(value: string): boolean {
  // A value in another layout is reported by the regex alone, not twice.
  if (!DATE_LAYOUT.test(value)) return true;
  const [year, month, day] = value.split("-").map(Number);
  // setUTCFullYear rolls an impossible day or month over (2021-02-29 becomes 2021-03-01); unlike
  // Date.UTC it does not read years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day;
}

/**
 * Fields every step has and means the same by: the data folder it reads and writes, and the seed of
 * its random choices (a step that makes none has nothing to seed).
 */
export const commonParams = z.object({
  /** Where step outputs are read and written, relative to the project root. Defaults to `data/work`. */
  dataDir: projectRelativePath.default("data/work"),
  /** Seed for every random choice in a step. Defaults to 42. */
  seed: z.number().int().default(42),
});

/** The parsed shared parameters. */
export type CommonParams = z.infer<typeof commonParams>;
