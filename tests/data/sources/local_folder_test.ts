import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { BAR_COLUMNS, DataError } from "@lib/data/mod.ts";
import { INTRADAY_COLUMNS } from "@lib/data/source.ts";
import { localFolderSource } from "@lib/data/sources/local_folder.ts";

const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);
const quiet = { progress: { silent: true } };

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const [name, text] of Object.entries(files)) await Deno.writeTextFile(join(dir, name), text);
  return dir;
}

Deno.test("localFolderSource reads per-symbol CSV exports and a Parquet file with a symbol column", async () => {
  const dir = await folder({
    "AAPL.csv":
      "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,74.06,75.15,73.80,75.09,72.27,135480400\n",
  });
  pl.DataFrame({
    symbol: ["MSFT", "MSFT"],
    date: [new Date("2020-01-02"), new Date("2020-01-03")],
    open: [158.78, 158.32],
    high: [160.73, 159.95],
    low: [158.33, 158.06],
    close: [160.62, 158.62],
    volume: [22622100, 21116200],
  }).withColumns(pl.col("date").cast(pl.Date)).writeParquet(join(dir, "more.parquet"));
  const source = localFolderSource({ dir, ...quiet });
  assert.deepEqual(await source.symbols(), ["AAPL", "MSFT"]);
  const bars = await source.load({});
  assert.deepEqual(bars.columns, [...BAR_COLUMNS]);
  assert.ok(bars.schema.date.equals(pl.Date) && bars.schema.volume.equals(pl.Float64));
  assert.deepEqual(bars.getColumn("symbol").toArray(), ["AAPL", "MSFT", "MSFT"]);
  assert.deepEqual(bars.getColumn("date").toArray().map(iso), [
    "2020-01-02",
    "2020-01-02",
    "2020-01-03",
  ]);
  const adjusted = await source.load({ symbols: ["AAPL"], adjusted: true });
  assert.ok(Math.abs((adjusted.getColumn("close").get(0) as number) - 72.27) < 1e-9);
  assert.ok(Math.abs((adjusted.getColumn("open").get(0) as number) - 74.06 * 72.27 / 75.09) < 1e-9);
});

Deno.test("localFolderSource names a file that is not Parquet", async () => {
  const dir = await folder({
    "AAPL.csv": "date,open,high,low,close,volume\n2020-01-02,1,1,1,1,1\n",
    "bad.parquet": "not parquet",
  });
  await assert.rejects(
    () => localFolderSource({ dir, ...quiet }).load({}),
    (e: unknown) =>
      e instanceof DataError && e.origin === join(dir, "bad.parquet") &&
      /cannot read as Parquet/.test(e.message),
  );
});

Deno.test("localFolderSource names malformed CSV and a missing column with the file", async () => {
  const malformed = await folder({
    "X.csv": 'date,open,high,low,close,volume\n2020-01-02,"1,1,1,1,1\n',
  });
  await assert.rejects(
    () => localFolderSource({ dir: malformed, ...quiet }).load({}),
    (e: unknown) =>
      e instanceof DataError && e.origin === join(malformed, "X.csv") &&
      /cannot parse as CSV/.test(e.message),
  );
  const missing = await folder({ "X.csv": "date,open,high,low,close\n2020-01-02,1,1,1,1\n" });
  await assert.rejects(
    () => localFolderSource({ dir: missing, ...quiet }).load({}),
    (e: unknown) =>
      e instanceof DataError &&
      e.message ===
        `${
          join(missing, "X.csv")
        }: missing column(s) "volume"; found "date", "open", "high", "low", "close"`,
  );
});

Deno.test("localFolderSource names an unknown symbol and asks for adj close when adjusting", async () => {
  const dir = await folder({
    "AAPL.csv": "date,open,high,low,close,volume\n2020-01-02,1,1,1,1,1\n",
  });
  const source = localFolderSource({ dir, ...quiet });
  await assert.rejects(
    () => source.load({ symbols: ["NOPE"] }),
    new RegExp(`local ${dir}: unknown symbol\\(s\\) NOPE; available \\(1\\): AAPL`),
  );
  await assert.rejects(
    () => source.load({ adjusted: true }),
    /missing column\(s\) "adj_close" \(adjusted prices need an adjusted-close column\)/,
  );
});

Deno.test("localFolderSource reads one-minute bars from a datetime column", async () => {
  const dir = await folder({
    "AAPL.csv":
      "datetime,open,high,low,close,volume\n2024-01-02T09:30:00-05:00,187.15,187.34,185.8,186.01,3361230\n2024-01-02 14:31:00,186,186.12,185.81,185.92,617815\n",
  });
  const bars = await localFolderSource({ dir, ...quiet }).load({ interval: "1m" });
  assert.deepEqual(bars.columns, [...INTRADAY_COLUMNS]);
  const times = bars.getColumn("datetime").toArray() as unknown as Date[];
  assert.deepEqual(times.map((t) => t.toISOString()), [
    "2024-01-02T14:30:00.000Z",
    "2024-01-02T14:31:00.000Z",
  ]);
  assert.deepEqual(bars.getColumn("date").toArray().map(iso), ["2024-01-02", "2024-01-02"]);
});

Deno.test("localFolderSource names an empty or missing folder", async () => {
  const empty = await Deno.makeTempDir();
  await assert.rejects(
    () => localFolderSource({ dir: empty, ...quiet }).load({}),
    /no \.csv or \.parquet files in the folder/,
  );
  await assert.rejects(
    () => localFolderSource({ dir: "/nonexistent/bars", ...quiet }).load({}),
    /\/nonexistent\/bars: cannot read folder/,
  );
});
