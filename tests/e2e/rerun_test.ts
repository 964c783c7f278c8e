/**
 * End to end: reruns of the research pipeline over a local folder of Yahoo-export CSVs. Bars
 * appended to every file are fetched by the next plain rerun (only those rows), and every later
 * step reruns on the longer panel; a rerun with nothing new reuses all six steps.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { MlflowClient } from "@lib/mlflow/client.ts";
import { startLocalServer } from "@lib/mlflow/server.ts";
import { projectPath } from "@lib/paths.ts";
import { pipelineArgs } from "@pipelines/task_args.ts";
import { research } from "@pipelines/research.ts";

// Five stocks (quintiles need five) and the benchmark the local source loads as `^GSPC`.
const SYMBOLS = ["AAA", "BBB", "CCC", "DDD", "EEE", "^GSPC"];
const FIRST_DAYS = 400;
const APPENDED = 5;
// One model of each kind and short windows keep the run small. The dates (2017-01 to 2018-07)
// stay within the bundled factor file (to 2018-11); the 160 test days give the backtest's monthly
// factor regression more months than coefficients.
const FAST = [
  "acquisition.universe=",
  "acquisition.splits=",
  "training.nFolds=2",
  "training.testSize=80",
  "training.directionModels=logistic",
  "training.candidates=ridge",
  "analysis.regressionWindow=6",
  "backtest.gridWindows=5,10",
];

/** `n` business days from 2017-01-02 (no holidays: the benchmark's dates are the calendar). */
function businessDays(n: number): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(2017, 0, 2); days.length < n; t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6) days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** Yahoo-export rows for `dates`, a deterministic random walk per symbol. */
function csvRows(symbolIndex: number, dates: readonly string[], from: number): string[] {
  let seed = 1_000 + symbolIndex * 7_919;
  const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
  let close = 50 + 10 * symbolIndex;
  const rows: string[] = [];
  for (let i = 0; i < dates.length; i++) {
    const open = close * (1 + (random() - 0.5) * 0.01);
    close = open * (1 + (random() - 0.5) * 0.03);
    const high = Math.max(open, close) * 1.004;
    const low = Math.min(open, close) * 0.996;
    const volume = 1_000_000 + Math.round(random() * 500_000);
    const cells = [open, high, low, close, close].map((v) => v.toFixed(4));
    if (i >= from) rows.push([dates[i], ...cells, volume].join(","));
  }
  return rows;
}

Deno.test({
  name: "a rerun fetches bars appended to a local folder and reruns every later step",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "ws-rerun-" });
    await using server = await startLocalServer({ storeDir: join(tmp, "mlflow") });
    const experiment = `rerun-${crypto.randomUUID().slice(0, 8)}`;
    // Step parameters are paths inside the project (see pipelines/params/common.ts).
    const root = `.cache/tests/rerun-${crypto.randomUUID().slice(0, 8)}`;
    const vendor = `${root}/vendor`;
    const dataDir = `${root}/work`;
    await Deno.mkdir(projectPath(vendor), { recursive: true });
    const dates = businessDays(FIRST_DAYS + APPENDED);
    const header = "Date,Open,High,Low,Close,Adj Close,Volume";
    for (const [i, symbol] of SYMBOLS.entries()) {
      const rows = csvRows(i, dates.slice(0, FIRST_DAYS), 0);
      await Deno.writeTextFile(
        projectPath(vendor, `${symbol}.csv`),
        [header, ...rows, ""].join("\n"),
      );
    }

    const pipeline = async () => {
      const params = [...FAST, "acquisition.source=local", `acquisition.sourceDir=${vendor}`];
      const cli = await new Deno.Command(Deno.execPath(), {
        args: [
          ...pipelineArgs(),
          "--experiment",
          experiment,
          "--reports-dir",
          join(tmp, "reports"),
          ...[...params, `dataDir=${dataDir}`].flatMap((p) => ["--param", p]),
        ],
        env: { MLFLOW_TRACKING_URI: server.uri },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const output = new TextDecoder().decode(cli.stdout) + new TextDecoder().decode(cli.stderr);
      assert.equal(cli.code, 0, `pipeline failed:\n${output}`);
      return output;
    };
    const lastPanelDate = () => {
      const panel = pl.readParquet(projectPath(dataDir, "panel", "daily.parquet"));
      const dates = panel.getColumn("date").sort().toArray() as unknown as Date[];
      return dates[dates.length - 1].toISOString().slice(0, 10);
    };
    const mlflow = new MlflowClient(server.uri);
    const latestAcquisition = async () => {
      const id = (await mlflow.getExperimentByName(experiment))!.experimentId;
      const runs = await mlflow.searchRuns({ experimentIds: [id] });
      return runs.filter((r) => r.data.tags["ws.step"] === "acquisition")
        .sort((a, b) => (b.info.startTime ?? 0) - (a.info.startTime ?? 0))[0];
    };
    const steps = research.steps.map((s) => s.name);

    await pipeline();
    assert.equal(lastPanelDate(), dates[FIRST_DAYS - 1]);

    // Five new bars in every file: the probe sees six changed files, the store fetches only them.
    for (const [i, symbol] of SYMBOLS.entries()) {
      const rows = csvRows(i, dates, FIRST_DAYS);
      await Deno.writeTextFile(projectPath(vendor, `${symbol}.csv`), rows.join("\n") + "\n", {
        append: true,
      });
    }
    const second = await pipeline();
    assert.match(
      second,
      /acquisition · runs: source data changed \(local folder [^:]*: 6 files changed\)/,
    );
    for (const step of steps.slice(1)) {
      assert.match(second, new RegExp(`${step} · runs: input data changed`), step);
    }
    assert.equal(lastPanelDate(), dates[FIRST_DAYS + APPENDED - 1]);
    const acquisition = await latestAcquisition();
    assert.equal(acquisition.data.metrics.store_rows_fetched, APPENDED * (SYMBOLS.length - 1));
    assert.match(acquisition.data.tags["ws.source_probe"], /^local folder .*: 6 files, digest /);

    const third = await pipeline();
    for (const step of steps) {
      assert.match(third, new RegExp(`${step} · cached: unchanged since its last run`), step);
    }
    assert.match(third, /acquisition · probed local folder .*: 6 files, digest /);

    await Deno.remove(tmp, { recursive: true });
    await Deno.remove(projectPath(root), { recursive: true });
  },
});
