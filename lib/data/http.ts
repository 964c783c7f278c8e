/**
 * The HTTP layer every network source shares: a bounded number of requests in flight, retries
 * with exponential backoff and jitter on 429, 5xx and network failures (honouring
 * `Retry-After`), and one clear error naming the source, the ticker and the URL on anything
 * else. Secrets (API keys) are replaced by `***` in every message, since URLs and vendor error
 * bodies can carry them.
 * @internal
 * @module
 */
import { DataError } from "./errors.ts";

/** How requests are made. Every field is optional. */
export interface HttpOptions {
  /** Requests in flight at once, across all tickers. Defaults to 4. */
  readonly concurrency?: number;
  /** Retries after the first attempt on 429, 5xx or a network failure. Defaults to 4. */
  readonly retries?: number;
  /** Backoff before the first retry; doubles each retry (with full jitter). Defaults to 500 ms. */
  readonly baseDelayMs?: number;
  /** The longest wait before one retry, `Retry-After` included. Defaults to 60,000 ms. */
  readonly maxDelayMs?: number;
  /** Time allowed for one request, body included. Defaults to 30,000 ms. */
  readonly timeoutMs?: number;
  /** Headers sent with every request (e.g. a user agent). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Strings never shown in messages (API keys); each is replaced by `***`. */
  readonly secrets?: readonly string[];
  /** The fetch to use (tests). Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Waits `ms` milliseconds (tests record waits instead). Defaults to a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform random number in [0, 1) for the jitter. Defaults to `Math.random`. */
  readonly random?: () => number;
}

/** A successful (2xx) response, body read as text. */
export interface HttpResponse {
  /** The HTTP status. */
  readonly status: number;
  /** The requested URL, secrets redacted. */
  readonly url: string;
  /** The response headers. */
  readonly headers: Headers;
  /** The body. */
  readonly text: string;
}

/** What one request is for, so errors can say so. */
export interface RequestContext {
  /** Who asks, e.g. `yahoo AAPL`; the error's origin. */
  readonly label: string;
  /** Extra headers for this request (e.g. authorization). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Extracts the vendor's own error message from an error body, if it has one. */
  readonly errorDetail?: (body: string) => string | undefined;
}

/** An HTTP failure: a status that is not retried, or retries used up. */
export class HttpError extends DataError {
  /** The last HTTP status, or null for a network failure or timeout. */
  readonly status: number | null;
  /** The URL, secrets redacted. */
  readonly url: string;

  constructor(
    origin: string,
    problem: string,
    status: number | null,
    url: string,
    options?: ErrorOptions,
  ) {
    super(origin, problem, options);
    this.name = "HttpError";
    this.status = status;
    this.url = url;
  }
}

/** Replaces every secret in `text` (and its URL-encoded form) with `***`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    out = out.split(secret).join("***");
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join("***");
  }
  return out;
}

/**
 * Parses a `Retry-After` header (seconds, or an HTTP date) into milliseconds from `nowMs`;
 * undefined when absent or unreadable.
 *
 * @example
 * ```ts
 * import { parseRetryAfter } from "@lib/data/http.ts";
 * if (parseRetryAfter("3", 0) !== 3000) throw new Error("seconds");
 * ```
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * The wait before retry number `attempt` (1 for the first retry): the server's `Retry-After`
 * when given, else full jitter over `baseDelayMs * 2^(attempt-1)`; capped at `maxDelayMs`.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxDelayMs);
  const ceiling = Math.min(baseDelayMs * 2 ** (attempt - 1), maxDelayMs);
  return Math.round(random() * ceiling);
}

/** True for statuses worth retrying: 408, 429 and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** A counting semaphore: at most `limit` holders at once. */
class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#free = limit;
  }

  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

function snippet(body: string, max = 200): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

/** A fetch wrapper with bounded concurrency, retries and redacted errors. */
export class HttpClient {
  /** Requests in flight at once. */
  readonly concurrency: number;
  readonly #options: HttpOptions;
  readonly #slots: Semaphore;

