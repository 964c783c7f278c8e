/**
 * How charts stay readable on a wide universe: a chart with one mark (line, bar, stack segment)
 * per symbol draws every symbol up to {@link SYMBOL_LIMIT}, and past it a bounded, named subset
 * (the top and bottom symbols by a stated criterion) or an aggregate across symbols, saying so in
 * its title. The helpers here pick the subset; each chart states its criterion.
 * @module
 */

/** Symbols a per-symbol chart draws one mark each for before it picks or aggregates. */
export const SYMBOL_LIMIT = 20;

/** A symbol with the score a chart ranks it by. */
export interface ScoredSymbol {
  /** The symbol. */
  readonly symbol: string;
  /** Its score (higher ranks first); non-finite scores rank last. */
  readonly score: number;
}

/** The symbols a chart draws out of a wider set. */
export interface SymbolPick {
  /** Symbols drawn, best first when a subset was picked, in input order otherwise. */
  readonly shown: readonly string[];
  /** Symbols in the input. */
  readonly total: number;
  /** Whether some symbols were left out (`shown.length < total`). */
  readonly cut: boolean;
}

function ranked(scores: readonly ScoredSymbol[]): ScoredSymbol[] {
  const key = (s: ScoredSymbol) => (Number.isFinite(s.score) ? s.score : -Infinity);
  return [...scores].sort((a, b) => key(b) - key(a) || a.symbol.localeCompare(b.symbol));
}

/**
 * Returns every symbol when there are at most `limit`, else the `limit` highest-scoring ones
 * (ties by name).
 *
 * @example
 * ```ts
 * import { topSymbols } from "@lib/charts/subset.ts";
 * const pick = topSymbols([{ symbol: "A", score: 1 }, { symbol: "B", score: 3 }, { symbol: "C", score: 2 }], 2);
 * if (pick.shown.join() !== "B,C" || !pick.cut) throw new Error(pick.shown.join());
 * ```
 */
export function topSymbols(scores: readonly ScoredSymbol[], limit = SYMBOL_LIMIT): SymbolPick {
  if (scores.length <= limit) {
    return { shown: scores.map((s) => s.symbol), total: scores.length, cut: false };
  }
  return {
    shown: ranked(scores).slice(0, limit).map((s) => s.symbol),
    total: scores.length,
    cut: true,
  };
}

/**
 * Returns every symbol when there are at most `limit`, else the `ceil(limit / 2)` highest and the
 * `floor(limit / 2)` lowest scoring ones, highest first (non-finite scores are never picked
 * as lowest).
 */
export function extremeSymbols(
  scores: readonly ScoredSymbol[],
  limit = SYMBOL_LIMIT,
): SymbolPick {
  if (scores.length <= limit) {
    return { shown: scores.map((s) => s.symbol), total: scores.length, cut: false };
  }
  const finite = ranked(scores.filter((s) => Number.isFinite(s.score)));
  const top = Math.ceil(limit / 2);
  const bottom = Math.min(limit - top, Math.max(0, finite.length - top));
  const shown = finite.slice(0, top).concat(finite.slice(finite.length - bottom));
  return { shown: shown.map((s) => s.symbol), total: scores.length, cut: true };
}

/** "the 10 highest and 10 lowest of 2,000 symbols by <criterion>", for a title or caption. */
export function extremesPhrase(pick: SymbolPick, criterion: string): string {
  const top = Math.ceil(pick.shown.length / 2);
  const bottom = pick.shown.length - top;
  return `the ${top} highest and ${bottom} lowest of ${count(pick.total)} symbols by ${criterion}`;
}

/** A count with thousands separators ("2,000"). */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}
