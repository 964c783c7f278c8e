import assert from "node:assert/strict";
import { BAR_COLUMNS, DataError } from "@lib/data/mod.ts";
import { parseStooqCsv, stooqSource, stooqSymbol } from "@lib/data/sources/stooq.ts";
import { fixture, startReplayServer } from "./replay_server.ts";

const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);
const quiet = { progress: { silent: true }, http: { sleep: () => Promise.resolve() } };
const csv = (name: string) => ({
  status: 200,
  body: fixture("stooq", name),
  headers: { "content-type": "text/csv" },
});

Deno.test("stooqSource loads daily bars and sends Stooq's symbol and date parameters", async () => {
  await using server = startReplayServer({ "/q/d/l/": csv("aapl.us.csv") });
  const bars = await stooqSource({ baseUrl: server.baseUrl, ...quiet })
    .load({ symbols: ["AAPL"], start: "2020-01-02", end: "2020-01-06" });
  assert.deepEqual(bars.columns, [...BAR_COLUMNS]);
  assert.deepEqual(bars.getColumn("symbol").toArray(), ["AAPL", "AAPL", "AAPL"]);
  assert.deepEqual(bars.getColumn("date").toArray().map(iso), [
    "2020-01-02",
    "2020-01-03",
    "2020-01-06",
  ]);
  assert.equal(bars.getColumn("close").get(2), 74.0982);
  assert.equal(bars.getColumn("volume").get(0), 135647456);
  const params = server.requests[0].url.searchParams;
  assert.deepEqual(
    [params.get("s"), params.get("i"), params.get("d1"), params.get("d2")],
    ["aapl.us", "d", "20200102", "20200106"],
  );
});

Deno.test("stooqSource sends the API key and never shows it in errors", async () => {
  await using server = startReplayServer({ "/q/d/l/": { status: 404, body: "Not Found" } });
  const key = "stooq-secret-123";
  await assert.rejects(
    () =>
      stooqSource({ baseUrl: server.baseUrl, apiKey: key, ...quiet }).load({ symbols: ["AAPL"] }),
    (e: unknown) =>
      e instanceof DataError && /stooq AAPL: HTTP 404/.test(e.message) &&
      e.message.includes("apikey=***") &&
      !e.message.includes(key),
  );
  assert.equal(server.requests[0].url.searchParams.get("apikey"), key);
});

Deno.test("stooqSource names an unknown symbol from Stooq's 'No data' answer", async () => {
  await using server = startReplayServer({
    "/q/d/l/": { status: 200, body: fixture("stooq", "no_data.txt") },
  });
  await assert.rejects(
    () => stooqSource({ baseUrl: server.baseUrl, ...quiet }).load({ symbols: ["NOPE"] }),
    /stooq NOPE \(http:\/\/127\.0\.0\.1:\d+\/q\/d\/l\/\?s=nope\.us.*\): Stooq has no data for NOPE/,
  );
});

Deno.test("stooqSource reports the daily limit and Stooq's HTML key page clearly", async () => {
  await using server = startReplayServer({
    "/q/d/l/": (url) =>
      url.searchParams.get("s") === "aapl.us"
        ? { body: fixture("stooq", "limit.txt") }
        : { body: "<!DOCTYPE html><html><body>apikey</body></html>" },
  });
  const source = stooqSource({ baseUrl: server.baseUrl, ...quiet });
  await assert.rejects(() => source.load({ symbols: ["AAPL"] }), /daily download limit is used up/);
  await assert.rejects(
    () => source.load({ symbols: ["MSFT"] }),
    /HTML page instead of CSV; Stooq requires an API key \(set STOOQ_API_KEY/,
  );
});

Deno.test("parseStooqCsv fills a missing Volume (indices) with 0 and names a missing column", () => {
  const index = parseStooqCsv(fixture("stooq", "spx.csv"), "^SPX", "t");
  assert.deepEqual(index.getColumn("volume").toArray(), [0, 0]);
  assert.throws(
    () => parseStooqCsv("Date,Open,High,Low\n2020-01-02,1,2,0.5\n", "AAPL", "stooq AAPL"),
    (e: unknown) =>
      e instanceof DataError &&
      /stooq AAPL: Stooq CSV lacks column\(s\) Close; found Date, Open, High, Low/.test(e.message),
  );
});

Deno.test("parseStooqCsv names malformed CSV and a row whose date does not parse", () => {
  assert.throws(
    () =>
      parseStooqCsv(
        'Date,Open,High,Low,Close,Volume\n2020-01-02,"1,2,3,4,5\n',
        "AAPL",
        "stooq AAPL",
      ),
    /stooq AAPL: cannot parse Stooq's answer as CSV/,
  );
  assert.throws(
    () =>
      parseStooqCsv(
        "Date,Open,High,Low,Close,Volume\n02/01/2020,1,2,0.5,1,10\n",
        "AAPL",
        "stooq AAPL",
      ),
    /stooq AAPL: row 2: date "02\/01\/2020" is not YYYY-MM-DD/,
  );
});

Deno.test("stooqSource refuses unadjusted and intraday requests it cannot serve", async () => {
  const source = stooqSource(quiet);
  await assert.rejects(
    () => source.load({ symbols: ["AAPL"], adjusted: false }),
    /Stooq serves adjusted prices only/,
  );
  await assert.rejects(
    () => source.load({ symbols: ["AAPL"], interval: "1m" }),
    /stooq: interval "1m" is not served; this source serves 1d/,
  );
});

Deno.test("stooqSymbol adds the US suffix except to indices and suffixed symbols", () => {
  assert.deepEqual(["AAPL", "^SPX", "VOD.UK", "BRK-B"].map((s) => stooqSymbol(s)), [
    "aapl.us",
    "^spx",
    "vod.uk",
    "brk-b.us",
  ]);
});
