/**
 * The report site as a person sees it: two real pipeline runs (a slice of the bundled sample,
 * the second with another top-k), the site rebuilt by `deno task report`, served on 127.0.0.1
 * and opened in headless Chromium (Debian's `chromium`, driven by playwright-core). Checks every
 * link resolves, charts render as non-empty SVG with titles, nothing is requested from outside
 * the site, and pages fit a phone's width. Screenshots go to `.cache/screenshots/`.
 *
 * Without Chromium the test is skipped with a message, except in CI (CI set), where it fails.
 */
import assert from "node:assert/strict";
import { pipelineArgs } from "@pipelines/task_args.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { startLocalServer } from "@lib/mlflow/server.ts";
import { projectPath } from "@lib/paths.ts";
import { siteHandler } from "@lib/reports/serve.ts";
import { readHistory } from "@lib/reports/history.ts";

const CHROMIUM = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";
const IN_CI = Boolean(Deno.env.get("CI"));
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SCREENSHOTS = projectPath(".cache", "screenshots");
const SLICE = ["symbols=AAPL,MSFT,IBM,INTC,COST", "start=2009-01-01"];
const VIEWPORTS = [["laptop", 1280, 800], ["phone", 390, 844]] as const;

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(
    `tests/browser: skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, ` +
      `or set CHROMIUM_PATH); in CI (CI set) these tests run and fail instead`,
  );
}

async function pipeline(reportsDir: string, dataDir: string, uri: string, extra: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      ...pipelineArgs(),
      "--experiment",
      "browser-test",
      "--reports-dir",
      reportsDir,
      ...[...SLICE, `dataDir=${dataDir}`, ...extra].flatMap((p) => ["--param", p]),
    ],
    env: { MLFLOW_TRACKING_URI: uri },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, `pipeline failed:\n${text}`);
}

