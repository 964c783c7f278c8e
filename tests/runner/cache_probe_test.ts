import assert from "node:assert/strict";
import { z } from "zod";
import {
  type CacheEntry,
  type Fingerprint,
  fingerprint,
  probeChange,
  probeSummary,
  staleReason,
} from "@lib/runner/cache.ts";
import type { ProbeResult, StepDef } from "@lib/runner/pipeline.ts";

const folder = (items: Record<string, string>): ProbeResult => ({
  subject: "local folder data/vendor",
  unit: "file",
  items,
});
const digests = { notebook: "n", lib: "l", params: "p", inputs: "i", locks: "k" };
const entryWith = (fp: Fingerprint): CacheEntry => ({
  fingerprint: fp,
  outputs: "o",
  record: {} as CacheEntry["record"],
});

Deno.test("staleReason names the files a folder probe saw change, appear and disappear", () => {
  const before = folder({ "A.csv": "10 bytes", "B.csv": "20 bytes", "C.csv": "30 bytes" });
  const after = folder({ "A.csv": "15 bytes", "B.csv": "20 bytes", "D.csv": "5 bytes" });
  const entry = entryWith({ ...digests, probe: before });
  assert.equal(
    staleReason(entry, { ...digests, probe: after }, "o"),
    "source data changed (local folder data/vendor: 1 file changed, 1 added, 1 removed)",
  );
  // Same files, same sizes and times: the step is reused.
  assert.equal(
    staleReason(entry, { ...digests, probe: folder({ ...before.items }) }, "o"),
    undefined,
  );
});

Deno.test("staleReason gives a one-item probe's old and new value, with other reasons", () => {
  const session = (day: string) => ({
    subject: "yahoo (open end)",
    unit: "session",
    items: { session: day },
  });
  const entry = entryWith({ ...digests, probe: session("2026-11-30") });
  assert.equal(
    staleReason(entry, { ...digests, params: "q", probe: session("2026-12-01") }, "o"),
    "parameters changed, source data changed (yahoo (open end): session 2026-11-30 -> 2026-12-01)",
  );
});

Deno.test("a cache entry from before probes, and a new source, are reasons to run", () => {
  const probe = folder({ "A.csv": "1" });
  assert.equal(
    staleReason(entryWith(digests), { ...digests, probe }, "o"),
    "source not probed at its last run (now local folder data/vendor: A.csv 1)",
  );
  assert.equal(
    probeChange(probe, { ...probe, subject: "local folder data/other" }),
    "source changed (local folder data/vendor -> local folder data/other)",
  );
});

Deno.test("fingerprint records a probe's result, and a probe that throws makes the step run", async () => {
  const step = (probe: StepDef["probe"]): StepDef => ({
    name: "acquisition",
    notebook: "notebooks/01_acquisition.ipynb",
    params: z.object({}),
    inputs: [],
    outputs: [],
    probe,
  });
  const seen: Record<string, unknown>[] = [];
  const probed = await fingerprint(
    step((params) => {
      seen.push(params);
      return Promise.resolve(folder({ "A.csv": "1" }));
    }),
    { dataDir: "data/x" },
  );
  assert.deepEqual(seen, [{ dataDir: "data/x" }], "the probe gets the step's parameters");
  assert.deepEqual(probed.probe, folder({ "A.csv": "1" }));

  const failing = await fingerprint(
    step(() => Promise.reject(new Error("cannot read folder data/vendor"))),
    {},
  );
  assert.equal(failing.probeError, "cannot read folder data/vendor");
  // Even against an entry that saw the same failure, the step runs rather than being reused.
  const { probeError: _, ...rest } = failing;
  assert.equal(
    staleReason(entryWith(failing), failing, "o"),
    "source could not be probed (cannot read folder data/vendor)",
  );
  assert.equal(staleReason(entryWith(rest), rest, "o"), undefined);
});

Deno.test("probeSummary shows one item as it is and many as a count with a digest", () => {
  assert.equal(probeSummary(folder({})), "local folder data/vendor");
  const a = probeSummary(folder({ "A.csv": "1", "B.csv": "2" }));
  const b = probeSummary(folder({ "A.csv": "1", "B.csv": "3" }));
  assert.match(a, /^local folder data\/vendor: 2 files, digest [0-9a-f]{12}$/);
  assert.notEqual(a, b);
});
