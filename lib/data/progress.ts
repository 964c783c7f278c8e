/**
 * A progress bar over a known number of items (tickers, files): count, elapsed time and ETA.
 * On a terminal it redraws one line in place; elsewhere (a notebook, CI, a log file) it prints a
 * line now and then, so output stays readable when it is not a terminal.
 * @internal
 * @module
 */

/** How a progress bar reports. Every field is optional. */
export interface ProgressOptions {
  /** Printed before the bar, e.g. the source name. Defaults to `progress`. */
  readonly label?: string;
  /** Print nothing (tests, nested loads). Defaults to false. */
  readonly silent?: boolean;
  /** Where text goes. Defaults to standard error. */
  readonly write?: (text: string) => void;
  /** Redraw in place (`\r`) instead of printing lines. Defaults to whether stderr is a terminal. */
  readonly tty?: boolean;
  /** Off a terminal, the least time between two printed lines. Defaults to 5,000 ms. */
  readonly intervalMs?: number;
  /** Characters in the bar. Defaults to 24. */
  readonly width?: number;
  /** The clock, in milliseconds (tests). Defaults to `Date.now`. */
  readonly now?: () => number;
}

/** A running progress bar. */
export interface Progress {
  /** Marks one item finished; `item` names it in the line (e.g. the ticker). */
  tick(item?: string): void;
  /** Ends the bar: prints the final line (and a newline on a terminal). Safe to call twice. */
  done(): void;
  /** Items finished so far. */
  readonly completed: number;
}

/** The state one progress line shows. */
export interface ProgressState {
  /** Printed before the bar. */
  readonly label: string;
  /** Items finished. */
  readonly completed: number;
  /** Items in all. */
  readonly total: number;
  /** Time since the bar started, in milliseconds. */
  readonly elapsedMs: number;
  /** The item finished last, if named. */
  readonly item?: string;
  /** Characters in the bar. Defaults to 24. */
  readonly width?: number;
}

/**
 * Formats a duration as `42s`, `3m05s` or `1h02m`; `--` for an unknown (non-finite) one.
 *
 * @example
 * ```ts
 * import { formatDuration } from "@lib/data/progress.ts";
 * if (formatDuration(185_000) !== "3m05s") throw new Error(formatDuration(185_000));
 * ```
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "--";
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/**
 * Returns one progress line: label, bar, `completed/total`, percent, elapsed time and ETA (the
 * mean time per finished item times the items left; `--` before the first one finishes).
 *
 * @example
 * ```ts
 * import { formatProgress } from "@lib/data/progress.ts";
 * const line = formatProgress({ label: "yahoo", completed: 1, total: 4, elapsedMs: 2000, width: 4 });
 * if (line !== "yahoo [#...] 1/4  25% elapsed 2s ETA 6s") throw new Error(line);
 * ```
 */
export function formatProgress(state: ProgressState): string {
  const { label, completed, total, elapsedMs } = state;
  const width = state.width ?? 24;
  const fraction = total > 0 ? Math.min(completed / total, 1) : 1;
  const filled = Math.round(fraction * width);
  const bar = "#".repeat(filled) + ".".repeat(width - filled);
  const eta = completed > 0 ? (elapsedMs / completed) * (total - completed) : Number.NaN;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const parts = [
    `${label} [${bar}] ${completed}/${total} ${percent}`,
    `elapsed ${formatDuration(elapsedMs)}`,
    `ETA ${completed >= total ? "0s" : formatDuration(eta)}`,
  ];
  if (state.item) parts.push(state.item);
  return parts.join(" ");
}

function isStderrTerminal(): boolean {
  try {
    return Deno.stderr.isTerminal();
  } catch {
    return false;
  }
}

function writeStderr(text: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(text));
}

/**
 * Starts a progress bar over `total` items.
 *
 * @example
 * ```ts
 * import { createProgress } from "@lib/data/progress.ts";
 * const lines: string[] = [];
 * const bar = createProgress(2, { label: "t", tty: false, write: (s) => lines.push(s) });
 * bar.tick("A");
 * bar.tick("B");
 * bar.done();
 * if (!lines.at(-1)!.includes("2/2 100%")) throw new Error(lines.join(""));
 * ```
 */
export function createProgress(total: number, options: ProgressOptions = {}): Progress {
  const label = options.label ?? "progress";
  const now = options.now ?? Date.now;
  const write = options.write ?? writeStderr;
  const tty = options.tty ?? isStderrTerminal();
  const intervalMs = options.intervalMs ?? 5_000;
  const started = now();
  let completed = 0;
  let lastPrinted = Number.NEGATIVE_INFINITY;
  let printedCompleted = -1;
  let closed = false;
  let lastItem: string | undefined;

  const line = () =>
    formatProgress({
      label,
      completed,
      total,
      elapsedMs: now() - started,
      item: lastItem,
      width: options.width,
    });
  const print = (force: boolean) => {
    if (options.silent || closed) return;
    const t = now();
    if (tty) {
      write(`\r\x1b[2K${line()}`);
    } else if (force || t - lastPrinted >= intervalMs) {
      write(`${line()}\n`);
      lastPrinted = t;
      printedCompleted = completed;
    }
  };

  return {
    tick(item?: string) {
      completed++;
      lastItem = item;
      print(completed >= total);
    },
    done() {
      if (closed) return;
      if (!options.silent) {
        if (tty) write(`\r\x1b[2K${line()}\n`);
        else if (printedCompleted !== completed) print(true);
      }
      closed = true;
    },
    get completed() {
      return completed;
    },
  };
}
