/**
 * A rendered Observable Plot figure that displays itself in Jupyter and serialises to HTML.
 *
 * Plot needs a DOM outside the browser; linkedom provides one. Every chart in lib/charts builds
 * its figure through {@link plot} so they all share one document and one rendering path.
 * @module
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { SERIES } from "./palette.ts";

// linkedom's types describe its window as the global one, which Deno's types lack `document` on.
const { document } = parseHTML(
  "<!DOCTYPE html><html><head></head><body></body></html>",
) as unknown as {
  document: Plot.PlotOptions["document"];
};

/** A chart's markup, rendered by Jupyter as `text/html` (an inline SVG figure). */
export class Chart {
  /** The figure's outer HTML: an `<svg>` or a `<figure>` holding title, legend and `<svg>`. */
  readonly html: string;

  constructor(html: string) {
    this.html = html;
  }

  /** The Jupyter rich-display bundle; Deno's kernel calls this for a cell's last value. */
  [Symbol.for("Jupyter.display")](): Record<string, string> {
    return { "text/html": this.html };
  }

  /** The markup, so `${chart}` in a template embeds the figure. */
  toString(): string {
    return this.html;
  }
}

/** Options accepted by {@link plot}: Plot's options without `document`, which is supplied. */
export type PlotOptions = Omit<Plot.PlotOptions, "document">;

/**
 * Renders Plot options to a {@link Chart}.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { plot } from "@lib/charts/chart.ts";
 * const chart = plot({ title: "Close", marks: [Plot.lineY([1, 3, 2])] });
 * if (!chart.html.includes("<svg")) throw new Error("no svg");
 * ```
 */
export function plot(options: PlotOptions): Chart {
  const node = Plot.plot(
    { ...options, color: seriesColours(options.color), document } as Plot.PlotOptions,
  ) as unknown as {
    outerHTML: string;
  };
  return new Chart(node.outerHTML);
}

const CONTINUOUS = new Set([
  "linear",
  "log",
  "pow",
  "sqrt",
  "symlog",
  "sequential",
  "diverging",
  "diverging-log",
  "diverging-pow",
  "diverging-sqrt",
  "diverging-symlog",
  "cyclical",
  "quantile",
  "quantize",
  "threshold",
  "utc",
  "time",
]);

/**
 * The colour scale with the readable {@link SERIES} palette as its range when the chart names
 * none: Plot's default categorical scheme has colours too light to see on white.
 */
function seriesColours(color: Plot.ScaleOptions | undefined): Plot.ScaleOptions {
  const given = color ?? {};
  const named = given.range !== undefined || given.scheme !== undefined ||
    given.interpolate !== undefined;
  const continuous = typeof given.type === "string" && CONTINUOUS.has(given.type);
  return named || continuous ? given : { ...given, range: [...SERIES] };
}
