import assert from "node:assert/strict";
import fc from "fast-check";
import {
  deflatedSharpeRatio,
  expectedMaxSharpe,
  probabilisticSharpeRatio,
} from "@lib/performance/sharpe_inference.ts";
import { normalCdf, normalQuantile } from "@lib/stats/normal.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

// a two-point series: mean 0.01, sample std 0.02 x sqrt(4/3), skew 0, kurtosis 1
const r = Float64Array.from({ length: 4 }, (_, i) => (i % 2 === 0 ? 0.03 : -0.01));

Deno.test("probabilisticSharpeRatio of a two-point series by the paper's formula", () => {
  const sr = 0.01 / (0.02 * Math.sqrt(4 / 3));
  // g3 = 0, g4 = 1: the denominator is sqrt(1 - 0 + 0) = 1
  close(probabilisticSharpeRatio(r), normalCdf(sr * Math.sqrt(3)));
  const target = 0.1 * Math.sqrt(252);
  close(
    probabilisticSharpeRatio(r, { benchmarkSharpe: target }),
    normalCdf((sr - 0.1) * Math.sqrt(3)),
  );
  assert.ok(Number.isNaN(probabilisticSharpeRatio(new Float64Array([0.01, 0.02]))));
  assert.ok(Number.isNaN(probabilisticSharpeRatio(new Float64Array(5).fill(0.01))));
});

Deno.test("expectedMaxSharpe(N, V) follows Bailey & López de Prado (2014), eq. for SR0", () => {
  const g = 0.5772156649015329;
  close(
    expectedMaxSharpe(100, 0.04),
    0.2 * ((1 - g) * normalQuantile(0.99) + g * normalQuantile(1 - 1 / (100 * Math.E))),
  );
  assert.equal(expectedMaxSharpe(1, 0.5), 0);
  assert.throws(() => expectedMaxSharpe(0, 1), /trials must be at least 1; got 0/);
  assert.throws(() => expectedMaxSharpe(3, -1), /variance .* must be >= 0; got -1/);
});

Deno.test("deflatedSharpeRatio is the PSR against the expected best of the trials", () => {
  const returns = Float64Array.from({ length: 400 }, (_, i) => 0.0008 + 0.01 * Math.sin(i * 2.3));
  const trials = [0.1, 0.9, -0.3, 1.4, 0.6, 0.2];
  const d = deflatedSharpeRatio(returns, trials);
  const m = trials.reduce((s, x) => s + x, 0) / trials.length;
  const variance = trials.reduce((s, x) => s + (x - m) ** 2, 0) / (trials.length - 1);
  close(d.variance, variance);
  close(d.threshold, expectedMaxSharpe(6, variance / 252) * Math.sqrt(252));
  close(d.dsr, probabilisticSharpeRatio(returns, { benchmarkSharpe: d.threshold }));
  // more trials with the same spread raise the bar and lower the probability
  const more = deflatedSharpeRatio(returns, trials, { trials: 1000 });
  assert.ok(more.threshold > d.threshold && more.dsr < d.dsr);
  assert.throws(() => deflatedSharpeRatio(returns, [1]), /at least 2 trials; got 1/);
  assert.throws(() => deflatedSharpeRatio(returns, [1, NaN]), /trialSharpes\[1\] is NaN/);
});

Deno.test("probabilisticSharpeRatio falls as the benchmark Sharpe rises (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 10, maxLength: 60 }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      (values, target) => {
        const x = Float64Array.from(values);
        const low = probabilisticSharpeRatio(x, { benchmarkSharpe: target });
        const high = probabilisticSharpeRatio(x, { benchmarkSharpe: target + 0.5 });
        if (Number.isNaN(low)) return true;
        return low >= 0 && low <= 1 && high <= low;
      },
    ),
  );
});
