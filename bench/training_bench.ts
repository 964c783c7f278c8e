/**
 * How the training step's LightGBM fits grow with the number of symbols: the step-04 LightGBM
 * candidates (regression, direction, five-class action) fitted on the last walk-forward fold of
 * the scale benchmark's generated universe (tests/fixtures/universe.ts, 2,520 business days) at
 * several sizes, with the step's default parameters. Per fit it prints the wall and CPU seconds,
 * the rounds boosted (early stopping's best iteration plus its patience), the rounds kept and the
 * CPU seconds per boosted round, and per size the growth of each against the previous size.
 *
 * It separates the two things a step's growth in symbols is made of: the cost of one boosting
 * round (LightGBM's histogram pass over every training row, expected to grow linearly with the
 * rows) and the number of rounds early stopping lets through (which grows when more rows carry
 * more evidence, so the validation loss keeps improving for longer).
 *
 * Knob: BENCH_TRAINING_SYMBOLS, comma-separated sizes (250,500,1000).
 * @module
 */
import { existsSync } from "node:fs";
import { cpuUsage } from "node:process";
import { join } from "node:path";
import pl from "nodejs-polars";
import { projectPath } from "@lib/paths.ts";
import { stepParams } from "@pipelines/params.ts";
import { localFolderSource } from "@lib/data/sources/local_folder.ts";
import { buildFeatures, catalogSpec } from "@lib/features/mod.ts";
import { buildLabels, labelSpec } from "@lib/labels/mod.ts";
import { actionCandidate, directionCandidates, regressionCandidates } from "@lib/models/mod.ts";
import { featureColumns, foldOptions } from "@lib/models/training_options.ts";
import { selectColumns, SYMBOL_FEATURE, trainingData } from "@lib/models/dataset.ts";
import { takeRows, takeValues } from "@lib/models/matrix.ts";
import { taskTarget } from "@lib/models/tasks.ts";
import type { Task } from "@lib/models/tasks.ts";
import type { ModelSpec } from "@lib/models/model.ts";
import { LightGbm } from "@lib/models/lightgbm/model.ts";
import { walkForwardSplits } from "@lib/validation/walk_forward.ts";
import { writeUniverse } from "../tests/fixtures/universe.ts";
import type { Bench, BenchRow } from "./bench.ts";

const SIZES = (Deno.env.get("BENCH_TRAINING_SYMBOLS") ?? "250,500,1000")
  .split(",").map((s) => Number(s.trim()));
const HORIZON = 5;

/** One LightGBM fit of the last fold. */
export interface FitCost {
  readonly symbols: number;
  readonly model: string;
  readonly trainRows: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  /** Rounds boosted, early stopping's patience included. */
  readonly boosted: number;
  /** Rounds the model keeps (early stopping's best iteration). */
  readonly kept: number;
}

/** The step's LightGBM candidates with the task each is trained on. */
function lightgbmCandidates(): { spec: ModelSpec; task: Task }[] {
  const p = stepParams.training.parse({});
  const isLgbm = (s: ModelSpec) => s.name.startsWith("lightgbm");
  return [
    ...regressionCandidates(p).filter(isLgbm).map((spec) => ({ spec, task: "regression" as Task })),
    ...directionCandidates(p).filter(isLgbm).map((spec) => ({ spec, task: "direction" as Task })),
    { spec: actionCandidate(p), task: "action" as Task },
  ];
}

/** Fits every LightGBM candidate on the last fold of `symbols` symbols of `bars`. */
export function fitCosts(bars: pl.DataFrame, symbols: number): FitCost[] {
  const names = (bars.getColumn("symbol").unique().sort().toArray() as string[])
    .filter((s) => !s.startsWith("^"));
  const keep = pl.DataFrame({ symbol: names.slice(0, symbols) });
  const panel = bars.join(keep, { on: "symbol", how: "semi" }).sort(["symbol", "date"]);
  const features = buildFeatures(panel, catalogSpec(stepParams.features.parse({})));
  const labels = buildLabels(panel, labelSpec(stepParams.labeling.parse({})).labels);
  const p = stepParams.training.parse({});
  const out: FitCost[] = [];
  for (const { spec, task } of lightgbmCandidates()) {
    const data = trainingData(features, labels, {
      horizon: HORIZON,
      features: featureColumns(p.features),
      symbolFeature: spec.symbolFeature ?? false,
      requireAction: task === "action",
    });
    const columns = data.x.features.filter((f) => spec.symbolFeature || f !== SYMBOL_FEATURE);
    const folds = walkForwardSplits(data.date, data.labelEnd, foldOptions(p));
    const fold = folds[folds.length - 1];
    const x = takeRows(selectColumns(data.x, columns), fold.train);
    const y = takeValues(taskTarget(task, data), fold.train);
    const model = spec.create();
    const started = performance.now();
    const cpu = cpuUsage();
    model.fit(x, y);
    const used = cpuUsage(cpu);
    const seconds = (performance.now() - started) / 1000;
    if (!(model instanceof LightGbm)) throw new Error(`${spec.name} is not a LightGBM model`);
    out.push({
      symbols,
      model: spec.name,
      trainRows: x.rows,
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      boosted: model.validationScores.length,
      kept: model.bestIteration,
    });
    model.dispose?.();
  }
  return out;
}

/** Table rows: one per fit, with the growth of time, rounds and time per round against the previous size. */
export function growthRows(costs: readonly FitCost[]): BenchRow[] {
  const rounds = (c: FitCost) => Math.max(1, c.boosted);
  return costs.map((c) => {
    const before = costs.filter((b) => b.model === c.model && b.symbols < c.symbols).at(-1);
    const x = (a: number, b: number) => `x${(a / b).toFixed(2)}`;
    // CPU per round is the load-robust reading: wall time stretches when the cores are shared.
    const growth = before
      ? `; vs ${before.symbols} symbols: rows ${x(c.trainRows, before.trainRows)}, time ${
        x(c.seconds, before.seconds)
      }, rounds ${x(rounds(c), rounds(before))}, CPU s/round ${
        x(c.cpuSeconds / rounds(c), before.cpuSeconds / rounds(before))
      }`
      : "";
    return {
      benchmark: `training fit growth (${c.symbols} symbols, last fold)`,
      implementation: `${c.model} (LightGBM FFI)`,
      seconds: c.seconds,
      cpuSeconds: c.cpuSeconds,
      rows: c.trainRows,
      note: `${c.boosted} rounds boosted, ${c.kept} kept, ${
        (c.cpuSeconds / rounds(c)).toFixed(3)
      } CPU s/round${growth}`,
    };
  });
}

export const trainingBench: Bench = {
  name: "training",
  async run() {
    const dir = projectPath(".cache", "bench", "training", `u${Math.max(...SIZES)}`);
    if (!existsSync(join(dir, "^GSPC.csv"))) {
      await writeUniverse(dir, { symbols: Math.max(...SIZES) });
    }
    const bars = await localFolderSource({ dir }).load();
    const costs: FitCost[] = [];
    for (const symbols of SIZES) {
      const fits = fitCosts(bars, symbols);
      for (const f of fits) {
        console.error(
          `training: ${symbols} symbols | ${f.model} | ${f.seconds.toFixed(1)} s | ` +
            `${f.boosted} rounds`,
        );
      }
      costs.push(...fits);
    }
    return growthRows(costs);
  },
};
