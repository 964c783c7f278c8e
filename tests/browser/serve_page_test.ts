/**
 * The service's live page as a person sees it: champions published to a real MLflow server,
 * the service's handler on 127.0.0.1, the page opened in headless Chromium (Debian's
 * `chromium`, driven by playwright-core). Checks the signal and charts render and nothing is
 * requested from anywhere but the service. A screenshot goes to `.cache/screenshots/`.
 *
 * Without Chromium the test is skipped with a message, except in CI (CI set), where it fails.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { artifactPath } from "@lib/data/artifacts.ts";
import { MlflowClient, startLocalServer } from "@lib/mlflow/mod.ts";
import { projectPath } from "@lib/paths.ts";
import { indexWeights } from "@lib/signals/constituent_weights.ts";
import { createHandler, ModelService, readStoredBars } from "@lib/serving/mod.ts";
import { publishFixture } from "../serving/fixture.ts";

const CHROMIUM = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = Boolean(Deno.env.get("CI"));

Deno.test({
  name: "the live page renders in headless Chromium with no outside request",
  ignore: !HAVE_CHROMIUM && !IN_CI,
  async fn() {
    const dir = await mkdtemp(join(tmpdir(), "serving-page-"));
    const mlflow = await startLocalServer({ storeDir: join(dir, "mlflow") });
    const fixture = await publishFixture(new MlflowClient(mlflow.uri), join(dir, "data"));
    const service = await new ModelService({
      trackingUri: mlflow.uri,
      refs: {
        regression: { name: "stock-returns", alias: "champion" },
        action: { name: "stock-actions", alias: "champion" },
      },
      barsPath: artifactPath(fixture.dataDir, "panel"),
      readBars: () => readStoredBars(fixture.dataDir),
      weights: (bars) => indexWeights(bars, { window: 60 }),
      signal: { minCoverage: 0.5, positions: { buy: 0.3, sell: -0.3 }, history: 252 },
    }).start();
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      createHandler(service),
    );
    const origin = `http://127.0.0.1:${server.addr.port}`;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const outside: string[] = [];
      await context.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith(`${origin}/`) || url.startsWith("data:")) return route.continue();
        outside.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      const response = await page.goto(`${origin}/`, { waitUntil: "load" });
      assert.equal(response?.status(), 200);
      const headline = await page.locator("p.big").innerText();
      assert.match(headline, /^2013-03-01: (buy|sell|hold) score -?\d\.\d{3}$/);
      const charts = await page.locator("svg").evaluateAll((svgs) =>
        svgs.map((s) => s.getBoundingClientRect().width).filter((w) => w > 200)
      );
      assert.ok(charts.length >= 2, `charts: ${charts}`);
      assert.equal(await page.locator("table tr").count(), 1 + 4);
      await Deno.mkdir(projectPath(".cache", "screenshots"), { recursive: true });
      await page.screenshot({
        path: projectPath(".cache", "screenshots", "serve-page.png"),
        fullPage: true,
      });
      assert.deepEqual(outside, []);
    } finally {
      await browser.close();
      await server.shutdown();
      await mlflow.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
});
