/**
 * A local HTTP server that replays vendor responses for the network-source tests: routes by
 * path, can answer a route with a sequence (e.g. 429, 429, 200), records every request, counts
 * requests in flight, and stops itself when the test is done (or after a safety timeout).
 * @module
 */
import { join } from "node:path";
import { projectPath } from "@lib/paths.ts";

/** Folder of the recorded-format responses. */
export const REPLAY_DIR = projectPath("tests", "fixtures", "replay");

/** One canned response. */
export interface Reply {
  /** HTTP status. Defaults to 200. */
  readonly status?: number;
  /** The body as text. */
  readonly body?: string;
  /** Headers, e.g. `Retry-After` or `Content-Type`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Wait before answering, in ms (to overlap requests). Defaults to the server's delay. */
  readonly delayMs?: number;
}

/** How a path answers: one reply, a sequence (the last one repeats), or a function. */
export type Route = Reply | readonly Reply[] | ((url: URL, request: Request) => Reply);

/** A request the server saw. */
export interface RecordedRequest {
  /** Path, decoded. */
  readonly path: string;
  /** The full URL. */
  readonly url: URL;
  /** Request headers. */
  readonly headers: Headers;
}

/** A running replay server. */
export interface ReplayServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** Every request so far, in arrival order. */
  readonly requests: RecordedRequest[];
  /** The most requests that were in flight at once. */
  readonly maxInFlight: number;
  /** Stops the server (also done by `await using`). */
  close(): Promise<void>;
}

/** Reads a recorded response from `tests/fixtures/replay/`. */
export function fixture(...parts: string[]): string {
  return Deno.readTextFileSync(join(REPLAY_DIR, ...parts));
}

/** JSON reply from a fixture file. */
export function jsonFixture(status: number, ...parts: string[]): Reply {
  return { status, body: fixture(...parts), headers: { "content-type": "application/json" } };
}

/** Starts a server on 127.0.0.1 at a free port answering `routes` (keyed by decoded path). */
export function startReplayServer(
  routes: Record<string, Route>,
  options: { delayMs?: number; timeoutMs?: number } = {},
): ReplayServer {
  const requests: RecordedRequest[] = [];
  const served = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const url = new URL(request.url);
      const path = decodeURIComponent(url.pathname);
      requests.push({ path, url, headers: request.headers });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        const route = routes[path];
        let reply: Reply;
        if (route === undefined) {
          reply = { status: 404, body: `no route for ${path}` };
        } else if (typeof route === "function") {
          reply = route(url, request);
        } else if (Array.isArray(route)) {
          const n = served.get(path) ?? 0;
          served.set(path, n + 1);
          reply = route[Math.min(n, route.length - 1)];
        } else {
          reply = route as Reply;
        }
        const delay = reply.delayMs ?? options.delayMs ?? 0;
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        return new Response(reply.body ?? "", {
          status: reply.status ?? 200,
          headers: reply.headers,
        });
      } finally {
        inFlight--;
      }
    },
  );
  const safety = setTimeout(() => server.shutdown(), options.timeoutMs ?? 60_000);
  let closed: Promise<void> | undefined;
  const close = () =>
    closed ??= (async () => {
      clearTimeout(safety);
      await server.shutdown();
    })();
  return {
    baseUrl: `http://127.0.0.1:${server.addr.port}`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
