/**
 * The champion of a run, as step 04 chose it: one small JSON file beside the predictions that
 * steps 05 and 06 read, so the model analysed and backtested is the one the declared criterion
 * picked, and the MLflow tags every report page reads.
 * @module
 */
import { readFileSync } from "node:fs";
import { writeFileAtomic } from "../io/atomic.ts";
import type { SelectionRule } from "./selection.ts";

/** The regression champion of a run. */
export interface ChampionRecord {
  /** The candidate's name, as in the predictions' `model` column. */
  readonly model: string;
  /** The label horizon (days) it was chosen at. */
  readonly horizon: number;
  /** The criterion it was chosen by. */
  readonly selectBy: SelectionRule;
  /** Its pooled out-of-fold value of `selectBy.metric`. */
  readonly value: number;
  /** Every candidate it was chosen among. */
  readonly candidates: readonly string[];
  /** The action champion, when the step trained action classifiers. */
  readonly action?: ActionChampionRecord;
}

/** The action classifier champion of a run (highest macro F1, accuracy breaking ties). */
export interface ActionChampionRecord {
  /** The classifier's name, as in the predictions' `model` column (`{id}_action`). */
  readonly model: string;
  /** Its pooled out-of-fold macro F1. */
  readonly macroF1: number;
  /** Its pooled out-of-fold accuracy. */
  readonly accuracy: number;
  /** Every action classifier it was chosen among. */
  readonly candidates: readonly string[];
  /** The registered model it is published under. */
  readonly registeredModel: string;
}

/** Writes `record` to `path` atomically (a reader never sees half a file). */
export async function writeChampionRecord(path: string, record: ChampionRecord): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(record, null, 2) + "\n");
}

/**
 * Reads the champion step 04 wrote; throws naming the file when it is missing (step 04 has not
 * run on this data folder) or malformed.
 */
export function readChampionRecord(path: string): ChampionRecord {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new Error(
      `${path} does not exist: run the training step (04) on this data folder first, ` +
        "or name a model with the step's `model` parameter",
    );
  }
  const record = JSON.parse(text) as Partial<ChampionRecord>;
  if (typeof record.model !== "string" || !Number.isInteger(record.horizon)) {
    throw new Error(`${path} is not a champion record (needs "model" and "horizon")`);
  }
  return record as ChampionRecord;
}

/**
 * The MLflow tags naming the champion: `ws.champion`, its horizon and its criterion, and with an
 * action champion `ws.action_champion` and `ws.action_champion_rule`.
 */
export function championTags(record: ChampionRecord): Record<string, string> {
  return {
    "ws.champion": record.model,
    "ws.champion_horizon": String(record.horizon),
    "ws.champion_rule": `${record.selectBy.metric} (${record.selectBy.direction} wins)`,
    ...(record.action
      ? {
        "ws.action_champion": record.action.model,
        "ws.action_champion_rule": "macro_f1 (higher wins), then accuracy (higher wins)",
      }
      : {}),
  };
}

/**
 * The model a step analyses or backtests: the one named by its `model` parameter, else the
 * champion of `path`; `chosen` says which, for the page.
 */
export function resolveModel(
  named: string | undefined,
  path: string,
): { model: string; chosen: "champion" | "parameter"; record?: ChampionRecord } {
  if (named !== undefined) return { model: named, chosen: "parameter" };
  const record = readChampionRecord(path);
  return { model: record.model, chosen: "champion", record };
}

/** One line for the page saying which model the step follows and why. */
export function chosenModelLine(chosen: ReturnType<typeof resolveModel>, what: string): string {
  if (chosen.chosen === "parameter" || !chosen.record) {
    return `${what} **${chosen.model}**, named by the \`model\` parameter (not necessarily ` +
      "step 04's champion).";
  }
  const { selectBy, horizon } = chosen.record;
  return `${what} **${chosen.model}**, the champion step 04 chose by ${selectBy.metric} ` +
    `(${selectBy.direction} wins) at ${horizon} days.`;
}
