/**
 * End to end: the acceptance matrix of issue 13, CI-sized. Each case is a full run of the
 * pipeline CLI (as `deno task pipeline`) on generated data ending this year, to the reports and
 * MLflow: universe sizes 1, 2, 3, 10 and 50 (local folders of Yahoo exports), a late listing,
 * an early delisting and missing bars, a `start`/`end` window inside the data, and every source
 * kind but Stooq: a local folder of CSVs, a local Parquet file with a `symbol` column, Polygon
 * flat files, and the Yahoo and Polygon APIs through the replay server. One MLflow server serves
 * the file; the generated folders live in a temp dir linked into the git-ignored `data/` (step
 * parameters are project-relative paths). The large universes (500, 2,000 symbols) are the
 * benchmark's (bench/).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { MlflowClient } from "@lib/mlflow/client.ts";
import { startLocalServer } from "@lib/mlflow/server.ts";
import { projectPath } from "@lib/paths.ts";
import { pipelineArgs } from "@pipelines/task_args.ts";
import { startReplayServer } from "../data/sources/replay_server.ts";
import {
  businessDays,
  lastBusinessDayBefore,
  universeFiles,
  writeUniverse,
} from "../fixtures/universe.ts";
import {
  barsBySymbol,
  polygonAggsBody,
  writeParquetPanel,
  writePolygonFlat,
  yahooChartBody,
} from "../fixtures/vendor_formats.ts";
import type { Bar } from "../fixtures/vendor_formats.ts";

// One model of each kind, two short folds, no action model and 30 boosting rounds keep a run
// short; the folds (2 x 80 test days after the training window) fit in DAYS business days. The
// quantile levels stay the default: without the 10-90 pair the promotion gate finds no
// coverage_80 (training.gate's default metric), refuses the model and step 04 skips inference.
const FAST = [
  "acquisition.universe=",
  "acquisition.splits=",
  "training.nFolds=2",
  "training.testSize=80",
  "training.directionModels=logistic",
  "training.candidates=ridge",
  "training.actionModel=false",
  'training.lightgbm={"numIterations":30}',
  "analysis.regressionWindow=6",
  "backtest.gridWindows=5,10",
];
/** Business days of history per generated symbol, ending on the last business day before today. */
const DAYS = 320;
const END = lastBusinessDayBefore(new Date());
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** What a pipeline run left: its console output, its run name and its experiment. */
interface Finished {
  readonly output: string;
  readonly run: string;
  readonly experiment: string;
}

/** A Node or Deno stack frame, or a Python traceback: never on the user's console. */
const STACK = /^\s+at .+:\d+:\d+\)?$|Traceback \(most recent call last\)|error: Uncaught/m;