function launch(): Promise<Browser> {
  if (!HAVE_CHROMIUM) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** What a page shows: its charts, links and whether it fits the viewport's width. */
interface PageFacts {
  charts: { title: string; marks: number; width: number; height: number }[];
  links: { href: string; external: boolean }[];
  overflow: number;
}

// Runs in the page (a string, so this file needs no DOM types).
const FACTS = `(() => {
  // Legend swatches are small SVGs of their own; a chart is an SVG outside them.
  const svgs = [...document.querySelectorAll("svg[viewBox]")];
  const charts = svgs.filter((svg) => !svg.closest('[class$="-swatch"]')).map((svg) => {
    const box = svg.getBoundingClientRect();
    const figure = svg.closest("figure");
    return {
      title: figure?.querySelector("h2")?.textContent ?? "",
      marks: svg.querySelectorAll("path, line, circle, rect").length,
      width: box.width,
      height: box.height,
    };
  });
  const links = [...document.querySelectorAll("a[href]")].map((a) => ({
    href: a.href,
    external: (a.getAttribute("rel") ?? "").includes("external"),
  }));
  const overflow = document.documentElement.scrollWidth - window.innerWidth;
  return { charts, links, overflow };
})()`;

function facts(page: Page): Promise<PageFacts> {
  return page.evaluate(FACTS) as Promise<PageFacts>;
}

/** What a reader needs to read a page: its contents, pager, table boxes and heatmap labels. */
interface Legibility {
  html: string;
  text: string;
  toc: { href: string; target: boolean }[];
  prev: boolean;
  next: boolean;
  /** Tables not inside a box that scrolls sideways within the viewport. */
  unboxed: string[];
  /** Heatmap labels, each with its contrast against the cell under it. */
  labels: { text: string; ratio: number }[];
}

// Runs in the page. Contrast is WCAG 2's, over the computed fill colours.
const LEGIBILITY = `(() => {
  const rgb = (c) => (c.match(/\\d+(\\.\\d+)?/g) || []).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const toc = [...document.querySelectorAll("nav.toc a")].map((a) => ({
    href: a.getAttribute("href"),
    target: Boolean(document.getElementById(a.getAttribute("href").slice(1))),
  }));
  const unboxed = [...document.querySelectorAll("table")].filter((t) => {
    for (let e = t.parentElement; e; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX;
      if (o === "auto" || o === "scroll") {
        return e.getBoundingClientRect().right > window.innerWidth + 1;
      }
    }
    return true;
  }).map((t) => (t.caption?.textContent || t.textContent).slice(0, 60));
  const labels = [];
  for (const svg of document.querySelectorAll("svg")) {
    const cells = [...svg.querySelectorAll('g[aria-label="cell"] rect')];
    if (cells.length === 0) continue;
    for (const text of svg.querySelectorAll('g[aria-label="text"] text')) {
      const t = text.getBoundingClientRect();
      const x = t.left + t.width / 2, y = t.top + t.height / 2;
      const cell = cells.find((c) => {
        const r = c.getBoundingClientRect();
        return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
      });
      if (!cell) continue;
      labels.push({
        text: text.textContent,
        ratio: contrast(getComputedStyle(cell).fill, getComputedStyle(text).fill),
      });
    }
  }
  return {
    html: document.documentElement.outerHTML,
    text: document.body.innerText,
    toc,
    prev: Boolean(document.querySelector('nav.pager a[rel="prev"]')),
    next: Boolean(document.querySelector('nav.pager a[rel="next"]')),
    unboxed,
    labels,
  };
})()`;

function legibility(page: Page): Promise<Legibility> {
  return page.evaluate(LEGIBILITY) as Promise<Legibility>;
}

/** Text a chart library prints into a page when it is misused. */
const CHART_WARNING = /some data associated with the|Please check the console|\u26a0\ufe0f/;
/** An absolute path outside the site (a home, temp or checkout folder). */
const ABSOLUTE_PATH = /(?<![\w.~-])\/(home|root|tmp|work|Users|var|mnt|opt)\/\w/;

Deno.test({
  name: "the report site: index, a notebook report and a comparison in headless Chromium",
  ignore: !HAVE_CHROMIUM && !IN_CI,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "ws-browser-" });
    await using mlflow = await startLocalServer({ storeDir: join(tmp, "mlflow") });
    const reportsDir = join(tmp, "reports");
    // Step parameters are paths inside the project (see pipelines/params/common.ts).
    const dataDir = `.cache/tests/browser-${crypto.randomUUID().slice(0, 8)}`;
    await pipeline(reportsDir, dataDir, mlflow.uri, []);
    await pipeline(reportsDir, dataDir, mlflow.uri, ["backtest.topK=2"]);
    const [second, first] = await readHistory(reportsDir);

    // Rebuild the whole site from the stored runs, as `deno task report` does.
    const report = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", projectPath("pipelines", "report.ts"), "--reports-dir", reportsDir],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(report.code, 0, new TextDecoder().decode(report.stderr));

    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      siteHandler(reportsDir),
    );
    const origin = `http://127.0.0.1:${server.addr.port}`;
    const browser = await launch();
    await Deno.mkdir(SCREENSHOTS, { recursive: true });
    const outside: string[] = [];
    const failed: string[] = [];
    try {
      const backtest = second.steps.find((s) => s.name === "backtest")!;
      // Every numbered notebook page of the second run (its reused steps link the first run's).
      const notebooks = second.steps.filter((s) => s.html !== undefined);
      assert.equal(notebooks.length, 6, "six notebook pages");
      const pages: Record<string, string> = {
        index: "index.html",
        report: backtest.html!,
        ...Object.fromEntries(
          notebooks.filter((s) => s !== backtest).map((s) => [s.name, s.html!]),
        ),
        compare: `compare/${first.key}--${second.key}.html`,
      };
      const root = projectPath();
      let heatmapLabels = 0;
      const checkedLinks = new Set<string>();
      for (const [viewport, width, height] of VIEWPORTS) {
        const context = await browser.newContext({ viewport: { width, height } });
        await context.route("**/*", (route) => {
          const url = route.request().url();
          if (url.startsWith(`${origin}/`) || url.startsWith("data:")) return route.continue();
          outside.push(url);
          return route.abort();
        });
        const page = await context.newPage();
        page.on("response", (r) => {
          if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
        });
        for (const [name, path] of Object.entries(pages)) {
          const response = await page.goto(`${origin}/${path}`, { waitUntil: "load" });
          assert.equal(response?.status(), 200, `${path} did not load`);
          await page.screenshot({
            path: join(SCREENSHOTS, `${name}-${viewport}.png`),
            fullPage: name !== "report",
          });
          const seen = await facts(page);
          assert.ok(seen.overflow <= 1, `${path} is ${seen.overflow}px wider than ${width}px`);
          const read = await legibility(page);
          assert.doesNotMatch(read.html, CHART_WARNING, `${path} shows a chart warning`);
          assert.doesNotMatch(read.html, /<td[^>]*>NaN<\/td>/, `${path} prints NaN in a table`);
          assert.ok(!read.html.includes(root), `${path} shows the project's absolute path`);
          assert.ok(!read.html.includes(tmp), `${path} shows the reports folder's absolute path`);
          assert.doesNotMatch(read.text, ABSOLUTE_PATH, `${path} shows an absolute path`);
          assert.deepEqual(read.unboxed, [], `${path}: tables that do not scroll in a box`);
          for (const label of read.labels) {
            assert.ok(
              label.ratio >= 4.5,
              `${path}: heatmap label "${label.text}" has ${label.ratio.toFixed(2)}:1`,
            );
          }
          heatmapLabels += read.labels.length;
          const at = notebooks.findIndex((s) => s.html === path);
          if (at >= 0) {
            assert.ok(read.toc.length >= 2, `${path} has no table of contents`);
            for (const entry of read.toc) {
              assert.ok(entry.target, `${path}: contents link ${entry.href} has no section`);
            }
            assert.equal(read.prev, at > 0, `${path}: previous link`);
            assert.equal(read.next, at < notebooks.length - 1, `${path}: next link`);
          }

          if (name === "report") {
            assert.ok(seen.charts.length >= 2, `${path} has ${seen.charts.length} charts`);
            // Code is folded away until its summary is clicked.
            const code = page.locator("details.code").nth(2);
            assert.equal(await code.locator("pre").isVisible(), false);
            await code.locator("summary").click();
            assert.equal(await code.locator("pre").isVisible(), true);
            assert.match(await page.locator(".run-meta").innerText(), /topK\s+2\s+changed/);
            // The closing metrics table sorts by value when its heading is clicked.
            const metrics = page.locator(".output table.ws-sortable").last();
            await metrics.locator("th").nth(1).click();
            const values = await metrics.locator("tbody td[data-value]").evaluateAll((tds) =>
              tds.map((td) =>
                Number((td as unknown as { dataset: { value: string } }).dataset.value)
              )
            );
            assert.ok(values.length > 20, `only ${values.length} metrics`);
            const finite = values.filter((v) => Number.isFinite(v));
            assert.ok(finite.every((v, i) => i === 0 || finite[i - 1] <= v), "not sorted by value");
          }
          if (name === "compare") {
            const titles = seen.charts.map((c) => c.title);
            for (const title of ["Equity of the top-k", "IC decay", "Prediction coverage"]) {
              assert.ok(titles.some((t) => t.startsWith(title)), `no "${title}" chart: ${titles}`);
            }
            const legends = await page.locator('figure [class$="-swatch"]')
              .count();
            assert.ok(legends >= 2, "overlaid runs need a legend");
          }
          for (const chart of seen.charts) {
            assert.ok(chart.title, `${path}: a chart without a title`);
            assert.ok(chart.marks > 5, `${path}: chart "${chart.title}" is empty`);
            assert.ok(
              chart.width > 100 && chart.height > 50,
              `${path}: "${chart.title}" has no size`,
            );
          }
          if (name === "index") {
            const text = await page.locator(`section[id="${second.key}"]`).innerText();
            assert.match(text, /backtest\.topK=2/);
            assert.match(text, /Sharpe \(top-k\)/);
            assert.match(text, /Champion model/);
          }

          for (const link of seen.links) {
            if (link.external) {
              assert.match(
                link.href,
                /^http:\/\/127\.0\.0\.1:5000\/#\/experiments\/\d+\/runs\/\w+$/,
              );
              continue;
            }
            assert.ok(link.href.startsWith(`${origin}/`), `${path} links outside: ${link.href}`);
            const url = link.href.replace(/#.*$/, "");
            if (checkedLinks.has(url)) continue;
            checkedLinks.add(url);
            const res = await page.request.get(url);
            assert.equal(res.status(), 200, `${path} links ${url}: ${res.status()}`);
          }
        }
        await context.close();
      }
      assert.ok(checkedLinks.size > 15, `only ${checkedLinks.size} links checked`);
      assert.ok(heatmapLabels > 20, `only ${heatmapLabels} heatmap labels checked`);
      assert.deepEqual(outside, [], "pages requested something from outside the site");
      assert.deepEqual(failed, [], "some requests failed");
    } finally {
      await browser.close();
      await server.shutdown();
    }
    await Deno.remove(tmp, { recursive: true });
    await Deno.remove(projectPath(dataDir), { recursive: true });
  },
});
