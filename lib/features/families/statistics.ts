/**
 * Rolling moments of daily simple returns: mean, standard deviation, skewness and kurtosis.
 * @internal
 * @module
 */
import pl from "nodejs-polars";
import type { FeatureFamily, HelperStages } from "../registry.ts";
import { col, simpleReturnExpr } from "../indicators.ts";
import { windowParams } from "./params.ts";

type Window = { window: number };

const raw = (window: number, p: number) => `_ret_raw_moment_${p}_${window}`;

/** Helper stages: the daily return `_ret_1d`, then its rolling raw moments E[r^p], p in `powers`. */
function momentStages(window: number, powers: readonly number[] = [1, 2, 3, 4]): HelperStages {
  const r = pl.col("_ret_1d");
  return [
    [{ name: "_ret_1d", expr: simpleReturnExpr(col("close"), 1), warmup: 1 }],
    powers.map((p) => ({
      name: raw(window, p),
      expr: (p === 1 ? r : r.pow(p)).rollingMean({ windowSize: window }),
      warmup: window,
      // Rolling sums accumulate rounding along the rows: per symbol, as if alone.
      perSymbol: true,
    })),
  ];
}

function rawMoments(window: number): [pl.Expr, pl.Expr, pl.Expr, pl.Expr] {
  return [
    pl.col(raw(window, 1)),
    pl.col(raw(window, 2)),
    pl.col(raw(window, 3)),
    pl.col(raw(window, 4)),
  ];
}

/** Central moments (population, divisor n) of daily returns: [m2, m3, m4]. */
function centralMoments(window: number): [pl.Expr, pl.Expr, pl.Expr] {
  const [e1, e2, e3, e4] = rawMoments(window);
  const m2 = e2.sub(e1.pow(2));
  const m3 = e3.sub(e1.mul(e2).mul(3)).add(e1.pow(3).mul(2));
  const m4 = e4.sub(e1.mul(e3).mul(4)).add(e1.pow(2).mul(e2).mul(6)).sub(e1.pow(4).mul(3));
  return [m2, m3, m4];
}

/** Rolling mean of daily simple returns over `window` days. */
export const returnMean: FeatureFamily<Window> = {
  kind: "ret_mean",
  description: "mean of daily simple returns over `window` days",
  group: "statistics",
  inputs: ["close"],
  params: windowParams(),
  name: ({ window }) => `ret_mean_${window}`,
  stages: ({ window }) => momentStages(window, [1]),
  expr: ({ window }) => pl.col(raw(window, 1)),
  warmup: ({ window }) => window,
};

/** Rolling sample standard deviation (ddof 1) of daily simple returns over `window` days. */
export const returnStd: FeatureFamily<Window> = {
  kind: "ret_std",
  description: "sample standard deviation (ddof 1) of daily simple returns over `window` days",
  group: "statistics",
  inputs: ["close"],
  params: windowParams(),
  name: ({ window }) => `ret_std_${window}`,
  stages: ({ window }) => [
    momentStages(window, [])[0],
    [{
      name: `_ret_std_${window}`,
      expr: pl.col("_ret_1d").rollingStd({ windowSize: window, ddof: 1 }),
      warmup: window,
      perSymbol: true,
    }],
  ],
  expr: ({ window }) => pl.col(`_ret_std_${window}`),
  warmup: ({ window }) => window,
};

/**
 * Rolling skewness of daily simple returns: `m3 / m2^1.5` with population central moments
 * (scipy's `skew(bias=True)`); null when the window is flat.
 */
export const returnSkew: FeatureFamily<Window> = {
  kind: "ret_skew",
  description: "skewness m3 / m2^1.5 (population moments) of daily returns over `window` days",
  group: "statistics",
  inputs: ["close"],
  params: windowParams(3),
  stages: ({ window }) => momentStages(window),
  name: ({ window }) => `ret_skew_${window}`,
  expr: ({ window }) => {
    const [m2, m3] = centralMoments(window);
    return m3.div(m2.pow(1.5));
  },
  warmup: ({ window }) => window,
};

/**
 * Rolling excess kurtosis of daily simple returns: `m4 / m2^2 - 3` with population central
 * moments (scipy's `kurtosis(fisher=True, bias=True)`).
 */
export const returnKurtosis: FeatureFamily<Window> = {
  kind: "ret_kurt",
  description: "excess kurtosis m4 / m2^2 - 3 (population moments) of daily returns over `window`",
  group: "statistics",
  inputs: ["close"],
  params: windowParams(4),
  stages: ({ window }) => momentStages(window),
  name: ({ window }) => `ret_kurt_${window}`,
  expr: ({ window }) => {
    const [m2, , m4] = centralMoments(window);
    return m4.div(m2.pow(2)).sub(3);
  },
  warmup: ({ window }) => window,
};
