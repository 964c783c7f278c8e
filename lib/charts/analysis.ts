/**
 * Charts of factor analysis: the IC through time, its decay across horizons and by month, mean
 * and cumulative returns by factor quantile, the top-minus-bottom spread, turnover, rank
 * autocorrelation and rolling factor loadings.
 * @module
 */
import * as Plot from "@observablehq/plot";
import pl from "nodejs-polars";
import { max } from "simple-statistics";
import { plot } from "./chart.ts";
import { diverging, readable } from "./palette.ts";
import { rdBuFill, textColourOn } from "./contrast.ts";
import { Chart } from "./chart.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/**
 * Returns a chart that is a short note instead of a figure: what a chart given an empty result
 * shows, so a one-line cell on a tiny universe renders why there is nothing to draw.
 *
 * @example
 * ```ts
 * import { chartNote } from "@lib/charts/analysis.ts";
 * if (!chartNote("No <data>").html.includes("No &lt;data&gt;")) throw new Error("not escaped");
 * ```
 */
export function chartNote(text: string): Chart {
  const escaped = text.replace(/[&<>"]/g, (c) => ESCAPES[c]);
  return new Chart(`<p class="chart-note"><em>${escaped}</em></p>`);
}

/** Options of {@link icSeries}. */
export interface IcSeriesOptions {
  /** Factor to draw; defaults to the first in the frame. */
  factor?: string;
  /** Horizon to draw; defaults to the first in the frame. */
  horizon?: number;
  /** `pearson` or `spearman`. Defaults to `spearman`. */
  method?: "pearson" | "spearman";
  /** Dates in the rolling mean (empty for the first window - 1 dates). Defaults to 21. */
  window?: number;
  /** Chart title. */
  title?: string;
}

/**
 * Returns the daily IC of one factor and horizon (`informationCoefficient(...).daily`) with its
 * rolling mean.
 */
export function icSeries(daily: pl.DataFrame, options: IcSeriesOptions = {}): Chart {
  if (daily.height === 0) {
    return chartNote("No daily IC to draw: no date had enough assets for a cross-sectional IC.");
  }
  const factor = options.factor ?? (daily.getColumn("factor").get(0) as string);
  const horizon = options.horizon ?? (daily.getColumn("horizon").get(0) as number);
  const method = options.method ?? "spearman";
  const window = options.window ?? 21;
  const rows = daily
    .filter(pl.col("factor").eq(pl.lit(factor)).and(pl.col("horizon").eq(pl.lit(horizon))))
    .sort("date")
    .toRecords() as Record<string, unknown>[];
  if (rows.length === 0) {
    return chartNote(`No daily IC of ${factor} at horizon ${horizon} to draw.`);
  }
  const daySeries = `daily ${method} IC`;
  const meanSeries = `${window}-date rolling mean`;
  const data = rows.map((r) => ({ date: r.date as Date, ic: r[method] as number }));
  return plot({
    title: options.title ??
      `${method === "spearman" ? "Rank IC" : "IC"} of ${factor} vs ${horizon}-day forward return`,
    x: { type: "utc", label: "Date" },
    y: { label: `${method === "spearman" ? "Rank IC" : "IC"} (correlation)`, grid: true },
    color: {
      legend: true,
      domain: [daySeries, meanSeries],
      range: [readable("#b3b3b3"), "#d62728"],
    },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(data, { x: "date", y: "ic", stroke: () => daySeries, strokeWidth: 0.8 }),
      Plot.lineY(
        data,
        Plot.windowY({ k: window, anchor: "end", strict: true }, {
          x: "date",
          y: "ic",
          stroke: () => meanSeries,
          strokeWidth: 2,
        }),
      ),
    ],
  });
}

/** Options of {@link quantileReturnBars}. */
export interface QuantileBarsOptions {
  /** Factor to draw; defaults to the first in the frame. */
  factor?: string;
  /** Chart title. */
  title?: string;
}

/**
 * Returns the mean forward return per factor quantile (`quantileReturns(...).table`), in
 * percent, one group of bars per horizon, with ±1 standard error bars when the table has
 * `std_err`.
 */
export function quantileReturnBars(table: pl.DataFrame, options: QuantileBarsOptions = {}): Chart {
  if (table.height === 0) return chartNote("No quantile returns to draw.");
  const factor = options.factor ?? (table.getColumn("factor").get(0) as string);
  // a bucket no date filled (too few assets for the quantiles) has a NaN mean: nothing to draw
  const rows = (table.filter(pl.col("factor").eq(pl.lit(factor))).toRecords() as Record<
    string,
    unknown
  >[]).filter((r) => !table.columns.includes("n_dates") || Number(r.n_dates) > 0);
  if (rows.length === 0) {
    return chartNote(`No quantile returns of ${factor} to draw: no date had enough assets.`);
  }
  const data = rows.map((r) => ({
    quantile: `Q${r.quantile}`,
    horizon: `${r.horizon}-day`,
    pct: (r.mean_return as number) * 100,
    low: ((r.mean_return as number) - Number(r.std_err ?? 0)) * 100,
    high: ((r.mean_return as number) + Number(r.std_err ?? 0)) * 100,
  }));
  const horizons = [...new Set(data.map((d) => d.horizon))];
  const errors = table.columns.includes("std_err")
    ? [
      Plot.ruleX(data, {
        fx: horizons.length > 1 ? "horizon" : undefined,
        x: "quantile",
        y1: "low",
        y2: "high",
        stroke: "#333",
      }),
    ]
    : [];
  return plot({
    title: options.title ?? `Mean forward return by quantile of ${factor}`,
    fx: horizons.length > 1 ? { label: "Horizon" } : undefined,
    x: { label: "Factor quantile (1 = lowest)" },
    y: { label: "Mean forward return (%)", grid: true },
    color: { legend: horizons.length > 1, domain: horizons },
    marks: [
      Plot.barY(data, {
        fx: horizons.length > 1 ? "horizon" : undefined,
        x: "quantile",
        y: "pct",
        fill: "horizon",
      }),
      ...errors,
      Plot.ruleY([0]),
    ],
  });
}

/**
 * Records of `frame` filtered to `factor` (the first factor by default), or the note to show
 * when there are none.
 */
function factorRows(
  frame: pl.DataFrame,
  factor: string | undefined,
  what: string,
): { factor: string; rows: Record<string, unknown>[] } | Chart {
  if (frame.height === 0) return chartNote(`No ${what} to draw.`);
  const f = factor ?? (frame.getColumn("factor").get(0) as string);
  const rows = frame.filter(pl.col("factor").eq(pl.lit(f))).toRecords() as Record<
    string,
    unknown
  >[];
  if (rows.length === 0) return chartNote(`No ${what} of ${f} to draw.`);
  return { factor: f, rows };
}

/** Options of the single-factor analysis charts. */
export interface FactorChartOptions {
  /** Factor to draw; defaults to the first in the frame. */
  factor?: string;
  /** Chart title. */
  title?: string;
}

/**
 * Returns the IC decay (`icDecay(summary)`): mean IC by horizon with a ±1 standard error bar,
 * to see how far ahead the factor still ranks returns.
 */
export function icDecayLine(decay: pl.DataFrame, options: FactorChartOptions = {}): Chart {
  const found = factorRows(decay, options.factor, "IC decay");
  if (found instanceof Chart) return found;
  const { factor, rows } = found;
  const data = rows
    .map((r) => ({
      horizon: Number(r.horizon),
      ic: Number(r.mean),
      low: Number(r.mean) - Number(r.std_err),
      high: Number(r.mean) + Number(r.std_err),
    }))
    .sort((a, b) => a.horizon - b.horizon);
  return plot({
    title: options.title ?? `IC decay of ${factor}`,
    x: { label: "Horizon (days)", type: "point" },
    y: { label: "Mean IC (±1 std. error)", grid: true },
    marks: [
      Plot.ruleY([0]),
      Plot.ruleX(data, { x: "horizon", y1: "low", y2: "high", stroke: "#888" }),
      Plot.lineY(data, { x: "horizon", y: "ic", stroke: "#1f77b4" }),
      Plot.dot(data, { x: "horizon", y: "ic", fill: "#1f77b4", r: 4 }),
    ],
  });
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Options of {@link monthlyIcHeatmap}. */
export interface MonthlyIcOptions extends FactorChartOptions {
  /** Horizon to draw; defaults to the first in the frame. */
  horizon?: number;
}

/**
 * Returns the monthly mean IC (`monthlyIc(daily)`) as a year x month heatmap on a diverging
 * scale centred on 0 (red negative, blue positive), each cell labelled with its value.
 */
export function monthlyIcHeatmap(monthly: pl.DataFrame, options: MonthlyIcOptions = {}): Chart {
  const found = factorRows(monthly, options.factor, "monthly IC");
  if (found instanceof Chart) return found;
  const { factor, rows } = found;
  const horizon = options.horizon ?? Number(rows[0].horizon);
  const data = rows
    .filter((r) => Number(r.horizon) === horizon)
    .map((r) => ({
      year: String(r.year),
      month: MONTHS[Number(r.month) - 1],
      ic: Number(r.mean_ic),
    }));
  if (data.length === 0) return chartNote(`No monthly IC of ${factor} at horizon ${horizon}.`);
  const extent = Math.max(max(data.map((d) => Math.abs(d.ic))), 1e-9);
  const years = [...new Set(data.map((d) => d.year))].sort();
  return plot({
    title: options.title ?? `Monthly mean rank IC of ${factor} (${horizon}-day)`,
    padding: 0,
    x: { label: null, domain: MONTHS },
    // years are labels, not numbers: a band scale says so (and keeps Plot from warning)
    y: { label: null, type: "band", domain: years },
    // no colour legend: Plot draws continuous ramps on a canvas the server-side DOM lacks; each
    // cell prints its value instead
    color: { type: "diverging", scheme: "RdBu", domain: [-extent, extent] },
    marks: [
      Plot.cell(data, { x: "month", y: "year", fill: "ic", inset: 0.5 }),
      Plot.text(data, {
        x: "month",
        y: "year",
        text: (d: { ic: number }) => d.ic.toFixed(2),
        // RdBu is dark at both ends: the text takes the colour that contrasts more with its cell
        fill: (d: { ic: number }) => textColourOn(rdBuFill(d.ic, extent)),
        fontSize: 9,
      }),
    ],
  });
}

/**
 * Returns the growth of 1 in each quantile portfolio (`cumulativeQuantileReturns(daily)`), one
 * line per quantile from red (lowest) to blue (highest).
 */
export function cumulativeQuantileLines(
  cumulative: pl.DataFrame,
  options: FactorChartOptions = {},
): Chart {
  const found = factorRows(cumulative, options.factor, "cumulative returns");
  if (found instanceof Chart) return found;
  const { factor, rows } = found;
  const data = rows.map((r) => ({
    date: r.date as Date,
    value: Number(r.cumulative),
    quantile: `Q${r.quantile}`,
  }));
  const quantiles = [...new Set(data.map((d) => d.quantile))].sort((a, b) =>
    Number(a.slice(1)) - Number(b.slice(1))
  );
  return plot({
    title: options.title ?? `Cumulative 1-day return by quantile of ${factor}`,
    x: { type: "utc", label: "Date" },
    y: { label: "Growth of 1", grid: true },
    color: { legend: true, domain: quantiles, range: diverging(quantiles.length) },
    marks: [
      Plot.ruleY([1]),
      Plot.lineY(data, { x: "date", y: "value", stroke: "quantile" }),
    ],
  });
}

/**
 * Returns the top-minus-bottom spread per horizon (`quantileReturns(...).spread`) in percent,
 * with a ±1 standard error bar.
 */
export function spreadBars(spread: pl.DataFrame, options: FactorChartOptions = {}): Chart {
  const found = factorRows(spread, options.factor, "spread");
  if (found instanceof Chart) return found;
  const { factor, rows } = found;
  const data = rows.filter((r) => Number.isFinite(Number(r.top_minus_bottom))).map((r) => ({
    horizon: `${r.horizon}-day`,
    pct: Number(r.top_minus_bottom) * 100,
    low: (Number(r.top_minus_bottom) - Number(r.std_err)) * 100,
    high: (Number(r.top_minus_bottom) + Number(r.std_err)) * 100,
  }));
  if (data.length === 0) return chartNote(`No spread of ${factor}: no date filled both ends.`);
  return plot({
    title: options.title ?? `Top minus bottom quantile of ${factor}`,
    x: { label: "Horizon" },
    y: { label: "Mean spread (%, ±1 std. error)", grid: true },
    marks: [
      Plot.barY(data, { x: "horizon", y: "pct", fill: "#4c78a8" }),
      Plot.ruleX(data, { x: "horizon", y1: "low", y2: "high", stroke: "#333" }),
      Plot.ruleY([0]),
    ],
  });
}

/** Returns quantile turnover through time (`quantileTurnover(...)`), one line per quantile. */
export function turnoverLines(turnover: pl.DataFrame, options: { title?: string } = {}): Chart {
  const data = (turnover.toRecords() as Record<string, unknown>[])
    .filter((r) => r.turnover !== null)
    .map((r) => ({
      date: r.date as Date,
      turnover: Number(r.turnover),
      quantile: `Q${r.quantile}`,
    }));
  if (data.length === 0) return chartNote("No quantile turnover to draw.");
  return plot({
    title: options.title ?? "Quantile turnover",
    x: { type: "utc", label: "Date" },
    y: { label: "Share of names new to the quantile", grid: true, domain: [0, 1] },
    color: { legend: true },
    marks: [Plot.lineY(data, { x: "date", y: "turnover", stroke: "quantile", strokeWidth: 1 })],
  });
}

/** Returns the factor rank autocorrelation through time (`factorRankAutocorrelation(...)`). */
export function rankAutocorrelationLine(
  autocorrelation: pl.DataFrame,
  options: { title?: string } = {},
): Chart {
  const data = (autocorrelation.toRecords() as Record<string, unknown>[])
    .filter((r) => r.autocorrelation !== null)
    .map((r) => ({ date: r.date as Date, value: Number(r.autocorrelation) }));
  if (data.length === 0) return chartNote("No factor rank autocorrelation to draw.");
  return plot({
    title: options.title ?? "Factor rank autocorrelation",
    x: { type: "utc", label: "Date" },
    y: { label: "Rank autocorrelation", grid: true },
    marks: [Plot.ruleY([0]), Plot.lineY(data, { x: "date", y: "value", stroke: "#1f77b4" })],
  });
}

/**
 * Returns the rolling factor loadings (`rollingFactorRegression(...)`): one line per `beta_*`
 * column by month, warm-up months left out; an empty figure saying so when no month is past the
 * warm-up (fewer months with factors than the window).
 */
export function rollingBetaLines(rolling: pl.DataFrame, options: { title?: string } = {}): Chart {
  const betas = rolling.columns.filter((c) => c.startsWith("beta_"));
  if (betas.length === 0) throw new Error("the frame has no beta_ columns");
  const data = (rolling.toRecords() as Record<string, unknown>[]).flatMap((r) =>
    betas
      .filter((b) => r[b] !== null)
      .map((b) => ({
        month: new Date(`${r.month}-01T00:00:00Z`),
        beta: Number(r[b]),
        factor: b.slice(5),
      }))
  );
  if (data.length === 0) {
    // Data the factor file does not cover leaves nothing to draw: say so on the page instead.
    return chartNote(
      `No loadings to draw: ${rolling.height} months have returns and factors, ` +
        "none past the rolling window's warm-up.",
    );
  }
  return plot({
    title: options.title ?? "Rolling factor loadings",
    x: { type: "utc", label: "Month" },
    y: { label: "Beta", grid: true },
    color: { legend: true, domain: betas.map((b) => b.slice(5)) },
    marks: [Plot.ruleY([0]), Plot.lineY(data, { x: "month", y: "beta", stroke: "factor" })],
  });
}
