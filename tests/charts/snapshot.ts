import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { takeChartWarnings } from "@lib/charts/chart.ts";

const dir = join(dirname(fileURLToPath(import.meta.url)), "snapshots");

/** Chart markup with every decimal rounded to 2 places, so float noise does not break snapshots. */
export function stable(html: string): string {
  return html.replace(/-?\d+\.\d+(e-?\d+)?/g, (n) => String(Math.round(Number(n) * 100) / 100));
}

/**
 * Asserts `html` equals the stored snapshot `name` (after {@link stable}) and that no chart
 * rendered since the last snapshot made Plot warn. Run the tests with `UPDATE_SNAPSHOTS=1` to
 * (re)write the snapshots after an intended change, then review the diff.
 */
export function assertSnapshot(name: string, html: string): void {
  assert.deepEqual(takeChartWarnings(), [], `Plot warned while rendering ${name}`);
  const path = join(dir, `${name}.html`);
  const got = stable(html);
  if (Deno.env.get("UPDATE_SNAPSHOTS") === "1") {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, got);
    return;
  }
  assert.ok(existsSync(path), `no snapshot ${path}; run with UPDATE_SNAPSHOTS=1 to write it`);
  assert.equal(got, readFileSync(path, "utf8"), `chart ${name} differs from its snapshot`);
}

/**
 * The number of `<tag` elements in the mark groups labelled `label` (facets nest a group per
 * facet inside the mark's group, so a group runs to the next `aria-label`).
 */
export function markCount(html: string, label: string, tag = "path"): number {
  const parts = html.split(/aria-label="/).slice(1).filter((p) => p.startsWith(`${label}"`));
  return parts.reduce((n, p) => n + (p.match(new RegExp(`<${tag}[ />]`, "g")) ?? []).length, 0);
}
