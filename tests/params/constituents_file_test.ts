import assert from "node:assert/strict";
import { trainingParams } from "@pipelines/params/training.ts";
import { constituentsFileParam, constituentsProbe } from "@pipelines/params/constituents_file.ts";
import { projectPath } from "@lib/paths.ts";
import { pipelineArgs } from "@pipelines/task_args.ts";

function message(value: unknown): string {
  const result = constituentsFileParam.safeParse(value);
  assert.equal(result.success, false, `${JSON.stringify(value)} was accepted`);
  return result.error!.issues.map((i) => i.message).join("; ");
}

/** Writes `files` into a fresh folder under the project; returns project-relative paths. */
function fixture(files: Record<string, string>): { paths: Record<string, string>; dir: string } {
  const dir = projectPath(".cache", `constituents-test-${crypto.randomUUID()}`);
  Deno.mkdirSync(dir, { recursive: true });
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    Deno.writeTextFileSync(`${dir}/${name}`, text);
    paths[name] = `${dir}/${name}`.slice(projectPath().length + 1);
  }
  return { paths, dir };
}

Deno.test("constituents is unset by default (the close x volume proxy) and minIndexCoverage 0.5", () => {
  const p = trainingParams.parse({});
  assert.equal(p.constituents, undefined);
  assert.equal(p.minIndexCoverage, 0.5);
  assert.throws(() => trainingParams.parse({ minIndexCoverage: 1.5 }));
});

Deno.test("constituents names a missing file, the problem and its line, and paths outside the project", () => {
  const { paths, dir } = fixture({
    "good.csv": "symbol,weight,date\nAAPL,3,2020-01-02\nMSFT,1,2020-01-02\n",
    "weight.csv": "symbol,weight\nAAPL,3\nMSFT,heavy\n",
    "date.csv": "symbol,weight,as_of\nAAPL,3,2020-02-30\n",
    "twice.csv": "symbol,weight\nAAPL,3\nAAPL,1\n",
    "two.csv": "index,symbol,weight\nSPX,AAPL,1\nNDX,MSFT,1\n",
    "columns.csv": "ticker,weight\nAAPL,1\n",
  });
  try {
    assert.equal(
      trainingParams.parse({ constituents: paths["good.csv"] }).constituents,
      paths["good.csv"],
    );
    assert.equal(message(".cache/no_such.csv"), '".cache/no_such.csv" does not exist');
    assert.match(
      message(paths["weight.csv"]),
      /weight\.csv" is not a constituents file .*weight must be a number >= 0 with a symbol \(line 3\)/,
    );
    assert.match(message(paths["date.csv"]), /as_of must be a date YYYY-MM-DD \(line 2\)/);
    assert.match(message(paths["twice.csv"]), /"AAPL" is listed twice/);
    assert.match(message(paths["two.csv"]), /two\.csv" holds 2 indexes; keep one per file/);
    assert.match(message(paths["columns.csv"]), /missing column\(s\) symbol; found ticker, weight/);
    assert.match(message("/tmp/c.csv"), /must be a path relative to the project folder/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a bad constituents file stops the pipeline before MLflow or a kernel starts", async () => {
  const { paths, dir } = fixture({ "bad.csv": "symbol,weight\nAAPL,-2\n" });
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: pipelineArgs("--from", "training", "--param", `constituents=${paths["bad.csv"]}`),
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.notEqual(out.code, 0);
    assert.match(
      text,
      /training\.constituents: ".*bad\.csv" is not a constituents file .*\(line 2\)/,
    );
    assert.doesNotMatch(text, /MLflow: starting|notebooks\/04/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("constituentsProbe follows the file's content; no file, no items", async () => {
  assert.deepEqual((await constituentsProbe({})).items, {});
  const { paths, dir } = fixture({ "c.csv": "symbol,weight\nAAPL,1\n" });
  try {
    const before = await constituentsProbe({ constituents: paths["c.csv"] });
    Deno.writeTextFileSync(projectPath(paths["c.csv"]), "symbol,weight\nAAPL,2\n");
    const after = await constituentsProbe({ constituents: paths["c.csv"] });
    assert.notDeepEqual(after.items, before.items);
    assert.deepEqual(Object.keys(after.items), [paths["c.csv"]]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
