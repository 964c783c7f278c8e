import assert from "node:assert/strict";
import { join } from "node:path";
import { sourceFreshness } from "@lib/data/sources.ts";
import { lastCompletedSession, sessionFreshness } from "@lib/data/sources/freshness.ts";
import { projectPath } from "@lib/paths.ts";

// Folder sources take project-relative folders, so the scratch folder lives in the project.
async function scratch(): Promise<{ dir: string; rel: string }> {
  const rel = `.cache/tests/freshness-${crypto.randomUUID().slice(0, 8)}`;
  await Deno.mkdir(projectPath(rel), { recursive: true });
  return { dir: projectPath(rel), rel };
}

Deno.test("a local folder's probe follows the files' sizes and times, not their contents", async () => {
  const { dir, rel } = await scratch();
  await Deno.writeTextFile(join(dir, "AAA.csv"), "Date,Close\n2024-01-02,1\n");
  await Deno.writeTextFile(join(dir, "BBB.csv"), "Date,Close\n2024-01-02,2\n");
  await Deno.writeTextFile(join(dir, "notes.txt"), "not read by the source");
  const first = await sourceFreshness("local", { sourceDir: rel }, {});
  assert.equal(first.subject, `local folder ${rel}`);
  assert.deepEqual(Object.keys(first.items), ["AAA.csv", "BBB.csv"]);
  assert.match(first.items["AAA.csv"], /^24 bytes, modified \d{4}-\d\d-\d\dT/);
  assert.deepEqual(await sourceFreshness("local", { sourceDir: rel }, {}), first);

  // An appended bar changes the size (and time) of that file only.
  await Deno.writeTextFile(join(dir, "AAA.csv"), "2024-01-03,1.5\n", { append: true });
  const second = await sourceFreshness("local", { sourceDir: rel }, {});
  assert.match(second.items["AAA.csv"], /^39 bytes/);
  assert.equal(second.items["BBB.csv"], first.items["BBB.csv"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a missing folder is a probe error naming it", async () => {
  await assert.rejects(
    () => sourceFreshness("local", { sourceDir: ".cache/tests/no-such-folder" }, {}),
    /no-such-folder.*cannot read folder/,
  );
});

Deno.test("Polygon flat files are probed within the query's dates", async () => {
  const { dir, rel } = await scratch();
  const day = join(dir, "us_stocks_sip", "day_aggs_v1", "2024", "01");
  await Deno.mkdir(day, { recursive: true });
  for (const date of ["2024-01-02", "2024-01-03", "2024-01-04"]) {
    await Deno.writeTextFile(join(day, `${date}.csv.gz`), "x");
  }
  const probe = await sourceFreshness("polygon-flat", { sourceDir: rel }, { start: "2024-01-03" });
  assert.equal(probe.subject, `polygon-flat folder ${rel}`);
  assert.deepEqual(Object.keys(probe.items), [
    "us_stocks_sip/day_aggs_v1/2024/01/2024-01-03.csv.gz",
    "us_stocks_sip/day_aggs_v1/2024/01/2024-01-04.csv.gz",
  ]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the sample is probed by its two files", async () => {
  const probe = await sourceFreshness("sample", {}, {});
  assert.equal(probe.subject, "sample data/sample");
  assert.deepEqual(Object.keys(probe.items), ["ohlcv_daily.csv", "benchmark_daily.csv"]);
});

Deno.test("the latest completed session waits for 18:00 New York and skips weekends", () => {
  // 2026-11-27 is a Friday; New York is UTC-5 in winter.
  assert.equal(lastCompletedSession(new Date("2026-11-27T22:59:00Z")), "2026-11-26");
  assert.equal(lastCompletedSession(new Date("2026-11-27T23:00:00Z")), "2026-11-27");
  assert.equal(lastCompletedSession(new Date("2026-11-29T20:00:00Z")), "2026-11-27");
  // 01:00 UTC on Saturday is still Friday evening in New York.
  assert.equal(lastCompletedSession(new Date("2026-11-28T01:00:00Z")), "2026-11-27");
  // Summer time (UTC-4): 18:00 New York is 22:00 UTC.
  assert.equal(lastCompletedSession(new Date("2026-07-01T21:59:00Z")), "2026-06-30");
  assert.equal(lastCompletedSession(new Date("2026-07-01T22:00:00Z")), "2026-07-01");
});

Deno.test("network sources: an open end follows the session, a past end never changes", async () => {
  const now = new Date("2026-12-02T00:00:00Z");
  assert.deepEqual(sessionFreshness("yahoo", {}, now), {
    subject: "yahoo (open end)",
    unit: "session",
    items: { session: "2026-12-01" },
  });
  // An end not reached yet is still open: the next session may bring bars.
  assert.deepEqual(sessionFreshness("yahoo", { end: "2026-12-31" }, now).items, {
    session: "2026-12-01",
  });
  assert.deepEqual(sessionFreshness("yahoo", { end: "2024-12-31" }, now).items, {
    end: "2024-12-31",
  });
  const replay = await sourceFreshness("polygon", { sourceUrl: "http://127.0.0.1:9/" }, {});
  assert.equal(replay.subject, "polygon http://127.0.0.1:9/ (open end)");
  assert.match(replay.items.session, /^\d{4}-\d\d-\d\d$/);
});
