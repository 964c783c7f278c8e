/**
 * `deno task predict --model NAME@ALIAS --date D --symbols A,B,...`: scores a date with the
 * registered model behind an alias, from the stored bars (step 02's features, no labels, no
 * retraining), and upserts the rows into a predictions file under the data dir. The server is
 * MLFLOW_TRACKING_URI when set, otherwise a local one over .mlflow/ for the duration of the call.
 * @module
 */
import { parseArgs } from "node:util";
import { isAbsolute } from "node:path";
import pl from "nodejs-polars";
import { MlflowClient } from "@lib/mlflow/client.ts";
import { resolveTracking } from "@lib/mlflow/server.ts";
import { ensureEnvironment } from "@lib/runner/environment.ts";
import { projectPath } from "@lib/paths.ts";
import {
  checkModels,
  formatModelRef,
  loadScoringModel,
  type ModelRef,
  parseDay,
  parseModelRef,
  readStoredBars,
  scoreDay,
  scoredFrame,
  type ScoringModels,
  scoringTable,
  servedPredictionsPath,
  UnknownSymbolError,
  upsertPredictionFile,
} from "@lib/serving/mod.ts";
import { isoFromDay } from "@lib/validation/days.ts";

const HELP = `deno task predict --model NAME@ALIAS --date YYYY-MM-DD --symbols A,B,... [options]

Scores one date with a registered model, without retraining: the features of that date are
computed from the stored bars (<data-dir>/panel/daily.parquet, written by step 01) with step 02's
code, the model is loaded from the MLflow registry alias, and the rows are upserted into the
predictions file keyed by (symbol, date, horizon, model). Rerunning the same call leaves the file
byte-identical.

Options:
  --model NAME@ALIAS         the model to score with (NAME alone means NAME@champion): the
                             regression champion (stock-returns) or the action classifier
                             (stock-actions)
  --action-model NAME@ALIAS  with a regression --model, the action classifier whose class and five
                             probabilities are added (default stock-actions@<the --model alias>,
                             skipped with a note when that is not registered); "none" leaves them out
  --date YYYY-MM-DD          the date to score (a session of the stored bars)
  --symbols A,B,...          the symbols to score (held by the stored bars)
  --data-dir DIR             the run's data dir (default data/work)
  --out PATH                 the predictions file, .parquet or .csv
                             (default <data-dir>/predict/predictions.parquet)

Columns: symbol, date, horizon, model, version, prediction (predicted return), q10..q90, p_up,
action_model, action_version, action_class (-2..2), action_score, p_strong_sell .. p_strong_buy.

Server: MLFLOW_TRACKING_URI when set, else a local server over .mlflow/ started for this call.
Exit codes: 0 written, 1 refused (unknown model, alias or symbol, a date without features),
2 bad usage.

Example:
  deno task predict --model stock-returns@champion --date 2013-03-01 --symbols AAPL,MSFT`;

/** A usage error: printed with a pointer to --help, exit code 2. */
class UsageError extends Error {}

/** The parsed command line. */
interface Invocation {
  model: ModelRef;
  /** The explicit action model, "none", or undefined for the default. */
  actionModel?: ModelRef | "none";
  day: number;
  symbols: string[];
  dataDir: string;
  out?: string;
}

