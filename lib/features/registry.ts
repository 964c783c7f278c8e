/**
 * The feature registry: each feature family is registered once by kind, and turns validated
 * parameters into a column name that states them (`rsi_14`) and a polars expression.
 *
 * A family's expression is written for ONE symbol's rows in date order. `buildFeatures` evaluates
 * it over the whole panel sorted by symbol then date and nulls the first `warmup` rows of each
 * symbol, which gives the same values as evaluating it per symbol as long as it reads at most
 * `warmup` rows back. State carried along the rows (EMAs, cumulative and rolling sums) lives in
 * helpers marked `perSymbol`, which are evaluated with `.over("symbol")`. So no family can read
 * across symbols.
 * @module
 */
import type pl from "nodejs-polars";
import type { z } from "zod";

/** Numeric parameters of a feature, e.g. `{ window: 14 }`. */
export type FeatureParams = Readonly<Record<string, number>>;

/** A column of the daily panel a feature can read. */
export type PanelColumn = "open" | "high" | "low" | "close" | "volume";

/** The catalog's groups, in the order the catalog lists them. */
export const FEATURE_GROUPS = [
  "returns",
  "trend",
  "momentum",
  "volatility",
  "volume",
  "statistics",
  "signal",
] as const;

/** What a family measures: one of {@link FEATURE_GROUPS}. */
export type FeatureGroup = typeof FEATURE_GROUPS[number];

/**
 * A named intermediate column: computed before the features that read it, and dropped from the
 * output. Equal names must mean equal definitions (families share them by name).
 */
export interface Helper {
  /** Column name, starting with `_`, stating the parameters, e.g. `_tr_wilder_14`. */
  readonly name: string;
  /** Expression over one symbol's rows; may read helpers of earlier stages. */
  readonly expr: pl.Expr;
  /**
   * How many leading rows of a symbol are null. Unless `perSymbol`, the expression must read at
   * most this many rows back (directly or through the helpers it reads).
   */
  readonly warmup: number;
  /**
   * True when the expression carries state along a symbol's rows: a recursion (an EMA, a
   * cumulative sum) or a rolling sum, mean or standard deviation (polars slides them by adding
   * and removing values, so their last bits depend on every earlier row). It is then evaluated
   * per symbol (`.over("symbol")`), so no symbol's values depend, even in rounding, on another's.
   */
  readonly perSymbol?: boolean;
}

/** Helper columns stage by stage: stage k may read the panel and helpers of stages before k. */
export type HelperStages = readonly (readonly Helper[])[];

/** A family of features sharing one definition, e.g. every `sma_{window}`. */
export interface FeatureFamily<P extends FeatureParams> {
  /** The family's key in the registry, e.g. `sma`. */
  readonly kind: string;
  /** What the family computes, in words, with units. */
  readonly description: string;
  /** The catalog group it belongs to. */
  readonly group: FeatureGroup;
  /** Panel columns the expression reads (its inputs), e.g. `["high", "low", "close"]`. */
  readonly inputs: readonly PanelColumn[];
  /** Validates raw parameters; errors name the parameter. */
  readonly params: z.ZodType<P>;
  /** The column name, which states the parameters, e.g. `sma_20`. */
  name(params: P): string;
  /**
   * Intermediate columns the expression reads, stage by stage. Recursive indicators (Wilder
   * sums, seeded EMAs) are staged so polars evaluates each once instead of expanding them inline.
   */
  stages?(params: P): HelperStages;
  /**
   * The expression over one symbol's rows sorted by date (Float64); may read its helpers. It
   * reads at most `warmup` rows back and carries no state (recursions and rolling sums belong
   * in `perSymbol` helpers; rolling min and max, shifts and arithmetic are fine).
   */
  expr(params: P): pl.Expr;
  /**
   * How many leading rows of a symbol are null (warm-up). The build nulls exactly these rows of
   * the expression evaluated over the whole panel, so it must be at least the expression's
   * look-back.
   */
  warmup(params: P): number;
}

/** A request for one feature: a family kind and its raw parameters. */
export interface FeatureRequest {
  /** The family's kind, e.g. `rsi`. */
  readonly kind: string;
  /** The family's parameters, e.g. `{ window: 14 }`. */
  readonly params: FeatureParams;
}

/** A feature ready to compute: its column name, expression and warm-up. */
export interface ResolvedFeature {
  /** Column name, e.g. `rsi_14`. */
  readonly name: string;
  /** Family kind it came from. */
  readonly kind: string;
  /** Expression over one symbol's rows (bounded look-back, no recursion). */
  readonly expr: pl.Expr;
  /** Helper columns to compute first, stage by stage. */
  readonly stages: HelperStages;
  /** Leading null rows per symbol. */
  readonly warmup: number;
  /** Panel columns the expression reads. */
  readonly inputs: readonly PanelColumn[];
  /** The family's parameters after validation. */
  readonly params: FeatureParams;
}

/** A table of feature families by kind that refuses to define a kind twice. */
export class FeatureRegistry {
  readonly #families = new Map<string, FeatureFamily<FeatureParams>>();

  /** Adds `family`; throws if its kind is already registered. Returns the registry. */
  register<P extends FeatureParams>(family: FeatureFamily<P>): this {
    if (this.#families.has(family.kind)) {
      throw new Error(`feature kind "${family.kind}" is already registered`);
    }
    // Sound: resolve() only calls a family with values its own `params` schema produced.
    this.#families.set(family.kind, family as unknown as FeatureFamily<FeatureParams>);
    return this;
  }

  /** Every registered kind, in registration order. */
  kinds(): string[] {
    return [...this.#families.keys()];
  }

  /** The family registered under `kind`; throws listing the known kinds when absent. */
  family(kind: string): FeatureFamily<FeatureParams> {
    const family = this.#families.get(kind);
    if (!family) {
      throw new Error(`unknown feature kind "${kind}"; known: ${this.kinds().join(", ")}`);
    }
    return family;
  }

  /** Validates a request's parameters with its family and returns the feature to compute. */
  resolve(request: FeatureRequest): ResolvedFeature {
    const family = this.family(request.kind);
    const parsed = family.params.safeParse(request.params);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) =>
        `${i.path.join(".") || "params"}: ${i.message}`
      );
      throw new Error(`feature "${request.kind}" has invalid params: ${issues.join("; ")}`);
    }
    const params = parsed.data;
    return {
      name: family.name(params),
      kind: family.kind,
      expr: family.expr(params),
      stages: family.stages?.(params) ?? [],
      warmup: family.warmup(params),
      inputs: family.inputs,
      params,
    };
  }

  /**
   * Resolves every request of a spec; throws when two requests produce the same column name,
   * or a name would shadow `symbol` or `date`.
   */
  resolveAll(spec: readonly FeatureRequest[]): ResolvedFeature[] {
    const seen = new Set<string>(["symbol", "date"]);
    return spec.map((request) => {
      const feature = this.resolve(request);
      if (seen.has(feature.name)) {
        throw new Error(`feature "${feature.name}" is defined twice in the spec`);
      }
      seen.add(feature.name);
      return feature;
    });
  }
}
