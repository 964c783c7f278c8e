/**
 * What a step can say about a universe of this size. A cross-sectional IC needs `minAssets`
 * symbols on a date and q quantiles need q; with fewer, the part is skipped with a reason shown
 * on the page and logged to MLflow (metrics `skipped_{part}` and the tag `ws.skipped`), and the
 * step carries on with the parts that can run. Shared by the analysis and backtest steps.
 * @module
 */
import pl from "nodejs-polars";
import type { NotebookRun } from "../notebook.ts";

/**
 * One part of a step: whether it runs and, when not, why. A part that runs with a reason runs
 * with a caveat (e.g. top-k holding the whole universe).
 */
export interface Part {
  /** True when the part runs. */
  readonly runs: boolean;
  /** Why it does not run, or its caveat when it runs; empty when it runs as designed. */
  readonly reason: string;
}

/** The parts of a step by name (e.g. `quantiles`), each running or skipped with a reason. */
export type Capability<P extends string = string> = {
  /** Symbols in the universe. */
  readonly symbols: number;
  /** Most symbols with a row on one date. */
  readonly maxAssets: number;
  /** The parts by name. */
  readonly parts: Readonly<Record<P, Part>>;
};

/** The parts of the factor analysis step that depend on the universe's size. */
export type AnalysisPart = "cross_sectional_ic" | "quantiles" | "cumulative" | "turnover";

/** Options of {@link analysisCapability} (the step's parameters of the same names). */
export interface CapabilityOptions {
  /** Fewest assets on a date for its IC to count. Defaults to 3. */
  readonly minAssets?: number;
  /** Buckets per date. Defaults to 5. */
  readonly quantiles?: number;
  /** Forward-return horizons of the features; the cumulative chart needs 1. Defaults to [1]. */
  readonly horizons?: readonly number[];
}

/** A part that runs. */
export const RUNS: Part = { runs: true, reason: "" };

/** Returns a skipped part with `reason`. */
export function skip(reason: string): Part {
  return { runs: false, reason };
}

/**
 * Returns the number of symbols and the most symbols on one date of a frame with `symbol` and
 * `date` columns (0 and 0 for an empty frame).
 */
