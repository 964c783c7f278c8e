/**
 * Charts that overlay several pipeline runs: equity curves, IC decay and prediction coverage,
 * one colour per run (labelled A, B, … on the comparison page).
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Chart, plot } from "./chart.ts";
import { GREYS, SERIES } from "./palette.ts";

/** One point of an equity curve of a run, rebased to 100. */
export interface EquityPoint {
  readonly run: string;
  readonly strategy: string;
  readonly date: Date;
  readonly value: number;
}

/**
 * Returns the equity curves of several runs on one axis, one line per run and strategy
 * (`A · top_k`), rebased to 100.
 */
export function equityOverlay(points: readonly EquityPoint[], title = "Equity by run"): Chart {
  const names = [...new Set(points.map((p) => `${p.run} · ${p.strategy}`))];
  // Strategies first in the palette; benchmarks in greys, so the runs stand out.
  const benchmark = names.filter((n) => n.endsWith("· benchmark"));
  const series = [...names.filter((n) => !benchmark.includes(n)), ...benchmark];
  const range = [
    ...SERIES.slice(0, series.length - benchmark.length),
    ...benchmark.map((_, i) => GREYS[i % GREYS.length]),
  ];
  return plot({
    title,
    x: { type: "utc", label: "Date" },
    y: { label: "Equity (start = 100)", grid: true },
    color: { legend: series.length > 1, domain: series, range },
    marks: [
      Plot.ruleY([100], { stroke: "#ccc" }),
      Plot.lineY(points, {
        x: "date",
        y: "value",
        stroke: (p: EquityPoint) => `${p.run} · ${p.strategy}`,
      }),
    ],
  });
}

/** One mean IC of a run's factor at a horizon. */
export interface IcDecayPoint {
  readonly run: string;
  readonly factor: string;
  readonly horizon: number;
  readonly ic: number;
}

/**
 * Returns the mean rank IC by forward-return horizon of each run's factors: colour is the run,
 * the dot's symbol the factor, so how IC decays with the horizon compares across runs.
 */
export function icDecayOverlay(points: readonly IcDecayPoint[], title = "IC decay by run"): Chart {
  const runs = [...new Set(points.map((p) => p.run))];
  const factors = [...new Set(points.map((p) => p.factor))];
  return plot({
    title,
    x: { label: "Forward-return horizon (trading days)", type: "point" },
    y: { label: "Mean rank IC (correlation)", grid: true },
    color: { legend: runs.length > 1, domain: runs },
    symbol: { legend: factors.length > 1, domain: factors },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(points, {
        x: "horizon",
        y: "ic",
        stroke: "run",
        z: (p: IcDecayPoint) => `${p.run} ${p.factor}`,
        strokeOpacity: 0.6,
      }),
      Plot.dot(points, { x: "horizon", y: "ic", stroke: "run", symbol: "factor", r: 4 }),
    ],
  });
}

/** The share of the universe a run's predictions cover on one date. */
export interface CoveragePoint {
  readonly run: string;
  readonly date: Date;
  readonly share: number;
}

/** Returns each run's prediction coverage through time, in percent of the universe. */
export function coverageOverlay(
  points: readonly CoveragePoint[],
  title = "Prediction coverage by run",
): Chart {
  const runs = [...new Set(points.map((p) => p.run))];
  return plot({
    title,
    x: { type: "utc", label: "Date" },
    height: 260,
    y: { label: "Universe with a prediction (%)", grid: true, domain: [0, 100] },
    color: { legend: runs.length > 1, domain: runs },
    marks: [
      Plot.lineY(points, {
        x: "date",
        y: (p: CoveragePoint) => 100 * p.share,
        stroke: "run",
        strokeWidth: 1.5,
      }),
    ],
  });
}
