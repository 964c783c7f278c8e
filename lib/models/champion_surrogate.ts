/**
 * The readable stand-in for the final champion: a small tree fitted to its predictions on the
 * rows it was trained on.
 * @module
 */
import { selectColumns, SYMBOL_FEATURE } from "./dataset.ts";
import type { ModelSpec } from "./model.ts";
import { surrogateTree } from "./tree.ts";
import type { Surrogate, SurrogateOptions } from "./tree.ts";
import type { ChampionFit } from "./fit_champion.ts";

/**
 * Returns the surrogate tree of `fit.model` (built from `spec`) over the training rows: the
 * champion predicts from `features` (plus the symbol when the spec opts into it), the tree
 * learns those predictions from `features` alone.
 *
 * @example
 * ```ts ignore
 * const surrogate = championSurrogate(champion, championSpec, ev.features, { maxDepth: 4 });
 * surrogate.rules; // ["ret_5 <= 0.01 and ...", ...]
 * ```
 */
export function championSurrogate(
  fit: ChampionFit,
  spec: ModelSpec,
  features: readonly string[],
  options: SurrogateOptions = {},
): Surrogate {
  const championX = selectColumns(
    fit.data.x,
    spec.symbolFeature ? [...features, SYMBOL_FEATURE] : features,
  );
  return surrogateTree(
    selectColumns(fit.data.x, features),
    fit.model.predict(championX),
    options,
  );
}
