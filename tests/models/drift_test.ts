import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import {
  driftReport,
  driftStatus,
  kolmogorovSf,
  ksTwoSample,
  populationStability,
} from "@lib/models/drift.ts";
import { seededRandom } from "@lib/models/sample.ts";
import { projectPath } from "@lib/paths.ts";

function normals(n: number, seed: number, mean = 0, sd = 1, round?: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const v = mean + sd * z;
    return round === undefined ? v : Math.round(v * round) / round;
  });
}

Deno.test("populationStability(train, latest) matches a hand-computed PSI on 4 quartile bins", () => {
  // train 1..8: quartile cuts at 2.75, 4.5, 6.25 -> bins {1,2}, {3,4}, {5,6}, {7,8}: 1/4 each
  const train = [1, 2, 3, 4, 5, 6, 7, 8];
  // latest: 1 in bin 0, 1 in bin 1, 0 in bin 2 (floored at 0.01), 2 in bin 3
  const latest = [2, 4, 7, 8];
  const r = populationStability(train, latest, { bins: 4, epsilon: 0.01 });
  assert.deepEqual(Array.from(r.cuts), [2.75, 4.5, 6.25]);
  assert.deepEqual(Array.from(r.expected), [0.25, 0.25, 0.25, 0.25]);
  assert.deepEqual(Array.from(r.actual), [0.25, 0.25, 0, 0.5]);
  const expected = (0.01 - 0.25) * Math.log(0.01 / 0.25) + (0.5 - 0.25) * Math.log(0.5 / 0.25);
  assert.ok(Math.abs(r.psi - expected) < 1e-12, `${r.psi} vs ${expected}`);
});

Deno.test("populationStability puts a value equal to a cut in the bin that cut closes", () => {
  const r = populationStability([1, 2, 3, 4, 5], [3, 3], { bins: 2 }); // median cut 3
  assert.deepEqual(Array.from(r.cuts), [3]);
  assert.deepEqual(Array.from(r.actual), [1, 0]);
  assert.deepEqual(Array.from(r.expected), [0.6, 0.4]);
});

Deno.test("populationStability merges repeated cuts of a discrete feature and ignores NaN", () => {
  const train = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, NaN];
  // deciles of eight 0s and two 1s: 0 (x7), 0.2 (interpolated at position 7.2), 1
  const r = populationStability(train, [0, 1, NaN]);
  assert.equal(r.cuts.length, 3);
  assert.equal(r.cuts[0], 0);
  assert.ok(Math.abs(r.cuts[1] - 0.2) < 1e-12);
  assert.equal(r.cuts[2], 1);
  assert.deepEqual(Array.from(r.expected), [0.8, 0, 0.2, 0]);
  assert.deepEqual(Array.from(r.actual), [0.5, 0, 0.5, 0]);
  assert.equal(r.expected.length, 4);
  assert.throws(() => populationStability([NaN], [1]), /train has no finite value/);
  assert.throws(
    () => populationStability([1, 2], [1], { bins: 1 }),
    /bins must be an integer >= 2/,
  );
});

Deno.test("ksTwoSample(a, b) has D = max |F1 - F2| and the exact p-value of a small case", () => {
  // a = {1, 2}, b = {1.5, 3, 4}: ECDF gaps after 1: 1/2, after 1.5: 1/2-1/3, after 2: 1-1/3
  const r = ksTwoSample([1, 2], [1.5, 3, 4], { method: "exact" });
  assert.ok(Math.abs(r.statistic - 2 / 3) < 1e-15);
  // Under the null each of the C(5, 2) = 10 orderings of the pooled sample is equally likely;
  // the exact p-value is the share of orderings whose D reaches 2/3.
  const orderings: string[] = [];
  for (let i = 0; i < 5; i++) {
    for (let j = i + 1; j < 5; j++) {
      orderings.push([0, 1, 2, 3, 4].map((k) => (k === i || k === j ? "x" : "y")).join(""));
    }
  }
  const extreme = orderings.filter((o) => {
    let fx = 0, fy = 0, d = 0;
    for (const c of o) {
      if (c === "x") fx += 1 / 2;
      else fy += 1 / 3;
      d = Math.max(d, Math.abs(fx - fy));
    }
    return d >= 2 / 3 - 1e-12;
  }).length;
  assert.ok(Math.abs(r.pvalue - extreme / 10) < 1e-14, `${r.pvalue} vs ${extreme / 10}`);
  assert.equal(ksTwoSample([1, 2, 3], [1, 2, 3]).pvalue, 1);
  assert.equal(ksTwoSample([1, 2, 3], [1, 2, 3]).statistic, 0);
  assert.throws(() => ksTwoSample([], [1]), /first sample has no finite value/);
});

Deno.test("kolmogorovSf agrees across its two series where they meet and at known values", () => {
  assert.ok(Math.abs(kolmogorovSf(1 - 1e-12) - kolmogorovSf(1)) < 1e-10);
  // Smirnov's tabulated critical value: P(K > 1.358) = 0.05.
  assert.ok(Math.abs(kolmogorovSf(1.3581) - 0.05) < 1e-4);
  assert.equal(kolmogorovSf(0), 1);
  assert.ok(kolmogorovSf(0.1) > 1 - 1e-15);
});

