import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkStructure } from "../../pipelines/structure/check.ts";
import { FINDING_KINDS, formatReport } from "../../pipelines/structure/findings.ts";
import { readSnapshot } from "../../pipelines/structure/snapshot.ts";

const REPOSITORY = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const SUMMARY =
  /^structure: \d+ file cycles, \d+ area cycles, \d+ lib files over 500 lines, \d+ comments citing files outside the repository, \d+ notebook cells with logic, \d+ arrays spread into push, Math\.max and the like in lib code, \d+ lists stacked with pl\.concat in lib code, \d+ mod\.ts files with export \*, \d+ modules neither re-exported nor @internal(, \d+ unresolved imports)? \(\d+ lib files\)$/;

/** A scratch repository holding `files` (path -> text) and an empty deno.json. */
function scratchRepository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "structure-"));
  for (const [path, text] of Object.entries({ "deno.json": "{}\n", ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

Deno.test("the check on a scratch repository finds a cycle made by a type-only import", async () => {
  const root = scratchRepository({
    "lib/a/x.ts": 'import type { Y } from "../b/y.ts";\nexport type X = { y?: Y };\n',
    "lib/b/y.ts": 'import { x } from "./z.ts";\nexport type Y = number;\nexport const yx = x;\n',
    "lib/b/z.ts": 'import type { X } from "../a/x.ts";\nexport const x: X = {};\n',
  });
  try {
    const report = checkStructure(await readSnapshot(root));
    assert.deepEqual(report.findings.map((f) => [f.kind, f.message]), [
      ["file cycle", "lib/a/x.ts, lib/b/y.ts, lib/b/z.ts"],
      ["area cycle", "lib/a, lib/b"],
    ]);
    assert.equal(report.libFiles, 3);
  } finally {
    rmSync(root, { recursive: true });
  }
});

Deno.test("the check on a clean scratch repository has no findings and exits 0", async () => {
  const root = scratchRepository({
    "lib/a/mod.ts": '/** A. @module */\nexport { x } from "./x.ts";\n',
    "lib/a/x.ts": 'import { t } from "../table.ts";\n/** X. */\nexport const x = t;\n',
    "lib/table.ts": "/** T. */\nexport const t = 1;\n",
    "notebooks/01_a.ipynb": JSON.stringify({ cells: [{ cell_type: "code", source: ["x;"] }] }),
  });
  try {
    const cli = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-read",
        "--allow-run",
        join(REPOSITORY, "pipelines/check_structure.ts"),
        root,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const out = new TextDecoder().decode(cli.stdout);
    assert.equal(cli.code, 0, out + new TextDecoder().decode(cli.stderr));
    assert.match(
      out,
      /^structure: 0 file cycles, 0 area cycles, 0 lib files over 500 lines, .*\(3 lib files\) in \d+\.\d s\n$/,
    );
  } finally {
    rmSync(root, { recursive: true });
  }
});

// The repository is not asserted clean here: the cycles are being cut on other branches.
Deno.test("the check on this repository reports its findings in the report format", async () => {
  const report = checkStructure(await readSnapshot(REPOSITORY));
  assert.ok(report.libFiles > 100, `only ${report.libFiles} lib files found`);
  const lines = formatReport(report).split("\n");
  assert.match(lines.at(-1)!, SUMMARY);
  const heads = lines.slice(0, -1).filter((line) => !line.startsWith("  "));
  assert.equal(heads.length, report.findings.length);
  const kinds = new RegExp(`^(${FINDING_KINDS.join("|")}): \\S`);
  for (const line of heads) assert.match(line, kinds);
  assert.ok(
    report.findings.every((f) => f.kind !== "unresolved import"),
    "deno info could not resolve some lib imports",
  );
});

Deno.test("the check task fails with exit 1 exactly when the report has findings", async () => {
  const report = checkStructure(await readSnapshot(REPOSITORY));
  const cli = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-run", join(REPOSITORY, "pipelines/check_structure.ts")],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(cli.code, report.findings.length > 0 ? 1 : 0);
  const out = new TextDecoder().decode(cli.stdout).trimEnd().split("\n");
  assert.equal(out.at(-1)!.replace(/ in \d+\.\d s$/, ""), formatReport(report).split("\n").at(-1));
});

Deno.test("the check on a scratch repository fails on a spread into push in lib code, naming the line", async () => {
  const root = scratchRepository({
    "lib/a.ts": "/** A. */\nexport function a(out: number[], rows: number[]): void {\n" +
      "  out.push(...rows);\n}\n",
  });
  try {
    const report = checkStructure(await readSnapshot(root));
    assert.deepEqual(report.findings.map((f) => f.kind), ["spread call"]);
    assert.match(
      report.findings[0].message,
      /^lib\/a\.ts:3 spreads an array into \.push\(\.\.\.\)/,
    );
  } finally {
    rmSync(root, { recursive: true });
  }
});
