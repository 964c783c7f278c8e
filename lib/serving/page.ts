/**
 * The service's live page (`GET /`): the current index signal, its history and the
 * constituents' contributions, as one HTML document with Observable Plot charts rendered on the
 * server to inline SVG (lib/charts) and inline styles only, so it makes no outside request. It
 * reloads itself every minute.
 * @module
 */
import { contributionChart, sentimentChart } from "../charts/signals.ts";
import type { ModelService } from "./service.ts";

const STYLE = "body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}" +
  "table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;" +
  "text-align:right}th:first-child,td:first-child{text-align:left}.big{font-size:2rem}" +
  ".buy{color:#2ca02c}.sell{color:#d62728}.hold{color:#555}.note{color:#666}";

/** Returns the live page of `service` (a page saying why when no model is loaded). */
export function livePage(service: ModelService): string {
  if (!service.serving) {
    return html(
      "Index signal: unavailable",
      `<p class="big">No model is being served.</p><p>${esc(service.unavailable ?? "")}</p>`,
    );
  }
  let body: string;
  try {
    const s = service.current();
    const signal = service.signal();
    const { latest } = signal;
    const fixed = service.options.signal.positions;
    const models = [s.models.regression, s.models.action].filter((m) => m !== undefined)
      .map((m) => `${esc(m!.info.name)} v${esc(m!.info.version)} (${esc(m!.info.alias)})`)
      .join(", ");
    const rows = signal.contributions.map((c) =>
      `<tr><td>${esc(c.symbol)}</td><td>${c.weight.toFixed(4)}</td><td>${c.score.toFixed(3)}</td>` +
      `<td>${c.contribution.toFixed(4)}</td></tr>`
    ).join("");
    const history = signal.history.filter(signal.history.getColumn("score").isNotNull());
    const charts = history.height === 0 ? '<p class="note">No scored date yet.</p>' : [
      sentimentChart(history, { buy: fixed.buy, sell: fixed.sell, title: "Index sentiment" }),
      contributionChart(signal.contributionHistory, { lastN: 20 }),
    ].join("\n");
    body = `<p class="big">${esc(latest.date)}: <b class="${latest.signal ?? "hold"}">` +
      `${esc(latest.signal ?? "no score")}</b> ` +
      `${latest.score === null ? "" : `score ${latest.score.toFixed(3)}`}</p>` +
      `<p>Coverage ${(100 * latest.coverage).toFixed(1)}% of the index weight, ` +
      `${latest.constituents} constituents, position ${latest.position}` +
      (latest.buyThreshold === null
        ? ""
        : `, thresholds buy &gt; ${latest.buyThreshold.toFixed(3)} / sell &lt; ` +
          `${latest.sellThreshold?.toFixed(3)}`) +
      `.</p><p class="note">Models: ${models}; loaded ${esc(s.loadedAt)} from ${esc(s.source)}. ` +
      `${esc(signal.weightSource)}</p>` +
      charts +
      `<h2>Contributions on ${esc(latest.date)}</h2><table><tr><th>symbol</th><th>weight</th>` +
      `<th>action score</th><th>contribution</th></tr>${rows}</table>` +
      (signal.unscored.length === 0
        ? ""
        : `<p class="note">Not scored: ${signal.unscored.map(esc).join("; ")}</p>`);
  } catch (error) {
    body = `<p>The signal cannot be computed: ${esc((error as Error).message)}</p>`;
  }
  return html("Index signal", body);
}

function html(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="refresh" content="60"><title>${esc(title)}</title>` +
    `<style>${STYLE}</style></head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

function esc(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!,
  );
}
