import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import {
  type BarQuery,
  DataError,
  type DataSource,
  filterBars,
  readBarsCsv,
} from "@lib/data/mod.ts";
import {
  missingRanges,
  readStore,
  readStoredMeta,
  resolveStoreDir,
  storedPaths,
  updateStore,
} from "@lib/data/store.ts";
import { projectPath } from "@lib/paths.ts";

// AAA and BBB, 2024-01-02 .. 2024-01-08 (five sessions each).
const fixture = await readBarsCsv(projectPath("tests", "fixtures", "ohlcv_daily.csv"));
const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);

/** A source over the fixture that records each query and can be made to fail. */
function fakeSource(name = "fake") {
  const calls: string[] = [];
  let failWith: Error | undefined;
  const source: DataSource = {
    name,
    symbols: () => Promise.resolve(["AAA", "BBB"]),
    load(query: BarQuery = {}) {
      calls.push(`${query.symbols?.join(",")} ${query.start ?? "-"}..${query.end ?? "-"}`);
      if (failWith) return Promise.reject(failWith);
      return Promise.resolve(filterBars(fixture, query, name));
    },
  };
  return { source, calls, fail: (e: Error | undefined) => (failWith = e) };
}

const tempStore = () => Deno.makeTempDir({ prefix: "ws-store-" });
const actions = (log: pl.DataFrame) =>
  log.toRecords().map((r) => `${r.symbol} ${r.action} ${r.fetched} ${r.rows_fetched}/${r.rows}`);

Deno.test("updateStore fetches what is missing once; a rerun is served from the store", async () => {
  const storeDir = await tempStore();
  const { source, calls } = fakeSource();
  const options = { storeDir, dataset: "daily", symbols: ["AAA", "BBB"], end: "2024-01-04" };
  const first = await updateStore(source, options);
  assert.deepEqual(actions(first), [
    "AAA fetched first..2024-01-04 3/3",
    "BBB fetched first..2024-01-04 3/3",
  ]);
  const meta = await readStoredMeta(storeDir, "daily", "AAA");
  assert.deepEqual(
    [meta?.start, meta?.end, meta?.first, meta?.last, meta?.rows, meta?.source],
    [null, "2024-01-04", "2024-01-02", "2024-01-04", 3, "fake"],
  );
  calls.length = 0;
  const again = await updateStore(source, options);
  assert.deepEqual(actions(again), ["AAA cached  0/3", "BBB cached  0/3"]);
  assert.deepEqual(calls, [], "no request when the store covers the range");
});

Deno.test("updateStore fetches only the dates after the stored range when the end moves", async () => {
  const storeDir = await tempStore();
  const { source, calls } = fakeSource();
  await updateStore(source, { storeDir, dataset: "daily", symbols: ["AAA"], end: "2024-01-03" });
  calls.length = 0;
  const log = await updateStore(source, {
    storeDir,
    dataset: "daily",
    symbols: ["AAA"],
    end: "2024-01-08",
  });
  assert.deepEqual(calls, ["AAA 2024-01-04..2024-01-08"]);
  assert.deepEqual(actions(log), ["AAA extended 2024-01-04..2024-01-08 3/5"]);
  const stored = readStore(storeDir, "daily", ["AAA"]);
  assert.ok(stored.frameEqual(fixture.filter(pl.col("symbol").eq(pl.lit("AAA")))));
  assert.equal((await readStoredMeta(storeDir, "daily", "AAA"))?.end, "2024-01-08");
});

Deno.test("updateStore fetches the dates before the stored range when the start moves back", async () => {
  const storeDir = await tempStore();
  const { source, calls } = fakeSource();
  const base = { storeDir, dataset: "daily", symbols: ["BBB"], end: "2024-01-08" };
  await updateStore(source, { ...base, start: "2024-01-05" });
  calls.length = 0;
  const log = await updateStore(source, { ...base, start: "2024-01-02" });
  assert.deepEqual(calls, ["BBB 2024-01-02..2024-01-04"]);
  assert.deepEqual(actions(log), ["BBB extended 2024-01-02..2024-01-04 3/5"]);
  assert.deepEqual(
    readStore(storeDir, "daily", ["BBB"]).getColumn("date").toArray().map(iso),
    ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08"],
  );
});

