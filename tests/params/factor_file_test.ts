import assert from "node:assert/strict";
import { analysisParams } from "@pipelines/params/analysis.ts";
import { backtestParams } from "@pipelines/params/backtest.ts";
import { factorFileParam, factorFileProbe } from "@pipelines/params/factor_file.ts";
import { FF_MONTHLY_PATH } from "@lib/analysis/fama_french.ts";
import { projectPath } from "@lib/paths.ts";

function message(value: unknown): string {
  const result = factorFileParam.safeParse(value);
  assert.equal(result.success, false, `${JSON.stringify(value)} was accepted`);
  return result.error!.issues.map((i) => i.message).join("; ");
}

Deno.test("factorFile is unset by default in the analysis and backtest steps (the bundled file)", () => {
  assert.equal(analysisParams.parse({}).factorFile, undefined);
  assert.equal(backtestParams.parse({}).factorFile, undefined);
  const path = "data/sample/ff_factors_monthly.csv";
  assert.equal(analysisParams.parse({ factorFile: path }).factorFile, path);
  assert.equal(backtestParams.parse({ factorFile: path }).factorFile, path);
});

Deno.test("factorFile names a missing file, a file that is not a factor file and a path outside the project", () => {
  assert.equal(message("data/sample/no_such.csv"), '"data/sample/no_such.csv" does not exist');
  assert.match(
    message("data/sample/ohlcv_daily.csv"),
    /^"data\/sample\/ohlcv_daily.csv" is not a factor file in Ken French's layout: no header row like ,Mkt-RF/,
  );
  // the base schema's message alone: the path is not read
  assert.equal(
    message("/tmp/F-F_Research_Data_Factors.CSV"),
    '"/tmp/F-F_Research_Data_Factors.CSV" must be a path relative to the project folder, not an absolute path',
  );
  assert.match(message("../F-F.csv"), /must stay inside the project folder/);
});

Deno.test("factorFileProbe changes when the factor file's content changes under the same path", async () => {
  const dir = projectPath("data", `probe-test-${crypto.randomUUID()}`);
  Deno.mkdirSync(dir, { recursive: true });
  try {
    const bundled = await factorFileProbe({});
    assert.equal(bundled.subject, "factor file data/sample/ff_factors_monthly.csv");
    assert.deepEqual(await factorFileProbe({}), bundled);
    const file = `${dir}/ff.csv`;
    const relative = file.slice(projectPath().length + 1);
    Deno.writeTextFileSync(file, Deno.readTextFileSync(FF_MONTHLY_PATH));
    const before = await factorFileProbe({ factorFile: relative });
    Deno.writeTextFileSync(
      file,
      Deno.readTextFileSync(FF_MONTHLY_PATH).replace(/\n[^\n]*\n?$/, "\n"),
    );
    const after = await factorFileProbe({ factorFile: relative });
    assert.notDeepEqual(after.items, before.items);
    assert.deepEqual(Object.keys(after.items), [relative]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