Deno.test({
  name: "acceptance matrix: sizes, dates and sources, each a full pipeline run",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "ws-matrix-" });
    await using mlflowServer = await startLocalServer({ storeDir: join(tmp, "mlflow") });
    const mlflow = new MlflowClient(mlflowServer.uri);
    const id = crypto.randomUUID().slice(0, 8);
    // The generated folders and the steps' outputs live in `tmp`, reached through one link.
    const root = `data/matrix-${id}`;
    await Deno.mkdir(projectPath("data"), { recursive: true });
    await Deno.symlink(tmp, projectPath(root));
    const reportsDir = join(tmp, "reports");

    const pipeline = async (
      name: string,
      params: string[],
      env: Record<string, string> = {},
    ): Promise<Finished> => {
      const experiment = `matrix-${name}-${id}`;
      const all = [...FAST, ...params, `dataDir=${root}/work/${name}`];
      const began = performance.now();
      const cli = await new Deno.Command(Deno.execPath(), {
        args: [
          ...pipelineArgs(),
          "--experiment",
          experiment,
          "--reports-dir",
          reportsDir,
          ...all.flatMap((p) => ["--param", p]),
        ],
        env: { MLFLOW_TRACKING_URI: mlflowServer.uri, ...env },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const output = new TextDecoder().decode(cli.stdout) + new TextDecoder().decode(cli.stderr);
      // Said, not asserted: the matrix's cost per case, to keep the file within CI's budget.
      console.log(`${name}: pipeline run in ${((performance.now() - began) / 1000).toFixed(0)} s`);
      assert.equal(cli.code, 0, `${name}: pipeline failed:\n${output}`);
      assert.match(output, /Pipeline finished/, name);
      assert.doesNotMatch(output, STACK, `${name}: a stack trace in the output:\n${output}`);
      const run = /· run (\S+) ·/.exec(output)?.[1];
      assert.ok(run, `${name}: no run name in the output:\n${output}`);
      return { output, run, experiment };
    };
    const stepRun = async (finished: Finished, step: string) => {
      const experimentId = (await mlflow.getExperimentByName(finished.experiment))!.experimentId;
      const runs = await mlflow.searchRuns({ experimentIds: [experimentId] });
      const found = runs.filter((r) => r.data.tags["ws.step"] === step);
      assert.equal(found.length, 1, `${finished.experiment}: one ${step} run`);
      return found[0];
    };
    const page = (finished: Finished, notebook: string) =>
      Deno.readTextFile(join(reportsDir, "runs", finished.run, `${notebook}.html`));
    const panelDates = (name: string) => {
      const panel = pl.readParquet(projectPath(root, "work", name, "panel", "daily.parquet"));
      const dates = (panel.getColumn("date").toArray() as unknown as Date[]).map(iso).sort();
      const symbols = new Set(panel.getColumn("symbol").toArray() as string[]);
      return { first: dates[0], last: dates[dates.length - 1], symbols };
    };
    /** Too few symbols for quintiles: skipped, tagged on the analysis run and said on its page. */
    const assertQuantilesSkipped = async (finished: Finished, symbols: number) => {
      const analysis = await stepRun(finished, "analysis");
      assert.match(analysis.data.tags["ws.skipped"] ?? "", /^quantiles: 5 quantiles need 5/m);
      assert.equal(analysis.data.metrics.skipped_quantiles, 1);
      const html = await page(finished, "05_factor_analysis");
      const have = `the universe has ${symbols} symbol${symbols === 1 ? "" : "s"}`;
      assert.ok(html.includes(`5 quantiles need 5 symbols on a date; ${have}`), have);
    };
    /** Enough symbols: the quantile parts ran and logged their metrics. */
    const assertQuantilesRan = async (finished: Finished) => {
      const analysis = await stepRun(finished, "analysis");
      assert.equal(analysis.data.tags["ws.skipped"], undefined);
      const names = Object.keys(analysis.data.metrics);
      assert.ok(names.some((n) => /_spread/.test(n)), `no quantile spread metric: ${names}`);
      assert.ok(names.some((n) => /_turnover_mean$/.test(n)), `no turnover metric: ${names}`);
    };
    // Cases run two at a time (a run keeps about one core busy; this machine and CI have two),
    // each to its end: one failing case does not hide the others' results.
    const cases: [string, () => Promise<void>][] = [];
    const add = (name: string, fn: () => Promise<void>) => void cases.push([name, fn]);
    const folder = async (name: string, symbols: number, extra = {}) => {
      await writeUniverse(join(tmp, name), { symbols, days: DAYS, end: END, ...extra });
      return [`acquisition.source=local`, `acquisition.sourceDir=${root}/${name}`];
    };

    for (const symbols of [1, 2, 3]) {
      add(
        `${symbols} symbol(s), local CSV folder: quantile parts skipped and said`,
        async () => {
          const finished = await pipeline(
            `local${symbols}`,
            await folder(`csv${symbols}`, symbols),
          );
          await assertQuantilesSkipped(finished, symbols);
          assert.equal(panelDates(`local${symbols}`).last, iso(END));
        },
      );
    }

    add(
      "10 symbols, local CSV folder with a late listing, an early delisting and missing bars, " +
        "in a start/end window inside the data",
      async () => {
        const dates = businessDays(END, DAYS + 60).map(iso);
        const [start, end] = [dates[30], dates[dates.length - 31]];
        const params = await folder("csv10", 10, {
          days: DAYS + 60,
          listedLateDays: 90,
          delistedEarlyDays: 60,
          missingFraction: 0.02,
        });
        const finished = await pipeline("local10", [...params, `start=${start}`, `end=${end}`]);
        await assertQuantilesRan(finished);
        const panel = panelDates("local10");
        assert.ok(panel.first >= start && panel.last <= end, `${panel.first}..${panel.last}`);
        assert.equal(panel.last, end);
        assert.equal(panel.symbols.size, 10);
      },
    );

    add("50 symbols, local CSV folder: the quantile analysis runs, pages stay small", async () => {
      const finished = await pipeline("local50", await folder("csv50", 50));
      await assertQuantilesRan(finished);
      assert.equal(panelDates("local50").symbols.size, 50);
      // Past the per-symbol bound the charts band or pick symbols (tests/charts/wide_test.ts
      // bounds each one at 2,000 symbols); here, on a real run, no page nears 5 MB.
      const runDir = join(reportsDir, "runs", finished.run);
      let pages = 0;
      for await (const entry of Deno.readDir(runDir)) {
        if (!entry.name.endsWith(".html")) continue;
        pages++;
        const bytes = (await Deno.stat(join(runDir, entry.name))).size;
        assert.ok(bytes < 5_000_000, `${entry.name} is ${bytes} bytes at 50 symbols`);
      }
      assert.equal(pages, 6, `six notebook pages in ${runDir}`);
      assert.ok(
        (await page(finished, "01_acquisition")).includes("median and bands of 50 symbols"),
      );
      // One champion through every page and the index: step 04's choice, tagged on its run.
      const champion = (await stepRun(finished, "training")).data.tags["ws.champion"];
      assert.ok(champion, "the training run is tagged ws.champion");
      const named = `<strong>${champion}</strong>`;
      assert.ok((await page(finished, "04_training")).includes(`: ${named}; steps 05 and 06`));
      assert.ok(
        (await page(finished, "05_factor_analysis")).includes(`follow ${named}, the champion`),
      );
      assert.ok(
        (await page(finished, "06_backtesting")).includes(`prediction of ${named}, the champion`),
      );
      const site = await Deno.readTextFile(join(reportsDir, "index.html"));
      // this run's entry: from its anchor to the next run's
      const from = site.indexOf(`id="${finished.run}"`);
      assert.ok(from >= 0, `the index lists ${finished.run}`);
      const index = site.slice(from, site.indexOf('<section class="card run"', from) >>> 0);
      assert.match(index, new RegExp(`<dt>Champion model</dt><dd>${champion} \\(5d\\)</dd>`));
      // next-bar fills by default, said on the backtest page and tagged
      const backtestRun = await stepRun(finished, "backtest");
      assert.equal(backtestRun.data.tags["ws.same_bar_fills"], "false");
    });

    // The same generated bars in the other layouts: five stocks (quintiles need five).
    const five = barsBySymbol(universeFiles({ symbols: 5, days: DAYS, end: END, seed: 29 }));
    const stocks = [...five.keys()].filter((s) => !s.startsWith("^"));
    const benchmark = five.get("^GSPC")!;

    add("5 symbols, a local Parquet file with a symbol column", async () => {
      await Deno.mkdir(join(tmp, "parquet"));
      writeParquetPanel(join(tmp, "parquet", "bars.parquet"), five);
      const finished = await pipeline("parquet", [
        "acquisition.source=local",
        `acquisition.sourceDir=${root}/parquet`,
      ]);
      await assertQuantilesRan(finished);
      assert.deepEqual([...panelDates("parquet").symbols].sort(), stocks);
    });

    add("5 symbols, Polygon day flat files as downloaded", async () => {
      // Polygon's benchmark is SPY: the generated index is written under that ticker.
      const flat = new Map([...five].map(([s, bars]) => [s === "^GSPC" ? "SPY" : s, bars]));
      await writePolygonFlat(join(tmp, "flat"), flat);
      const finished = await pipeline("flat", [
        "acquisition.source=polygon-flat",
        `acquisition.sourceDir=${root}/flat`,
        `symbols=${stocks.join(",")}`,
      ]);
      await assertQuantilesRan(finished);
      assert.equal(panelDates("flat").last, iso(END));
    });

    // The network sources need the symbols and dates named; the replay server answers them.
    const start = five.get("S000")![0].date;
    const window = [`symbols=${stocks.join(",")}`, `start=${start}`, `end=${iso(END)}`];

    add("5 symbols, the Yahoo chart API through the replay server", async () => {
      const routes = Object.fromEntries(
        [...five].map(([s, bars]) => [`/v8/finance/chart/${s}`, json(yahooChartBody(s, bars))]),
      );
      await using replay = startReplayServer(routes, { timeoutMs: 600_000 });
      const finished = await pipeline("yahoo", [
        "acquisition.source=yahoo",
        `acquisition.sourceUrl=${replay.baseUrl}`,
        ...window,
      ]);
      await assertQuantilesRan(finished);
      assert.equal(panelDates("yahoo").last, iso(END));
    });

    add("5 symbols, Polygon's aggregates API through the replay server", async () => {
      const aggs = (s: string, bars: readonly Bar[]) => [
        `/v2/aggs/ticker/${s}/range/1/day/${start}/${iso(END)}`,
        json(polygonAggsBody(s, bars)),
      ];
      const routes = Object.fromEntries([
        ...stocks.map((s) => aggs(s, five.get(s)!)),
        aggs("SPY", benchmark),
      ]);
      await using replay = startReplayServer(routes, { timeoutMs: 600_000 });
      const finished = await pipeline("polygon", [
        "acquisition.source=polygon",
        `acquisition.sourceUrl=${replay.baseUrl}`,
        ...window,
      ], { POLYGON_API_KEY: "matrix-test-key" });
      await assertQuantilesRan(finished);
      assert.equal(panelDates("polygon").last, iso(END));
      // One request per ticker (five stocks and SPY), each with the key from the environment.
      assert.deepEqual(
        replay.requests.map((r) => r.headers.get("authorization")),
        Array(stocks.length + 1).fill("Bearer matrix-test-key"),
      );
    });

    const failures: string[] = [];
    const lane = async () => {
      for (let next = cases.shift(); next; next = cases.shift()) {
        const [name, fn] = next;
        const began = performance.now();
        const outcome = await fn().then(() => "ok", (e: unknown) => `FAILED: ${e}`);
        const seconds = ((performance.now() - began) / 1000).toFixed(0);
        console.log(`case ${name}: ${outcome.split("\n")[0]} (${seconds} s)`);
        if (outcome !== "ok") failures.push(`${name}: ${outcome}`);
      }
    };
    // WS_MATRIX_CASE=polygon runs only the cases whose name has that text (to debug one case).
    const only = Deno.env.get("WS_MATRIX_CASE");
    if (only) cases.splice(0, cases.length, ...cases.filter(([name]) => name.includes(only)));
    await Promise.all([lane(), lane()]);
    assert.deepEqual(failures, [], failures.join("\n\n"));
    await Deno.remove(projectPath(root));
    await Deno.remove(tmp, { recursive: true });
  },
});

/** A 200 JSON reply. */
function json(body: string) {
  return { status: 200, body, headers: { "content-type": "application/json" } };
}
