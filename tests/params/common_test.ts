import assert from "node:assert/strict";
import { commonParams, projectRelativePath, tickerSymbol } from "@pipelines/params/common.ts";

function message(
  schema: {
    safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } };
  },
  value: unknown,
): string {
  const result = schema.safeParse(value);
  assert.equal(result.success, false, `${JSON.stringify(value)} was accepted`);
  return result.error!.issues[0].message;
}

Deno.test("projectRelativePath accepts folders inside the project", () => {
  for (const ok of ["data/work", ".cache/tests/x", "data/work/run-1", "a..b"]) {
    assert.equal(projectRelativePath.parse(ok), ok);
  }
});

Deno.test("projectRelativePath refuses absolute paths, .. segments and control characters", () => {
  assert.match(
    message(projectRelativePath, "/tmp/x"),
    /"\/tmp\/x" must be a path relative to the project folder/,
  );
  assert.match(message(projectRelativePath, "C:\\data"), /not an absolute path/);
  assert.match(
    message(projectRelativePath, "../outside"),
    /must stay inside the project folder \(no "\.\." segment\)/,
  );
  assert.match(message(projectRelativePath, "data/../../x"), /no "\.\." segment/);
  assert.match(message(projectRelativePath, "data\\..\\x"), /no "\.\." segment/);
  assert.match(message(projectRelativePath, "data/\u0000x"), /contains a control character/);
  assert.match(message(projectRelativePath, "data/x\n"), /contains a control character/);
});

Deno.test("tickerSymbol accepts real tickers and refuses anything path-like", () => {
  for (const ok of ["AAPL", "^GSPC", "BRK.B", "EURUSD=X", "RDS-A", "a1"]) {
    assert.equal(tickerSymbol.parse(ok), ok);
  }
  for (
    const bad of ["../etc", "a/b", "a\\b", "..", ".hidden", "", "A B", "x\u0007", "A".repeat(21)]
  ) {
    message(tickerSymbol, bad);
  }
  assert.match(message(tickerSymbol, "A..B"), /cannot contain "\.\."/);
});

Deno.test("commonParams applies the path and ticker rules to dataDir and symbols", () => {
  assert.deepEqual(commonParams.parse({}).dataDir, "data/work");
  assert.match(message(commonParams, { dataDir: "/etc" }), /not an absolute path/);
  assert.match(message(commonParams, { symbols: ["AAPL", "../x"] }), /expected a ticker symbol/);
});