export function universeSize(frame: pl.DataFrame): { symbols: number; maxAssets: number } {
  if (frame.height === 0) return { symbols: 0, maxAssets: 0 };
  const symbols = frame.getColumn("symbol").nUnique();
  const perDate = frame.groupBy("date").agg(pl.col("symbol").nUnique().alias("n"));
  return { symbols, maxAssets: Number(perDate.getColumn("n").max()) };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Returns what the factor analysis can compute on `panel` (rows of `symbol`, `date`): the
 * cross-sectional IC needs `minAssets` symbols on some date, the quantile table `quantiles`
 * symbols, the cumulative quantile returns the quantiles and horizon 1, turnover and rank
 * autocorrelation the quantile buckets.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { analysisCapability } from "@lib/analysis/capability.ts";
 * const panel = pl.DataFrame({ symbol: ["a", "b", "c"], date: [1, 1, 1] });
 * const c = analysisCapability(panel, { minAssets: 3, quantiles: 5 });
 * if (!c.parts.cross_sectional_ic.runs || c.parts.quantiles.runs) throw new Error("wrong");
 * ```
 */
export function analysisCapability(
  panel: pl.DataFrame,
  options: CapabilityOptions = {},
): Capability<AnalysisPart> {
  const { minAssets = 3, quantiles = 5, horizons = [1] } = options;
  const size = universeSize(panel);
  const have = `the universe has ${plural(size.symbols, "symbol")}` +
    (size.maxAssets < size.symbols ? ` (at most ${size.maxAssets} on one date)` : "");
  const ic = size.maxAssets >= minAssets
    ? RUNS
    : skip(`a cross-sectional IC needs ${minAssets} symbols on a date (minAssets); ${have}`);
  const perBucket = Math.floor(size.maxAssets / quantiles);
  const q = size.maxAssets < quantiles
    ? skip(`${quantiles} quantiles need ${quantiles} symbols on a date; ${have}`)
    : perBucket < THIN_BUCKET
    ? caveat(
      `${quantiles} quantiles of ${plural(size.maxAssets, "symbol")} hold about ${perBucket} ` +
        `per date (fewer than ${THIN_BUCKET}), so bucket returns are noisy`,
    )
    : RUNS;
  const cumulative = !q.runs
    ? skip("cumulative quantile returns need the quantile buckets")
    : horizons.includes(1)
    ? RUNS
    : skip("cumulative quantile returns compound 1-day returns; horizons has no 1");
  const turnover = q.runs
    ? RUNS
    : skip("turnover and rank autocorrelation are read from the quantile buckets");
  return { ...size, parts: { cross_sectional_ic: ic, quantiles: q, cumulative, turnover } };
}

/** Names per quantile bucket below which the quantile results carry a caveat. */
const THIN_BUCKET = 10;

/** Returns a part that runs with `caveat`. */
export function caveat(reason: string): Part {
  return { runs: true, reason };
}

/** Returns the skipped parts of `capability` with their reasons, in declaration order. */
export function skippedParts(capability: Capability): [string, string][] {
  return Object.entries(capability.parts as Record<string, Part>)
    .filter(([, part]) => !part.runs).map(([name, part]) => [name, part.reason]);
}

/** Returns the parts of `capability` that run with a caveat, with it. */
export function caveatParts(capability: Capability): [string, string][] {
  return Object.entries(capability.parts as Record<string, Part>)
    .filter(([, part]) => part.runs && part.reason !== "").map((
      [name, part],
    ) => [name, part.reason]);
}

/**
 * Returns the Markdown line a notebook shows: every part runs, or which are skipped and why (and
 * the caveats of parts that run).
 *
 * @example
 * ```ts
 * import { capabilityLine, skip } from "@lib/analysis/capability.ts";
 * const line = capabilityLine({ symbols: 1, maxAssets: 1, parts: { quantiles: skip("too few") } });
 * if (line !== "**1** symbol. Skipped: **quantiles**: too few.") throw new Error(line);
 * ```
 */
export function capabilityLine(capability: Capability): string {
  const skipped = skippedParts(capability);
  const caveats = caveatParts(capability);
  const size = `**${capability.symbols}** symbol${capability.symbols === 1 ? "" : "s"}.`;
  const list = (parts: [string, string][]) => parts.map(([n, r]) => `**${n}**: ${r}`).join("; ");
  return [
    size,
    skipped.length === 0 ? "Every part runs." : `Skipped: ${list(skipped)}.`,
    ...(caveats.length === 0 ? [] : [`Note: ${list(caveats)}.`]),
  ].join(" ");
}

/** Returns `{ skipped_{part}: 1 }` per skipped part (nothing when every part runs). */
export function skippedMetrics(capability: Capability): Record<string, number> {
  return Object.fromEntries(skippedParts(capability).map(([name]) => [`skipped_${name}`, 1]));
}

/** Returns the `ws.skipped` tag value: `part: reason` lines, or "" when every part runs. */
export function skippedTag(capability: Capability): string {
  return skippedParts(capability).map(([n, r]) => `${n}: ${r}`).join("\n");
}

/** Returns the `ws.caveats` tag value: `part: caveat` lines, or "" when there is none. */
export function caveatTag(capability: Capability): string {
  return caveatParts(capability).map(([n, r]) => `${n}: ${r}`).join("\n");
}

/**
 * Sets the tags `ws.skipped` ({@link skippedTag}) and `ws.caveats` ({@link caveatTag}) on the
 * notebook's MLflow run, each only when not empty and the notebook is tracked; does nothing
 * otherwise (so an untracked kernel starts no server).
 */
export async function tagSkipped(
  nb: Pick<NotebookRun, "runId" | "mlflow">,
  capability: Capability,
): Promise<void> {
  // MLflow caps a tag value at 8,000 characters; the reasons are a few lines.
  const tags = Object.fromEntries(
    [["ws.skipped", skippedTag(capability)], ["ws.caveats", caveatTag(capability)]]
      .filter(([, v]) => v !== "").map(([k, v]) => [k, v.slice(0, 8000)]),
  );
  if (Object.keys(tags).length === 0 || nb.runId === undefined) return;
  const { client, runId } = await nb.mlflow();
  await client.setTags(runId, tags);
}

/**
 * Returns `frame` when `part` runs, else its first 0 rows (same columns), so a one-line cell
 * passes an empty input to the next call instead of branching.
 */
export function onlyIf(part: Part, frame: pl.DataFrame): pl.DataFrame {
  return part.runs ? frame : frame.head(0);
}
