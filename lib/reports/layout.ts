/**
 * The frame every page of the report site shares: one inline style sheet (no fonts, scripts or
 * styles fetched from anywhere), a viewport for phones, a breadcrumb back to the index, and when
 * asked a table of contents, previous/next links and the small inline script that sorts
 * `table.ws-sortable` by a clicked heading.
 * @internal
 * @module
 */
import { escapeHtml, formatNumber } from "../table.ts";

export { escapeHtml };

/** Options of {@link page}. */
export interface PageOptions {
  /** The page's `<title>` and first heading. */
  readonly title: string;
  /** Path from this page back to the site root, `""` at the root or `"../../"` two levels down. */
  readonly root: string;
  /** Breadcrumb entries after "Reports", as [label, href] (href relative to this page). */
  readonly crumbs?: readonly (readonly [string, string?])[];
  /** Markup of the page's body, after the heading. */
  readonly body: string;
  /** The page's sections for its table of contents, as [label, id]; none, no contents. */
  readonly toc?: readonly (readonly [string, string])[];
  /** Links to the pages before and after this one, as [label, href] (relative to this page). */
  readonly pager?: {
    readonly previous?: readonly [string, string];
    readonly next?: readonly [string, string];
  };
}

const STYLE = `
:root { color-scheme: light; --fg: #1d1d1f; --muted: #5f6368; --line: #dadce0; --ok: #137333;
  --bad: #b3261e; --accent: #1a56b3; --bg-soft: #f6f7f9; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0;
  color: var(--fg); background: #fff; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
nav.crumbs { font-size: .85rem; color: var(--muted); margin-bottom: .5rem; }
nav.crumbs a { color: var(--accent); }
h1 { font-size: 1.55rem; line-height: 1.25; margin: .2rem 0 .6rem; }
h2 { font-size: 1.2rem; margin: 1.8rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
a { color: var(--accent); }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .86em; }
pre { background: var(--bg-soft); padding: .6rem .8rem; overflow-x: auto; border-radius: 4px; margin: .4rem 0; }
.muted { color: var(--muted); font-size: .9em; }
.ok { color: var(--ok); } .failed, .bad { color: var(--bad); }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: .9rem; }
td, th { padding: .25rem .55rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-weight: 600; background: var(--bg-soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); font-size: .85rem; padding: .2rem 0; caption-side: top; }
.chip { display: inline-block; background: var(--bg-soft); border: 1px solid var(--line);
  border-radius: 999px; padding: 0 .55rem; margin: .1rem .15rem .1rem 0; font-size: .85rem;
  max-width: 100%; overflow-wrap: anywhere; }
.changed, td.differs { background: #fff4d6; }
td.differs { font-weight: 600; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: .8rem 1rem; margin: 1rem 0; }
.card h2 { margin-top: 0; font-size: 1.1rem; }
dl.metrics { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: .4rem .8rem; margin: .6rem 0; }
dl.metrics div { background: var(--bg-soft); border-radius: 6px; padding: .35rem .6rem; }
dl.metrics dt { font-size: .78rem; color: var(--muted); }
dl.metrics dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
ul.steps { list-style: none; padding: 0; margin: .4rem 0; }
ul.steps li { padding: .2rem 0; border-bottom: 1px dashed var(--line); }
.links a, .links .mlflow-link { margin-right: .8rem; display: inline-block; }
.mlflow-link a { margin-right: .3rem; }
details.code { margin: .6rem 0 .2rem; }
details.code > summary { cursor: pointer; color: var(--muted); font-size: .85rem; }
details.code > pre { margin-top: .3rem; }
.cell { margin: .4rem 0; }
.output { margin: .4rem 0 1rem; overflow-x: auto; max-width: 100%; }
.output pre { background: transparent; padding: 0; }
.output.error pre { background: #fdecea; padding: .6rem .8rem; color: var(--bad); }
.output figure { margin: .4rem 0; }
.output svg { max-width: 100%; height: auto; }
.output img { max-width: 100%; }
.notice { background: #fff4d6; border-left: 4px solid #e3a008; padding: .5rem .8rem; margin: .8rem 0; }
.charts figure { margin: 1.2rem 0; }
.ws-table-box, .scroll, .output { overflow-x: auto; max-width: 100%; }
.ws-metrics { border: 1px solid var(--line); border-radius: 6px; max-width: 100%; }
.ws-metrics table { width: 100%; }
.ws-metrics td:first-child { overflow-wrap: anywhere; }
.ws-metrics thead th { position: sticky; top: 0; }
table.ws-sortable th { cursor: pointer; user-select: none; white-space: nowrap; }
table.ws-sortable th[aria-sort="ascending"]::after { content: " \\25B2"; }
table.ws-sortable th[aria-sort="descending"]::after { content: " \\25BC"; }
nav.toc { background: var(--bg-soft); border-radius: 6px; padding: .5rem .9rem; margin: .8rem 0; font-size: .9rem; }
nav.toc ol { margin: .2rem 0; padding-left: 1.3rem; columns: 2 14rem; }
nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin: .6rem 0; font-size: .9rem; flex-wrap: wrap; }
nav.pager a { max-width: 100%; overflow-wrap: anywhere; }
@media (max-width: 600px) {
  body { font-size: 14px; }
  main { padding: .7rem .7rem 2rem; }
  h1 { font-size: 1.3rem; }
  td, th { padding: .2rem .4rem; }
  /* Charts keep a readable text size and scroll sideways inside their output. */
  .output svg[class^="plot-"] { min-width: 480px; }
}
`;

