/**
 * The built-in catalog: every feature family registered once, and the mapping from the features
 * step's configuration (which families, which windows) to a feature spec.
 * @module
 */
import { FeatureRegistry, type FeatureRequest } from "./registry.ts";
import type { CatalogWindows } from "./windows.ts";
import { logReturn, simpleReturn } from "./families/returns.ts";
import {
  adx,
  ema,
  macdHist,
  macdLine,
  macdSignal,
  minusDi,
  plusDi,
  sma,
  smaCross,
} from "./families/trend.ts";
import { cmo, momentum, roc, rsi, stochD, stochK } from "./families/momentum.ts";
import {
  atr,
  bbLower,
  bbPercentB,
  bbUpper,
  bbWidth,
  garmanKlass,
  parkinson,
  volatility,
} from "./families/volatility.ts";
import { amihud, obv, volumeSpike, vwap } from "./families/volume.ts";
import { returnKurtosis, returnMean, returnSkew, returnStd } from "./families/statistics.ts";
import {
  adxTrend,
  bbBreakDown,
  bbBreakUp,
  rsiOverbought,
  rsiOversold,
} from "./families/signals.ts";

/** Returns a registry holding every built-in family, in catalog order. */
export function builtinRegistry(): FeatureRegistry {
  return new FeatureRegistry()
    .register(simpleReturn)
    .register(logReturn)
    .register(sma)
    .register(ema)
    .register(rsi)
    .register(volatility)
    .register(smaCross)
    .register(plusDi)
    .register(minusDi)
    .register(adx)
    .register(macdLine)
    .register(macdSignal)
    .register(macdHist)
    .register(stochK)
    .register(stochD)
    .register(roc)
    .register(momentum)
    .register(cmo)
    .register(atr)
    .register(bbUpper)
    .register(bbLower)
    .register(bbWidth)
    .register(bbPercentB)
    .register(parkinson)
    .register(garmanKlass)
    .register(obv)
    .register(vwap)
    .register(volumeSpike)
    .register(amihud)
    .register(returnMean)
    .register(returnStd)
    .register(returnSkew)
    .register(returnKurtosis)
    .register(rsiOverbought)
    .register(rsiOversold)
    .register(bbBreakUp)
    .register(bbBreakDown)
    .register(adxTrend);
}

/** The registry `buildFeatures` uses unless given another. */
export const defaultRegistry: FeatureRegistry = builtinRegistry();

/**
 * Turns the step's selection into a feature spec, family by family in catalog order.
 *
 * @example
 * ```ts
 * import { catalogSpec } from "@lib/features/catalog.ts";
 * const spec = catalogSpec({ smaWindows: [20], rsiWindows: [14] });
 * if (spec.length !== 2 || spec[1].kind !== "rsi") throw new Error("spec");
 * ```
 */
export function catalogSpec(windows: CatalogWindows): FeatureRequest[] {
  const w = windows;
  const each = (kinds: string[], key: string, values?: readonly number[]) =>
    (values ?? []).flatMap((v) =>
      kinds.map((kind): FeatureRequest => ({ kind, params: { [key]: v } }))
    );
  const objects = <T extends object>(kinds: string[], values?: readonly T[]) =>
    (values ?? []).flatMap((v) =>
      kinds.map((kind): FeatureRequest => ({ kind, params: { ...v } as Record<string, number> }))
    );
  return [
    ...each(["ret"], "horizon", w.returnHorizons),
    ...each(["logret"], "horizon", w.logReturnHorizons),
    ...each(["sma"], "window", w.smaWindows),
    ...each(["ema"], "window", w.emaWindows),
    ...each(["rsi"], "window", w.rsiWindows),
    ...each(["vol"], "window", w.volatilityWindows),
    ...objects(["sma_cross"], w.smaCrosses),
    ...each(["plus_di", "minus_di", "adx"], "window", w.adxWindows),
    ...objects(["macd", "macd_signal", "macd_hist"], w.macd),
    ...objects(["stoch_k", "stoch_d"], w.stochastic),
    ...each(["roc"], "window", w.rocWindows),
    ...each(["mom"], "window", w.momentumWindows),
    ...each(["cmo"], "window", w.cmoWindows),
    ...each(["atr"], "window", w.atrWindows),
    ...objects(["bb_upper", "bb_lower", "bb_width", "bb_pctb"], w.bollinger),
    ...each(["parkinson"], "window", w.parkinsonWindows),
    ...each(["gk"], "window", w.garmanKlassWindows),
    ...(w.obv ? [{ kind: "obv", params: {} }] : []),
    ...each(["vwap"], "window", w.vwapWindows),
    ...each(["volume_spike"], "window", w.volumeSpikeWindows),
    ...each(["amihud"], "window", w.amihudWindows),
    ...each(["ret_mean", "ret_std", "ret_skew", "ret_kurt"], "window", w.momentWindows),
    ...objects(["rsi_overbought"], w.rsiOverbought),
    ...objects(["rsi_oversold"], w.rsiOversold),
    ...objects(["bb_break_up", "bb_break_down"], w.bollingerBreakouts),
    ...objects(["adx_trend"], w.trendStrength),
  ];
}
