import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import {
  DataError,
  parseBarsCsv,
  readParquetFile,
  writeFileAtomic,
  writeParquetAtomic,
} from "@lib/data/mod.ts";

const bars = parseBarsCsv(
  "symbol,date,open,high,low,close,volume\nA,2024-01-02,10,11,9,10,100\nB,2024-01-03,5,6,4,5,1\n",
  "t.csv",
);

Deno.test("writeParquetAtomic then readParquetFile round-trips values and types", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "nested", "daily.parquet");
  await writeParquetAtomic(bars, path);
  const back = readParquetFile(path);
  assert.ok(back.frameEqual(bars));
  assert.deepEqual(Object.keys(back.schema), bars.columns);
  assert.ok(back.schema.date.equals(pl.Date));
  assert.deepEqual([...Deno.readDirSync(join(dir, "nested"))].map((e) => e.name), [
    "daily.parquet",
  ]);
});

Deno.test("writeFileAtomic leaves the previous file intact when the write fails", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "daily.parquet");
  await writeParquetAtomic(bars, path);
  const before = await Deno.readFile(path);
  await assert.rejects(
    () =>
      writeFileAtomic(path, async (temp) => {
        await Deno.writeTextFile(temp, "half a file");
        throw new Error("disk full");
      }),
    (e: unknown) =>
      e instanceof DataError && e.origin === path &&
      /previous file kept.*disk full/.test(e.message),
  );
  assert.deepEqual(await Deno.readFile(path), before);
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["daily.parquet"]);
  assert.ok(readParquetFile(path).frameEqual(bars));
});

Deno.test("writeFileAtomic replaces the file only after the write completes", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "out.txt");
  await Deno.writeTextFile(path, "old");
  await writeFileAtomic(path, async (temp) => {
    await Deno.writeTextFile(temp, "new");
    assert.equal(await Deno.readTextFile(path), "old");
  });
  assert.equal(await Deno.readTextFile(path), "new");
});

Deno.test("readParquetFile names a missing file", () => {
  assert.throws(
    () => readParquetFile("/nonexistent/panel/daily.parquet"),
    (e: unknown) =>
      e instanceof DataError &&
      e.message.startsWith("/nonexistent/panel/daily.parquet: file not found"),
  );
});

Deno.test("readParquetFile names a file that is not Parquet", async () => {
  const path = join(await Deno.makeTempDir(), "bad.parquet");
  await Deno.writeTextFile(path, "not parquet");
  assert.throws(() => readParquetFile(path), new RegExp(`${path}: cannot read as Parquet`));
});
