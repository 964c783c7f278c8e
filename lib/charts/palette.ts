/**
 * The colours of chart series (lines, bars, dots): every one keeps at least 3:1 contrast with
 * the page background, WCAG 2's minimum for graphics a reader has to make out. Plot's default
 * categorical scheme and the pale middle of diverging schemes such as RdBu fall below it (a
 * middle quantile line drawn in RdBu's #f7f7f7 is invisible on white), so charts take their
 * series colours from here. Bands (areas behind the lines) and reference rules are not series
 * and may stay light.
 * @module
 */
import { interpolateRdBu, interpolateRdYlGn } from "d3-scale-chromatic";
import { contrastRatio } from "./contrast.ts";

/** The background charts are drawn on: the report page's and JupyterLab's light theme. */
export const BACKGROUND = "#ffffff";

/** The least contrast a series colour has with {@link BACKGROUND}. */
export const MIN_SERIES_CONTRAST = 3;

/**
 * Returns `colour` as `#rrggbb`, darkened towards black (hue kept) just enough to reach
 * `min` contrast with `background`; a colour that already does is returned unchanged.
 *
 * @example
 * ```ts
 * import { readable } from "@lib/charts/palette.ts";
 * import { contrastRatio } from "@lib/charts/contrast.ts";
 * if (contrastRatio(readable("#f7f7f7"), "#ffffff") < 3) throw new Error(readable("#f7f7f7"));
 * if (readable("#1f77b4") !== "#1f77b4") throw new Error("changed a readable colour");
 * ```
 */
export function readable(
  colour: string,
  min = MIN_SERIES_CONTRAST,
  background = BACKGROUND,
): string {
  const rgb = parse(colour);
  for (let k = 1; k > 0; k -= 0.01) {
    const hex = toHex(rgb.map((c) => c * k));
    if (contrastRatio(hex, background) >= min) return hex;
  }
  return "#000000";
}

/** Tableau 10, darkened where needed (its orange, teal, yellow, pink and grey are too light). */
export const SERIES: readonly string[] = [
  "#4e79a7",
  "#f28e2c",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc949",
  "#af7aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ab",
].map((c) => readable(c));

/** Greys for benchmark lines drawn beside coloured strategies. */
export const GREYS: readonly string[] = ["#767676", "#595959", "#8a8a8a"].map((c) => readable(c));

/**
 * `n` colours from red (first) through grey to blue (last), as RdBu, with the pale middle
 * darkened: for ordered series such as quantiles Q1..Qn.
 *
 * @example
 * ```ts
 * import { diverging } from "@lib/charts/palette.ts";
 * if (diverging(5).length !== 5) throw new Error();
 * ```
 */
export function diverging(n: number): string[] {
  return sample(interpolateRdBu, n);
}

/** `n` colours from red (first) to green (last), as RdYlGn with its pale yellows darkened. */
export function redToGreen(n: number): string[] {
  return sample(interpolateRdYlGn, n);
}

function sample(interpolate: (t: number) => string, n: number): string[] {
  if (n <= 0) return [];
  if (n === 1) return [readable(interpolate(1))];
  return Array.from({ length: n }, (_, i) => readable(interpolate(i / (n - 1))));
}

function parse(colour: string): number[] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (hex) return hex.slice(1).map((h) => parseInt(h, 16));
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(colour);
  if (rgb) return rgb.slice(1).map(Number);
  throw new Error(`cannot read the colour "${colour}"`);
}

function toHex(rgb: number[]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
}
