import assert from "node:assert/strict";
import { factorReturns } from "@lib/analysis/factor_returns.ts";
import { frame } from "./fixtures.ts";

const close = (a: number, b: number, tol = 1e-15) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

Deno.test("factorReturns weights the demeaned factor by |w| summing to 1 and compounds", () => {
  // date 0: factor 1, 2, 6 -> demeaned -2, -1, 3 over 6: w = -1/3, -1/6, 1/2
  // date 1: factor 4, 4, 4 -> no spread: weights 0, return 0
  // date 2: factor 0, 1, 2 -> w = -1/2, 0, 1/2; c has no forward return: earns nothing
  // date 3: no forward return at all: NaN
  const data = frame({
    symbol: ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"],
    factor: [1, 2, 6, 4, 4, 4, 0, 1, 2, 3, 1, 2],
    fwd_ret_1: [0.01, 0.02, 0.04, 0.1, 0.2, 0.3, 0.02, 0.05, null, null, null, null],
  }, [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
  const f = factorReturns(data);
  assert.deepEqual(f.columns, ["date", "factor_return", "cumulative"]);
  const r = f.getColumn("factor_return").toArray() as number[];
  const r0 = -0.01 / 3 - 0.02 / 6 + 0.04 / 2;
  close(r[0], r0);
  assert.equal(r[1], 0);
  close(r[2], -0.5 * 0.02);
  assert.ok(Number.isNaN(r[3]), "a date without any forward return is NaN");
  const c = f.getColumn("cumulative").toArray() as number[];
  close(c[0], 1 + r0);
  close(c[2], (1 + r0) * (1 - 0.01));
  close(c[3], c[2], 0); // NaN compounds as 0
});

Deno.test("factorReturns joins fwd_ret_1 from the labels when the factor data lacks it", () => {
  const days = [0, 0, 1, 1];
  const data = frame({
    symbol: ["a", "b", "a", "b"],
    factor: [1, 3, 2, 0],
    fwd_ret_5: [0, 0, 0, 0],
  }, days);
  // a label row the factor data does not have (symbol c) is not joined
  const labels = frame({
    symbol: ["a", "b", "c", "a", "b"],
    fwd_ret_1: [0.1, 0.3, 9, -0.2, 0.4],
  }, [0, 0, 0, 1, 1]);
  const r = factorReturns(data, { labels }).getColumn("factor_return").toArray() as number[];
  // date 0: w = -1/2, 1/2; date 1: w = 1/2, -1/2
  close(r[0], 0.5 * (0.3 - 0.1));
  close(r[1], 0.5 * (-0.2 - 0.4));
  assert.throws(() => factorReturns(data), /no column "fwd_ret_1" and no labels/);
  assert.throws(
    () => factorReturns(data, { labels, horizon: 2 }),
    /labels have no column "fwd_ret_2"/,
  );
});

Deno.test("factorReturns of fewer than 2 symbols is an empty frame, not an error", () => {
  const one = frame({ symbol: ["a", "a"], factor: [1, 2], fwd_ret_1: [0.1, 0.2] }, [0, 1]);
  const f = factorReturns(one);
  assert.equal(f.height, 0);
  assert.deepEqual(f.columns, ["date", "factor_return", "cumulative"]);
  assert.equal(factorReturns(one.head(0)).height, 0);
});
