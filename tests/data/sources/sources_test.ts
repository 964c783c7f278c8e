import assert from "node:assert/strict";
import {
  csvSource,
  type DataSource,
  openSource,
  sampleSource,
  SOURCE_NAMES,
} from "@lib/data/mod.ts";
import { SOURCE_DEFINITIONS, sourceDefinition, sourceRegistry } from "@lib/data/sources.ts";
import { projectPath } from "@lib/paths.ts";
import { jsonFixture, startReplayServer } from "./replay_server.ts";

const FIXTURES = projectPath("tests", "fixtures");

Deno.test("SOURCE_NAMES lists every registered source once, the sample first", () => {
  assert.deepEqual([...SOURCE_NAMES], SOURCE_DEFINITIONS.map((d) => d.name));
  assert.deepEqual([...SOURCE_NAMES], [
    "sample",
    "yahoo",
    "stooq",
    "polygon",
    "polygon-flat",
    "local",
  ]);
  assert.throws(
    () => sourceRegistry([SOURCE_DEFINITIONS[1], SOURCE_DEFINITIONS[1]]),
    /data source "yahoo" is defined twice/,
  );
  assert.throws(
    () => sourceDefinition("vendor"),
    /unknown data source "vendor"; known: sample, yahoo, stooq/,
  );
});

Deno.test("the sample and CSV sources still satisfy DataSource and serve daily bars only", async () => {
  const sources: DataSource[] = [
    sampleSource("daily", FIXTURES),
    csvSource(`${FIXTURES}/ohlcv_daily.csv`),
  ];
  for (const source of sources) assert.equal((await source.load({ symbols: ["AAA"] })).height, 5);
  const sample = openSource("sample", "daily", { dir: FIXTURES });
  assert.deepEqual(sample.intervals, ["1d"]);
  await assert.rejects(
    () => sample.load({ interval: "1m" }),
    /interval "1m" is not served; this source serves 1d/,
  );
});

Deno.test("openSource(name, 'benchmark') loads the vendor's benchmark symbol", async () => {
  await using server = startReplayServer({
    "/v8/finance/chart/^GSPC": jsonFixture(200, "yahoo", "chart_MSFT_1d.json"),
  });
  const source = openSource("yahoo", "benchmark", {
    baseUrl: server.baseUrl,
    progress: { silent: true },
  });
  assert.equal(source.name, "yahoo benchmark ^GSPC");
  assert.deepEqual(await source.symbols(), ["^GSPC"]);
  const bars = await source.load({ start: "2020-01-01", end: "2020-01-03" });
  assert.deepEqual(bars.getColumn("symbol").unique().toArray(), ["^GSPC"]);
  assert.equal(server.requests[0].path, "/v8/finance/chart/^GSPC");
});

Deno.test("openSource('polygon') takes its key from POLYGON_API_KEY through options.env", async () => {
  await using server = startReplayServer({
    "/v2/aggs/ticker/AAPL/range/1/day/2020-01-01/2020-01-06": jsonFixture(
      200,
      "polygon",
      "aggs_AAPL_page2.json",
    ),
  });
  const env = (name: string) => (name === "POLYGON_API_KEY" ? "from-env" : undefined);
  const bars = await openSource("polygon", "daily", {
    baseUrl: server.baseUrl,
    env,
    progress: { silent: true },
  })
    .load({ symbols: ["AAPL"], start: "2020-01-01", end: "2020-01-06" });
  assert.equal(bars.height, 1);
  assert.equal(server.requests[0].headers.get("authorization"), "Bearer from-env");
  await assert.rejects(
    () => openSource("polygon", "daily", { env: () => undefined }).load({ symbols: ["AAPL"] }),
    /polygon: no API key: set POLYGON_API_KEY/,
  );
});

Deno.test("openSource('local') and openSource('polygon-flat') need a folder", async () => {
  await assert.rejects(() => openSource("local").load({}), /local: no folder given: pass dir/);
  await assert.rejects(() => openSource("polygon-flat").load({}), /polygon-flat: no folder given/);
  const local = openSource("local", "daily", { dir: FIXTURES, progress: { silent: true } });
  assert.deepEqual(await local.symbols(), ["AAA", "BBB", "IDX"]);
});
