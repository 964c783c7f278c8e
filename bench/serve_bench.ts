/**
 * `deno task bench serve`: the prediction service under load on loopback, beside the same models
 * served by FastAPI + uvicorn + python lightgbm (bench/serve_fastapi.py, in its own environment,
 * bench/serve_env.ts). Champions are published to a real local MLflow server from a slice of the
 * bundled sample (tests/serving/fixture.ts), `deno task serve:model` loads them from the registry
 * alias, and the peer gets the same boosters' model text and the same latest feature rows.
 *
 * For each endpoint, `GET /predict/component` (one symbol) and `POST /predict` (100 rows), each
 * server takes a warm-up and then BENCH_SERVE_REQUESTS requests (10,000) from
 * BENCH_SERVE_CONCURRENCY (8) concurrent keep-alive clients in this process: latency per request
 * (p50, p99), throughput, non-200 answers (zero expected) and the server's CPU seconds (from
 * /proc). The two servers' answers are compared first. Targets on 2 cores: throughput at least
 * the peer's; p99 under 20 ms for a component, under 100 ms for a 100-row batch.
 * @module
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MlflowClient, startLocalServer } from "@lib/mlflow/mod.ts";
import { parseQuantileFile } from "@lib/models/model_files.ts";
import {
  latestDay,
  loadScoringModels,
  readStoredBars,
  type ScoringModel,
  scoringTable,
} from "@lib/serving/mod.ts";
import { isoFromDay } from "@lib/validation/days.ts";
import { projectPath } from "@lib/paths.ts";
import { FEATURES, publishFixture } from "../tests/serving/fixture.ts";
import { startService } from "../tests/serving/service_process.ts";
import type { Bench, BenchRow } from "./bench.ts";
import { ensureServeEnv } from "./serve_env.ts";

const REQUESTS = Number(Deno.env.get("BENCH_SERVE_REQUESTS") ?? 10_000);
const CONCURRENCY = Number(Deno.env.get("BENCH_SERVE_CONCURRENCY") ?? 8);
const WARMUP = 500;
const BATCH = 100;
const TARGET_P99_MS = { component: 20, batch: 100 };

interface LoadResult {
  seconds: number;
  latencies: Float64Array;
  errors: number;
  firstError?: string;
}

/** Sends `n` requests from `concurrency` clients; the latency of each in milliseconds. */
async function load(
  url: string,
  init: RequestInit | undefined,
  n: number,
  concurrency: number,
): Promise<LoadResult> {
  const latencies = new Float64Array(n);
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const t0 = performance.now();
      try {
        const response = await fetch(url, init);
        const body = await response.text();
        if (response.status !== 200) {
          errors++;
          firstError ??= `${response.status} ${body.slice(0, 200)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= String(error);
      }
      latencies[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: (performance.now() - started) / 1000, latencies, errors, firstError };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

function cpuOf(pid: number): number {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

const boosterText = (saved: { state: unknown }) => (saved.state as { model: string }).model;

/** The peer's model file: booster texts, feature orders, coding, corrections, latest rows. */
function peerModels(
  regression: ScoringModel,
  action: ScoringModel,
  latest: Record<string, { date: string; features: Record<string, number> }>,
) {
  const saved = JSON.parse(new TextDecoder().decode(regression.files["model.json"]));
  const quantiles = parseQuantileFile(regression.files["quantiles.json"]);
  const parts = (quantiles.saved.state as { models: { features: string[]; state: unknown }[] })
    .models;
  const actionSaved = JSON.parse(new TextDecoder().decode(action.files["model.json"]));
  return {
    horizon: regression.horizon,
    features: FEATURES,
    symbols: regression.symbols,
    latest,
    regression: {
      name: regression.info.name,
      version: regression.info.version,
      model: boosterText(saved),
      features: saved.features,
    },
    quantiles: {
      levels: regression.quantileModel!.levels,
      features: parts[0].features,
      models: parts.map(boosterText),
      pairs: quantiles.conformal.pairs.map((p) => ({
        ...p,
        correction: Number.isFinite(p.correction) ? p.correction : null,
      })),
    },
    action: {
      name: action.info.name,
      version: action.info.version,
      model: boosterText(actionSaved),
      features: actionSaved.features,
      classes: (actionSaved.state as { classes: number[] }).classes,
    },
  };
}

async function waitFor(url: string, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      await r.body?.cancel();
      if (r.ok) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/** Largest relative difference between two JSON answers' numbers. */
function maxDifference(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") {
    return Math.abs(a - b) / Math.max(1, Math.abs(b));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    let worst = 0;
    for (const k of keys) {
      const x = (a as Record<string, unknown>)[k];
      const y = (b as Record<string, unknown>)[k];
      if (x === undefined || y === undefined) return Infinity;
      worst = Math.max(worst, maxDifference(x, y));
    }
    return worst;
  }
  return a === b ? 0 : Infinity;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** The serving benchmark. */
export const serveBench: Bench = {
  name: "serve",
  async run(): Promise<BenchRow[]> {
    const log = (line: string) => console.error(`bench serve: ${line}`);
    const python = await ensureServeEnv(log);
    const dir = await mkdtemp(join(tmpdir(), "bench-serve-"));
    const mlflow = await startLocalServer({ storeDir: join(dir, "mlflow") });
    const stops: (() => Promise<void>)[] = [];
    try {
      log("publishing the champions to a local MLflow server");
      const client = new MlflowClient(mlflow.uri);
      const fixture = await publishFixture(client, join(dir, "data"), "bench-serve");
      const models = await loadScoringModels(client, {
        regression: { name: "stock-returns", alias: "champion" },
        action: { name: "stock-actions", alias: "champion" },
      });
      const table = scoringTable(readStoredBars(fixture.dataDir), models);
      const day = latestDay(table);
      const latest: Record<string, { date: string; features: Record<string, number> }> = {};
      for (const s of table.symbols) {
        const at = table.rowOf.get(`${s}|${day}`)!;
        latest[s] = {
          date: isoFromDay(day),
          features: Object.fromEntries(FEATURES.map((f) => [f, table.values[f][at]])),
        };
      }
      const peerDir = join(dir, "peer");
      await Deno.mkdir(peerDir);
      await Deno.writeTextFile(
        join(peerDir, "peer.json"),
        JSON.stringify(peerModels(models.regression!, models.action!, latest)),
      );

      const deno = await startService(["--data-dir", fixture.dataDir], {
        MLFLOW_TRACKING_URI: mlflow.uri,
      });
      stops.push(deno.stop);
      const port = freePort();
      const fastapi = new Deno.Command(python, {
        args: [projectPath("bench", "serve_fastapi.py"), peerDir, String(port)],
        stdout: "null",
        stderr: "piped",
      }).spawn();
      stops.push(async () => {
        try {
          fastapi.kill("SIGTERM");
        } catch { /* gone */ }
        await fastapi.status;
        await fastapi.stderr.cancel().catch(() => {});
      });
      const peerOrigin = `http://127.0.0.1:${port}`;
      await waitFor(`${peerOrigin}/predict/component?symbol=AAPL`, 60);

      const symbols = table.symbols;
      const rows = Array.from({ length: BATCH }, (_, i) => {
        const s = symbols[i % symbols.length];
        return { symbol: s, date: latest[s].date, features: latest[s].features };
      });
      const body = JSON.stringify({ rows });
      const post: RequestInit = {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      };
      const answers = async (origin: string) => {
        const c = await (await fetch(`${origin}/predict/component?symbol=AAPL`)).json();
        const b = await (await fetch(`${origin}/predict`, post)).json();
        return { c, b };
      };
      const [ours, theirs] = [await answers(deno.origin), await answers(peerOrigin)];
      const agreement = Math.max(
        maxDifference(ours.c, theirs.c),
        maxDifference(ours.b, theirs.b),
      );
      log(`the two servers' answers differ by at most ${agreement.toExponential(2)} (relative)`);

      const servers = [
        { name: "Deno.serve (lib/serving, LightGBM via FFI)", origin: deno.origin, pid: deno.pid },
        {
          name: "FastAPI 0.165 + uvicorn 0.55 + lightgbm 4.7",
          origin: peerOrigin,
          pid: fastapi.pid,
        },
      ];
      const endpoints = [
        {
          label: "GET /predict/component",
          path: "/predict/component?symbol=AAPL",
          init: undefined,
          target: TARGET_P99_MS.component,
        },
        {
          label: `POST /predict (${BATCH} rows)`,
          path: "/predict",
          init: post,
          target: TARGET_P99_MS.batch,
        },
      ];
      const out: BenchRow[] = [];
      for (const endpoint of endpoints) {
        const measured: { name: string; result: LoadResult; cpu: number }[] = [];
        for (const server of servers) {
          const url = `${server.origin}${endpoint.path}`;
          await load(url, endpoint.init, WARMUP, CONCURRENCY);
          const cpu0 = cpuOf(server.pid);
          const result = await load(url, endpoint.init, REQUESTS, CONCURRENCY);
          measured.push({ name: server.name, result, cpu: cpuOf(server.pid) - cpu0 });
          log(`${endpoint.label} on ${server.name}: ${result.seconds.toFixed(2)} s`);
        }
        const peerRate = REQUESTS / measured[1].result.seconds;
        for (const [k, m] of measured.entries()) {
          const sorted = m.result.latencies.slice().sort();
          const p50 = percentile(sorted, 0.5);
          const p99 = percentile(sorted, 0.99);
          const rate = REQUESTS / m.result.seconds;
          const notes = [
            `${REQUESTS.toLocaleString("en-US")} requests x ${CONCURRENCY} clients`,
            `p50 ${p50.toFixed(2)} ms`,
            `p99 ${p99.toFixed(2)} ms (target < ${endpoint.target}: ${
              p99 < endpoint.target ? "met" : "missed"
            })`,
            `errors ${m.result.errors}${m.result.firstError ? ` (${m.result.firstError})` : ""}`,
          ];
          if (k === 0) {
            notes.push(
              `throughput ${(rate / peerRate).toFixed(2)}x FastAPI's (target >= 1: ${
                rate >= peerRate ? "met" : "missed"
              })`,
              `answers agree to ${agreement.toExponential(1)}`,
            );
          }
          out.push({
            benchmark: `serve ${endpoint.label}`,
            implementation: m.name,
            seconds: m.result.seconds,
            cpuSeconds: m.cpu,
            rows: REQUESTS,
            note: notes.join("; "),
          });
        }
      }
      return out;
    } finally {
      for (const stop of stops.reverse()) await stop().catch(() => {});
      await mlflow.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
