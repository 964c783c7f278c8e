import assert from "node:assert/strict";
import {
  commonParams,
  isoDate,
  projectRelativePath,
  tickerSymbol,
} from "@pipelines/params/common.ts";

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

Deno.test("commonParams holds only dataDir and seed, with the path rule on dataDir", () => {
  assert.deepEqual(commonParams.parse({}), { dataDir: "data/work", seed: 42 });
  assert.match(message(commonParams, { dataDir: "/etc" }), /not an absolute path/);
  assert.equal(commonParams.safeParse({ symbols: ["AAPL"] }).success, true, "extra keys pass here");
});

Deno.test("isoDate accepts calendar dates, leap days of leap years included", () => {
  for (const ok of ["2024-02-29", "2000-02-29", "2021-12-31", "1999-01-01"]) {
    assert.equal(isoDate.parse(ok), ok);
  }
});

Deno.test("isoDate refuses a month or day the calendar lacks, and other layouts", () => {
  assert.match(message(isoDate, "2020-13-45"), /"2020-13-45" is not a calendar date/);
  assert.match(message(isoDate, "2021-02-29"), /"2021-02-29" is not a calendar date/);
  assert.match(message(isoDate, "1900-02-29"), /not a calendar date/);
  assert.match(message(isoDate, "2021-04-31"), /not a calendar date/);
  assert.match(message(isoDate, "2021-00-10"), /not a calendar date/);
  assert.match(message(isoDate, "2021-1-5"), /expected a date as YYYY-MM-DD/);
  assert.match(message(isoDate, "2021-01-05T00:00"), /expected a date as YYYY-MM-DD/);
});
