/**
 * Reruns over a network source, through the replay server speaking the Yahoo chart API: bars the
 * vendor publishes after a run are fetched by the next store update, and only the dates after the
 * stored ones are asked for; with nothing new, the stored files stay as they are. The pipeline
 * decides whether to run acquisition at all from the session rule, checked here at two clocks.
 */
import assert from "node:assert/strict";
import { storedPaths, updateStore } from "@lib/data/store.ts";
import { sessionFreshness } from "@lib/data/sources/freshness.ts";
import { yahooSource } from "@lib/data/sources/yahoo.ts";
import { barsBySymbol, yahooChartBody } from "../../fixtures/vendor_formats.ts";
import { universeFiles } from "../../fixtures/universe.ts";
import { startReplayServer } from "./replay_server.ts";

const END = new Date("2026-11-27T00:00:00Z");
const NEW_BARS = 5;
const quiet = { progress: { silent: true }, http: { sleep: () => Promise.resolve() } };

Deno.test("a rerun asks a network source only for the dates after the stored bars", async () => {
  const bars = barsBySymbol(universeFiles({ symbols: 2, days: 60, end: END, seed: 7 }));
  const symbols = ["S000", "S001"];
  const all = bars.get("S000")!.map((b) => b.date);
  // The vendor has published up to `upTo`; a request gets the bars within its period.
  let upTo = all[all.length - 1 - NEW_BARS];
  const routes = Object.fromEntries(symbols.map((s) => [
    `/v8/finance/chart/${s}`,
    (url: URL) => {
      const from = Number(url.searchParams.get("period1")) * 1000;
      const to = Number(url.searchParams.get("period2")) * 1000;
      const shown = bars.get(s)!.filter((b) => {
        const t = Date.parse(`${b.date}T14:30:00Z`);
        return b.date <= upTo && t >= from && t < to;
      });
      return { body: yahooChartBody(s, shown), headers: { "content-type": "application/json" } };
    },
  ]));
  await using server = startReplayServer(routes);
  const source = yahooSource({ baseUrl: server.baseUrl, ...quiet });
  const storeDir = await Deno.makeTempDir({ prefix: "ws-network-rerun-" });
  const options = { storeDir, dataset: "daily", symbols, start: all[0] };
  const summary = (log: Awaited<ReturnType<typeof updateStore>>) =>
    log.toRecords().map((r) => `${r.symbol} ${r.action} ${r.rows_fetched} ${r.last}`);

  assert.deepEqual(summary(await updateStore(source, options)), [
    `S000 fetched ${all.length - NEW_BARS} ${upTo}`,
    `S001 fetched ${all.length - NEW_BARS} ${upTo}`,
  ]);
  const firstPeriods = server.requests.map((r) => r.url.searchParams.get("period1"));
  assert.deepEqual(firstPeriods, symbols.map(() => String(Date.parse(all[0]) / 1000)));

  // The vendor publishes five more sessions: the rerun asks from the day after the last stored.
  upTo = all[all.length - 1];
  const asked = server.requests.length;
  assert.deepEqual(summary(await updateStore(source, options)), [
    `S000 extended ${NEW_BARS} ${upTo}`,
    `S001 extended ${NEW_BARS} ${upTo}`,
  ]);
  const dayAfter = Date.parse(all[all.length - 1 - NEW_BARS]) / 1000 + 86_400;
  assert.deepEqual(
    server.requests.slice(asked).map((r) => r.url.searchParams.get("period1")),
    symbols.map(() => String(dayAfter)),
  );

  // Nothing new: asked again from after the last bar, nothing comes, the files are untouched.
  const before = (await Deno.stat(storedPaths(storeDir, "daily", "S000").parquet)).mtime;
  assert.deepEqual(summary(await updateStore(source, options)), [
    `S000 cached 0 ${upTo}`,
    `S001 cached 0 ${upTo}`,
  ]);
  const after = (await Deno.stat(storedPaths(storeDir, "daily", "S000").parquet)).mtime;
  assert.equal(after?.getTime(), before?.getTime());
  await Deno.remove(storeDir, { recursive: true });
});

Deno.test("the session rule: a network source with an open end is fresh again after a session", () => {
  const subject = "yahoo";
  // Tuesday 2026-12-01 17:59 New York: Monday's session is the latest complete one.
  const beforeClose = sessionFreshness(subject, {}, new Date("2026-12-01T22:59:00Z"));
  const afterClose = sessionFreshness(subject, {}, new Date("2026-12-01T23:01:00Z"));
  assert.equal(beforeClose.items.session, "2026-11-30");
  assert.equal(afterClose.items.session, "2026-12-01");
  assert.notDeepEqual(beforeClose, afterClose);
  // The same clock gives the same probe: the rerun reuses acquisition.
  assert.deepEqual(sessionFreshness(subject, {}, new Date("2026-12-01T23:30:00Z")), afterClose);
  // An end before the latest session never changes.
  const closed = { end: "2026-11-20" };
  assert.deepEqual(
    sessionFreshness(subject, closed, new Date("2026-11-25T12:00:00Z")),
    sessionFreshness(subject, closed, new Date("2026-12-30T12:00:00Z")),
  );
});
