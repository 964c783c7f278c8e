import assert from "node:assert/strict";
import { createProgress, formatDuration, formatProgress } from "@lib/data/progress.ts";

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

Deno.test("formatProgress shows count, percent, elapsed and ETA from the mean item time", () => {
  assert.equal(
    formatProgress({
      label: "yahoo",
      completed: 3,
      total: 10,
      elapsedMs: 6000,
      width: 10,
      item: "MSFT",
    }),
    "yahoo [###.......] 3/10  30% elapsed 6s ETA 14s MSFT",
  );
  assert.equal(
    formatProgress({ label: "x", completed: 0, total: 4, elapsedMs: 0, width: 4 }),
    "x [....] 0/4   0% elapsed 0s ETA --",
  );
  assert.equal(
    formatProgress({ label: "x", completed: 4, total: 4, elapsedMs: 65_000, width: 4 }),
    "x [####] 4/4 100% elapsed 1m05s ETA 0s",
  );
});

Deno.test("formatDuration uses seconds, minutes and hours", () => {
  assert.deepEqual([0, 59_400, 60_000, 3_725_000, Number.NaN].map(formatDuration), [
    "0s",
    "59s",
    "1m00s",
    "1h02m",
    "--",
  ]);
});

Deno.test("createProgress off a terminal prints the first item, then at most every interval, and the end", () => {
  const lines: string[] = [];
  const c = clock();
  const bar = createProgress(5, {
    label: "t",
    tty: false,
    intervalMs: 1000,
    width: 5,
    write: (s) => lines.push(s),
    now: c.now,
  });
  for (const symbol of ["A", "B", "C", "D", "E"]) {
    c.advance(400);
    bar.tick(symbol);
  }
  bar.done();
  assert.deepEqual(lines, [
    "t [#....] 1/5  20% elapsed 0s ETA 2s A\n",
    "t [####.] 4/5  80% elapsed 2s ETA 0s D\n",
    "t [#####] 5/5 100% elapsed 2s ETA 0s E\n",
  ]);
});

Deno.test("createProgress on a terminal redraws in place and ends with a newline", () => {
  const out: string[] = [];
  const bar = createProgress(2, {
    label: "t",
    tty: true,
    width: 2,
    write: (s) => out.push(s),
    now: () => 0,
  });
  bar.tick("A");
  bar.tick("B");
  bar.done();
  bar.done();
  assert.equal(out.length, 3);
  assert.ok(out.every((s) => s.startsWith("\r\x1b[2K")));
  assert.ok(out[2].endsWith("2/2 100% elapsed 0s ETA 0s B\n"));
  assert.equal(bar.completed, 2);
});

Deno.test("createProgress with silent prints nothing but still counts", () => {
  const out: string[] = [];
  const bar = createProgress(3, { silent: true, write: (s) => out.push(s) });
  bar.tick();
  bar.done();
  assert.deepEqual(out, []);
  assert.equal(bar.completed, 1);
});