/**
 * Returns a complete HTML page in the site's frame.
 *
 * @example
 * ```ts
 * import { page } from "@lib/reports/layout.ts";
 * const html = page({ title: "A & B", root: "../", body: "<p>x</p>" });
 * if (!html.includes("<h1>A &amp; B</h1>") || !html.includes('href="../index.html"')) {
 *   throw new Error(html);
 * }
 * ```
 */
export function page(options: PageOptions): string {
  const pager = pagerNav(options.pager);
  const toc = options.toc && options.toc.length > 0
    ? `<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>${
      options.toc.map(([label, id]) =>
        `<li><a href="#${escapeHtml(id)}">${escapeHtml(label)}</a></li>`
      )
        .join("")
    }</ol></nav>\n`
    : "";
  const script = options.body.includes("ws-sortable") ? `<script>${SORT_SCRIPT}</script>\n` : "";
  const crumbs = [
    `<a href="${options.root}index.html">Reports</a>`,
    ...(options.crumbs ?? []).map(([label, href]) =>
      href ? `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>` : escapeHtml(label)
    ),
  ].join(" › ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<nav class="crumbs">${crumbs}</nav>
${pager}<h1>${escapeHtml(options.title)}</h1>
${toc}${options.body}
${pager}</main>
${script}</body>
</html>
`;
}

/** The MLflow UI of the local store, served by `deno task ui` (and only while it runs). */
export const LOCAL_UI = "http://127.0.0.1:5000";

/**
 * A link to an MLflow page. A link into {@link LOCAL_UI} says, beside it (or, with
 * `note: false`, in its tooltip only), that it answers only while `deno task ui` runs.
 *
 * @example
 * ```ts
 * import { mlflowAnchor } from "@lib/reports/layout.ts";
 * const html = mlflowAnchor("http://127.0.0.1:5000/#/experiments/1/runs/r", "MLflow run");
 * if (!html.includes("deno task ui")) throw new Error(html);
 * ```
 */
export function mlflowAnchor(
  href: string,
  label: string,
  options: { readonly note?: boolean; readonly className?: string } = {},
): string {
  const local = href.startsWith(`${LOCAL_UI}/`) || href === LOCAL_UI;
  const tip = local ? ` title="Answers only while deno task ui runs"` : "";
  const cls = ["external", options.className].filter(Boolean).join(" ");
  const anchor = `<a class="${cls}" rel="external" href="${escapeHtml(href)}"${tip}>${
    escapeHtml(label)
  }</a>`;
  return local && options.note !== false
    ? `<span class="mlflow-link">${anchor} <span class="muted mlflow-note">(answers only while ` +
      `<code>deno task ui</code> runs)</span></span>`
    : anchor;
}

function pagerNav(pager: PageOptions["pager"]): string {
  if (!pager?.previous && !pager?.next) return "";
  const link = ([label, href]: readonly [string, string], rel: string, arrow: string) =>
    `<a rel="${rel}" href="${escapeHtml(href)}">${
      rel === "prev" ? `${arrow} ${escapeHtml(label)}` : `${escapeHtml(label)} ${arrow}`
    }</a>`;
  return `<nav class="pager" aria-label="Notebooks">${
    pager.previous ? link(pager.previous, "prev", "←") : "<span></span>"
  }${pager.next ? link(pager.next, "next", "→") : "<span></span>"}</nav>\n`;
}

// Sorts a table.ws-sortable by the column whose heading is clicked (or Enter/Space on it), by
// each cell's data-value when it has one, else by its text; a second click reverses.
const SORT_SCRIPT = `for (const table of document.querySelectorAll("table.ws-sortable")) {
  const heads = [...table.tHead.rows[0].cells];
  heads.forEach((th, col) => {
    th.tabIndex = 0;
    th.setAttribute("aria-sort", "none");
    const key = (row) => {
      const cell = row.cells[col];
      if (cell && cell.dataset.value !== undefined) {
        const v = Number(cell.dataset.value);
        return Number.isNaN(v) ? -Infinity : v;
      }
      return cell ? cell.textContent : "";
    };
    const sort = () => {
      const up = th.getAttribute("aria-sort") !== "ascending";
      for (const h of heads) h.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      const body = table.tBodies[0];
      const rows = [...body.rows].sort((a, b) => {
        const x = key(a), y = key(b);
        const d = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
        return up ? d : -d;
      });
      body.append(...rows);
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
    });
  });
}`;

/** A number for reading, as in tables: separators, no exponent (see {@link formatNumber}). */
export { formatNumber };

/**
 * A parameter value as short text, as it would be given to `--param`: strings bare, lists of
 * plain values comma-separated, everything else as JSON.
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return "unset";
  if (
    Array.isArray(value) && value.length > 0 &&
    value.every((v) => typeof v === "string" || typeof v === "number")
  ) return value.join(",");
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A table of [label, value-markup] rows; values are markup, labels are escaped. */
export function keyValueTable(
  rows: readonly (readonly [string, string])[],
  caption?: string,
): string {
  const body = rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${v}</td></tr>`)
    .join("\n");
  const cap = caption ? `<caption>${escapeHtml(caption)}</caption>` : "";
  return `<div class="scroll"><table>${cap}<tbody>\n${body}\n</tbody></table></div>`;
}
