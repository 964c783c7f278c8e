import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { BAR_COLUMNS, DataError } from "@lib/data/mod.ts";
import { INTRADAY_COLUMNS } from "@lib/data/source.ts";
import { HttpError } from "@lib/data/http.ts";
import { polygonRestSource } from "@lib/data/sources/polygon_rest.ts";
import { jsonFixture, startReplayServer } from "./replay_server.ts";

const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);
const KEY = "pk_test_0123456789abcdef";
const waits: number[] = [];
const quiet = {
  apiKey: KEY,
  progress: { silent: true },
  http: { sleep: (ms: number) => (waits.push(ms), Promise.resolve()), baseDelayMs: 10, retries: 3 },
};
const AAPL_DAY = "/v2/aggs/ticker/AAPL/range/1/day/2020-01-01/2020-01-06";
const AAPL_PAGE2 = "/v2/aggs/ticker/AAPL/range/1/day/1578114000000/2020-01-06";

Deno.test("polygonRestSource follows next_url and parses every page into the panel schema", async () => {
  await using server = startReplayServer({
    [AAPL_DAY]: jsonFixture(200, "polygon", "aggs_AAPL_page1.json"),
    [AAPL_PAGE2]: jsonFixture(200, "polygon", "aggs_AAPL_page2.json"),
  });
  const bars = await polygonRestSource({ baseUrl: server.baseUrl, ...quiet })
    .load({ symbols: ["AAPL"], start: "2020-01-01", end: "2020-01-06" });
  assert.deepEqual(bars.columns, [...BAR_COLUMNS]);
  assert.deepEqual(bars.getColumn("date").toArray().map(iso), [
    "2020-01-02",
    "2020-01-03",
    "2020-01-06",
  ]);
  assert.deepEqual(bars.getColumn("close").toArray(), [75.0875, 74.3575, 74.95]);
  assert.deepEqual(server.requests.map((r) => r.path), [AAPL_DAY, AAPL_PAGE2]);
  // next_url from api.polygon.io is followed on the configured host, cursor kept.
  assert.equal(server.requests[1].url.searchParams.get("cursor"), "bGltaXQ9MiZzb3J0PWFzYw");
  const first = server.requests[0];
  assert.equal(first.headers.get("authorization"), `Bearer ${KEY}`);
  assert.deepEqual(Object.fromEntries(first.url.searchParams), {
    adjusted: "true",
    sort: "asc",
    limit: "50000",
  });
});

Deno.test("polygonRestSource asks for unadjusted bars with adjusted: false", async () => {
  await using server = startReplayServer({
    [AAPL_DAY]: jsonFixture(200, "polygon", "aggs_AAPL_page2.json"),
  });
  await polygonRestSource({ baseUrl: server.baseUrl, ...quiet })
    .load({ symbols: ["AAPL"], start: "2020-01-01", end: "2020-01-06", adjusted: false });
  assert.equal(server.requests[0].url.searchParams.get("adjusted"), "false");
});

Deno.test("polygonRestSource loads minute bars in the intraday schema", async () => {
  const path = "/v2/aggs/ticker/AAPL/range/1/minute/2024-01-02/2024-01-02";
  await using server = startReplayServer({
    [path]: jsonFixture(200, "polygon", "aggs_AAPL_1m.json"),
  });
  const bars = await polygonRestSource({ baseUrl: server.baseUrl, ...quiet })
    .load({ symbols: ["AAPL"], start: "2024-01-02", end: "2024-01-02", interval: "1m" });
  assert.deepEqual(bars.columns, [...INTRADAY_COLUMNS]);
  assert.ok(bars.schema.datetime.equals(pl.Datetime("ms", "UTC")));
  const times = bars.getColumn("datetime").toArray() as unknown as Date[];
  assert.deepEqual(times.map((t) => t.toISOString()), [
    "2024-01-02T14:30:00.000Z",
    "2024-01-02T14:31:00.000Z",
  ]);
});

Deno.test("polygonRestSource waits Retry-After on 429 and then succeeds", async () => {
  waits.length = 0;
  await using server = startReplayServer({
    [AAPL_DAY]: [
      { ...jsonFixture(429, "polygon", "error_429.json"), headers: { "retry-after": "2" } },
      jsonFixture(200, "polygon", "aggs_AAPL_page2.json"),
    ],
  });
  const bars = await polygonRestSource({ baseUrl: server.baseUrl, ...quiet })
    .load({ symbols: ["AAPL"], start: "2020-01-01", end: "2020-01-06" });
  assert.equal(bars.height, 1);
  assert.deepEqual(waits, [2000]);
});

