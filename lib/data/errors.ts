/**
 * The error every data-layer failure raises: it names the file or source (`origin`) and says what
 * is wrong, so a failing notebook cell points at the fix.
 * @module
 */

/** A data-layer failure tied to the file or source it came from. */
export class DataError extends Error {
  /** The file path or source name the problem was found in. */
  readonly origin: string;

  constructor(origin: string, problem: string, options?: ErrorOptions) {
    super(`${origin}: ${problem}`, options);
    this.name = "DataError";
    this.origin = origin;
  }
}
