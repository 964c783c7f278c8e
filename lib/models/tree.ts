/**
 * A CART regression tree from ml-cart, as a small readable baseline.
 *
 * ml-cart's split search re-partitions a column for every candidate threshold, so a node costs
 * O(features x rows²), quadratic in rows: on a 2-core machine about 3.5 s per tree on 5,000 rows
 * x 10 features and 355 s on 50,000. The tree therefore trains on at most `maxRows` rows drawn
 * with `seed`; predictions walk the fitted nodes directly on the typed array.
 *
 * ml-cart quirk: a split whose two children have exactly zero squared error is refused (its
 * "gain" is the children's error and must exceed 0), so perfectly separable toy data stays a
 * single leaf. Real returns never split that cleanly.
 * @module
 */
import { DecisionTreeRegression } from "ml-cart";
import { checkSameFeatures, checkSavedKind, checkTrainingData } from "./model.ts";
import type { FeatureImportance, Model, ModelSpec, SavedModel } from "./model.ts";
import type { FeatureMatrix } from "./matrix.ts";
import { sampleRows } from "./sample.ts";
import { r2 } from "./metrics.ts";

/** Options of {@link DecisionTree}. */
export interface TreeOptions {
  /** Maximum depth of the tree. Defaults to 4. */
  maxDepth?: number;
  /** A node with this many rows or fewer becomes a leaf. Defaults to 20. */
  minNumSamples?: number;
  /** Rows sampled for training when there are more (ml-cart is quadratic). Defaults to 3,000. */
  maxRows?: number;
  /** Seed of the row sample. Defaults to 42. */
  seed?: number;
}

/** A fitted node as ml-cart stores it: a leaf has `distribution`, a split has both children. */
interface CartNode {
  splitColumn?: number;
  splitValue?: number;
  distribution?: number;
  /** Training rows that reached the node. */
  numberSamples?: number;
  left?: CartNode;
  right?: CartNode;
}

interface CartModelJson {
  options: Record<string, unknown>;
  root: CartNode;
  name: string;
}

interface CartRegression {
  train(x: number[][], y: number[]): void;
  toJSON(): CartModelJson;
  root: CartNode;
}

const Cart = DecisionTreeRegression as unknown as {
  new (options: Record<string, unknown>): CartRegression;
  load(model: CartModelJson): CartRegression;
};

interface TreeState {
  cart: CartModelJson;
  importance: number[];
  trainedRows: number;
  /** Training rows reaching each node, in pre-order (node, left, right); absent in old saves. */
  nodeRows?: number[];
}

/** CART regression tree implementing {@link Model}. */
export class DecisionTree implements Model {
  /** Registry key: `"tree"`. */
  readonly kind = "tree";
  /** The options with their defaults filled in. */
  readonly options: Required<TreeOptions>;
  /** Feature names the model was fitted on; empty before `fit`. */
  features: readonly string[] = [];
  private state: TreeState | undefined;

  constructor(options: TreeOptions = {}) {
    this.options = {
      maxDepth: options.maxDepth ?? 4,
      minNumSamples: options.minNumSamples ?? 20,
      maxRows: options.maxRows ?? 3000,
      seed: options.seed ?? 42,
    };
    const { maxDepth, minNumSamples, maxRows } = this.options;
    if (!Number.isInteger(maxDepth) || maxDepth < 1) {
      throw new Error(`tree maxDepth must be an integer >= 1; got ${maxDepth}`);
    }
    if (!Number.isInteger(minNumSamples) || minNumSamples < 1) {
      throw new Error(`tree minNumSamples must be an integer >= 1; got ${minNumSamples}`);
    }
    if (!Number.isInteger(maxRows) || maxRows < 2) {
      throw new Error(`tree maxRows must be an integer >= 2; got ${maxRows}`);
    }
  }

