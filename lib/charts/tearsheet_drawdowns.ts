/**
 * The worst drawdowns of a tear sheet: the table of the deepest spells with their dates, and
 * the equity curve with those spells shaded from peak to recovery (pyfolio's
 * `plot_drawdown_periods`).
 * @module
 */
import * as Plot from "@observablehq/plot";
import pl from "nodejs-polars";
import type { ReturnSeries } from "../performance/relative.ts";
import { type DrawdownPeriod, drawdownPeriods } from "../performance/drawdown.ts";
import { daySeries } from "../validation/days.ts";
import { type Chart, plot } from "./chart.ts";
import {
  checkSeries,
  dateOf,
  rebased,
  type SeriesChartOptions,
  type SeriesNames,
} from "./tearsheet_common.ts";
import { logAxis, plainNumber } from "./ticks.ts";

const WEALTH = "Wealth (start = 100)";

/** Returns the `top` deepest spells of `returns`, deepest first. */
function deepest(returns: Float64Array, top: number): DrawdownPeriod[] {
  return drawdownPeriods(returns).sort((a, b) => a.depth - b.depth).slice(0, top);
}

/**
 * Returns the `top` deepest drawdowns of `series` as a frame: `rank`, `peak`, `trough`,
 * `recovery` (dates; peak is null for the starting cash, recovery null while under water),
 * `depth` (a fraction < 0), `duration` (periods).
 */
export function worstDrawdowns(series: ReturnSeries, top = 5): pl.DataFrame {
  checkSeries(series, "series");
  const worst = deepest(series.returns, top);
  const day = (i: number) => (i >= 0 ? series.dates[i] : NaN);
  return pl.DataFrame([
    pl.Series("rank", worst.map((_, i) => i + 1), pl.Float64).cast(pl.Int32),
    daySeries("peak", worst.map((p) => day(p.peak))),
    daySeries("trough", worst.map((p) => day(p.trough))),
    daySeries("recovery", worst.map((p) => day(p.recovery))),
    pl.Series("depth", worst.map((p) => p.depth), pl.Float64),
    pl.Series("duration", worst.map((p) => p.duration), pl.Float64).cast(pl.Int32),
  ]);
}

/** Options of {@link drawdownPeriodsChart}. */
export interface DrawdownPeriodsOptions extends SeriesChartOptions {
  /** Number of worst drawdowns shaded. Defaults to 5. */
  top?: number;
  /** Log y scale. Defaults to false. */
  log?: boolean;
  /** Legend name of the portfolio (only `portfolio` is read). */
  names?: SeriesNames;
}

/**
 * Returns the portfolio's wealth (rebased to 100) with its `top` deepest drawdowns shaded from
 * the peak to the recovery (to the last date while under water; from the first date when the
 * peak is the starting cash), each labelled with its rank and depth in percent.
 *
 * @example
 * ```ts
 * import { drawdownPeriodsChart } from "@lib/charts/tearsheet_drawdowns.ts";
 * const dates = new Float64Array([18000, 18001, 18002, 18003, 18004]);
 * const chart = drawdownPeriodsChart({ dates, returns: new Float64Array([0.1, -0.2, 0.3, -0.1, 0.05]) });
 * if ((chart.html.match(/<rect/g) ?? []).length < 2) throw new Error("no shading");
 * ```
 */
export function drawdownPeriodsChart(
  series: ReturnSeries,
  options: DrawdownPeriodsOptions = {},
): Chart {
  checkSeries(series, "series");
  const n = series.dates.length;
  const wealth = rebased(series.returns);
  const spells = deepest(series.returns, options.top ?? 5).map((p, i) => ({
    from: dateOf(series.dates[Math.max(p.peak, 0)]),
    to: dateOf(series.dates[p.recovery >= 0 ? p.recovery : n - 1]),
    label: `${i + 1}: ${(100 * p.depth).toFixed(1)}%`,
  }));
  const line = Array.from(wealth, (value, t) => ({ date: dateOf(series.dates[t]), value }));
  const name = options.names?.portfolio ?? "strategy";
  const axis = options.log
    ? logAxis(wealth, `${WEALTH.slice(0, -1)}, log scale)`, plainNumber)
    : undefined;
  return plot({
    title: options.title ?? `${name}: equity with the ${spells.length} worst drawdowns`,
    width: 800,
    height: 320,
    x: { type: "utc", label: "Date" },
    y: axis?.scale ?? { type: "linear", label: WEALTH, grid: true },
    marks: [
      ...(axis?.marks ?? []),
      Plot.rectX(spells, { x1: "from", x2: "to", fill: "#d73027", fillOpacity: 0.15 }),
      Plot.text(spells, {
        x: "from",
        text: "label",
        frameAnchor: "top",
        textAnchor: "start",
        dx: 3,
        dy: 4,
        fontSize: 10,
        fill: "#a50026",
      }),
      Plot.lineY(line, { x: "date", y: "value", stroke: "#1f77b4" }),
    ],
  });
}
