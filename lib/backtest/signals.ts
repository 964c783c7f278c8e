/**
 * Entry and exit signals from a score.
 * @module
 */
import type { WidePanel } from "./wide.ts";

/** Entry and exit flags (1 or 0) in the layout of the panel they came from. */
export interface Signals {
  /** 1 where the strategy wants to enter at that date's close. */
  entries: Uint8Array;
  /** 1 where the strategy wants to exit at that date's close. */
  exits: Uint8Array;
}

/** Options of {@link thresholdSignals}. */
export interface ThresholdOptions {
  /** Enter when the score is above this. Defaults to 0. */
  enterAbove?: number;
  /** Exit when the score is below this. Defaults to 0. */
  exitBelow?: number;
}

/**
 * Returns entries where `score > enterAbove` and exits where `score < exitBelow`; a missing
 * score gives neither.
 *
 * @example
 * ```ts
 * import { thresholdSignals } from "@lib/backtest/signals.ts";
 * const s = thresholdSignals({ dates: new Float64Array(3), symbols: ["a"], values: new Float64Array([1, NaN, -1]) });
 * if (s.entries.join() !== "1,0,0" || s.exits.join() !== "0,0,1") throw new Error("wrong");
 * ```
 */
export function thresholdSignals(score: WidePanel, options: ThresholdOptions = {}): Signals {
  const { enterAbove = 0, exitBelow = 0 } = options;
  if (exitBelow > enterAbove) {
    throw new Error(
      `exitBelow (${exitBelow}) above enterAbove (${enterAbove}) would enter and exit at once`,
    );
  }
  const n = score.values.length;
  const entries = new Uint8Array(n);
  const exits = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = score.values[i];
    if (v > enterAbove) entries[i] = 1;
    else if (v < exitBelow) exits[i] = 1;
  }
  return { entries, exits };
}
