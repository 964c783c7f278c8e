/**
 * The README's examples do what they say: every `deno task pipeline ...` (or `./ws pipeline ...`)
 * command line in README.md and in `--help` is parsed with the CLI's own parser and planned with
 * the real research pipeline, and what it claims to restrict (steps, symbols, dates) is what the
 * plan restricts.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { planRun, type RunPlan } from "@lib/runner/plan.ts";
import type { RunRecord } from "@lib/reports/mod.ts";
import { projectPath } from "@lib/paths.ts";
import { research } from "@pipelines/research.ts";
import { helpText, parseRunArgs } from "@pipelines/run_args.ts";

/**
 * The corrected README examples, checked here before the README carries them: step 01 and the
 * steps after it on two symbols (the old `--steps features,labeling --param symbols=...` set a
 * value no selected step read), and a date window over the whole pipeline.
 */
const CORRECTED = [
  "deno task pipeline --to labeling --param symbols=AAPL,MSFT",
  "deno task pipeline --param symbols=AAPL,MSFT --param start=2015-01-01 --param end=2019-12-31",
];

/**
 * README examples known to be refused until the README takes the corrected text; each entry must
 * still be in the README (so this list empties itself as the README is fixed).
 */

/**
 * Every pipeline command line in a Markdown text: code spans (which may wrap across lines), and
 * lines of code blocks.
 */
function commandLines(markdown: string): string[] {
  const found: string[] = [];
  const command = /^(?:deno task pipeline|\.\/ws pipeline)(?:\s|$)/;
  const prose: string[] = [];
  let inBlock = false;
  for (const line of markdown.split("\n")) {
    if (line.trimStart().startsWith("```")) {
      inBlock = !inBlock;
      prose.push("");
    } else if (inBlock) {
      const text = line.replace(/\s+#.*$/, "").trim();
      if (command.test(text)) found.push(text);
      prose.push("");
    } else {
      prose.push(line);
    }
  }
  for (const span of prose.join("\n").matchAll(/`([^`]+)`/g)) {
    const text = span[1].replace(/\s+/g, " ").trim();
    if (command.test(text)) found.push(text);
  }
  return found;
}

/** Splits a command line into words as a POSIX shell does for these examples (quotes only). */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** A failed run of every step, for planning `--resume` without a reports folder. */
const FAILED_RUN: RunRecord = {
  key: "20260101-000000-abcd",
  pipeline: "research",
  startedAt: "2026-01-01T00:00:00.000Z",
  status: "failed",
  overrides: {},
  steps: research.steps.map((s, i) => ({
    name: s.name,
    notebook: s.notebook,
    status: i === 0 ? "failed" : "not run",
    seconds: 0,
    metrics: {},
  })),
};

/** Plans a command line as `deno task pipeline` does (undefined for `--help` and `--list`). */
/** The outermost folder of `path` that does not exist yet (what `mkdir -p` would create first). */
function topmostMissing(path: string): string {
  let dir = path;
  while (!existsSync(dirname(dir))) dir = dirname(dir);
  return dir;
}

function planLine(line: string): RunPlan | undefined {
  const args = words(line).slice(line.startsWith("./ws") ? 2 : 3);
  const cli = parseRunArgs(args);
  if (cli.help || cli.list) return undefined;
  const resume = cli.resume ? FAILED_RUN : undefined;
  // A folder an example points at is the reader's own (the schema checks that it exists): plan
  // with a stand-in in its place (placeholder CSVs), under the git-ignored data/ folder, and
  // remove it after.
  const folders = args.flatMap((a) => /^(?:acquisition\.)?sourceDir=(data\/.+)$/.exec(a)?.[1] ?? [])
    .map((dir) => projectPath(dir)).filter((dir) => !existsSync(dir));
  const created = folders.map(topmostMissing);
  // The stand-in holds the symbols the line asks for (AAPL when none) and the benchmark.
  const asked = args.flatMap((a) =>
    /^(?:acquisition\.)?symbols=(.+)$/.exec(a)?.[1].split(",") ?? []
  );
  for (const dir of folders) {
    mkdirSync(dir, { recursive: true });
    for (const symbol of [...(asked.length > 0 ? asked : ["AAPL"]), "^GSPC"]) {
      writeFileSync(join(dir, `${symbol}.csv`), "Date,Open,High,Low,Close,Adj Close,Volume\n");
    }
  }
  try {
    return planRun(cli.pipeline, { ...cli.selection, params: cli.params, resume });
  } finally {
    for (const dir of created) rmSync(dir, { recursive: true, force: true });
  }
}

/** Checks that the plan restricts what the command line says: steps, symbols and dates. */
function assertDoesWhatItSays(line: string, plan: RunPlan): void {
  const args = words(line);
  const value = (flag: string) => args[args.indexOf(flag) + 1];
  const names = plan.steps.map((s) => s.name);
  if (args.includes("--steps")) assert.deepEqual(names, value("--steps").split(","), line);
  if (args.includes("--from")) assert.equal(names[0], value("--from"), line);
  if (args.includes("--to")) assert.equal(names.at(-1), value("--to"), line);
  const acquisition = plan.resolved.get("acquisition")!;
  for (const arg of args.filter((a) => /^(acquisition\.)?(symbols|start|end)=/.test(a))) {
    const [name, raw] = arg.replace(/^acquisition\./, "").split("=");
    assert.ok(names.includes("acquisition"), `${line}: ${name} needs step 01 in the run`);
    const expected = name === "symbols" ? raw.split(",") : raw;
    assert.deepEqual(acquisition[name], expected, `${line}: ${name}`);
  }
}

const readme = Deno.readTextFileSync(projectPath("README.md"));

Deno.test("commandLines finds code spans and code-block lines, without trailing comments", () => {
  const text = [
    "Run `deno task pipeline --from training` or `deno task ui`, or `deno task pipeline",
    "--to labeling`.",
    "```sh",
    "./ws pipeline   # everything",
    "deno task report",
    "```",
  ].join("\n");
  assert.deepEqual(commandLines(text), [
    "./ws pipeline",
    "deno task pipeline --from training",
    "deno task pipeline --to labeling",
  ]);
  assert.deepEqual(words(`a --param 'x={"k": 1}' b`), ["a", "--param", 'x={"k": 1}', "b"]);
});

Deno.test("the README has pipeline examples to check", () => {
  assert.ok(commandLines(readme).length >= 5, commandLines(readme).join("\n"));
});

for (const line of [...new Set([...commandLines(readme), ...CORRECTED])]) {
  Deno.test(`README example plans and does what it says: ${line}`, () => {
    const plan = planLine(line);
    if (plan) assertDoesWhatItSays(line, plan);
  });
}

const helpExamples = helpText().split("\n").map((l) => l.trim())
  .filter((l) => l.startsWith("deno task pipeline"));

Deno.test("--help has examples to check", () => {
  assert.ok(helpExamples.length >= 3, helpExamples.join("\n"));
});

for (const line of helpExamples) {
  Deno.test(`--help example plans and does what it says: ${line}`, () => {
    const plan = planLine(line);
    if (plan) assertDoesWhatItSays(line, plan);
  });
}

Deno.test("the README's refused example is refused with the reason it gives", () => {
  const example = "--steps features,labeling --param symbols=AAPL,MSFT";
  assert.ok(readme.includes(`\`${example}\` stops with`), "the README no longer gives the example");
  assert.throws(
    () => planLine(`deno task pipeline ${example}`),
    /--param symbols: belongs to step 01 \(acquisition\).*rerun with --from acquisition/,
  );
});
