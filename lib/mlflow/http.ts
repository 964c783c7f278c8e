/**
 * The transport to an MLflow tracking server: `ky` under `<trackingUri>/api/2.0/`, with timeouts
 * and retries, and every failure turned into an {@link MlflowError}.
 * @module
 */
import ky, { HTTPError, type KyInstance, TimeoutError } from "ky";
import { errorResponse } from "./wire.ts";

/** Options of {@linkcode MlflowClient}. */
export interface MlflowClientOptions {
  /** Per-request timeout in milliseconds; defaults to 60_000. */
  timeoutMs?: number;
  /** Retries of idempotent requests (GET, PUT, DELETE) on network errors and 408/429/5xx; defaults to 2. */
  retries?: number;
}

/**
 * An error from the MLflow server (or from reaching it), carrying the endpoint, HTTP status and
 * MLflow's `error_code`. `status` is undefined when no response arrived (refused, timed out).
 */
export class MlflowError extends Error {
  /** The API path the request went to, e.g. `runs/get`. */
  readonly endpoint: string;
  /** HTTP status, or undefined when the server could not be reached. */
  readonly status: number | undefined;
  /** MLflow's `error_code` (e.g. `RESOURCE_DOES_NOT_EXIST`), when the body carried one. */
  readonly errorCode: string | undefined;
  /** The server's message (or the network error's). */
  readonly serverMessage: string;

  constructor(
    endpoint: string,
    status: number | undefined,
    errorCode: string | undefined,
    serverMessage: string,
    options?: ErrorOptions,
  ) {
    const head = status === undefined
      ? "MLflow unreachable"
      : `MLflow ${status}${errorCode ? ` ${errorCode}` : ""}`;
    super(`${head} on ${endpoint}: ${serverMessage}`, options);
    this.name = "MlflowError";
    this.endpoint = endpoint;
    this.status = status;
    this.errorCode = errorCode;
    this.serverMessage = serverMessage;
  }
}

/**
 * The base URL of a tracking server, without a trailing slash; throws when `trackingUri` is not
 * an http(s) URL, naming it.
 *
 * @example
 * ```ts
 * import { parseTrackingUri } from "@lib/mlflow/http.ts";
 * if (parseTrackingUri("http://127.0.0.1:5000/") !== "http://127.0.0.1:5000") {
 *   throw new Error("the trailing slash should go");
 * }
 * ```
 */
export function parseTrackingUri(trackingUri: string): string {
  let url: URL;
  try {
    url = new URL(trackingUri);
  } catch {
    throw new TypeError(notHttpMessage(trackingUri));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(notHttpMessage(trackingUri));
  }
  return url.href.replace(/\/+$/, "");
}

function notHttpMessage(trackingUri: string): string {
  return `MLflow tracking URI ${JSON.stringify(trackingUri)} is not an http(s) URL: this client ` +
    "only talks to a tracking server over REST (set MLFLOW_TRACKING_URI=http://host:port, or " +
    "leave it unset to start the local server)";
}

/** An HTTP method of the REST API. */
export type Method = "get" | "post" | "put" | "delete";

/** What a request carries: a query string, a JSON body, or raw bytes (artifact uploads). */
export interface RequestOptions {
  query?: Record<string, string> | URLSearchParams;
  json?: unknown;
  body?: Uint8Array<ArrayBuffer>;
}

/** Requests to one tracking server; paths are relative to `/api/2.0/`, e.g. `mlflow/runs/get`. */
export class MlflowHttp {
  /** The server's base URL, without a trailing slash. */
  readonly trackingUri: string;
  readonly #http: KyInstance;

  constructor(trackingUri: string, options: MlflowClientOptions = {}) {
    this.trackingUri = parseTrackingUri(trackingUri);
    this.#http = ky.create({
      prefixUrl: `${this.trackingUri}/api/2.0/`,
      timeout: options.timeoutMs ?? 60_000,
      retry: options.retries ?? 2,
    });
  }

  /** The response body parsed as JSON (`{}` for an empty body). */
  async json(method: Method, path: string, options: RequestOptions = {}): Promise<unknown> {
    const response = await this.send(method, path, options);
    const text = await response.text();
    return text.trim() === "" ? {} : JSON.parse(text);
  }

  /** The successful response; an HTTP error, timeout or refused connection throws MlflowError. */
  async send(method: Method, path: string, options: RequestOptions = {}): Promise<Response> {
    const endpoint = path.replace(/^mlflow\//, "");
    try {
      return await this.#http(path, {
        method,
        searchParams: options.query,
        json: options.json,
        body: options.body,
        headers: options.body ? { "content-type": "application/octet-stream" } : undefined,
      });
    } catch (error) {
      if (error instanceof HTTPError) throw await httpError(endpoint, error);
      if (error instanceof TimeoutError) {
        throw new MlflowError(
          endpoint,
          undefined,
          undefined,
          `no answer from ${this.trackingUri}`,
          {
            cause: error,
          },
        );
      }
      if (error instanceof TypeError) {
        const reason = error.message;
        throw new MlflowError(
          endpoint,
          undefined,
          undefined,
          `cannot reach the tracking server at ${this.trackingUri} (${reason})`,
          { cause: error },
        );
      }
      throw error;
    }
  }
}

async function httpError(endpoint: string, error: HTTPError): Promise<MlflowError> {
  const text = (await error.response.text().catch(() => "")).trim();
  let code: string | undefined;
  let message = text.slice(0, 500) || error.response.statusText;
  try {
    const parsed = errorResponse.parse(JSON.parse(text));
    code = parsed.error_code;
    if (parsed.message) message = parsed.message;
  } catch {
    // Not MLflow's JSON error shape (e.g. the host-check middleware's plain-text 403).
  }
  return new MlflowError(endpoint, error.response.status, code, message, { cause: error });
}
