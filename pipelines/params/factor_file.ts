/**
 * The `factorFile` parameter of the steps that regress on Fama-French factors (analysis,
 * backtest): a project-relative path to a CSV in Ken French's layout or the bundled decimal one,
 * read and checked when the parameters are parsed, so a missing or malformed file is named
 * before MLflow or a kernel starts.
 * @module
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseFactorCsv } from "@lib/analysis/french_csv.ts";
import { projectPath } from "@lib/paths.ts";
import { FF_MONTHLY_PATH } from "@lib/analysis/fama_french.ts";
import type { ProbeResult } from "@lib/runner/pipeline.ts";
import { projectRelativePath } from "./common.ts";

/** Returns what is wrong with the factor file at project-relative `path`, or undefined. */
function factorFileProblem(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(projectPath(path), "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === "ENOENT" ? "does not exist" : `cannot be read (${(error as Error).message})`;
  }
  try {
    parseFactorCsv(text);
  } catch (error) {
    return `is not a factor file in Ken French's layout: ${(error as Error).message}`;
  }
  return undefined;
}

/** A factor file path, checked to exist and to parse as a factor file. */
export const factorFileParam = projectRelativePath.superRefine((value, ctx) => {
  // A path the base schema refuses (absolute, "..") is not read: its own message says why.
  if (!projectRelativePath.safeParse(value).success) return;
  const problem = factorFileProblem(value);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${value}" ${problem}` });
});

/**
 * The probe of the steps that read a factor file: its content digest (the file is small), so a
 * rerun after the file was replaced in place, under the same path, reruns the step. Unset reads
 * the bundled file.
 */
export function factorFileProbe(params: Record<string, unknown>): Promise<ProbeResult> {
  const given = typeof params.factorFile === "string" ? params.factorFile : undefined;
  const path = given === undefined ? FF_MONTHLY_PATH : projectPath(given);
  const digest = createHash("sha256").update(readFileSync(path)).digest("hex").slice(0, 16);
  return Promise.resolve({
    subject: `factor file ${given ?? "data/sample/ff_factors_monthly.csv"}`,
    unit: "file",
    items: { [given ?? "data/sample/ff_factors_monthly.csv"]: digest },
  });
}
