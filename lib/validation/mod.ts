/**
 * Time-series validation: walk-forward and combinatorial purged splits with purging and embargo,
 * and the day-number
 * helpers they work in.
 * @module
 */
export { dayFromIso, dayNumbers, daySeries, isoFromDay, uniqueDays } from "./days.ts";
export {
  type Fold,
  type TrainOn,
  type WalkForwardOptions,
  walkForwardSplits,
} from "./walk_forward.ts";
export {
  binomial,
  combinations,
  type Cpcv,
  type CpcvOptions,
  type CpcvSplit,
  cpcvSplits,
} from "./cpcv.ts";
