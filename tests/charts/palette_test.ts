import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { contrastRatio } from "@lib/charts/contrast.ts";
import {
  BACKGROUND,
  diverging,
  GREYS,
  MIN_SERIES_CONTRAST,
  readable,
  redToGreen,
  SERIES,
} from "@lib/charts/palette.ts";

function assertReadable(name: string, colours: readonly string[]) {
  for (const c of colours) {
    const ratio = contrastRatio(c, BACKGROUND);
    assert.ok(ratio >= MIN_SERIES_CONTRAST, `${name}: ${c} has ${ratio.toFixed(2)}:1 on white`);
  }
}

Deno.test("every palette of lib/charts has 3:1 contrast with the page background", () => {
  assertReadable("SERIES", SERIES);
  assertReadable("GREYS", GREYS);
  for (let n = 1; n <= 12; n++) {
    assertReadable(`diverging(${n})`, diverging(n));
    assertReadable(`redToGreen(${n})`, redToGreen(n));
  }
  assert.equal(new Set(SERIES).size, SERIES.length, "SERIES colours must differ");
});

Deno.test("diverging(5) keeps red first, blue last and a grey middle instead of RdBu's #f7f7f7", () => {
  const [low, , mid, , high] = diverging(5).map((c) =>
    c.match(/\w\w/g)!.map((h) => parseInt(h, 16))
  );
  assert.ok(low[0] > low[2], `first is not red: ${low}`);
  assert.ok(high[2] > high[0], `last is not blue: ${high}`);
  assert.ok(Math.max(...mid) - Math.min(...mid) < 8, `middle is not grey: ${mid}`);
});

Deno.test("readable(colour) darkens only colours below 3:1 and keeps their hue", () => {
  assert.equal(readable("#1f77b4"), "#1f77b4");
  const yellow = readable("#edc949");
  assert.ok(contrastRatio(yellow, BACKGROUND) >= 3);
  assert.ok(contrastRatio(yellow, BACKGROUND) < 3.2, "darkened more than needed");
  const [r, g, b] = yellow.match(/\w\w/g)!.map((h) => parseInt(h, 16));
  assert.ok(r > g && g > b, `hue changed: ${yellow}`);
});

// The stored chart snapshots are every chart the tests render: each series mark in them (lines,
// bars, dots, histogram rects; not translucent bands, heatmap cells or reference rules) must be
// readable.
Deno.test("every series colour in the chart snapshots has 3:1 contrast with the background", () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "snapshots");
  const files = readdirSync(dir).filter((f) => f.endsWith(".html"));
  assert.ok(files.length > 20, `only ${files.length} snapshots`);
  let checked = 0;
  for (const file of files) {
    const html = readFileSync(join(dir, file), "utf8");
    for (const group of html.split('aria-label="').slice(1)) {
      const label = group.slice(0, group.indexOf('"'));
      if (!["line", "bar", "dot", "rect"].includes(label)) continue;
      const body = group.slice(0, group.search(/<\/g>/) + 1 || undefined);
      if (/fill-opacity="0?\.\d+"/.test(body.slice(0, body.indexOf(">")))) continue;
      const colours = [...body.matchAll(/\s(?:fill|stroke)="(#[0-9a-f]{3,6}|rgb\([^)]*\))"/gi)]
        .map((m) => expand(m[1]));
      assertReadable(`${file} ${label}`, colours);
      checked += colours.length;
    }
  }
  assert.ok(checked > 40, `only ${checked} colours checked`);
});

function expand(colour: string): string {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(colour);
  return short ? `#${short.slice(1).map((h) => h + h).join("")}` : colour;
}
