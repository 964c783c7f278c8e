/**
 * A registered model named with its alias, `NAME@ALIAS`, as `deno task predict --model` and
 * `deno task serve:model` take it.
 * @module
 */

/** A registered model name and the alias to load. */
export interface ModelRef {
  /** Registered model name. */
  name: string;
  /** Alias of the version to load, e.g. `champion`. */
  alias: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/**
 * Returns the model reference in `text` (`NAME@ALIAS`; `NAME` alone means `NAME@champion`).
 * Throws naming `what` and saying what is wrong.
 *
 * @example
 * ```ts
 * import { parseModelRef } from "@lib/serving/model_ref.ts";
 * const ref = parseModelRef("stock-returns@challenger");
 * if (ref.name !== "stock-returns" || ref.alias !== "challenger") throw new Error();
 * if (parseModelRef("stock-actions").alias !== "champion") throw new Error();
 * ```
 */
export function parseModelRef(text: string, what = "--model"): ModelRef {
  const at = text.indexOf("@");
  const name = at < 0 ? text : text.slice(0, at);
  const alias = at < 0 ? "champion" : text.slice(at + 1);
  if (!NAME.test(name)) {
    throw new Error(
      `${what} "${text}": "${name}" is not a model name (letters, digits, _ . -); ` +
        "expected NAME@ALIAS, e.g. stock-returns@champion",
    );
  }
  if (!NAME.test(alias)) {
    throw new Error(
      `${what} "${text}": "${alias}" is not an alias (letters, digits, _ . -); ` +
        "expected NAME@ALIAS, e.g. stock-returns@champion",
    );
  }
  return { name, alias };
}

/** Returns `NAME@ALIAS`. */
export function formatModelRef(ref: ModelRef): string {
  return `${ref.name}@${ref.alias}`;
}
