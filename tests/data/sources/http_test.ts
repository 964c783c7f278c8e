import assert from "node:assert/strict";
import {
  HttpClient,
  HttpError,
  mapBounded,
  parseRetryAfter,
  redact,
  retryDelay,
} from "@lib/data/http.ts";
import { DataError } from "@lib/data/errors.ts";
import { startReplayServer } from "./replay_server.ts";

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: (ms: number) => (waits.push(ms), Promise.resolve()) };
}

Deno.test("HttpClient.get retries 429 then 503 and returns the first success", async () => {
  await using server = startReplayServer({
    "/x": [{ status: 429, body: "slow down" }, { status: 503, body: "busy" }, {
      status: 200,
      body: "ok",
    }],
  });
  const { waits, sleep } = recorder();
  const client = new HttpClient({ sleep, baseDelayMs: 100, random: () => 0.5 });
  const response = await client.get(`${server.baseUrl}/x`, { label: "t" });
  assert.equal(response.text, "ok");
  assert.equal(server.requests.length, 3);
  assert.deepEqual(waits, [50, 100], "full jitter: 0.5 x 100, then 0.5 x 200");
});

Deno.test("HttpClient.get does not retry a 404 and names label, status and URL", async () => {
  await using server = startReplayServer({});
  const client = new HttpClient({ sleep: recorder().sleep });
  await assert.rejects(
    () => client.get(`${server.baseUrl}/missing`, { label: "vendor X" }),
    (e: unknown) =>
      e instanceof HttpError && e instanceof DataError && e.status === 404 &&
      e.origin === "vendor X" &&
      e.message ===
        `vendor X: HTTP 404 Not Found: no route for /missing from ${server.baseUrl}/missing`,
  );
  assert.equal(server.requests.length, 1);
});

Deno.test("HttpClient.get gives up after retries + 1 attempts of 500", async () => {
  await using server = startReplayServer({ "/x": { status: 500, body: "boom" } });
  const client = new HttpClient({ sleep: recorder().sleep, retries: 2 });
  await assert.rejects(
    () => client.get(`${server.baseUrl}/x`, { label: "t" }),
    /t: gave up after 3 attempts, last: HTTP 500 Internal Server Error: boom from/,
  );
  assert.equal(server.requests.length, 3);
});

Deno.test("HttpClient.get retries a network failure and reports it when retries run out", async () => {
  const { waits, sleep } = recorder();
  const client = new HttpClient({
    sleep,
    retries: 1,
    fetch: () => Promise.reject(new TypeError("connection refused")),
  });
  await assert.rejects(
    () => client.get("http://127.0.0.1:9/x?apiKey=s3cret", { label: "t" }),
    (e: unknown) =>
      e instanceof HttpError && e.status === null &&
      /gave up after 2 attempts, last: network error \(TypeError: connection refused\)/.test(
        e.message,
      ),
  );
  assert.equal(waits.length, 1);
});

Deno.test("HttpClient redacts its secrets from URLs in errors", async () => {
  await using server = startReplayServer({ "/x": { status: 401, body: "no" } });
  const client = new HttpClient({ secrets: ["s3cret/key"], sleep: recorder().sleep });
  await assert.rejects(
    () =>
      client.get(`${server.baseUrl}/x?apiKey=${encodeURIComponent("s3cret/key")}`, { label: "t" }),
    (e: unknown) =>
      e instanceof HttpError && e.url.endsWith("/x?apiKey=***") && !e.message.includes("s3cret"),
  );
});

Deno.test("HttpClient holds at most `concurrency` requests in flight", async () => {
  await using server = startReplayServer({ "/x": { status: 200, body: "ok" } }, { delayMs: 30 });
  const client = new HttpClient({ concurrency: 2 });
  await Promise.all(
    Array.from({ length: 7 }, () => client.get(`${server.baseUrl}/x`, { label: "t" })),
  );
  assert.equal(server.requests.length, 7);
  assert.equal(server.maxInFlight, 2);
});

Deno.test("parseRetryAfter reads seconds and HTTP dates", () => {
  assert.equal(parseRetryAfter("0", 0), 0);
  assert.equal(parseRetryAfter("1.5", 0), 1500);
  const now = Date.parse("2026-01-01T00:00:00Z");
  assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now), 10_000);
  assert.equal(parseRetryAfter(null, 0), undefined);
  assert.equal(parseRetryAfter("soon", 0), undefined);
});

Deno.test("retryDelay doubles the jitter ceiling, caps it, and prefers Retry-After", () => {
  assert.equal(retryDelay(1, undefined, 100, 1000, () => 0.999), 100);
  assert.equal(retryDelay(3, undefined, 100, 1000, () => 0.999), 400);
  assert.equal(retryDelay(6, undefined, 100, 1000, () => 0.999), 999);
  assert.equal(retryDelay(1, 5000, 100, 60_000), 5000);
  assert.equal(retryDelay(1, 120_000, 100, 60_000), 60_000);
});

Deno.test("redact replaces raw and URL-encoded secrets", () => {
  assert.equal(redact("k=a+b/c and a%2Bb%2Fc and a+b/c", ["a+b/c"]), "k=*** and *** and ***");
  assert.equal(redact("nothing", ["", "x"]), "nothing");
});

Deno.test("mapBounded keeps order, bounds concurrency, stops after a failure and lists failures", async () => {
  let running = 0;
  let peak = 0;
  const out = await mapBounded([1, 2, 3, 4, 5], 2, async (n) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, 5));
    running--;
    return n * 10;
  });
  assert.deepEqual(out, [10, 20, 30, 40, 50]);
  assert.equal(peak, 2);

  const started: number[] = [];
  await assert.rejects(
    () =>
      mapBounded([1, 2, 3, 4, 5, 6], 2, async (n) => {
        started.push(n);
        await new Promise((r) => setTimeout(r, n));
        throw new Error(`bad ${n}`);
      }, "src"),
    (e: unknown) =>
      e instanceof DataError && e.message === "src: 2 requests failed:\n  bad 1\n  bad 2",
  );
  assert.deepEqual(started, [1, 2], "no new item starts after a failure");
});
