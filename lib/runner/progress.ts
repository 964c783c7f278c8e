/**
 * Progress lines for a pipeline run: which notebook, which cell, elapsed time. On a terminal the
 * cell counter updates in place; in a log (CI) each cell gets its own line.
 * @module
 */

/** Writes progress to a stream. */
export class Progress {
  readonly #out: { writeSync(p: Uint8Array): number; isTerminal(): boolean };
  readonly #tty: boolean;
  readonly #encoder = new TextEncoder();
  #open = false;

  constructor(out: { writeSync(p: Uint8Array): number; isTerminal(): boolean } = Deno.stderr) {
    this.#out = out;
    this.#tty = out.isTerminal();
  }

  /** Prints a whole line (ending any in-place line first). */
  line(text: string): void {
    this.#end();
    this.#write(text + "\n");
  }

  /** Shows the current cell of the current notebook. */
  cell(label: string, position: number, total: number, startedMs: number): void {
    const elapsed = ((performance.now() - startedMs) / 1000).toFixed(1);
    const text = `  ${label}: cell ${position}/${total} · ${elapsed} s`;
    if (this.#tty) {
      this.#write(`\r\x1b[2K${text}`);
      this.#open = true;
    } else {
      this.#write(text + "\n");
    }
  }

  #end(): void {
    if (this.#open) this.#write("\r\x1b[2K");
    this.#open = false;
  }

  #write(text: string): void {
    this.#out.writeSync(this.#encoder.encode(text));
  }
}
