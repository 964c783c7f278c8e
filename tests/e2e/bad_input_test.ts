/**
 * The catalog of bad inputs: each gets a clear error naming what is wrong, a non-zero exit, no
 * file outside the project's folders and no partial output.
 */
import assert from "node:assert/strict";
import { pipelineArgs } from "@pipelines/task_args.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startLocalServer } from "@lib/mlflow/server.ts";
import { projectPath } from "@lib/paths.ts";

async function pipeline(args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: pipelineArgs(...args),
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  return { code: out.code, text };
}

/** Rejected before anything runs: exit 2, the message names the input. */
const REJECTED: [string, string[], RegExp][] = [
  [
    "unknown step",
    ["--steps", "featurez"],
    /--steps "featurez" is not a step of pipeline "research"/,
  ],
  [
    "unknown parameter",
    ["--param", "windowz=3"],
    /--param windowz: no step has a parameter "windowz"/,
  ],
  ["unknown step in a parameter", ["--param", "trainin.seed=3"], /unknown step "trainin"/],
  ["wrong type", ["--param", "seed=abc"], /acquisition\.seed: Expected number, received string/],
  [
    "malformed list",
    ["--param", "features.smaWindows=[20,"],
    /features\.smaWindows: Expected array/,
  ],
  ["malformed option", ["--bogus"], /Unknown option '--bogus'/],
  ["bad timeout", ["--cell-timeout", "soon"], /--cell-timeout "soon" is not a number of seconds/],
  [
    "dataDir leaving the project",
    ["--param", "dataDir=../outside"],
    /"\.\.\/outside" must stay inside the project folder/,
  ],
  [
    "absolute dataDir",
    ["--param", "dataDir=/tmp/ws-absolute"],
    /"\/tmp\/ws-absolute" must be a path relative to the project folder/,
  ],
  ["control character", ["--param", "dataDir=data/\u0007bell"], /contains a control character/],
  [
    "ticker forming a path",
    ["--param", "symbols=../../etc/passwd"],
    /symbols\.0: expected a ticker symbol/,
  ],
  [
    "path-like universe file",
    ["--param", "acquisition.universe=../../etc/hosts"],
    /acquisition\.universe: .*must stay inside the project folder/,
  ],
  [
    "symbols for a selection without step 01",
    ["--steps", "features", "--param", "symbols=AAPL"],
    /--param symbols: belongs to step 01 \(acquisition\)/,
  ],
  [
    "a date not on the calendar",
    ["--param", "start=2021-02-29"],
    /acquisition\.start: "2021-02-29" is not a calendar date/,
  ],
  [
    "start after end",
    ["--param", "start=2012-01-01", "--param", "end=2011-01-01"],
    /acquisition.*2012-01-01.*2011-01-01/,
  ],
  [
    "no direction classifier",
    ["--param", "training.directionModels="],
    /needs at least one direction classifier/,
  ],
  [
    "a factor file that does not exist",
    ["--param", "factorFile=data/no_such_factors.csv"],
    /factorFile.*does not exist/,
  ],
];

for (const [what, args, message] of REJECTED) {
  Deno.test(`bad input is refused before anything runs: ${what}`, async () => {
    const { code, text } = await pipeline(args);
    assert.equal(code, 2, text);
    assert.match(text, message);
    assert.doesNotMatch(text, /at file:\/\/|Stack backtrace/, "an error, not a stack trace");
  });
}

Deno.test("no refused input touched the disk", () => {
  assert.ok(!existsSync(projectPath("..", "outside")));
  assert.ok(!existsSync("/tmp/ws-absolute"));
  assert.ok(!existsSync(projectPath("data", "\u0007bell")));
});

Deno.test({
  name: "bad data fails its notebook with a clear error and leaves no partial output",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "ws-bad-data-" });
    await using server = await startLocalServer({ storeDir: join(tmp, "mlflow") });
    const data = `.cache/tests/bad-${crypto.randomUUID().slice(0, 8)}`;
    const run = (dir: string, ...args: string[]) =>
      pipeline(
        ["--reports-dir", join(tmp, "reports"), "--param", `dataDir=${data}/${dir}`, ...args],
        { MLFLOW_TRACKING_URI: server.uri },
      );
    try {
      const cases: [string, string[], RegExp, string?][] = [
        [
          "missing",
          ["--steps", "features"],
          /panel\/daily\.parquet: file not found \(has the step that writes it run\?\)/,
          "features/features.parquet",
        ],
        [
          "unknown",
          ["--steps", "acquisition", "--param", "symbols=ZZZZ"],
          /symbol\(s\) not in the universe: ZZZZ/,
        ],
        [
          "empty",
          ["--steps", "acquisition", "--param", 'acquisition.filters={"minPrice": 100000}'],
          /no symbol passes the filters \{"minPrice":100000\}/,
          "panel/daily.parquet",
        ],
      ];
      for (const [dir, args, message, notWritten] of cases) {
        const { code, text } = await run(dir, ...args);
        assert.equal(code, 1, text);
        assert.match(text, /FAILED in notebooks\/0\d_\w+\.ipynb, cell \d+/);
        assert.match(text, message);
        if (notWritten) assert.ok(!existsSync(projectPath(data, dir, notWritten)), notWritten);
      }

      // A corrupt input file: named, and the step writes nothing.
      await Deno.mkdir(projectPath(data, "corrupt", "panel"), { recursive: true });
      await Deno.writeTextFile(
        projectPath(data, "corrupt", "panel", "daily.parquet"),
        "not parquet",
      );
      const { code, text } = await run("corrupt", "--steps", "features");
      assert.equal(code, 1, text);
      assert.match(text, /panel\/daily\.parquet: cannot read as Parquet/);
      assert.ok(!existsSync(projectPath(data, "corrupt", "features")));

      const partial = [...walk(projectPath(data))].filter((f) => f.endsWith(".tmp"));
      assert.deepEqual(partial, [], "no temporary file is left behind");
    } finally {
      await Deno.remove(projectPath(data), { recursive: true }).catch(() => {});
      await Deno.remove(tmp, { recursive: true });
    }
  },
});

function* walk(dir: string): Generator<string> {
  for (const entry of Deno.readDirSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* walk(path);
    else yield path;
  }
}
