/**
 * `deno task predict` against a real local MLflow server, run as a subprocess as a user runs it:
 * scoring a date without retraining, the upsert keyed by (symbol, date, horizon, model), a
 * second identical run leaving the file byte-identical (Parquet and CSV), and the errors that
 * name bad input before anything heavy starts.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MlflowClient, startLocalServer } from "@lib/mlflow/mod.ts";
import { readParquetFile } from "@lib/data/parquet.ts";
import { projectPath } from "@lib/paths.ts";
import { publishFixture } from "./fixture.ts";

async function predict(env: Record<string, string>, ...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", projectPath("pipelines", "predict.ts"), ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test("deno task predict usage errors name the bad input and exit 2", async () => {
  const env = { MLFLOW_TRACKING_URI: "http://127.0.0.1:9" }; // never contacted
  const base = ["--model", "stock-returns@champion", "--date", "2013-12-31"];
  const cases: [string[], RegExp][] = [
    [[], /needs --model/],
    [["--model", "bad name"], /"bad name" is not a model name/],
    [["--model", "m@"], /"" is not an alias/],
    [["--model", "m", "--date", "2021-02-29", "--symbols", "A"], /--date "2021-02-29" is not a/],
    [["--model", "m", "--date", "2013-12-31"], /needs --symbols/],
    [[...base, "--symbols", "AAPL,AAPL"], /--symbols repeats AAPL/],
    [[...base, "--symbols", "A B"], /"A B" not a symbol/],
    [[...base, "--symbols", "AAPL", "--out", "x.json"], /expected a .parquet or .csv file/],
    [[...base, "--colour"], /Unknown option '--colour'/],
  ];
  for (const [args, message] of cases) {
    const out = await predict(env, ...args);
    assert.equal(out.code, 2, args.join(" "));
    assert.match(out.stderr, message, args.join(" "));
    assert.match(out.stderr, /deno task predict --help/);
  }
  const help = await predict(env, "--help");
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--model NAME@ALIAS/);
});

Deno.test("deno task predict scores a date and upserts it byte-identically", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "serving-predict-"));
  const server = await startLocalServer({ storeDir: join(dir, "mlflow") });
  try {
    const dataDir = join(dir, "data");
    await publishFixture(new MlflowClient(server.uri), dataDir);
    const env = { MLFLOW_TRACKING_URI: server.uri };
    const args = (date: string, symbols: string, ...more: string[]) => [
      "--model",
      "stock-returns@champion",
      "--date",
      date,
      "--symbols",
      symbols,
      "--data-dir",
      dataDir,
      ...more,
    ];
    const path = join(dataDir, "predict", "predictions.parquet");

    await t.step("a date is scored, and a second identical run changes no byte", async () => {
      const first = await predict(env, ...args("2013-02-28", "AAPL,MSFT"));
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /scored 2 symbol\(s\) on 2013-02-28 with stock-returns version 1/);
      const frame = readParquetFile(path);
      assert.equal(frame.height, 2);
      for (const c of ["prediction", "q10", "q90", "p_up", "action_class", "p_strong_buy"]) {
        assert.equal(frame.getColumn(c).nullCount(), 0, c);
      }
      assert.deepEqual(frame.getColumn("model").toArray(), ["stock-returns", "stock-returns"]);
      const bytes = await Deno.readFile(path);
      const again = await predict(env, ...args("2013-02-28", "AAPL,MSFT"));
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual(await Deno.readFile(path), bytes);
    });

    await t.step("rows are upserted by (symbol, date, horizon, model)", async () => {
      assert.equal((await predict(env, ...args("2013-02-28", "AAPL"))).code, 0);
      assert.equal(readParquetFile(path).height, 2);
      assert.equal((await predict(env, ...args("2013-03-01", "AAPL,IBM"))).code, 0);
      const frame = readParquetFile(path);
      assert.equal(frame.height, 4);
      const leftovers = [...Deno.readDirSync(join(dataDir, "predict"))].map((e) => e.name);
      assert.deepEqual(leftovers, ["predictions.parquet"]); // no temporary file left behind
    });

    await t.step("CSV output is upserted and stable too", async () => {
      const csv = join(dir, "out.csv");
      assert.equal((await predict(env, ...args("2013-02-28", "AAPL,MSFT", "--out", csv))).code, 0);
      assert.equal((await predict(env, ...args("2013-03-01", "AMD", "--out", csv))).code, 0);
      const text = await Deno.readTextFile(csv);
      assert.equal(text.trim().split("\n").length, 4);
      assert.match(text.split("\n")[0], /^symbol,date,horizon,model,version,prediction,q10,/);
      assert.equal((await predict(env, ...args("2013-02-28", "AAPL,MSFT", "--out", csv))).code, 0);
      assert.equal(await Deno.readTextFile(csv), text);
    });

    await t.step("bad input is refused with a clear error", async () => {
      const unknown = await predict(
        { MLFLOW_TRACKING_URI: "http://127.0.0.1:9" },
        ...args("2013-02-28", "AAPL,ZZZZ"),
      );
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /unknown symbol ZZZZ: the stored bars hold 4 symbols/);
      const alias = await predict(
        env,
        ...args("2013-02-28", "AAPL").map((a) =>
          a === "stock-returns@champion" ? "stock-returns@staging" : a
        ),
      );
      assert.equal(alias.code, 1);
      assert.match(alias.stderr, /registered model "stock-returns" has no alias "staging"/);
      const model = await predict(
        env,
        ...args("2013-02-28", "AAPL").map((a) =>
          a === "stock-returns@champion" ? "nothing@champion" : a
        ),
      );
      assert.equal(model.code, 1);
      assert.match(model.stderr, /no registered model named "nothing"/);
      const weekend = await predict(env, ...args("2013-02-23", "AAPL"));
      assert.equal(weekend.code, 1);
      assert.match(
        weekend.stderr,
        /missing inputs: 2013-02-23 is not a session of the stored bars/,
      );
      const early = await predict(env, ...args("2009-01-05", "AAPL"));
      assert.equal(early.code, 1);
      assert.match(early.stderr, /missing inputs: AAPL on 2009-01-05: .* (is|are) empty \(warm-up/);
    });
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