  fit(x: FeatureMatrix, y: Float64Array): void {
    checkTrainingData(x, y);
    const { cols, data } = x;
    const rows = sampleRows(x.rows, this.options.maxRows, this.options.seed);
    const xs: number[][] = new Array(rows.length);
    const ys: number[] = new Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r];
      const row = Array.from(data.subarray(i * cols, (i + 1) * cols));
      row.forEach((v, j) => {
        if (!Number.isFinite(v)) {
          throw new Error(
            `feature "${x.features[j]}" is ${v} at row ${i}; drop incomplete rows first`,
          );
        }
      });
      xs[r] = row;
      ys[r] = y[i];
    }
    const cart = new Cart({
      maxDepth: this.options.maxDepth,
      minNumSamples: this.options.minNumSamples,
    });
    cart.train(xs, ys);
    const json = JSON.parse(JSON.stringify(cart.toJSON())) as CartModelJson;
    this.features = [...x.features];
    this.state = {
      cart: json,
      importance: impurityDecrease(json.root, xs, ys, cols),
      trainedRows: rows.length,
      nodeRows: nodeRows(json.root, xs),
    };
  }

  predict(x: FeatureMatrix): Float64Array {
    const state = this.fitted();
    checkSameFeatures(this.features, x);
    const { rows, cols, data } = x;
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let node = state.cart.root;
      while (node.left && node.right) {
        node = data[i * cols + node.splitColumn!] < node.splitValue! ? node.left : node.right;
      }
      out[i] = node.distribution ?? NaN;
    }
    return out;
  }

  /** Rows the tree was trained on (at most `maxRows`). */
  trainedRows(): number {
    return this.fitted().trainedRows;
  }

  /** Depth of the fitted tree (0 for a single leaf). */
  depth(): number {
    const walk = (node: CartNode): number =>
      node.left && node.right ? 1 + Math.max(walk(node.left), walk(node.right)) : 0;
    return walk(this.fitted().cart.root);
  }

  /**
   * Returns one rule per leaf, left to right: `if x < 0.5 and 2 <= y < 3 then 1.25 (n = 40)`.
   * The left branch of a split is `feature < threshold` (ml-cart's test), the right `>=`;
   * conditions on one feature are merged into one range. `n` is the leaf's training rows.
   */
  rules(options: RulesOptions = {}): string[] {
    const digits = options.digits ?? 4;
    const fmt = (v: number) => String(Number(v.toPrecision(digits)));
    const out: string[] = [];
    const state = this.fitted();
    let id = 0;
    const walk = (node: CartNode, path: Condition[]): void => {
      // ml-cart leaves a node's numberSamples unset when it stops early; prefer our own count.
      const rows = state.nodeRows?.[id++] ?? node.numberSamples;
      if (node.left && node.right) {
        const column = node.splitColumn!;
        const value = node.splitValue!;
        walk(node.left, [...path, { column, value, below: true }]);
        walk(node.right, [...path, { column, value, below: false }]);
        return;
      }
      const conditions = mergeConditions(path).map(({ column, lower, upper }) => {
        const name = this.features[column] ?? `x${column}`;
        if (lower !== undefined && upper !== undefined) {
          return `${fmt(lower)} <= ${name} < ${fmt(upper)}`;
        }
        return lower !== undefined ? `${name} >= ${fmt(lower)}` : `${name} < ${fmt(upper!)}`;
      });
      const count = rows === undefined ? "" : ` (n = ${rows})`;
      out.push(
        `if ${conditions.length > 0 ? conditions.join(" and ") : "true"} then ${
          fmt(node.distribution ?? NaN)
        }${count}`,
      );
    };
    walk(state.cart.root, []);
    return out;
  }

  /** Importance is each feature's share of the squared-error decrease over the training rows. */
  importance(): FeatureImportance[] {
    const state = this.fitted();
    return this.features.map((feature, j) => ({ feature, importance: state.importance[j] }));
  }

  save(): SavedModel {
    const state = this.fitted();
    return {
      kind: this.kind,
      version: 1,
      features: [...this.features],
      params: { ...this.options },
      state: structuredClone(state),
    };
  }

  /** Rebuilds a fitted tree from {@link DecisionTree.save}'s output. */
  static load(saved: SavedModel): DecisionTree {
    checkSavedKind(saved, "tree");
    const state = saved.state as TreeState;
    if (state?.cart?.name !== "DTRegression") {
      throw new Error("saved tree state holds no ml-cart regression tree");
    }
    Cart.load(state.cart); // validates the node structure ml-cart would accept
    const model = new DecisionTree(saved.params as TreeOptions);
    model.features = [...saved.features];
    model.state = structuredClone(state);
    return model;
  }

  private fitted(): TreeState {
    if (!this.state) throw new Error("tree model is not fitted; call fit first");
    return this.state;
  }
}

/**
 * Returns a {@link ModelSpec} for a CART tree named `tree` (or `options.name`).
 *
 * @example
 * ```ts
 * import { tree } from "@lib/models/tree.ts";
 * const model = tree({ maxDepth: 2, minNumSamples: 1 }).create();
 * const x = { data: new Float64Array([1, 2, 3, 4, 5, 6]), rows: 6, cols: 1, features: ["x"] };
 * model.fit(x, new Float64Array([0, 0.1, 0, 5, 5.1, 5]));
 * if (model.predict(x)[0] > 1 || model.predict(x)[5] < 4) throw new Error("no split");
 * ```
 */
export function tree(options: TreeOptions & { name?: string } = {}): ModelSpec {
  const { name = "tree", ...rest } = options;
  return { name, create: () => new DecisionTree(rest) };
}

/** Options of {@link treeRules}. */
export interface RulesOptions {
  /** Significant digits of thresholds and leaf values. Defaults to 4. */
  digits?: number;
}

/**
 * Returns the fitted tree's rules, one line per leaf (see {@link DecisionTree.rules}).
 *
 * @example
 * ```ts
 * import { DecisionTree, treeRules } from "@lib/models/tree.ts";
 * const m = new DecisionTree({ maxDepth: 1, minNumSamples: 1 });
 * const x = { data: new Float64Array([1, 2, 3, 4, 5, 6]), rows: 6, cols: 1, features: ["x"] };
 * m.fit(x, new Float64Array([0, 0.1, 0, 5, 5.2, 5]));
 * const rules = treeRules(m);
 * if (rules[0] !== "if x < 3.5 then 0.03333 (n = 3)") throw new Error(rules[0]);
 * ```
 */
