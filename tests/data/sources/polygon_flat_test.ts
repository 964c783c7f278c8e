import assert from "node:assert/strict";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import pl from "nodejs-polars";
import { BAR_COLUMNS, DataError } from "@lib/data/mod.ts";
import { INTRADAY_COLUMNS } from "@lib/data/source.ts";
import {
  listFlatFiles,
  parsePolygonFlatCsv,
  polygonFlatSource,
} from "@lib/data/sources/polygon_flat.ts";
import { fixture } from "./replay_server.ts";

const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);

/** A download root laid out as Polygon's S3 bucket: us_stocks_sip/<dataset>/YYYY/MM/<date>.csv.gz. */
async function downloadRoot(): Promise<string> {
  const root = await Deno.makeTempDir();
  const put = async (dataset: string, date: string, name: string) => {
    const dir = join(root, "us_stocks_sip", dataset, date.slice(0, 4), date.slice(5, 7));
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeFile(join(dir, `${date}.csv.gz`), gzipSync(fixture("polygon_flat", name)));
  };
  await put("day_aggs_v1", "2024-01-02", "2024-01-02_day.csv");
  await put("day_aggs_v1", "2024-01-03", "2024-01-03_day.csv");
  await put("minute_aggs_v1", "2024-01-02", "2024-01-02_minute.csv");
  return root;
}

const quiet = { progress: { silent: true } };

Deno.test("polygonFlatSource reads day aggregates as downloaded into the panel schema", async () => {
  const root = await downloadRoot();
  const source = polygonFlatSource({ dir: root, ...quiet });
  const bars = await source.load({ symbols: ["AAPL", "MSFT"] });
  assert.deepEqual(bars.columns, [...BAR_COLUMNS]);
  assert.deepEqual(bars.getColumn("symbol").toArray(), ["AAPL", "MSFT", "AAPL", "MSFT"]);
  assert.deepEqual(bars.getColumn("date").toArray().map(iso), [
    "2024-01-02",
    "2024-01-02",
    "2024-01-03",
    "2024-01-03",
  ]);
  const aapl = bars.toRecords()[0];
  assert.deepEqual([aapl.open, aapl.high, aapl.low, aapl.close, aapl.volume], [
    187.15,
    188.44,
    183.885,
    185.64,
    82488674,
  ]);
  assert.deepEqual(await source.symbols(), ["A", "AAPL", "MSFT"]);
});

Deno.test("polygonFlatSource keeps the date range by file name", async () => {
  const root = await downloadRoot();
  const bars = await polygonFlatSource({ dir: root, ...quiet }).load({
    symbols: ["A"],
    start: "2024-01-03",
  });
  assert.deepEqual(bars.getColumn("date").toArray().map(iso), ["2024-01-03"]);
});

Deno.test("polygonFlatSource reads minute aggregates with nanosecond window_start", async () => {
  const root = await downloadRoot();
  const bars = await polygonFlatSource({ dir: root, ...quiet }).load({
    symbols: ["AAPL"],
    interval: "1m",
  });
  assert.deepEqual(bars.columns, [...INTRADAY_COLUMNS]);
  assert.ok(bars.schema.datetime.equals(pl.Datetime("ms", "UTC")));
  const times = bars.getColumn("datetime").toArray() as unknown as Date[];
  assert.deepEqual(times.map((t) => t.toISOString()), [
    "2024-01-02T14:30:00.000Z",
    "2024-01-02T14:31:00.000Z",
  ]);
});

Deno.test("polygonFlatSource names unknown tickers and the files searched", async () => {
  const root = await downloadRoot();
  await assert.rejects(
    () => polygonFlatSource({ dir: root, ...quiet }).load({ symbols: ["AAPL", "ZZZZ"] }),
    (e: unknown) =>
      e instanceof DataError &&
      e.message.endsWith(
        "unknown symbol(s) ZZZZ: in no day_aggs_v1 file from 2024-01-02 to 2024-01-03",
      ),
  );
});

Deno.test("polygonFlatSource names a file that is not gzip and a missing column", async () => {
  const root = await downloadRoot();
  const bad = join(root, "us_stocks_sip", "day_aggs_v1", "2024", "01", "2024-01-04.csv.gz");
  await Deno.writeTextFile(bad, "ticker,volume\n");
  await assert.rejects(
    () => polygonFlatSource({ dir: root, ...quiet }).load({ symbols: ["AAPL"] }),
    (e: unknown) => e instanceof DataError && e.origin === bad && /not a gzip file/.test(e.message),
  );
  await Deno.writeFile(bad, gzipSync("ticker,volume,open,close,high,low\nAAPL,1,1,1,1,1\n"));
  await assert.rejects(
    () => polygonFlatSource({ dir: root, ...quiet }).load({ symbols: ["AAPL"] }),
    (e: unknown) =>
      e instanceof DataError && e.origin === bad &&
      /missing column\(s\) window_start/.test(e.message),
  );
});

Deno.test("polygonFlatSource refuses adjusted prices and a folder without the dataset", async () => {
  const root = await downloadRoot();
  await assert.rejects(
    () => polygonFlatSource({ dir: root, ...quiet }).load({ symbols: ["AAPL"], adjusted: true }),
    /flat files hold unadjusted prices/,
  );
  const empty = await Deno.makeTempDir();
  assert.throws(
    () => listFlatFiles(empty, "1d"),
    /no day_aggs_v1 folder found; expected the layout as downloaded/,
  );
});

Deno.test("parsePolygonFlatCsv rejects a window_start that is not nanoseconds", () => {
  assert.throws(
    () =>
      parsePolygonFlatCsv(
        "ticker,volume,open,close,high,low,window_start\nA,1,1,1,1,1,2024-01-02\n",
        "f.csv",
        "1d",
      ),
    /f\.csv: window_start "2024-01-02" is not epoch nanoseconds/,
  );
});
