/**
 * Turning the long predictions frame into factor columns that analyses take like features.
 * @module
 */
import pl from "nodejs-polars";

/** Returns the factor column name of a model's prediction at a horizon: `pred_{model}_{h}`. */
export function predictionFactorName(model: string, horizon: number): string {
  return `pred_${model}_${horizon}`;
}

/**
 * Returns the factor column of `model`'s predictions at `horizon` among `columns` (from
 * {@link predictionFactors}); throws naming the columns there are when it is not one of them.
 */
export function modelFactor(columns: readonly string[], model: string, horizon: number): string {
  const name = predictionFactorName(model, horizon);
  if (!columns.includes(name)) {
    throw new Error(
      `model "${model}" has no predictions at horizon ${horizon}; there are ${columns.join(", ")}`,
    );
  }
  return name;
}

/**
 * Returns predictions (symbol, date, horizon, model, prediction) at `horizon` as a wide frame:
 * symbol, date and one column `pred_{model}_{horizon}` per model. Throws when the horizon has
 * no predictions.
 */
export function predictionFactors(predictions: pl.DataFrame, horizon: number): pl.DataFrame {
  for (const c of ["symbol", "date", "horizon", "model", "prediction"]) {
    if (!predictions.columns.includes(c)) {
      throw new Error(`the predictions frame has no "${c}" column`);
    }
  }
  const at = predictions.filter(pl.col("horizon").eq(pl.lit(horizon)));
  if (at.height === 0) {
    const have = [...new Set(predictions.getColumn("horizon").toArray() as number[])].join(", ");
    throw new Error(`no predictions at horizon ${horizon}; horizons present: ${have || "none"}`);
  }
  const models = [...new Set(at.getColumn("model").toArray() as string[])].sort();
  let wide: pl.DataFrame = at.select("symbol", "date").unique({ maintainOrder: true });
  for (const m of models) {
    const column = at
      .filter(pl.col("model").eq(pl.lit(m)))
      .select("symbol", "date", pl.col("prediction").alias(predictionFactorName(m, horizon)));
    wide = wide.join(column, { on: ["symbol", "date"], how: "left" });
  }
  return wide.sort(["date", "symbol"]);
}

/** Returns the factor columns of a factor frame: every column but `symbol` and `date`. */
export function factorColumns(frame: pl.DataFrame): string[] {
  return frame.columns.filter((c) => c !== "symbol" && c !== "date");
}
