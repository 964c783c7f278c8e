/**
 * `deno task serve:model`: the prediction API over the registry's champions (Deno.serve; the
 * routes are lib/serving/routes.ts). Binds 127.0.0.1 unless told otherwise; another address
 * needs a bearer token in SERVE_MODEL_TOKEN.
 * @module
 */
import { isAbsolute } from "node:path";
import { parseArgs } from "node:util";
import { artifactPath } from "@lib/data/artifacts.ts";
import { readConstituentsCsv } from "@lib/data/universe.ts";
import { resolveTracking } from "@lib/mlflow/server.ts";
import { parseTrackingUri } from "@lib/mlflow/http.ts";
import { projectPath, relativePaths } from "@lib/paths.ts";
import { ensureEnvironment } from "@lib/runner/environment.ts";
import { indexWeights } from "@lib/signals/constituent_weights.ts";
import { signalOptions } from "@lib/signals/positions.ts";
import {
  createHandler,
  type ModelRef,
  ModelService,
  parseModelRef,
  readStoredBars,
} from "@lib/serving/mod.ts";
import { trainingParams } from "@pipelines/params/training.ts";

/** The environment variable holding the bearer token. */
const TOKEN_VARIABLE = "SERVE_MODEL_TOKEN";

const HELP = `deno task serve:model [options]

Serves the registry's champions over HTTP: the features of a date are computed from the stored
bars (<data-dir>/panel/daily.parquet, step 01) with step 02's code; nothing is retrained.

Endpoints:
  GET  /health                       model name, version, alias, loaded-at, source, registry
  GET  /model-info                   features, horizon, trained-through date, metrics
  GET  /predict/component?symbol=S[&date=D]   one constituent's prediction
  GET  /signal/index[?date=D]        index score, signal and per-constituent contributions
  POST /predict                      {"rows": [{"symbol": S, "date"?: D, "features": {...}}]}
  POST /reload-model                 load the aliases again (a failure keeps the current model)
  GET  /openapi.json                 the OpenAPI description of all of them
  GET  /                             live page: current signal, history, contributions

Options:
  --model NAME@ALIAS         regression model (default stock-returns@champion); "none" for none
  --action-model NAME@ALIAS  action classifier (default stock-actions@champion); "none" for none
  --data-dir DIR             the run's data dir (default data/work)
  --model-dir DIR            local model folder: a copy of the last models loaded from the
                             registry is kept there, and served when the registry is unreachable
  --constituents FILE        index constituents CSV (symbol, weight, optional date); default
                             the close x volume proxy over the training step's weightWindow
  --history N                sessions of signal history (default 504)
  --host HOST                address to bind (default 127.0.0.1); any other address needs a
                             bearer token in ${TOKEN_VARIABLE}
  --port N                   port (default 8080; 0 picks a free one)

Registry: MLFLOW_TRACKING_URI when set (an unreachable one falls back to --model-dir), else a
local MLflow server over .mlflow/ for the life of the service. The signal thresholds and minimum
coverage are the training step's defaults. Exit codes: 2 bad usage, 1 could not start.`;

/** A usage error: printed with a pointer to --help, exit code 2. */
class UsageError extends Error {}

interface Invocation {
  regression?: ModelRef;
  action?: ModelRef;
  dataDir: string;
  modelDir?: string;
  constituents?: string;
  history: number;
  host: string;
  port: number;
  token?: string;
}

const LOOPBACK = ["127.0.0.1", "localhost", "::1"];