Deno.test("polygonRestSource gives up after the retries on 5xx, naming ticker and URL", async () => {
  waits.length = 0;
  await using server = startReplayServer({
    [AAPL_DAY]: { status: 502, body: "<html>502 Bad Gateway</html>" },
  });
  await assert.rejects(
    () =>
      polygonRestSource({ baseUrl: server.baseUrl, ...quiet }).load({
        symbols: ["AAPL"],
        start: "2020-01-01",
        end: "2020-01-06",
      }),
    (e: unknown) =>
      e instanceof HttpError && e.status === 502 && e.origin === "polygon AAPL" &&
      /gave up after 4 attempts, last: HTTP 502 Bad Gateway: <html>502 Bad Gateway<\/html> from http:\/\/127\.0\.0\.1:\d+\/v2\/aggs\/ticker\/AAPL/
        .test(e.message),
  );
  assert.equal(server.requests.length, 4);
  assert.equal(waits.length, 3);
  waits.forEach((w, i) => assert.ok(w >= 0 && w <= 10 * 2 ** i, `wait ${i} = ${w}`));
});

Deno.test("polygonRestSource reports a bad key (401/403) without the key", async () => {
  await using server = startReplayServer({
    [AAPL_DAY]: jsonFixture(401, "polygon", "error_401.json"),
    "/v2/aggs/ticker/MSFT/range/1/day/2020-01-01/2020-01-06": jsonFixture(
      403,
      "polygon",
      "error_403.json",
    ),
  });
  const source = polygonRestSource({ baseUrl: server.baseUrl, ...quiet });
  const range = { start: "2020-01-01", end: "2020-01-06" };
  await assert.rejects(
    () => source.load({ symbols: ["AAPL"], ...range }),
    (e: unknown) =>
      e instanceof HttpError && e.status === 401 &&
      /HTTP 401 Unauthorized: ERROR: Unknown API Key/.test(e.message) &&
      !e.message.includes(KEY),
  );
  await assert.rejects(
    () => source.load({ symbols: ["MSFT"], ...range }),
    (e: unknown) =>
      e instanceof HttpError && e.status === 403 &&
      /polygon MSFT: HTTP 403 Forbidden: NOT_AUTHORIZED: You are not entitled to this data/.test(
        e.message,
      ) &&
      !e.message.includes(KEY),
  );
  assert.equal(server.requests.length, 2, "4xx other than 429 is not retried");
});

Deno.test("polygonRestSource redacts a key the server echoes back", async () => {
  await using server = startReplayServer({
    [AAPL_DAY]: { status: 400, body: `{"status":"ERROR","error":"bad key ${KEY}"}` },
  });
  await assert.rejects(
    () =>
      polygonRestSource({ baseUrl: server.baseUrl, ...quiet }).load({
        symbols: ["AAPL"],
        start: "2020-01-01",
        end: "2020-01-06",
      }),
    (e: unknown) =>
      e instanceof Error && /bad key \*\*\*/.test(e.message) && !e.message.includes(KEY),
  );
});

Deno.test("polygonRestSource names an unknown ticker (200 with no results)", async () => {
  await using server = startReplayServer({
    "/v2/aggs/ticker/ZZZZ/range/1/day/2020-01-01/2020-01-06": jsonFixture(
      200,
      "polygon",
      "aggs_empty.json",
    ),
  });
  await assert.rejects(
    () =>
      polygonRestSource({ baseUrl: server.baseUrl, ...quiet }).load({
        symbols: ["ZZZZ"],
        start: "2020-01-01",
        end: "2020-01-06",
      }),
    /polygon ZZZZ: Polygon has no bars for ZZZZ from 2020-01-01 to 2020-01-06 \(unknown ticker/,
  );
});

Deno.test("polygonRestSource without a key fails before any request", async () => {
  await assert.rejects(
    () => polygonRestSource({ progress: { silent: true } }).load({ symbols: ["AAPL"] }),
    (e: unknown) =>
      e instanceof DataError &&
      e.message === "polygon: no API key: set POLYGON_API_KEY or pass apiKey",
  );
});

Deno.test("polygonRestSource keeps requests in flight within the concurrency bound", async () => {
  const symbols = Array.from({ length: 9 }, (_, i) => `T${i}`);
  const routes = Object.fromEntries(symbols.map((s) => [
    `/v2/aggs/ticker/${s}/range/1/day/2020-01-01/2020-01-06`,
    { ...jsonFixture(200, "polygon", "aggs_AAPL_page2.json"), delayMs: 40 },
  ]));
  await using server = startReplayServer(routes);
  const bars = await polygonRestSource({
    baseUrl: server.baseUrl,
    ...quiet,
    http: { ...quiet.http, concurrency: 3 },
  }).load({ symbols, start: "2020-01-01", end: "2020-01-06" });
  assert.equal(bars.height, 9);
  assert.equal(server.requests.length, 9);
  assert.equal(server.maxInFlight, 3);
});
