/**
 * What can be said about a local source folder before anything runs, from its file names and the
 * header line of its CSV files: whether it holds any stock besides the benchmark, whether the
 * benchmark is there, and whether the requested symbols are. A folder whose files may hold many
 * symbols (a CSV with a `symbol` column, or any Parquet file, whose columns are not read here)
 * is left to the source, which names what is missing when it reads the files.
 * @module
 */
import { closeSync, openSync, readSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { folderFiles } from "../../lib/data/sources/local_folder.ts";

/** What the folder check needs to know. */
export interface FolderExpectation {
  /** The benchmark symbol the source reads from the same folder, e.g. `^GSPC`. */
  benchmark: string;
  /** The symbols asked for; empty asks for every file's symbol. */
  symbols: readonly string[];
}

/** The header line of a CSV file, lower case (a few KB are read, never the whole file). */
function headerLine(path: string): string {
  const buffer = new Uint8Array(4096);
  const fd = openSync(path, "r");
  try {
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return new TextDecoder().decode(buffer.subarray(0, read)).split(/\r?\n/)[0].toLowerCase();
  } finally {
    closeSync(fd);
  }
}

function hasSymbolColumn(path: string): boolean {
  return headerLine(path).split(",").some((c) => c.trim().replace(/^"|"$/g, "") === "symbol");
}

/**
 * The problems of the local folder `dir` (an existing folder) for `expected`, as messages naming
 * the folder; empty when none can be seen from the names and headers.
 *
 * @example
 * ```ts ignore
 * folderProblems("data/mine", { benchmark: "^GSPC", symbols: [] });
 * // ['"data/mine" holds only the benchmark file ^GSPC.csv: ...']
 * ```
 */
export function folderProblems(
  dir: string,
  shown: string,
  expected: FolderExpectation,
): string[] {
  let files: string[];
  try {
    // The files the local source reads, listed by the source's own rule.
    files = folderFiles(dir).map((path) => basename(path));
  } catch {
    return [`"${shown}" holds no .csv or .parquet file: the local source has nothing to read`];
  }
  const manySymbols = files.some((name) =>
    extname(name).toLowerCase() === ".parquet" || hasSymbolColumn(join(dir, name))
  );
  if (manySymbols) return [];
  const stems = files.map((name) => name.slice(0, name.length - extname(name).length));
  const stocks = stems.filter((s) => s !== expected.benchmark);
  const problems: string[] = [];
  if (stocks.length === 0) {
    problems.push(
      `"${shown}" holds only the benchmark file (${files.join(", ")}): no stock to load; add ` +
        `one file per symbol (AAPL.csv) or files with a symbol column`,
    );
  }
  if (!stems.includes(expected.benchmark)) {
    problems.push(
      `"${shown}" has no benchmark file ${expected.benchmark}.csv (or .parquet): the local ` +
        `source reads the benchmark (steps 01 and 06 compare against it) from the same folder, ` +
        `in the same layout`,
    );
  }
  const have = new Set(stocks);
  const unknown = expected.symbols.filter((s) => !have.has(s));
  if (stocks.length > 0 && unknown.length > 0) {
    const listed = stocks.slice(0, 20).join(", ") + (stocks.length > 20 ? ", ..." : "");
    problems.push(
      `"${shown}" has no file for symbol(s) ${unknown.join(", ")} (it holds ${stocks.length}: ` +
        `${listed})`,
    );
  }
  return problems;
}
