/**
 * Checks that the site works offline and from any folder: no page loads anything from outside
 * the site (scripts, styles, fonts, images), and every link is relative and resolves to a file.
 * The only absolute links allowed are `<a rel="external">` (MLflow runs), which load nothing.
 * @internal
 * @module
 */
import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/** One reference in a page. */
export interface PageReference {
  /** The element it is on (`a`, `img`, `link`, `script`, …) or `css` for `url()`/`@import`. */
  readonly tag: string;
  readonly url: string;
  /** An `<a rel="external">`: a link out of the site by intent. */
  readonly external: boolean;
}

const ATTR =
  /<([a-zA-Z][\w:-]*)\b([^>]*?)\s(?:href|src|xlink:href|poster|data|action)\s*=\s*("([^"]*)"|'([^']*)')/g;

/**
 * Returns every URL a page refers to: element attributes, `srcset`, and `url()`/`@import` in CSS.
 *
 * @example
 * ```ts
 * import { pageReferences } from "@lib/reports/offline.ts";
 * const refs = pageReferences('<a rel="external" href="http://x/">m</a><img src="a.png"><style>@import "https://f/c.css";</style>');
 * if (refs.map((r) => `${r.tag}:${r.url}:${r.external}`).join(" ") !==
 *   "a:http://x/:true img:a.png:false css:https://f/c.css:false") throw new Error(JSON.stringify(refs));
 * ```
 */
export function pageReferences(html: string): PageReference[] {
  const refs: PageReference[] = [];
  for (const m of html.matchAll(ATTR)) {
    const tag = m[1].toLowerCase();
    const attrs = m[0];
    refs.push({
      tag,
      url: decodeEntities(m[4] ?? m[5] ?? ""),
      external: tag === "a" && /\srel\s*=\s*["'][^"']*\bexternal\b/.test(attrs),
    });
  }
  for (const m of html.matchAll(/\ssrcset\s*=\s*"([^"]*)"/g)) {
    for (const part of m[1].split(",")) {
      const url = part.trim().split(/\s+/)[0];
      if (url) refs.push({ tag: "img", url, external: false });
    }
  }
  for (const m of html.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]/g)) {
    refs.push({ tag: "css", url: (m[1] ?? m[2]).trim(), external: false });
  }
  return refs;
}

/** Whether a URL leaves the site: a scheme other than data:, or protocol-relative. */
export function isOutside(url: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url)
    ? !/^(data|about):/i.test(url)
    : url.startsWith("//");
}

/**
 * Problems of one page: references that load from outside the site, links that are absolute
 * paths, and relative links whose file does not exist (`file` is the page's path on disk,
 * `root` the site folder).
 */
export function pageProblems(html: string, file: string, root: string): string[] {
  const name = relative(root, file);
  const problems: string[] = [];
  for (const ref of pageReferences(html)) {
    const url = ref.url.trim();
    if (url === "" || url.startsWith("#") || /^(data|about):/i.test(url)) continue;
    if (isOutside(url)) {
      if (!ref.external) problems.push(`${name}: <${ref.tag}> refers outside the site: ${url}`);
      continue;
    }
    if (url.startsWith("/")) {
      problems.push(`${name}: <${ref.tag}> uses an absolute path: ${url}`);
      continue;
    }
    const path = decodeURIComponent(url.replace(/[?#].*$/, ""));
    const target = join(dirname(file), path);
    if (!existsSync(target)) problems.push(`${name}: <${ref.tag}> links a missing file: ${url}`);
    else if (relative(root, target).startsWith("..")) {
      problems.push(`${name}: <${ref.tag}> links outside the site folder: ${url}`);
    }
  }
  return problems;
}

/** Checks every HTML page under a site folder; returns the problems found (empty when none). */
export async function siteProblems(root: string): Promise<string[]> {
  const problems: string[] = [];
  for (const file of await htmlFiles(root)) {
    for (const problem of pageProblems(await Deno.readTextFile(file), file, root)) {
      problems.push(problem);
    }
  }
  return problems;
}

/** Every `.html` file under a folder. */
export async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) {
      for (const file of await htmlFiles(path)) out.push(file);
    } else if (entry.name.endsWith(".html")) out.push(path);
  }
  return out.sort();
}

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}
