/**
 * Readable text on coloured cells: the WCAG 2 contrast ratio, and the text colour (black or
 * white) with the higher contrast against a fill. Since the two contrasts multiply to 21 for any
 * fill, the better one is always at least sqrt(21) = 4.58, above WCAG's 4.5:1 for normal text.
 * @module
 */
import { interpolateRdBu, interpolateRdYlGn } from "d3-scale-chromatic";

/** Relative luminance (WCAG 2) of an `rgb(r, g, b)` or `#rrggbb` colour. */
export function luminance(colour: string): number {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(colour);
  const parts = hex
    ? hex.slice(1).map((h) => parseInt(h, 16))
    : rgb
    ? rgb.slice(1).map(Number)
    : undefined;
  if (!parts) throw new Error(`cannot read the colour "${colour}"`);
  const [r, g, b] = parts.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Returns "black" or "white", whichever contrasts more with `fill`.
 *
 * @example
 * ```ts
 * import { textColourOn } from "@lib/charts/contrast.ts";
 * if (textColourOn("#08306b") !== "white" || textColourOn("#f7f7f7") !== "black") throw new Error();
 * ```
 */
export function textColourOn(fill: string): "black" | "white" {
  return contrastRatio(fill, "#ffffff") >= contrastRatio(fill, "#000000") ? "white" : "black";
}

/**
 * The fill Plot gives `value` on a diverging RdBu scale over [-extent, extent] (red low, blue
 * high), for choosing the text drawn on it.
 */
export function rdBuFill(value: number, extent: number): string {
  const t = Math.min(1, Math.max(0, (value / extent + 1) / 2));
  return interpolateRdBu(t);
}

/** The fill Plot gives `value` on a diverging RdYlGn scale over [-extent, extent] (red low). */
export function rdYlGnFill(value: number, extent: number): string {
  const t = Math.min(1, Math.max(0, (value / extent + 1) / 2));
  return interpolateRdYlGn(t);
}