Deno.test("updateStore counts an extension with no new bars as covered, not as an error", async () => {
  const storeDir = await tempStore();
  const { source } = fakeSource();
  const base = { storeDir, dataset: "daily", symbols: ["AAA"] };
  await updateStore(source, { ...base, end: "2024-01-08" });
  const log = await updateStore(source, { ...base, end: "2024-02-01" });
  assert.deepEqual(actions(log), ["AAA extended 2024-01-09..2024-02-01 0/5"]);
  assert.equal((await readStoredMeta(storeDir, "daily", "AAA"))?.end, "2024-02-01");
});

Deno.test("updateStore with refetch asks for the whole range again", async () => {
  const storeDir = await tempStore();
  const { source, calls } = fakeSource();
  const options = { storeDir, dataset: "daily", symbols: ["AAA"] };
  await updateStore(source, options);
  calls.length = 0;
  const log = await updateStore(source, { ...options, refetch: true });
  assert.deepEqual(calls, ["AAA -..-"]);
  assert.deepEqual(actions(log), ["AAA refetched first..last 5/5"]);
});

Deno.test("updateStore leaves stored files untouched when a fetch fails", async () => {
  const storeDir = await tempStore();
  const { source, fail } = fakeSource("vendor");
  const base = { storeDir, dataset: "daily", symbols: ["AAA"] };
  await updateStore(source, { ...base, end: "2024-01-03" });
  const paths = storedPaths(storeDir, "daily", "AAA");
  const before = [await Deno.readFile(paths.parquet), await Deno.readFile(paths.meta)];
  fail(new DataError("vendor", "HTTP 429 Too Many Requests after 3 retries"));
  for (const refetch of [false, true]) {
    await assert.rejects(
      () => updateStore(source, { ...base, end: "2024-01-08", refetch }),
      (e: unknown) =>
        e instanceof DataError && e.origin === "vendor" &&
        /fetching AAA .* failed; stored data kept \(vendor: HTTP 429/.test(e.message),
    );
  }
  assert.deepEqual([await Deno.readFile(paths.parquet), await Deno.readFile(paths.meta)], before);
  assert.deepEqual(
    [...Deno.readDirSync(join(storeDir, "daily"))].map((e) => e.name).sort(),
    ["AAA.json", "AAA.parquet"],
    "no temporary file left behind",
  );
});

Deno.test("updateStore names an unknown ticker and stores nothing for it", async () => {
  const storeDir = await tempStore();
  const { source } = fakeSource("vendor");
  await assert.rejects(
    () => updateStore(source, { storeDir, dataset: "daily", symbols: ["ZZZ"] }),
    /vendor: fetching ZZZ first\.\.last failed; stored data kept \(vendor: unknown symbol\(s\) ZZZ/,
  );
  assert.equal(await readStoredMeta(storeDir, "daily", "ZZZ"), null);
});

Deno.test("updateStore names a stored file that is not Parquet; refetch replaces it", async () => {
  const storeDir = await tempStore();
  const { source } = fakeSource();
  const options = { storeDir, dataset: "daily", symbols: ["AAA"] };
  await updateStore(source, options);
  const { parquet } = storedPaths(storeDir, "daily", "AAA");
  await Deno.writeTextFile(parquet, "symbol,date\nAAA,2024-01-02\n");
  await assert.rejects(
    () => updateStore(source, options),
    (e: unknown) =>
      e instanceof DataError && e.message.startsWith(`${parquet}: cannot read as Parquet`),
  );
  const log = await updateStore(source, { ...options, refetch: true });
  assert.deepEqual(actions(log), ["AAA refetched first..last 5/5"]);
  assert.equal(readStore(storeDir, "daily", ["AAA"]).height, 5);
});

Deno.test("updateStore refetches a symbol whose Parquet file disagrees with its metadata", async () => {
  const storeDir = await tempStore();
  const { source } = fakeSource();
  const options = { storeDir, dataset: "daily", symbols: ["AAA"] };
  await updateStore(source, options);
  const { meta } = storedPaths(storeDir, "daily", "AAA");
  const stale = JSON.parse(await Deno.readTextFile(meta));
  await Deno.writeTextFile(meta, JSON.stringify({ ...stale, rows: 2 }));
  assert.deepEqual(actions(await updateStore(source, options)), ["AAA refetched first..last 5/5"]);
});

Deno.test("readStore filters the date range and names a symbol that was never stored", async () => {
  const storeDir = await tempStore();
  await updateStore(fakeSource().source, { storeDir, dataset: "daily", symbols: ["AAA", "BBB"] });
  const got = readStore(storeDir, "daily", ["BBB", "AAA"], {
    start: "2024-01-04",
    end: "2024-01-05",
  });
  assert.deepEqual(got.getColumn("symbol").toArray(), ["BBB", "BBB", "AAA", "AAA"]);
  assert.throws(
    () => readStore(storeDir, "daily", ["CCC"]),
    new RegExp(`${join(storeDir, "daily", "CCC.parquet")}: file not found`),
  );
});

Deno.test("missingRanges keeps the covered range contiguous and open bounds open", () => {
  const covered = { start: "2020-03-01", end: "2020-06-30" };
  assert.deepEqual(missingRanges({ start: "2020-04-01", end: "2020-05-01" }, covered), []);
  assert.deepEqual(missingRanges({ start: "2020-01-01", end: "2020-12-31" }, covered), [
    { start: "2020-01-01", end: "2020-02-29" },
    { start: "2020-07-01", end: "2020-12-31" },
  ]);
  assert.deepEqual(missingRanges({ start: "2021-01-01", end: "2021-02-01" }, covered), [
    { start: "2020-07-01", end: "2021-02-01" },
  ]);
  assert.deepEqual(missingRanges({}, covered), [
    { start: undefined, end: "2020-02-29" },
    { start: "2020-07-01", end: undefined },
  ]);
  assert.deepEqual(missingRanges({}, { start: null, end: null }), []);
});

Deno.test("resolveStoreDir puts a relative store under dataDir", () => {
  assert.equal(resolveStoreDir("/tmp/run", "store"), "/tmp/run/store");
  assert.equal(resolveStoreDir("/tmp/run", "/srv/bars"), "/srv/bars");
});

Deno.test("updateStore with an open end asks for the dates after the last stored bar", async () => {
  const storeDir = await tempStore();
  // A folder whose files end on 2024-01-04 at first, then gain the 5th and 8th (appended bars).
  let upTo = "2024-01-04";
  const calls: string[] = [];
  const source: DataSource = {
    name: "folder",
    symbols: () => Promise.resolve(["AAA"]),
    load(query: BarQuery = {}) {
      calls.push(`${query.start ?? "-"}..${query.end ?? "-"}`);
      const visible = fixture.filter(pl.col("date").ltEq(pl.lit(new Date(upTo))));
      return Promise.resolve(filterBars(visible, query, "folder"));
    },
  };
  const options = { storeDir, dataset: "daily", symbols: ["AAA"] };
  assert.deepEqual(actions(await updateStore(source, options)), ["AAA fetched first..last 3/3"]);
  const before = await Deno.stat(storedPaths(storeDir, "daily", "AAA").parquet);
  // Nothing new: the dates after the 4th are asked for, none come, the files stay as they were.
  assert.deepEqual(actions(await updateStore(source, options)), [
    "AAA cached 2024-01-05..last 0/3",
  ]);
  const after = await Deno.stat(storedPaths(storeDir, "daily", "AAA").parquet);
  assert.equal(after.mtime?.getTime(), before.mtime?.getTime());
  upTo = "2024-01-08";
  const log = await updateStore(source, options);
  assert.deepEqual(actions(log), ["AAA extended 2024-01-05..last 2/5"]);
  assert.deepEqual(calls, ["-..-", "2024-01-05..-", "2024-01-05..-"]);
  const meta = await readStoredMeta(storeDir, "daily", "AAA");
  assert.deepEqual([meta?.start, meta?.end, meta?.last, meta?.rows], [null, null, "2024-01-08", 5]);
  await Deno.remove(storeDir, { recursive: true });
});
