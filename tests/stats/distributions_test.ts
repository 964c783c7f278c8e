import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import { projectPath } from "@lib/paths.ts";
import {
  fSurvival,
  lnGamma,
  normalCdf,
  normalTwoSidedP,
  regularizedBeta,
  studentTCdf,
  studentTTwoSidedP,
} from "@lib/stats/distributions.ts";

async function scipy<T>(job: unknown): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "dist-ref-" });
  const input = join(dir, "in.json");
  const output = join(dir, "out.json");
  await Deno.writeTextFile(input, JSON.stringify(job));
  const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
    args: [projectPath("tests", "models", "linear_reference.py"), "dist", input, output],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
  const answer = JSON.parse(await Deno.readTextFile(output)) as T;
  await Deno.remove(dir, { recursive: true });
  return answer;
}

/** |a - b| <= tol * max(tiny, |b|): relative, so tail probabilities are held to their size. */
function closeRel(a: number, b: number, tol: number, what: string): void {
  assert.ok(
    Math.abs(a - b) <= tol * Math.max(1e-300, Math.abs(b)),
    `${what}: ${a} != ${b} (rel ${(a - b) / b})`,
  );
}

Deno.test("t, normal, F and beta CDFs match scipy to 1e-11 relative on a grid including far tails", async () => {
  const ts = [-40, -8, -3.2, -1, -0.1, 0, 0.05, 0.7, 1.96, 2.5, 6, 25];
  const dfs = [1, 2, 3, 7.5, 30, 250, 5000];
  const t = ts.flatMap((v) => dfs.map((df) => [v, df]));
  const z = [-30, -10, -5, -2.5, -1.96, -0.3, 0, 1e-8, 0.4, 1, 3, 8, 37];
  const f = [[0.01, 3, 100], [1, 1, 1], [2.5, 4, 50], [10, 10, 996], [0.8, 20, 7], [60, 2, 300]];
  const beta = [[0.001, 0.5, 0.5], [0.3, 2, 5], [0.97, 40, 1.5], [0.5, 300, 320], [1e-5, 0.1, 4]];
  const ref = await scipy<Record<string, number[]>>({ t, z, f, beta });
  t.forEach(([v, df], i) => {
    closeRel(studentTCdf(v, df), ref.t_cdf[i], 1e-11, `t cdf(${v}, ${df})`);
    closeRel(studentTTwoSidedP(v, df), ref.t_p2[i], 1e-11, `t p(${v}, ${df})`);
  });
  z.forEach((v, i) => {
    closeRel(normalCdf(v), ref.norm_cdf[i], 1e-11, `Φ(${v})`);
    closeRel(normalTwoSidedP(v), ref.norm_p2[i], 1e-11, `normal p(${v})`);
  });
  f.forEach(([v, d1, d2], i) => closeRel(fSurvival(v, d1, d2), ref.f_sf[i], 1e-11, `F sf(${v})`));
  beta.forEach(([x, a, b], i) =>
    closeRel(regularizedBeta(x, a, b), ref.beta[i], 1e-11, `I(${x}; ${a}, ${b})`)
  );
});

Deno.test("studentTCdf has the closed forms of 1 and 2 degrees of freedom", () => {
  for (const t of [-5, -1, -0.2, 0, 0.3, 2, 9]) {
    const cauchy = 0.5 + Math.atan(t) / Math.PI;
    const two = 0.5 + t / (2 * Math.sqrt(2 + t * t));
    assert.ok(Math.abs(studentTCdf(t, 1) - cauchy) < 1e-14, `df 1 at ${t}`);
    assert.ok(Math.abs(studentTCdf(t, 2) - two) < 1e-14, `df 2 at ${t}`);
  }
  assert.ok(Math.abs(lnGamma(5) - Math.log(24)) < 1e-13);
  assert.ok(Math.abs(lnGamma(0.5) - Math.log(Math.sqrt(Math.PI))) < 1e-14);
});

Deno.test("studentTCdf(t) + studentTCdf(-t) = 1 and it increases in t", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -50, max: 50, noNaN: true }),
      fc.double({ min: 0.5, max: 1000, noNaN: true }),
      (t, df) => {
        const sum = studentTCdf(t, df) + studentTCdf(-t, df);
        assert.ok(Math.abs(sum - 1) < 1e-13, `${sum}`);
        assert.ok(studentTCdf(t + 0.1, df) >= studentTCdf(t, df));
      },
    ),
    { numRuns: 200, seed: 3 },
  );
});

Deno.test("distribution functions: NaN in gives NaN, infinities give the limits, bad parameters throw", () => {
  assert.ok(Number.isNaN(normalCdf(NaN)) && Number.isNaN(studentTTwoSidedP(NaN, 3)));
  assert.equal(normalCdf(-Infinity), 0);
  assert.equal(studentTTwoSidedP(Infinity, 4), 0);
  assert.equal(fSurvival(0, 2, 3), 1);
  assert.throws(() => studentTCdf(1, 0), /df > 0; got 0/);
  assert.throws(() => regularizedBeta(1.5, 1, 1), /x in \[0, 1\]; got 1.5/);
  assert.throws(() => lnGamma(-1), /x > 0; got -1/);
});
