/**
 * A {@link DataSource} over one CSV file of daily bars.
 * @module
 */
import type pl from "nodejs-polars";
import type { DataSource } from "./source.ts";
import { readBarsCsv } from "./csv.ts";
import { type BarQuery, filterBars } from "./query.ts";

/**
 * Returns a source reading the CSV at `path` (columns symbol,date,open,high,low,close,volume).
 * The file is read once, on first use.
 */
export function csvSource(path: string, name: string = path): DataSource {
  let cached: Promise<pl.DataFrame> | undefined;
  const all = () => cached ??= readBarsCsv(path);
  return {
    name,
    async symbols() {
      const bars = await all();
      return (bars.getColumn("symbol").unique().toArray() as string[]).sort();
    },
    async load(query: BarQuery = {}) {
      return filterBars(await all(), query, name);
    },
  };
}
