/**
 * The prediction API's request handler, `Request -> Response` over a {@link ModelService}, so
 * the same code runs under `Deno.serve` and in tests. Errors are JSON `{ error, ... }`: 400 a
 * malformed query or body (the field and its expected type), 401 a missing or wrong bearer
 * token, 404 an unknown symbol or path, 405 a wrong method, 422 a date without features (the
 * missing inputs), 503 no model loaded (the reason).
 * @module
 */
import { ACTION_LABELS } from "../models/tasks.ts";
import { latestDay, MissingInputsError, parseDay, UnknownSymbolError } from "./feature_inputs.ts";
import { openApiDocument } from "./openapi.ts";
import { livePage } from "./page.ts";
import {
  BadRequest,
  bodyRows,
  checked,
  componentQuery,
  predictBody,
  queryObject,
  signalQuery,
} from "./requests.ts";
import { modelFeatures, type ScoredRow, scoreRows, type ScoringModels } from "./score.ts";
import { scoreDay } from "./scoring.ts";
import { type ModelService, ServiceUnavailable, type Serving } from "./service.ts";

/** Options of {@link createHandler}. */
export interface HandlerOptions {
  /** When set, every request needs `Authorization: Bearer <token>`. */
  token?: string;
}

const ACTION_NAMES: Record<number, string> = {
  [-2]: "strong_sell",
  [-1]: "sell",
  0: "hold",
  1: "buy",
  2: "strong_buy",
};

/**
 * Returns the handler of the API over `service`: GET /health, /model-info,
 * /predict/component, /signal/index, /openapi.json and / (the live page); POST /predict and
 * /reload-model.
 *
 * @example
 * ```ts ignore
 * const handler = createHandler(await new ModelService(options).start());
 * Deno.serve({ hostname: "127.0.0.1", port: 8080 }, handler);
 * ```
 */
