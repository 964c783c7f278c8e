/**
 * The `constituents` parameter of the training step: a project-relative path to an index
 * constituents CSV (symbol, weight, optional as-of `date`), read and checked when the parameters
 * are parsed, so a missing or malformed file is named before MLflow or a kernel starts.
 * @module
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseConstituentsCsv } from "@lib/data/universe.ts";
import { projectPath } from "@lib/paths.ts";
import type { ProbeResult } from "@lib/runner/pipeline.ts";
import { projectRelativePath } from "./common.ts";

/** Returns what is wrong with the constituents file at project-relative `path`, or undefined. */
function constituentsProblem(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(projectPath(path), "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === "ENOENT" ? "does not exist" : `cannot be read (${(error as Error).message})`;
  }
  try {
    const frame = parseConstituentsCsv(text, path);
    const indexes = frame.getColumn("index").nUnique();
    if (indexes > 1) return `holds ${indexes} indexes; keep one per file`;
  } catch (error) {
    return `is not a constituents file (symbol, weight, optional date): ${
      (error as Error).message
    }`;
  }
  return undefined;
}

/** A constituents file path, checked to exist and to parse. */
export const constituentsFileParam = projectRelativePath.superRefine((value, ctx) => {
  if (!projectRelativePath.safeParse(value).success) return;
  const problem = constituentsProblem(value);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${value}" ${problem}` });
});

/**
 * The probe of the training step: the constituents file's content digest (small), so replacing
 * the file in place reruns the step; no file, nothing to probe.
 */
export function constituentsProbe(params: Record<string, unknown>): Promise<ProbeResult> {
  const given = typeof params.constituents === "string" ? params.constituents : undefined;
  if (given === undefined) {
    return Promise.resolve({ subject: "no constituents file", unit: "file", items: {} });
  }
  const digest = createHash("sha256").update(readFileSync(projectPath(given))).digest("hex")
    .slice(0, 16);
  return Promise.resolve({
    subject: `constituents file ${given}`,
    unit: "file",
    items: { [given]: digest },
  });
}