/** Parses `args`; throws a {@link UsageError} naming the bad input. Undefined for --help. */
function parse(args: string[]): Invocation | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        model: { type: "string" },
        "action-model": { type: "string" },
        date: { type: "string" },
        symbols: { type: "string" },
        "data-dir": { type: "string", default: "data/work" },
        out: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return undefined;
  const need = (name: string, value: string | undefined) => {
    if (value === undefined || value === "") throw new UsageError(`needs --${name}`);
    return value;
  };
  const wrap = <T>(f: () => T): T => {
    try {
      return f();
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  const model = wrap(() => parseModelRef(need("model", values.model)));
  const rawAction = values["action-model"];
  const actionModel = rawAction === undefined
    ? undefined
    : rawAction === "none"
    ? "none" as const
    : wrap(() => parseModelRef(rawAction, "--action-model"));
  const day = wrap(() => parseDay(need("date", values.date), "--date"));
  const symbols = need("symbols", values.symbols).split(",").map((s) => s.trim());
  const bad = symbols.filter((s) => !/^[A-Za-z0-9^][A-Za-z0-9.^_-]{0,19}$/.test(s));
  if (bad.length > 0) {
    throw new UsageError(`--symbols: ${bad.map((s) => `"${s}"`).join(", ")} not a symbol`);
  }
  const dupes = symbols.filter((s, i) => symbols.indexOf(s) !== i);
  if (dupes.length > 0) throw new UsageError(`--symbols repeats ${[...new Set(dupes)]}`);
  const out = values.out;
  if (out !== undefined && !/\.(parquet|csv)$/.test(out)) {
    throw new UsageError(`--out "${out}": expected a .parquet or .csv file`);
  }
  return { model, actionModel, day, symbols, dataDir: values["data-dir"]!, out };
}

/** Scores and writes; returns the lines to print. */
async function run(client: MlflowClient, call: Invocation, bars: pl.DataFrame) {
  const lines: string[] = [];
  const primary = await loadScoringModel(client, call.model);
  const models: ScoringModels = {};
  if (primary.task === "action") {
    // An action classifier given as --model scores alone.
    models.action = primary;
  } else {
    models.regression = primary;
    const explicit = call.actionModel;
    if (explicit !== "none") {
      const ref = explicit ?? { name: "stock-actions", alias: call.model.alias };
      try {
        models.action = await loadScoringModel(client, ref);
      } catch (error) {
        if (explicit !== undefined) throw error;
        lines.push(
          `note: no action classifier ${formatModelRef(ref)} (${(error as Error).message}); ` +
            "the action columns are empty",
        );
      }
    }
  }
  checkModels(models);
  const table = scoringTable(bars, models, { symbols: call.symbols, upTo: call.day });
  const rows = scoreDay(models, table, call.day, call.symbols);
  const frame = scoredFrame(rows);
  const out = call.out === undefined
    ? servedPredictionsPath(call.dataDir)
    : isAbsolute(call.out)
    ? call.out
    : projectPath(call.out);
  const written = await upsertPredictionFile(out, frame);
  const used = [models.regression, models.action].filter((m) => m !== undefined)
    .map((m) => `${m.info.name} version ${m.info.version} (${m.info.alias})`).join(" and ");
  lines.push(
    frame.select(
      "symbol",
      "date",
      "horizon",
      "prediction",
      ...frame.columns.filter((c) => /^q\d+$/.test(c)),
      "p_up",
      "action_class",
    ).toString(),
    `scored ${rows.length} symbol(s) on ${isoFromDay(call.day)} with ${used}; upserted into ` +
      `${out} (${written.height} rows)`,
  );
  return lines;
}

if (import.meta.main) {
  let call: Invocation | undefined;
  try {
    call = parse(Deno.args);
  } catch (error) {
    console.error(`predict: ${(error as Error).message} (deno task predict --help)`);
    Deno.exit(2);
  }
  if (call === undefined) {
    console.log(HELP);
    Deno.exit(0);
  }
  let code = 0;
  try {
    // The symbols are checked against the stored bars before MLflow starts.
    const bars = readStoredBars(call.dataDir);
    const held = [...new Set(bars.getColumn("symbol").cast(pl.Utf8).toArray() as string[])]
      .sort();
    const unknown = call.symbols.filter((s) => !held.includes(s));
    if (unknown.length > 0) throw new UnknownSymbolError(unknown, held);
    const env = await ensureEnvironment();
    const tracking = await resolveTracking({ mlflowBin: env.mlflow });
    try {
      for (const line of await run(new MlflowClient(tracking.uri), call, bars)) {
        console.log(line);
      }
    } finally {
      await tracking.stop();
    }
  } catch (error) {
    console.error(`predict: ${(error as Error).message}`);
    code = 1;
  }
  Deno.exit(code);
}
