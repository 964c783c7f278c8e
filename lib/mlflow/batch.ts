/**
 * Splitting a `runs/log-batch` call into as many requests as MLflow's per-request limits need.
 * @internal
 * @module
 */
import type { WireKeyValue, WireMetric } from "./wire.ts";

/** Per-request limits of `runs/log-batch`. */
export interface LogBatchLimits {
  metrics: number;
  params: number;
  tags: number;
  /** Metrics, params and tags together. */
  total: number;
  /** Approximate JSON size of one request's entries, in bytes. */
  maxBytes: number;
}

/** MLflow's limits for `runs/log-batch`, plus a size cap under its documented 1 MB request limit. */
export const LOG_BATCH_LIMITS: Readonly<LogBatchLimits> = {
  metrics: 1000,
  params: 100,
  tags: 100,
  total: 1000,
  maxBytes: 900_000,
};

/** One `runs/log-batch` request body (without `run_id`). */
export interface LogBatchChunk {
  metrics: WireMetric[];
  params: WireKeyValue[];
  tags: WireKeyValue[];
}

/**
 * Splits a batch into requests that respect MLflow's `log-batch` limits, keeping the order of
 * each kind. Each chunk takes params and tags first, then fills up with metrics.
 *
 * @example
 * ```ts
 * import { chunkLogBatch } from "@lib/mlflow/batch.ts";
 * const metrics = Array.from({ length: 1500 }, (_, i) => ({
 *   key: `m${i}`, value: i, timestamp: 0, step: 0,
 * }));
 * const chunks = chunkLogBatch({ metrics, params: [], tags: [] });
 * if (chunks.length !== 2) throw new Error("1500 metrics need two requests");
 * ```
 */
export function chunkLogBatch(
  batch: LogBatchChunk,
  limits: Readonly<LogBatchLimits> = LOG_BATCH_LIMITS,
): LogBatchChunk[] {
  const encoder = new TextEncoder();
  const chunks: LogBatchChunk[] = [];
  const next = { metrics: 0, params: 0, tags: 0 };
  const left = () =>
    next.metrics < batch.metrics.length || next.params < batch.params.length ||
    next.tags < batch.tags.length;
  while (left()) {
    const chunk: LogBatchChunk = { metrics: [], params: [], tags: [] };
    let count = 0;
    let bytes = 0;
    const take = (kind: "params" | "tags" | "metrics", max: number) => {
      const source = batch[kind] as Array<WireMetric | WireKeyValue>;
      const target = chunk[kind] as Array<WireMetric | WireKeyValue>;
      while (next[kind] < source.length && target.length < max && count < limits.total) {
        const item = source[next[kind]];
        const size = encoder.encode(JSON.stringify(item)).length + 1;
        // Always take one item per chunk so an oversized item still makes progress.
        if (count > 0 && bytes + size > limits.maxBytes) return;
        target.push(item);
        next[kind]++;
        count++;
        bytes += size;
      }
    };
    take("params", limits.params);
    take("tags", limits.tags);
    take("metrics", limits.metrics);
    chunks.push(chunk);
  }
  return chunks;
}
