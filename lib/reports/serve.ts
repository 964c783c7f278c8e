/**
 * A static file handler for the report site, for `deno task serve` and the browser tests:
 * files under one folder only, `index.html` for folders, never anything outside the folder.
 * @module
 */
import { extname, join, normalize, sep } from "node:path";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".ipynb": "application/x-ipynb+json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Returns a request handler serving the files under `root`.
 *
 * @example
 * ```ts
 * import { siteHandler } from "@lib/reports/serve.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/index.html`, "<h1>hi</h1>");
 * const handle = siteHandler(dir);
 * const ok = await handle(new Request("http://127.0.0.1/"));
 * const escape = await handle(new Request("http://127.0.0.1/..%2f..%2fetc%2fpasswd"));
 * if (ok.status !== 200 || (await ok.text()) !== "<h1>hi</h1>" || escape.status !== 404) throw new Error();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function siteHandler(root: string): (request: Request) => Promise<Response> {
  const base = normalize(root).replace(/[\\/]+$/, "");
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response("method not allowed", { status: 405 });
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return new Response("bad path", { status: 400 });
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return notFound();
    try {
      if ((await Deno.stat(file)).isDirectory) file = join(file, "index.html");
      const body = await Deno.readFile(file);
      const type = TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
      return new Response(request.method === "HEAD" ? null : body, {
        headers: { "content-type": type, "cache-control": "no-cache" },
      });
    } catch {
      return notFound();
    }
  };
}

function notFound(): Response {
  return new Response("not found", { status: 404 });
}
