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
      const pages = {
        index: "index.html",
        report: backtest.html!,
        compare: `compare/${first.key}--${second.key}.html`,
      };
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

          if (name === "report") {
            assert.ok(seen.charts.length >= 2, `${path} has ${seen.charts.length} charts`);
            // Code is folded away until its summary is clicked.
            const code = page.locator("details.code").nth(2);
            assert.equal(await code.locator("pre").isVisible(), false);
            await code.locator("summary").click();
            assert.equal(await code.locator("pre").isVisible(), true);
            assert.match(await page.locator(".run-meta").innerText(), /topK\s+2\s+changed/);
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
