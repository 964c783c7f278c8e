/**
 * The Markdown the notebooks are written in, rendered to HTML without a library: ATX headings,
 * paragraphs, bullet and numbered lists (with continuation lines and one level of nesting),
 * fenced code, block quotes, pipe tables, rules, and inline code, bold, italic and links. Every
 * other character is escaped, so raw HTML in Markdown shows as text.
 * @internal
 * @module
 */
import { escapeHtml } from "../table.ts";

/**
 * Renders Markdown to HTML.
 *
 * @example
 * ```ts
 * import { markdownToHtml } from "@lib/reports/markdown.ts";
 * const html = markdownToHtml("## Read\n\n- **Inputs:** `<dataDir>/panel`\n  and more");
 * if (html !== "<h2>Read</h2>\n<ul><li><strong>Inputs:</strong> <code>&lt;dataDir&gt;/panel</code> and more</li></ul>") {
 *   throw new Error(html);
 * }
 * ```
 */
export function markdownToHtml(text: string): string {
  return blocks(text.replace(/\r\n?/g, "\n").split("\n")).join("\n");
}

const BULLET = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;

function blocks(lines: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }
    const fence = line.match(/^\s*(```|~~~)\s*(\S*)/);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) body.push(lines[i++]);
      i++;
      const lang = fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : "";
      out.push(`<pre><code${lang}>${escapeHtml(body.join("\n"))}</code></pre>`);
      continue;
    }
    const heading = line.match(/^(#{1,6})\s+(.*?)\s*#*\s*$/);
    if (heading) {
      const level = heading[1].length;
      out.push(`<h${level}>${inline(heading[2])}</h${level}>`);
      i++;
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push("<hr>");
      i++;
      continue;
    }
    if (line.trimStart().startsWith(">")) {
      const body: string[] = [];
      while (i < lines.length && lines[i].trimStart().startsWith(">")) {
        body.push(lines[i++].trimStart().replace(/^>\s?/, ""));
      }
      out.push(`<blockquote>${blocks(body).join("\n")}</blockquote>`);
      continue;
    }
    if (
      line.includes("|") && i + 1 < lines.length &&
      /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(lines[i + 1])
    ) {
      const rows: string[] = [line];
      i += 2;
      while (i < lines.length && lines[i].includes("|") && lines[i].trim() !== "") {
        rows.push(lines[i++]);
      }
      out.push(pipeTable(rows));
      continue;
    }
    if (BULLET.test(line)) {
      const items: string[] = [];
      while (i < lines.length) {
        const l = lines[i];
        if (l.trim() === "") {
          const next = lines[i + 1];
          if (next === undefined || !(BULLET.test(next) || /^\s{2,}\S/.test(next))) break;
        } else if (/^(#{1,6}\s|\s*```|\s*~~~)/.test(l) || otherListKind(line, l)) break;
        else items.push(l);
        i++;
      }
      out.push(list(items));
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length && lines[i].trim() !== "" &&
      !/^(#{1,6}\s|\s*```|\s*~~~|\s*>)/.test(lines[i]) &&
      !BULLET.test(lines[i])
    ) {
      para.push(lines[i++].trim());
    }
    out.push(`<p>${inline(para.join(" "))}</p>`);
  }
  return out;
}

/** A top-level item of the other kind (numbered vs bullet) starts a new list. */
function otherListKind(first: string, line: string): boolean {
  const a = first.match(BULLET)!;
  const b = line.match(BULLET);
  return b !== null && b[1].length <= a[1].length && /^\d/.test(a[2]) !== /^\d/.test(b[2]);
}

function list(lines: string[]): string {
  const baseIndent = lines[0].match(BULLET)![1].length;
  const ordered = /^\d/.test(lines[0].match(BULLET)![2]);
  const items: string[][] = [];
  for (const line of lines) {
    const m = line.match(BULLET);
    if (m && m[1].length <= baseIndent) items.push([m[3]]);
    else items[items.length - 1].push(line.slice(Math.min(baseIndent + 2, indentOf(line))));
  }
  const rendered = items.map(([first, ...rest]) => {
    const nestedAt = rest.findIndex((l) => BULLET.test(l));
    const text = nestedAt < 0 ? [first, ...rest] : [first, ...rest.slice(0, nestedAt)];
    const nested = nestedAt < 0 ? "" : list(rest.slice(nestedAt).filter((l) => l.trim() !== ""));
    return `<li>${inline(text.map((t) => t.trim()).filter(Boolean).join(" "))}${nested}</li>`;
  });
  const tag = ordered ? "ol" : "ul";
  return `<${tag}>${rendered.join("")}</${tag}>`;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function pipeTable(rows: string[]): string {
  const cells = (row: string) =>
    row.trim().replace(/^\||\|$/g, "").split("|").map((c) => inline(c.trim()));
  const [head, ...body] = rows;
  const th = cells(head).map((c) => `<th>${c}</th>`).join("");
  const trs = body.map((r) => `<tr>${cells(r).map((c) => `<td>${c}</td>`).join("")}</tr>`);
  return `<div class="scroll"><table><thead><tr>${th}</tr></thead><tbody>${
    trs.join("")
  }</tbody></table></div>`;
}

/** Inline Markdown: code spans first (their content is literal), then links, bold, italic. */
function inline(text: string): string {
  const parts = text.split(/(`+[^`]*?`+)/);
  return parts.map((part, i) => {
    if (i % 2 === 1) return `<code>${escapeHtml(part.replace(/^`+\s?|\s?`+$/g, ""))}</code>`;
    return escapeHtml(part)
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) => {
        const safe = /^(javascript|data|vbscript):/i.test(href) ? "#" : href;
        return `<a href="${safe}">${label}</a>`;
      })
      .replace(/\*\*(?=\S)(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/__(?=\S)(.+?)__/g, "<strong>$1</strong>")
      .replace(/(^|[^\w*])\*(?=\S)([^*]+?)\*(?!\w)/g, "$1<em>$2</em>")
      .replace(/(^|[^\w])_(?=\S)([^_]+?)_(?!\w)/g, "$1<em>$2</em>");
  }).join("");
}
