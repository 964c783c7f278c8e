// Child process for crash_test.ts: rewrites one Parquet file forever, each version a complete
// frame whose every `v` value equals the version number, until it is killed.
import pl from "nodejs-polars";
import { writeParquetAtomic } from "@lib/data/parquet.ts";

const [path, rowsArg] = Deno.args;
const rows = Number(rowsArg);
for (let version = 1;; version++) {
  const frame = pl.DataFrame({
    i: Array.from({ length: rows }, (_, i) => i),
    v: new Float64Array(rows).fill(version),
  });
  await writeParquetAtomic(frame, path);
  console.log(version);
}