  constructor(options: HttpOptions = {}) {
    this.#options = options;
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
    this.#slots = new Semaphore(this.concurrency);
  }

  /** Returns `text` with this client's secrets replaced by `***`. */
  redact(text: string): string {
    return redact(text, this.#options.secrets);
  }

  /**
   * GETs `url` and returns the 2xx response. Retries 408, 429, 5xx, timeouts and network
   * failures; throws an {@link HttpError} naming `context.label` and the URL for any other
   * status or when retries run out. A slot is held only while a request is in flight, not
   * while waiting to retry.
   */
  async get(url: string, context: RequestContext): Promise<HttpResponse> {
    const o = this.#options;
    const retries = Math.max(0, o.retries ?? 4);
    const sleep = o.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    const shownUrl = this.redact(url);
    const headers = { ...o.headers, ...context.headers };
    for (let attempt = 0;; attempt++) {
      const outcome = await this.#once(url, headers, o.timeoutMs ?? 30_000);
      const describe = (problem: string) => this.redact(`${problem} from ${shownUrl}`);
      if (outcome.kind === "ok" && outcome.status >= 200 && outcome.status < 300) {
        return {
          status: outcome.status,
          url: shownUrl,
          headers: outcome.headers,
          text: outcome.text,
        };
      }
      let problem: string;
      let status: number | null = null;
      let retryAfterMs: number | undefined;
      if (outcome.kind === "ok") {
        status = outcome.status;
        const detail = context.errorDetail?.(outcome.text) ?? snippet(outcome.text);
        problem = `HTTP ${outcome.status} ${outcome.statusText}`.trim() +
          (detail ? `: ${detail}` : "");
        if (!isRetryableStatus(outcome.status)) {
          throw new HttpError(context.label, describe(problem), status, shownUrl);
        }
        retryAfterMs = parseRetryAfter(outcome.headers.get("retry-after"), Date.now());
      } else {
        problem = outcome.message;
      }
      if (attempt >= retries) {
        const tries = retries + 1;
        throw new HttpError(
          context.label,
          describe(`gave up after ${tries} attempt${tries === 1 ? "" : "s"}, last: ${problem}`),
          status,
          shownUrl,
        );
      }
      await sleep(
        retryDelay(
          attempt + 1,
          retryAfterMs,
          o.baseDelayMs ?? 500,
          o.maxDelayMs ?? 60_000,
          o.random,
        ),
      );
    }
  }

  async #once(
    url: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<
    | { kind: "ok"; status: number; statusText: string; headers: Headers; text: string }
    | { kind: "failed"; message: string }
  > {
    await this.#slots.acquire();
    try {
      const response = await (this.#options.fetch ?? fetch)(url, {
        headers,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      return {
        kind: "ok",
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        text,
      };
    } catch (cause) {
      const timedOut = cause instanceof DOMException && cause.name === "TimeoutError";
      return {
        kind: "failed",
        message: timedOut
          ? `no response within ${timeoutMs} ms`
          : `network error (${String(cause)})`,
      };
    } finally {
      this.#slots.release();
    }
  }
}

/**
 * Runs `fn` over `items` with at most `limit` running at once and returns the results in input
 * order. After the first failure no new item starts; once the running ones settle, it throws a
 * {@link DataError} listing every failure (or the failure itself when there is one).
 *
 * @example
 * ```ts
 * import { mapBounded } from "@lib/data/http.ts";
 * const doubled = await mapBounded([1, 2, 3], 2, (n) => Promise.resolve(n * 2));
 * if (doubled.join() !== "2,4,6") throw new Error(doubled.join());
 * ```
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  origin = "load",
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const failures: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (failures.length === 0 && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index], index);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const lines = failures.map((f) => (f instanceof Error ? f.message : String(f)));
    throw new DataError(origin, `${failures.length} requests failed:\n  ${lines.join("\n  ")}`, {
      cause: failures[0],
    });
  }
  return results;
}
