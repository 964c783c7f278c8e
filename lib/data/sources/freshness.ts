/**
 * Freshness probes: cheap answers to "may a rerun find new bars?", so the runner can rerun the
 * acquisition step when the source changed and reuse it otherwise. Folder sources digest the
 * names, sizes and modification times of the files they read (no content is read); network
 * sources cannot be listed cheaply, so they follow a stated session rule.
 * @internal
 * @module
 */
import { relative } from "node:path";
import { projectRoot } from "../../paths.ts";
import type { Freshness, SourceOptions, SourceQuery } from "../source.ts";
import { localDate, NEW_YORK } from "./common.ts";

/**
 * Hour (New York) from which a weekday's session counts as completed: two hours after the 16:00
 * close, when vendors' daily bars are final, so a rerun does not store a bar still being built.
 */
export const SESSION_FINAL_HOUR = 18;

/** `path` relative to the project root when it lies inside it (messages stay short). */
export function shownPath(path: string): string {
  const rel = relative(projectRoot, path);
  return rel === "" || rel.startsWith("..") ? path : rel;
}

/**
 * The names, sizes and modification times of `paths` (names relative to `root`), without
 * reading their contents. A file that cannot be stat'ed gets the value `missing`.
 *
 * @example
 * ```ts
 * import { folderFreshness } from "@lib/data/sources/freshness.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/A.csv`, "Date\n");
 * const probe = await folderFreshness("local folder", [`${dir}/A.csv`], dir);
 * if (!probe.items["A.csv"].startsWith("5 bytes")) throw new Error(probe.items["A.csv"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function folderFreshness(
  subject: string,
  paths: readonly string[],
  root: string,
): Promise<Freshness> {
  const items: Record<string, string> = {};
  for (const path of paths) {
    const name = relative(root, path) || path;
    try {
      const info = await Deno.stat(path);
      items[name] = `${info.size} bytes, modified ${info.mtime?.toISOString() ?? "unknown"}`;
    } catch {
      items[name] = "missing";
    }
  }
  return { subject, unit: "file", items };
}

function previousDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function isWeekend(iso: string): boolean {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * The latest completed US trading session at `now`: today in New York from
 * {@link SESSION_FINAL_HOUR} on a weekday, otherwise the weekday before. Exchange holidays are
 * not excluded: a holiday costs one rerun that fetches nothing.
 *
 * @example
 * ```ts
 * import { lastCompletedSession } from "@lib/data/sources/freshness.ts";
 * // Tuesday 2026-12-01 at 12:00 New York (17:00 UTC): Monday's session is the latest done.
 * if (lastCompletedSession(new Date("2026-12-01T17:00:00Z")) !== "2026-11-30") throw new Error();
 * // Same day at 19:00 New York: Tuesday's.
 * if (lastCompletedSession(new Date("2026-12-02T00:00:00Z")) !== "2026-12-01") throw new Error();
 * // Monday morning: Friday's.
 * if (lastCompletedSession(new Date("2026-11-30T14:00:00Z")) !== "2026-11-27") throw new Error();
 * ```
 */
export function lastCompletedSession(now: Date): string {
  const hour = Number(
    new Intl.DateTimeFormat("en-US", { timeZone: NEW_YORK, hour: "2-digit", hourCycle: "h23" })
      .format(now),
  );
  let date = localDate(now.getTime(), NEW_YORK);
  if (isWeekend(date) || hour < SESSION_FINAL_HOUR) date = previousDay(date);
  while (isWeekend(date)) date = previousDay(date);
  return date;
}

/**
 * The probe of a network source: with an open `end` (or one not yet past), the latest completed
 * session, so the first rerun after each session refetches; with an `end` before that session,
 * the end itself, which never changes (those bars are final and already in the store).
 *
 * @example
 * ```ts
 * import { sessionFreshness } from "@lib/data/sources/freshness.ts";
 * const now = new Date("2026-12-02T00:00:00Z");
 * const open = sessionFreshness("yahoo", {}, now);
 * if (open.items.session !== "2026-12-01") throw new Error(JSON.stringify(open));
 * const closed = sessionFreshness("yahoo", { end: "2024-12-31" }, now);
 * if (closed.items.end !== "2024-12-31") throw new Error(JSON.stringify(closed));
 * ```
 */
export function sessionFreshness(
  subject: string,
  query: SourceQuery,
  now: Date = new Date(),
): Freshness {
  const session = lastCompletedSession(now);
  if (query.end !== undefined && query.end < session) {
    return { subject: `${subject} (closed end)`, unit: "bound", items: { end: query.end } };
  }
  return { subject: `${subject} (open end)`, unit: "session", items: { session } };
}

/**
 * The `freshness` of a network source named `name`: {@link sessionFreshness}, with the API root
 * in the subject when one is set (a replay server is another source than the public host).
 */
export function networkFreshness(
  name: string,
): (options: SourceOptions, query: SourceQuery) => Promise<Freshness> {
  return (options, query) =>
    Promise.resolve(
      sessionFreshness(options.baseUrl ? `${name} ${options.baseUrl}` : name, query),
    );
}
