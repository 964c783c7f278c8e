/**
 * Daily bars from CSV: a pure parser over text and a thin file reader around it.
 * @module
 */
import pl from "nodejs-polars";
import { BAR_COLUMNS, BAR_TYPES, missingBarColumns } from "./schema.ts";
import { DataError } from "./errors.ts";

/**
 * Reads CSV text with every cell as text, so a bad cell cannot change a whole column's inferred
 * type; a file that is empty or not CSV gets a {@link DataError} naming `origin`.
 */
export function readCsvText(text: string, origin: string): pl.DataFrame {
  if (text.trim() === "") throw new DataError(origin, "the file is empty (no header row)");
  try {
    return pl.readCSV(text, { inferSchemaLength: 0, hasHeader: true });
  } catch (cause) {
    throw new DataError(origin, `cannot parse as CSV (${String(cause)})`, { cause });
  }
}

/**
 * Parses CSV text with a header row into daily bars typed as {@link BAR_TYPES}, columns in
 * canonical order (extra columns are left out). A cell that does not parse as its column's type
 * becomes null so that the `null_values` quality rule reports it; no row is dropped. `origin`
 * names the text in errors.
 *
 * @example
 * ```ts
 * import { parseBarsCsv } from "@lib/data/csv.ts";
 * const bars = parseBarsCsv(
 *   "symbol,date,open,high,low,close,volume\nAAA,2024-01-02,10,11,9,10.5,1000\n",
 *   "inline.csv",
 * );
 * if (bars.height !== 1 || bars.getColumn("close").get(0) !== 10.5) throw new Error("parse");
 * ```
 */
export function parseBarsCsv(text: string, origin: string): pl.DataFrame {
  const raw = readCsvText(text, origin);
  const missing = missingBarColumns(raw);
  if (missing.length > 0) {
    throw new DataError(
      origin,
      `missing column(s) ${missing.map((c) => `"${c}"`).join(", ")}; ` +
        `found ${raw.columns.map((c) => `"${c}"`).join(", ")}; expected ${BAR_COLUMNS.join(",")}`,
    );
  }
  return raw.select(
    ...BAR_COLUMNS.map((column) =>
      column === "symbol" ? pl.col(column) : pl.col(column).cast(BAR_TYPES[column], false)
    ),
  );
}

/** Reads a CSV file of daily bars with {@link parseBarsCsv}; errors name the file. */
export async function readBarsCsv(path: string): Promise<pl.DataFrame> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) {
      throw new DataError(path, "file not found", { cause });
    }
    throw new DataError(path, `cannot read file (${String(cause)})`, { cause });
  }
  return parseBarsCsv(text, path);
}
