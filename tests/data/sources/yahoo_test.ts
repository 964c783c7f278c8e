import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { BAR_COLUMNS, DataError } from "@lib/data/mod.ts";
import { INTRADAY_COLUMNS } from "@lib/data/source.ts";
import { parseYahooChart, yahooSource } from "@lib/data/sources/yahoo.ts";
import { fixture, jsonFixture, startReplayServer } from "./replay_server.ts";

const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);
const quiet = { progress: { silent: true }, http: { sleep: () => Promise.resolve() } };

Deno.test("yahooSource loads daily bars in the panel schema, adjusted by adjclose", async () => {
  await using server = startReplayServer({
    "/v8/finance/chart/AAPL": jsonFixture(200, "yahoo", "chart_AAPL_1d.json"),
  });
  const source = yahooSource({ baseUrl: server.baseUrl, ...quiet });
  const bars = await source.load({ symbols: ["AAPL"], start: "2020-01-01", end: "2020-01-06" });
  assert.deepEqual(bars.columns, [...BAR_COLUMNS]);
  assert.ok(bars.schema.date.equals(pl.Date));
  // The Saturday row Yahoo pads with nulls is left out.
  assert.deepEqual(bars.getColumn("date").toArray().map(iso), [
    "2020-01-02",
    "2020-01-03",
    "2020-01-06",
  ]);
  const first = bars.toRecords()[0];
  const factor = 72.27154541015625 / 75.0875015258789;
  assert.ok(Math.abs((first.close as number) - 72.27154541015625) < 1e-9);
  assert.ok(Math.abs((first.open as number) - 74.05999755859375 * factor) < 1e-9);
  assert.equal(first.volume, 135480400);
  const url = server.requests[0].url;
  assert.equal(url.searchParams.get("interval"), "1d");
  assert.equal(url.searchParams.get("period1"), String(Date.UTC(2020, 0, 1) / 1000));
  assert.equal(url.searchParams.get("period2"), String(Date.UTC(2020, 0, 7) / 1000));
  assert.equal(url.searchParams.get("events"), "div|split");
  assert.match(server.requests[0].headers.get("user-agent") ?? "", /^Mozilla\/5\.0/);
});

Deno.test("yahooSource with adjusted: false returns Yahoo's quote prices", async () => {
  await using server = startReplayServer({
    "/v8/finance/chart/AAPL": jsonFixture(200, "yahoo", "chart_AAPL_1d.json"),
  });
  const bars = await yahooSource({ baseUrl: server.baseUrl, ...quiet })
    .load({ symbols: ["AAPL"], start: "2020-01-01", end: "2020-01-06", adjusted: false });
  assert.equal(bars.getColumn("close").get(0), 75.0875015258789);
});

Deno.test("yahooSource loads one-minute bars with a UTC datetime and the New York date", async () => {
  await using server = startReplayServer({
    "/v8/finance/chart/AAPL": jsonFixture(200, "yahoo", "chart_AAPL_1m.json"),
  });
  const bars = await yahooSource({ baseUrl: server.baseUrl, ...quiet })
    .load({ symbols: ["AAPL"], start: "2024-01-02", end: "2024-01-02", interval: "1m" });
  assert.deepEqual(bars.columns, [...INTRADAY_COLUMNS]);
  assert.ok(bars.schema.datetime.equals(pl.Datetime("ms", "UTC")));
  const times = bars.getColumn("datetime").toArray() as unknown as Date[];
  assert.deepEqual(times.map((t) => t.toISOString()), [
    "2024-01-02T14:30:00.000Z",
    "2024-01-02T14:31:00.000Z",
    "2024-01-02T14:32:00.000Z",
  ]);
  assert.deepEqual(bars.getColumn("date").toArray().map(iso), [
    "2024-01-02",
    "2024-01-02",
    "2024-01-02",
  ]);
  assert.equal(server.requests[0].url.searchParams.get("interval"), "1m");
});

Deno.test("yahooSource splits a long one-minute range into 7-day requests", async () => {
  await using server = startReplayServer({
    "/v8/finance/chart/AAPL": jsonFixture(200, "yahoo", "chart_AAPL_1m.json"),
  });
  const bars = await yahooSource({ baseUrl: server.baseUrl, ...quiet })
    .load({ symbols: ["AAPL"], start: "2024-01-01", end: "2024-01-20", interval: "1m" });
  assert.equal(bars.height, 9, "each of the 3 requests answered with the same 3 bars");
  const windows = server.requests.map((r) =>
    (Number(r.url.searchParams.get("period2")) - Number(r.url.searchParams.get("period1"))) / 86400
  );
  assert.deepEqual(windows, [7, 7, 6]);
});

Deno.test("yahooSource names the ticker and Yahoo's reason for an unknown symbol (404)", async () => {
  await using server = startReplayServer({
    "/v8/finance/chart/AAPL": jsonFixture(200, "yahoo", "chart_AAPL_1d.json"),
    "/v8/finance/chart/NOPE": jsonFixture(404, "yahoo", "not_found.json"),
  });
  await assert.rejects(
    () => yahooSource({ baseUrl: server.baseUrl, ...quiet }).load({ symbols: ["AAPL", "NOPE"] }),
    (e: unknown) =>
      e instanceof DataError && e.origin === "yahoo NOPE" &&
      /HTTP 404 Not Found: Not Found: No data found, symbol may be delisted from http:\/\/127\.0\.0\.1:\d+\/v8\/finance\/chart\/NOPE/
        .test(e.message),
  );
  assert.equal(
    server.requests.filter((r) => r.path.endsWith("NOPE")).length,
    1,
    "a 404 is not retried",
  );
});

Deno.test("yahooSource retries Yahoo's plain-text 429 and then succeeds", async () => {
  await using server = startReplayServer({
    "/v8/finance/chart/MSFT": [
      { status: 429, body: "Edge: Too Many Requests" },
      { status: 429, body: "Edge: Too Many Requests" },
      jsonFixture(200, "yahoo", "chart_MSFT_1d.json"),
    ],
  });
  const bars = await yahooSource({ baseUrl: server.baseUrl, ...quiet }).load({ symbols: ["MSFT"] });
  assert.equal(bars.height, 2);
  assert.equal(server.requests.length, 3);
});

Deno.test("yahooSource without symbols says a network source needs them", async () => {
  await assert.rejects(
    () => yahooSource({ ...quiet }).load({}),
    /yahoo: no symbols requested: a network source cannot list a whole market/,
  );
});

Deno.test("parseYahooChart reports an error body and a body that is not a chart", () => {
  assert.throws(
    () => parseYahooChart(fixture("yahoo", "not_found.json"), "NOPE", "1d", true, "t"),
    /t: Yahoo error Not Found: No data found, symbol may be delisted/,
  );
  assert.throws(
    () => parseYahooChart("<html>", "X", "1d", true, "t"),
    /t: response is not a Yahoo chart/,
  );
});

Deno.test("parseYahooChart refuses quote arrays shorter than the timestamps", () => {
  const body = JSON.parse(fixture("yahoo", "chart_MSFT_1d.json"));
  body.chart.result[0].indicators.quote[0].close.pop();
  assert.throws(
    () => parseYahooChart(JSON.stringify(body), "MSFT", "1d", false, "t"),
    /indicators\.quote\[0\]\.close has 1 values for 2 timestamps/,
  );
});
