/**
 * Parameters every step shares. Each step's schema extends these; defaults are declared here
 * once and nowhere else (notebooks parse their `overrides` with the step schema).
 * @module
 */
import { z } from "zod";

/** An ISO calendar date, `YYYY-MM-DD`. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");

/** Fields shared by every step. */
export const commonParams = z.object({
  /** Where step outputs are read and written, relative to the project root. Defaults to `data/work`. */
  dataDir: z.string().min(1).default("data/work"),
  /** Symbols to keep; empty keeps every symbol of the source. Defaults to all. */
  symbols: z.array(z.string().min(1)).default([]),
  /** First date kept (inclusive); unset keeps from the first available date. */
  start: isoDate.optional(),
  /** Last date kept (inclusive); unset keeps to the last available date. */
  end: isoDate.optional(),
  /** Seed for every random choice in a step. Defaults to 42. */
  seed: z.number().int().default(42),
});

/** The parsed shared parameters. */
export type CommonParams = z.infer<typeof commonParams>;