Deno.test("ksTwoSample and populationStability match scipy ks_2samp(method='exact') and numpy to 1e-9", async () => {
  const cases: { a: number[]; b: number[] }[] = [
    { a: normals(3, 1), b: normals(7, 2) },
    { a: normals(20, 3), b: normals(20, 4) },
    { a: normals(30, 5), b: normals(47, 6, 0.5) },
    { a: normals(100, 7), b: normals(80, 8, 0.2, 1.3) },
    { a: normals(500, 9, 0, 1, 4), b: normals(300, 10, 0.1, 1, 4) }, // ties
    { a: normals(1000, 11), b: normals(250, 12, 0.6) }, // tiny p-value
    { a: normals(2000, 13), b: normals(2000, 14, 0.05) },
    { a: normals(3000, 15), b: normals(120, 16) },
  ];
  const dir = await Deno.makeTempDir({ prefix: "drift-ref-" });
  const input = join(dir, "in.json");
  const output = join(dir, "out.json");
  await Deno.writeTextFile(input, JSON.stringify({ cases }));
  const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
    args: [projectPath("tests", "models", "drift_reference.py"), input, output],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
  const reference = JSON.parse(await Deno.readTextFile(output)).cases as {
    statistic: number;
    pvalue: number;
    asymp_pvalue: number;
    psi: number;
  }[];
  await Deno.remove(dir, { recursive: true });
  cases.forEach(({ a, b }, k) => {
    const exact = ksTwoSample(a, b, { method: "exact" });
    const asymp = ksTwoSample(a, b, { method: "asymp" });
    const ref = reference[k];
    const where = `case ${k} (${a.length} vs ${b.length})`;
    assert.ok(Math.abs(exact.statistic - ref.statistic) <= 1e-12, `${where} statistic`);
    assert.ok(
      Math.abs(exact.pvalue - ref.pvalue) <= 1e-9,
      `${where} exact p ${exact.pvalue} vs scipy ${ref.pvalue}`,
    );
    assert.ok(
      Math.abs(asymp.pvalue - ref.asymp_pvalue) <= 1e-9,
      `${where} asymp p ${asymp.pvalue} vs kstwobign ${ref.asymp_pvalue}`,
    );
    const psi = populationStability(a, b).psi;
    assert.ok(Math.abs(psi - ref.psi) <= 1e-9, `${where} psi ${psi} vs ${ref.psi}`);
  });
  // The shifted 1000 vs 250 case must have a small p-value, or the parity proves little.
  assert.ok(reference[5].pvalue < 1e-4, `p ${reference[5].pvalue}`);
});

Deno.test("ksTwoSample method 'auto' is exact up to n1 x n2 = 1e8 unless p < 1e-12, asymptotic beyond", () => {
  assert.equal(ksTwoSample(normals(100, 1), normals(100, 2)).method, "exact");
  assert.equal(ksTwoSample(normals(20000, 1), normals(10000, 2)).method, "asymp");
  // far in the tail the exact p-value is 0 within rounding: auto reports the asymptotic one
  const separated = ksTwoSample(normals(300, 3), normals(300, 4, 3));
  assert.equal(separated.method, "asymp");
  assert.ok(separated.pvalue < 1e-12);
  assert.ok(
    Math.abs(ksTwoSample(normals(300, 3), normals(300, 4, 3), { method: "exact" }).pvalue) < 1e-12,
  );
  assert.throws(
    () => ksTwoSample([1], [2], { method: "fast" as "exact" }),
    /KS method must be "exact", "asymp" or "auto"/,
  );
});

Deno.test("driftStatus(psi) is ok below 0.1, warn from 0.1 and alert from 0.25", () => {
  assert.equal(driftStatus(0.0999), "ok");
  assert.equal(driftStatus(0.1), "warn");
  assert.equal(driftStatus(0.2499), "warn");
  assert.equal(driftStatus(0.25), "alert");
  assert.equal(driftStatus(0.3, { psiWarn: 0.2, psiAlert: 0.5 }), "warn");
  assert.throws(() => driftStatus(0.1, { psiWarn: 0.3, psiAlert: 0.2 }), /must not exceed/);
});

Deno.test("driftReport(train, latest, features) has one row per feature with status from PSI", () => {
  const train = pl.DataFrame({
    stable: normals(2000, 21),
    shifted: normals(2000, 22),
    withNulls: normals(2000, 23).map((v, i) => (i % 10 === 0 ? null : v)),
  });
  const latest = pl.DataFrame({
    stable: normals(500, 24),
    shifted: normals(500, 25, 1),
    withNulls: normals(500, 26, 0.35),
  });
  const report = driftReport(train, latest, ["stable", "shifted", "withNulls"]);
  assert.deepEqual(report.columns, [
    "feature",
    "n_train",
    "n_latest",
    "psi",
    "ks_stat",
    "ks_pvalue",
    "status",
  ]);
  const rows = report.toRecords() as Record<string, number | string>[];
  assert.deepEqual(rows.map((r) => r.feature), ["stable", "shifted", "withNulls"]);
  assert.equal(rows[0].status, "ok");
  assert.equal(rows[1].status, "alert");
  assert.equal(rows[2].n_train, 1800);
  assert.equal(rows[2].status, "warn", `psi ${rows[2].psi}`);
  assert.ok((rows[1].ks_pvalue as number) < 1e-10);
  assert.ok((rows[0].ks_pvalue as number) > 0.01);
  assert.equal(report.getColumn("n_train").dtype.equals(pl.Int32), true);
  assert.throws(
    () => driftReport(train, latest, ["nope"]),
    /feature "nope" is not in the training frame/,
  );
  assert.throws(
    () => driftReport(train, pl.DataFrame({ stable: [null, null] }), ["stable"]),
    /feature "stable" has no finite value in the latest frame/,
  );
});
