/**
 * The `factorFile` parameter of the steps that regress on Fama-French factors (analysis,
 * backtest): a project-relative path to a CSV in Ken French's layout or the bundled decimal one,
 * read and checked when the parameters are parsed, so a missing or malformed file is named
 * before MLflow or a kernel starts.
 * @module
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseFactorCsv } from "@lib/analysis/french_csv.ts";
import { projectPath } from "@lib/paths.ts";
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