function parse(args: string[], env: (name: string) => string | undefined): Invocation | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        model: { type: "string", default: "stock-returns@champion" },
        "action-model": { type: "string", default: "stock-actions@champion" },
        "data-dir": { type: "string", default: "data/work" },
        "model-dir": { type: "string" },
        constituents: { type: "string" },
        history: { type: "string", default: "504" },
        host: { type: "string", default: "127.0.0.1" },
        port: { type: "string", default: "8080" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return undefined;
  const ref = (value: string, what: string) => {
    if (value === "none") return undefined;
    try {
      return parseModelRef(value, what);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  const regression = ref(values.model!, "--model");
  const action = ref(values["action-model"]!, "--action-model");
  if (!regression && !action) throw new UsageError("--model and --action-model are both none");
  const integer = (value: string, what: string, min: number) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min) {
      throw new UsageError(`${what} "${value}" is not an integer >= ${min}`);
    }
    return n;
  };
  const port = integer(values.port!, "--port", 0);
  if (port > 65_535) throw new UsageError(`--port ${port} is above 65535`);
  const host = values.host!;
  const token = env(TOKEN_VARIABLE);
  if (!LOOPBACK.includes(host) && !token) {
    throw new UsageError(
      `--host ${host} is not loopback: set a bearer token in ${TOKEN_VARIABLE} (clients send ` +
        "Authorization: Bearer <token>)",
    );
  }
  const path = (p: string | undefined) =>
    p === undefined ? undefined : isAbsolute(p) ? p : projectPath(p);
  return {
    regression,
    action,
    dataDir: values["data-dir"]!,
    modelDir: path(values["model-dir"]),
    constituents: path(values.constituents),
    history: integer(values.history!, "--history", 1),
    host,
    port,
    token: token || undefined,
  };
}

if (import.meta.main) {
  let call: Invocation | undefined;
  try {
    call = parse(Deno.args, (name) => Deno.env.get(name));
  } catch (error) {
    console.error(`serve:model: ${(error as Error).message} (deno task serve:model --help)`);
    Deno.exit(2);
  }
  if (call === undefined) {
    console.log(HELP);
    Deno.exit(0);
  }
  let stopTracking = () => Promise.resolve();
  try {
    const training = trainingParams.parse({});
    // Read before anything starts: a bad file is named at once.
    const constituents = call.constituents ? readConstituentsCsv(call.constituents) : undefined;
    readStoredBars(call.dataDir);
    const external = Deno.env.get("MLFLOW_TRACKING_URI");
    let trackingUri: string;
    if (external) {
      trackingUri = parseTrackingUri(external);
    } else {
      const env = await ensureEnvironment();
      const tracking = await resolveTracking({ mlflowBin: env.mlflow });
      trackingUri = tracking.uri;
      stopTracking = tracking.stop;
    }
    const dataDir = call.dataDir;
    const service = await new ModelService({
      trackingUri,
      refs: { regression: call.regression, action: call.action },
      modelDir: call.modelDir,
      barsPath: artifactPath(dataDir, "panel"),
      readBars: () => readStoredBars(dataDir),
      weights: (bars) =>
        indexWeights(bars, {
          constituents,
          origin: call!.constituents && relativePaths(call!.constituents),
          window: training.weightWindow,
        }),
      signal: {
        minCoverage: training.minIndexCoverage,
        positions: signalOptions(training),
        history: call.history,
      },
    }).start();
    if (service.serving) {
      const s = service.serving;
      const names = [s.models.regression, s.models.action].filter((m) => m !== undefined)
        .map((m) => `${m!.info.name} v${m!.info.version}`).join(", ");
      console.log(
        `serving ${names} (from ${s.source}${s.fallbackReason ? `: ${s.fallbackReason}` : ""})`,
      );
    } else {
      console.error(`serve:model: no model loaded, answering 503: ${service.unavailable}`);
    }
    const server = Deno.serve({
      hostname: call.host,
      port: call.port,
      onListen: ({ hostname, port }) => console.log(`listening on http://${hostname}:${port}/`),
    }, createHandler(service, { token: call.token }));
    const shutdown = async () => {
      await server.shutdown();
      await stopTracking();
      Deno.exit(0);
    };
    Deno.addSignalListener("SIGINT", shutdown);
    Deno.addSignalListener("SIGTERM", shutdown);
    await server.finished;
  } catch (error) {
    console.error(`serve:model: ${(error as Error).message}`);
    await stopTracking();
    Deno.exit(1);
  }
}
