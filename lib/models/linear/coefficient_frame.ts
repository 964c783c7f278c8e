/**
 * A linear model's coefficient table as a polars frame, for notebooks and reports.
 * @module
 */
import pl from "nodejs-polars";
import type { LinearModel } from "./coefficient.ts";

/**
 * Returns a model's coefficient table as a frame (columns feature, coefficient, std_error,
 * t_stat, p_value), the intercept first. NaN stays NaN.
 *
 * @example
 * ```ts
 * import { ols } from "@lib/models/linear/ols.ts";
 * import { coefficientFrame } from "@lib/models/linear/coefficient_frame.ts";
 * const m = ols().create() as import("@lib/models/linear/ols.ts").OlsRegression;
 * const x = { data: new Float64Array([0, 1, 2, 3]), rows: 4, cols: 1, features: ["x"] };
 * m.fit(x, new Float64Array([1, 3, 5, 8]));
 * const f = coefficientFrame(m);
 * if (f.getColumn("feature").toArray().join() !== "(intercept),x") throw new Error("rows");
 * ```
 */
export function coefficientFrame(model: LinearModel): pl.DataFrame {
  const rows = [model.interceptCoefficient(), ...model.coefficients()];
  return pl.DataFrame({
    feature: rows.map((r) => r.feature),
    coefficient: pl.Series("coefficient", rows.map((r) => r.coefficient), pl.Float64),
    std_error: pl.Series("std_error", rows.map((r) => r.stdError), pl.Float64),
    t_stat: pl.Series("t_stat", rows.map((r) => r.tStat), pl.Float64),
    p_value: pl.Series("p_value", rows.map((r) => r.pValue), pl.Float64),
  });
}
