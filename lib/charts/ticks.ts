/**
 * Log-scale axes that read as what they show. Plot labels a log axis with SI prefixes, so a
 * growth of 0.4 reads "400m" and 0.3 "300m"; a ratio axis here reads "0.4x", "1x", "2x" and a
 * wealth axis "50", "100", "1,000", with ticks at 1, 2 and 5 of each decade (finer when the data
 * spans less than that).
 * @module
 */
import * as Plot from "@observablehq/plot";

/**
 * A ratio as an axis label: "0.4x", "1x", "2.5x", "1,000x" (three significant digits at most).
 *
 * @example
 * ```ts
 * import { formatRatio } from "@lib/charts/ticks.ts";
 * if ([0.4, 1, 2, 1000].map(formatRatio).join(" ") !== "0.4x 1x 2x 1,000x") throw new Error();
 * ```
 */
export function formatRatio(value: number): string {
  return `${plainNumber(value)}x`;
}

/** A positive number as an axis label, thousands separated, never SI or exponent: "1,000". */
export function plainNumber(value: number): string {
  const rounded = Number(value.toPrecision(3));
  return rounded.toLocaleString("en-US", { maximumFractionDigits: 6 });
}

/**
 * Tick values for a log axis over the positive `values`: 1, 2 and 5 of each decade in range;
 * when that gives fewer than three ticks, 1 to 9 of each decade; then evenly spaced ticks.
 *
 * @example
 * ```ts
 * import { logTicks } from "@lib/charts/ticks.ts";
 * if (logTicks([0.35, 3.1]).join(" ") !== "0.5 1 2") throw new Error(logTicks([0.35, 3.1]).join(" "));
 * ```
 */
export function logTicks(values: Iterable<number>): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return [1];
  if (lo === hi) return [Number(lo.toPrecision(3))];
  for (const mantissas of [[1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
    const ticks = decadeTicks(lo, hi, mantissas);
    if (ticks.length >= 3) return ticks;
  }
  return linearTicks(lo, hi);
}

function decadeTicks(lo: number, hi: number, mantissas: readonly number[]): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of mantissas) {
      const v = Number((m * 10 ** e).toPrecision(6));
      if (v >= lo && v <= hi) out.push(v);
    }
  }
  return out;
}

function linearTicks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Number(v.toPrecision(6)));
  }
  return out;
}

/** A log y axis: the scale's options and the marks that draw its ticks, labels and grid. */
export interface LogAxis {
  readonly scale: { readonly type: "log"; readonly label: string | null; readonly axis: null };
  readonly marks: Plot.Markish[];
}

/**
 * A log y axis over `values` whose ticks read as ratios ("0.5x", "1x", "2x") or, with
 * `plainNumber`, as plain numbers. The axis is drawn by marks of its own: Plot passes a log
 * axis's tick format through d3's, which blanks the labels of some ticks (5 of each decade).
 */
export function logAxis(
  values: Iterable<number>,
  label: string,
  format: (value: number) => string = formatRatio,
): LogAxis {
  const ticks = logTicks(values);
  return {
    scale: { type: "log", label, axis: null },
    marks: [
      Plot.gridY(ticks),
      Plot.axisY(ticks, { label, text: (d: number) => format(d) }),
    ],
  };
}
