/**
 * Momentum features: RSI, slow stochastic, rate of change, momentum and CMO.
 * @internal
 * @module
 */
import type { FeatureFamily } from "../registry.ts";
import {
  cmoFromStages,
  col,
  gainLossStages,
  rsiFromStages,
  stochasticDStages,
  stochasticFrom,
} from "../indicators.ts";
import { stochasticParams, windowParams } from "./params.ts";
import pl from "nodejs-polars";

type Window = { window: number };
type Stochastic = { fastK: number; slowK: number; slowD: number };

/**
 * Relative strength index with Wilder smoothing (alpha = 1 / window, seeded with the mean of
 * the first `window` gains and losses), in 0..100. As in TA-Lib, a flat window scores 0.
 */
export const rsi: FeatureFamily<Window> = {
  kind: "rsi",
  description: "relative strength index of close with Wilder smoothing (0..100)",
  group: "momentum",
  inputs: ["close"],
  params: windowParams(1),
  name: ({ window }) => `rsi_${window}`,
  stages: ({ window }) => gainLossStages(window),
  expr: ({ window }) => rsiFromStages(window),
  warmup: ({ window }) => window,
};

const stochWarmup = ({ fastK, slowK, slowD }: Stochastic) => fastK + slowK + slowD - 3;
const stochName = (prefix: string) => ({ fastK, slowK, slowD }: Stochastic) =>
  `${prefix}_${fastK}_${slowK}_${slowD}`;

/** Slow stochastic %K: SMA(slowK) of the raw %K over `fastK` days (TA-Lib STOCH), 0..100. */
export const stochK: FeatureFamily<Stochastic> = {
  kind: "stoch_k",
  description: "slow stochastic %K: SMA(slowK) of 100 (close - low_n) / (high_n - low_n) (0..100)",
  group: "momentum",
  inputs: ["high", "low", "close"],
  params: stochasticParams,
  name: stochName("stoch_k"),
  stages: ({ fastK, slowK, slowD }) => stochasticDStages(fastK, slowK, slowD),
  expr: ({ fastK, slowK, slowD }) => stochasticFrom(fastK, slowK, slowD).k,
  warmup: stochWarmup,
};

/** Slow stochastic %D: SMA(slowD) of slow %K (TA-Lib STOCH), 0..100. */
export const stochD: FeatureFamily<Stochastic> = {
  kind: "stoch_d",
  description: "slow stochastic %D: SMA(slowD) of slow %K (0..100)",
  group: "momentum",
  inputs: ["high", "low", "close"],
  params: stochasticParams,
  name: stochName("stoch_d"),
  stages: ({ fastK, slowK, slowD }) => stochasticDStages(fastK, slowK, slowD),
  expr: ({ fastK, slowK, slowD }) => stochasticFrom(fastK, slowK, slowD).d,
  warmup: stochWarmup,
};

/** Rate of change in percent: `100 (close_t / close_{t-n} - 1)`, 0 when the old close is 0 (TA-Lib ROC). */
export const roc: FeatureFamily<Window> = {
  kind: "roc",
  description: "rate of change of close over `window` days (percent)",
  group: "momentum",
  inputs: ["close"],
  params: windowParams(1),
  name: ({ window }) => `roc_${window}`,
  expr: ({ window }) => {
    const before = col("close").shift(window);
    return pl.when(before.eq(0)).then(pl.lit(0))
      .otherwise(col("close").div(before).sub(1).mul(100));
  },
  warmup: ({ window }) => window,
};

/** Momentum: `close_t - close_{t-n}` (TA-Lib MOM), price units. */
export const momentum: FeatureFamily<Window> = {
  kind: "mom",
  description: "momentum, close minus the close `window` days earlier (price)",
  group: "momentum",
  inputs: ["close"],
  params: windowParams(1),
  name: ({ window }) => `mom_${window}`,
  expr: ({ window }) => col("close").sub(col("close").shift(window)),
  warmup: ({ window }) => window,
};

/** Chande momentum oscillator on Wilder-smoothed gains and losses (TA-Lib CMO), -100..100. */
export const cmo: FeatureFamily<Window> = {
  kind: "cmo",
  description: "Chande momentum oscillator of close, Wilder-smoothed as TA-Lib (-100..100)",
  group: "momentum",
  inputs: ["close"],
  params: windowParams(1),
  name: ({ window }) => `cmo_${window}`,
  stages: ({ window }) => gainLossStages(window),
  expr: ({ window }) => cmoFromStages(window),
  warmup: ({ window }) => window,
};