export function createHandler(
  service: ModelService,
  options: HandlerOptions = {},
): (request: Request) => Promise<Response> {
  const routes: Record<string, Record<string, (r: Request, url: URL) => Promise<Response>>> = {
    "/health": { GET: () => health(service) },
    "/model-info": { GET: () => Promise.resolve(json(modelInfo(service.current()))) },
    "/predict/component": { GET: (_r, url) => Promise.resolve(component(service, url)) },
    "/signal/index": { GET: (_r, url) => Promise.resolve(signal(service, url)) },
    "/predict": { POST: (r) => predict(service, r) },
    "/reload-model": { POST: () => reload(service) },
    "/openapi.json": {
      GET: () => Promise.resolve(json(openApiDocument(featureList(service)))),
    },
    "/": { GET: () => Promise.resolve(page(service)) },
  };
  return async (request) => {
    const url = new URL(request.url);
    if (options.token !== undefined && !authorised(request, options.token)) {
      return json({ error: "missing or wrong bearer token (Authorization: Bearer ...)" }, 401, {
        "www-authenticate": "Bearer",
      });
    }
    const route = routes[url.pathname];
    if (!route) return json({ error: `no such path ${url.pathname}` }, 404);
    const handle = route[request.method];
    if (!handle) {
      return json(
        { error: `${request.method} is not allowed on ${url.pathname}` },
        405,
        { allow: Object.keys(route).join(", ") },
      );
    }
    try {
      return await handle(request, url);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** The JSON of one scored row, as `/predict/component` and `POST /predict` answer it. */
export function rowJson(row: ScoredRow): Record<string, unknown> {
  return {
    symbol: row.symbol,
    date: row.date,
    horizon: row.horizon,
    model: row.model,
    version: row.version,
    prediction: row.prediction,
    quantiles: row.quantiles,
    p_up: row.pUp,
    action: row.action === null ? null : {
      model: row.action.model,
      version: row.action.version,
      class: row.action.actionClass,
      label: ACTION_NAMES[row.action.actionClass],
      score: row.action.score,
      probabilities: row.action.probabilities,
    },
  };
}

async function health(service: ModelService): Promise<Response> {
  const registry = await service.registryStatus();
  const s = service.serving;
  const body: Record<string, unknown> = {
    status: s ? "ok" : "unavailable",
    registry: { uri: service.options.trackingUri ?? null, ...registry },
  };
  if (!s) {
    body.reason = service.unavailable;
    return json(body, 503);
  }
  const model = (m: ScoringModels["regression"]) =>
    m ? { name: m.info.name, version: m.info.version, alias: m.info.alias } : null;
  body.model = model(s.models.regression);
  body.action_model = model(s.models.action);
  body.loaded_at = s.loadedAt;
  body.source = s.source;
  body.serving = s.source === "model-dir"
    ? `the model folder ${service.options.modelDir} (registry not used: ${s.fallbackReason})`
    : registry.reachable
    ? "the model loaded from the registry"
    : `the last model loaded from the registry (at ${s.loadedAt}; the registry is unreachable now)`;
  if (service.lastReloadError) body.last_reload_error = service.lastReloadError;
  body.bars_through = isoDay(latestDay(s.table));
  return json(body);
}

function modelInfo(s: Serving): Record<string, unknown> {
  const describe = (m: ScoringModels["regression"]) =>
    m && {
      name: m.info.name,
      version: m.info.version,
      alias: m.info.alias,
      run_id: m.info.runId ?? null,
      task: m.task,
      kind: m.model.kind,
      horizon: m.horizon,
      trained_through: m.trainedThrough ?? null,
      features: m.model.features,
      quantiles: m.quantileModel?.levels ?? [],
      classes: m.classes?.classes ?? null,
      metrics: Object.fromEntries(
        Object.entries(m.info.tags)
          .filter(([, v]) => v.trim() !== "" && Number.isFinite(Number(v)))
          .filter(([k]) => k !== "horizon")
          .map(([k, v]) => [k, Number(v)]),
      ),
      tags: m.info.tags,
    };
  return {
    features: modelFeatures(s.models),
    regression: describe(s.models.regression) ?? null,
    action: describe(s.models.action) ?? null,
    action_classes: ACTION_LABELS.map((c) => ({ class: c, label: ACTION_NAMES[c] })),
    symbols: s.table.symbols,
    bars: { from: isoDay(s.table.days[0]), through: isoDay(latestDay(s.table)) },
    loaded_at: s.loadedAt,
    source: s.source,
  };
}

function component(service: ModelService, url: URL): Response {
  const query = checked(componentQuery, queryObject(url));
  const s = service.current();
  const day = query.date === undefined ? latestDay(s.table) : parseDay(query.date);
  const [row] = scoreDay(s.models, s.table, day, [query.symbol]);
  return json(rowJson(row));
}

function signal(service: ModelService, url: URL): Response {
  const query = checked(signalQuery, queryObject(url));
  const day = query.date === undefined ? undefined : parseDay(query.date);
  const result = service.signal(day);
  return json({
    ...result.latest,
    note: result.latest.score === null
      ? `the scored constituents hold ${(100 * result.latest.coverage).toFixed(1)}% of the ` +
        `index weight, below the ${
          (100 * service.options.signal.minCoverage).toFixed(1)
        }% a score needs`
      : null,
    weights: result.weightSource,
    contributions: result.contributions,
    unscored: result.unscored,
  });
}

async function predict(service: ModelService, request: Request): Promise<Response> {
  const s = service.current();
  let body: unknown;
  try {
    body = await request.json();
  } catch (error) {
    throw new BadRequest("body", "a JSON object", `invalid JSON (${(error as Error).message})`);
  }
  const features = modelFeatures(s.models);
  const parsed = checked(schemaFor(s), body);
  const rows = scoreRows(s.models, bodyRows(parsed, features), s.table.coding);
  return json({ rows: rows.map(rowJson) });
}

async function reload(service: ModelService): Promise<Response> {
  const result = await service.reload();
  if (!result.ok) {
    const serving = service.serving;
    return json({
      error: result.error,
      serving: serving
        ? {
          model: serving.models.regression?.info.version ?? null,
          action_model: serving.models.action?.info.version ?? null,
          loaded_at: serving.loadedAt,
          source: serving.source,
        }
        : null,
    }, 503);
  }
  const m = (x: ScoringModels["regression"]) =>
    x ? { name: x.info.name, version: x.info.version } : null;
  return json({
    reloaded: true,
    model: m(result.serving.models.regression),
    action_model: m(result.serving.models.action),
    loaded_at: result.serving.loadedAt,
    source: result.serving.source,
  });
}

function page(service: ModelService): Response {
  const html = livePage(service);
  return new Response(html, {
    status: service.serving ? 200 : 503,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

const schemas = new WeakMap<ScoringModels, ReturnType<typeof predictBody>>();

function schemaFor(s: Serving): ReturnType<typeof predictBody> {
  let schema = schemas.get(s.models);
  if (!schema) {
    schema = predictBody(modelFeatures(s.models));
    schemas.set(s.models, schema);
  }
  return schema;
}

function featureList(service: ModelService): string[] {
  return service.serving ? modelFeatures(service.serving.models) : [];
}

function authorised(request: Request, token: string): boolean {
  const header = request.headers.get("authorization") ?? "";
  const given = header.startsWith("Bearer ") ? header.slice(7) : "";
  if (given.length !== token.length) return false;
  let diff = 0;
  for (let i = 0; i < token.length; i++) diff |= given.charCodeAt(i) ^ token.charCodeAt(i);
  return diff === 0;
}

function errorResponse(error: unknown): Response {
  if (error instanceof BadRequest) {
    return json({ error: error.message, field: error.field, expected: error.expected }, 400);
  }
  if (error instanceof UnknownSymbolError) {
    return json({ error: error.message, symbols: error.symbols }, 404);
  }
  if (error instanceof MissingInputsError) {
    return json({ error: error.message, missing: error.missing }, 422);
  }
  if (error instanceof ServiceUnavailable) {
    return json({ error: `no model is being served: ${error.message}` }, 503);
  }
  if (error instanceof RangeError || /^date "/.test((error as Error).message)) {
    return json({ error: (error as Error).message }, 400);
  }
  return json({ error: `internal error: ${(error as Error).message}` }, 500);
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
