/**
 * `deno task registry list|promote|rollback`: the model registry from the command line, over the
 * functions the training step uses (lib/serving/registry_admin.ts). The server is
 * MLFLOW_TRACKING_URI when set, otherwise a local one over .mlflow/ for the duration of the call.
 * @module
 */
import { parseArgs } from "node:util";
import { MlflowClient } from "@lib/mlflow/client.ts";
import { resolveTracking } from "@lib/mlflow/server.ts";
import { ensureEnvironment } from "@lib/runner/environment.ts";
import {
  championHistory,
  promoteVersion,
  registryRows,
  rollbackChampion,
} from "@lib/serving/registry_admin.ts";

const HELP = `deno task registry <command> [options]

Commands:
  list [--model NAME]                  every version of every registered model (or of NAME):
                                       aliases, candidate, task, selection metric, trained-through
  promote --model NAME --version N     move the "champion" alias of NAME to version N through the
          [--min-improvement X]        promotion gate: N's selection metric must beat the current
          [--force]                    champion's by X (default 0); --force promotes anyway
  rollback --model NAME                move "champion" of NAME back to the version before it

The training step registers two models: the regression champion ("stock-returns" by default,
training.registeredModel) and the action classifier ("stock-actions", actionRegisteredModel).

Server: MLFLOW_TRACKING_URI when set, else a local server over .mlflow/ started for this call.
Exit codes: 0 done, 1 the registry refused (unknown model or version, failed gate), 2 bad usage.

Examples:
  deno task registry list
  deno task registry promote --model stock-actions --version 3
  deno task registry rollback --model stock-returns`;

/** A usage error: printed with a pointer to --help, exit code 2. */
class UsageError extends Error {}

const COMMANDS = ["list", "promote", "rollback"] as const;
type Command = typeof COMMANDS[number];

/** The parsed command line. */
interface Invocation {
  command: Command;
  model?: string;
  version?: string;
  minImprovement: number;
  force: boolean;
}

/** Parses `args`; throws a {@link UsageError} naming the bad input. Undefined for --help. */
function parse(args: string[]): Invocation | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        model: { type: "string" },
        version: { type: "string" },
        "min-improvement": { type: "string" },
        force: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === "help") return undefined;
  const [command, ...extra] = positionals;
  if (command === undefined) throw new UsageError(`name a command: ${COMMANDS.join(", ")}`);
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`unknown command "${command}"; commands: ${COMMANDS.join(", ")}`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument(s): ${extra.join(" ")}`);
  const model = values.model;
  if (model !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(model)) {
    throw new UsageError(`--model "${model}" is not a model name (letters, digits, _ . -)`);
  }
  if (command !== "list" && model === undefined) {
    throw new UsageError(`${command} needs --model NAME`);
  }
  const version = values.version;
  if (command === "promote") {
    if (version === undefined) throw new UsageError("promote needs --version N");
    if (!/^[1-9][0-9]*$/.test(version)) {
      throw new UsageError(`--version "${version}" is not a version number (1, 2, ...)`);
    }
  } else if (version !== undefined) {
    throw new UsageError(`--version belongs to promote, not ${command}`);
  }
  const raw = values["min-improvement"];
  const minImprovement = raw === undefined ? 0 : Number(raw);
  if (!(minImprovement >= 0) || raw === "") {
    throw new UsageError(`--min-improvement "${raw}" is not a number >= 0`);
  }
  if (command !== "promote" && (raw !== undefined || values.force)) {
    throw new UsageError(`--min-improvement and --force belong to promote, not ${command}`);
  }
  return {
    command: command as Command,
    model,
    version,
    minImprovement,
    force: values.force,
  };
}

/** `rows` as aligned plain-text columns under a header of their keys. */
function textTable(rows: readonly Record<string, string>[]): string {
  const keys = Object.keys(rows[0]);
  const width = keys.map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((c, j) => c.padEnd(width[j])).join("  ").trimEnd();
  return [line(keys), ...rows.map((r) => line(keys.map((k) => r[k])))].join("\n");
}

/** Runs one invocation against `client`; returns the lines to print. */
async function run(client: MlflowClient, call: Invocation): Promise<string[]> {
  if (call.command === "list") {
    const rows = await registryRows(client, call.model);
    if (rows.length === 0) return ["the registry holds no model versions yet"];
    const lines = [textTable(rows.map((r) => ({
      model: r.model,
      version: r.version,
      aliases: r.aliases.join(",") || "-",
      candidate: r.candidate || "-",
      task: r.task,
      metric: r.metric || "-",
      trained_through: r.trainedThrough || "-",
      run: r.runId.slice(0, 12) || "-",
    })))];
    for (const model of [...new Set(rows.map((r) => r.model))]) {
      const history = await championHistory(client, model);
      if (history.length > 0) lines.push(`${model}: champion history ${history.join(" -> ")}`);
    }
    return lines;
  }
  if (call.command === "promote") {
    const result = await promoteVersion(client, call.model!, call.version!, {
      minImprovement: call.minImprovement,
      force: call.force,
    });
    const checks = result.decision.checks.map((c) => `  ${c.passed ? "pass" : "FAIL"} ${c.detail}`);
    if (!result.change) throw new Error([result.message, ...checks].join("\n"));
    return [result.message, ...checks];
  }
  return [(await rollbackChampion(client, call.model!)).message];
}

if (import.meta.main) {
  let call: Invocation | undefined;
  try {
    call = parse(Deno.args);
  } catch (error) {
    console.error(`registry: ${(error as Error).message} (deno task registry --help)`);
    Deno.exit(2);
  }
  if (call === undefined) {
    console.log(HELP);
    Deno.exit(0);
  }
  let code = 0;
  try {
    const env = await ensureEnvironment();
    const tracking = await resolveTracking({ mlflowBin: env.mlflow });
    try {
      for (const line of await run(new MlflowClient(tracking.uri), call)) console.log(line);
    } finally {
      await tracking.stop();
    }
  } catch (error) {
    console.error(`registry ${call.command}: ${(error as Error).message}`);
    code = 1;
  }
  Deno.exit(code);
}
