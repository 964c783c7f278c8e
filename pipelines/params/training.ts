import { z } from "zod";
import { commonParams } from "./common.ts";

/** Parameters of notebook 04 (training): walk-forward evaluation of ridge and a CART tree. */
export const trainingParams = commonParams.extend({
  /** Label horizons (days) to train on; each must be in the labels. Defaults to [5]. */
  horizons: z.array(z.number().int().min(1)).min(1).default([5]),
  /**
   * Feature columns to train on; empty uses every column of the features. Defaults to the
   * scale-free ones of the default catalog, ["ret_1", "ret_5", "ret_20", "rsi_14", "vol_20"]
   * (moving averages are price levels, not comparable across symbols).
   */
  features: z.array(z.string().min(1)).default(["ret_1", "ret_5", "ret_20", "rsi_14", "vol_20"]),
  /** Walk-forward folds (test blocks at the end of the data). Defaults to 4. */
  nFolds: z.number().int().min(1).default(4),
  /** Distinct dates in each test block. Defaults to 126 (about half a trading year). */
  testSize: z.number().int().min(1).default(126),
  /** Dates after each test block kept out of training; bites only with trainOn "past-and-future". Defaults to 0. */
  embargo: z.number().int().min(0).default(0),
  /** "past" trains each fold on earlier dates only (walk-forward); "past-and-future" also on later dates (purged k-fold). Defaults to "past". */
  trainOn: z.enum(["past", "past-and-future"]).default("past"),
  /** Ridge L2 penalty on standardised coefficients; 0 is OLS. Defaults to 1. */
  ridgeAlpha: z.number().min(0).default(1),
  /** Maximum depth of the CART tree. Defaults to 4. */
  treeMaxDepth: z.number().int().min(1).default(4),
  /** A tree node with this many rows or fewer becomes a leaf. Defaults to 50. */
  treeMinSamples: z.number().int().min(1).default(50),
  /** Rows sampled to train the tree (ml-cart is quadratic in rows; see shared/NOTES.md). Defaults to 3,000. */
  treeMaxRows: z.number().int().min(2).max(20_000).default(3_000),
}).strict();

/** The parsed training parameters. */
export type TrainingParams = z.infer<typeof trainingParams>;
