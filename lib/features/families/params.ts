/**
 * Parameter schemas shared by the feature families.
 * @internal
 * @module
 */
import { z } from "zod";

/** `{ horizon }`: a look-back in rows, at least 1. */
export const horizonParams = z.object({ horizon: z.number().int().min(1) }).strict();

/** `{ window }`: a window in rows, at least `min` (defaults to 2). */
export const windowParams = (min = 2) => z.object({ window: z.number().int().min(min) }).strict();

/** `{ fast, slow }` windows with `fast < slow`. */
export const fastSlowParams = z.object({
  fast: z.number().int().min(1),
  slow: z.number().int().min(2),
}).strict().refine((p) => p.fast < p.slow, { message: "fast must be below slow", path: ["fast"] });

/** MACD's `{ fast, slow, signal }` EMA spans with `fast < slow`. */
export const macdParams = z.object({
  fast: z.number().int().min(2),
  slow: z.number().int().min(3),
  signal: z.number().int().min(1),
}).strict().refine((p) => p.fast < p.slow, { message: "fast must be below slow", path: ["fast"] });

/** The slow stochastic's `{ fastK, slowK, slowD }` windows. */
export const stochasticParams = z.object({
  fastK: z.number().int().min(1),
  slowK: z.number().int().min(1),
  slowD: z.number().int().min(1),
}).strict();

/** Bollinger's `{ window, k }`: window in rows and band width in standard deviations. */
export const bollingerParams = z.object({
  window: z.number().int().min(2),
  k: z.number().positive(),
}).strict();

/** A threshold signal's `{ window, level }`. */
export const levelParams = z.object({
  window: z.number().int().min(2),
  level: z.number(),
}).strict();

/** No parameters. */
export const noParams = z.object({}).strict();
