/**
 * The OpenAPI 3.1 description of the prediction API (`GET /openapi.json`), with the served
 * models' feature names in the `POST /predict` row schema.
 * @module
 */
import { ACTION_COLUMNS } from "../models/tasks.ts";
import { MAX_BATCH_ROWS } from "./requests.ts";

const error = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

const ok = (description: string, schema: Record<string, unknown>) => ({
  description,
  content: { "application/json": { schema } },
});

const dateParam = (description: string) => ({
  name: "date",
  in: "query",
  required: false,
  description,
  schema: { type: "string", format: "date" },
});

/**
 * Returns the OpenAPI document of every endpoint; `features` are the columns a `POST /predict`
 * row must carry.
 *
 * @example
 * ```ts
 * import { openApiDocument } from "@lib/serving/openapi.ts";
 * const doc = openApiDocument(["ret_1"]);
 * if (!("/predict/component" in doc.paths)) throw new Error();
 * ```
 */
export function openApiDocument(features: readonly string[]) {
  const number = { type: "number" };
  const nullableNumber = { type: ["number", "null"] };
  return {
    openapi: "3.1.0",
    info: {
      title: "stock-returns prediction API",
      version: "1",
      description: "Scores from the MLflow registry's champions: the regression model's " +
        "predicted return with q10..q90 and P(up), the action classifier's class and five " +
        "probabilities, and the index signal weighted from the constituents' actions. " +
        "Features are computed from the stored bars (step 01) with step 02's code.",
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: { type: "string" },
            field: { type: "string", description: "400: the malformed field" },
            expected: { type: "string", description: "400: the type it expects" },
            symbols: { type: "array", items: { type: "string" }, description: "404" },
            missing: { type: "array", items: { type: "string" }, description: "422" },
          },
        },
        Prediction: {
          type: "object",
          properties: {
            symbol: { type: "string" },
            date: { type: ["string", "null"], format: "date" },
            horizon: { type: "integer" },
            model: { type: "string" },
            version: { type: "string" },
            prediction: { ...nullableNumber, description: "predicted forward return" },
            quantiles: {
              type: "object",
              additionalProperties: number,
              description: "q10, q25, q50, q75, q90 of the return (conformal)",
            },
            p_up: { ...nullableNumber, description: "P(forward return > 0)" },
            action: {
              type: ["object", "null"],
              properties: {
                model: { type: "string" },
                version: { type: "string" },
                class: { type: "integer", minimum: -2, maximum: 2 },
                label: { enum: ["strong_sell", "sell", "hold", "buy", "strong_buy"] },
                score: { ...number, description: "expected action score in [-2, 2]" },
                probabilities: {
                  type: "object",
                  properties: Object.fromEntries(
                    ACTION_COLUMNS.probabilities.map((c) => [c, number]),
                  ),
                },
              },
            },
          },
        },
        PredictRequest: {
          type: "object",
          required: ["rows"],
          additionalProperties: false,
          properties: {
            rows: {
              type: "array",
              minItems: 1,
              maxItems: MAX_BATCH_ROWS,
              items: {
                type: "object",
                required: ["symbol", "features"],
                additionalProperties: false,
                properties: {
                  symbol: { type: "string" },
                  date: { type: "string", format: "date" },
                  features: {
                    type: "object",
                    required: [...features],
                    properties: Object.fromEntries(features.map((f) => [f, number])),
                  },
                },
              },
            },
          },
        },
      },
    },
    security: [{}, { bearer: [] }],
    paths: {
      "/health": {
        get: {
          summary: "Served model (name, version, alias), loaded-at, source, registry reachability",
          responses: {
            200: ok("serving", { type: "object" }),
            503: ok("no model loaded, with the reason", { type: "object" }),
          },
        },
      },
      "/model-info": {
        get: {
          summary: "Features, horizon, trained-through date and metrics of the served models",
          responses: { 200: ok("model information", { type: "object" }), 503: error("no model") },
        },
      },
      "/predict/component": {
        get: {
          summary: "One constituent's prediction on a date (default: the latest session)",
          parameters: [
            {
              name: "symbol",
              in: "query",
              required: true,
              schema: { type: "string" },
            },
            dateParam("ISO date; defaults to the last session of the stored bars"),
          ],
          responses: {
            200: ok("the prediction", { $ref: "#/components/schemas/Prediction" }),
            400: error("malformed query"),
            404: error("unknown symbol"),
            422: error("no features on that date: the missing inputs"),
            503: error("no model"),
          },
        },
      },
      "/signal/index": {
        get: {
          summary: "Index sentiment score, signal and per-constituent contributions",
          parameters: [dateParam("ISO date; defaults to the last session")],
          responses: {
            200: ok("the signal", {
              type: "object",
              properties: {
                date: { type: "string", format: "date" },
                score: nullableNumber,
                signal: { enum: ["buy", "sell", "hold", null] },
                position: { type: "integer" },
                coverage: number,
                contributions: { type: "array", items: { type: "object" } },
              },
            }),
            400: error("malformed query"),
            422: error("no features on that date"),
            503: error("no model"),
          },
        },
      },
      "/predict": {
        post: {
          summary: "Score a batch of feature rows",
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: { $ref: "#/components/schemas/PredictRequest" } },
            },
          },
          responses: {
            200: ok("one prediction per row", {
              type: "object",
              properties: {
                rows: { type: "array", items: { $ref: "#/components/schemas/Prediction" } },
              },
            }),
            400: error("malformed body: the field and its expected type"),
            404: error("a symbol outside the model's symbol coding"),
            503: error("no model"),
          },
        },
      },
      "/reload-model": {
        post: {
          summary: "Load the aliases again; on failure the previous model keeps serving",
          responses: {
            200: ok("reloaded", { type: "object" }),
            503: error("reload failed (the previous model still serves)"),
          },
        },
      },
      "/openapi.json": {
        get: { summary: "This document", responses: { 200: ok("OpenAPI", { type: "object" }) } },
      },
      "/": {
        get: {
          summary: "Live page: current signal, its history and the contributions (HTML)",
          responses: { 200: { description: "HTML", content: { "text/html": {} } } },
        },
      },
    },
  };
}