export function treeRules(tree: DecisionTree, options: RulesOptions = {}): string[] {
  return tree.rules(options);
}

/** Returns the rules as printable text, one leaf per line. */
export function treeRulesText(tree: DecisionTree, options: RulesOptions = {}): string {
  return tree.rules(options).join("\n");
}

/** Options of {@link surrogateTree}. */
export interface SurrogateOptions {
  /** Depth of the surrogate; small so its rules stay readable. Defaults to 3. */
  maxDepth?: number;
  /** A node with this many rows or fewer becomes a leaf. Defaults to 20. */
  minNumSamples?: number;
  /** Rows sampled to fit the surrogate. Defaults to 2,000. */
  maxRows?: number;
  /** Seed of the row sample. Defaults to 42. */
  seed?: number;
}

/** A surrogate tree and how faithfully it reproduces the champion. */
export interface Surrogate {
  /** The fitted surrogate. */
  tree: DecisionTree;
  /** R² of the surrogate's predictions against the champion's, over every row of `x`. */
  fidelity: number;
  /** Rows the surrogate was fitted on. */
  trainedRows: number;
  /** The surrogate's rules (see {@link treeRules}). */
  rules: string[];
}

/**
 * Fits a small tree to a champion model's predictions (on at most `maxRows` rows of `x`) and
 * returns it with its fidelity: the R² of surrogate against champion predictions over all rows
 * of `x`. A high fidelity means the rules describe what the champion does, not that the champion
 * is right.
 *
 * @example
 * ```ts
 * import { surrogateTree } from "@lib/models/tree.ts";
 * const n = 200;
 * const x = { data: Float64Array.from({ length: n }, (_, i) => i), rows: n, cols: 1, features: ["x"] };
 * const champion = Float64Array.from({ length: n }, (_, i) => (i < 100 ? -1 : 1) + 0.001 * (i % 7));
 * const s = surrogateTree(x, champion, { maxDepth: 1 });
 * if (!(s.fidelity > 0.99) || s.rules.length !== 2) throw new Error(String(s.fidelity));
 * ```
 */
export function surrogateTree(
  x: FeatureMatrix,
  championPredictions: Float64Array,
  options: SurrogateOptions = {},
): Surrogate {
  const surrogate = new DecisionTree({
    maxDepth: options.maxDepth ?? 3,
    minNumSamples: options.minNumSamples ?? 20,
    maxRows: options.maxRows ?? 2000,
    seed: options.seed ?? 42,
  });
  surrogate.fit(x, championPredictions);
  return {
    tree: surrogate,
    fidelity: r2(championPredictions, surrogate.predict(x)),
    trainedRows: surrogate.trainedRows(),
    rules: surrogate.rules(),
  };
}

interface Condition {
  column: number;
  value: number;
  below: boolean;
}

function mergeConditions(
  path: Condition[],
): { column: number; lower?: number; upper?: number }[] {
  const byColumn = new Map<number, { column: number; lower?: number; upper?: number }>();
  for (const { column, value, below } of path) {
    const range = byColumn.get(column) ?? { column };
    if (below) range.upper = range.upper === undefined ? value : Math.min(range.upper, value);
    else range.lower = range.lower === undefined ? value : Math.max(range.lower, value);
    byColumn.set(column, range);
  }
  return [...byColumn.values()];
}

function nodeRows(root: CartNode, xs: number[][]): number[] {
  const ids = new Map<CartNode, number>();
  const order = (node: CartNode): void => {
    ids.set(node, ids.size);
    if (node.left && node.right) {
      order(node.left);
      order(node.right);
    }
  };
  order(root);
  const counts = new Array<number>(ids.size).fill(0);
  for (const row of xs) {
    let node = root;
    counts[ids.get(node)!]++;
    while (node.left && node.right) {
      node = row[node.splitColumn!] < node.splitValue! ? node.left : node.right;
      counts[ids.get(node)!]++;
    }
  }
  return counts;
}

function impurityDecrease(root: CartNode, xs: number[][], ys: number[], cols: number): number[] {
  const gain = new Array<number>(cols).fill(0);
  const visit = (node: CartNode, rows: number[]): void => {
    if (!node.left || !node.right || rows.length === 0) return;
    const left: number[] = [];
    const right: number[] = [];
    for (const i of rows) (xs[i][node.splitColumn!] < node.splitValue! ? left : right).push(i);
    gain[node.splitColumn!] += sse(rows, ys) - sse(left, ys) - sse(right, ys);
    visit(node.left, left);
    visit(node.right, right);
  };
  visit(root, ys.map((_, i) => i));
  const total = gain.reduce((a, b) => a + b, 0);
  return total > 0 ? gain.map((g) => g / total) : gain;
}

function sse(rows: number[], ys: number[]): number {
  if (rows.length === 0) return 0;
  let mean = 0;
  for (const i of rows) mean += ys[i];
  mean /= rows.length;
  let s = 0;
  for (const i of rows) s += (ys[i] - mean) ** 2;
  return s;
}
