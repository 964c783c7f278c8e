/**
 * The interface every market-data source implements, so steps load bars the same way whether
 * they come from the bundled sample, a local file or (later) a vendor.
 * @module
 */
import type pl from "nodejs-polars";
import type { BarQuery } from "./query.ts";

/** A source of daily bars with the columns of `BAR_COLUMNS`. */
export interface DataSource {
  /** A name for messages and run parameters, e.g. the file it reads. */
  readonly name: string;
  /** Every symbol the source can serve, sorted. */
  symbols(): Promise<string[]>;
  /**
   * Bars matching `query`, typed as `BAR_TYPES`, in the source's own row order (validate
   * before sorting so order problems are seen). Throws a `DataError` for an unknown symbol or an
   * empty result.
   */
  load(query?: BarQuery): Promise<pl.DataFrame>;
}
