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
  /** Plot's warnings while rendering (strings in a numeric channel, …); kept out of `html`. */
  readonly warnings: readonly string[];

  constructor(html: string, warnings: readonly string[] = []) {
    this.html = html;
    this.warnings = warnings;
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
  // Plot reports a misuse (strings in a numeric channel, dates on an ordinal scale) with
  // console.warn, which a kernel prints into the page, and a "⚠️" in the figure. The warnings
  // are kept on the chart and in takeChartWarnings() for tests, not shown to readers.
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(" "));
  let node: { outerHTML: string };
  try {
    node = Plot.plot({
      ...options,
      color: seriesColours(options.color),
      document,
    } as Plot.PlotOptions) as unknown as { outerHTML: string };
  } finally {
    console.warn = warn;
  }
  for (const w of warnings) recent.push(w);
  const html = warnings.length === 0 ? node.outerHTML : node.outerHTML.replace(WARNING_MARK, "");
  return new Chart(html, warnings);
}

const WARNING_MARK =
  /<text[^>]*>\u26a0\ufe0f?<title>[^<]*warnings?\. Please check the console\.<\/title><\/text>/;

const recent: string[] = [];

/**
 * Returns the warnings of every chart rendered since the last call, and forgets them: a test
 * asserts none, so a chart that feeds Plot strings where it expects numbers fails its test.
 */
export function takeChartWarnings(): string[] {
  return recent.splice(0);
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
