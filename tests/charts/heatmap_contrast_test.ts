/**
 * Text on the monthly IC heatmap stays readable: every cell's label contrasts at least 4.5:1
 * (WCAG AA) with the fill Plot drew under it, and the chart renders without Plot's warnings.
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { monthlyIcHeatmap } from "@lib/charts/analysis.ts";
import { gridHeatmap } from "@lib/charts/backtest.ts";
import { monthlyReturnsHeatmap } from "@lib/charts/tearsheet.ts";
import { contrastRatio, rdBuFill, textColourOn } from "@lib/charts/contrast.ts";

Deno.test("every monthly IC label contrasts at least 4.5:1 with its cell, and Plot warns of nothing", () => {
  // 24 months whose ICs sweep the whole colour range, both signs
  const ic = Array.from({ length: 24 }, (_, i) => -0.2 + (0.4 * i) / 23);
  const monthly = pl.DataFrame({
    factor: ic.map(() => "pred_ridge_5"),
    horizon: ic.map(() => 5),
    year: ic.map((_, i) => 2020 + Math.floor(i / 12)),
    month: ic.map((_, i) => 1 + (i % 12)),
    mean_ic: ic,
  });
  const warnings: unknown[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args);
  let html: string;
  try {
    html = monthlyIcHeatmap(monthly, { factor: "pred_ridge_5" }).html;
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(warnings, []);
  assert.doesNotMatch(html, /some data associated/);
  const fills = [...html.matchAll(/<rect[^>]*fill="([^"]+)"/g)].map((m) => m[1]);
  const texts = [...html.matchAll(/<text[^>]*fill="(black|white)"[^>]*>/g)].map((m) => m[1]);
  assert.equal(fills.length, 24, "one cell per month");
  assert.equal(texts.length, 24, "one label per cell");
  fills.forEach((fill, i) => {
    const ratio = contrastRatio(fill, texts[i] === "white" ? "#ffffff" : "#000000");
    assert.ok(ratio >= 4.5, `cell ${i} (${fill}) with ${texts[i]} text: ${ratio.toFixed(2)}:1`);
  });
  // Plot's cells are the RdBu colours the labels were chosen against
  assert.equal(fills[0], rdBuFill(ic[0], 0.2));
});

Deno.test("textColourOn picks the higher contrast, never below sqrt(21)", () => {
  for (let t = -1; t <= 1.0001; t += 0.01) {
    const fill = rdBuFill(t, 1);
    const text = textColourOn(fill) === "white" ? "#ffffff" : "#000000";
    assert.ok(contrastRatio(fill, text) >= Math.sqrt(21) - 1e-9, `${fill}`);
  }
  assert.ok(Math.abs(contrastRatio("#000000", "#ffffff") - 21) < 1e-12);
});

/** Each cell's fill and the colour of the label drawn on it, in drawing order. */
function cellsAndLabels(html: string): { fills: string[]; texts: string[] } {
  const cells = html.split('aria-label="cell"')[1]?.split("</g>")[0] ?? "";
  const labels = html.split('aria-label="text"')[1]?.split("</g>")[0] ?? "";
  return {
    fills: [...cells.matchAll(/<rect[^>]*fill="([^"]+)"/g)].map((m) => m[1]),
    texts: [...labels.matchAll(/<text[^>]*fill="([^"]+)"/g)].map((m) => m[1]),
  };
}

function assertReadableLabels(name: string, html: string, count: number) {
  const { fills, texts } = cellsAndLabels(html);
  assert.equal(fills.length, count, `${name}: cells`);
  assert.equal(texts.length, count, `${name}: one coloured label per cell`);
  fills.forEach((fill, i) => {
    const ratio = contrastRatio(fill, texts[i] === "white" ? "#ffffff" : "#000000");
    assert.ok(ratio >= 4.5, `${name} cell ${i} (${fill}) with ${texts[i]}: ${ratio.toFixed(2)}:1`);
  });
}

Deno.test("the grid and monthly-returns heatmaps label every cell at 4.5:1 or more", () => {
  const cells = Array.from({ length: 20 }, (_, i) => ({
    fast: 5 + 5 * (i % 4),
    slow: 50 + 25 * Math.floor(i / 4),
    value: -1 + (2 * i) / 19,
  }));
  assertReadableLabels("gridHeatmap", gridHeatmap(cells).html, 20);
  // 24 months of daily returns sweeping from losses to gains
  const days = Array.from({ length: 730 }, (_, i) => 18262 + i);
  const returns = days.map((_, i) => -0.01 + (0.02 * Math.floor(i / 30.5)) / 23);
  const sheet = monthlyReturnsHeatmap({
    dates: new Float64Array(days),
    returns: new Float64Array(returns),
  });
  const { fills } = cellsAndLabels(sheet.html);
  assert.ok(fills.length >= 24, `monthly returns: ${fills.length} cells`);
  assertReadableLabels("monthlyReturnsHeatmap", sheet.html, fills.length);
});
